"""Group I: risk elimination (I01–I15; I16 needs the previous export and is not here).

Default period 2024-06: ref_date 2024-06-30, report month 2024-06, monitoring line 7300. The
factory's 已消除 household: 帮扶消除, identified 202310, removed 202404, 人均纯收入 9000.
"""

from factory import drop, household, person, pupil, spouse, unable_members

from auditor.config import Config
from auditor.fields import MEASURES

NO_MEASURES = {m: "" for m in MEASURES}



def config(**params) -> Config:
    return Config().with_params(**params)



# ---- I01 ---------------------------------------------------------------------------------------

def test_I01_income_below_the_line_at_removal(audit):
    rows = (household("已消除", hid="I01a", 人均纯收入="7299.99")
            + household("已消除", hid="I01b", 人均纯收入="7300")  # exactly at the line: not below
            + household("已消除", hid="I01c", 人均纯收入="7300.00")
            + household("已消除", hid="I01d", 人均纯收入="5000", 风险消除方式="自然消除")
            + household("已消除", hid="I01e", 人均纯收入="")  # blank: not judged
            + household("已消除", hid="I01f", 人均纯收入="五千")  # non-numeric: not judged
            + household("监测户", hid="I01g", 人均纯收入="5000")  # not removed
            + household("已消除", hid="I01h", 人均纯收入="¥6,000元"))  # num(): 6000
    found = audit(rows, rules={"I01"})
    assert found.households("I01") == {"I01a", "I01h"}
    f = {x["户编号"]: x for x in found.of("I01")}
    assert f["I01a"]["说明"] == "人均纯收入 7299.99 低于监测线 7300（消除监测时间 202404 时有效），风险消除方式却为 帮扶消除"
    assert f["I01a"]["问题字段"] == "人均纯收入、风险消除方式"
    assert f["I01a"]["当前值"] == "人均纯收入=7299.99；风险消除方式=帮扶消除"


def test_I01_threshold_is_the_line_in_force_at_the_end_of_the_removal_month(audit):
    cfg = config(threshold_schedule=["2022-04-16:7300", "2024-01-15:7600"])
    rows = (household("已消除", hid="I01a", 人均纯收入="7500", 消除监测时间="202312")  # line 7300
            + household("已消除", hid="I01b", 人均纯收入="7500", 消除监测时间="202401")  # 01-31 ≥ 01-15: 7600
            + household("已消除", hid="I01c", 人均纯收入="7500", 消除监测时间="2024.1")  # unparseable: ref_date line
            + household("已消除", hid="I01d", 人均纯收入="7600", 消除监测时间="202401"))  # at the line
    found = audit(rows, config=cfg, rules={"I01"})
    assert found.households("I01") == {"I01b", "I01c"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I01")}
    assert "监测线 7600（消除监测时间 202401 时有效）" in notes["I01b"]
    assert "监测线 7600（消除监测时间无法识别，按报告期末的监测线）" in notes["I01c"]


def test_I01_not_judged_without_a_line_in_force(audit):
    cfg = config(threshold_schedule=["2025-01-01:7300"])
    found = audit(household("已消除", hid="I01a", 人均纯收入="100"), config=cfg, rules={"I01"})
    assert found.households("I01") == set()


VILLAGES = [
    {"乡": "涞源县涞源镇", "村": "东关村", "农民人均纯收入": "9500"},  # prefix stripped to match 涞源镇
    {"乡": "王安镇", "村": "西关村", "农民人均纯收入": "20000"},  # same village name, other township
    {"乡": "涞源镇", "村": "南关村", "农民人均纯收入": "不详"},  # not numeric: falls back
    {"乡": "涞源镇", "村": "北关村", "农民人均纯收入": "9000"},  # two rows that disagree: falls back
    {"乡": "涞源镇", "村": "北关村", "农民人均纯收入": "9900"},
]


def test_I01_village_threshold_from_the_village_table(audit):
    cfg = config(threshold_source="行政村表")
    rows = (household("已消除", hid="I01a", 人均纯收入="9000", village="东关村")  # < 9500
            + household("已消除", hid="I01b", 人均纯收入="9500", village="东关村")  # at the village line
            + household("已消除", hid="I01c", 人均纯收入="9000", village="西关村")  # no 涞源镇 西关村 row: 7300
            + household("已消除", hid="I01d", 人均纯收入="7000", village="西关村")
            + household("已消除", hid="I01e", 人均纯收入="9000", village="南关村")  # non-numeric row: 7300
            + household("已消除", hid="I01f", 人均纯收入="9000", town="王安镇", village="西关村")  # < 20000
            + household("已消除", hid="I01g", 人均纯收入="8000", village="北关村"))  # ambiguous: 7300
    found = audit(rows, config=cfg, extra={"行政村表": VILLAGES}, rules={"I01"})
    assert found.households("I01") == {"I01a", "I01d", "I01f"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I01")}
    assert notes["I01a"] == "人均纯收入 9000 低于行政村表中本村农民人均纯收入 9500，风险消除方式却为 帮扶消除"
    assert "监测线 7300" in notes["I01d"]


def test_I01_village_table_ignored_when_threshold_source_is_the_parameter(audit):
    rows = household("已消除", hid="I01a", 人均纯收入="9000", village="东关村")
    found = audit(rows, extra={"行政村表": VILLAGES}, rules={"I01"})
    assert found.households("I01") == set()


# ---- I02 ---------------------------------------------------------------------------------------

def test_I02_removed_although_nobody_can_work(audit):
    rows = (household("已消除", hid="I02a", members=unable_members())
            + household("已消除", hid="I02b", members=unable_members(), 风险消除方式="自然消除")  # any method
            + household("已消除", hid="I02c", members=[*unable_members(), pupil(劳动技能="弱劳动力或半劳动力")])
            + household("已消除", hid="I02d", members=[*unable_members(), pupil(劳动技能="")])  # blank: not all unable
            + household("监测户", hid="I02e", members=unable_members())  # not removed
            + household("已消除", hid="I02f", members=[person(劳动技能="无劳动能力")]))  # variant → 无劳动力
    found = audit(rows, rules={"I02"})
    assert found.households("I02") == {"I02a", "I02b", "I02f"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I02")}
    assert notes["I02a"] == "已消除风险（帮扶消除），但全户 2 人均无劳动力：丧失劳动力 1 人、无劳动力 1 人"


def test_I02_inactive_members_do_not_count(audit):
    rows = household("已消除", hid="I02a",
                     members=[person(劳动技能="无劳动力", 成员状态="正常"),
                              spouse(劳动技能="普通劳动力", 成员状态="死亡")])
    found = audit(rows, rules={"I02"})
    assert found.households("I02") == {"I02a"}


def test_I02_labour_values_are_a_parameter(audit):
    rows = household("已消除", hid="I02a", members=unable_members())
    found = audit(rows, config=config(i02_labour=["无劳动力"]), rules={"I02"})
    assert found.households("I02") == set()


# ---- I03 ---------------------------------------------------------------------------------------

def test_I03_unremoved_unable_household_not_marked(audit):
    rows = (household("监测户", hid="I03a", members=unable_members())
            + household("监测户", hid="I03b", members=unable_members(), 整户无劳动能力兜底保障户="")
            + household("监测户", hid="I03c", members=unable_members(), 整户无劳动能力兜底保障户="是")
            + household("已消除", hid="I03d", members=unable_members())  # removed: I02's business
            + household("脱贫户", hid="I03e", members=unable_members())  # not monitored
            + household("监测户", hid="I03f", members=[*unable_members(), pupil(劳动技能="")]))
    found = audit(rows, rules={"I03"})
    assert found.households("I03") == {"I03a", "I03b"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I03")}
    assert notes["I03a"] == "未消除风险，全户 2 人劳动技能均为无劳动力或丧失劳动力，但整户无劳动能力兜底保障户为 否"
    assert notes["I03b"].endswith("整户无劳动能力兜底保障户为空")


def test_I03_require_welfare(audit):
    welfare = [person(劳动技能="无劳动力", 享受低保政策情况="农村低保"), spouse(劳动技能="丧失劳动力")]
    tekun = [person(劳动技能="无劳动力", 享受特困供养政策情况="城市特困"), spouse(劳动技能="丧失劳动力")]
    blank = [person(劳动技能="无劳动力", 享受低保政策情况=""), spouse(劳动技能="丧失劳动力", 享受低保政策情况="")]
    rows = (household("监测户", hid="I03a", members=welfare) + household("监测户", hid="I03b", members=tekun)
            + household("监测户", hid="I03c", members=unable_members())  # all 不享受
            + household("监测户", hid="I03d", members=blank))
    found = audit(rows, config=config(i03_require_welfare=True), rules={"I03"})
    assert found.households("I03") == {"I03a", "I03b"}


# ---- I04 ---------------------------------------------------------------------------------------

def test_I04_removed_before_identified(audit):
    rows = (household("已消除", hid="I04a", 识别监测时间="202310", 消除监测时间="202309")
            + household("已消除", hid="I04b", 识别监测时间="202310", 消除监测时间="202310")  # same month
            + household("已消除", hid="I04c", 识别监测时间="2023-10", 消除监测时间="202309.0")  # other formats
            + household("已消除", hid="I04d", 识别监测时间="2023年13月", 消除监测时间="202309")  # unparseable
            + household("已消除", hid="I04e", 识别监测时间="202401", 消除监测时间="2023-12-31"))
    found = audit(rows, rules={"I04"})
    assert found.households("I04") == {"I04a", "I04c", "I04e"}
    f = {x["户编号"]: x for x in found.of("I04")}
    assert f["I04a"]["说明"] == "消除监测时间 202309 早于识别监测时间 202310"
    assert f["I04a"]["问题字段"] == "识别监测时间、消除监测时间"


# ---- I05 / I06 ---------------------------------------------------------------------------------

def _months(hid: str, ident: str, removed: str, **over) -> list[dict]:
    return household("已消除", hid=hid, 识别监测时间=ident, 消除监测时间=removed, **over)


def test_I05_removed_in_the_month_of_identification_or_the_next(audit):
    rows = (_months("d0", "202403", "202403") + _months("d1", "202312", "202401")  # across a year
            + _months("d2", "202402", "202404") + _months("dneg", "202404", "202403")
            + _months("nat", "202403", "202403", 风险消除方式="自然消除")
            + _months("bad", "202403", "2024.1"))
    found = audit(rows, rules={"I05"})
    assert found.households("I05") == {"d0", "d1"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I05")}
    assert notes["d0"] == "识别监测时间 202403，消除监测时间 202403，相差 0 个月即帮扶消除（当月消除）"
    assert notes["d1"] == "识别监测时间 202312，消除监测时间 202401，相差 1 个月即帮扶消除"


def test_I05_I06_split_follows_i05_max_months(audit):
    rows = _months("d1", "202401", "202402") + _months("d2", "202401", "202403") + _months("d3", "202401", "202404")
    found = audit(rows, config=config(i05_max_months=2), rules={"I05", "I06"})
    assert found.households("I05") == {"d1", "d2"}
    assert found.households("I06") == {"d3"}


def test_I06_removed_within_six_months(audit):
    rows = (_months("d1", "202401", "202402") + _months("d2", "202401", "202403")
            + _months("d5", "202311", "202404") + _months("d6", "202310", "202404")  # 6: stable enough
            + _months("nat", "202401", "202404", 风险消除方式="自然消除"))
    found = audit(rows, rules={"I06"})
    assert found.households("I06") == {"d2", "d5"}
    notes = {x["户编号"]: x["说明"] for x in found.of("I06")}
    assert notes["d5"] == "识别监测时间 202311，消除监测时间 202404，相差 5 个月即帮扶消除，收入稳定期不足 6 个月"


# ---- I07 ---------------------------------------------------------------------------------------

def test_I07_post_removal_fields_blank(audit):
    by_member = household("已消除", hid="I07c")
    for r in by_member[1:]:
        r["住房安全保障"] = ""  # filled in one row only (按成员填报): not blank in the household
    rows = (household("已消除", hid="I07a", 风险消除后工资性收入="", 住房安全保障="")
            + household("已消除", hid="I07b", 风险消除后财产性收入="0")  # 0 is filled
            + by_member
            + household("监测户", hid="I07d", 风险消除后工资性收入="", 住房安全保障="")  # not removed
            + household("已消除", hid="I07e", **{m: "" for m in ("义务教育保障", "住房安全保障", "饮水安全保障")}))
    found = audit(rows, rules={"I07"})
    assert found.households("I07") == {"I07a", "I07e"}
    f = {x["户编号"]: x for x in found.of("I07")}
    assert f["I07a"]["问题字段"] == "风险消除后工资性收入、住房安全保障"
    assert f["I07a"]["说明"] == "已消除风险，但以下字段在户内均为空：风险消除后工资性收入、住房安全保障"
    assert f["I07e"]["问题字段"] == "义务教育保障、住房安全保障、饮水安全保障"


def test_I07_only_fields_the_export_has(audit):
    rows = (household("已消除", hid="I07a", 风险消除后工资性收入="")
            + household("已消除", hid="I07b"))
    rows = drop(rows, "风险消除后转移性收入", "义务教育保障", "住房安全保障", "饮水安全保障")
    found = audit(rows, rules={"I07"})
    assert found.households("I07") == {"I07a"}
    assert found.of("I07")[0]["问题字段"] == "风险消除后工资性收入"


def test_I07_not_run_without_post_removal_income_columns(audit):
    rows = drop(household("已消除", hid="I07a", 住房安全保障=""), "风险消除后工资性收入", "风险消除后财产性收入",
                "风险消除后转移性收入", "风险消除后生产经营性收入")
    found = audit(rows)
    assert "I07" in found.skipped()
    assert found.households("I07") == set()


# ---- I08 ---------------------------------------------------------------------------------------

def test_I08_post_removal_dropout(audit):
    rows = (household("已消除", hid="I08a", 风险消除后是否义务教育阶段适龄儿童少年失学辍学="是")
            + household("已消除", hid="I08b", 风险消除后是否义务教育阶段适龄儿童少年失学辍学="否",
                        是否义务教育阶段适龄儿童少年失学辍学="是")
            # the post-removal column exists but is blank: no fallback to the other column
            + household("已消除", hid="I08c", 风险消除后是否义务教育阶段适龄儿童少年失学辍学="",
                        是否义务教育阶段适龄儿童少年失学辍学="是")
            + household("监测户", hid="I08d", 风险消除后是否义务教育阶段适龄儿童少年失学辍学="是"))
    found = audit(rows, rules={"I08"})
    assert found.households("I08") == {"I08a"}
    f = found.of("I08")[0]
    assert f["问题字段"] == "风险消除后是否义务教育阶段适龄儿童少年失学辍学"
    assert f["说明"] == "已消除风险，但风险消除后是否义务教育阶段适龄儿童少年失学辍学 为 是"


def test_I08_falls_back_when_the_post_removal_column_is_missing(audit):
    rows = (household("已消除", hid="I08a", 是否义务教育阶段适龄儿童少年失学辍学="是")
            + household("已消除", hid="I08b", 是否义务教育阶段适龄儿童少年失学辍学="否"))
    found = audit(drop(rows, "风险消除后是否义务教育阶段适龄儿童少年失学辍学"), rules={"I08"})
    assert found.households("I08") == {"I08a"}
    assert found.of("I08")[0]["问题字段"] == "是否义务教育阶段适龄儿童少年失学辍学"


def test_I08_not_run_without_either_column(audit):
    rows = drop(household("已消除", hid="I08a"), "风险消除后是否义务教育阶段适龄儿童少年失学辍学",
                "是否义务教育阶段适龄儿童少年失学辍学")
    found = audit(rows)
    assert "I08" in found.skipped()


# ---- I09 / I10 ---------------------------------------------------------------------------------

def test_I09_removed_in_unsafe_house(audit):
    rows = (household("已消除", hid="I09a", 是否危房户="是") + household("已消除", hid="I09b", 是否危房户="")
            + household("已消除", hid="I09c", 是否危房户="否") + household("监测户", hid="I09d", 是否危房户="是"))
    found = audit(rows, rules={"I09"})
    assert found.households("I09") == {"I09a"}
    assert found.of("I09")[0]["说明"] == "已消除风险，但是否危房户为 是（住房不安全）"


def test_I10_removed_without_safe_water(audit):
    rows = (household("已消除", hid="I10a", 是否解决安全饮用水="否")
            + household("已消除", hid="I10b", 是否解决安全饮用水="")
            + household("监测户", hid="I10c", 是否解决安全饮用水="否"))
    found = audit(rows, rules={"I10"})
    assert found.households("I10") == {"I10a"}


def test_I10_inverse_water_column(audit):
    rows = (household("已消除", hid="I10a", 是否饮水出现安全问题="是")
            + household("已消除", hid="I10b", 是否饮水出现安全问题="否"))
    found = audit(drop(rows, "是否解决安全饮用水"), rules={"I10"})
    assert found.households("I10") == {"I10a"}
    f = found.of("I10")[0]
    assert (f["问题字段"], f["当前值"]) == ("是否饮水出现安全问题", "是")


# ---- I11 ---------------------------------------------------------------------------------------

def test_I11_member_without_basic_medical_insurance(audit):
    members = [person(name="张一"),
               spouse(name="李二", 是否参加城乡居民基本医疗保险="否"),
               pupil(name="张三", 是否参加城乡居民基本医疗保险="否", 是否参加城镇职工基本医疗保险="是"),
               pupil(name="张四", birth="20120601", 是否参加城乡居民基本医疗保险="", 是否参加城镇职工基本医疗保险="")]
    rows = (household("已消除", hid="I11a", members=members)
            + household("监测户", hid="I11b", members=[person(是否参加城乡居民基本医疗保险="否")])
            + household("已消除", hid="I11c", members=[person(是否参加城乡居民基本医疗保险="是",
                                                             是否参加城镇职工基本医疗保险="")]))
    found = audit(rows, rules={"I11"})
    assert found.households("I11") == {"I11a"}
    assert found.of("I11")[0]["说明"] == ("已消除风险，但有 2 名成员未参加基本医疗保险："
                                         "李二（城乡居民医保为 否，城镇职工医保为 否）、"
                                         "张四（城乡居民医保为空，城镇职工医保为空）")


def test_I11_without_the_employee_insurance_column(audit):
    rows = (household("已消除", hid="I11a", members=[person(), spouse(是否参加城乡居民基本医疗保险="否")])
            + household("已消除", hid="I11b"))
    found = audit(drop(rows, "是否参加城镇职工基本医疗保险"), rules={"I11"})
    assert found.households("I11") == {"I11a"}


# ---- I12 ---------------------------------------------------------------------------------------

def test_I12_removed_by_assistance_without_measures(audit):
    rows = (household("已消除", hid="I12a", **NO_MEASURES)
            + household("已消除", hid="I12b", 实施开发式帮扶措施情况="尚未实施")
            + household("已消除", hid="I12c", 实施开发式帮扶措施情况="")
            + household("已消除", hid="I12d", **{**NO_MEASURES, "实施开发式帮扶措施情况": "尚未实施"})
            + household("已消除", hid="I12e", **NO_MEASURES, 风险消除方式="自然消除")
            + household("已消除", hid="I12f", **{**NO_MEASURES, "搬迁": "易地搬迁"})
            + household("监测户", hid="I12g", **NO_MEASURES))
    found = audit(rows, rules={"I12"})
    assert found.households("I12") == {"I12a", "I12b", "I12c", "I12d"}
    f = {x["户编号"]: x for x in found.of("I12")}
    assert f["I12a"]["说明"] == "子类：无任何帮扶措施（帮扶消除，但导出中的帮扶措施列在户内均为空）"
    assert f["I12a"]["问题字段"] == "风险消除方式"
    assert f["I12b"]["说明"] == "子类：开发式帮扶措施未实施（帮扶消除，但实施开发式帮扶措施情况为 尚未实施）"
    assert f["I12b"]["问题字段"] == "实施开发式帮扶措施情况"
    assert f["I12c"]["说明"] == "子类：开发式帮扶措施未实施（帮扶消除，但实施开发式帮扶措施情况为空）"
    assert f["I12d"]["说明"].startswith("子类：无任何帮扶措施") and "；子类：开发式帮扶措施未实施" in f["I12d"]["说明"]


def test_I12_development_status_only_when_the_export_has_it(audit):
    rows = household("已消除", hid="I12a") + household("已消除", hid="I12b", **NO_MEASURES)
    found = audit(drop(rows, "实施开发式帮扶措施情况"), rules={"I12"})
    assert found.households("I12") == {"I12b"}


def test_I12_only_the_measure_columns_the_export_has(audit):
    kept = ("健康帮扶", "综合保障")
    rows = (household("已消除", hid="I12a", **{**NO_MEASURES, "健康帮扶": "医疗救助"})
            + household("已消除", hid="I12b", **NO_MEASURES))
    found = audit(drop(rows, *(m for m in MEASURES if m not in kept)), rules={"I12"})
    assert found.households("I12") == {"I12b"}


# ---- I13 ---------------------------------------------------------------------------------------

def test_I13_contact_blank(audit):
    rows = (household("已消除", hid="I13a", 信息采集人="") + household("已消除", hid="I13b", 信息采集人联系电话="")
            + household("已消除", hid="I13c", 信息采集人="", 信息采集人联系电话="")
            + household("监测户", hid="I13d", 信息采集人="", 信息采集人联系电话=""))
    found = audit(rows, rules={"I13"})
    assert found.households("I13") == {"I13a", "I13b", "I13c"}
    f = {x["户编号"]: x for x in found.of("I13")}
    assert (f["I13a"]["问题字段"], f["I13a"]["说明"]) == ("信息采集人", "已消除风险，但监测联系人（信息采集人）为空")
    assert f["I13b"]["问题字段"] == "信息采集人联系电话"
    assert f["I13c"]["问题字段"] == "信息采集人、信息采集人联系电话"


def test_I13_not_run_without_the_contact_column(audit):
    found = audit(drop(household("已消除", hid="I13a"), "信息采集人"))
    assert "I13" in found.skipped()


# ---- I14 ---------------------------------------------------------------------------------------

def test_I14_subclasses(audit):
    rows = (household("监测户", hid="a_blank", 风险是否已消除="")
            + household("监测户", hid="a_bad", 风险是否已消除="已消除")
            + household("已消除", hid="b", 风险消除方式="")
            + household("已消除", hid="b2", 风险消除方式="", 消除监测时间="")
            + household("监测户", hid="c", 消除监测时间="202404")
            + household("已消除", hid="d", 风险消除方式="帮扶脱贫")
            + household("已消除", hid="e_late", 消除监测时间="202407")
            + household("已消除", hid="e_bad", 消除监测时间="202413")
            + household("已消除", hid="ok_now", 消除监测时间="202406")  # the report month itself
            + household("已消除", hid="ok_var", 风险消除方式="自然消失")  # variant → 自然消除
            + household("已消除", hid="ok_fmt", 消除监测时间="2024年4月")
            + household("脱贫户", hid="ok_not_monitored", 风险是否已消除="", 风险消除方式="帮扶脱贫"))
    found = audit(rows, rules={"I14"})
    assert found.households("I14") == {"a_blank", "a_bad", "b", "b2", "c", "d", "e_late", "e_bad"}
    f = {x["户编号"]: x for x in found.of("I14")}
    assert (f["a_blank"]["问题字段"], f["a_blank"]["说明"]) == ("风险是否已消除", "(a) 风险是否已消除为空")
    assert f["a_bad"]["说明"] == "(a) 风险是否已消除为 已消除，不是 是/否"
    assert (f["b"]["问题字段"], f["b"]["说明"]) == ("风险消除方式", "(b) 风险已消除，但风险消除方式为空")
    assert f["b2"]["问题字段"] == "风险消除方式、消除监测时间"
    assert f["b2"]["说明"] == "(b) 风险已消除，但风险消除方式和消除监测时间均为空"
    assert (f["c"]["问题字段"], f["c"]["说明"]) == ("消除监测时间", "(c) 风险未消除，却填写了消除监测时间 202404")
    assert (f["d"]["问题字段"], f["d"]["说明"]) == ("风险消除方式", "(d) 风险消除方式 帮扶脱贫 不是 帮扶消除/自然消除")
    assert f["e_late"]["说明"] == "(e) 消除监测时间 202407 晚于报告月"
    assert f["e_bad"]["说明"] == "(e) 消除监测时间 202413 无法识别为年月"


def test_I14_several_subclasses_at_once(audit):
    rows = household("监测户", hid="c_d", 风险消除方式="帮扶脱贫", 消除监测时间="202499")
    found = audit(rows, rules={"I14"})
    f = found.of("I14")[0]
    assert f["问题字段"] == "风险消除方式、消除监测时间"
    assert f["说明"] == ("(c) 风险未消除，却填写了风险消除方式 帮扶脱贫 和消除监测时间 202499；"
                       "(d) 风险消除方式 帮扶脱贫 不是 帮扶消除/自然消除；(e) 消除监测时间 202499 无法识别为年月")


# ---- I15 ---------------------------------------------------------------------------------------

def test_I15_risk_without_a_matching_measure(audit):
    no_health = {"健康帮扶": "", "社会帮扶": "", "综合保障": ""}
    no_school = {"教育帮扶": "", "义务教育保障": "", "社会帮扶": ""}
    rows = (household("已消除", hid="a", **no_health)  # factory risk: 因病
            + household("已消除", hid="a_ok", **{**no_health, "综合保障": "农村低保"})
            + household("已消除", hid="b", **{"致贫/返贫风险1": "因学"}, **no_school)
            + household("已消除", hid="b_ok", **{"致贫/返贫风险1": "因学", **no_school, "社会帮扶": "结对帮扶"})
            + household("已消除", hid="ab", **{"致贫/返贫风险1": "因学", "致贫/返贫风险2": "因病"},
                        **{**no_health, **no_school})
            + household("已消除", hid="nat", **no_health, 风险消除方式="自然消除")
            + household("已消除", hid="other", **{"致贫/返贫风险1": "因残"}, **no_health))
    found = audit(rows, rules={"I15"})
    assert found.households("I15") == {"a", "b", "ab"}
    f = {x["户编号"]: x for x in found.of("I15")}
    assert f["a"]["说明"] == "帮扶消除，但(a) 风险含 因病，健康帮扶、社会帮扶、综合保障在户内均为空"
    assert f["a"]["问题字段"] == "健康帮扶、社会帮扶、综合保障"
    assert f["b"]["说明"] == "帮扶消除，但(b) 风险含 因学，教育帮扶、义务教育保障、社会帮扶在户内均为空"
    assert f["ab"]["问题字段"] == "健康帮扶、社会帮扶、综合保障、教育帮扶、义务教育保障"


def test_I15_missing_columns_count_as_blank(audit):
    rows = household("已消除", hid="a") + household("已消除", hid="b", **{"致贫/返贫风险1": "因学"})
    found = audit(drop(rows, "健康帮扶", "社会帮扶", "综合保障"), rules={"I15"})
    assert found.households("I15") == {"a"}
