"""The canonical fields of the exports (fields.md), with the header aliases seen in the wild.

This module is the one place that knows field names: ingest maps headers onto them, prepare derives
checked values from them, and the rule suites refer to them by name. Types drive normalisation:
`code` values are mapped through the variant tables in `codes.py`, `multi` fields are split into
items, `money`/`int` are parsed as numbers, `ym`/`ymd` as months and dates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text | code | int | money | ym | ymd | id
    level: str  # 人 | 户
    aliases: tuple[str, ...] = ()
    multi: bool = False


def _f(name: str, type_: str, level: str, *aliases: str, multi: bool = False) -> Field:
    return Field(name, type_, level, tuple(aliases), multi)


MEASURES = (
    "产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "教育帮扶", "义务教育保障",
    "住房安全保障", "饮水安全保障", "综合保障", "社会帮扶", "搬迁", "生产生活条件改善", "基础设施建设",
)
DEV_MEASURES = ("产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶")
RISKS = tuple(f"致贫/返贫风险{i}" for i in range(1, 6))
MONEY = (
    "工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "生产经营性支出", "家庭纯收入", "人均纯收入",
    "年总收入", "家庭理赔收入", "合规自付支出",
    "风险消除后工资性收入", "风险消除后财产性收入", "风险消除后转移性收入", "风险消除后生产经营性收入",
)
AFTER_INCOME = MONEY[-4:]
OTHER_YESNO = (
    "是否享受低保", "是否特困供养人员", "是否会讲普通话", "是否参加商业补充医疗保险", "是否国外务工",
    "是否接受大病医疗救助", "是否接受其他健康扶贫", "是否参加城镇职工基本养老保险",
    "是否参加城镇职工基本医疗保险", "是否异地扶贫搬迁人口",
)

MAIN_FIELDS: tuple[Field, ...] = (
    # 3.1 位置与户
    _f("省", "text", "户", "省份"),
    _f("市", "text", "户", "市(州)", "地市"),
    _f("县", "text", "户", "县(市、区)", "区县"),
    _f("乡", "text", "户", "乡(镇)", "乡镇", "乡镇(街道)"),
    _f("村", "text", "户", "行政村", "村(社区)"),
    _f("户编号", "text", "户"),
    _f("人口编号", "text", "人"),
    _f("户类型", "code", "户"),
    _f("户主姓名", "text", "户"),
    _f("户主证件号码", "id", "户"),
    _f("户联系电话", "text", "户", "联系电话", "农户联系电话"),
    _f("家庭人口数", "int", "户", "人数", "家庭人口"),
    _f("年度", "int", "户"),
    _f("识别标准", "code", "户"),
    _f("脱贫户属性", "code", "户", "贫困户属性"),
    _f("成员状态", "code", "人", "状态", "人员状态"),
    # 3.2 成员身份
    _f("姓名", "text", "人"),
    _f("性别", "code", "人"),
    _f("出生日期", "ymd", "人"),
    _f("证件类型", "code", "人"),
    _f("证件号码", "id", "人", "身份证号码", "身份证号", "公民身份号码", "证件号码(残疾人证)"),
    _f("民族", "code", "人"),
    _f("成员联系电话", "text", "人", "家庭成员联系电话"),
    _f("与户主关系", "code", "人"),
    _f("政治面貌", "code", "人"),
    # 3.3 教育
    _f("文化程度", "code", "人"),
    _f("在校生状况", "code", "人", "在校生情况"),
    _f("失学或辍学原因", "code", "人", "失辍学原因", "失学缀学原因"),
    _f("义务教育阶段未上学原因", "code", "人"),
    # 3.4 健康与劳动
    _f("健康状况", "code", "人", multi=True),
    _f("残疾类别", "code", "人"),
    _f("残疾证办证年度", "int", "人"),
    _f("劳动技能", "code", "人", "劳动能力"),
    # 3.5 务工与岗位
    _f("务工所在地", "text", "人", "务工地点", "务工状况"),
    _f("务工时间（月）", "int", "人", "务工时长(月)"),
    _f("务工企业名称", "text", "人"),
    _f("就业渠道", "code", "人", "就业渠道(易地搬迁后扶使用)"),
    _f("是否国外务工", "code", "人"),
    _f("产业分类", "text", "人"),
    _f("公益性岗位类型", "code", "人", "公益岗位"),
    _f("公益性岗位(月数)", "int", "人", "聘用月数", "公益性岗位月数"),
    _f("是否会讲普通话", "code", "人"),
    # 3.6 保险与救助
    _f("是否参加城乡居民基本医疗保险", "code", "人",
       "是否参加新型农村合作医疗(城乡居民基本医疗保险)", "是否参加居民医疗保险"),
    _f("是否参加城镇职工基本医疗保险", "code", "人", "是否参加职工医疗保险"),
    _f("是否参加大病保险", "code", "人"),
    _f("是否参加城乡居民基本养老保险", "code", "人", "是否参加居民基本养老保险"),
    _f("是否参加城镇职工基本养老保险", "code", "人", "是否参加职工基本养老保险"),
    _f("是否参加商业补充医疗保险", "code", "人"),
    _f("是否接受大病医疗救助", "code", "人", "是否接受医疗救助"),
    _f("是否接受其他健康扶贫", "code", "人"),
    _f("是否享受低保", "code", "人", "是否享受最低生活保障"),
    _f("是否特困供养人员", "code", "人"),
    _f("享受低保政策情况", "code", "人"),
    _f("享受特困供养政策情况", "code", "人"),
    _f("是否异地扶贫搬迁人口", "code", "人"),
    # 3.7 监测与风险
    _f("监测对象类别", "code", "户", "检测对象类别", "监测对象类型"),
    _f("致贫/返贫风险1", "code", "户", "致贫/返贫风险", multi=True),
    *(_f(r, "code", "户", multi=True) for r in RISKS[1:]),
    _f("因自然灾害子项", "code", "户", multi=True),
    _f("因自然灾害备注", "text", "户"),
    _f("其他备注", "text", "户"),
    _f("识别监测时间", "ym", "户"),
    _f("风险是否已消除", "code", "户"),
    _f("风险消除方式", "code", "户"),
    _f("消除监测时间", "ym", "户", "风险消除时间"),
    _f("整户无劳动能力兜底保障户", "code", "户"),
    _f("风险线索发现时间", "ymd", "户", "风险发现时间", "线索发现时间"),
    _f("信息采集人", "text", "户", "监测联系人"),
    _f("信息采集人联系电话", "text", "户", "监测联系人电话", "联系方式(风险消除表)"),
    # 3.8 三保障与饮水
    _f("是否危房户", "code", "户", "是否住房出现安全问题"),
    _f("是否解决安全饮用水", "code", "户"),
    _f("是否义务教育阶段适龄儿童少年失学辍学", "code", "户", "是否义务教育阶段适龄儿童少年失学缀学"),
    _f("风险消除后是否义务教育阶段适龄儿童少年失学辍学", "code", "户"),
    _f("是否有家庭成员未参加城乡居民(职工)基本医疗保险", "code", "户"),
    _f("与村主干路距离", "text", "户", "与村主干路距离(公里)"),
    # 3.9 收入
    _f("工资性收入", "money", "户"),
    _f("生产经营性收入", "money", "户"),
    _f("财产性收入", "money", "户"),
    _f("转移性收入", "money", "户"),
    _f("生产经营性支出", "money", "户"),
    _f("家庭纯收入", "money", "户", "年纯收入", "家庭年纯收入"),
    _f("人均纯收入", "money", "户", "家庭人均纯收入"),
    _f("年总收入", "money", "户", "收入合计"),
    _f("家庭理赔收入", "money", "户", "理赔收入", "其他理赔收入"),
    _f("合规自付支出", "money", "户", "合规自负支出", "其他合规自负支出"),
    *(_f(m, "money", "户") for m in AFTER_INCOME),
    _f("纳入监测对象的收入参考范围", "text", "户", "纳入易返贫致贫户的收入参考范围"),
    _f("纳入监测对象的人均收入参考范围", "text", "户", "纳入易返贫致贫户的人均收入参考范围"),
    # 3.10 帮扶措施
    _f("实施开发式帮扶措施情况", "code", "户"),
    *(_f(m, "code", "户", multi=True) for m in MEASURES if m not in ("公益岗位帮扶", "教育帮扶")),
    _f("公益岗位帮扶", "code", "户", "公益性岗位帮扶", "公益性岗位", multi=True),
    _f("教育帮扶", "code", "户", "其他教育帮扶", multi=True),
    _f("公益性岗位帮扶其他备注", "text", "户"),
)

# The inverse column: 是否饮水出现安全问题 means the opposite of 是否解决安全饮用水 (fields.md §2.7).
WATER_INVERSE = "是否饮水出现安全问题"

SECONDARY_FIELDS: dict[str, tuple[Field, ...]] = {
    "务工监测表": (
        _f("户编号", "text", "人"), _f("姓名", "text", "人"), _f("证件号码", "id", "人", "身份证号码"),
        _f("开始时间", "ym", "人"), _f("结束时间", "ym", "人"), _f("是否已务工", "code", "人"),
        _f("年度交通费补助", "money", "人"), _f("所属行业", "text", "人"), _f("务工企业名称", "text", "人"),
        _f("就业渠道", "code", "人"), _f("务工所在地", "text", "人", "务工地点"),
        _f("户类型", "code", "户"), _f("监测对象类别", "code", "户"),
    ),
    "计划外出务工表": (
        _f("户编号", "text", "人"), _f("姓名", "text", "人"), _f("证件号码", "id", "人", "身份证号码"),
        _f("是否计划务工", "code", "人"), _f("就业服务需求", "text", "人"),
    ),
    "行政村表": (
        _f("乡", "text", "户", "乡(镇)", "乡镇"), _f("村", "text", "户", "行政村"),
        _f("农民人均纯收入", "money", "户"),
    ),
}

# How a sheet is recognised (fields.md §6, §7): by its headers, never by its name.
MAIN_REQUIRED = ("户编号", "姓名", "证件号码", "与户主关系")
MAIN_SUGGESTED = ("乡", "村")

FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "@风险": RISKS,
    "@措施": MEASURES,
    "@开发式措施": DEV_MEASURES,
    "@金额": MONEY,
    "@消除后收入": AFTER_INCOME,
    "@其他是否": OTHER_YESNO,
}

BY_NAME: dict[str, Field] = {f.name: f for f in MAIN_FIELDS}
HOUSEHOLD_FIELDS: tuple[str, ...] = tuple(f.name for f in MAIN_FIELDS if f.level == "户")
FIELD_GROUPS["@户级一致"] = tuple(
    n for n in (
        "省", "市", "县", "乡", "村", "户类型", "户主姓名", "户主证件号码", "户联系电话", "家庭人口数", "年度",
        "监测对象类别", "识别监测时间", "风险是否已消除", "风险消除方式", "消除监测时间", "整户无劳动能力兜底保障户",
        "实施开发式帮扶措施情况", "是否危房户", "是否解决安全饮用水", "是否义务教育阶段适龄儿童少年失学辍学",
        "风险消除后是否义务教育阶段适龄儿童少年失学辍学", *MONEY,
    )
)

# The checked number of a money or integer field is the column 数_<field>; the two month counts,
# whose canonical names carry parentheses, have short names instead.
NUMBER_ALIASES = {"务工时间（月）": "务工月数", "公益性岗位(月数)": "岗位月数"}


def number_column(name: str) -> str:
    """The prepared column holding num(field) (rules.md §6.5)."""
    return NUMBER_ALIASES.get(name, f"数_{name}")
