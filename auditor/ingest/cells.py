"""Turning a typed spreadsheet cell into the text a person would see (fields.md §7).

Integers are written without a decimal point or exponent (202208.0 → 202208), other numbers in
their shortest round-trip form, dates as YYYY-MM-DD (with HH:MM:SS when there is a time part),
booleans as TRUE/FALSE. Whether the cell was numeric is kept for the ID columns: an 18-digit ID
stored as a number has lost its last digits, and that is a finding (A02), not something to repair.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal

_EXACT = 2**53  # below this every integer is a double, so its digits are exactly the value's


def number_text(value: float) -> str:
    """A number as Excel shows it: integers in full, without '.0' or exponent; others shortest.

    A large integral double is written from its shortest round-trip digits, padded with zeros: an ID
    typed into Excel as 130630198001011234 is stored as 1.30630198001011E+17 and shown as
    130630198001011000; writing the double's exact binary value (…011008) would invent a digit.
    """
    if not math.isfinite(value) or value != int(value):
        return repr(value)
    if abs(value) < _EXACT:
        return str(int(value))
    return format(Decimal(repr(value)).to_integral_value(), "f")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return str(value)


def column_text(values: Sequence[object]) -> tuple[list[str], list[bool] | None]:
    """A column as text, plus per-cell 'was numeric' flags (None when no cell was numeric)."""
    if all(type(v) is str for v in values):
        return list(values), None  # type: ignore[arg-type]
    texts = [v if type(v) is str else cell_text(v) for v in values]
    numeric = [isinstance(v, (int, float)) and not isinstance(v, bool) for v in values]
    return texts, numeric if any(numeric) else None
