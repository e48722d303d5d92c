"""Ingest: export files → one canonical member table of original text (fields.md §1, §2, §7).

Every cell is kept as the text found; nothing is normalised here except the header names. Each row
carries its source file, sheet and Excel row number. Several files (one per township is common) are
concatenated in the order given. What does not fit — note rows, repeated headers, rows without any
key, unrecognised or duplicate headers, IDs stored as numbers — is reported as a structure issue,
never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from ..fields import MAIN_REQUIRED, MAIN_SUGGESTED
from .header import HeaderLayout, assign_names, find_header, secondary_kind, sheet_kind
from .readers import Grid, read_grids

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


@dataclass
class Ingested:
    """The main table (original text, canonical column names) and the secondary tables."""

    main: pa.Table
    headers: dict[str, str]  # column name → header text as found
    extras: dict[str, pa.Table]
    issues: list[Issue]
    files: list[str]
    sheets: list[dict]  # what was read from where: file, sheet, kind, rows


def _where(grid: Grid) -> str:
    return f"文件 {grid.file.name}" + (f" 工作表“{grid.sheet}”" if grid.sheet else "")


def read_exports(paths: list[str | Path], scan_rows: int = 10) -> Ingested:
    if not paths:
        raise InputError("没有给出要审核的导出文件")
    mains: list[pa.Table] = []
    extras: dict[str, list[pa.Table]] = {}
    headers: dict[str, str] = {}
    issues: list[Issue] = []
    sheets: list[dict] = []
    files = [Path(p) for p in paths]
    for path in files:
        found = False
        problems: list[str] = []
        for grid in read_grids(path):
            result = _read_sheet(grid, scan_rows, issues, problems)
            if result is None:
                continue
            kind, table, labels = result
            found = True
            sheets.append({"文件": path.name, "工作表": grid.sheet, "类型": kind, "行数": table.num_rows})
            if kind == "主表":
                mains.append(table)
                for name, label in labels.items():
                    headers.setdefault(name, label)
            else:
                extras.setdefault(kind, []).append(table)
        if not found:
            detail = "；".join(problems) if problems else "没有任何工作表含有数据"
            raise InputError(f"文件 {path.name} 不是防返贫监测导出：{detail}")
    if not mains:
        raise InputError("给出的文件中没有主表（须含 户编号、证件号码、与户主关系 列），无法审核")
    main = pa.concat_tables(mains, promote_options="default") if len(mains) > 1 else mains[0]
    if len(mains) > 1:
        ordered = list(dict.fromkeys(c for t in mains for c in t.column_names))
        main = main.select(ordered)
    missing = [c for c in MAIN_SUGGESTED if c not in main.column_names]
    if missing:
        issues.append(Issue("缺少建议列", "", "", f"缺少 {'、'.join(missing)} 列，乡镇排名和明细将不完整"))
    main = main.append_column("_row", pa.array(range(main.num_rows), pa.int64()))
    return Ingested(main, headers, {k: pa.concat_tables(v, promote_options="default") for k, v in extras.items()},
                    issues, [str(p) for p in files], sheets)


def _read_sheet(grid: Grid, scan_rows: int, issues: list[Issue], problems: list[str]):
    where = _where(grid)
    if grid.named:
        layout = HeaderLayout(0, -1, list(grid.head[0]), [""] * len(grid.head[0]))
    else:
        layout = find_header(grid.head, scan_rows)
        if layout is None:
            if any(any(c.strip() for c in row) for row in grid.head):
                problems.append(f"{where} 前 {scan_rows} 行中找不到表头")
                issues.append(Issue("找不到表头", grid.file.name, grid.sheet, f"前 {scan_rows} 行中没有至少 3 个可识别字段名的行"))
            return None
    kind = sheet_kind(assign_names(layout.labels, layout.groups, "主表")[0]) or secondary_kind(layout.labels)
    if kind is None:
        names, _ = assign_names(layout.labels, layout.groups, "主表")
        missing = [c for c in ("户编号", "证件号码", "与户主关系") if c not in names]
        problems.append(f"{where} 缺少必需列：{'、'.join(missing)}")
        return None
    names, notes = assign_names(layout.labels, layout.groups, kind)
    if kind == "主表":
        missing = [c for c in MAIN_REQUIRED if c not in names]
        if missing:
            raise InputError(f"{where} 缺少必需列：{'、'.join(missing)}")
    for note in notes:
        issues.append(Issue("重复表头", grid.file.name, grid.sheet, note))
    width = len(layout.labels)
    cols, flags, lines = grid.columns(layout.first_data_index, width)
    final_names: list[str] = []
    labels: dict[str, str] = {}
    unknown: list[str] = []
    for i, (name, label) in enumerate(zip(names, layout.labels, strict=True)):
        if name is None:
            if not label:
                if pc.all(pc.equal(pc.utf8_trim_whitespace(cols[i]), "")).as_py() is not False:
                    final_names.append("")  # an empty column without a header: nothing to keep
                    continue
                label = f"第{i + 1}列"
            name = label
            while name in final_names:
                name += "#"
            unknown.append(label)
        final_names.append(name)
        labels[name] = label
    if unknown:
        issues.append(Issue("未识别的列", grid.file.name, grid.sheet, "、".join(unknown)))
    arrays, fields = [], []
    for i, name in enumerate(final_names):
        if not name:
            continue
        arrays.append(cols[i])
        fields.append(name)
        if name in ID_LIKE and flags[i] is not None:
            arrays.append(flags[i])
            fields.append(f"_num_{name}")
    table = pa.Table.from_arrays([*arrays, lines], names=[*fields, "_line"])
    header_texts = None
    if not grid.named:
        row = grid.head[layout.header_index]
        header_texts = {n: (row[i].strip() if i < len(row) else "") for i, n in enumerate(final_names) if n}
    table = _drop_rows(table, kind, grid, header_texts, issues)
    n = table.num_rows
    table = table.append_column("_file", pa.array([grid.file.name] * n, pa.string()))
    table = table.append_column("_sheet", pa.array([grid.sheet] * n, pa.string()))
    if kind == "主表":
        _check_numeric_household_ids(table, grid, issues)
    return kind, table, labels


def _blank_mask(arr: pa.Array) -> pa.Array:
    return pc.equal(pc.utf8_trim_whitespace(arr), "")


def _drop_rows(table: pa.Table, kind: str, grid: Grid, header: dict[str, str] | None, issues: list[Issue]) -> pa.Table:
    """Drop empty rows silently, and note/total rows, repeated headers and keyless rows with a note."""
    data_cols = [c for c in table.column_names if not c.startswith("_")]
    if not data_cols or table.num_rows == 0:
        return table
    blanks = {c: _blank_mask(table.column(c).combine_chunks()) for c in data_cols}
    all_blank = blanks[data_cols[0]]
    for c in data_cols[1:]:
        all_blank = pc.and_(all_blank, blanks[c])
    first = pc.coalesce(*[pc.if_else(blanks[c], None, pc.utf8_trim_whitespace(table.column(c).combine_chunks()))
                          for c in data_cols])
    note = pc.fill_null(_starts_any(first, NOTE_PREFIXES), False)
    repeated = pa.array([False] * table.num_rows)
    if header is not None:
        for c in data_cols:
            eq = pc.equal(pc.utf8_trim_whitespace(table.column(c).combine_chunks()), header.get(c, ""))
            repeated = pc.and_(repeated, eq) if c != data_cols[0] else eq
    keys = [c for c in ("户编号", "证件号码", "姓名") if c in data_cols]
    if kind == "主表" and keys:
        keyless = blanks[keys[0]]
        for c in keys[1:]:
            keyless = pc.and_(keyless, blanks[c])
    else:
        keyless = pa.array([False] * table.num_rows)
    lines = table.column("_line")
    for label, mask in (("被丢弃的注释行或合计行", pc.and_not(note, all_blank)),
                        ("被丢弃的重复表头行", pc.and_not(repeated, note)),
                        ("被丢弃的无户编号、证件号码和姓名的行",
                         pc.and_not(pc.and_not(pc.and_not(keyless, all_blank), note), repeated))):
        hit = lines.filter(mask).to_pylist()
        if hit:
            issues.append(Issue(label, grid.file.name, grid.sheet, f"{len(hit)} 行", hit))
    drop = pc.or_(pc.or_(all_blank, note), pc.or_(repeated, keyless))
    return table.filter(pc.invert(drop))


def _starts_any(arr: pa.Array, prefixes: tuple[str, ...]) -> pa.Array:
    out = None
    for p in prefixes:
        m = pc.starts_with(arr, p)
        out = m if out is None else pc.or_(out, m)
    return out


def _check_numeric_household_ids(table: pa.Table, grid: Grid, issues: list[Issue]) -> None:
    """户编号 stored as a number with 16+ digits may have been truncated by Excel (households merged)."""
    if "_num_户编号" not in table.column_names:
        return
    digits = pc.utf8_length(pc.utf8_trim_whitespace(table.column("户编号")))
    mask = pc.and_(table.column("_num_户编号"), pc.greater_equal(digits, 16))
    hit = table.column("_line").filter(mask).to_pylist()
    if hit:
        issues.append(Issue("户编号以数值存储且不少于16位（可能已被Excel截断）", grid.file.name, grid.sheet,
                            f"{len(hit)} 行，户可能被错误合并，请以文本格式重新导出", hit))
