"""Group I — risk removal (风险消除): households removed although below the line, unable to work, in an
unsafe house, without water or insurance; removal months before identification or too soon after it;
removal records with a part left blank.

A member without basic medical insurance is a C10 finding as well as an I11 one (declared).
"""

from __future__ import annotations

from ..households import Planted
from .kit import (
    Site,
    can_set_per_capita,
    compulsory_pupil,
    drop_out,
    month_index,
    month_text,
    no_one_can_work,
    plants,
    removed,
    risks,
    set_per_capita,
    unremoved,
)


def _removed_by_aid(hh) -> bool:
    return removed(hh) and hh.fields["风险消除方式"] == "帮扶消除"


def _set_removal(hh, months_after: int) -> str:
    removal = month_text(month_index(hh.fields["识别监测时间"]) + months_after)
    hh.fields["消除监测时间"] = removal
    return removal


@plants("I01")
def _removed_below_line(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: _removed_by_aid(h) and can_set_per_capita(h, 6500))
    if hh is None:
        return []
    per_capita = site.gen.rng.randrange(6500, 7300, 100)
    set_per_capita(hh, per_capita)
    return [Planted("I01", hh.hid, "", f"帮扶消除风险，但人均纯收入 {per_capita} 元低于监测线 7300 元")]


@plants("I02")
def _removed_nobody_can_work(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    no_one_can_work(site, hh)
    return [Planted("I02", hh.hid, "", "全家均无劳动力（因病），却已消除风险（应回退）")]


@plants("I03")
def _no_labour_not_flagged(site: Site) -> list[Planted]:
    hh = site.pick(unremoved)
    if hh is None:
        return []
    no_one_can_work(site, hh)
    return [Planted("I03", hh.hid, "", "全家均无劳动力，但整户无劳动能力兜底保障户仍填否")]


@plants("I04")
def _removal_before_identification(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    removal = _set_removal(hh, -2)
    return [Planted("I04", hh.hid, "", f"消除监测时间录为 {removal}，早于识别监测时间 {hh.fields['识别监测时间']}")]


@plants("I05")
def _removed_next_month(site: Site) -> list[Planted]:
    hh = site.pick(_removed_by_aid)
    if hh is None:
        return []
    removal = _set_removal(hh, site.gen.rng.randint(0, 1))
    return [Planted("I05", hh.hid, "", f"{hh.fields['识别监测时间']} 识别，{removal} 即帮扶消除风险（当月或次月）")]


@plants("I06")
def _removed_within_half_year(site: Site) -> list[Planted]:
    hh = site.pick(_removed_by_aid)
    if hh is None:
        return []
    removal = _set_removal(hh, site.gen.rng.randint(2, 5))
    return [Planted("I06", hh.hid, "", f"{hh.fields['识别监测时间']} 识别，{removal} 即帮扶消除风险（收入稳定不足半年）")]


@plants("I07")
def _post_removal_transfer_blank(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    hh.fields["风险消除后转移性收入"] = ""
    return [Planted("I07", hh.hid, "", "已消除风险，但风险消除后转移性收入漏填")]


@plants("I08")
def _removed_with_dropout(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: removed(h) and any(compulsory_pupil(site, m) for m in h.members))
    if hh is None:
        return []
    m = drop_out(site, hh)
    hh.fields["是否义务教育阶段适龄儿童少年失学辍学"] = "是"
    return [Planted("I08", hh.hid, "", f"子女{m['姓名']}（学龄 {site.school_age(m)} 岁）失学辍学，户却已消除风险")]


@plants("I09")
def _removed_unsafe_house(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    hh.fields["是否危房户"] = "是"
    return [Planted("I09", hh.hid, "", "已消除风险，但是否危房户为是")]


@plants("I10")
def _removed_without_water(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    hh.fields["是否解决安全饮用水"] = "否"
    return [Planted("I10", hh.hid, "", "已消除风险，但是否解决安全饮用水为否")]


@plants("I11")
def _removed_uninsured(site: Site) -> list[Planted]:
    """At risk 因病 (without it, F09 would follow)."""
    hh = site.pick(lambda h: removed(h) and "因病" in risks(h))
    if hh is None:
        return []
    m = site.choice(hh.members)
    m["是否参加城乡居民基本医疗保险"] = "否"
    return [Planted("I11", hh.hid, "", f"已消除风险，但成员{m['姓名']}未参加基本医疗保险"),
            Planted("C10", hh.hid, m["姓名"], "城乡居民基本医疗保险和城镇职工基本医疗保险都填为否")]


@plants("I12")
def _development_not_done(site: Site) -> list[Planted]:
    hh = site.pick(_removed_by_aid)
    if hh is None:
        return []
    hh.fields["实施开发式帮扶措施情况"] = "尚未实施"
    return [Planted("I12", hh.hid, "", "帮扶消除风险，但实施开发式帮扶措施情况为尚未实施")]


@plants("I13")
def _contact_phone_blank(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    hh.fields["信息采集人联系电话"] = ""
    return [Planted("I13", hh.hid, "", "已消除风险，但监测联系人电话（信息采集人联系电话）漏填")]


@plants("I14")
def _removal_method_blank(site: Site) -> list[Planted]:
    hh = site.pick(removed)
    if hh is None:
        return []
    hh.fields["风险消除方式"] = ""
    return [Planted("I14", hh.hid, "", "风险是否已消除为是，但风险消除方式漏填")]


@plants("I15")
def _illness_removed_without_health_aid(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: _removed_by_aid(h) and "因病" in risks(h))
    if hh is None:
        return []
    hh.fields["健康帮扶"] = ""
    return [Planted("I15", hh.hid, "", "因病户帮扶消除风险，但健康帮扶、社会帮扶、综合保障都为空")]
