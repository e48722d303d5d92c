"""Ingest: export files → one canonical member table of original text (fields.md §1, §2, §7).

Every cell is kept as the text found; nothing is normalised here except the header names. Each row
carries its source file, sheet and Excel row number. Several files (one per township is common) are
concatenated in the order given. What does not fit — note rows, repeated headers, rows without any
key, unrecognised or duplicate headers, IDs stored as numbers — is reported as a structure issue,
never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from ..fields import MAIN_REQUIRED, MAIN_SUGGESTED
from .header import HeaderLayout, assign_names, find_header, secondary_kind, sheet_kind
from .readers import HEAD_ROWS, Grid, Limits, one_chunk, read_grids

NOTE_PREFIXES = ("注", "说明", "填表人", "审核人", "制表", "合计", "总计")
ID_LIKE = ("证件号码", "户编号", "户主证件号码")


@dataclass
class Issue:
    """A file-structure problem (rules.md §10.5): not a rule finding, but always reported."""

    kind: str
    file: str
    sheet: str
    detail: str
    lines: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"类型": self.kind, "文件": self.file, "工作表": self.sheet, "说明": self.detail,
                "行号": self.lines[:50], "行数": len(self.lines)}


class Ingested:
    """The main table (original text, canonical column names) and the secondary tables.

    The main table's rows come as `batches()`: for a parquet file read a batch at a time (a
    province export never lives in memory whole), otherwise the whole table at once. `main` is the
    whole table, built on first use. What reading finds wrong in the rows (dropped note rows and
    the like) is in `issues` once the batches have all been read, as are `sheets`' row counts.
    """

    def __init__(self, parts: list[_Part], headers: dict[str, str], extras: dict[str, pa.Table],
                 issues: list[Issue], files: list[str], sheets: list[dict]) -> None:
        self.headers = headers  # column name → header text as found
        self.extras = extras
        self.issues = issues
        self.files = files
        self.sheets = sheets  # what was read from where: file, sheet, kind, rows
        self.columns = list(dict.fromkeys(c for p in parts for c in p.columns))
        self.titles = [(p.file, t) for p in parts for t in p.titles]  # (file, text) above the main tables' headers
        self.streamed = any(p.streamed for p in parts)  # some rows are read only when asked for
        self._parts: list[_Part] | None = parts
        self._main: pa.Table | None = None

    def batches(self) -> Iterator[pa.Table]:
        """The main table's rows (with `_row`, numbered from 0 in file order), batch by batch; once."""
        if self._main is not None:
            yield self._main
            return
        if self._parts is None:
            raise RuntimeError("主表的数据已经读取过一次")
        parts, self._parts = self._parts, None
        start = 0
        for part in parts:
            for table in part.tables():
                table = _aligned(table, self.columns)
                yield table.append_column("_row", pa.array(np.arange(start, start + table.num_rows, dtype=np.int64)))
                start += table.num_rows

    @property
    def main(self) -> pa.Table:
        if self._main is None:
            tables = list(self.batches())
            self._main = tables[0] if len(tables) == 1 else pa.concat_tables(tables)
        return self._main


@dataclass
class _Part:
    """One sheet of the main or a secondary table: its columns, and its rows as one or more tables."""

    file: str
    sheet: str
    columns: list[str]
    tables: Callable[[], Iterator[pa.Table]]
    streamed: bool = False  # read in batches (parquet) rather than whole
    titles: tuple[str, ...] = ()  # the texts of the rows above the header ("数据截至2024年6月30日")


def _where(grid: Grid) -> str:
    return f"文件 {grid.file.name}" + (f" 工作表“{grid.sheet}”" if grid.sheet else "")


def read_exports(paths: list[str | Path], scan_rows: int = 10, limits: Limits | None = None) -> Ingested:
    if not paths:
        raise InputError("没有给出要审核的导出文件")
    mains: list[_Part] = []
    extras: dict[str, list[_Part]] = {}
    headers: dict[str, str] = {}
    issues: list[Issue] = []
    sheets: list[dict] = []
    files = [Path(p) for p in paths]
    for path in files:
        found = False
        problems: list[str] = []
        for grid in read_grids(path, max(HEAD_ROWS, scan_rows + 2), limits):
            sheet = {"文件": path.name, "工作表": grid.sheet}
            result = _read_sheet(grid, scan_rows, issues, problems, sheet, limits or Limits())
            if result is None:
                continue
            kind, part, labels = result
            found = True
            sheets.append(sheet)
            if kind == "主表":
                mains.append(part)
                for name, label in labels.items():
                    headers.setdefault(name, label)
            else:
                extras.setdefault(kind, []).append(part)
        if not found:
            detail = "；".join(problems) if problems else "文件中没有任何数据"
            raise InputError(f"文件 {path.name} 不是防返贫监测导出：{detail}")
        main_sheets = [s["工作表"] for s in sheets if s["文件"] == path.name and s["类型"] == "主表"]
        if len(main_sheets) > 1:
            issues.append(Issue("一个文件中有多张主表", path.name, "",
                                f"工作表 {'、'.join(main_sheets)} 都是主表，已合并审核（行的来源工作表见明细）"))
    if not mains:
        raise InputError("给出的文件中没有主表（须含 户编号、姓名、证件号码、与户主关系 列），无法审核")
    counts = [s.get("行数") for s in sheets if s["类型"] == "主表"]
    if None not in counts and not sum(counts):  # read whole, and no data row (a parquet file: known when read)
        raise no_rows_error(sheets)
    _note_missing_columns(mains, issues)
    ing = Ingested(mains, headers, {k: _whole(v) for k, v in extras.items()}, issues, [str(p) for p in files], sheets)
    missing = [c for c in MAIN_SUGGESTED if c not in ing.columns]
    if missing:
        issues.append(Issue("缺少建议列", "", "", f"缺少 {'、'.join(missing)} 列，乡镇排名和明细将不完整"))
    return ing


def no_rows_error(sheets: list[dict]) -> InputError:
    """The error for an export whose main table has no data row (known once its rows are read)."""
    names = "、".join(dict.fromkeys(s["文件"] for s in sheets if s["类型"] == "主表"))
    return InputError(f"文件 {names} 的主表没有数据行（只有表头或注释行），无法审核")


def _note_missing_columns(parts: list[_Part], issues: list[Issue]) -> None:
    """Sheets of several files are concatenated by column name; a column one lacks reads as blank."""
    if len(parts) == 1:
        return
    names = list(dict.fromkeys(c for p in parts for c in p.columns))
    for p in parts:
        shown = [c for c in names if c not in p.columns and not c.startswith("_")]
        if shown:
            issues.append(Issue("合并的文件缺少列", p.file, p.sheet,
                                f"缺少 {'、'.join(shown)} 列（其他文件有），这些行按空值处理"))


def _whole(parts: list[_Part]) -> pa.Table:
    """The sheets of one secondary table, concatenated (they are small: read whole)."""
    names = list(dict.fromkeys(c for p in parts for c in p.columns))
    return pa.concat_tables([_aligned(t, names) for p in parts for t in p.tables()])


def _aligned(table: pa.Table, names: list[str]) -> pa.Table:
    """The table with exactly `names` as columns, in that order: one it lacks is blank text."""
    if table.column_names == names:
        return table
    for c in names:
        if c not in table.column_names:
            blank = pa.array([False] * table.num_rows, pa.bool_()) if c.startswith("_num_") else _repeat("", table.num_rows)
            table = table.append_column(c, blank)
    return table.select(names)


def _read_sheet(grid: Grid, scan_rows: int, issues: list[Issue], problems: list[str], info: dict, limits: Limits):
    """The sheet's kind, its rows as a _Part and its header texts; None when it is not a table to audit.
    `info` (file, sheet) gets the kind now and the row count once the rows are read."""
    where = _where(grid)
    sheet = f"工作表“{grid.sheet}”" if grid.sheet else ""
    if grid.named:
        layout = HeaderLayout(0, [], list(grid.head[0]), [""] * len(grid.head[0]))
    else:
        layout = find_header(grid.head, scan_rows)
        if layout is None:
            if any(any(c.strip() for c in row) for row in grid.head):
                problems.append(f"{sheet}前 {scan_rows} 行中找不到表头（至少 3 个可识别的字段名；表头在更下面时，"
                                f"可在 auditor.toml 的 [parameters] 中调大 header_scan_rows）")
                issues.append(Issue("找不到表头", grid.file.name, grid.sheet, f"前 {scan_rows} 行中没有至少 3 个可识别字段名的行"))
            return None
    width = max(len(layout.labels), grid.width)
    labels = layout.labels + [""] * (width - len(layout.labels))
    groups = layout.groups + [""] * (width - len(layout.groups))
    names, notes = assign_names(labels, groups, "主表")
    kind = sheet_kind(names) or secondary_kind(labels)
    if kind is None:
        missing = [c for c in MAIN_REQUIRED if c not in names]
        problems.append(f"{sheet}缺少必需列：{'、'.join(missing)}")
        issues.append(Issue("未审核的工作表", grid.file.name, grid.sheet,
                            f"有表头，但既不是主表（缺少 {'、'.join(missing)}）也不是可识别的副表"))
        return None
    if kind != "主表":
        names, notes = assign_names(labels, groups, kind)
    else:
        missing = [c for c in MAIN_REQUIRED if c not in names]
        if missing:
            raise InputError(f"{where} 缺少必需列：{'、'.join(missing)}")
    for note in notes:
        issues.append(Issue("重复表头", grid.file.name, grid.sheet, note))
    info["类型"] = kind
    titles = tuple(c.strip() for row in grid.head[:layout.header_rows[0]] for c in row if c.strip()) if layout.header_rows else ()
    streamed = grid.batches is not None
    chunks = grid.chunks(layout.first_data_index, width)
    first = None if streamed else next(chunks)
    if first is not None:  # read whole: the extra columns of ragged rows are known, blank ones dropped
        extra = len(first[0]) - width
        labels, names = labels + [""] * extra, names + [None] * extra
    final_names, headers, unknown = _name_columns(labels, names, None if first is None else first[0])
    if unknown:
        issues.append(Issue("未识别的列", grid.file.name, grid.sheet, "、".join(unknown)))
    header_rows = [{n: (row[i].strip() if i < len(row) else "") for i, n in enumerate(final_names) if n}
                   for row in (grid.head[r] for r in layout.header_rows)]

    def build(cols: list[pa.Array], flags: list[pa.Array | None], lines: pa.Array,
              found: dict[str, list[int]]) -> pa.Table:
        _check_cells(grid, final_names, cols, lines, limits)
        table = _drop_rows(_sheet_table(final_names, cols, flags, lines, streamed), kind, header_rows, found)
        table = table.append_column("_file", _repeat(grid.file.name, table.num_rows))
        table = table.append_column("_sheet", _repeat(grid.sheet, table.num_rows))
        if kind == "主表":
            _find_numeric_household_ids(table, found)
        return table

    def report(found: dict[str, list[int]], rows: int) -> None:
        info["行数"] = rows
        for label, hit in found.items():
            issues.append(Issue(label, grid.file.name, grid.sheet, f"{len(hit)} 行{_DETAILS.get(label, '')}", hit))

    if first is not None:
        found: dict[str, list[int]] = {}
        table = build(*first, found)
        report(found, table.num_rows)
        return kind, _Part(grid.file.name, grid.sheet, table.column_names, lambda: iter([table]), titles=titles), headers

    def batches() -> Iterator[pa.Table]:
        found: dict[str, list[int]] = {}
        rows = 0
        for chunk in chunks:
            table = build(*chunk, found)
            rows += table.num_rows
            yield table
        if not rows:  # a parquet file without rows: still a table of its columns
            yield build([pa.array([], pa.string()) for _ in final_names], [None] * len(final_names), pa.array([], pa.int64()), found)
        report(found, rows)

    columns = [c for n in final_names if n for c in (n, *([f"_num_{n}"] if n in ID_LIKE else []))]
    return kind, _Part(grid.file.name, grid.sheet, [*columns, "_line", "_file", "_sheet"], batches, streamed=True,
                       titles=titles), headers


def _check_cells(grid: Grid, names: list[str], cols: list[pa.Array], lines: pa.Array, limits: Limits) -> None:
    """No cell longer than [run] max_cell_chars (Excel itself holds at most 32 767 characters)."""
    for name, col in zip(names, cols, strict=False):
        if len(col) and pc.max(pc.utf8_length(col)).as_py() > limits.max_cell_chars:
            row = pc.index(pc.greater(pc.utf8_length(col), limits.max_cell_chars), True).as_py()
            raise InputError(f"{_where(grid)} 第 {lines[row].as_py()} 行“{name or '无表头的列'}”列的单元格有 "
                             f"{len(col[row].as_py())} 个字符，超过允许的 {limits.max_cell_chars} 个（[run] max_cell_chars），"
                             "可能不是导出文件或已损坏")


def _name_columns(labels: list[str], names: list[str | None],
                  cols: list[pa.Array] | None) -> tuple[list[str], dict[str, str], list[str]]:
    """The final column names ('' for a column dropped), their header texts and the unrecognised labels.

    A column without a header is dropped only when it is blank throughout, which is known when the
    sheet is read whole (`cols`); a parquet file read in batches keeps it, as 第N列."""
    final_names: list[str] = []
    headers: dict[str, str] = {}
    unknown: list[str] = []
    for i, (name, label) in enumerate(zip(names, labels, strict=True)):
        if name is None:
            if not label:
                if cols is not None and pc.all(_blank_mask(cols[i])).as_py() is not False:
                    final_names.append("")  # an empty column without a header: nothing to keep
                    continue
                label = f"第{i + 1}列"
            name, k = label.lstrip("_") or label, 1
            while name in final_names or name in names:  # a second 备注 is 备注#2, as in §2.5
                k += 1
                name = f"{label}#{k}"
            unknown.append(label)
        final_names.append(name)
        headers[name] = label
    return final_names, headers, unknown


def _sheet_table(final_names: list[str], cols: list[pa.Array], flags: list[pa.Array | None], lines: pa.Array,
                 every_flag: bool) -> pa.Table:
    """The named columns, each ID-like one with its 'was numeric' flag (always, when `every_flag`:
    the batches of one file must share their columns), and the line numbers."""
    arrays, fields = [], []
    for i, name in enumerate(final_names):
        if not name:
            continue
        arrays.append(cols[i])
        fields.append(name)
        if name in ID_LIKE and (flags[i] is not None or every_flag):
            arrays.append(flags[i] if flags[i] is not None else pa.array(np.zeros(len(cols[i]), np.bool_)))
            fields.append(f"_num_{name}")
    return pa.Table.from_arrays([*arrays, lines], names=[*fields, "_line"])


def _repeat(text: str, n: int) -> pa.Array:
    return pa.array([text], pa.string()).take(np.zeros(n, np.int32))


def _blank_mask(arr: pa.Array) -> pa.Array:
    """Empty or whitespace only (U+3000 and no-break spaces included), without copying any text."""
    return pc.or_(pc.equal(arr, ""), pc.utf8_is_space(arr))


# A note or total row: its first non-blank cell starts with one of these words, spaces allowed
# between the characters (合　计 is 合计).
_SPACES = r"[\s\x{3000}\x{A0}]*"
NOTE_RE = "^" + _SPACES + "(?:" + "|".join(_SPACES.join(p) for p in NOTE_PREFIXES) + ")"


def _drop_rows(table: pa.Table, kind: str, headers: list[dict[str, str]], found: dict[str, list[int]]) -> pa.Table:
    """Drop empty rows silently, and note/total rows, repeated headers and keyless rows, whose lines
    are added to `found` under the issue to report.

    Whole columns are only compared, never copied: row-wise tests (the first non-blank cell, a
    repeated header) run on the few rows still in question.
    """
    data_cols = [c for c in table.column_names if not c.startswith("_")]
    n = table.num_rows
    if not data_cols or n == 0:
        return table
    texts = {c: table.column(c) for c in data_cols}
    blanks = _Blanks(texts)
    all_blank = _all_blank(texts, data_cols, n)
    note = _first_cell_matches(texts, blanks, data_cols, n)
    repeated = _false(n)
    for header in headers:
        repeated = pc.or_(repeated, _equal_rows(texts, header, data_cols, n))
    repeated = pc.and_not(repeated, all_blank)
    keys = [c for c in ("户编号", "证件号码", "姓名") if c in data_cols]
    keyless = _all(blanks[c] for c in keys) if kind == "主表" and keys else _false(n)
    lines = table.column("_line")
    for label, mask in (("被丢弃的注释行或合计行", note),
                        ("被丢弃的重复表头行", pc.and_not(repeated, note)),
                        ("被丢弃的无户编号、证件号码和姓名的行",
                         pc.and_not(pc.and_not(pc.and_not(keyless, all_blank), note), repeated))):
        hit = lines.filter(mask).to_pylist()
        if hit:
            found.setdefault(label, []).extend(hit)
    drop = pc.or_(pc.or_(all_blank, note), pc.or_(repeated, keyless))
    return table.filter(pc.invert(drop)) if pc.any(drop).as_py() else table


class _Blanks(dict):
    """Blank masks of the columns, computed when first asked for (most tests stop at column one)."""

    def __init__(self, texts: dict[str, pa.ChunkedArray]):
        super().__init__()
        self.texts = texts

    def __missing__(self, col: str) -> pa.Array:
        self[col] = mask = one_chunk(_blank_mask(self.texts[col]))
        return mask


def _all_blank(texts: dict[str, pa.ChunkedArray], cols: list[str], n: int) -> pa.Array:
    """Rows blank in every column: the rows blank in the first column, narrowed column by column."""
    rows = pc.indices_nonzero(one_chunk(_blank_mask(texts[cols[0]])))
    for c in cols[1:]:
        if not len(rows):
            break
        rows = rows.filter(one_chunk(_blank_mask(texts[c].take(rows))))
    mask = np.zeros(n, np.bool_)
    mask[rows.to_numpy()] = True
    return pa.array(mask)


def _first_cell_matches(texts: dict[str, pa.ChunkedArray], blanks: _Blanks, cols: list[str],
                        n: int) -> pa.Array:
    """Rows whose first non-blank cell is a note or total (NOTE_RE)."""
    note, undecided = _false(n), pc.invert(_false(n))
    for c in cols:
        here = pc.and_not(undecided, blanks[c])  # rows whose first non-blank cell is in this column
        if pc.any(here).as_py():
            hits = one_chunk(pc.match_substring_regex(texts[c].filter(here), NOTE_RE))
            note = pc.replace_with_mask(note, here, hits)
            undecided = pc.and_not(undecided, here)
            if not pc.any(undecided).as_py():
                break
    return note


def _equal_rows(texts: dict[str, pa.Array], header: dict[str, str], cols: list[str], n: int) -> pa.Array:
    """Rows equal, cell by cell (ends trimmed), to a header row."""
    named = [c for c in cols if header.get(c)]
    if not named:
        return _false(n)
    maybe = one_chunk(pc.equal(pc.utf8_trim_whitespace(texts[named[0]]), header[named[0]]))
    if not pc.any(maybe).as_py():
        return _false(n)
    same = None
    for c in cols:
        eq = pc.equal(pc.utf8_trim_whitespace(texts[c].filter(maybe)), header.get(c, ""))
        same = eq if same is None else pc.and_(same, eq)
    return pc.replace_with_mask(_false(n), maybe, one_chunk(same))


def _false(n: int) -> pa.Array:
    return pa.array(np.zeros(n, np.bool_))


def _all(masks) -> pa.Array:
    out = None
    for m in masks:
        out = m if out is None else pc.and_(out, m)
    return out


_NUMERIC_HOUSEHOLD_IDS = "户编号以数值存储且不少于16位（可能已被Excel截断）"
_DETAILS = {_NUMERIC_HOUSEHOLD_IDS: "，户可能被错误合并，请以文本格式重新导出"}  # after "N 行"


def _find_numeric_household_ids(table: pa.Table, found: dict[str, list[int]]) -> None:
    """户编号 stored as a number with 16+ digits may have been truncated by Excel (households merged)."""
    if "_num_户编号" not in table.column_names:
        return
    digits = pc.utf8_length(pc.utf8_trim_whitespace(one_chunk(table.column("户编号"))))
    mask = pc.and_(table.column("_num_户编号"), pc.greater_equal(digits, 16))
    hit = table.column("_line").filter(mask).to_pylist()
    if hit:
        found.setdefault(_NUMERIC_HOUSEHOLD_IDS, []).extend(hit)


# What the department lists' reader (ingest/lists.py) shares with the export's.
drop_rows, name_columns, sheet_table, sheet_where = _drop_rows, _name_columns, _sheet_table, _where
