"""Group E — migrant work: months and places that do not match, work by people recorded as unable to
work, wages booked under another income item, employment aid recorded on the wrong member.

Rules E03 and E07 are the same fact seen per person and per household, and a pupil who works is
either unable to work (E03) or a pupil with labour (D04): those second findings are declared.
"""

from __future__ import annotations

from ..households import Planted
from .kit import Site, able, healthy, monitored, plants, poor_only, risks, student, work_months, works


@plants("E01")
def _months_missing(site: Site) -> list[Planted]:
    hh, m = site.pick_member(works)
    if hh is None:
        return []
    m["务工时间（月）"] = ""
    return [Planted("E01", hh.hid, m["姓名"], f"填了务工所在地“{m['务工所在地']}”，但务工时间（月）为空")]


@plants("E02")
def _months_in_words(site: Site) -> list[Planted]:
    hh, m = site.pick_member(works)
    if hh is None:
        return []
    m["务工时间（月）"] = "全年"
    return [Planted("E02", hh.hid, m["姓名"], "务工时间（月）填为“全年”，不是 0–12 的整数")]


@plants("E03")
def _old_worker_unable(site: Site) -> list[Planted]:
    """A worker of 60 or more recorded as 无劳动力 (allowed at that age), beside a spouse who can work."""
    def fits(h):
        head, spouse = h.members[0], h.person("配偶")
        return works(head) and site.age(head) >= 60 and spouse is not None and able(spouse)
    hh = site.pick(fits)
    if hh is None:
        return []
    head = hh.members[0]
    head["劳动技能"] = "无劳动力"
    return [Planted("E03", hh.hid, head["姓名"], f"{site.age(head)}岁户主劳动技能填为无劳动力，但登记了外出务工")]


@plants("E04")
def _pupil_summer_job(site: Site) -> list[Planted]:
    """A pupil of 16 or more with a summer job; a pupil is 无劳动力, so E03 follows."""
    def fits(h):
        return (any(student(m) and site.age(m) >= 16 for m in h.members)
                and float(h.fields["工资性收入"]) >= 500 * (work_months(h) + 2))
    hh = site.pick(fits)
    if hh is None:
        return []
    m = site.choice(x for x in hh.members if student(x) and site.age(x) >= 16)
    m.update({"务工所在地": "县外省内务工", "务工时间（月）": "2"})
    return [Planted("E04", hh.hid, m["姓名"], f"在校生（{m['在校生状况']}）登记了外出务工 2 个月"),
            Planted("E03", hh.hid, m["姓名"], "在校生劳动技能为无劳动力，却登记了外出务工")]


@plants("E05")
def _wage_booked_as_business(site: Site) -> list[Planted]:
    """In a 脱贫户 without employment aid (with it, G11 would follow)."""
    hh = site.pick(lambda h: poor_only(h) and any(works(m) for m in h.members))
    if hh is None:
        return []
    f = hh.fields
    wage = f["工资性收入"]
    f["生产经营性收入"] = str(int(f["生产经营性收入"]) + int(wage))
    f["工资性收入"] = "0"
    return [Planted("E05", hh.hid, "", f"有外出务工成员，但工资性收入填 0（务工收入 {wage} 元记入了生产经营性收入）")]


@plants("E06")
def _wage_partly_booked_as_business(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: poor_only(h) and work_months(h) > 0)
    if hh is None:
        return []
    f, months = hh.fields, work_months(hh)
    wage = 300 * months
    f["生产经营性收入"] = str(int(f["生产经营性收入"]) + int(f["工资性收入"]) - wage)
    f["工资性收入"] = str(wage)
    return [Planted("E06", hh.hid, "", f"工资性收入只填了 {wage} 元（务工 {months} 个月，月均 300 元），其余务工收入记入了生产经营性收入")]


@plants("E07")
def _nobody_able_but_working(site: Site) -> list[Planted]:
    """A 脱贫户 of old, ill members and pupils, all recorded 无劳动力 while the head still works away;
    every worker among them is also an E03 finding."""
    def fits(h):
        return poor_only(h) and all(student(m) or site.age(m) >= 60 or not healthy(m)
                                    for m in h.members)
    hh = site.pick(fits)
    if hh is None:
        return []
    for m in hh.members:
        m["劳动技能"] = "无劳动力"
    found = [Planted("E07", hh.hid, "", "全户劳动技能都填为无劳动力，但仍有成员登记外出务工")]
    return found + [Planted("E03", hh.hid, m["姓名"], "劳动技能为无劳动力，却登记了外出务工")
                    for m in hh.members if works(m)]


@plants("E08")
def _work_not_recorded(site: Site) -> list[Planted]:
    """A monitored household at risk 因病 (at 因务工就业不稳, H10 would follow) whose work went unrecorded."""
    hh = site.pick(lambda h: monitored(h) and risks(h) == {"因病"})
    if hh is None:
        return []
    for m in hh.members:
        m.update({"务工所在地": "", "务工时间（月）": ""})
    return [Planted("E08", hh.hid, "", "享受就业帮扶，但户内所有成员的务工信息都漏填（无人务工）")]


@plants("E11")
def _employment_aid_on_pupil(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["劳动技能"] == "无劳动力")
    if hh is None:
        return []
    aid = hh.fields["就业帮扶"] or "技能培训"
    hh.fields["就业帮扶"] = ""
    m["就业帮扶"] = aid
    return [Planted("E11", hh.hid, m["姓名"], f"就业帮扶“{aid}”登记在无劳动力的成员名下（按成员填报）")]
