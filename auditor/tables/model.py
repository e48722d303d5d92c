"""What a statistical sheet of 附表.xlsx is, independent of how it is computed or drawn.

compute.py fills these from SQL; workbook.py draws any of them the same official way (title, 填报单位
line, two-row grouped header, 合计 row, notes, signature line). A new sheet (for instance 风险隐患)
is a function returning a `StatTable`, added to the list of sheet writers in `auditor.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNAVAILABLE = "—"  # a cell the export cannot support (a column it lacks, a rule not run)


@dataclass(frozen=True)
class Column:
    """A leaf column. `group` is the merged upper header cell ('' → the name spans both header rows);
    `total`: what the 合计 row holds — "sum" of the column, "count" of its non-blank cells, "ratio"
    (a percentage: 100 × the 合计 of column `ratio[0]` / that of column `ratio[1]`), or nothing ("");
    `available`: False when the export cannot support it (every cell, 合计 included, is —)."""

    name: str
    group: str = ""
    width: float = 7
    total: str = "sum"
    available: bool = True
    ratio: tuple[int, int] | None = None  # with total="ratio": (numerator, denominator) column indexes


@dataclass
class StatTable:
    """One sheet: rows are lists aligned with `columns` (the first column is the row label);
    a cell is an int, a float (a percentage, one decimal), a text, or None for “not available” (written —)."""

    sheet: str  # the sheet's name (≤ 31 characters), e.g. "附表2 新增监测对象"
    number: str  # "附表2"
    title: str  # "涞源县新增监测对象统计表"
    columns: list[Column]
    rows: list[list]
    notes: list[str] = field(default_factory=list)
    total_label: str | None = "合计"  # None → no 合计 row
    total_first: bool = True  # the 合计 row directly under the header (summary tables) or last (lists)
    landscape: bool = True
    # Blocks of lines after the notes, each under its bold heading (e.g. 风险隐患's list of warnings).
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
