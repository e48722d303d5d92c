"""Group F — housing, education, medical insurance and drinking water (三保障和饮水安全): a 脱贫户
with such a problem left out of monitoring, a risk without its matching measure, insurance gaps.

Where two rules state the same fact (F04 and F06: ill, in 居民医保 and not in 大病保险; F09 and
C10: a member without basic medical insurance) the second finding is declared.
"""

from __future__ import annotations

from ..households import Planted
from .kit import Site, compulsory_pupil, drop_out, healthy, plants, poor_only, risks, unremoved


@plants("F01")
def _housing_status_blank(site: Site) -> list[Planted]:
    hh = site.pick(unremoved)
    if hh is None:
        return []
    hh.fields["住房安全保障"] = ""
    return [Planted("F01", hh.hid, "", "监测户的住房安全保障漏填")]


@plants("F02")
def _unsafe_house_not_monitored(site: Site) -> list[Planted]:
    hh = site.pick(poor_only)
    if hh is None:
        return []
    hh.fields["是否危房户"] = "是"
    return [Planted("F02", hh.hid, "", "脱贫户住危房（是否危房户为是），但未纳入监测")]


@plants("F03")
def _unsafe_water_not_monitored(site: Site) -> list[Planted]:
    hh = site.pick(poor_only)
    if hh is None:
        return []
    hh.fields["是否解决安全饮用水"] = "否"
    return [Planted("F03", hh.hid, "", "脱贫户未解决安全饮用水，但未纳入监测")]


@plants("F04")
def _ill_without_serious_illness_insurance(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: poor_only(h) and any(not healthy(m) for m in h.members))
    if hh is None:
        return []
    m = site.choice(x for x in hh.members if not healthy(x))
    m["是否参加大病保险"] = "否"
    return [Planted("F04", hh.hid, "", f"脱贫户成员{m['姓名']}（{m['健康状况']}）未参加大病保险，但未纳入监测"),
            Planted("F06", hh.hid, m["姓名"], "参加了城乡居民基本医疗保险，但未参加大病保险")]


@plants("F05")
def _dropout_not_monitored(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: poor_only(h) and any(compulsory_pupil(site, m) for m in h.members))
    if hh is None:
        return []
    m = drop_out(site, hh)
    hh.fields["是否义务教育阶段适龄儿童少年失学辍学"] = "是"
    return [Planted("F05", hh.hid, "", f"脱贫户子女{m['姓名']}（学龄 {site.school_age(m)} 岁）辍学，但未纳入监测")]


@plants("F06")
def _no_serious_illness_insurance(site: Site) -> list[Planted]:
    hh, m = site.pick_member(healthy)
    if hh is None:
        return []
    m["是否参加大病保险"] = "否"
    return [Planted("F06", hh.hid, m["姓名"], "参加了城乡居民基本医疗保险，但大病保险填为否")]


@plants("F07")
def _water_risk_without_measure(site: Site) -> list[Planted]:
    """Recorded on a 脱贫户 not yet monitored (on a monitored household the blank 饮水安全保障 is also F01)."""
    hh = site.pick(poor_only)
    if hh is None:
        return []
    hh.fields["致贫/返贫风险1"] = "因安全饮水"
    return [Planted("F07", hh.hid, "", "登记了致贫/返贫风险“因安全饮水”，但饮水安全保障为空")]


@plants("F08")
def _housing_risk_without_measure(site: Site) -> list[Planted]:
    hh = site.pick(poor_only)
    if hh is None:
        return []
    hh.fields["致贫/返贫风险1"] = "因安全住房"
    return [Planted("F08", hh.hid, "", "登记了致贫/返贫风险“因安全住房”，但住房安全保障、搬迁都为空")]


@plants("F09")
def _uninsured_without_illness_risk(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and "因病" not in risks(h))
    if hh is None:
        return []
    m = site.choice(hh.members)
    m["是否参加城乡居民基本医疗保险"] = "否"
    return [Planted("F09", hh.hid, "", f"成员{m['姓名']}未参加基本医疗保险，但风险类型不含因病"),
            Planted("C10", hh.hid, m["姓名"], "城乡居民基本医疗保险和城镇职工基本医疗保险都填为否")]


@plants("F10")
def _dropout_flag_without_dropout(site: Site) -> list[Planted]:
    hh = site.pick(unremoved)
    if hh is None:
        return []
    hh.fields["是否义务教育阶段适龄儿童少年失学辍学"] = "是"
    return [Planted("F10", hh.hid, "", "监测户填了有义务教育阶段适龄儿童少年失学辍学，但户内没有不在校的适龄儿童")]
