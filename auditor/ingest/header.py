"""Finding the header row and mapping header text onto canonical field names (fields.md §2, §7).

Never by column position: the header is the first of the first `header_scan_rows` rows with at least
three cells that match a known field name or alias. Grouped two-row headers are recognised in both
layouts of §7, duplicate headers are disambiguated by position (`名称#2`), and a duplicate under a
group whose name contains 消除 maps onto the matching 风险消除后… field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..fields import MAIN_FIELDS, MONEY, SECONDARY_FIELDS, WATER_INVERSE, Field
from ..normalize import norm_header

MIN_MATCHES = 3


def _alias_table(fields: tuple[Field, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in fields:
        for text in (f.name, *f.aliases):
            table.setdefault(norm_header(text), f.name)
    return table


def fields_alias_table(fields: tuple[Field, ...]) -> dict[str, str]:
    """Normalised header text → canonical name, for any field list (the department lists' too)."""
    return _alias_table(fields)


@cache
def alias_table(kind: str) -> dict[str, str]:
    if kind == "主表":
        table = _alias_table(MAIN_FIELDS)
        table[norm_header(WATER_INVERSE)] = WATER_INVERSE
        return table
    return _alias_table(SECONDARY_FIELDS[kind])


@cache
def _all_names() -> dict[str, str]:
    merged: dict[str, str] = {}
    for kind in ("主表", *SECONDARY_FIELDS):
        for k, v in alias_table(kind).items():
            merged.setdefault(k, v)
    return merged


_MONEY_NAMES = frozenset(MONEY) | {"年度交通费补助", "农民人均纯收入"}


def match_header(text: str, table: dict[str, str]) -> str | None:
    """The canonical name of one header cell, or None when unrecognised."""
    h = norm_header(text)
    if not h:
        return None
    if h in table:
        return table[h]
    if h.endswith("(元)"):
        name = table.get(h[:-3])
        if name in _MONEY_NAMES:
            return name
    return None


def count_matches(row: list[str], names: dict[str, str] | None = None) -> int:
    names = _all_names() if names is None else names
    return sum(1 for cell in row if match_header(cell, names))


@dataclass
class HeaderLayout:
    """Where the header is and what each column is called."""

    first_data_index: int  # index (in the scanned rows) of the first data row
    header_rows: list[int]  # indices of the header row(s); data rows equal to one are repeated headers
    labels: list[str]  # the header text per column (lower row, or upper where the lower is blank)
    groups: list[str]  # the group name above each column ('' when none)


def _nonblank(cell: str) -> bool:
    return bool(cell and cell.strip())


def find_header(rows: list[list[str]], scan_rows: int, names: dict[str, str] | None = None,
                min_matches: int = MIN_MATCHES) -> HeaderLayout | None:
    """Locate the header among the first `scan_rows` rows (already converted to text); `names` is the
    alias table to recognise it by (the export's and its secondary tables' by default)."""
    names = _all_names() if names is None else names
    for i, row in enumerate(rows[:scan_rows]):
        if count_matches(row, names) < min_matches:
            continue
        width = max(len(r) for r in rows[max(i - 1, 0): i + 2])
        upper = _pad(row, width)
        lower = _pad(rows[i + 1], width) if i + 1 < len(rows) else None
        # Layout B: this row holds the ungrouped names (merged down) and the group names; the next
        # row holds the names under the groups and is blank under every name of this row. (A data
        # row is never blank under all the recognised columns, so one recognised name suffices.)
        if lower is not None and count_matches(lower, names) >= 1 and all(
            not _nonblank(lower[c]) for c in range(width) if match_header(upper[c], names)
        ):
            return _two_rows(upper, lower, [i, i + 1])
        # Layout A: the row above holds group names (merged cells) over this row's names. A title
        # row is one cell at the left: it is not taken for groups unless a column is named in it.
        if i > 0:
            above = _pad(rows[i - 1], width)
            filled = [c for c in range(width) if _nonblank(above[c])]
            named_above = any(not _nonblank(upper[c]) for c in filled)
            if named_above or len(filled) >= 2 or (len(filled) == 1 and filled[0] > 0):
                return _two_rows(above, upper, [i - 1, i])
        return HeaderLayout(i + 1, [i], [c.strip() for c in upper], [""] * width)
    return None


def _pad(row: list[str], width: int) -> list[str]:
    return list(row) + [""] * (width - len(row))


def _two_rows(upper: list[str], lower: list[str], header_rows: list[int]) -> HeaderLayout:
    labels, groups, current = [], [], ""
    for top, bottom in zip(upper, lower, strict=True):
        if _nonblank(top):
            current = top.strip()
        if _nonblank(bottom):
            labels.append(bottom.strip())
            groups.append(current)
        else:
            labels.append(top.strip())
            groups.append("")
            current = ""
    return HeaderLayout(header_rows[-1] + 1, header_rows, labels, groups)


def assign_names(labels: list[str], groups: list[str], kind: str,
                 table: dict[str, str] | None = None) -> tuple[list[str | None], list[str]]:
    """Canonical name per column (None = unrecognised) and the disambiguation notes (§2.5); `table`
    is the alias table when it is not the export's (`kind`'s), e.g. a department list's."""
    table = alias_table(kind) if table is None else table
    seen: dict[str, int] = {}
    out: list[str | None] = []
    notes: list[str] = []
    for label, group in zip(labels, groups, strict=True):
        name = match_header(label, table)
        if name is None:
            out.append(None)
            continue
        if name in seen:
            after = f"风险消除后{name}"
            if "消除" in group and after in table.values() and after not in seen:
                notes.append(f"重复表头“{label}”（分组“{group}”）映射为 {after}")
                name = after
            else:
                seen[name] += 1
                renamed = f"{name}#{seen[name]}"
                notes.append(f"重复表头“{label}”第 {seen[name]} 次出现，命名为 {renamed}（规则只用第一次出现的列）")
                name = renamed
        seen.setdefault(name, 1)
        out.append(name)
    return out, notes


def sheet_kind(names: list[str | None]) -> str | None:
    """Which table a sheet holds, judged by its headers alone (fields.md §6, §7)."""
    present = {n for n in names if n}
    if {"户编号", "证件号码", "与户主关系"} <= present:
        return "主表"
    return None


def secondary_kind(labels: list[str]) -> str | None:
    """Recognise a secondary table by its characteristic headers (fields.md §6)."""
    present = {norm_header(label) for label in labels}
    work_marks = {"开始时间", "是否已务工", "年度交通费补助"}
    if len(work_marks & present) >= 2:
        return "务工监测表"
    if "是否计划务工" in present:
        return "计划外出务工表"
    has_income = any(match_header(label, alias_table("行政村表")) == "农民人均纯收入" for label in labels)
    if has_income and not any(match_header(label, alias_table("主表")) == "证件号码" for label in labels):
        return "行政村表"
    return None
