"""What every injector needs: the registry, choosing a usable household, and consistent edits.

An injector makes one mistake in one clean household. Choosing the household is part of the job (a
rule about school children needs a household with a school child), so injectors get a `Site` — the
free households, the seeded generator, the data month — and pick a household that fits. The helpers
below keep the rest of the household as the clerk's system would (totals recomputed, the clue date
following the identification month), so a mistake shows up under its own rule and nowhere else.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...codes import GRADES_STUDYING
from ..households import Gen, Household, Planted, identify, member

Injector = Callable[["Site"], list[Planted]]
INJECTORS: dict[str, Injector] = {}

ABLE = ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")
JUNIOR = ("七年级", "八年级", "九年级")
SENIOR = ("普通高中一年级", "普通高中二年级", "普通高中三年级")


def plants(rule_id: str) -> Callable[[Injector], Injector]:
    """Register the decorated function as the injector of `rule_id`."""
    def register(fn: Injector) -> Injector:
        INJECTORS[rule_id] = fn
        return fn
    return register


@dataclass
class Site:
    """Where one problem goes: the households still free of problems, the generator and the data month."""

    free: list[Household]
    gen: Gen
    period: str  # YYYY-MM
    last: str = ""  # the last data month the problem stays in (a series keeps unfixed problems); default `period`

    def pick(self, fits: Callable[[Household], bool] = lambda hh: True) -> Household | None:
        """A random free household that `fits` now and in the last month; None when there is none (the
        injector then plants nothing). Ages and months since identification move on as a series does,
        so a household fitting only now could fall out of its rule, or into another, months later."""
        usable = [hh for hh in self.free if self.always(fits, hh)]
        return self.gen.rng.choice(usable) if usable else None

    def always(self, fits: Callable[[Any], bool], item: Any) -> bool:
        """`fits(item)` holds in the data month and in the last month (the rules' age and month bounds are
        intervals, so it then holds in every month between)."""
        now = self.period
        try:
            for period in dict.fromkeys((now, self.last or now)):
                self.period = period
                if not fits(item):
                    return False
            return True
        finally:
            self.period = now

    def pick_member(self, fits: Callable[[dict[str, str]], bool] = lambda m: True):
        """A free household with a member that `fits` now and in the last month, and that member;
        (None, None) when there is none."""
        usable = [hh for hh in self.free if self.members(hh, fits)]
        if not usable:
            return None, None
        hh = self.gen.rng.choice(usable)
        return hh, self.choice(self.members(hh, fits))

    def members(self, hh: Household, fits: Callable[[dict[str, str]], bool]) -> list[dict[str, str]]:
        """The members of `hh` that `fits` now and in the last month."""
        return [m for m in hh.members if self.always(fits, m)]

    def choice(self, items):
        return self.gen.rng.choice(list(items))

    @property
    def ref_date(self) -> dt.date:
        year, month = int(self.period[:4]), int(self.period[5:7])
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def report_month(self) -> int:
        """The data month as a month index (year * 12 + month − 1), like `month_index`."""
        return month_index(self.period.replace("-", ""))

    @property
    def last_month(self) -> int:
        """The last data month the problem stays in, as a month index."""
        return month_index((self.last or self.period).replace("-", ""))

    def age(self, m: dict[str, str]) -> int:
        return _age(m["出生日期"], self.ref_date)

    def school_age(self, m: dict[str, str]) -> int:
        ref = self.ref_date
        return _age(m["出生日期"], dt.date(ref.year if ref.month >= 9 else ref.year - 1, 9, 1))

    def new_member(self, rel: str, sex: str, birth: str, **kw) -> dict[str, str]:
        return member(self.gen, rel, sex, birth, works=False, **kw)


def _age(birth: str, day: dt.date) -> int:
    years = day.year - int(birth[:4])
    return years - 1 if (day.month, day.day) < (int(birth[4:6]), int(birth[6:8])) else years


# ---- households and members --------------------------------------------------------------------
def monitored(hh: Household) -> bool:
    return bool(hh.fields["监测对象类别"])


def removed(hh: Household) -> bool:
    return monitored(hh) and hh.fields["风险是否已消除"] == "是"


def unremoved(hh: Household) -> bool:
    return monitored(hh) and not removed(hh)


def poor_only(hh: Household) -> bool:
    """A 脱贫户 not under monitoring (the 应纳未纳 rules judge these)."""
    return hh.fields["户类型"] == "脱贫户" and not monitored(hh)


def risks(hh: Household) -> set[str]:
    return {hh.fields[f"致贫/返贫风险{i}"] for i in (1, 2)} - {""}


def others(hh: Household) -> list[dict[str, str]]:
    """The members except the head (changing the head's ID or name would also break 户主证件号码/户主姓名)."""
    return [m for m in hh.members if m["与户主关系"] != "户主"]


def works(m: dict[str, str]) -> bool:
    return bool(m["务工所在地"])


def healthy(m: dict[str, str]) -> bool:
    return m["健康状况"] == "健康"


def student(m: dict[str, str]) -> bool:
    return m["在校生状况"] in GRADES_STUDYING


def able(m: dict[str, str]) -> bool:
    return m["劳动技能"] in ABLE


def compulsory_pupil(site: Site, m: dict[str, str]) -> bool:
    """A pupil of compulsory school age still under 16 (out of school, no 16-and-over rule judges them)."""
    return student(m) and site.school_age(m) >= 6 and site.age(m) < 16


def drop_out(site: Site, hh: Household) -> dict[str, str]:
    """One compulsory-age pupil of `hh` leaves school, with the reason recorded (so D12 stays quiet)."""
    m = site.choice(site.members(hh, lambda x: compulsory_pupil(site, x)))
    m.update({"在校生状况": "", "失学或辍学原因": "厌学"})
    return m


def work_months(hh: Household) -> int:
    return sum(int(m["务工时间（月）"] or 0) for m in hh.members)


def money(hh: Household, name: str) -> float:
    return float(hh.fields[name])


# ---- months ------------------------------------------------------------------------------------
def month_index(text: str) -> int:
    """YYYYMM → year * 12 + month − 1."""
    return int(text[:4]) * 12 + int(text[4:6]) - 1


def month_text(index: int) -> str:
    return f"{index // 12}{index % 12 + 1:02d}"


def set_identified(hh: Household, index: int) -> None:
    """Move the identification month, and the risk clue with it (a clue found that month)."""
    identify(hh, month_text(index))


# ---- consistent edits --------------------------------------------------------------------------
def set_totals(hh: Household) -> None:
    """家庭纯收入 and 人均纯收入 recomputed from the income items, as the national system computes them."""
    f = hh.fields
    net = (money(hh, "工资性收入") + money(hh, "生产经营性收入") + money(hh, "财产性收入") + money(hh, "转移性收入")
           - money(hh, "生产经营性支出"))
    f["家庭纯收入"] = _amount(net)
    f["人均纯收入"] = _amount(round(net / len(hh.members), 2))


def _amount(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def set_per_capita(hh: Household, per_capita: int) -> None:
    """Incomes for a new per-capita income, wages still ≥ 500 元 per month worked (E06) where possible."""
    f, n, months = hh.fields, len(hh.members), work_months(hh)
    net = per_capita * n
    transfer = max(0, min(int(f["转移性收入"]), net - 500 * months))
    business = max(0, min(int(f["生产经营性收入"]), net - transfer - 500 * months))
    wage = net - business - transfer
    f.update({"工资性收入": str(wage), "生产经营性收入": str(business), "财产性收入": "0", "转移性收入": str(transfer),
              "生产经营性支出": "0", "家庭纯收入": str(net), "人均纯收入": str(per_capita)})
    if removed(hh):
        f.update({"风险消除后工资性收入": str(wage), "风险消除后转移性收入": str(transfer),
                  "风险消除后生产经营性收入": str(business)})


def can_set_per_capita(hh: Household, per_capita: int) -> bool:
    return per_capita * len(hh.members) >= 500 * work_months(hh)


def add_member(hh: Household, m: dict[str, str]) -> None:
    """A new member: 家庭人口数 follows, and the family's income grows by one person's share
    (their pension or transfer), so 人均纯收入 stays as it was."""
    share = round(money(hh, "人均纯收入"))
    hh.members.append(m)
    f = hh.fields
    f["家庭人口数"] = str(len(hh.members))
    f["转移性收入"] = str(int(f["转移性收入"]) + share)
    f["家庭纯收入"] = _amount(money(hh, "家庭纯收入") + share)


def add_parent(site: Site, hh: Household, rel: str) -> dict[str, str]:
    """The head's old, chronically ill mother moves in (entered with relation `rel`)."""
    year = max(1925, int(hh.members[0]["出生日期"][:4]) - site.gen.rng.randint(22, 30))
    mother = site.new_member(rel, "女", f"{year}0{site.gen.rng.randint(1, 9)}15", edu="文盲或半文盲",
                             health="长期慢性病", labour="无劳动力")
    add_member(hh, mother)
    return mother


def no_one_can_work(site: Site, hh: Household) -> None:
    """Turn `hh` into a household in which nobody can work: every adult chronically ill and 无劳动力,
    nobody working, employment aid dropped, the family living on transfers (and, when monitored, 因病 with health aid and out-of-pocket costs recorded)."""
    f = hh.fields
    for m in hh.members:
        if student(m) or site.age(m) < 16:
            continue
        if healthy(m):
            m["健康状况"] = "长期慢性病"
        m.update({"劳动技能": "无劳动力", "务工所在地": "", "务工时间（月）": ""})
    f["转移性收入"] = str(int(f["转移性收入"]) + int(f["工资性收入"]))
    f["工资性收入"] = "0"
    if removed(hh):
        f["风险消除后转移性收入"] = str(int(f["风险消除后转移性收入"]) + int(f["风险消除后工资性收入"]))
        f["风险消除后工资性收入"] = "0"
    f["就业帮扶"] = ""
    if monitored(hh):
        f.update({"致贫/返贫风险1": "因病", "健康帮扶": "医疗救助"})
        if f["合规自付支出"] == "0":
            f["合规自付支出"] = "2000"
