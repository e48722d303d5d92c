"""Group G — income: sums that do not add up, amounts in the wrong unit or under the wrong item, a
脱贫户 below the line left out of monitoring, welfare measures without the matching income or member.

When a mistake is in an income item, 家庭纯收入 and 人均纯收入 are recomputed from the items, as the
national system does (`set_totals`), unless the sum itself is the mistake.
"""

from __future__ import annotations

import math

from ..households import Planted
from .kit import (
    Site,
    can_set_per_capita,
    money,
    monitored,
    month_index,
    plants,
    poor_only,
    removed,
    risks,
    set_per_capita,
    set_totals,
    unremoved,
    work_months,
)


@plants("G01")
def _wage_extra_zero(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: money(h, "工资性收入") > 0)
    if hh is None:
        return []
    wage = hh.fields["工资性收入"]
    hh.fields["工资性收入"] = wage + "0"
    return [Planted("G01", hh.hid, "", f"工资性收入多录一个 0（{wage} 录为 {wage}0），与家庭纯收入对不上")]


@plants("G02")
def _per_capita_one_short(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: poor_only(h) and len(h.members) >= 2)
    if hh is None:
        return []
    n = len(hh.members)
    hh.fields["人均纯收入"] = f"{money(hh, '家庭纯收入') / (n - 1):.2f}"
    return [Planted("G02", hh.hid, "", f"人均纯收入按 {n - 1} 人计算（家庭人口数为 {n}）")]


@plants("G03")
def _property_income_in_words(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.fields["财产性收入"] = "无"
    return [Planted("G03", hh.hid, "", "财产性收入填为“无”，不是金额（应填 0）")]


@plants("G04")
def _property_income_blank(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.fields["财产性收入"] = ""
    return [Planted("G04", hh.hid, "", "财产性收入漏填（没有财产性收入应填 0）")]


@plants("G05")
def _wage_in_ten_thousands(site: Site) -> list[Planted]:
    """Wage typed in 万元; someone in the household works, so the monthly wage is also too low (E06)."""
    hh = site.pick(lambda h: unremoved(h) and work_months(h) > 0)
    if hh is None:
        return []
    wage = hh.fields["工资性收入"]
    hh.fields["工资性收入"] = f"{int(wage) / 10000:.2f}"
    set_totals(hh)
    return [Planted("G05", hh.hid, "", f"工资性收入按万元填写（{wage} 元录为 {hh.fields['工资性收入']}）"),
            Planted("E06", hh.hid, "", "工资性收入按万元填写，按务工月数折算月均远低于 500 元")]


@plants("G06")
def _high_income_at_identification(site: Site) -> list[Planted]:
    """Removed or 突发严重困难户 households (G08 would also judge an unremoved unstable or marginal one)."""
    def fits(h):
        return (monitored(h) and month_index(h.fields["识别监测时间"]) >= 2023 * 12
                and (removed(h) or h.fields["监测对象类别"] == "突发严重困难户"))
    hh = site.pick(fits)
    if hh is None:
        return []
    wage = hh.fields["工资性收入"]
    hh.fields["工资性收入"] = wage + "0"
    set_totals(hh)
    return [Planted("G06", hh.hid, "", f"工资性收入多录一个 0（{wage} 录为 {wage}0），人均纯收入随之为 "
                                       f"{hh.fields['人均纯收入']} 元，高于 20000 元")]


@plants("G07")
def _poor_below_line(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: poor_only(h) and can_set_per_capita(h, 6500))
    if hh is None:
        return []
    per_capita = site.gen.rng.randrange(6500, 7300, 100)
    set_per_capita(hh, per_capita)
    return [Planted("G07", hh.hid, "", f"脱贫户人均纯收入 {per_capita} 元，低于监测线 7300 元，但未纳入监测")]


@plants("G08")
def _above_line_still_monitored(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and h.fields["监测对象类别"] in ("脱贫不稳定户", "边缘易致贫户"))
    if hh is None:
        return []
    per_capita = (7300 + math.ceil(money(hh, "合规自付支出") / len(hh.members))
                  + 100 * site.gen.rng.randint(1, 15))
    set_per_capita(hh, per_capita)
    return [Planted("G08", hh.hid, "", f"人均纯收入已达 {per_capita} 元（扣除合规自付支出后仍不低于监测线），"
                                       f"仍按{hh.fields['监测对象类别']}监测")]


@plants("G09")
def _illness_without_costs(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and "因病" in risks(h))
    if hh is None:
        return []
    hh.fields["合规自付支出"] = "0"
    return [Planted("G09", hh.hid, "", "风险类型为因病，但合规自付支出填 0")]


@plants("G10")
def _dibao_booked_as_wage(site: Site) -> list[Planted]:
    hh = site.pick(poor_only)
    if hh is None:
        return []
    f = hh.fields
    f.update({"综合保障": "农村低保", "工资性收入": str(int(f["工资性收入"]) + int(f["转移性收入"])), "转移性收入": "0"})
    hh.members[0].update({"享受低保政策情况": "农村低保", "是否享受低保": "是"})
    return [Planted("G10", hh.hid, "", "享受农村低保，但转移性收入填 0（低保金记入了工资性收入）")]


@plants("G11")
def _no_wage_after_removal(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: removed(h) and bool(h.fields["就业帮扶"]))
    if hh is None:
        return []
    hh.fields["风险消除后工资性收入"] = "0"
    return [Planted("G11", hh.hid, "", "享受就业帮扶，但风险消除后工资性收入填 0")]


@plants("G12")
def _industry_aid_without_business(site: Site) -> list[Planted]:
    hh = site.pick(monitored)
    if hh is None:
        return []
    hh.fields["产业帮扶"] = "产业奖补"
    item = "风险消除后生产经营性收入" if removed(hh) else "生产经营性收入"
    return [Planted("G12", hh.hid, "", f"登记了产业帮扶“产业奖补”，但{item}为 0")]


@plants("G13")
def _dibao_without_member(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.fields["综合保障"] = "农村低保"
    return [Planted("G13", hh.hid, "", "综合保障登记了农村低保，但户内没有成员享受低保")]


@plants("G14")
def _disability_subsidy_without_disabled(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.fields["综合保障"] = "残疾人两项补贴"
    return [Planted("G14", hh.hid, "", "综合保障登记了残疾人两项补贴，但户内没有残疾成员")]
