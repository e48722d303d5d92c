"""Reading a department list or the province's feedback list with the export's reader (fields.md §7):
every cell as text, the header found by name under title rows (one or two header rows, merged
group cells), GBK CSV, `="…"` cells and IDs stored as numbers kept as found. Only the alias table
differs: the list's own (auditor/lists.py). Note rows, repeated headers and blank rows are dropped
as in the export, and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa

from ..errors import InputError
from ..fields import Field
from ..normalize import norm_header
from . import Issue, drop_rows, name_columns, sheet_table, sheet_where
from .header import assign_names, fields_alias_table, find_header
from .readers import HEAD_ROWS, Limits, read_grids

MIN_LIST_MATCHES = 2  # a list may have few recognisable columns (姓名, 身份证号, 金额)


@dataclass
class ListFile:
    """The rows of one list file (every sheet holding the ID column, concatenated), as text."""

    path: Path
    table: pa.Table  # canonical columns, _num_<id column> flags, _line, _file, _sheet
    headers: dict[str, str]  # canonical name → header text as found
    titles: list[str] = field(default_factory=list)  # texts above the header ("统计截止日期：2024年6月5日")
    issues: list[Issue] = field(default_factory=list)


@cache
def _table(fields: tuple[Field, ...]) -> dict[str, str]:
    table = dict(fields_alias_table(fields))
    for f in fields:  # 金额(元) is 金额
        if f.type == "money":
            for text in (f.name, *f.aliases):
                table.setdefault(norm_header(text) + "(元)", f.name)
    return table


def accepted(fields: tuple[Field, ...], name: str) -> str:
    """The header texts accepted for field `name`, for messages."""
    f = next(f for f in fields if f.name == name)
    return "、".join((f.name, *f.aliases))


def _with_keywords(table: dict[str, str], head: list[list[str]], keywords, names: set[str]) -> tuple[dict, dict]:
    """The alias table plus the header cells that no alias names but a keyword rule does (lists.KEYWORDS,
    for the fields `names`); and those cells → their field. Only header-like rows are looked at: the
    rows down to the first with at least MIN_LIST_MATCHES names, and the row under it when it holds no
    number (the lower row of a two-row header, not the first data row). A cell with a run of four
    digits (a title's year) or longer than 20 characters is no header."""
    found: dict[str, str] = {}
    taken: set[str] = set()

    def scan(row: list[str], commit: bool) -> int:
        hits = 0
        for cell in row:
            h = norm_header(cell)
            if not h or len(h) > 20 or _DIGITS.search(h):
                continue
            if h in table or h in found:
                hits += 1
                continue
            for name, words, nots, _kinds in keywords:
                if name in names and name not in taken and any(w in h for w in words) and not any(n in h for n in nots):
                    if commit:
                        found[h] = name
                        taken.add(name)
                    hits += 1
                    break
        return hits

    for i, row in enumerate(head):
        if scan(row, True) >= MIN_LIST_MATCHES:
            if i + 1 < len(head) and not any(_NUMBERISH.search(c or "") for c in head[i + 1]):
                scan(head[i + 1], True)
            break
    return ({**table, **found} if found else table), found


_DIGITS = re.compile(r"\d{4}")
_NUMBERISH = re.compile(r"\d{3}")


def read_list(path: str | Path, fields: tuple[Field, ...], what: str, scan_rows: int = 10,
              limits: Limits | None = None, required: tuple = ("证件号码",), keywords=()) -> ListFile:
    """The list at `path`, read with the alias table of `fields`. `what` names the list in messages
    (“医保清单”). A file with no sheet holding every `required` column (an item may be a tuple of
    alternatives: one of them) is refused, naming the accepted column names."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{what}文件不存在：{path}")
    table = _table(fields)
    parts: list[pa.Table] = []
    headers: dict[str, str] = {}
    titles: list[str] = []
    issues: list[Issue] = []
    missing_seen: list[str] = []
    base = table
    for grid in read_grids(path, max(HEAD_ROWS, scan_rows + 2), limits):
        table, guessed = _with_keywords(base, grid.head[:scan_rows + 2], keywords, {f.name for f in fields})
        layout = find_header(grid.head, scan_rows, table, MIN_LIST_MATCHES)
        if layout is None:
            continue
        width = max(len(layout.labels), grid.width)
        labels = layout.labels + [""] * (width - len(layout.labels))
        groups = layout.groups + [""] * (width - len(layout.groups))
        names, notes = assign_names(labels, groups, "", table)
        lacking = [r[0] if isinstance(r, tuple) else r for r in required
                   if not any(x in names for x in (r if isinstance(r, tuple) else (r,)))]
        if lacking:
            missing_seen.extend(lacking)
            continue
        for note in notes:
            issues.append(Issue("重复表头", path.name, grid.sheet, note))
        cols, flags, lines = _whole(grid, layout.first_data_index, width)
        extra = len(cols) - width
        labels, names = labels + [""] * extra, names + [None] * extra
        final, found_headers, unknown = name_columns(labels, names, cols)
        by_guess = [f"“{label}”作为 {name}" for name, label in found_headers.items() if norm_header(label) in guessed]
        if by_guess:
            issues.append(Issue("清单列名按关键词识别", path.name, grid.sheet, f"{what}：{'、'.join(by_guess)}（请核对）"))
        for name, label in found_headers.items():
            headers.setdefault(name, label)
        header_rows = [{n: (row[i].strip() if i < len(row) else "") for i, n in enumerate(final) if n}
                       for row in (grid.head[r] for r in layout.header_rows)]
        found: dict[str, list[int]] = {}
        part = drop_rows(sheet_table(final, cols, flags, lines, False), "清单", header_rows, found)
        for label, hit in found.items():
            issues.append(Issue(label, path.name, grid.sheet, f"{what} {len(hit)} 行", hit))
        n = part.num_rows
        part = part.append_column("_file", pa.array([path.name] * n, pa.string()))
        part = part.append_column("_sheet", pa.array([grid.sheet] * n, pa.string()))
        parts.append(part)
        titles += [c.strip() for row in grid.head[:layout.header_rows[0]] for c in row if c.strip()]
        del unknown  # unrecognised columns of a list are simply not read
    if not parts:
        wanted = list(dict.fromkeys(missing_seen or [r[0] if isinstance(r, tuple) else r for r in required]))
        alternatives = {r[0]: r[1:] for r in required if isinstance(r, tuple)}
        need = "、".join(wanted)
        names_ok = "；".join(f"{r} 列可以叫 {accepted(fields, r)}"
                             + "".join(f"（或给出 {a} 列：{accepted(fields, a)}）" for a in alternatives.get(r, ()))
                             for r in wanted)
        raise InputError(f"{what}文件 {path.name} 中找不到 {need} 列（{names_ok}）")
    columns = list(dict.fromkeys(c for p in parts for c in p.column_names))
    aligned = []
    for p in parts:
        for c in columns:
            if c not in p.column_names:
                kind = pa.bool_() if c.startswith("_num_") else pa.string()
                p = p.append_column(c, pa.array([None] * p.num_rows, kind))
        aligned.append(p.select(columns))
    return ListFile(path, pa.concat_tables(aligned), headers, titles, issues)


def _whole(grid, start: int, width: int):
    """The sheet's columns from row index `start`, whole (a parquet file's batches concatenated)."""
    chunks = list(grid.chunks(start, width))
    if len(chunks) == 1:
        return chunks[0]
    cols = [pa.concat_arrays([c[0][i] for c in chunks]) for i in range(width)]
    flags = [None if all(c[1][i] is None for c in chunks) else pa.concat_arrays(
        [c[1][i] if c[1][i] is not None else pa.array([False] * len(c[0][i])) for c in chunks]) for i in range(width)]
    return cols, flags, pa.concat_arrays([c[2] for c in chunks])


__all__ = ["ListFile", "accepted", "read_list", "sheet_where"]
