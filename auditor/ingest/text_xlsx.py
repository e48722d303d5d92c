"""An .xlsx sheet whose cells are all text, read straight into Arrow with fastexcel (issue 17 (a)).

A national-system export holds text in every cell. python-calamine hands each cell to Python as an
object, which costs about as much again as parsing the sheet; fastexcel parses it with the same
calamine and builds the Arrow columns in Rust.

The path is exact only for text. fastexcel writes other cells as text its own way (an ID Excel stored
as a number as its binary value …011008, booleans as 'true', dates with 00:00:00), not as fields.md
§7 wants, and a text column would no longer say which cells were numeric (A02). So fastexcel guesses
each column's type from every row with strict coercion, and the sheet is taken here only when every
column is text or empty. A number, date or boolean anywhere, or a sheet fastexcel cannot read, goes
back to python-calamine cell by cell (readers._read_excel). Error cells are empty to both readers and
get their text from the sheet's XML, as on the other path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

# fastexcel logs, in English, when it guesses a blank column as text: not for the user.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

TEXT_TYPES = (pa.string(), pa.large_string(), pa.null())


def open_reader(path: Path):
    """fastexcel's reader of the workbook, or None when it cannot open it (the other path says why)."""
    import fastexcel

    try:
        return fastexcel.read_excel(str(path))
    except BaseException as exc:  # fastexcel raises several types; python-calamine then reports the problem
        return _failed(exc)


def text_sheet(reader, sheet: str, errors: Callable[[], dict[tuple[int, int], str]]) -> tuple[pa.Table, int] | None:
    """The sheet's used range as text columns from its first non-empty row, and that row's 0-based
    index; None when a cell is not text (or fastexcel fails on it), so the sheet is read cell by cell.

    `errors` gives the sheet's error cells by 0-based (row, column); it is asked only after the parse,
    so the XML scan that finds them can run meanwhile (fastexcel releases the GIL).
    """
    try:
        loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, schema_sample_rows=None,
                                   dtype_coercion="strict")
        table = loaded.to_arrow()
        left = min((c.absolute_index for c in loaded.selected_columns), default=0)
    except BaseException as exc:  # a mixed column (strict coercion) or anything fastexcel cannot do
        return _failed(exc)
    if table.num_columns == 0 or any(f.type not in TEXT_TYPES for f in table.schema):
        return None
    table = _with_errors(table, left, errors())
    top = _first_filled_row(table)
    if top is None:
        return None  # nothing in it: the other path's empty sheet
    return table.slice(top), top


def _failed(exc: BaseException) -> None:
    """None for fastexcel's errors and for a Rust panic in it (pyo3's PanicException, which is a
    BaseException): the sheet is then read by python-calamine. An interrupt still stops the run."""
    if isinstance(exc, Exception) or type(exc).__name__ == "PanicException":
        return None
    raise exc


def _with_errors(table: pa.Table, left: int, errors: dict[tuple[int, int], str]) -> pa.Table:
    """Error cells' texts (#N/A…) put into their places: skip_rows=0 makes row r the sheet's row r."""
    by_column: dict[int, dict[int, str]] = {}
    for (r, c), text in errors.items():
        if 0 <= c - left < table.num_columns and r < table.num_rows:
            by_column.setdefault(c - left, {})[r] = text
    for j, cells in by_column.items():
        values = table.column(j).cast(pa.string()).to_pylist()
        for r, text in cells.items():
            values[r] = text
        table = table.set_column(j, table.field(j).name, pa.array(values, pa.string()))
    return table


def _first_filled_row(table: pa.Table) -> int | None:
    """The first row with a cell that is not empty ('' counts, as in calamine's used range)."""
    firsts = []
    for col in table.columns:
        if col.null_count < len(col):
            firsts.append(pc.index(pc.is_valid(col), True).as_py())
    return min(firsts, default=None)
