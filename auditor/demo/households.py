"""The demo county's clean households: people with consistent ages, labour, schooling and income,
laid out as the national export's fields (canonical field → text), and the records of what the demo
plants (Planted) and holds (Demo).

Township names are public (see laiyuan.md of the spec); the 9-digit township codes and all
villages, persons and numbers are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..ids import with_check_digit

PERIOD = "2024-06"
TOWNSHIPS = (
    "涞源镇", "银坊镇", "走马驿镇", "水堡镇", "王安镇", "杨家庄镇", "白石山镇", "南屯镇", "北石佛镇", "泉坊镇",
    "南马庄乡", "金家井乡", "留家庄乡", "上庄乡", "东团堡乡", "塔崖驿乡", "乌龙沟乡",
)
VILLAGE_STEMS = "东关 西关 南关 北关 王家庄 李家庄 上庄 下庄 石门 河南 河北 东庄 西庄 南沟 北沟 马村 杨村 白村 岭底 口头".split()
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾"
_GIVEN = "建国 建军 志强 海军 国庆 永红 秀英 桂兰 玉兰 淑珍 丽 娟 敏 静 磊 洋 勇 军 杰 涛 明 超 霞 芳 红梅 春花 小龙 浩然 子涵 梓萱 一诺 欣怡 宇轩 浩宇 思远 雨涵".split()


@dataclass
class Household:
    """One household: its own fields and its members' rows (canonical field → text)."""

    hid: str
    fields: dict[str, str]
    members: list[dict[str, str]]

    def rows(self) -> list[dict[str, str]]:
        return [{**self.fields, **m} for m in self.members]

    def person(self, rel: str) -> dict[str, str] | None:
        return next((m for m in self.members if m["与户主关系"] == rel), None)


@dataclass
class Planted:
    rule_id: str
    hid: str
    name: str  # the person for person-level rules, '' for household rules
    what: str


@dataclass
class Demo:
    households: list[Household]
    period: str = PERIOD
    planted: list[Planted] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the messiness laid into the file
    clean: dict[str, Household] = field(default_factory=dict)  # each household before any problem
    gen: Gen | None = None
    reserved: set[str] = field(default_factory=set)  # risk-cluster households: no rule problem is planted there
    risk_towns: dict[str, list[str]] = field(default_factory=dict)  # risk-cluster kind → townships it used


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.ids: set[str] = set()

    def name(self) -> str:
        return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN)

    def id(self, birth: str, sex: str) -> str:
        while True:
            order = self.rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
            full = with_check_digit(f"130630{birth}{order:03d}")
            if full not in self.ids:
                self.ids.add(full)
                return full

    def birth(self, year_from: int, year_to: int) -> str:
        y = self.rng.randint(year_from, year_to)
        return f"{y}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"

    def adult_birth(self, year_from: int, year_to: int) -> str:
        birth = self.birth(year_from, year_to)
        return birth if birth[:4] != "1964" else "1965" + birth[4:]

    def phone(self) -> str:
        while True:
            p = "1" + self.rng.choice("3589") + "".join(self.rng.choice("0123456789") for _ in range(9))
            if not any(c * 7 in p for c in "0123456789"):
                return p


def member(g: Gen, rel: str, sex: str, birth: str, *, works: bool, student: str = "", edu: str = "初中",
            health: str = "健康", labour: str = "普通劳动力") -> dict[str, str]:
    return {
        "姓名": g.name(), "性别": sex, "出生日期": birth, "证件类型": "身份证", "证件号码": g.id(birth, sex),
        "民族": "汉族", "与户主关系": rel, "政治面貌": "群众", "成员状态": "正常",
        "文化程度": "" if student else edu, "在校生状况": student, "失学或辍学原因": "", "义务教育阶段未上学原因": "",
        "健康状况": health, "残疾类别": "", "劳动技能": labour,
        "务工所在地": g.rng.choice(("县外省内务工", "省外务工", "乡（镇）外县内务工")) if works else "",
        "务工时间（月）": str(g.rng.randint(6, 12)) if works else "",
        "公益性岗位类型": "", "公益性岗位(月数)": "",
        "是否参加城乡居民基本医疗保险": "是", "是否参加城镇职工基本医疗保险": "否", "是否参加大病保险": "是",
        "是否参加城乡居民基本养老保险": "是", "是否参加城镇职工基本养老保险": "否", "是否参加商业补充医疗保险": "否",
        "是否接受大病医疗救助": "否", "是否接受其他健康扶贫": "否", "是否享受低保": "否", "是否特困供养人员": "否",
        "享受低保政策情况": "不享受", "享受特困供养政策情况": "不享受", "是否异地扶贫搬迁人口": "否",
        "是否会讲普通话": "是", "是否国外务工": "否",
    }


def _members(g: Gen) -> list[dict[str, str]]:
    """A head, usually a spouse, and children or a parent — ages consistent with relations."""
    rng = g.rng
    head_birth = g.adult_birth(1952, 1986)
    head = adult(g, "户主", "男", head_birth, works=True)
    out = [head]
    if rng.random() < 0.85:
        out.append(adult(g, "配偶", "女", g.adult_birth(int(head_birth[:4]), int(head_birth[:4]) + 3),
                          works=rng.random() < 0.4, ill=rng.random() < 0.3))
    head_year = int(head_birth[:4])
    for _ in range(rng.choice((0, 1, 1, 2)) if head_year + 22 <= 2017 else 0):
        year = rng.randint(head_year + 22, min(head_year + 40, 2017))
        sex = rng.choice("男女")
        birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        rel = "之子" if sex == "男" else "之女"
        out.append(_child(g, rel, sex, birth))
    return out


def adult(g: Gen, rel: str, sex: str, birth: str, works: bool, ill: bool = False) -> dict[str, str]:
    """An adult whose labour capacity fits age and health (D02: 60+ is at most 弱劳动力或半劳动力).

    Births in 1964 are avoided: those people turn 60 during the demo year, and their labour
    capacity would be right in one month and wrong in the next.
    """
    old = int(birth[:4]) < 1964
    weak = old or ill
    return member(g, rel, sex, birth, works=works and not ill, health="长期慢性病" if ill else "健康",
                   labour="弱劳动力或半劳动力" if weak else "普通劳动力")


def _child(g: Gen, rel: str, sex: str, birth: str) -> dict[str, str]:
    """A child whose school status fits the school age on 2023-09-01 (D07–D12)."""
    year = int(birth[:4])
    school_age = 2023 - year - (1 if birth[4:] > "0901" else 0)
    if school_age < 3:
        return member(g, rel, sex, birth, works=False, student="学龄前儿童", labour="无劳动力")
    if school_age < 6:
        return member(g, rel, sex, birth, works=False, student="学前教育", labour="无劳动力")
    if school_age <= 11:
        return member(g, rel, sex, birth, works=False, student="小学", labour="无劳动力")
    if school_age <= 14:
        grade = ("七年级", "八年级", "九年级")[min(school_age - 12, 2)]
        return member(g, rel, sex, birth, works=False, student=grade, labour="无劳动力")
    if school_age <= 17:
        grade = ("普通高中一年级", "普通高中二年级", "普通高中三年级")[min(school_age - 15, 2)]
        return member(g, rel, sex, birth, works=False, student=grade, labour="无劳动力")
    return member(g, rel, sex, birth, works=True, edu="高中")


def _income(per_capita: int, n: int, business: int, transfer: int) -> dict[str, str]:
    net = per_capita * n
    wage = net - business - transfer
    return {"工资性收入": str(wage), "生产经营性收入": str(business), "财产性收入": "0", "转移性收入": str(transfer),
            "生产经营性支出": "0", "家庭纯收入": str(net), "人均纯收入": str(per_capita)}


_MEASURE_COLS = ("产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "义务教育保障",
                 "住房安全保障", "饮水安全保障", "综合保障", "社会帮扶")


def household(g: Gen, hid: str, town: str, village: str, kind: str) -> Household:
    rng = g.rng
    members = _members(g)
    head = members[0]
    n = len(members)
    fields = {
        "省": "河北省", "市": "保定市", "县": "涞源县", "乡": town, "村": village, "户编号": hid,
        "户类型": "一般农户" if kind.startswith("边缘易致贫户") else "脱贫户",
        "户主姓名": head["姓名"], "户主证件号码": head["证件号码"], "户联系电话": g.phone(), "家庭人口数": str(n),
        "年度": "2024", "监测对象类别": "", "致贫/返贫风险1": "", "致贫/返贫风险2": "", "因自然灾害子项": "", "其他备注": "",
        "风险线索发现时间": "", "识别监测时间": "", "风险是否已消除": "", "风险消除方式": "", "消除监测时间": "", "整户无劳动能力兜底保障户": "否",
        "信息采集人": "", "信息采集人联系电话": "", "是否危房户": "否", "是否解决安全饮用水": "是",
        "是否义务教育阶段适龄儿童少年失学辍学": "否", "合规自付支出": "0",
        "风险消除后工资性收入": "", "风险消除后财产性收入": "", "风险消除后转移性收入": "", "风险消除后生产经营性收入": "",
        "实施开发式帮扶措施情况": "", **{m: "" for m in _MEASURE_COLS},
    }
    months = sum(int(m["务工时间（月）"] or 0) for m in members)
    if kind == "脱贫户":
        per_capita = rng.randrange(9000, 20000, 100)
        fields.update(_income(per_capita, n, rng.randrange(1000, 6000, 500), rng.randrange(500, 3000, 100)))
    else:
        removed = kind.endswith("已消除")
        category = kind.removesuffix("已消除")
        per_capita = rng.randrange(7400, 9000, 100) if removed else rng.randrange(4000, 6500, 100)
        fields.update(_income(per_capita, n, 0, 600))
        ident = rng.choice((202201, 202205, 202209, 202303, 202307) + (() if removed else (202310,)))
        ident_index = (ident // 100) * 12 + ident % 100 - 1  # months since year 0, January = 0
        ill = next((m for m in members if m["健康状况"] != "健康"), None)
        risk = "因病" if ill else "因务工就业不稳"
        fields.update({
            "监测对象类别": category, "致贫/返贫风险1": risk, "识别监测时间": str(ident),
            "风险线索发现时间": clue_date(str(ident), hid), "风险是否已消除": "否",
            "实施开发式帮扶措施情况": "已实施", "就业帮扶": "就业服务", "健康帮扶": "医疗救助" if ill else "",
            "义务教育保障": "义务教育有保障", "住房安全保障": "住房安全有保障", "饮水安全保障": "饮水安全有保障",
            "合规自付支出": "2000" if ill else "0",
            "信息采集人": g.name(), "信息采集人联系电话": g.phone(),
        })
        if removed:
            latest = 2024 * 12 + 2  # March 2024, before the first demo month: removal can't be later (I14)
            removal = ident_index + rng.randint(7, min(14, latest - ident_index))
            fields.update({
                "风险是否已消除": "是", "风险消除方式": "帮扶消除",
                "消除监测时间": f"{removal // 12}{removal % 12 + 1:02d}",
                "风险消除后工资性收入": fields["工资性收入"], "风险消除后财产性收入": "0",
                "风险消除后转移性收入": "600", "风险消除后生产经营性收入": "0",
            })
    if months and int(fields["工资性收入"]) < 500 * months:
        fields["工资性收入"] = str(500 * months)
        fields["家庭纯收入"] = str(int(fields["工资性收入"]) + int(fields["生产经营性收入"]) + int(fields["转移性收入"]))
        fields["人均纯收入"] = _per_capita(int(fields["家庭纯收入"]), n)
    return Household(hid, fields, members)


def clue_date(ident: str, hid: str) -> str:
    """The risk clue's date (YYYYMMDD): early in the identification month, so identified within 15 days (H13).

    Derived from the household number rather than drawn, so the random stream, and with it every
    other value of a seed's demo, stays as it was before the column existed.
    """
    return f"{ident}{int(hid[-2:]) % 12 + 1:02d}"


def identify(hh: Household, month: str) -> None:
    """Set the identification month (YYYYMM), and the risk clue with it (a clue found that month)."""
    hh.fields["识别监测时间"] = month
    hh.fields["风险线索发现时间"] = clue_date(month, hh.hid)


def _per_capita(net: int, n: int) -> str:
    value = round(net / n, 2)
    return str(int(value)) if value == int(value) else f"{value:.2f}"
