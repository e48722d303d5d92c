"""Reading the bytes of an export into sheets of text (fields.md §7, 文件格式混杂).

The extension is not trusted: the first bytes decide. D0 CF 11 E0 is a legacy .xls (or an encrypted
.xlsx, which is refused with a clear message), PK is .xlsx, `<` is an HTML table saved as .xls,
PAR1 is parquet, anything else is CSV (UTF-8 with or without BOM, else GB18030; comma or tab).
Excel is read with python-calamine (an .xlsx sheet of text only with fastexcel: text_xlsx.py), CSV
with pyarrow (falling back to the csv module for ragged files), every cell ending up as text.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from . import text_xlsx
from .cells import cell_text, column_text, number_text

HEAD_ROWS = 40  # rows converted to text up front for header detection (at least header_scan_rows + 2)
PARQUET_BATCH = 32768  # parquet rows read, converted and checked at a time
CHUNK = 16384  # rows converted to Arrow at a time: a sheet's Python cell objects never all live at once
_EXACT = 2**53  # doubles below this are exact integers


@dataclass(frozen=True)
class Limits:
    """How much a file may unpack into, and the longest cell ([run] max_unpacked, max_cell_chars)."""

    max_unpacked: int = 10**9
    max_cell_chars: int = 32767


# A part of an .xlsx this much larger than its compressed size, and large, is a "zip bomb" (real
# workbooks compress their XML about 5 to 20 times).
_BOMB_RATIO = 200
_BOMB_MIN = 50 * 10**6


def check_unpacked(path: Path, kind: str, limits: Limits) -> None:
    """Refuse a file that would unpack into more than the limit, before any of it is read."""
    if kind == "xlsx":
        try:
            with zipfile.ZipFile(path) as zf:
                parts = zf.infolist()
        except (zipfile.BadZipFile, OSError):
            return  # calamine says what is wrong with it
        total = sum(p.file_size for p in parts)
        bomb = next((p for p in parts if p.file_size > _BOMB_MIN and p.file_size > _BOMB_RATIO * max(p.compress_size, 1)),
                    None)
        if total > limits.max_unpacked or bomb is not None:
            what = (f"其中 {bomb.filename} 压缩了 {bomb.file_size // max(bomb.compress_size, 1)} 倍（可能是“压缩炸弹”）"
                    if bomb is not None else f"解压后共 {total / 1e9:.1f} GB")
            raise InputError(f"文件 {path.name} {what}，超过允许的大小（[run] max_unpacked = {limits.max_unpacked / 1e9:g} GB），"
                             "未读取；确属正常的大文件时请在 auditor.toml 的 [run] 中调大 max_unpacked")
    elif kind in ("xls", "html") and path.stat().st_size > limits.max_unpacked:
        raise InputError(f"文件 {path.name} 有 {path.stat().st_size / 1e9:.1f} GB，超过允许的大小（[run] max_unpacked），"
                         "未读取；请另存为 CSV 或 parquet，或在 auditor.toml 的 [run] 中调大 max_unpacked")


@dataclass
class Grid:
    """One sheet: the first rows as text (to find the header) and a way to get the columns."""

    file: Path
    sheet: str  # '' for CSV and parquet
    head: list[list[str]]
    first_line: int  # row number (as Excel shows it) of head[0]
    rows: Iterable[list[object]] | None = None  # Excel (typed cells, streamed once), HTML, ragged CSV
    table: pa.Table | None = None  # CSV read by pyarrow (records from head[0])
    batches: Callable[[], Iterator[pa.Table]] | None = None  # parquet: the rows in batches, read on demand
    named: bool = False  # parquet: the columns are already named; there is no header row
    width: int = 0  # the widest row, so no cell right of the header is lost

    def chunks(self, start: int, width: int) -> Iterator[tuple[list[pa.Array], list[pa.Array | None], pa.Array]]:
        """Text columns, 'was numeric' flags and line numbers of the rows from index `start` on:
        one chunk for a sheet read whole, a chunk per batch for a parquet file (read on demand)."""
        if self.batches is not None:
            line = self.first_line
            for body in self.batches():
                yield self._typed(body, width, line)
                line += body.num_rows
            return
        if self.table is not None:
            yield self._typed(self.table.slice(start), width, self.first_line + start)
            return
        yield self._cells(start, width)

    @staticmethod
    def _typed(body: pa.Table, width: int, first: int) -> tuple[list[pa.Array], list[pa.Array | None], pa.Array]:
        cols = [_arrow_text(body.column(i)) if i < body.num_columns else _blank(body.num_rows) for i in range(width)]
        flags = [_arrow_numeric(body.column(i)) if i < body.num_columns else None for i in range(width)]
        return cols, flags, pa.array(range(first, first + body.num_rows), pa.int64())

    def _cells(self, start: int, width: int) -> tuple[list[pa.Array], list[pa.Array | None], pa.Array]:
        assert self.rows is not None
        texts: list[list[pa.Array]] = [[] for _ in range(width)]
        numeric: list[list[pa.Array | None]] = [[] for _ in range(width)]
        n = 0
        body = itertools.islice(iter(self.rows), start, None)
        while chunk := list(itertools.islice(body, CHUNK)):
            wider = max(map(len, chunk))
            if wider > width:  # a ragged row longer than any before: earlier rows are blank there
                texts += [[_blank(n)] if n else [] for _ in range(wider - width)]
                numeric += [[None] if n else [] for _ in range(wider - width)]
                width = wider
            n += len(chunk)
            padded = [r if len(r) == width else [*r, *([""] * (width - len(r)))] for r in chunk]
            for i, column in enumerate(zip(*padded, strict=True)):
                t, f = column_arrays(column)
                texts[i].append(t)
                numeric[i].append(f)
        self.rows = None  # streamed: the cells are now in the Arrow columns
        lines = pa.array(range(self.first_line + start, self.first_line + start + n), pa.int64())
        cols = [pa.chunked_array(t, pa.string()).combine_chunks() for t in texts]
        flags = [None if all(f is None for f in fs) else pa.chunked_array(
            [pa.array([False] * len(t), pa.bool_()) if f is None else f for f, t in zip(fs, ts, strict=True)],
            pa.bool_()).combine_chunks() for fs, ts in zip(numeric, texts, strict=True)]
        return cols, flags, lines


def column_arrays(values: tuple) -> tuple[pa.Array, pa.Array | None]:
    """Cells of one column as text, and per-cell 'was numeric' flags (None when none was).

    Text-only columns go straight to Arrow; columns of text and doubles (amounts, months) convert
    the doubles vectorised; anything else (dates, booleans) cell by cell.
    """
    try:
        return pa.array(values, pa.string()), None  # the common case: one pass, no type check first
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass
    if set(map(type, values)) <= {str, float}:
        nums = pa.array([v if type(v) is float else None for v in values], pa.float64())
        strs = pa.array([v if type(v) is str else "" for v in values], pa.string())
        is_num = pc.is_valid(nums)
        return pc.if_else(is_num, _float_text(nums), strs), is_num
    texts, flags = column_text(values)
    return pa.array(texts, pa.string()), None if flags is None else pa.array(flags, pa.bool_())


def _blank(n: int) -> pa.Array:
    return pa.array([""] * n, pa.string())


def _arrow_text(col: pa.ChunkedArray | pa.Array) -> pa.Array | pa.ChunkedArray:
    """A typed parquet/CSV column as the text Excel would show (integers without '.0')."""
    if col.type == pa.string() and not col.null_count:
        return col  # CSV text as read: no copy
    arr = one_chunk(col)
    t = arr.type
    if pa.types.is_dictionary(t):
        arr, t = arr.dictionary_decode(), t.value_type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        out = arr.cast(pa.string())
    elif pa.types.is_floating(t):
        out = _float_text(arr.cast(pa.float64()))
    elif pa.types.is_boolean(t):
        out = pc.if_else(arr, "TRUE", "FALSE")
    elif pa.types.is_timestamp(t):
        seconds = arr.cast(pa.timestamp("s", t.tz), safe=False)
        out = pc.strftime(seconds, "%Y-%m-%d %H:%M:%S")
        out = pc.replace_substring_regex(out, r" 00:00:00$", "")
    elif pa.types.is_date(t):
        out = pc.strftime(arr, "%Y-%m-%d")
    elif pa.types.is_decimal(t):  # 12000.00 → 12000, 1.50 → 1.5 (the number, as for Excel cells)
        out = pc.replace_substring_regex(arr.cast(pa.string()), r"\.0*$|(\.\d*?)0+$", r"\1")
    else:
        try:
            out = arr.cast(pa.string())
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            out = pa.array([None if v is None else str(v) for v in arr.to_pylist()], pa.string())
    return pc.fill_null(out, "") if out.null_count else out


def one_chunk(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    """The column as one array, without copying when it already is one chunk."""
    if isinstance(col, pa.Array):
        return col
    return col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()


def _float_text(arr: pa.Array) -> pa.Array:
    """Doubles as number_text writes them: integers below 2^53 vectorised, the rest one by one."""
    simple = pc.fill_null(pc.and_(pc.equal(arr, pc.floor(arr)), pc.less(pc.abs(arr), float(_EXACT))), False)
    out = pc.if_else(simple, pc.if_else(simple, arr, 0.0).cast(pa.int64()).cast(pa.string()), pa.scalar(None, pa.string()))
    rest = pc.and_(pc.invert(simple), pc.is_valid(arr))
    if pc.any(rest).as_py():
        texts = [number_text(v) for v in arr.filter(rest).to_pylist()]
        out = pc.replace_with_mask(out, rest, pa.array(texts, pa.string()))
    return out


def _arrow_numeric(col: pa.ChunkedArray) -> pa.Array | None:
    """Which cells of a typed (parquet) column were stored as binary floats, the only numbers that may
    have lost an ID's digits: an integer or decimal column holds every digit exactly (not Excel damage)."""
    if pa.types.is_floating(col.type):
        return pc.is_valid(one_chunk(col))
    return None


def sniff(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            magic = fh.read(512)
    except FileNotFoundError as exc:
        raise InputError(f"文件不存在：{path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} 是文件夹，不是导出文件") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror}") from exc
    if not magic:
        raise InputError(f"文件 {path.name} 是空文件")
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if magic.startswith(b"PK\x03\x04"):
        return "xlsx"
    if magic.startswith(b"PAR1"):
        return "parquet"
    if magic.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return "html"
    return "csv"


def read_grids(path: Path, head_rows: int = HEAD_ROWS, limits: Limits | None = None) -> Iterator[Grid]:
    """The sheets of one file, each with its first `head_rows` rows as text."""
    kind = sniff(path)
    limits = limits or Limits()
    check_unpacked(path, kind, limits)
    csv.field_size_limit(max(4 * limits.max_cell_chars + 1024, 131072))
    if kind in ("xls", "xlsx"):
        yield from _read_excel(path, kind, head_rows)
    elif kind == "parquet":
        yield _read_parquet(path)
    elif kind == "html":
        yield from _read_html(path, head_rows)
    else:
        yield _read_csv(path, head_rows)


def _read_excel(path: Path, kind: str, head_rows: int) -> Iterator[Grid]:
    """Each worksheet: all-text sheets of an .xlsx straight into Arrow (text_xlsx), the others
    through python-calamine's typed cells. The XML scan for error cells runs beside the parse."""
    import python_calamine as cal

    try:
        wb = cal.CalamineWorkbook.from_path(str(path))
    except cal.PasswordError as exc:
        raise InputError(f"文件 {path.name} 有密码保护，请在 Excel 中去掉密码后另存再审核") from exc
    except Exception as exc:  # calamine raises several types for corrupt or foreign files
        raise InputError(f"文件 {path.name} {_not_a_workbook(path, kind)}") from exc
    if kind != "xlsx":
        yield from _sheet_grids(path, wb, dict, head_rows)
        return
    with ThreadPoolExecutor(1) as pool:
        scan = pool.submit(_xlsx_errors, path)
        yield from _sheet_grids(path, wb, scan.result, head_rows, text_xlsx.open_reader(path), _typed_near_top(path))


def _sheet_grids(path: Path, wb, errors: Callable[[], dict[str, dict[tuple[int, int], str]]], head_rows: int,
                 fast=None, typed: frozenset[str] = frozenset()) -> Iterator[Grid]:
    """The worksheets of `wb`, each tried first with `fast` (the fastexcel reader, for .xlsx) unless
    it is one of the `typed` sheets, and otherwise read by python-calamine. `errors()` gives the
    error cells per sheet (for .xlsx it waits for the scan that finds them)."""
    import python_calamine as cal

    def errors_of(name: str) -> dict[tuple[int, int], str]:
        return errors().get(name, {})

    for meta in wb.sheets_metadata:
        if meta.typ != cal.SheetTypeEnum.WorkSheet:
            continue
        text = fast and meta.name not in typed and text_xlsx.text_sheet(fast, meta.name, lambda n=meta.name: errors_of(n))
        if text:
            body, top = text
            head = [["" if v is None else v for v in row]
                    for row in zip(*(c.to_pylist() for c in body.slice(0, head_rows).columns), strict=True)]
            yield Grid(path, meta.name, head, top + 1, table=body, width=body.num_columns)
            continue
        try:
            sheet = wb.get_sheet_by_name(meta.name)
        except Exception as exc:
            raise InputError(f"文件 {path.name} 工作表“{meta.name}”无法读取（{type(exc).__name__}）") from exc
        top, left = sheet.start or (0, 0)
        rows = _sheet_rows(sheet, top, left, errors_of(meta.name))
        head_raw = list(itertools.islice(rows, head_rows))
        head = [[cell_text(v) for v in row] for row in head_raw]
        yield Grid(path, meta.name, head, top + 1, rows=itertools.chain(head_raw, rows), width=sheet.width)


def _sheet_rows(sheet, top: int, left: int, errors: dict[tuple[int, int], str]) -> Iterator[list[object]]:
    """The rows of the sheet's used range, from its first row; error cells get their text back."""
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None:
        return
    if top > 0 and all(v == "" for v in first):
        # iter_rows starts at the sheet's row 1 (to_python at the used range): skip to the range.
        rows = itertools.islice(rows, top - 1, None)
    else:
        rows = itertools.chain([first], rows)
    if not errors:
        yield from rows
        return
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in errors.items():
        by_row.setdefault(r, []).append((c - left, text))
    for r, row in enumerate(rows, start=top):
        for c, text in by_row.get(r, ()):
            if 0 <= c < len(row):
                row[c] = text
        yield row


def _not_a_workbook(path: Path, kind: str) -> str:
    """Why calamine could not open the file, in words a county office understands."""
    if kind == "xls":
        return "不是可读取的 Excel 工作簿（可能是 Word 等其他 Office 文档改了扩展名，或文件已损坏），请重新导出"
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "已损坏（不是完整的 .xlsx 压缩包，可能下载或复制未完成），请重新导出"
    if "word/document.xml" in names:
        return "是 Word 文档，不是 Excel 工作簿（可能改了扩展名）"
    if "xl/workbook.xml" not in names:
        return "是压缩包，但不是 Excel 工作簿（可能改了扩展名）"
    return "是 Excel 工作簿，但内容已损坏，无法读取，请重新导出"


_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*\bt=[\"']e[\"'][^>]*)>(.*?)</(?:\w+:)?c>", re.S)
_CELL_REF = re.compile(rb"\br=[\"']([A-Z]+)(\d+)[\"']")
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _xlsx_errors(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Error cells (#N/A, #VALUE!…) per sheet, by 0-based (row, column).

    calamine reads an error cell as empty; fields.md §7 wants its text. Error cells are rare, so each
    sheet's XML is only scanned for the error type marker and parsed when it has one.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, part in _sheet_parts(zf).items():
                if part not in zf.namelist() or not _contains(zf, part, (b't="e"', b"t='e'")):
                    continue
                cells: dict[tuple[int, int], str] = {}
                for m in _ERROR_CELL.finditer(zf.read(part)):
                    ref, value = _CELL_REF.search(m.group(1)), _CELL_VALUE.search(m.group(2))
                    if ref and value:
                        col = 0
                        for ch in ref.group(1):
                            col = col * 26 + ch - 64
                        cells[(int(ref.group(2)) - 1, col - 1)] = value.group(1).decode("utf-8", "replace")
                found[name] = cells
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return {}
    return found


_CELL_TAG = re.compile(rb"<c\b([^>]*)>")
_TEXT_TYPE = re.compile(rb"""\bt\s*=\s*["'](?:s|str|inlineStr|e)["']""")
_TOP_BYTES = 1 << 19


def _typed_near_top(path: Path) -> frozenset[str]:
    """Sheets whose first half megabyte of XML already has a number, date or boolean cell: fastexcel's
    text path would parse the whole sheet only to refuse it, so they go to python-calamine at once.
    Only the speed rests on this guess; the strict type guess decides what is exact (text_xlsx)."""
    typed = set()
    try:
        with zipfile.ZipFile(path) as zf:
            for name, part in _sheet_parts(zf).items():
                with zf.open(part) as fh:
                    top = fh.read(_TOP_BYTES)
                if any(not m.group(1).endswith(b"/") and not _TEXT_TYPE.search(m.group(1))
                       for m in _CELL_TAG.finditer(top)):
                    typed.add(name)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return frozenset()
    return frozenset(typed)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xl/workbook.xml and its relationships)."""
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in ElementTree.fromstring(zf.read("xl/workbook.xml")).iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_NS_REL) in targets:
            target = targets[sheet.get(_NS_REL)]
            parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _contains(zf: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 22):
            window = tail + chunk
            if any(n in window for n in needles):
                return True
            tail = window[-8:]
    return False


def _quoted_breaks(path: Path) -> bool:
    """Whether a line break may sit inside a quoted value: some line ends after an odd number of
    quote characters. (Neither byte occurs inside a multi-byte character of UTF-8 or GB18030.)"""
    import mmap

    import numpy as np

    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        return mm.find(b'"') >= 0 and _odd_quotes_at_breaks(np.frombuffer(mm, np.uint8))


def _odd_quotes_at_breaks(data) -> bool:
    import numpy as np

    quotes = 0
    for at in range(0, len(data), 1 << 24):
        block = data[at: at + (1 << 24)]
        special = block[np.flatnonzero(block <= 34)]  # the few bytes that matter: " \n \r (and spaces)
        before = np.cumsum(special == 34) + quotes  # quotes up to each of them
        if (before[(special == 10) | (special == 13)] % 2).any():
            return True
        quotes = int(before[-1]) if len(before) else quotes
    return False


def _encoding(path: Path, sample: bytes | None = None) -> str:
    """Strict UTF-8 (BOM allowed), else GB18030 (which covers GBK/cp936); else the file is refused.

    With a sample (the first bytes) this is a guess, which the full read confirms: pyarrow checks
    that every value is valid UTF-8, the codecs are strict.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            if sample is not None:
                decoder.decode(sample, final=False)
                return encoding
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 24):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"文件 {path.name} 的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），"
                     "请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后再审核")


def _csv_head(path: Path, encoding: str, head_rows: int) -> tuple[str, list[list[str]]]:
    """The delimiter and the first records. Comma or tab: the one that splits a header row into
    recognisable field names; failing that, the one that separates more fields."""
    from .header import count_matches

    with path.open("rb") as fh:
        sample = codecs.getincrementaldecoder(encoding)("replace").decode(fh.read(1 << 16))
    scores = {}
    for delimiter in (",", "\t"):
        records = list(itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), head_rows))
        scores[delimiter] = (max((count_matches(r) for r in records), default=0), sum(len(r) - 1 for r in records if r))
    delimiter = max(scores, key=lambda d: scores[d])
    with path.open(encoding=encoding, newline="") as fh:
        head = list(itertools.islice(csv.reader(fh, delimiter=delimiter), head_rows))
    return delimiter, head


def _read_csv(path: Path, head_rows: int) -> Grid:
    with path.open("rb") as fh:
        start = fh.read(1 << 16)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"文件 {path.name} 是 UTF-16 编码的文本，不支持；请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后再审核")
    if b"\x00" in start[:4096]:
        raise InputError(f"文件 {path.name} 不是表格文件（含有二进制内容，或是不支持的 UTF-16 编码文本）")
    encoding = _encoding(path, start)
    try:
        try:
            delimiter, head = _csv_head(path, encoding, head_rows)
        except UnicodeDecodeError:  # the guess came from the first bytes only: settle it
            encoding = _encoding(path)
            delimiter, head = _csv_head(path, encoding, head_rows)
    except csv.Error as exc:
        raise InputError(f"文件 {path.name} 不是可读取的 CSV 文件（{exc}）") from exc
    width = max((len(r) for r in head), default=0)
    # Line breaks inside quoted values force pyarrow to split the file serially (half the speed):
    # that is asked for only when the bytes allow one.
    quoted_breaks = _quoted_breaks(path)
    table = _arrow_csv(path, encoding, delimiter, width, quoted_breaks)
    if table is None:
        settled = _encoding(path)  # the read failed: an encoding problem past the first bytes?
        if settled != encoding:
            encoding = settled
            delimiter, head = _csv_head(path, encoding, head_rows)
            width = max((len(r) for r in head), default=0)
            table = _arrow_csv(path, encoding, delimiter, width, quoted_breaks)
    if table is not None and table.num_columns == width:
        return Grid(path, "", head, 1, table=table, width=width)
    # Rows of differing width (title and note rows, blank lines): read exactly with the csv module.
    return Grid(path, "", head, 1, rows=_csv_rows(path, encoding, delimiter), width=width)


def _arrow_csv(path: Path, encoding: str, delimiter: str, width: int, quoted_breaks: bool) -> pa.Table | None:
    import pyarrow.csv as pcsv

    try:
        return pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(encoding="utf8" if encoding == "utf-8-sig" else encoding,
                                          autogenerate_column_names=True),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted_breaks,
                                            ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        try:
            yield from csv.reader(fh, delimiter=delimiter)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise InputError(f"文件 {path.name} 有超长的单元格（超过 [run] max_cell_chars 允许的长度），"
                                 "可能不是导出文件或已损坏") from exc
            raise InputError(f"文件 {path.name} 不是可读取的 CSV 文件（{exc}）") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"文件 {path.name} 的编码无法识别（第 {exc.start} 字节附近既不是 UTF-8 也不是 "
                             "GBK/GB18030），请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后再审核") from exc


def _read_parquet(path: Path) -> Grid:
    """A parquet file is read a batch at a time when its rows are asked for (a province export of
    millions of persons never lives in memory whole); its column names are the header."""
    import pyarrow.parquet as pq

    try:
        names = pq.ParquetFile(path).schema_arrow.names
    except Exception as exc:
        raise InputError(f"文件 {path.name} 不是可读取的 parquet 文件（{exc}）") from exc

    def batches() -> Iterator[pa.Table]:
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH):
                yield pa.Table.from_batches([batch])
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"文件 {path.name} 读取中断，parquet 数据已损坏（{exc}）") from exc

    # Rows are numbered as the same table shows in Excel or CSV: the column names are row 1.
    return Grid(path, "", [list(names)], 2, batches=batches, named=True, width=len(names))


class _TableParser(HTMLParser):
    """The cells of every <table>, as a browser lays them out (unclosed tags, colspan, rowspan)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._covered: dict[int, int] = {}  # column → rows still covered by a rowspan from above

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._end_row()
            self.tables.append([])
            self._covered = {}
        elif tag == "tr" and self.tables:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self.tables:
            self._end_cell()
            if self._row is None:
                self._row = []
            self._skip_covered()
            a = dict(attrs)
            self._span = (_int(a.get("colspan")), _int(a.get("rowspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()  # a last row left open

    def _skip_covered(self) -> None:
        assert self._row is not None
        while self._covered.get(len(self._row), 0) > 0:
            self._covered[len(self._row)] -= 1
            self._row.append("")

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            cols, rows = self._span
            if rows > 1:
                for c in range(len(self._row), len(self._row) + cols):
                    self._covered[c] = rows - 1
            self._row.append("".join(self._cell).strip(" \t\r\n"))
            self._row.extend([""] * (cols - 1))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self.tables:
            self._skip_covered()
            self.tables[-1].append(self._row)
        self._row = None


def _int(text: str | None) -> int:
    return int(text) if text and text.strip().isdigit() and 0 < int(text) < 1000 else 1


def _read_html(path: Path, head_rows: int) -> Iterator[Grid]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"文件 {path.name} 是网页表格，但编码无法识别")
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    if not any(parser.tables):
        raise InputError(f"文件 {path.name} 是网页或 XML 文件，其中没有表格")
    for i, rows in enumerate(parser.tables, start=1):
        if rows:
            yield Grid(path, f"表{i}" if len(parser.tables) > 1 else "", rows[:head_rows], 1, rows=rows,  # type: ignore[arg-type]
                       width=max(map(len, rows)))
