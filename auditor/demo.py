"""A realistic synthetic county export (涞源县-like) with a known mix of problems, for the demo and tests.

The generator is seeded: the same seed gives the same file. It builds clean, internally consistent
households (脱贫户, and monitored households of all three 监测对象类别, removed or not), lays them out
as the member-level wide export does (one row per person, household fields repeated, real header
aliases, a title row, a trailing note row, an inactive member, value variants such as 性别 1/2,
普通劳动, 202208.0 and full-width text), then plants problems: each planted problem belongs to one
rule and is listed in the manifest with the findings it must produce — no more, no less. It also
plants one cluster of each 风险隐患 warning (auditor risk; see plant_risk_clusters), which produce
those warnings once each and no finding.

Township names are public (see the spec's laiyuan.md); the 9-digit township codes and all villages,
persons and numbers are invented.
"""

from __future__ import annotations

import calendar
import copy
import csv
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PERIOD = "2024-06"
TOWNSHIPS = (
    "涞源镇", "银坊镇", "走马驿镇", "水堡镇", "王安镇", "杨家庄镇", "白石山镇", "南屯镇", "北石佛镇", "泉坊镇",
    "南马庄乡", "金家井乡", "留家庄乡", "上庄乡", "东团堡乡", "塔崖驿乡", "乌龙沟乡",
)
_VILLAGE_STEMS = "东关 西关 南关 北关 王家庄 李家庄 上庄 下庄 石门 河南 河北 东庄 西庄 南沟 北沟 马村 杨村 白村 岭底 口头".split()
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾"
_GIVEN = "建国 建军 志强 海军 国庆 永红 秀英 桂兰 玉兰 淑珍 丽 娟 敏 静 磊 洋 勇 军 杰 涛 明 超 霞 芳 红梅 春花 小龙 浩然 子涵 梓萱 一诺 欣怡 宇轩 浩宇 思远 雨涵".split()
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# The wide export's header text for each canonical field (aliases as seen in real exports).
HEADERS = {
    "乡": "乡(镇)", "村": "行政村", "工资性收入": "工资性收入（元）", "生产经营性收入": "生产经营性收入（元）",
    "财产性收入": "财产性收入（元）", "转移性收入": "转移性收入（元）", "生产经营性支出": "生产经营性支出（元）",
    "家庭纯收入": "家庭纯收入（元）", "人均纯收入": "人均纯收入（元）", "务工时间（月）": "务工时长(月)",
    "是否参加城乡居民基本医疗保险": "是否参加新型农村合作医疗（城乡居民基本医疗保险）",
    "公益岗位帮扶": "公益性岗位帮扶", "在校生状况": "在校生情况",
}
COLUMNS = (
    "省", "市", "县", "乡", "村", "户编号", "户类型", "户主姓名", "户主证件号码", "户联系电话", "家庭人口数", "年度",
    "姓名", "性别", "出生日期", "证件类型", "证件号码", "民族", "与户主关系", "政治面貌", "成员状态",
    "文化程度", "在校生状况", "失学或辍学原因", "义务教育阶段未上学原因", "健康状况", "残疾类别", "劳动技能",
    "务工所在地", "务工时间（月）", "公益性岗位类型", "公益性岗位(月数)",
    "是否参加城乡居民基本医疗保险", "是否参加城镇职工基本医疗保险", "是否参加大病保险", "是否参加城乡居民基本养老保险",
    "是否参加城镇职工基本养老保险", "是否参加商业补充医疗保险", "是否接受大病医疗救助", "是否接受其他健康扶贫",
    "是否享受低保", "是否特困供养人员", "享受低保政策情况", "享受特困供养政策情况", "是否异地扶贫搬迁人口",
    "是否会讲普通话", "是否国外务工",
    "监测对象类别", "致贫/返贫风险1", "致贫/返贫风险2", "因自然灾害子项", "其他备注", "识别监测时间",
    "风险是否已消除", "风险消除方式", "消除监测时间", "整户无劳动能力兜底保障户", "信息采集人", "信息采集人联系电话",
    "是否危房户", "是否解决安全饮用水", "是否义务教育阶段适龄儿童少年失学辍学",
    "工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "生产经营性支出", "家庭纯收入", "人均纯收入",
    "合规自付支出", "风险消除后工资性收入", "风险消除后财产性收入", "风险消除后转移性收入", "风险消除后生产经营性收入",
    "实施开发式帮扶措施情况", "产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶",
    "义务教育保障", "住房安全保障", "饮水安全保障", "综合保障", "社会帮扶",
)
HOUSEHOLD_COLUMNS = frozenset((
    "省", "市", "县", "乡", "村", "户编号", "户类型", "户主姓名", "户主证件号码", "户联系电话", "家庭人口数", "年度",
    *COLUMNS[COLUMNS.index("监测对象类别"):],
))


def check_digit(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _W, strict=True)) % 11]


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
    gen: _Gen | None = None
    reserved: set[str] = field(default_factory=set)  # risk-cluster households: no rule problem is planted there
    risk_towns: dict[str, list[str]] = field(default_factory=dict)  # risk-cluster kind → townships it used


class _Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.ids: set[str] = set()

    def name(self) -> str:
        return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN)

    def id(self, birth: str, sex: str) -> str:
        while True:
            order = self.rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
            first17 = f"130630{birth}{order:03d}"
            full = first17 + check_digit(first17)
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


def _member(g: _Gen, rel: str, sex: str, birth: str, *, works: bool, student: str = "", edu: str = "初中",
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


def _members(g: _Gen) -> list[dict[str, str]]:
    """A head, usually a spouse, and children or a parent — ages consistent with relations."""
    rng = g.rng
    head_birth = g.adult_birth(1952, 1986)
    head = _adult(g, "户主", "男", head_birth, works=True)
    out = [head]
    if rng.random() < 0.85:
        out.append(_adult(g, "配偶", "女", g.adult_birth(int(head_birth[:4]), int(head_birth[:4]) + 3),
                          works=rng.random() < 0.4, ill=rng.random() < 0.3))
    head_year = int(head_birth[:4])
    for _ in range(rng.choice((0, 1, 1, 2)) if head_year + 22 <= 2017 else 0):
        year = rng.randint(head_year + 22, min(head_year + 40, 2017))
        sex = rng.choice("男女")
        birth = f"{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        rel = "之子" if sex == "男" else "之女"
        out.append(_child(g, rel, sex, birth))
    return out


def _adult(g: _Gen, rel: str, sex: str, birth: str, works: bool, ill: bool = False) -> dict[str, str]:
    """An adult whose labour capacity fits age and health (D02: 60+ is at most 弱劳动力或半劳动力).

    Births in 1964 are avoided: those people turn 60 during the demo year, and their labour
    capacity would be right in one month and wrong in the next.
    """
    old = int(birth[:4]) < 1964
    weak = old or ill
    return _member(g, rel, sex, birth, works=works and not ill, health="长期慢性病" if ill else "健康",
                   labour="弱劳动力或半劳动力" if weak else "普通劳动力")


def _child(g: _Gen, rel: str, sex: str, birth: str) -> dict[str, str]:
    """A child whose school status fits the school age on 2023-09-01 (D07–D12)."""
    year = int(birth[:4])
    school_age = 2023 - year - (1 if birth[4:] > "0901" else 0)
    if school_age < 3:
        return _member(g, rel, sex, birth, works=False, student="学龄前儿童", labour="无劳动力")
    if school_age < 6:
        return _member(g, rel, sex, birth, works=False, student="学前教育", labour="无劳动力")
    if school_age <= 11:
        return _member(g, rel, sex, birth, works=False, student="小学", labour="无劳动力")
    if school_age <= 14:
        grade = ("七年级", "八年级", "九年级")[min(school_age - 12, 2)]
        return _member(g, rel, sex, birth, works=False, student=grade, labour="无劳动力")
    if school_age <= 17:
        grade = ("普通高中一年级", "普通高中二年级", "普通高中三年级")[min(school_age - 15, 2)]
        return _member(g, rel, sex, birth, works=False, student=grade, labour="无劳动力")
    return _member(g, rel, sex, birth, works=True, edu="高中")


def _income(per_capita: int, n: int, business: int, transfer: int) -> dict[str, str]:
    net = per_capita * n
    wage = net - business - transfer
    return {"工资性收入": str(wage), "生产经营性收入": str(business), "财产性收入": "0", "转移性收入": str(transfer),
            "生产经营性支出": "0", "家庭纯收入": str(net), "人均纯收入": str(per_capita)}


_MEASURE_COLS = ("产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "义务教育保障",
                 "住房安全保障", "饮水安全保障", "综合保障", "社会帮扶")


def _household(g: _Gen, hid: str, town: str, village: str, kind: str) -> Household:
    rng = g.rng
    members = _members(g)
    head = members[0]
    n = len(members)
    fields = {
        "省": "河北省", "市": "保定市", "县": "涞源县", "乡": town, "村": village, "户编号": hid,
        "户类型": "一般农户" if kind.startswith("边缘易致贫户") else "脱贫户",
        "户主姓名": head["姓名"], "户主证件号码": head["证件号码"], "户联系电话": g.phone(), "家庭人口数": str(n),
        "年度": "2024", "监测对象类别": "", "致贫/返贫风险1": "", "致贫/返贫风险2": "", "因自然灾害子项": "", "其他备注": "",
        "识别监测时间": "", "风险是否已消除": "", "风险消除方式": "", "消除监测时间": "", "整户无劳动能力兜底保障户": "否",
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
            "监测对象类别": category, "致贫/返贫风险1": risk, "识别监测时间": str(ident), "风险是否已消除": "否",
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


def _per_capita(net: int, n: int) -> str:
    value = round(net / n, 2)
    return str(int(value)) if value == int(value) else f"{value:.2f}"


# ---- planted problems --------------------------------------------------------------------------
Injector = Callable[[Household, _Gen], list[Planted]]
INJECTORS: dict[str, Injector] = {}


def plants(rule_id: str) -> Callable[[Injector], Injector]:
    def register(fn: Injector) -> Injector:
        INJECTORS[rule_id] = fn
        return fn
    return register


@plants("C01")
def _blank_ethnicity(hh: Household, g: _Gen) -> list[Planted]:
    m = hh.members[-1]
    m["民族"] = ""
    return [Planted("C01", hh.hid, m["姓名"], "民族为空")]


@plants("C03")
def _bad_labour(hh: Household, g: _Gen) -> list[Planted]:
    m = hh.members[0]
    m["劳动技能"] = "劳力"
    return [Planted("C03", hh.hid, m["姓名"], "劳动技能填为“劳力”，不在代码表内")]


@plants("B01")
def _no_head(hh: Household, g: _Gen) -> list[Planted]:
    hh.members[0]["与户主关系"] = "其他"
    hh.fields["户主姓名"] = ""
    hh.fields["户主证件号码"] = ""
    return [Planted("B01", hh.hid, "", "户内没有户主")]


@plants("B08")
def _wrong_size(hh: Household, g: _Gen) -> list[Planted]:
    """A member row missing from the export (家庭人口数 and incomes still count them)."""
    removable = [m for m in hh.members if m["与户主关系"] != "户主" and m["健康状况"] == "健康"]
    if removable:
        hh.members.remove(removable[-1])
    else:
        hh.members.append(_adult(g, "之兄弟姐妹", "男", "19700101", works=False))
    return [Planted("B08", hh.hid, "", "家庭人口数与成员行数不一致（少一行或多一行成员）")]


def generate(households: int = 3000, seed: int = 2024, problems_per_rule: int = 2, period: str = PERIOD) -> Demo:
    """Clean households across the townships, then `problems_per_rule` planted problems per rule."""
    g = _Gen(seed)
    kinds = (["脱贫户"] * 70 + ["脱贫不稳定户"] * 6 + ["边缘易致贫户"] * 6 + ["突发严重困难户"] * 3
             + ["脱贫不稳定户已消除"] * 8 + ["边缘易致贫户已消除"] * 5 + ["突发严重困难户已消除"] * 2)
    villages = {t: [f"{s}村" for s in g.rng.sample(_VILLAGE_STEMS, g.rng.randint(3, 6))] for t in TOWNSHIPS}
    out: list[Household] = []
    for i in range(households):
        town = TOWNSHIPS[i % len(TOWNSHIPS)] if i < len(TOWNSHIPS) * 3 else g.rng.choice(TOWNSHIPS)
        t_index = TOWNSHIPS.index(town)
        code = (100 + t_index) if town.endswith("镇") else (200 + t_index - 9)
        village = g.rng.choice(villages[town])
        v_index = villages[town].index(village)
        hid = f"130630{code:03d}{v_index + 1:03d}{i:05d}"
        out.append(_household(g, hid, town, village, g.rng.choice(kinds)))
    out[5].members.append({**_adult(g, "之父", "男", "19400305", works=False), "成员状态": "死亡"})
    demo = Demo(out, period=period, clean={h.hid: copy.deepcopy(h) for h in out}, notes=[
        "标题行两行（表名、数据截至日期）和结尾注释行", "部分表头为别名（乡(镇)、行政村、工资性收入（元）、务工时长(月)…）",
        "部分户的性别写作代码 1/2、劳动技能写作“普通劳动”、民族写作“汉”", "部分识别监测时间写作 202208.0",
        "部分务工所在地为全角括号", "部分户编号写作 =\"…\"", "部分乡镇名称带省市县前缀", "一名已死亡成员（成员状态 死亡）",
    ])
    demo.gen = g
    plant_risk_clusters(demo)
    for rule_id in sorted(INJECTORS):
        for _ in range(problems_per_rule):
            _plant(demo, rule_id)
    return demo


def _plant(demo: Demo, rule_id: str) -> None:
    """Plant one problem of `rule_id` in a clean household (never one of each township's first three)."""
    protected = len(TOWNSHIPS) * 3
    problem = {p.hid for p in demo.planted}
    free = [i for i in range(protected, len(demo.households))
            if demo.households[i].hid not in problem and demo.households[i].hid not in demo.reserved]
    hh = demo.households[demo.gen.rng.choice(free)]
    demo.planted.extend(INJECTORS[rule_id](hh, demo.gen))


# ---- risk clusters (auditor risk, 风险隐患) -------------------------------------------------------
# One planted cluster per warning of auditor/risk.py at the default thresholds (config.DEFAULT_RISK),
# each in a township of its own, so each warning fires once. Cluster households are made by
# _household (clean by construction) and reserved: no rule problem is planted in them, so they add
# no finding. Below about 1500 households a township is too small to hold cluster (a) without its
# own share crossing the threshold too.
RISK_OLD_IDENT = "202303"  # cluster (a): identified long ago, so not new in any demo month
RISK_SHARE = 0.4  # cluster (a): the village's share of unremoved households after planting
RISK_RESETTLED = 4  # cluster (d): resettled households without work, in one village
RISK_JUMP = 6  # cluster (c): new households of one township in the last month, at most 2 per village


def plant_risk_clusters(demo: Demo) -> None:
    """Clusters (a) high unremoved share, (b) same-risk new households, (d) idle resettlement site."""
    from .config import DEFAULT_RISK

    g = demo.gen
    towns = _by_township(demo)
    # (a) in the largest township, whose own share then stays below the threshold
    town_a = max(sorted(towns), key=lambda t: len(towns[t]))
    villages = _by_village(demo, town_a)
    need = {v: max(int(DEFAULT_RISK["share_min_households"]) + 2, math.ceil(RISK_SHARE * len(hs)))
            - _unremoved(demo, hs) for v, hs in villages.items()}
    village = min(sorted(villages), key=lambda v: need[v])
    for i in [i for i in _free(demo, villages[village]) if not demo.households[i].fields["监测对象类别"]][:need[village]]:
        hh = _household(g, demo.households[i].hid, town_a, village, "脱贫不稳定户")
        hh.fields["识别监测时间"] = RISK_OLD_IDENT
        _reserve(demo, i, hh)
    demo.risk_towns["a"] = [town_a]
    _cluster_new_risk(demo)
    # (d) the biggest village of another township becomes a resettlement site with idle labour
    town_d = g.rng.choice(sorted(set(towns) - _used(demo)))
    villages = _by_village(demo, town_d)
    village = max(sorted(villages), key=lambda v: len(villages[v]))
    for i in [i for i in _free(demo, villages[village]) if _idle_candidate(demo.households[i])][:RISK_RESETTLED]:
        hh = copy.deepcopy(demo.households[i])
        for m in hh.members:
            m.update({"是否异地扶贫搬迁人口": "是", "务工所在地": "", "务工时间（月）": ""})
        _reserve(demo, i, hh)
    demo.risk_towns["d"] = [town_d]


def plant_new_clusters(demo: Demo, last: bool) -> None:
    """A later month of the series: a new cluster (b) elsewhere, and in the last month the jump (c)."""
    _cluster_new_risk(demo)
    if last:
        town = demo.gen.rng.choice(sorted(set(_by_township(demo)) - _used(demo)))
        villages = sorted(_by_village(demo, town))
        for k in range(RISK_JUMP):
            _append(demo, town, villages[k % len(villages)], "边缘易致贫户")
        demo.risk_towns["c"] = [town]


def _cluster_new_risk(demo: Demo) -> None:
    """(b) newly identified 边缘易致贫户 of one village, all 因自然灾害 (洪涝灾害), in this month."""
    from .config import DEFAULT_RISK

    town = demo.gen.rng.choice(sorted(set(_by_township(demo)) - _used(demo)))
    villages = _by_village(demo, town)
    village = min(sorted(villages), key=lambda v: _unremoved(demo, villages[v]))
    for _ in range(int(DEFAULT_RISK["cluster_min_households"])):
        _append(demo, town, village, "边缘易致贫户", {"致贫/返贫风险1": "因自然灾害", "因自然灾害子项": "洪涝灾害"})
    demo.risk_towns.setdefault("b", []).append(town)


def _append(demo: Demo, town: str, village: str, kind: str, fields: dict[str, str] | None = None) -> None:
    """A household entering the register this month (identified in demo.period), reserved."""
    prefix = next(h.hid for h in demo.households if h.fields["乡"] == town and h.fields["村"] == village)[:12]
    taken = {h.hid for h in demo.households}
    n = len(demo.households)
    while f"{prefix}{n:05d}" in taken:
        n += 1
    demo.households.append(_household(demo.gen, f"{prefix}{n:05d}", town, village, kind))
    hh = demo.households[-1]
    hh.fields.update({"识别监测时间": demo.period.replace("-", ""), **(fields or {})})
    _reserve(demo, len(demo.households) - 1, hh)


def _reserve(demo: Demo, index: int, hh: Household) -> None:
    demo.households[index] = hh
    demo.reserved.add(hh.hid)
    demo.clean[hh.hid] = copy.deepcopy(hh)


def _used(demo: Demo) -> set[str]:
    return {t for towns in demo.risk_towns.values() for t in towns}


def _free(demo: Demo, indices: list[int]) -> list[int]:
    """Households a cluster may use: not a township's first three, no planted problem, not reserved."""
    taken = {p.hid for p in demo.planted} | demo.reserved
    return [i for i in indices if i >= len(TOWNSHIPS) * 3 and demo.households[i].hid not in taken]


def _by_township(demo: Demo) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, h in enumerate(demo.households):
        out.setdefault(h.fields["乡"], []).append(i)
    return out


def _by_village(demo: Demo, town: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, h in enumerate(demo.households):
        if h.fields["乡"] == town:
            out.setdefault(h.fields["村"], []).append(i)
    return out


def _unremoved(demo: Demo, indices: list[int]) -> int:
    return sum(1 for i in indices if demo.households[i].fields["监测对象类别"]
               and demo.households[i].fields["风险是否已消除"] != "是")


def _idle_candidate(hh: Household) -> bool:
    """A 脱贫户 not monitored, with a member of working age (16–59 in every demo month) able to work."""
    return not hh.fields["监测对象类别"] and any(
        1966 <= int(m["出生日期"][:4]) <= 2007 and m["劳动技能"] != "无劳动力" for m in hh.members)


def generate_series(households: int = 3000, seed: int = 2024, months: int = 3) -> list[Demo]:
    """Monthly exports ending at PERIOD: each month about half of the problems are fixed, one problem
    household leaves the register, and new problems appear (for fix tracking and the trend chart)."""
    periods = [months_before(PERIOD, months - 1 - i) for i in range(months)]
    series = [generate(households, seed, period=periods[0])]
    for period in periods[1:]:
        prev = series[-1]
        demo = copy.deepcopy(prev)
        demo.period = period
        rng = demo.gen.rng
        problem_hids = sorted({p.hid for p in demo.planted})
        fixed = set(rng.sample(problem_hids, len(problem_hids) // 2))
        gone = rng.choice(sorted(set(problem_hids) - fixed))
        demo.households = [copy.deepcopy(demo.clean[h.hid]) if h.hid in fixed else h
                           for h in demo.households if h.hid != gone]
        demo.planted = [p for p in demo.planted if p.hid not in fixed and p.hid != gone]
        for rule_id in rng.sample(sorted(INJECTORS), max(1, len(INJECTORS) // 3)):
            _plant(demo, rule_id)
        plant_new_clusters(demo, last=period == periods[-1])
        series.append(demo)
    return series


def months_before(period: str, months: int) -> str:
    index = int(period[:4]) * 12 + int(period[5:7]) - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def export_name(period: str) -> str:
    return f"涞源县_{period[:4]}年{int(period[5:])}月_防返贫监测导出.xlsx"


def write_export(demo: Demo, path: Path) -> Path:
    """The member-level wide export as a real .xlsx, with the oddities of real files (fields.md §7)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("监测对象信息")
    ws.write_string(0, 0, "涞源县防返贫监测对象及脱贫人口信息表")
    y, m = int(demo.period[:4]), int(demo.period[5:])
    ws.write_string(1, 0, f"数据截至{y}年{m}月{calendar.monthrange(y, m)[1]}日")
    for j, col in enumerate(COLUMNS):
        ws.write_string(2, j, HEADERS.get(col, col))
    r = 3
    for k, hh in enumerate(demo.households):
        for row in hh.rows():
            for j, col in enumerate(COLUMNS):
                value = _messy(col, row.get(col, ""), k)
                if value:  # real exports leave blank cells empty
                    ws.write_string(r, j, value)
            r += 1
    ws.write_string(r + 1, 0, "注：本表由全国防返贫监测信息系统导出，仅供数据核查使用。")
    wb.close()
    return path


def _messy(col: str, value: str, k: int) -> str:
    """Harmless variants real exports carry: codes, variant spellings, float months, full-width text."""
    if col == "性别" and k % 7 == 0:
        return {"男": "1", "女": "2"}.get(value, value)
    if col == "劳动技能" and value == "普通劳动力" and k % 5 == 0:
        return "普通劳动"
    if col == "识别监测时间" and value and k % 3 == 0:
        return value + ".0"
    if col == "民族" and value == "汉族" and k % 11 == 0:
        return "汉"
    if col == "务工所在地" and value and k % 4 == 0:
        return value.replace("(", "（").replace(")", "）")
    if col == "户编号" and k % 13 == 0:
        return f'="{value}"'
    if col == "乡" and k % 17 == 0:
        return "河北省保定市涞源县" + value
    return value


def write_manifest(demo: Demo, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["规则编号", "户编号", "姓名", "埋入的问题"])
        for p in demo.planted:
            w.writerow([p.rule_id, p.hid, p.name, p.what])
    return path
