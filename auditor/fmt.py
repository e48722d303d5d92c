"""Words and numbers as the outputs print them: periods, dates, shares, Chinese numerals, the labels of
units without a name. A small module below both the analysis (scores, risk, 附表) and the reports, so
that neither borrows from the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

UNNAMED = "（未填乡镇）"  # the township of rows whose 乡 is blank
UNNAMED_VILLAGE = "（未填村）"
_CN_DIGITS = "零一二三四五六七八九"


def town_label(key: str) -> str:
    """A township as printed: its name, or UNNAMED for the rows without one ('')."""
    return key or UNNAMED


def town_key(label: str) -> str:
    """The township as the tables hold it ('' for UNNAMED): the inverse of town_label."""
    return "" if label == UNNAMED else label


def village_label(key: str) -> str:
    return key or UNNAMED_VILLAGE


def village_key(label: str) -> str:
    return "" if label == UNNAMED_VILLAGE else label


def period_text(period: str) -> str:
    """'2024-06' → '2024年6月'."""
    try:
        year, month = period.split("-")
        return f"{int(year)}年{int(month)}月"
    except ValueError:
        return period


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def stamp_text(iso: str) -> str:
    """A stored timestamp as people read it: '2026-12-07T14:29:59' → '2026-12-07 14:29'."""
    return iso.replace("T", " ")[:16]


def month_index(period: str) -> int:
    """'2024-06' → year*12+month, the form of the prepared tables' 月_ columns."""
    return int(period[:4]) * 12 + int(period[5:7])


def months_before(period: str, months: int) -> str:
    """The period `months` months before 'YYYY-MM'."""
    index = month_index(period) - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_text(month: int | None, text: str | None) -> str:
    """A parsed month (year*12+month) as the system writes it (202404), else the text as found."""
    if month is None:
        return text or ""
    return f"{(month - 1) // 12}{(month - 1) % 12 + 1:02d}"


def pct(part: float | None, whole: float | None) -> str:
    """part/whole as '12.3%'; '—' when either is unknown or the whole is 0."""
    if part is None or not whole:
        return "—"
    return f"{100 * part / whole:.1f}%"


def num_text(value: Any, digits: int = 1) -> str:
    """A figure as printed: '—' when unknown, floats to `digits` places."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 17 → 十七, 23 → 二十三 (section numbers)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    if n >= 100:
        return str(n)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
FILE_STEM_CHARS = 40  # a path of a few such names stays inside Windows' 260 characters


def file_stem(name: str, used: set[str]) -> str:
    """A file name (without extension) for `name` — a township, say — valid on Windows and Linux, at
    most FILE_STEM_CHARS characters (a longer one ends in a short hash of the whole name, which the
    file itself still shows), and not in `used` (compared without case, as Windows does); added to it."""
    cleaned = _NOT_IN_FILE_NAMES.sub("_", name).strip().strip(".") or "未命名"
    if cleaned.upper() in _RESERVED:
        cleaned = "_" + cleaned
    if len(cleaned) > FILE_STEM_CHARS:
        cleaned = cleaned[:FILE_STEM_CHARS - 9] + "…" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    stem, n = cleaned, 2
    while stem.lower() in used:
        stem, n = f"{cleaned}({n})", n + 1
    used.add(stem.lower())
    return stem
