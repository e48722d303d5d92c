"""Clean, internally consistent export rows for tests: a household built here triggers no rule.

Tests start from a clean household and change the one thing a rule is about; the clean-household
test proves the starting point is clean, so a rule's test fails only for its own reason.
Dates assume the default test period 2024-06 (ref_date 2024-06-30, school_ref_date 2023-09-01).
"""

from __future__ import annotations

import itertools

from auditor.ids import check_digit

_seq = itertools.count(1)


def make_id(birth: str = "19800101", sex: str = "男", region: str = "130630", seq: int | None = None) -> str:
    """A valid 18-digit ID (right check digit, sex digit matching `sex`)."""
    n = next(_seq) if seq is None else seq
    order = (n * 2 + (1 if sex == "男" else 0)) % 1000
    if (order % 2 == 1) != (sex == "男"):
        order = (order + 1) % 1000
    first17 = f"{region}{birth}{order:03d}"
    return first17 + check_digit(first17)


def person(rel: str = "户主", sex: str = "男", birth: str = "19800101", name: str | None = None, **over) -> dict:
    """One member's own fields (an adult who works, fully insured, 初中, 健康)."""
    row = {
        "姓名": name or f"成员{next(_seq)}",
        "性别": sex,
        "出生日期": birth,
        "证件类型": "身份证",
        "证件号码": make_id(birth, sex),
        "民族": "汉族",
        "与户主关系": rel,
        "政治面貌": "群众",
        "文化程度": "初中",
        "在校生状况": "",
        "失学或辍学原因": "",
        "义务教育阶段未上学原因": "",
        "健康状况": "健康",
        "残疾类别": "",
        "劳动技能": "普通劳动力",
        "务工所在地": "县外省内务工",
        "务工时间（月）": "10",
        "公益性岗位类型": "",
        "公益性岗位(月数)": "",
        "成员联系电话": "",
        "是否参加城乡居民基本医疗保险": "是",
        "是否参加城镇职工基本医疗保险": "否",
        "是否参加大病保险": "是",
        "是否参加城乡居民基本养老保险": "是",
        "是否参加城镇职工基本养老保险": "否",
        "是否参加商业补充医疗保险": "否",
        "是否接受大病医疗救助": "否",
        "是否接受其他健康扶贫": "否",
        "是否享受低保": "否",
        "是否特困供养人员": "否",
        "享受低保政策情况": "不享受",
        "享受特困供养政策情况": "不享受",
        "是否异地扶贫搬迁人口": "否",
        "是否会讲普通话": "是",
        "是否国外务工": "否",
    }
    row.update(over)
    return row


def spouse(**over) -> dict:
    """The head's wife: chronically ill, weak labour, not working away."""
    base = dict(rel="配偶", sex="女", birth="19820315", 健康状况="长期慢性病", 劳动技能="弱劳动力或半劳动力",
                务工所在地="", **{"务工时间（月）": ""})
    base.update(over)
    return person(**base)


def pupil(**over) -> dict:
    """A 14-year-old son in 八年级 (school age 13 on 2023-09-01)."""
    base = dict(rel="之子", sex="男", birth="20100520", 文化程度="", 在校生状况="八年级", 劳动技能="无劳动力",
                务工所在地="", 政治面貌="共青团员", **{"务工时间（月）": ""})
    base.update(over)
    return person(**base)


# Per-person net income, business income, property income, transfers, business costs by kind.
_INCOME = {"脱贫户": (12000, 5000, 0, 3000, 2000), "一般农户": (12000, 5000, 0, 3000, 2000),
           "监测户": (6000, 0, 0, 500, 0), "已消除": (9000, 0, 0, 500, 0)}


def income(kind: str, n: int) -> dict:
    """Consistent income fields for n persons (G01/G02 hold; wage covers 10 months at ≥ 500)."""
    per_capita, business, prop, transfer, cost = _INCOME[kind]
    net = per_capita * n
    wage = net - business - prop - transfer + cost
    return {"工资性收入": str(wage), "生产经营性收入": str(business), "财产性收入": str(prop),
            "转移性收入": str(transfer), "生产经营性支出": str(cost), "家庭纯收入": str(net),
            "人均纯收入": str(per_capita), "年总收入": str(wage + business + prop + transfer),
            "家庭理赔收入": "0", "合规自付支出": "0" if kind in ("脱贫户", "一般农户") else "3000"}


_MEASURES = {
    "产业帮扶": "", "就业帮扶": "就业服务", "金融帮扶": "", "公益岗位帮扶": "", "健康帮扶": "医疗救助",
    "教育帮扶": "", "义务教育保障": "义务教育有保障", "住房安全保障": "住房安全有保障",
    "饮水安全保障": "饮水安全有保障", "综合保障": "", "社会帮扶": "", "搬迁": "", "生产生活条件改善": "",
    "基础设施建设": "",
}
_RISK_EMPTY = {f"致贫/返贫风险{i}": "" for i in range(1, 6)}


def household(kind: str = "脱贫户", hid: str | None = None, members: list[dict] | None = None,
              town: str = "涞源镇", village: str = "东关村", **over) -> list[dict]:
    """Rows of one clean household. kind: 脱贫户 | 一般农户 | 监测户 (未消除) | 已消除 (帮扶消除)."""
    hid = hid or f"1306301{next(_seq):09d}"
    members = members if members is not None else [person(), spouse(), pupil()]
    head = next((m for m in members if m.get("与户主关系") == "户主"), members[0])
    n = len(members)
    hh = {
        "省": "河北省", "市": "保定市", "县": "涞源县", "乡": town, "村": village, "户编号": hid,
        "户类型": "一般农户" if kind == "一般农户" else "脱贫户",
        "户主姓名": head["姓名"], "户主证件号码": head["证件号码"], "户联系电话": "13812345678",
        "家庭人口数": str(n), "年度": "2024",
        "监测对象类别": "", **_RISK_EMPTY, "因自然灾害子项": "", "其他备注": "",
        "识别监测时间": "", "风险是否已消除": "", "风险消除方式": "", "消除监测时间": "",
        "整户无劳动能力兜底保障户": "否", "信息采集人": "", "信息采集人联系电话": "",
        "是否危房户": "否", "是否解决安全饮用水": "是", "是否义务教育阶段适龄儿童少年失学辍学": "否",
        "风险消除后是否义务教育阶段适龄儿童少年失学辍学": "",
        **income(kind, n),
        "风险消除后工资性收入": "", "风险消除后财产性收入": "", "风险消除后转移性收入": "", "风险消除后生产经营性收入": "",
        "实施开发式帮扶措施情况": "", **{m: "" for m in _MEASURES},
    }
    if kind in ("监测户", "已消除"):
        hh.update(_MEASURES)
        hh.update({
            "监测对象类别": "脱贫不稳定户", "致贫/返贫风险1": "因病", "识别监测时间": "202310",
            "风险是否已消除": "否", "实施开发式帮扶措施情况": "已实施",
            "信息采集人": "王干部", "信息采集人联系电话": "13912345678",
        })
    if kind == "已消除":
        hh.update({
            "风险是否已消除": "是", "风险消除方式": "帮扶消除", "消除监测时间": "202404",
            "风险消除后工资性收入": hh["工资性收入"], "风险消除后财产性收入": "0", "风险消除后转移性收入": "500",
            "风险消除后生产经营性收入": "0", "风险消除后是否义务教育阶段适龄儿童少年失学辍学": "否",
        })
    hh.update(over)
    return [{**hh, **m} for m in members]


def drop(rows: list[dict], *keys: str) -> list[dict]:
    """The rows without these columns (the export lacks them)."""
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


def unable_members() -> list[dict]:
    """A head and spouse who cannot work (无劳动力, 丧失劳动力)."""
    return [person(劳动技能="无劳动力"), spouse(劳动技能="丧失劳动力")]
