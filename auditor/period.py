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
# A date in a title row above the header: 2024年6月(30日), 2024-06(-30), 2024/6/30, 2024.06.
_TITLE_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月|[-/.](\d{1,2})(?!\d))")
# Words that say the date is the data's ("数据截至…"), preferred over any other date in the titles.
_AS_OF = re.compile(r"截至|截止|统计时间|统计日期|数据日期|数据时间|数据期|报告期|统计期")


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


def title_month(titles: list[tuple[str, str]]) -> tuple[int, int, str, str] | None:
    """(year, month, file, text) of the data date in the exports' title rows: a date next to 截至 / 统计时间
    and the like first, else the first date of any title row; None when the titles hold none."""
    found = []
    for file, text in titles:
        for m in _TITLE_DATE.finditer(text):
            month = int(m.group(2) or m.group(3))
            if 1 <= month <= 12:
                found.append((not _AS_OF.search(text), int(m.group(1)), month, file, text))
                break
    if not found:
        return None
    _, year, month, file, text = min(found, key=lambda f: f[0])
    return year, month, file, text


def file_month(file_names: list[str]) -> tuple[int, int, str] | None:
    for name in file_names:
        for pattern in _PERIOD_PATTERNS:
            m = pattern.search(Path(name).stem)
            if m:
                return int(m.group(1)), int(m.group(2)), Path(name).name
    return None


def resolve_period(option: str | None, file_names: list[str], cfg: Config,
                   titles: list[tuple[str, str]] | None = None) -> Period:
    """Decide the data month: --period, else the date in the export's title rows, else a file name,
    else the current month (noted: the outputs say how the month was decided)."""
    by_title = title_month(titles or [])
    by_name = file_month(file_names)
    if option:
        m = re.fullmatch(r"(\d{4})-?(\d{1,2})", option.strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise InputError(f"参数错误：--period {option!r} 应写成 YYYY-MM，例如 2024-06")
        year, month, note = int(m.group(1)), int(m.group(2)), "审核时指定"
    elif by_title:
        year, month, file, text = by_title
        note = f"由导出文件 {file} 的标题行“{text}”确定"
        if by_name and by_name[:2] != (year, month):
            note += f"（文件名 {by_name[2]} 中的月份为 {by_name[0]}-{by_name[1]:02d}，以标题行为准）"
    elif by_name:
        year, month, name = by_name
        note = f"由文件名 {name} 推断"
    else:
        today = dt.date.today()
        year, month = today.year, today.month
        note = "未指定数据月份，导出的标题行和文件名中也没有，取当前月份"
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
