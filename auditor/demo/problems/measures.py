"""Groups J and K — assistance measures and timeliness: help not recorded after identification, only
safety-net help for a family that can work, a welfare job without months, a data year not updated.

With no measure at all, the three 保障 status columns are blank as well, which F01 reports (declared).
"""

from __future__ import annotations

from ...config import DEFAULT_PARAMS
from ..households import Planted
from .kit import Site, able, month_index, plants, set_identified, unremoved

_MEASURES = ("产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "义务教育保障", "住房安全保障",
             "饮水安全保障", "综合保障", "社会帮扶")


def _recently_identified(site: Site, hh) -> str | None:
    """Identified at least j01_min_months before the data month and less than j02_min_months before the
    last month (J02 and J03 look at the time since identification); the new month, or None when the
    months the problem lives in leave no such month (the injector then plants nothing)."""
    latest = site.report_month - int(DEFAULT_PARAMS["j01_min_months"])
    earliest = site.last_month - int(DEFAULT_PARAMS["j02_min_months"]) + 1
    if earliest > latest:
        return None
    set_identified(hh, site.gen.rng.randint(earliest, latest))
    return hh.fields["识别监测时间"]


def _identified(hh) -> int:
    return month_index(hh.fields["识别监测时间"])


@plants("J01")
def _no_measure_yet(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and h.fields["监测对象类别"] in ("脱贫不稳定户", "边缘易致贫户"))
    if hh is None:
        return []
    month = _recently_identified(site, hh)
    if month is None:
        return []
    hh.fields.update({m: "" for m in _MEASURES})
    hh.fields["实施开发式帮扶措施情况"] = "尚未实施"
    return [Planted("J01", hh.hid, "", f"{month} 识别为监测对象，至今未登记任何帮扶措施"),
            Planted("F01", hh.hid, "", "未登记任何措施，义务教育保障、住房安全保障、饮水安全保障也为空")]


@plants("J02")
def _no_development_measure(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and site.report_month - _identified(h) >= int(DEFAULT_PARAMS["j02_min_months"]))
    if hh is None:
        return []
    hh.fields["就业帮扶"] = ""
    return [Planted("J02", hh.hid, "", f"{hh.fields['识别监测时间']} 识别，已超过半年，有劳动力但未落实开发式帮扶措施")]


@plants("J03")
def _only_safety_net(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: unremoved(h) and any(able(m) for m in h.members))
    if hh is None:
        return []
    if _recently_identified(site, hh) is None:
        return []
    hh.fields.update({"就业帮扶": "", "社会帮扶": "结对帮扶慰问"})
    return [Planted("J03", hh.hid, "", "家中有劳动力，但只登记了社会帮扶（结对帮扶慰问），没有产业、就业等开发式措施")]


@plants("J05")
def _welfare_job_without_months(site: Site) -> list[Planted]:
    hh, m = site.pick_member(lambda x: able(x) and site.age(x) < 70)
    if hh is None:
        return []
    m["公益性岗位类型"] = "保洁员"
    return [Planted("J05", hh.hid, m["姓名"], "登记了公益性岗位保洁员，但公益性岗位(月数)为空")]


@plants("K03")
def _year_not_updated(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    ref = site.ref_date
    expected = ref.year - 1 if ref.month <= 3 else ref.year
    hh.fields["年度"] = str(expected - 1)
    return [Planted("K03", hh.hid, "", f"年度仍为 {expected - 1}，数据未按 {expected} 年度更新")]
