"""Group C — member attributes: cells left blank, values typed in the clerk's own words instead of the
code list, insurance boxes contradicting each other, disability recorded in one place but not the other.
"""

from __future__ import annotations

from ..households import Planted
from .kit import JUNIOR, Site, compulsory_pupil, healthy, plants, poor_only


@plants("C01")
def _blank_ethnicity(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["民族"] = ""
    return [Planted("C01", hh.hid, m["姓名"], "民族为空")]


@plants("C02")
def _health_in_own_words(site: Site) -> list[Planted]:
    hh, m = site.pick_member(healthy)
    if hh is None:
        return []
    m["健康状况"] = "正常"
    return [Planted("C02", hh.hid, m["姓名"], "健康状况填为“正常”，不在代码表内（应为健康）")]


@plants("C03")
def _bad_labour(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    m = hh.members[0]
    m["劳动技能"] = "劳力"
    return [Planted("C03", hh.hid, m["姓名"], "劳动技能填为“劳力”，不在代码表内")]


@plants("C04")
def _technical_school(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: bool(x["文化程度"]))
    if hh is None:
        return []
    m["文化程度"] = "中专"
    return [Planted("C04", hh.hid, m["姓名"], "文化程度填为“中专”，不在代码表内")]


@plants("C05")
def _education_of_pupil(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] == "小学" or x["在校生状况"] in JUNIOR or "高中" in x["在校生状况"])
    if hh is None:
        return []
    m["文化程度"] = "初中" if site.age(m) >= 16 else "小学"
    return [Planted("C05", hh.hid, m["姓名"], f"在校生（{m['在校生状况']}）同时填了文化程度“{m['文化程度']}”")]


@plants("C06")
def _education_blank(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: bool(x["文化程度"]) and not x["在校生状况"])
    if hh is None:
        return []
    m["文化程度"] = ""
    return [Planted("C06", hh.hid, m["姓名"], "成年成员的文化程度漏填，在校生状况、未上学原因也为空")]


@plants("C07")
def _political_status(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["政治面貌"] = "无党派"
    return [Planted("C07", hh.hid, m["姓名"], "政治面貌填为“无党派”，不在代码表内")]


@plants("C08")
def _pension_blank(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["是否参加城乡居民基本养老保险"] = ""
    return [Planted("C08", hh.hid, m["姓名"], "是否参加城乡居民基本养老保险为空")]


@plants("C09")
def _serious_illness_insurance_blank(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["是否参加大病保险"] = ""
    return [Planted("C09", hh.hid, m["姓名"], "是否参加大病保险为空")]


@plants("C10")
def _no_basic_medical(site: Site) -> list[Planted]:
    """In a 脱贫户 not under monitoring (in a monitored household F09 or I11 would follow)."""
    hh = site.pick(poor_only)
    if hh is None:
        return []
    m = site.choice(hh.members)
    m["是否参加城乡居民基本医疗保险"] = "否"
    return [Planted("C10", hh.hid, m["姓名"], "城乡居民基本医疗保险和城镇职工基本医疗保险都填为“否”")]


@plants("C11")
def _both_medical(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["是否参加城镇职工基本医疗保险"] = "是"
    return [Planted("C11", hh.hid, m["姓名"], "同时填了参加城乡居民基本医疗保险和城镇职工基本医疗保险")]


@plants("C12")
def _mandarin_in_own_words(site: Site) -> list[Planted]:
    hh, m = site.pick_member()
    if hh is None:
        return []
    m["是否会讲普通话"] = "会"
    return [Planted("C12", hh.hid, m["姓名"], "是否会讲普通话填为“会”，应为是或否")]


@plants("C13")
def _disabled_without_card(site: Site) -> list[Planted]:
    hh, m = site.pick_member(healthy)
    if hh is None:
        return []
    m.update({"健康状况": "残疾", "残疾类别": "肢体"})
    return [Planted("C13", hh.hid, m["姓名"], "健康状况改为残疾，但未登记残疾人证（证件类型、证件号码仍为身份证）")]


@plants("C14")
def _category_without_disability(site: Site) -> list[Planted]:
    hh, m = site.pick_member(healthy)
    if hh is None:
        return []
    m["残疾类别"] = "肢体"
    return [Planted("C14", hh.hid, m["姓名"], "填了残疾类别“肢体”，但健康状况为健康")]


@plants("C15")
def _ill_dropout_healthy(site: Site) -> list[Planted]:
    """A child of compulsory age (under 16) who left school 'because of illness', recorded as 健康."""
    hh, m = site.pick_member(lambda x: compulsory_pupil(site, x))
    if hh is None:
        return []
    m.update({"在校生状况": "", "义务教育阶段未上学原因": "因病"})
    return [Planted("C15", hh.hid, m["姓名"], "义务教育阶段未上学原因填为“因病”，但健康状况为健康")]
