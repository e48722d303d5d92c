"""The derived columns of the prepared tables: which table has each and which stage derives it.

Every column of `members`, `households` and the secondary tables that is not a canonical field of
fields.py is listed here (a test compares the list with the tables a run actually prepares); their
meanings are documented in expectations/README.md (a test keeps it in step). `auditor rules show`
reads this to say which derived columns a rule reads and where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..fields import MAIN_FIELDS, MEASURES, SECONDARY_FIELDS
from .load import parsed_columns


@dataclass(frozen=True)
class DerivedColumn:
    table: str
    name: str
    stage: str  # the module that derives it, as auditor.<stage>


_ROW = ("_row", "_line", "_file", "_sheet")
_MEMBERS = (
    "数值_证件号码", "证件形式", "校验位正确", "证件号码缺陷", "证件有效", "证件出生无效", "证件出生日期缺陷", "证件出生日",
    "证件性别", "证件键", "区划代码不在表", "其他证件", "乡镇", "年龄", "学龄年龄", "有效性别", "人员关联键", "是户主", "是配偶",
    "在校生", "在校生已填", "有劳动力", "无劳动力", "仅健康", "含残疾", "残疾成员", "本表有务工", "健康状况项集合",
    "健康状况无效项", "号码_成员联系电话", "电话有误_成员联系电话", "电话重号_成员联系电话", "有务工", "计划务工",
)
_HOUSEHOLDS = (
    "_head_row", "成员数", "户主数", "配偶数", "有劳动力人数", "全户有劳动力", "全户无劳动力", "有务工人数", "在校生人数",
    "残疾成员数", "务工月数合计", "未参加基本医保人数", *(f"{p}_{m}" for m in MEASURES for p in ("有", "空行")),
    "风险集合", "措施签名", "乡镇", "监测户", "脱贫户", "已消除", "未消除", "措施全空", "开发式全空", "收入线", "消除时收入线",
    "村收入线", "日_识别监测月首", "号码_户联系电话", "电话有误_户联系电话", "电话重号_户联系电话",
)


@cache
def derived_columns() -> dict[tuple[str, str], DerivedColumn]:
    """(table, column) → where it is derived, for every column that is not a canonical field."""
    out: dict[tuple[str, str], DerivedColumn] = {}

    def add(name: str, table: str, stage: str) -> None:
        out[(table, name)] = DerivedColumn(table, name, stage)

    for table in ("members", "households", "work", "plan", "villages"):
        for c in _ROW:
            if table != "households" or c == "_row":
                add(c, table, "prepare.load")
    for f in MAIN_FIELDS:
        for c, _ in parsed_columns(f):
            add(c, "members", "prepare.load")
            if f.level == "户" and f.name != "户编号":
                add(c, "households", "prepare.households")
    for c in _MEMBERS:
        add(c, "members", "prepare.members")
    for c in _HOUSEHOLDS:
        add(c, "households", "prepare.households")
    tables = {"务工监测表": "work", "计划外出务工表": "plan", "行政村表": "villages"}
    for kind, fields in SECONDARY_FIELDS.items():
        table = tables[kind]
        for f in fields:
            for c, _ in parsed_columns(f):
                add(c, table, "prepare.load")
            if f.type == "id":
                add(f"数值_{f.name}", table, "prepare.load")
        add("_key", table, "prepare.load")
    add("县外务工", "work", "prepare.load")
    return out
