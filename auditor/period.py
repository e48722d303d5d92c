"""The data month of a run, resolved once (rules.md §9): the period, its reference dates, the deadline.

Every stage reads the same Period (it travels with the prepared tables, Prepared.period): nothing
re-derives a date from the config during a run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .config import Config, parse_date
from .errors import InputError

_PERIOD_PATTERNS = (
    re.compile(r"(20\d{2})[-_.年/]?(0[1-9]|1[0-2])(?:月|\D|$)"),
    re.compile(r"(20\d{2})年([1-9])月"),
)


@dataclass(frozen=True)
class Period:
    month: str  # YYYY-MM, the data month
    note: str  # how it was decided, for the reader of the outputs
    ref_date: dt.date  # ages, the report month and the income line are at this date
    school_ref_date: dt.date  # school ages (D07–D12, F10) are at this date
    deadline: str = ""  # the 整改 deadline YYYY-MM-DD when one was given ([report] deadline, --deadline)

    @property
    def report_month(self) -> int:
        """ym(ref_date) as year*12+month, the form every month comparison uses."""
        return self.ref_date.year * 12 + self.ref_date.month

    @property
    def due(self) -> dt.date:
        """The deadline: the one given, else the last day of the month after the data month."""
        if self.deadline:
            return dt.date.fromisoformat(self.deadline)
        year, month = (int(x) for x in self.month.split("-"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dt.date(year, month, calendar.monthrange(year, month)[1])


def resolve_period(option: str | None, file_names: list[str], cfg: Config) -> Period:
    """Decide the data month: --period, else from a file name, else the current month (noted)."""
    if option:
        m = re.fullmatch(r"(\d{4})-?(\d{1,2})", option.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise InputError(f"参数错误：--period {option!r} 应写成 YYYY-MM，例如 2024-06")
        year, month, note = int(m.group(1)), int(m.group(2)), "由 --period 指定"
    else:
        year = month = 0
        for name in file_names:
            for pattern in _PERIOD_PATTERNS:
                m = pattern.search(Path(name).stem)
                if m:
                    year, month = int(m.group(1)), int(m.group(2))
                    note = f"由文件名 {Path(name).name} 推断"
                    break
            if year:
                break
        if not year:
            today = dt.date.today()
            year, month, note = today.year, today.month, "未指定且无法从文件名推断，取当前月份"
    explicit = cfg.params.get("ref_date")
    if explicit and explicit != "数据期末":
        ref_date = parse_date(str(explicit), "ref_date")
    else:
        ref_date = dt.date(year, month, calendar.monthrange(year, month)[1])
    school = cfg.params.get("school_ref_date")
    if school and school != "学年起点":
        school_ref = parse_date(str(school), "school_ref_date")
    else:
        school_ref = dt.date(ref_date.year if ref_date.month >= 9 else ref_date.year - 1, 9, 1)
    return Period(f"{year:04d}-{month:02d}", note, ref_date, school_ref, cfg.deadline)
