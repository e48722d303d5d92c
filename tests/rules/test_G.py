"""Group G: income (G01–G14; G15 needs the comparison export and belongs to the history work).

Every test starts from the clean households of tests/factory.py (3 members unless said otherwise:
head, spouse, pupil; 脱贫户 人均纯收入 12000, 家庭纯收入 36000; 监测户 人均 6000, 合规自付支出 3000)
and changes the one thing the rule is about. Test period 2024-06 (income line 7300).
"""

from factory import drop, household, person, pupil, spouse
from portable import rows_on_both

from auditor.config import Config


def config(**params) -> Config:
    return Config().with_params(**params)




# ---- G01 家庭纯收入计算错误 -------------------------------------------------------------------------

def test_G01_net_income_beyond_tolerance(audit):
    rows = (household(hid="G01-2", 家庭纯收入="36002")          # differs by 2
            + household(hid="G01-101", 家庭纯收入="35998.99")   # differs by 1.01
            + household(hid="G01-1", 家庭纯收入="36001")        # differs by exactly 1 = tolerance
            + household(hid="G01-0", 家庭纯收入="36,000元")      # thousands separator and 元 parse
            + household(hid="G01-blank", 财产性收入="")          # an item blank: not judged (G04)
            + household(hid="G01-text", 转移性收入="三千"))       # an item not numeric: not judged (G03)
    found = audit(rows, rules={"G01"})
    assert found.households("G01") == {"G01-2", "G01-101"}
    assert found.one("G01", "G01-2")["说明"] == (
        "工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出 = 36000 元，"
        "家庭纯收入填报 36002 元，相差 2 元（容差 1 元）")
    assert "相差 1.01 元" in found.one("G01", "G01-101")["说明"]
    assert found.one("G01", "G01-2")["问题字段"] == "工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出、家庭纯收入"


def test_G01_tolerance_parameter_and_huge_values(audit):
    rows = (household(hid="G01-2", 家庭纯收入="36002")
            + household(hid="G01-huge", 工资性收入="1e31"))  # DECIMAL would overflow: computed as DOUBLE
    found = audit(rows, config=config(income_tolerance=5), rules={"G01"})
    assert found.households("G01") == {"G01-huge"}


# ---- G02 人均纯收入计算错误 -------------------------------------------------------------------------

def test_G02_per_capita_from_net_income(audit):
    rows = (household(hid="G02-2", 人均纯收入="11998")               # 36000 ÷ 3 = 12000, differs by 2
            + household(hid="G02-1", 人均纯收入="11999")             # differs by exactly 1: not flagged
            + household(hid="G02-101", 家庭纯收入="36003.03", 人均纯收入="12000")  # 12001.01: by 1.01
            + household(hid="G02-100", 家庭纯收入="36003", 人均纯收入="12000")     # 12001: by 1
            + household(hid="G02-blank", 人均纯收入="")              # not judged
            + household(hid="G02-text", 人均纯收入="一万二"))         # not judged
    found = audit(rows, rules={"G02"})
    assert found.households("G02") == {"G02-2", "G02-101"}
    assert found.one("G02", "G02-2")["说明"] == (
        "家庭纯收入 36000 元 ÷ 家庭人口数 3 = 12000 元，人均纯收入填报 11998 元，相差 2 元（容差 1 元）")
    assert found.one("G02", "G02-2")["问题字段"] == "人均纯收入、家庭纯收入、家庭人口数"


def test_G02_net_income_from_items_when_blank(audit):
    rows = (household(hid="G02-sum", 家庭纯收入="", 人均纯收入="11000")    # N = 四项 − 支出 = 36000
            + household(hid="G02-sum-ok", 家庭纯收入="")                   # 36000 ÷ 3 = 12000: fine
            + household(hid="G02-none", 家庭纯收入="", 财产性收入="", 人均纯收入="11000"))  # no N: not judged
    found = audit(rows, rules={"G02"})
    assert found.households("G02") == {"G02-sum"}
    assert found.one("G02", "G02-sum")["问题字段"] == (
        "人均纯收入、工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出、家庭人口数")
    assert found.one("G02", "G02-sum")["说明"].startswith("家庭纯收入为空或非数值，按四项收入 − 生产经营性支出 = 36000 元")


def test_G02_household_size_falls_back_to_rows(audit):
    rows = (household(hid="G02-P4", 家庭人口数="4")       # P = 4: 36000 ÷ 4 = 9000 ≠ 12000
            + household(hid="G02-P0", 家庭人口数="0")      # not a positive integer: P = 3 rows
            + household(hid="G02-Pblank", 家庭人口数="")   # blank: P = 3 rows
            + household(hid="G02-Pfrac", 家庭人口数="2.5")  # not an integer: P = 3 rows
            + household(hid="G02-P3.0", 家庭人口数="3.0"))  # integer 3
    found = audit(rows, rules={"G02"})
    assert found.households("G02") == {"G02-P4"}
    rows = household(hid="G02-rows", 家庭人口数="", 人均纯收入="9000")
    found = audit(rows, rules={"G02"})
    assert found.households("G02") == {"G02-rows"}
    assert "÷ 成员行数 3（家庭人口数为空）" in found.one("G02", "G02-rows")["说明"]


def test_G02_runs_without_optional_columns(audit):
    rows = drop(household(hid="G02-x", 人均纯收入="11000"), "家庭纯收入", "家庭人口数")
    found = audit(rows, rules={"G02"})
    assert found.households("G02") == {"G02-x"}


# ---- G03 收入项为负数或非数值 ------------------------------------------------------------------------

def test_G03_non_numeric_and_negative(audit):
    rows = (household(hid="G03-text", 工资性收入="两万")
            + household(hid="G03-neg", 转移性收入="-5")
            + household(hid="G03-net", 家庭纯收入="-100", 人均纯收入="-33.3")   # allowed to be negative
            + household(hid="G03-ok", 工资性收入="¥21,000元", 财产性收入="0", 年总收入=""))
    one = household(hid="G03-row")
    one[2]["合规自付支出"] = "x"  # only the third member's cell
    found = audit(rows + one, rules={"G03"})
    assert found.households("G03") == {"G03-text", "G03-neg", "G03-row"}
    assert found.one("G03", "G03-text")["问题字段"] == "工资性收入"
    assert found.one("G03", "G03-text")["说明"] == "工资性收入“两万”无法解析为金额（第 2 行等 3 行）"
    assert found.one("G03", "G03-neg")["说明"] == "转移性收入“-5”为负数（第 5 行等 3 行）"
    assert found.one("G03", "G03-row")["说明"] == "合规自付支出“x”无法解析为金额（第 16 行）"


def test_G03_lists_every_field(audit):
    rows = household(hid="G03-2", 工资性收入="-1", 风险消除后财产性收入="n/a")
    found = audit(rows, rules={"G03"})
    assert found.one("G03", "G03-2")["问题字段"] == "工资性收入、风险消除后财产性收入"
    assert found.one("G03", "G03-2")["说明"] == (
        "工资性收入“-1”为负数（第 2 行等 3 行）；风险消除后财产性收入“n/a”无法解析为金额（第 2 行等 3 行）")


def test_G03_allow_negative_parameter(audit):
    rows = household(hid="G03-net", 家庭纯收入="-100")
    assert audit(rows, rules={"G03"}).households("G03") == set()
    assert audit(rows, config=config(g03_allow_negative=[]), rules={"G03"}).households("G03") == {"G03-net"}


# ---- G04 收入支出关键信息缺失 ------------------------------------------------------------------------

def test_G04_blank_income_items(audit):
    rows = (household(hid="G04-tp", 财产性收入="")                      # 脱贫户
            + household("监测户", hid="G04-jc", 户类型="一般农户", 监测对象类别="边缘易致贫户",
                        人均纯收入="", 家庭纯收入="")                     # 监测户 (not 脱贫户)
            + household("一般农户", hid="G04-other", 财产性收入="")        # neither: not judged
            + household(hid="G04-zero", 财产性收入="0", 生产经营性支出="0"))  # 0 is not missing
    part = household(hid="G04-part", 工资性收入="")
    part[1]["工资性收入"] = "20000"  # filled in one active row: the 户值 is not blank
    found = audit(rows + part, rules={"G04"})
    assert found.households("G04") == {"G04-tp", "G04-jc"}
    assert found.one("G04", "G04-jc")["问题字段"] == "人均纯收入、家庭纯收入"
    assert found.one("G04", "G04-jc")["说明"] == (
        "监测户的收入支出信息缺失：人均纯收入、家庭纯收入 为空（户内所有成员行均未填写；填 0 不算缺失）")
    assert found.one("G04", "G04-tp")["说明"].startswith("脱贫户的收入支出信息缺失：财产性收入 为空")


def test_G04_only_fields_the_export_has(audit):
    rows = drop(household(hid="G04-a") + household(hid="G04-b", 转移性收入=""), "家庭纯收入")
    found = audit(rows, rules={"G04"})
    assert found.households("G04") == {"G04-b"}
    assert found.one("G04", "G04-b")["问题字段"] == "转移性收入"


def test_G04_not_run_without_type_columns_or_income_columns(audit):
    rows = drop(household(hid="G04-a", 财产性收入=""), "户类型", "监测对象类别")
    found = audit(rows)
    assert "G04" in found.skipped() and found.of("G04") == []
    money = ("工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "生产经营性支出", "人均纯收入", "家庭纯收入")
    found = audit(drop(household(hid="G04-b"), *money))
    assert "G04" in found.skipped()


# ---- G05 识别时工资性收入填写不合理 -----------------------------------------------------------------

def test_G05_small_wage(audit):
    rows = (household("监测户", hid="G05-50", 工资性收入="50")
            + household("监测户", hid="G05-99.99", 工资性收入="99.99")
            + household("监测户", hid="G05-100", 工资性收入="100")   # at the limit: fine
            + household("监测户", hid="G05-0", 工资性收入="0")       # 0 is not 0 < x
            + household("监测户", hid="G05-blank", 工资性收入="")
            + household("已消除", hid="G05-done", 工资性收入="50")    # removed: not judged
            + household(hid="G05-tp", 工资性收入="50"))               # not monitored
    found = audit(rows, rules={"G05"})
    assert found.households("G05") == {"G05-50", "G05-99.99"}
    assert {f["当前值"] for f in found.of("G05")} == {"50", "99.99"}


def test_G05_low_wage_parameter(audit):
    rows = household("监测户", hid="G05-150", 工资性收入="150")
    assert audit(rows, rules={"G05"}).households("G05") == set()
    found = audit(rows, config=config(low_wage=200), rules={"G05"})
    assert found.households("G05") == {"G05-150"}
    assert found.of("G05")[0]["说明"] == "未消除风险的监测户工资性收入大于 0 但低于 200 元，疑似填写不合理"


# ---- G06 识别时人均纯收入高于20000元 ----------------------------------------------------------------

def test_G06_high_income_identified_since_2023(audit):
    rows = (household("监测户", hid="G06-hi", 识别监测时间="202301", 人均纯收入="20000.01")
            + household("监测户", hid="G06-at", 识别监测时间="202301", 人均纯收入="20000")   # not above
            + household("监测户", hid="G06-old", 识别监测时间="202212", 人均纯收入="25000")  # before 202301
            + household("已消除", hid="G06-done", 识别监测时间="2023-05", 人均纯收入="25000")  # still 监测户
            + household("监测户", hid="G06-bad", 识别监测时间="", 人均纯收入="25000")       # month unknown
            + household(hid="G06-tp", 人均纯收入="25000"))                                 # not monitored
    found = audit(rows, rules={"G06"})
    assert found.households("G06") == {"G06-hi", "G06-done"}
    assert found.one("G06", "G06-hi")["说明"] == "识别监测时间 202301（202301 及以后识别），人均纯收入 20000.01 元，高于 20000 元"


def test_G06_parameters(audit):
    rows = household("监测户", hid="G06-old", 识别监测时间="202212", 人均纯收入="15000")
    assert audit(rows, rules={"G06"}).households("G06") == set()
    found = audit(rows, config=config(g06_since=202212, high_income=14999), rules={"G06"})
    assert found.households("G06") == {"G06-old"}


# ---- G07 脱贫户人均纯收入低于监测线但未纳入监测 ----------------------------------------------------

def test_G07_below_line_not_monitored(audit):
    rows = (household(hid="G07-below", 人均纯收入="7299.99")
            + household(hid="G07-at", 人均纯收入="7300")                  # at the line: fine
            + household(hid="G07-blank", 人均纯收入="")
            + household(hid="G07-text", 人均纯收入="七千")
            + household("监测户", hid="G07-jc", 人均纯收入="6000")         # monitored
            + household("一般农户", hid="G07-ordinary", 人均纯收入="6000"))  # not 脱贫户
    found = audit(rows, rules={"G07"})
    assert found.households("G07") == {"G07-below"}
    assert found.of("G07")[0]["当前值"] == "7299.99"
    assert "低于报告期监测收入线 7300 元，" in found.of("G07")[0]["说明"]  # the amount, not the parameter's name


def test_G07_threshold_schedule(audit):
    rows = household(hid="G07-7500", 人均纯收入="7500")
    assert audit(rows, rules={"G07"}).households("G07") == set()
    later = config(threshold_schedule=["2022-04-16:7300", "2024-06-30:7600"])  # in force on ref_date
    assert audit(rows, config=later, rules={"G07"}).households("G07") == {"G07-7500"}
    none = config(threshold_schedule=["2024-07-01:9000"])  # no line in force: not judged
    assert audit(household(hid="G07-low", 人均纯收入="100"), config=none, rules={"G07"}).households("G07") == set()


# ---- G08 收入高于监测范围且非突发严重困难户而被识别 -------------------------------------------------

def test_G08_adjusted_income_at_or_above_line(audit):
    # 合规自付支出 3000 ÷ 3 persons = 1000 deducted.
    rows = (household("监测户", hid="G08-at", 人均纯收入="8300")           # 7300: at the line
            + household("监测户", hid="G08-below", 人均纯收入="8299.99")   # 7299.99
            + household("监测户", hid="G08-edge", 人均纯收入="8300", 监测对象类别="边缘易致贫户",
                        户类型="一般农户")
            + household("监测户", hid="G08-sudden", 人均纯收入="9000", 监测对象类别="突发严重困难户")
            + household("已消除", hid="G08-done", 人均纯收入="9000")
            + household("监测户", hid="G08-blank", 人均纯收入=""))
    found = audit(rows, rules={"G08"})
    assert found.households("G08") == {"G08-at", "G08-edge"}
    assert found.one("G08", "G08-at")["说明"] == (
        "人均纯收入 8300 元，扣除合规自付支出 3000 元 ÷ 家庭人口数 3 后为 7300 元，不低于监测收入线 7300 元，"
        "监测对象类别却为脱贫不稳定户或边缘易致贫户（非突发严重困难户）")


def test_G08_expense_blank_or_text_counts_as_0(audit):
    rows = (household("监测户", hid="G08-blank", 合规自付支出="", 人均纯收入="7300")
            + household("监测户", hid="G08-text", 合规自付支出="无", 人均纯收入="7300")
            + household("监测户", hid="G08-low", 合规自付支出="", 人均纯收入="7299"))
    found = audit(rows, rules={"G08"})
    assert found.households("G08") == {"G08-blank", "G08-text"}
    assert found.one("G08", "G08-blank")["说明"].startswith("人均纯收入 7300 元，不低于监测收入线 7300 元")


def test_G08_household_size(audit):
    # 8500 − 3000 ÷ P: P = 3 rows → 7500 (flag); 家庭人口数 2 → 7000 (fine).
    rows = (household("监测户", hid="G08-P2", 人均纯收入="8500", 家庭人口数="2")
            + household("监测户", hid="G08-rows", 人均纯收入="8500", 家庭人口数="两人"))
    found = audit(rows, rules={"G08"})
    assert found.households("G08") == {"G08-rows"}


def test_G08_deduction_can_be_switched_off(audit):
    rows = household("监测户", hid="G08-8000", 人均纯收入="8000")  # 8000 − 1000 = 7000 < 7300
    assert audit(rows, rules={"G08"}).households("G08") == set()
    assert audit(rows, config=config(g08_deduct_expense=False), rules={"G08"}).households("G08") == {"G08-8000"}


def test_G08_no_line_configured(audit):
    rows = household("监测户", hid="G08-hi", 人均纯收入="50000")
    assert audit(rows, config=config(threshold_schedule=["2025-01-01:8000"]), rules={"G08"}).households("G08") == set()


# ---- G09 因病风险但合规自付支出为零 -----------------------------------------------------------------

def test_G09_illness_without_expense(audit):
    rows = (household("监测户", hid="G09-blank", 合规自付支出="")
            + household("监测户", hid="G09-zero", 合规自付支出="0.00")
            + household("监测户", hid="G09-risk2", 合规自付支出="0", **{"致贫/返贫风险1": "因学",
                                                                       "致贫/返贫风险2": "因病"})
            + household("监测户", hid="G09-text", 合规自付支出="不详")    # neither blank nor 0
            + household("监测户", hid="G09-some", 合规自付支出="1")
            + household("监测户", hid="G09-school", 合规自付支出="0", **{"致贫/返贫风险1": "因学"})
            + household("已消除", hid="G09-done", 合规自付支出="0"))
    found = audit(rows, rules={"G09"})
    assert found.households("G09") == {"G09-blank", "G09-zero", "G09-risk2"}
    assert found.one("G09", "G09-blank")["说明"] == "风险类型含“因病”，但合规自付支出为空"
    assert found.one("G09", "G09-zero")["说明"] == "风险类型含“因病”，但合规自付支出为 0"


# ---- G10 享受低保/特困/残疾人补贴但无转移性收入 -----------------------------------------------------

def test_G10_welfare_without_transfer_income(audit):
    rows = (household(hid="G10-dibao", 综合保障="农村低保", 转移性收入="0")
            + household(hid="G10-disab", 综合保障="残疾人两项补贴", 转移性收入="0.0")
            + household(hid="G10-blank", 综合保障="农村低保", 转移性收入="")   # blank: G04's
            + household(hid="G10-some", 综合保障="农村低保", 转移性收入="100")
            + household(hid="G10-other", 综合保障="临时救助", 转移性收入="0"))
    one = household(hid="G10-row", 转移性收入="0")
    one[1]["综合保障"] = "临时救助、特困供养"  # any item in any active row
    found = audit(rows + one, rules={"G10"})
    assert found.households("G10") == {"G10-dibao", "G10-disab", "G10-row"}
    assert found.one("G10", "G10-row")["说明"] == "综合保障“临时救助,特困供养”含低保、特困或残疾人类措施，但转移性收入为 0"
    assert found.one("G10", "G10-dibao")["问题字段"] == "转移性收入、综合保障"


# ---- G11 享受就业或公益岗位帮扶但无工资性收入 -------------------------------------------------------

def test_G11_employment_aid_without_wage(audit):
    rows = (household(hid="G11-job", 就业帮扶="就业服务", 工资性收入="0")
            + household(hid="G11-post", 公益岗位帮扶="护林员", 工资性收入="0.00")
            + household(hid="G11-blank", 就业帮扶="就业服务", 工资性收入="")     # blank: not flagged
            + household(hid="G11-some", 就业帮扶="就业服务", 工资性收入="100")
            + household(hid="G11-none", 工资性收入="0"))                        # no such aid
    found = audit(rows, rules={"G11"})
    assert found.households("G11") == {"G11-job", "G11-post"}
    assert found.one("G11", "G11-job")["说明"] == "享受就业帮扶“就业服务”，但工资性收入为 0"
    assert found.one("G11", "G11-post")["问题字段"] == "工资性收入"


def test_G11_removed_households_use_post_removal_wage(audit):
    rows = (household("已消除", hid="G11-after0", 风险消除后工资性收入="0")           # 工资性收入 > 0
            + household("已消除", hid="G11-wage0", 工资性收入="0", 风险消除后工资性收入="5000")
            + household("监测户", hid="G11-open", 风险消除后工资性收入="0"))          # not removed
    found = audit(rows, rules={"G11"})
    assert found.households("G11") == {"G11-after0"}
    assert found.one("G11", "G11-after0")["问题字段"] == "风险消除后工资性收入"
    rows = drop(household("已消除", hid="G11-nocol", 工资性收入="0"), "风险消除后工资性收入")
    found = audit(rows, rules={"G11"})
    assert found.households("G11") == {"G11-nocol"}
    assert found.one("G11", "G11-nocol")["问题字段"] == "工资性收入"


def test_G11_not_run_without_either_aid_column(audit):
    rows = drop(household(hid="G11-x", 工资性收入="0"), "就业帮扶", "公益岗位帮扶")
    found = audit(rows)
    assert "G11" in found.skipped() and found.of("G11") == []
    rows = drop(household(hid="G11-y", 公益岗位帮扶="护林员", 工资性收入="0"), "就业帮扶")
    assert audit(rows).households("G11") == {"G11-y"}


# ---- G12 享受产业帮扶但无生产经营性收入 -------------------------------------------------------------

def test_G12_industry_aid_without_business_income(audit):
    rows = (household(hid="G12-zero", 产业帮扶="产业奖补", 生产经营性收入="0")
            + household(hid="G12-blank", 产业帮扶="产业奖补", 生产经营性收入="")
            + household(hid="G12-text", 产业帮扶="产业奖补", 生产经营性收入="不详")   # G03's
            + household(hid="G12-some", 产业帮扶="产业奖补", 生产经营性收入="100")
            + household(hid="G12-none", 生产经营性收入="0"))
    found = audit(rows, rules={"G12"})
    assert found.households("G12") == {"G12-zero", "G12-blank"}
    assert found.one("G12", "G12-blank")["说明"] == "享受产业帮扶“产业奖补”，但生产经营性收入为空"
    assert found.one("G12", "G12-zero")["说明"] == "享受产业帮扶“产业奖补”，但生产经营性收入为 0"


def test_G12_removed_households_use_post_removal_income(audit):
    rows = (household("已消除", hid="G12-after0", 产业帮扶="养殖", 生产经营性收入="2000",
                      风险消除后生产经营性收入="0")
            + household("已消除", hid="G12-after", 产业帮扶="养殖", 生产经营性收入="0",
                        风险消除后生产经营性收入="2000")
            + household("监测户", hid="G12-open", 产业帮扶="养殖", 生产经营性收入="0"))
    found = audit(rows, rules={"G12"})
    assert found.households("G12") == {"G12-after0", "G12-open"}
    assert found.one("G12", "G12-after0")["问题字段"] == "风险消除后生产经营性收入"


def test_G12_missing_columns(audit):
    # Only the post-removal column: an unremoved household is not judged (its column is absent).
    rows = drop(household("监测户", hid="G12-open", 产业帮扶="养殖")
                + household("已消除", hid="G12-done", 产业帮扶="养殖", 风险消除后生产经营性收入=""),
                "生产经营性收入")
    assert audit(rows).households("G12") == {"G12-done"}
    # Only 生产经营性收入: a removed household uses it.
    rows = drop(household("已消除", hid="G12-done2", 产业帮扶="养殖", 生产经营性收入="0"),
                "风险消除后生产经营性收入")
    assert audit(rows).households("G12") == {"G12-done2"}
    rows = drop(household(hid="G12-x", 产业帮扶="养殖"), "生产经营性收入", "风险消除后生产经营性收入")
    found = audit(rows)
    assert "G12" in found.skipped() and found.of("G12") == []


# ---- G13 享受低保（特困供养）但家中无低保（特困）人口 -----------------------------------------------

def test_G13_dibao_and_tekun_without_recipients(audit):
    rows = (household(hid="G13-dibao", 综合保障="农村低保")      # everybody 不享受 / 否
            + household(hid="G13-tekun", 综合保障="特困供养")
            + household(hid="G13-both", 综合保障="低保,特困供养"))
    one = household(hid="G13-ok1", 综合保障="农村低保")
    one[1]["享受低保政策情况"] = "农村低保"
    two = household(hid="G13-ok2", 综合保障="城市低保")
    two[2]["是否享受低保"] = "是"
    three = household(hid="G13-ok3", 综合保障="特困供养")
    three[0]["是否特困供养人员"] = "是"
    four = household(hid="G13-half", 综合保障="低保、特困供养")
    four[0]["享受特困供养政策情况"] = "农村特困"  # 特困 covered, 低保 not
    found = audit(rows + one + two + three + four, rules={"G13"})
    assert found.households("G13") == {"G13-dibao", "G13-tekun", "G13-both", "G13-half"}
    assert found.one("G13", "G13-both")["说明"] == (
        "综合保障“低保,特困供养”含低保，但户内没有享受低保的成员；综合保障“低保,特困供养”含特困，但户内没有特困供养人员")
    assert found.one("G13", "G13-both")["问题字段"] == "综合保障、享受低保政策情况、是否享受低保、享受特困供养政策情况、是否特困供养人员"
    assert found.one("G13", "G13-half")["问题字段"] == "综合保障、享受低保政策情况、是否享受低保"


def test_G13_branch_not_judged_without_its_member_columns(audit):
    rows = drop(household(hid="G13-dibao", 综合保障="农村低保")
                + household(hid="G13-tekun", 综合保障="特困供养"),
                "享受低保政策情况", "是否享受低保")
    found = audit(rows)
    assert found.households("G13") == {"G13-tekun"}
    rows = drop(household(hid="G13-x", 综合保障="农村低保"),
                "享受低保政策情况", "是否享受低保", "享受特困供养政策情况", "是否特困供养人员")
    found = audit(rows)
    assert "G13" in found.skipped() and found.of("G13") == []


def test_G13_inactive_recipient_does_not_count(audit):
    rows = household(hid="G13-dead", 综合保障="农村低保",
                     members=[person(成员状态="正常"), spouse(成员状态="死亡", 享受低保政策情况="农村低保")])
    assert audit(rows, rules={"G13"}).households("G13") == {"G13-dead"}


# ---- G14 享受残疾人补贴但家中无残疾人口 -------------------------------------------------------------

def test_G14_disability_subsidy_without_disabled_member(audit):
    rows = (household(hid="G14-none", 综合保障="残疾人两项补贴")
            + household(hid="G14-health", 综合保障="残疾人两项补贴",
                        members=[person(), spouse(健康状况="长期慢性病、残疾")])
            + household(hid="G14-card", 综合保障="残疾人两项补贴",
                        members=[person(), spouse(证件类型="残疾证")])               # variant → 残疾人证
            + household(hid="G14-other", 综合保障="农村低保"))
    id20 = person(rel="之子", birth="20000101", name="二十位")
    id20["证件号码"] += "11"  # disability-card number (ID20)
    rows += household(hid="G14-id20", 综合保障="残疾人两项补贴", members=[person(), id20])
    rows += household(hid="G14-dead", 综合保障="残疾人两项补贴",
                      members=[person(成员状态="正常"), spouse(成员状态="死亡", 健康状况="残疾")])
    found = audit(rows, rules={"G14"})
    assert found.households("G14") == {"G14-none", "G14-dead"}
    assert found.one("G14", "G14-none")["说明"].startswith("综合保障“残疾人两项补贴”含残疾人类措施，但户内没有残疾成员")


def test_G14_needs_its_fields(audit):
    found = audit(drop(household(hid="G14-x", 综合保障="残疾人两项补贴"), "健康状况"))
    assert "G14" in found.skipped()


def test_G_rules_on_a_monitored_household_with_pupil(audit):
    """The clean factory households stay clean for every G rule (sanity, with a 4-person household)."""
    rows = household("已消除", members=[person(), spouse(), pupil(), pupil(name="次子", birth="20120601")])
    found = audit(rows)
    assert {r for r in found.rules() if r.startswith("G")} == set()


def test_G03_first_bad_value_per_field(audit):
    rows = household(hid="G03-mixed")
    rows[1]["工资性收入"] = "甲"
    rows[2]["工资性收入"] = "-3"
    found = audit(rows, rules={"G03"})
    assert found.one("G03", "G03-mixed")["说明"] == "工资性收入“甲”无法解析为金额（第 3 行等 2 行）"


# ---- portability: the same rows on SQLite (the GX reference engine's backend) ---------------------

def test_G_rules_give_the_same_rows_on_sqlite(audit):
    rows = (household(hid="a", 家庭纯收入="36002") + household(hid="b", 人均纯收入="11998")
            + household(hid="c", 工资性收入="两万", 转移性收入="-5") + household(hid="d", 财产性收入="")
            + household("监测户", hid="e", 工资性收入="50")
            + household("监测户", hid="f", 识别监测时间="202301", 人均纯收入="20000.01")
            + household(hid="g", 人均纯收入="7299.99") + household("监测户", hid="h", 人均纯收入="8300")
            + household("监测户", hid="i", 合规自付支出="") + household(hid="j", 综合保障="农村低保", 转移性收入="0")
            + household(hid="k", 就业帮扶="x", 工资性收入="0") + household(hid="l", 产业帮扶="y", 生产经营性收入="")
            + household(hid="m", 综合保障="低保,特困,残疾人补贴") + household(hid="n", 工资性收入="1e31"))
    found = audit(rows)
    results = rows_on_both(found, "G")
    assert len(results) == 14
    for rule_id, (duck, lite) in results.items():
        assert {r[0] for r in duck} == {r[0] for r in lite}, rule_id
        assert duck, f"{rule_id} found nothing: the comparison proves little"
