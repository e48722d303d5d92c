"""Group H — identification and risk types: risk types that the household's own members contradict,
notes and sub-types left out, identification months mistyped or late, category against 户类型.

A household in which nobody can work cannot show any work either, so H09 comes with H10 (declared).
"""

from __future__ import annotations

from ..households import Planted, clue_date
from .kit import (
    Site,
    able,
    add_parent,
    healthy,
    monitored,
    month_index,
    month_text,
    no_one_can_work,
    plants,
    risks,
    student,
    unremoved,
)


def _second_risk(site: Site, rule_id: str, risk: str, what: str, fits=monitored) -> list[Planted]:
    hh = site.pick(fits)
    if hh is None:
        return []
    hh.fields["致贫/返贫风险2"] = risk
    return [Planted(rule_id, hh.hid, "", what)]


@plants("H01")
def _risk_blank(site: Site) -> list[Planted]:
    hh = site.pick(monitored)
    if hh is None:
        return []
    hh.fields["致贫/返贫风险1"] = ""
    return [Planted("H01", hh.hid, "", "监测户的致贫/返贫风险漏填"),
            Planted("F01", hh.hid, "", "监测户的致贫/返贫风险1为空（识别信息不全）")]


@plants("H02")
def _other_without_note(site: Site) -> list[Planted]:
    return _second_risk(site, "H02", "其他", "风险类型加选了“其他”，但未填写其他备注")


@plants("H03")
def _disaster_without_kind(site: Site) -> list[Planted]:
    return _second_risk(site, "H03", "因自然灾害", "风险类型加选了“因自然灾害”，但未填写因自然灾害子项")


@plants("H04")
def _disability_risk_without_disabled(site: Site) -> list[Planted]:
    return _second_risk(site, "H04", "因残", "风险类型加选了“因残”，但户内没有残疾成员")


@plants("H05")
def _recovered_still_ill_risk(site: Site) -> list[Planted]:
    """The ill member recovered and was updated to 健康 (and, under 60, 普通劳动力); the risk 因病 stayed."""
    hh = site.pick(lambda h: monitored(h) and "因病" in risks(h))
    if hh is None:
        return []
    for m in hh.members:
        if not healthy(m):
            m["健康状况"] = "健康"
            if site.age(m) < 60:
                m["劳动技能"] = "普通劳动力"
    return [Planted("H05", hh.hid, "", "患病成员已康复（健康状况改为健康），风险类型仍为因病")]


@plants("H06")
def _school_risk_without_pupil(site: Site) -> list[Planted]:
    return _second_risk(site, "H06", "因学", "风险类型加选了“因学”，但户内没有在校生",
                        lambda h: monitored(h) and not any(student(m) for m in h.members))


@plants("H07")
def _lacks_labour_all_able(site: Site) -> list[Planted]:
    return _second_risk(site, "H07", "缺劳动力", "风险类型加选了“缺劳动力”，但全家都有劳动能力",
                        lambda h: unremoved(h) and all(able(m) for m in h.members))


@plants("H08")
def _lacks_labour_half_able(site: Site) -> list[Planted]:
    """Four or more members, at least half of them able to work; a three-member household with two
    able members becomes one when the head's old mother moves in."""
    def fits(h):
        n, can = len(h.members), sum(able(m) for m in h.members)
        return unremoved(h) and ((n >= 4 and can * 2 >= n and can < n) or (n == 3 and can >= 2))
    hh = site.pick(fits)
    if hh is None:
        return []
    if len(hh.members) == 3:
        add_parent(site, hh, "之母")
    hh.fields["致贫/返贫风险2"] = "缺劳动力"
    can = sum(able(m) for m in hh.members)
    return [Planted("H08", hh.hid, "", f"{len(hh.members)}口人中{can}人有劳动能力，风险类型却加选了“缺劳动力”")]


@plants("H09")
def _job_risk_nobody_can_work(site: Site) -> list[Planted]:
    hh = site.pick(unremoved)
    if hh is None:
        return []
    no_one_can_work(site, hh)
    hh.fields.update({"致贫/返贫风险2": "因务工就业不稳", "整户无劳动能力兜底保障户": "是"})
    return [Planted("H09", hh.hid, "", "全家均无劳动力（整户兜底保障），风险类型却加选了“因务工就业不稳”"),
            Planted("H10", hh.hid, "", "风险类型含因务工就业不稳，但全家无劳动力，无人务工")]


@plants("H10")
def _job_risk_work_not_recorded(site: Site) -> list[Planted]:
    """The household's work went unrecorded; a member now holds a 公益性岗位 (so E08 stays quiet)."""
    def fits(h):
        return monitored(h) and risks(h) == {"因务工就业不稳"} and any(able(m) and site.age(m) < 70 for m in h.members)
    hh = site.pick(fits)
    if hh is None:
        return []
    for m in hh.members:
        m.update({"务工所在地": "", "务工时间（月）": ""})
    m = site.choice(site.members(hh, lambda x: able(x) and site.age(x) < 70))
    m.update({"公益性岗位类型": "保洁员", "公益性岗位(月数)": "10"})
    return [Planted("H10", hh.hid, "", f"风险类型为因务工就业不稳，但户内成员都没有登记务工信息（{m['姓名']}为公益性岗位保洁员）")]


@plants("H11")
def _identification_month_invalid(site: Site) -> list[Planted]:
    hh = site.pick(monitored)
    if hh is None:
        return []
    wrong = hh.fields["识别监测时间"][:4] + "13"
    hh.fields["识别监测时间"] = wrong
    return [Planted("H11", hh.hid, "", f"识别监测时间录为 {wrong}（月份无效）")]


@plants("H12")
def _marginal_as_poor(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: h.fields["监测对象类别"] == "边缘易致贫户")
    if hh is None:
        return []
    hh.fields["户类型"] = "脱贫户"
    return [Planted("H12", hh.hid, "", "边缘易致贫户的户类型填为脱贫户（边缘易致贫户不应是脱贫户）")]


@plants("H13")
def _identified_late(site: Site) -> list[Planted]:
    hh = site.pick(monitored)
    if hh is None:
        return []
    clue = clue_date(month_text(month_index(hh.fields["识别监测时间"]) - 2), hh.hid)
    hh.fields["风险线索发现时间"] = clue
    return [Planted("H13", hh.hid, "", f"风险线索 {clue} 发现，{hh.fields['识别监测时间']} 才识别（超过15天）")]
