"""Writing real export files, cell by cell, in every format the auditor reads (fields.md §7).

A grid is a list of rows; a cell is a str (a text cell), an int/float (a number cell), a bool, a
datetime/date (an Excel date cell) or None (no cell at all). CSV and HTML write every cell as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

Grid = list[list[object]]

# The smallest header a main table can have (the four required columns) plus 乡 and 村.
HEADER = ["乡", "村", "户编号", "姓名", "证件号码", "与户主关系", "性别"]


def member(i: int, town: str = "涞源镇") -> list[object]:
    return [town, "东关村", f"13063010{i:04d}", f"成员{i}", f"1306301980010{i:04d}X", "户主", "男"]


def write_xlsx(path: Path, sheets: dict[str, Grid], merges: dict[str, list[tuple]] | None = None,
               offset: tuple[int, int] = (0, 0)) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    time_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for name, grid in sheets.items():
        ws = wb.add_worksheet(name)
        for merge in (merges or {}).get(name, []):
            ws.merge_range(*merge)
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                r, c = i + offset[0], j + offset[1]
                if value is None or any(m[0] == r and m[1] == c for m in (merges or {}).get(name, [])):
                    continue
                if isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
                elif isinstance(value, dt.datetime):
                    ws.write_datetime(r, c, value, time_fmt)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
                elif isinstance(value, Formula):
                    ws.write_formula(r, c, value.formula, None, value.cached)
                else:
                    ws.write_string(r, c, str(value))
    wb.close()
    return path


class Formula:
    """A formula cell with a cached result (e.g. an error value such as #N/A)."""

    def __init__(self, formula: str, cached: str):
        self.formula, self.cached = formula, cached


def write_xls(path: Path, sheets: dict[str, Grid]) -> Path:
    """A real BIFF8 .xls (xlwt)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, grid in sheets.items():
        ws = wb.add_sheet(name)
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.write(i, j, value, date_style)
                else:
                    ws.write(i, j, value)
    wb.save(str(path))
    return path


def write_csv(path: Path, grid: Grid, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        for row in grid:
            w.writerow(["" if v is None else v for v in row])
    return path


def write_html(path: Path, grid: Grid, encoding: str = "utf-8", preamble: str = "") -> Path:
    """An HTML table saved with an .xls name, as some systems and Excel's 'web page' do."""
    charset = "gbk" if encoding.lower() in ("gbk", "gb18030") else "utf-8"
    rows = "\n".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row)
                     + "</tr>" for row in grid)
    text = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"{preamble}</head><body><table border=1>\n{rows}\n</table></body></html>")
    path.write_bytes(text.encode(encoding))
    return path


def write_parquet(path: Path, table: pa.Table) -> Path:
    pq.write_table(table, path)
    return path


def write_grid(path: Path, grid: Grid, fmt: str, sheet: str = "基础信息") -> Path:
    """One grid in one of the formats: xlsx, xls, csv (UTF-8), csv-bom, csv-gbk, csv-tab, html."""
    if fmt == "xlsx":
        return write_xlsx(path.with_suffix(".xlsx"), {sheet: grid})
    if fmt == "xls":
        return write_xls(path.with_suffix(".xls"), {sheet: grid})
    if fmt == "csv":
        return write_csv(path.with_suffix(".csv"), grid, "utf-8")
    if fmt == "csv-bom":
        return write_csv(path.with_suffix(".csv"), grid, "utf-8-sig")
    if fmt == "csv-gbk":
        return write_csv(path.with_suffix(".csv"), grid, "gbk")
    if fmt == "csv-tab":
        return write_csv(path.with_suffix(".csv"), grid, "utf-8", "\t")
    if fmt == "html":
        return write_html(path.with_suffix(".xls"), grid, "gbk")
    raise ValueError(fmt)
