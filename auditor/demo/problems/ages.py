"""Group D — age, labour and schooling: labour capacity that does not fit the age or health, school
grades not updated for years or picked from the wrong line, 雨露计划 recorded for the wrong pupils.

Children are only ever moved within the ages their new value allows elsewhere (a dropout under 16
gets a reason, so D12 does not follow; a pupil keeps 无劳动力, so D04 does not).
"""

from __future__ import annotations

from ..households import Planted
from .kit import ABLE, JUNIOR, SENIOR, Site, able, healthy, plants, student, works


def _adult_at_home(site: Site, m: dict[str, str], young: int = 16) -> bool:
    return not student(m) and young <= site.age(m) < 60 and healthy(m)


@plants("D01")
def _dropout_coded_able(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in JUNIOR and site.age(x) < 16)
    if hh is None:
        return []
    m.update({"在校生状况": "", "文化程度": "小学", "失学或辍学原因": "家庭困难", "劳动技能": "普通劳动力"})
    return [Planted("D01", hh.hid, m["姓名"], f"{site.age(m)}岁辍学在家，劳动技能填为普通劳动力（16岁以下应为无劳动力）")]


@plants("D02")
def _old_coded_able(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: site.age(x) >= 60 and x["劳动技能"] == "弱劳动力或半劳动力")
    if hh is None:
        return []
    m["劳动技能"] = "普通劳动力"
    return [Planted("D02", hh.hid, m["姓名"], f"{site.age(m)}岁成员劳动技能填为普通劳动力（60岁及以上最多为弱劳动力或半劳动力）")]


@plants("D03")
def _healthy_coded_weak(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: _adult_at_home(site, x) and x["劳动技能"] == "普通劳动力")
    if hh is None:
        return []
    m["劳动技能"] = "弱劳动力或半劳动力"
    return [Planted("D03", hh.hid, m["姓名"], f"{site.age(m)}岁健康成员劳动技能填为弱劳动力或半劳动力")]


@plants("D04")
def _pupil_coded_able(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: student(x) and site.age(x) >= 16)
    if hh is None:
        return []
    m["劳动技能"] = "普通劳动力"
    return [Planted("D04", hh.hid, m["姓名"], f"{site.age(m)}岁在校生（{m['在校生状况']}）劳动技能填为普通劳动力")]


@plants("D05")
def _healthy_coded_lost(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: _adult_at_home(site, x) and not works(x) and able(x))
    if hh is None:
        return []
    m["劳动技能"] = "丧失劳动力"
    return [Planted("D05", hh.hid, m["姓名"], "劳动技能填为丧失劳动力，但健康状况为健康")]


@plants("D06")
def _severely_disabled_able(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["劳动技能"] in ABLE[:2])
    if hh is None:
        return []
    m.update({"证件类型": "残疾人证", "证件号码": m["证件号码"] + "41", "健康状况": "残疾", "残疾类别": "肢体"})
    return [Planted("D06", hh.hid, m["姓名"], "一级肢体残疾（残疾人证号末两位 41），劳动技能仍为普通劳动力")]


@plants("D07")
def _grade_not_updated(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in SENIOR)
    if hh is None:
        return []
    m["在校生状况"] = "小学"
    return [Planted("D07", hh.hid, m["姓名"], f"在校生状况多年未更新，学龄 {site.school_age(m)} 岁仍为小学")]


@plants("D08")
def _pupil_as_junior(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] == "小学" and site.school_age(x) <= 10)
    if hh is None:
        return []
    m["在校生状况"] = "七年级"
    return [Planted("D08", hh.hid, m["姓名"], f"学龄 {site.school_age(m)} 岁的小学生，在校生状况误选为七年级")]


@plants("D09")
def _junior_as_senior(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in JUNIOR)
    if hh is None:
        return []
    m["在校生状况"] = "普通高中一年级"
    return [Planted("D09", hh.hid, m["姓名"], f"学龄 {site.school_age(m)} 岁的初中生，在校生状况误选为普通高中一年级")]


@plants("D10")
def _senior_as_postgraduate(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in SENIOR)
    if hh is None:
        return []
    m["在校生状况"] = "硕士研究生及以上"
    return [Planted("D10", hh.hid, m["姓名"], f"学龄 {site.school_age(m)} 岁的高中生，在校生状况误选为硕士研究生及以上")]


@plants("D11")
def _pupil_as_preschool(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] == "小学" and site.school_age(x) >= 7)
    if hh is None:
        return []
    m["在校生状况"] = "学前教育"
    return [Planted("D11", hh.hid, m["姓名"], f"学龄 {site.school_age(m)} 岁的小学生，在校生状况仍为学前教育")]


@plants("D12")
def _school_status_blank(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in JUNIOR and site.age(x) < 16)
    if hh is None:
        return []
    m.update({"在校生状况": "", "文化程度": "小学"})
    return [Planted("D12", hh.hid, m["姓名"], f"学龄 {site.school_age(m)} 岁的初中生在校生状况漏填（只填了文化程度小学），也没有未上学原因")]


@plants("D13")
def _young_adult_primary(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: not student(x) and 16 <= site.age(x) <= 22 and bool(x["文化程度"]))
    if hh is None:
        return []
    was, m["文化程度"] = m["文化程度"], "小学"
    return [Planted("D13", hh.hid, m["姓名"], f"{site.age(m)}岁成员文化程度误选为小学（应为{was}）")]


@plants("D14")
def _old_forest_ranger(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: site.age(x) >= 70)
    if hh is None:
        return []
    m.update({"公益性岗位类型": "护林员", "公益性岗位(月数)": "12"})
    return [Planted("D14", hh.hid, m["姓名"], f"{site.age(m)}岁成员登记为护林员（公益性岗位 12 个月）")]


@plants("D15")
def _healthy_adult_in_tekun(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: _adult_at_home(site, x, young=18))
    if hh is None:
        return []
    m.update({"享受特困供养政策情况": "农村特困", "是否特困供养人员": "是"})
    return [Planted("D15", hh.hid, m["姓名"], f"{site.age(m)}岁健康成员登记为农村特困供养人员")]


@plants("D16")
def _yulu_for_high_school(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: any(m["在校生状况"] in SENIOR for m in h.members))
    if hh is None:
        return []
    hh.fields["教育帮扶"] = "雨露计划"
    return [Planted("D16", hh.hid, "", "户内只有普通高中学生，却登记了雨露计划（雨露计划补助中高职学生）")]


@plants("D17")
def _vocational_without_yulu(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: x["在校生状况"] in SENIOR)
    if hh is None:
        return []
    m["在校生状况"] = m["在校生状况"].replace("普通高中", "中职")
    return [Planted("D17", hh.hid, "", f"成员{m['姓名']}是中职在校生（{m['在校生状况']}），但户内未登记雨露计划")]
