"""Group F: housing, education, medical insurance, drinking water (三保障和饮水安全).

Default period 2024-06: ref_date 2024-06-30, school_ref_date 2023-09-01 (学龄年龄 is the age on that day).
"""


from factory import household, person, pupil, spouse
from portable import same_on_sqlite


def without(rows: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


# ---- F01 monitored household missing identification / risk / income / 三保障 and water status ----


def test_F01_monitored_household_with_blank_fields(audit):
    rows = (household("监测户", hid="两项空", 识别监测时间="", 饮水安全保障="")
            + household("监测户", hid="全空", 识别监测时间="", 工资性收入="", **{"致贫/返贫风险1": ""},
                        是否解决安全饮用水="", 饮水安全保障="", 住房安全保障="", 义务教育保障="")
            + household("已消除", hid="已消除也查", 住房安全保障="")
            + household("监测户", hid="收入为0", 工资性收入="0")  # 0 is not blank
            + household("监测户", hid="一行有值", members=[person(), spouse(饮水安全保障=""), pupil(饮水安全保障="")])
            + household("脱贫户", hid="非监测户"))  # its 识别监测时间 and measures are blank
    found = audit(rows, rules={"F01"})
    assert found.households("F01") == {"两项空", "全空", "已消除也查"}
    by = {f["户编号"]: f for f in found.of("F01")}
    assert by["两项空"]["问题字段"] == "识别监测时间、饮水安全保障"
    assert by["两项空"]["说明"] == "监测户以下字段在户内均为空：识别监测时间、饮水安全保障"
    assert by["两项空"]["当前值"] == "识别监测时间=；饮水安全保障="
    assert by["全空"]["问题字段"] == ("识别监测时间、工资性收入、致贫/返贫风险1、是否解决安全饮用水、饮水安全保障、"
                                    "住房安全保障、义务教育保障")


def test_F01_checks_only_the_columns_the_export_has(audit):
    rows = (household("监测户", hid="缺列", 饮水安全保障="", 住房安全保障="")
            + household("监测户", hid="另有空", 饮水安全保障="", 义务教育保障=""))
    found = audit(without(rows, "饮水安全保障", "住房安全保障"), rules={"F01"})
    assert found.households("F01") == {"另有空"}
    assert found.of("F01")[0]["问题字段"] == "义务教育保障"


def test_F01_not_run_without_category_column(audit):
    found = audit(without(household("监测户", hid="H1", 识别监测时间=""), "监测对象类别"))
    assert "F01" in found.skipped()


# ---- F02 / F03 / F05 脱贫户 with a 三保障 / water problem, not monitored ----------------------------


def test_F02_unsafe_house_not_monitored(audit):
    rows = (household("脱贫户", hid="危房", 是否危房户="是")
            + household("脱贫户", hid="非危房", 是否危房户="否")
            + household("脱贫户", hid="空", 是否危房户="")
            + household("监测户", hid="已监测", 是否危房户="是")
            + household("一般农户", hid="一般农户", 是否危房户="是"))
    found = audit(rows, rules={"F02"})
    assert found.households("F02") == {"危房"}
    f = found.of("F02")[0]
    assert (f["问题字段"], f["当前值"]) == ("是否危房户", "是")


def test_F03_no_safe_water_not_monitored(audit):
    rows = (household("脱贫户", hid="未解决", 是否解决安全饮用水="否")
            + household("脱贫户", hid="已解决", 是否解决安全饮用水="是")
            + household("脱贫户", hid="空", 是否解决安全饮用水="")
            + household("监测户", hid="已监测", 是否解决安全饮用水="否"))
    found = audit(rows, rules={"F03"})
    assert found.households("F03") == {"未解决"}


def test_F03_inverse_column_only(audit):
    rows = (household("脱贫户", hid="有问题", 是否饮水出现安全问题="是")
            + household("脱贫户", hid="无问题", 是否饮水出现安全问题="否"))
    found = audit(without(rows, "是否解决安全饮用水"), rules={"F03"})
    assert found.households("F03") == {"有问题"}
    f = found.of("F03")[0]
    assert (f["问题字段"], f["当前值"]) == ("是否饮水出现安全问题", "是")  # the inverse column's original text


def test_F05_dropout_not_monitored(audit):
    field = "是否义务教育阶段适龄儿童少年失学辍学"
    rows = (household("脱贫户", hid="失学", **{field: "是"})
            + household("脱贫户", hid="否", **{field: "否"})
            + household("监测户", hid="已监测", **{field: "是"}))
    found = audit(rows, rules={"F05"})
    assert found.households("F05") == {"失学"}


# ---- F04 脱贫户 with an ill member lacking critical-illness insurance, not monitored ---------------


def test_F04_ill_member_without_critical_illness_insurance(audit):
    no = {"是否参加大病保险": "否"}
    rows = (household("脱贫户", hid="慢性病", members=[person(), spouse(name="慢病妻", **no)])
            + household("脱贫户", hid="多值", members=[person(name="户主甲", 健康状况="残疾,长期慢性病", **no)])
            + household("脱贫户", hid="职工医保", members=[person(), spouse(是否参加城镇职工基本医疗保险="是", **no)])
            + household("脱贫户", hid="职工医保空", members=[person(), spouse(name="职工空妻", 是否参加城镇职工基本医疗保险="",
                                                                      **no)])
            + household("脱贫户", hid="健康", members=[person(**no), spouse()])
            + household("脱贫户", hid="大病保险空", members=[person(), spouse(是否参加大病保险="")])
            + household("脱贫户", hid="健康状况无效", members=[person(), spouse(健康状况="良好", **no)])
            + household("监测户", hid="已监测", members=[person(), spouse(**no)]))
    found = audit(rows, rules={"F04"})
    assert found.households("F04") == {"慢性病", "多值", "职工医保空"}
    by = {f["户编号"]: f for f in found.of("F04")}
    assert by["慢性病"]["说明"] == "脱贫户未纳入监测，但有患病成员未参加大病保险：慢病妻（长期慢性病）"
    assert by["多值"]["说明"] == "脱贫户未纳入监测，但有患病成员未参加大病保险：户主甲（残疾,长期慢性病）"
    assert by["慢性病"]["问题字段"] == "监测对象类别"


def test_F04_runs_without_employee_insurance_column(audit):
    rows = household("脱贫户", hid="H1", members=[person(), spouse(是否参加大病保险="否")])
    found = audit(without(rows, "是否参加城镇职工基本医疗保险"))
    assert "F04" not in found.skipped()
    assert found.households("F04") == {"H1"}


# ---- F06 residents' medical insurance but no critical-illness insurance ---------------------------


def test_F06_residents_insurance_without_critical_illness(audit):
    rows = household("脱贫户", hid="H1", members=[
        person(name="有居民无大病", 是否参加大病保险="否"),
        person(name="两者都否", rel="之子", 是否参加城乡居民基本医疗保险="否", 是否参加大病保险="否"),
        person(name="大病空", rel="之女", sex="女", 是否参加大病保险=""),
        person(name="都是", rel="之兄弟姐妹"),
        person(name="居民空", rel="其他", 是否参加城乡居民基本医疗保险="", 是否参加大病保险="否"),
    ])
    found = audit(rows, rules={"F06"})
    assert found.names("F06") == {"有居民无大病"}
    f = found.of("F06")[0]
    assert (f["问题字段"], f["当前值"]) == ("是否参加大病保险", "否")


# ---- F07 / F08 water / housing risk without the matching measure ------------------------------


def test_F07_water_risk_without_water_measure(audit):
    rows = (household("监测户", hid="因安全饮水", 饮水安全保障="", **{"致贫/返贫风险2": "因安全饮水"})
            + household("监测户", hid="含饮水", 饮水安全保障="", **{"致贫/返贫风险1": "饮水困难"})
            + household("监测户", hid="有措施", **{"致贫/返贫风险2": "因安全饮水"})
            + household("监测户", hid="按成员填报", members=[person(), spouse(饮水安全保障="")],
                        **{"致贫/返贫风险2": "因安全饮水"})
            + household("监测户", hid="无饮水风险", 饮水安全保障=""))
    found = audit(rows, rules={"F07"})
    assert found.households("F07") == {"因安全饮水", "含饮水"}
    by = {f["户编号"]: f for f in found.of("F07")}
    assert by["因安全饮水"]["说明"] == "风险类型（因安全饮水、因病）含饮水类风险，但饮水安全保障在户内均为空"


def test_F08_housing_risk_without_housing_or_relocation(audit):
    risk = {"致贫/返贫风险1": "因安全住房"}
    rows = (household("监测户", hid="两者空", 住房安全保障="", 搬迁="", **risk)
            + household("监测户", hid="有搬迁", 住房安全保障="", 搬迁="易地扶贫搬迁", **risk)
            + household("监测户", hid="有住房措施", **risk)
            + household("监测户", hid="无住房风险", 住房安全保障=""))
    found = audit(rows, rules={"F08"})
    assert found.households("F08") == {"两者空"}
    assert found.of("F08")[0]["说明"] == "风险类型（因安全住房）含住房类风险，但住房安全保障与搬迁在户内均为空"


def test_F08_missing_relocation_column_counts_as_blank(audit):
    rows = household("监测户", hid="H1", 住房安全保障="", **{"致贫/返贫风险1": "因安全住房"})
    found = audit(without(rows, "搬迁"))
    assert "F08" not in found.skipped()
    assert found.households("F08") == {"H1"}


def test_F07_F08_not_run_without_their_measure_column(audit):
    found = audit(without(household("监测户", hid="H1"), "饮水安全保障", "住房安全保障"))
    assert "F07" in found.skipped() and "F08" in found.skipped()


# ---- F09 uninsured member but no health-related risk ------------------------------------------


def test_F09_uninsured_member_without_health_risk(audit):
    uninsured = {"是否参加城乡居民基本医疗保险": "否", "是否参加城镇职工基本医疗保险": "否"}
    school = {"致贫/返贫风险1": "因学"}
    rows = (household("监测户", hid="因学", members=[person(), spouse(name="未参保妻", **uninsured)], **school)
            + household("监测户", hid="医保空", members=[person(name="医保空户主", 是否参加城乡居民基本医疗保险="")],
                        **school)
            + household("监测户", hid="职工医保", members=[
                person(是否参加城乡居民基本医疗保险="否", 是否参加城镇职工基本医疗保险="是")], **school)
            + household("监测户", hid="因病", members=[person(), spouse(**uninsured)])
            + household("监测户", hid="医保类", members=[person(), spouse(**uninsured)],
                        **{"致贫/返贫风险1": "因学", "致贫/返贫风险2": "医保缴费困难"})
            + household("监测户", hid="医疗类", members=[person(), spouse(**uninsured)],
                        **{"致贫/返贫风险1": "医疗支出大"})
            + household("脱贫户", hid="非监测户", members=[person(), spouse(**uninsured)]))
    found = audit(rows, rules={"F09"})
    assert found.households("F09") == {"因学", "医保空"}
    by = {f["户编号"]: f for f in found.of("F09")}
    assert by["因学"]["说明"] == "成员未参加基本医疗保险（未参保妻），但风险类型（因学）不含因病或医疗、医保类风险"


# ---- F10 dropout household without an out-of-school child of compulsory age -----------------------


def _child(name: str, birth: str, status: str = "", **over) -> dict:
    return pupil(name=name, birth=birth, 在校生状况=status, **over)


def test_F10_dropout_household_without_out_of_school_child(audit):
    dropout = {"是否义务教育阶段适龄儿童少年失学辍学": "是"}
    cases = {  # household → the child (school age on 2023-09-01)
        "十七岁": _child("十七岁", "20060901"),  # turns 17 on 2023-09-01: too old → flagged
        "十六岁": _child("十六岁", "20060902"),  # 16: an out-of-school child → not flagged
        "六岁": _child("六岁", "20170901"),  # 6 exactly → not flagged
        "五岁": _child("五岁", "20170902"),  # 5 → flagged
        "在读": _child("在读", "20100520", "八年级"),  # studying → flagged
        "非在校生": _child("非在校生", "20100520", "非在校生"),  # → not flagged
        "学龄前儿童": _child("学龄前儿童", "20170101", "学龄前儿童"),  # filled, not blank/非在校生 → flagged
    }
    rows = []
    for hid, child in cases.items():
        rows += household("监测户", hid=hid, members=[person(), child], **dropout)
    rows += household("监测户", hid="年龄未知", members=[person(), _child("未知", "20100101", 证件号码="123", 出生日期="")], **dropout)
    rows += household("监测户", hid="未失学", members=[person(), _child("未失学", "20060901")])
    rows += household("脱贫户", hid="非监测户", members=[person(), _child("非监测", "20060901")], **dropout)
    found = audit(rows, rules={"F10"})
    assert found.households("F10") == {"十七岁", "五岁", "在读", "学龄前儿童"}
    f = {x["户编号"]: x for x in found.of("F10")}["在读"]
    assert f["说明"] == ("是否义务教育阶段适龄儿童少年失学辍学为“是”，但户内没有学龄年龄 6–16 周岁且在校生状况为空或"
                       "非在校生的成员")
    assert (f["问题字段"], f["当前值"]) == ("是否义务教育阶段适龄儿童少年失学辍学", "是")


def test_F10_age_from_birth_date_when_the_id_is_invalid(audit):
    dropout = {"是否义务教育阶段适龄儿童少年失学辍学": "是"}
    rows = (household("监测户", hid="出生日期十二岁", members=[person(), _child("甲", "20110101", 证件号码="123")],
                      **dropout)
            + household("监测户", hid="出生日期十八岁", members=[person(), _child("乙", "20050101", 证件号码="123")],
                        **dropout))
    found = audit(rows, rules={"F10"})
    assert found.households("F10") == {"出生日期十八岁"}


# ---- the check SQL stays portable: SQLite gives the same rows as DuckDB -------------------------


def test_F_rules_give_the_same_rows_on_sqlite(audit):
    no = {"是否参加大病保险": "否"}
    uninsured = {"是否参加城乡居民基本医疗保险": "否", "是否参加城镇职工基本医疗保险": "否"}
    rows = (household("监测户", hid="H1", members=[person(), _child("甲", "20060901")], 饮水安全保障="", 住房安全保障="",
                      是否义务教育阶段适龄儿童少年失学辍学="是",
                      **{"致贫/返贫风险1": "因学", "致贫/返贫风险2": "因安全饮水,因安全住房"})
            + household("监测户", hid="H2", members=[person(**uninsured), spouse(**uninsured)] + [
                person(name=n, rel="其他", **uninsured) for n in "子丑寅"], **{"致贫/返贫风险1": "因学"})
            + household("脱贫户", hid="H3", members=[person(name="乙", **no), spouse(**no)], 是否危房户="是",
                        是否解决安全饮用水="否", 是否义务教育阶段适龄儿童少年失学辍学="是"))
    found = audit(rows)
    assert same_on_sqlite(found, "F") == {f"F{i:02d}" for i in range(1, 11)}
