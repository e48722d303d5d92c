"""Group A — identity and ID numbers: typos in the number, the wrong card type, a member entered twice.

A changed number keeps its check digit right (unless the check digit is the mistake) and is never
the head's own, whose number is repeated in 户主证件号码 (A09 would follow).
"""

from __future__ import annotations

from ...ids import with_check_digit
from ..households import Planted
from .kit import Site, others, plants, unremoved, works


@plants("A01")
def _wrong_check_digit(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    right = m["证件号码"][17]
    wrong = site.choice(c for c in "0123456789X" if c != right)
    m["证件号码"] = m["证件号码"][:17] + wrong
    return [Planted("A01", hh.hid, m["姓名"], f"身份证号码末位校验码录错（应为 {right}，录为 {wrong}）")]


@plants("A02")
def _broken_id(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    if site.gen.rng.random() < 0.5:
        m["证件号码"] = m["证件号码"][:9] + m["证件号码"][10:]
        what = "证件号码漏录一位（只有17位）"
    else:
        m["证件号码"] = f"{int(m['证件号码'][:6]) / 10 ** 5:.5f}E+17"
        what = "证件号码被 Excel 存成科学计数法（1.30630E+17），原号码不可恢复"
    return [Planted("A02", hh.hid, m["姓名"], what)]


@plants("A03")
def _card_without_grade(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    m.update({"证件类型": "残疾人证", "健康状况": "残疾", "残疾类别": "肢体"})
    return [Planted("A03", hh.hid, m["姓名"], "证件类型为残疾人证，但证件号码只录了18位身份号码（缺残疾类别、等级两位）")]


@plants("A04")
def _birth_in_id_swapped(site: Site) -> list[Planted]:
    """Month and day swapped inside the number: a day above 12 becomes an impossible month."""
    hh = site.pick(lambda h: any(int(m["出生日期"][6:]) > 12 for m in others(h)))
    if hh is None:
        return []
    m = site.choice(x for x in others(hh) if int(x["出生日期"][6:]) > 12)
    birth = m["出生日期"]
    swapped = birth[:4] + birth[6:] + birth[4:6]
    m["证件号码"] = with_check_digit(m["证件号码"][:6] + swapped + m["证件号码"][14:17])
    site.gen.ids.add(m["证件号码"])
    return [Planted("A04", hh.hid, m["姓名"], f"证件号码中的出生日期月、日颠倒（{birth} 录为 {swapped}，不是有效日期）")]


@plants("A05")
def _lunar_birthday(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    m = site.choice(hh.members)
    birth = m["出生日期"]
    month = int(birth[4:6])
    new = f"{birth[:4]}{month - 1 if month > 1 else 2:02d}{birth[6:]}"
    m["出生日期"] = new
    return [Planted("A05", hh.hid, m["姓名"], f"出生日期按农历填写（{new}），与证件号码中的 {birth} 不一致")]


@plants("A06")
def _head_sex_flipped(site: Site) -> list[Planted]:
    """The head of a household without a spouse (with a spouse, B04 would follow)."""
    hh = site.pick(lambda h: h.person("配偶") is None)
    if hh is None:
        return []
    head = hh.members[0]
    head["性别"] = "女"
    return [Planted("A06", hh.hid, head["姓名"], "户主性别录为女，证件号码显示为男")]


@plants("A07")
def _member_twice(site: Site) -> list[Planted]:
    """A child entered twice. The size and per-capita income follow the rows, as the system counts them;
    only unremoved monitored households, where a lower per-capita income breaks no other rule."""
    def fits(h):
        return unremoved(h) and any(m["与户主关系"] in ("之子", "之女") and not works(m) for m in h.members)
    hh = site.pick(fits)
    if hh is None:
        return []
    m = site.choice(x for x in hh.members if x["与户主关系"] in ("之子", "之女") and not works(x))
    hh.members.append(dict(m))
    hh.fields["家庭人口数"] = str(len(hh.members))
    hh.fields["人均纯收入"] = f"{float(hh.fields['家庭纯收入']) / len(hh.members):.2f}"
    return [Planted("A07", hh.hid, m["姓名"], "同一成员录入两次（两行证件号码相同），家庭人口数随之多算一人")]


@plants("A08")
def _area_code_typo(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    m["证件号码"] = with_check_digit("18" + m["证件号码"][2:17])
    site.gen.ids.add(m["证件号码"])
    return [Planted("A08", hh.hid, m["姓名"], "证件号码区划代码录错（130630 录为 180630，18 不是省级代码）")]


@plants("A09")
def _head_name_not_updated(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: h.person("配偶") is not None and h.person("配偶")["姓名"] != h.fields["户主姓名"])
    if hh is None:
        return []
    hh.fields["户主姓名"] = hh.person("配偶")["姓名"]
    return [Planted("A09", hh.hid, "", "户主姓名填成了配偶的姓名，与户主行的姓名不一致")]
