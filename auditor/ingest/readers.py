"""Reading the bytes of an export into sheets of text (fields.md §7, 文件格式混杂).

The extension is not trusted: the first bytes decide. D0 CF 11 E0 is a legacy .xls (or an encrypted
.xlsx, which is refused with a clear message), PK is .xlsx, `<` is an HTML table saved as .xls,
PAR1 is parquet, anything else is CSV (UTF-8 with or without BOM, else GB18030; comma or tab).
Excel is read with python-calamine, CSV with pyarrow (falling back to the csv module for ragged
files), every cell ending up as text.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from .cells import cell_text, column_text

HEAD_ROWS = 40  # rows converted to text up front for header detection


@dataclass
class Grid:
    """One sheet: the first rows as text (to find the header) and a way to get the columns."""

    file: Path
    sheet: str  # '' for CSV and parquet
    head: list[list[str]]
    first_line: int  # row number (as Excel shows it) of head[0]
    rows: list[list[object]] | None = None  # Excel/HTML/CSV-fallback cells (typed for Excel)
    table: pa.Table | None = None  # CSV read by pyarrow (records from head[0]) or parquet
    named: bool = False  # parquet: the columns are already named; there is no header row

    def columns(self, start: int, width: int) -> tuple[list[pa.Array], list[pa.Array | None], pa.Array]:
        """Text columns, 'was numeric' flags and line numbers of the rows from index `start` on."""
        if self.table is not None:
            body = self.table.slice(start)
            cols = [_arrow_text(body.column(i)) if i < body.num_columns else _blank(body.num_rows)
                    for i in range(width)]
            flags = [_arrow_numeric(body.column(i)) if i < body.num_columns else None for i in range(width)]
            lines = pa.array(range(self.first_line + start, self.first_line + start + body.num_rows), pa.int64())
            return cols, flags, lines
        assert self.rows is not None
        body_rows = self.rows[start:]
        lines = pa.array(range(self.first_line + start, self.first_line + start + len(body_rows)), pa.int64())
        padded = [r if len(r) >= width else [*r, *([""] * (width - len(r)))] for r in body_rows]
        transposed = list(zip(*padded, strict=False)) if padded else [() for _ in range(width)]
        cols, flags = [], []
        for i in range(width):
            texts, numeric = column_text(transposed[i] if i < len(transposed) else [""] * len(body_rows))
            cols.append(pa.array(texts, pa.string()))
            flags.append(pa.array(numeric, pa.bool_()) if numeric is not None else None)
        return cols, flags, lines


def _blank(n: int) -> pa.Array:
    return pa.array([""] * n, pa.string())


def _arrow_text(col: pa.ChunkedArray) -> pa.Array:
    """A typed parquet/CSV column as the text Excel would show (integers without '.0')."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        out = arr.cast(pa.string())
    elif pa.types.is_floating(t):
        integral = pc.and_(pc.is_finite(arr), pc.equal(arr, pc.floor(arr)))
        integral = pc.and_(integral, pc.less(pc.abs(arr), 9.2e18))
        as_int = pc.if_else(integral, arr, 0).cast(pa.int64()).cast(pa.string())
        out = pc.if_else(integral, as_int, arr.cast(pa.string()))
    elif pa.types.is_boolean(t):
        out = pc.if_else(arr, "TRUE", "FALSE")
    elif pa.types.is_timestamp(t):
        out = pc.strftime(arr, "%Y-%m-%d %H:%M:%S")
        out = pc.replace_substring_regex(out, r" 00:00:00$", "")
    elif pa.types.is_date(t):
        out = pc.strftime(arr, "%Y-%m-%d")
    else:
        out = arr.cast(pa.string())
    return pc.fill_null(out, "")


def _arrow_numeric(col: pa.ChunkedArray) -> pa.Array | None:
    t = col.type
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return pc.is_valid(col.combine_chunks())
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
    stripped = magic.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"<" and (b"<table" in magic.lower() or b"<html" in magic.lower() or b"<!doctype" in magic.lower()):
        return "html"
    return "csv"


def read_grids(path: Path) -> Iterator[Grid]:
    kind = sniff(path)
    if kind in ("xls", "xlsx"):
        yield from _read_excel(path, kind)
    elif kind == "parquet":
        yield _read_parquet(path)
    elif kind == "html":
        yield from _read_html(path)
    else:
        yield _read_csv(path)


def _read_excel(path: Path, kind: str) -> Iterator[Grid]:
    import python_calamine as cal

    if kind == "xls" and _is_encrypted_ole(path):
        raise InputError(f"文件 {path.name} 有密码保护，请在 Excel 中去掉密码后另存再审核")
    try:
        wb = cal.CalamineWorkbook.from_path(str(path))
    except cal.PasswordError as exc:
        raise InputError(f"文件 {path.name} 有密码保护，请在 Excel 中去掉密码后另存再审核") from exc
    except Exception as exc:  # calamine raises several types for corrupt files
        raise InputError(f"文件 {path.name} 不是可读取的 Excel 文件（{type(exc).__name__}），请确认文件完整") from exc
    for meta in wb.sheets_metadata:
        if str(meta.typ) != "SheetTypeEnum.WorkSheet" and "WorkSheet" not in str(meta.typ):
            continue
        try:
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python()
        except Exception as exc:
            raise InputError(f"文件 {path.name} 工作表“{meta.name}”无法读取（{type(exc).__name__}）") from exc
        first_line = (sheet.start[0] + 1) if sheet.start else 1
        head = [[cell_text(v) for v in row] for row in rows[:HEAD_ROWS]]
        yield Grid(path, meta.name, head, first_line, rows=rows)


def _is_encrypted_ole(path: Path) -> bool:
    """An encrypted .xlsx is an OLE container holding an EncryptedPackage stream."""
    with path.open("rb") as fh:
        data = fh.read(1 << 16)
    return "EncryptedPackage".encode("utf-16-le") in data


def _detect_encoding(path: Path) -> str:
    """Strict UTF-8 (BOM allowed) over the whole file, else GB18030 (covers GBK/cp936)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 22):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    decoder = codecs.getincrementaldecoder("gb18030")("strict")
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 22):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "gb18030"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"文件 {path.name} 的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），请在 Excel 中另存为 .xlsx 后再审核"
            ) from exc


def _read_csv(path: Path) -> Grid:
    import pyarrow.csv as pcsv

    encoding = _detect_encoding(path)
    with path.open("rb") as fh:
        head_bytes = fh.read(1 << 16)
    head_text = codecs.getincrementaldecoder(encoding)("replace").decode(head_bytes)
    if b"\x00" in head_bytes[:4096]:
        raise InputError(f"文件 {path.name} 不是导出文件（看起来是二进制文件）")
    lines = head_text.splitlines()[:HEAD_ROWS]
    delimiter = "\t" if sum(x.count("\t") for x in lines) > sum(x.count(",") for x in lines) else ","
    head = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))[:HEAD_ROWS]
    width = max((len(r) for r in head), default=0)

    class _Ragged(Exception):
        pass

    def _reject(_row: object) -> str:
        raise _Ragged

    try:
        table = pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(encoding="utf8" if encoding == "utf-8-sig" else encoding,
                                          autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                            ignore_empty_lines=False, invalid_row_handler=_reject),
            convert_options=pcsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
        if table.num_columns != width:
            raise _Ragged
        return Grid(path, "", head, 1, table=table)
    except (_Ragged, pa.ArrowInvalid):
        # Rows of differing width (title and note rows, blank lines): read exactly with the csv module.
        with path.open(encoding=encoding, newline="") as fh:
            rows: list[list[object]] = list(csv.reader(fh, delimiter=delimiter))
        return Grid(path, "", [[str(c) for c in r] for r in rows[:HEAD_ROWS]], 1, rows=rows)


def _read_parquet(path: Path) -> Grid:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:
        raise InputError(f"文件 {path.name} 不是可读取的 parquet 文件（{exc}）") from exc
    return Grid(path, "", [list(table.column_names)], 1, table=table, named=True)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = dict(attrs).get("colspan")
            self._span = int(span) if span and span.isdigit() else 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._row.extend([""] * (self._span - 1))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read_html(path: Path) -> Iterator[Grid]:
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
    for i, rows in enumerate(parser.tables, start=1):
        if rows:
            yield Grid(path, f"表{i}", rows[:HEAD_ROWS], 1, rows=rows)  # type: ignore[arg-type]
