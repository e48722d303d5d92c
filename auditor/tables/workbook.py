"""附表.xlsx: one sheet per statistical table, laid out as the county's forms are.

Every `StatTable` is drawn the same way: the table number, the title 「XX县……统计表」, a line with
填报单位 and 统计周期, a two-row grouped header, the 合计 row, the rows, the table's notes, and a
signature line (填表人 / 审核人 / 联系电话 / 填报日期). The 合计 cells are SUM (or COUNTA) formulas
carrying their computed values, so a number corrected by hand after checking updates its total.
Printing: A4, fit to the page width, header rows repeated on every page.

The workbook is a list of sheet writers (`SheetWriter`), then the sheet 说明; another table is one
more writer — `stat_sheet(build)` for a function returning a `StatTable`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..fmt import period_text
from .compute import Context
from .model import UNAVAILABLE, StatTable

FONT = "宋体"
SIGNATURE = "填表人：                    审核人：                    联系电话：                    填报日期：      年    月    日"


class Formats:
    """The cell formats of one workbook (xlsxwriter formats belong to their workbook)."""

    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1, "align": "center"}
        self.number_label = wb.add_format({**base, "bold": True, "font_size": 11})
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "align": "center"})
        self.line = wb.add_format({**base, "font_size": 11})
        self.line_right = wb.add_format({**base, "font_size": 11, "align": "right"})
        self.header = wb.add_format({**cell, "bold": True, "text_wrap": True})
        self.cell = wb.add_format({**cell, "num_format": "0"})
        self.decimal = wb.add_format({**cell, "num_format": "0.0"})
        self.total_decimal = wb.add_format({**cell, "bold": True, "num_format": "0.0"})
        self.text = wb.add_format({**cell, "num_format": "@", "text_wrap": True})
        self.text_left = wb.add_format({**cell, "num_format": "@", "text_wrap": True, "align": "left"})
        self.total = wb.add_format({**cell, "bold": True, "num_format": "0"})
        self.total_text = wb.add_format({**cell, "bold": True, "num_format": "@"})
        self.note = wb.add_format({**base, "text_wrap": True, "valign": "top"})
        self.label = wb.add_format({**base, "bold": True, "valign": "top"})
        self.wrap = wb.add_format({**base, "text_wrap": True, "valign": "top"})


SheetWriter = Callable[[xlsxwriter.Workbook, Formats, Context], None]


def text_width(text: str) -> int:
    """Display width in Excel's character units: a CJK character is two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    return max(1, sum(math.ceil(text_width(part) / max(width, 1)) or 1 for part in str(text).split("\n")))


def stat_sheet(build: Callable[[Context], StatTable | None]) -> SheetWriter:
    """A sheet writer for a table builder of compute.py (or any function returning a StatTable, or
    None when the run has nothing for that sheet: no sheet then)."""

    def write(wb: xlsxwriter.Workbook, fmt: Formats, ctx: Context) -> None:
        table = build(ctx)
        if table is not None:
            write_stat_table(wb, fmt, ctx, table)

    write.__doc__ = build.__doc__
    return write


def write_stat_table(wb: xlsxwriter.Workbook, fmt: Formats, ctx: Context, table: StatTable) -> None:
    ws = wb.add_worksheet(table.sheet)
    cols = table.columns
    last = len(cols) - 1
    for j, col in enumerate(cols):
        ws.set_column(j, j, col.width)
    ws.write_string(0, 0, table.number, fmt.number_label)
    ws.merge_range(1, 0, 1, last, table.title, fmt.title)
    ws.set_row(1, 30)
    half = max(last // 2, 0)
    unit = f"填报单位（盖章）：{ctx.county or ''}"
    if half > 0:
        ws.merge_range(2, 0, 2, half, unit, fmt.line)
        ws.merge_range(2, half + 1, 2, last, ctx.period_line(), fmt.line_right)
    else:
        ws.write_string(2, 0, unit + "    " + ctx.period_line(), fmt.line)
    top, leaf = 3, 4
    _header(ws, fmt, table, top, leaf)
    first_data = leaf + 1 + (1 if table.total_label and table.total_first else 0)
    r = first_data
    for values in table.rows:
        for j, (value, col) in enumerate(zip(values, cols, strict=True)):
            _cell(ws, fmt, r, j, value if col.available or j == 0 else None, col.width >= 30)
        r += 1
    last_data = r - 1
    if table.total_label:
        total_row = leaf + 1 if table.total_first else r
        _totals(ws, fmt, table, total_row, first_data, last_data)
        r = max(r, total_row) + 1
    ws.freeze_panes(leaf + 1, 1)
    r += 1
    width = sum(c.width for c in cols)
    for i, note in enumerate(table.notes, start=1):
        text = f"{'说明：' if i == 1 else ''}{i}. {note}" if len(table.notes) > 1 else f"说明：{note}"
        ws.merge_range(r, 0, r, last, text, fmt.note)
        ws.set_row(r, 14 * lines_needed(text, width * 0.95) + 2)
        r += 1
    for heading, lines in table.sections:
        r += 1
        ws.merge_range(r, 0, r, last, heading, fmt.label)
        r += 1
        for text in lines:
            ws.merge_range(r, 0, r, last, text, fmt.note)
            ws.set_row(r, 14 * lines_needed(text, width * 0.95) + 2)
            r += 1
    r += 1
    ws.merge_range(r, 0, r, last, SIGNATURE, fmt.line)
    _print_setup(ws, table, leaf, r)


def _header(ws, fmt: Formats, table: StatTable, top: int, leaf: int) -> None:
    """Two header rows: a group merged over its leaves; an ungrouped leaf merged over both rows."""
    cols = table.columns
    j = 0
    group_lines = leaf_lines = 1
    while j < len(cols):
        col = cols[j]
        if not col.group:
            ws.merge_range(top, j, leaf, j, col.name, fmt.header)
            j += 1
            continue
        k = j
        while k + 1 < len(cols) and cols[k + 1].group == col.group:
            k += 1
        if k > j:
            ws.merge_range(top, j, top, k, col.group, fmt.header)
        else:
            ws.write_string(top, j, col.group, fmt.header)
        group_lines = max(group_lines, lines_needed(col.group, sum(c.width for c in cols[j:k + 1])))
        for c in range(j, k + 1):
            ws.write_string(leaf, c, cols[c].name, fmt.header)
            leaf_lines = max(leaf_lines, lines_needed(cols[c].name, cols[c].width))
        j = k + 1
    ws.set_row(top, 14 * group_lines + 6)
    ws.set_row(leaf, 14 * leaf_lines + 6)


def _cell(ws, fmt: Formats, r: int, j: int, value, wide_text: bool) -> None:
    if value is None:
        ws.write_string(r, j, UNAVAILABLE, fmt.text)
    elif isinstance(value, bool) or not isinstance(value, int | float):
        ws.write_string(r, j, str(value), fmt.text_left if wide_text else fmt.text)
    else:
        ws.write_number(r, j, value, fmt.decimal if isinstance(value, float) else fmt.cell)


def _totals(ws, fmt: Formats, table: StatTable, row: int, first: int, last: int) -> None:
    """The 合计 row: SUM / COUNTA formulas over the data rows, with their values cached."""
    ws.write_string(row, 0, table.total_label or "", fmt.total_text)
    for j, col in enumerate(table.columns[1:], start=1):
        if not col.available:
            ws.write_string(row, j, UNAVAILABLE, fmt.total_text)
            continue
        if not col.total:
            ws.write_blank(row, j, None, fmt.total_text)
            continue
        if col.total == "ratio":
            _ratio_total(ws, fmt, table, row, j, first, last)
            continue
        values = [r[j] for r in table.rows]
        if col.total == "count":
            value = sum(1 for v in values if v not in (None, ""))
        else:
            value = _column_sum(table, j)
        if last < first:
            ws.write_number(row, j, value, fmt.total)
            continue
        cells = f"{xl_rowcol_to_cell(first, j)}:{xl_rowcol_to_cell(last, j)}"
        formula = f"=COUNTA({cells})" if col.total == "count" else f"=SUM({cells})"
        ws.write_formula(row, j, formula, fmt.total, value)


def _column_sum(table: StatTable, j: int) -> int | float:
    return sum(r[j] for r in table.rows if isinstance(r[j], int | float) and not isinstance(r[j], bool))


def _ratio_total(ws, fmt: Formats, table: StatTable, row: int, j: int, first: int, last: int) -> None:
    """A percentage's 合计: 100 × Σ numerator / Σ denominator (not the sum of the rows' percentages)."""
    num, den = table.columns[j].ratio or (0, 0)
    value = round(100 * _column_sum(table, num) / _column_sum(table, den), 1) if _column_sum(table, den) else None
    if value is None or last < first:
        _cell(ws, fmt, row, j, value, False)
        return
    cells = [f"{xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)}" for c in (num, den)]
    ws.write_formula(row, j, f"=IF(SUM({cells[1]})=0,\"{UNAVAILABLE}\",ROUND(100*SUM({cells[0]})/SUM({cells[1]}),1))",
                     fmt.total_decimal, value)


def _print_setup(ws, table: StatTable, header_last: int, last_row: int) -> None:
    ws.set_paper(9)  # A4
    if table.landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_last - 1, header_last)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.print_area(0, 0, last_row, len(table.columns) - 1)


def write_notes_sheet(wb: xlsxwriter.Workbook, fmt: Formats, ctx: Context, lines: Sequence[tuple[str, str]]) -> None:
    """The sheet 说明: what the workbook is, the run it comes from, how to read and check it."""
    ws = wb.add_worksheet("说明")
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, f"{ctx.county}防返贫监测工作方案附表（{period_text(ctx.period)}）", fmt.number_label)
    for r, (label, text) in enumerate(lines, start=2):
        ws.write_string(r, 0, label, fmt.label)
        ws.write_string(r, 1, text, fmt.wrap)
        ws.set_row(r, 14 * lines_needed(text, 100) + 2)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def write_workbook(ctx: Context, path: Path, sheets: Sequence[SheetWriter],
                   notes: Sequence[tuple[str, str]]) -> Path:
    """附表.xlsx: each sheet writer in order, then 说明."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": f"{ctx.county}防返贫监测工作方案附表（{period_text(ctx.period)}）",
                       "comments": "由 auditor 根据审核结果生成；户主姓名已脱敏。"})
    fmt = Formats(wb)
    for write in sheets:
        write(wb, fmt, ctx)
    write_notes_sheet(wb, fmt, ctx, notes)
    wb.worksheets()[0].activate()
    wb.close()
    return path
