"""Group B — household structure: relations picked wrongly from the list, a head missing or doubled,
rows out of step with 家庭人口数, household fields that differ between rows, a phone number cut short.
"""

from __future__ import annotations

from ..households import Planted, adult
from .kit import Site, add_parent, healthy, others, plants

_CHILDREN = ("之子", "之女")


def _adult_children(site: Site, hh, rel: str) -> list[dict[str, str]]:
    return [m for m in hh.members if m["与户主关系"] == rel and site.age(m) >= 16]


@plants("B01")
def _no_head(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.members[0]["与户主关系"] = "其他"
    hh.fields["户主姓名"] = ""
    hh.fields["户主证件号码"] = ""
    return [Planted("B01", hh.hid, "", "户内没有户主（户主的与户主关系误选为“其他”）")]


@plants("B02")
def _two_heads(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: h.person("配偶") is not None)
    if hh is None:
        return []
    hh.person("配偶")["与户主关系"] = "户主"
    return [Planted("B02", hh.hid, "", "配偶的与户主关系也选成了“户主”，户内有两个户主")]


@plants("B03")
def _daughter_as_spouse(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: h.person("配偶") is not None and bool(_adult_children(site, h, "之女")))
    if hh is None:
        return []
    site.choice(_adult_children(site, hh, "之女"))["与户主关系"] = "配偶"
    return [Planted("B03", hh.hid, "", "成年女儿的与户主关系误选为“配偶”，户内有两个配偶")]


@plants("B04")
def _son_as_spouse(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: h.person("配偶") is None and bool(_adult_children(site, h, "之子")))
    if hh is None:
        return []
    site.choice(_adult_children(site, hh, "之子"))["与户主关系"] = "配偶"
    return [Planted("B04", hh.hid, "", "成年儿子的与户主关系误选为“配偶”，户主与配偶同为男性")]


@plants("B05")
def _daughter_as_son(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: any(m["与户主关系"] in _CHILDREN for m in h.members))
    if hh is None:
        return []
    m = site.choice(x for x in hh.members if x["与户主关系"] in _CHILDREN)
    m["与户主关系"] = "之女" if m["与户主关系"] == "之子" else "之子"
    return [Planted("B05", hh.hid, m["姓名"], f"与户主关系误选为“{m['与户主关系']}”，与性别{m['性别']}矛盾")]


@plants("B06")
def _mother_as_mother_in_law(site: Site) -> list[Planted]:
    """The head's mother moves in and is entered as 之婆婆 (the husband's mother) under a male head."""
    hh = site.pick(lambda h: h.members[0]["性别"] == "男")
    if hh is None:
        return []
    mother = add_parent(site, hh, "之婆婆")
    return [Planted("B06", hh.hid, "", f"户主（男）的母亲{mother['姓名']}与户主关系误选为“之婆婆”（应为之母）")]


@plants("B07")
def _child_as_parent(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: any(m["与户主关系"] in _CHILDREN for m in h.members))
    if hh is None:
        return []
    m = site.choice(x for x in hh.members if x["与户主关系"] in _CHILDREN)
    m["与户主关系"] = "之父" if m["与户主关系"] == "之子" else "之母"
    return [Planted("B07", hh.hid, m["姓名"], f"子女的与户主关系误选为“{m['与户主关系']}”，与户主的年龄差不合理")]


@plants("B08")
def _wrong_size(site: Site) -> list[Planted]:
    """A member row missing from the export (家庭人口数 and incomes still count them), or one too many."""
    hh = site.pick()
    if hh is None:
        return []
    removable = [m for m in others(hh) if healthy(m)]
    if removable:
        hh.members.remove(removable[-1])
    else:
        hh.members.append(adult(site.gen, "之兄弟姐妹", "男", "19700101", works=False))
    return [Planted("B08", hh.hid, "", "家庭人口数与成员行数不一致（少一行或多一行成员）")]


@plants("B09")
def _phone_changed_on_one_row(site: Site) -> list[Planted]:
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    m["户联系电话"] = site.gen.phone()
    return [Planted("B09", hh.hid, "", f"户联系电话只在成员{m['姓名']}的行上改成了新号码，户内各行不一致")]


@plants("B10")
def _relation_in_own_words(site: Site) -> list[Planted]:
    words = {"配偶": "妻子", "之子": "儿子", "之女": "女儿"}
    hh = site.pick(lambda h: bool(others(h)))
    if hh is None:
        return []
    m = site.choice(others(hh))
    m["与户主关系"] = words[m["与户主关系"]]
    return [Planted("B10", hh.hid, m["姓名"], f"与户主关系填为“{m['与户主关系']}”，不在代码表内")]


@plants("B11")
def _phone_short(site: Site) -> list[Planted]:
    hh = site.pick()
    if hh is None:
        return []
    hh.fields["户联系电话"] = hh.fields["户联系电话"][:10]
    return [Planted("B11", hh.hid, "", "户联系电话少录一位（只有10位）")]
