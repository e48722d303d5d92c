"""The department warning lists (部门筛查预警清单) and the province's feedback list: their kinds, canonical
fields and the header aliases seen in the offices' files (docs/lists.md). The one place that knows
list field names, as fields.py is for the export: ingest maps a list's headers onto these, reconcile
reads them by name.

Every list has 姓名 and 证件号码, optionally 乡镇, 村, 户主姓名, 户主证件号码 and its date (清单日期);
each kind adds its own fields (an amount, a grade, a type, an approval date, a status).
"""

from __future__ import annotations

from .fields import Field

# KIND → the department that pushes the list (the word users write in --list KIND=FILE).
LIST_KINDS: dict[str, str] = {
    "低保": "民政局（低保）", "特困": "民政局（特困供养）", "医保": "医保局", "残联": "残联",
    "教育": "教育局", "住建": "住建局", "应急": "应急管理局", "人社": "人社局",
}


def _f(name: str, type_: str, *aliases: str) -> Field:
    return Field(name, type_, "人", tuple(aliases))


COMMON_FIELDS: tuple[Field, ...] = (
    _f("姓名", "text", "人员姓名", "救助对象姓名", "参保人姓名", "患者姓名", "学生姓名", "残疾人姓名", "户主或成员姓名",
       "失业人员姓名", "受灾人姓名", "保障对象姓名", "对象姓名"),
    _f("证件号码", "id", "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "证件号", "身份证件号码", "身份证",
       "证件号码(身份证)", "身份证号(18位)", "参保人身份证号", "患者身份证号", "学生身份证号", "残疾人证号",
       "残疾证号", "身份证号/残疾证号", "对象身份证号", "保障对象身份证号", "社会保障号码", "社会保障号"),
    _f("乡镇", "text", "乡", "乡(镇)", "乡镇(街道)", "乡镇街道", "所属乡镇", "乡镇名称", "街道(乡镇)", "镇(乡)"),
    _f("村", "text", "行政村", "村(社区)", "村居", "所属村", "村名", "村(居)委会", "村委会", "社区(村)"),
    _f("户主姓名", "text", "户主"),
    _f("户主证件号码", "id", "户主身份证号", "户主身份证号码", "户主公民身份号码"),
    _f("清单日期", "ymd", "推送日期", "统计截止日期", "截止日期", "数据截止日期", "统计日期", "数据日期", "报送日期",
       "推送时间", "统计截止时间"),
)

KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    "低保": (
        _f("低保类别", "text", "保障类别", "低保类型", "救助类别", "类别"),
        _f("批准日期", "ymd", "审批日期", "批准时间", "审批时间", "纳入日期", "享受起始时间", "享受时间", "保障起始日期",
           "救助开始时间", "起始日期"),
        _f("保障人数", "int", "家庭人口数", "保障人口", "共同生活人数", "家庭人数"),
    ),
    "特困": (
        _f("供养方式", "text", "供养形式", "特困供养方式", "供养类型", "分散/集中供养", "集中/分散供养"),
        _f("批准日期", "ymd", "审批日期", "批准时间", "审批时间", "纳入日期", "享受起始时间", "供养起始时间"),
        _f("保障人数", "int", "家庭人口数", "保障人口", "共同生活人数", "家庭人数"),
    ),
    "医保": (
        _f("个人自付金额", "money", "自付费用", "个人自付费用", "个人自付", "自付金额", "个人负担金额", "个人负担",
           "个人自付费用(元)", "年度累计个人自付", "累计个人自付", "政策范围内个人自付", "个人现金支付", "自付总额"),
        _f("参保状态", "text", "参保情况", "是否参保", "参保状态(是否参保)", "居民医保参保状态"),
        _f("人员类别", "text", "人员身份", "参保身份", "人员属性", "身份类别", "救助身份"),
    ),
    "残联": (
        _f("残疾类别", "text", "残疾类型", "残疾种类"),
        _f("残疾等级", "text", "等级", "残疾级别"),
        _f("变动类型", "text", "新致残", "是否新致残", "变动情况", "人员状态", "新增类型", "致残类型"),
        _f("办证日期", "ymd", "发证日期", "首次办证日期", "办证时间", "发证时间", "致残日期"),
    ),
    "教育": (
        _f("自付金额", "money", "个人自付金额", "自付费用", "家庭自付", "家庭负担", "学费", "非义务教育阶段自付费用",
           "个人承担费用", "自付教育费用"),
        _f("学段", "text", "教育阶段", "就读学段", "学历层次", "在读阶段"),
    ),
    "住建": (
        _f("危房等级", "text", "鉴定等级", "房屋等级", "房屋安全等级", "鉴定结果", "危险等级", "等级"),
    ),
    "应急": (
        _f("损失金额", "money", "直接经济损失", "受灾损失", "经济损失", "损失金额(元)", "灾害损失", "财产损失"),
        _f("灾害类型", "text", "灾种", "受灾类型"),
    ),
    "人社": (
        _f("就业状态", "text", "失业状态", "就业情况", "是否失业", "人员状态"),
        _f("失业登记日期", "ymd", "登记日期", "失业日期", "失业时间"),
    ),
}


def list_fields(kind: str) -> tuple[Field, ...]:
    return COMMON_FIELDS + KIND_FIELDS[kind]


# Every list column of the prepared `lists` table (one table for every kind; a kind's columns the
# others lack are NULL there), in order.
ALL_LIST_FIELDS: tuple[Field, ...] = tuple({f.name: f for k in LIST_KINDS for f in list_fields(k)}.values())

# The province's feedback list (省平台反馈问题清单).
FEEDBACK_FIELDS: tuple[Field, ...] = (
    _f("问题编码", "text", "问题代码", "编码", "规则编码", "校验规则编码", "问题编号", "疑点编码"),
    _f("问题类型", "text", "问题名称", "问题描述", "问题内容", "疑点类型", "疑点描述", "校验规则", "规则名称",
       "问题说明", "疑点问题"),
    _f("问题类别", "text", "必改/非必改", "是否必改", "整改要求", "问题性质", "必改非必改", "类别"),
    _f("乡镇", "text", "乡", "乡(镇)", "乡镇(街道)", "所属乡镇"),
    _f("村", "text", "行政村", "村(社区)", "所属村"),
    _f("户编号", "text", "户码", "户编码"),
    _f("证件号码", "id", "身份证号", "身份证号码", "公民身份号码", "证件号"),
    _f("姓名", "text", "人员姓名", "户主姓名"),
)

# The returned 交办清单 (a township's filled workbook): the columns read back.
RETURNED_RESULTS = ("纳入监测", "不符合条件", "已是监测对象")
