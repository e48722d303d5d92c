"""Group H: identification and risk types (H01–H13).

Every test starts from the clean households of tests/factory.py (监测户: 脱贫不稳定户, risk 因病,
identified 202310, members head (普通劳动力, works, 健康), spouse (弱劳动力, 长期慢性病), pupil
(八年级, 无劳动力, 健康)) and changes the one thing the rule is about. Test period 2024-06.
"""

from factory import drop, household, make_id, person, pupil, spouse
from portable import rows_on_both

from auditor.config import Config

R1, R2, R3 = "致贫/返贫风险1", "致贫/返贫风险2", "致贫/返贫风险3"



def monitored(hid: str, risk: str = "因病", members: list[dict] | None = None, kind: str = "监测户", **over):
    return household(kind, hid=hid, members=members, **{R1: risk}, **over)




def worker_less(**over) -> dict:
    """An adult who did not work away (no months, no place)."""
    return person(**{"务工所在地": "", "务工时间（月）": "", **over})


# ---- H01 监测对象户致（返）贫风险为空 ---------------------------------------------------------------

def test_H01_monitored_without_risk(audit):
    rows = (monitored("H01-blank", risk="")
            + monitored("H01-r2only", risk="", **{R2: "因学"})   # only 风险1 counts
            + household(hid="H01-tp"))                             # not monitored, no risk: fine
    part = monitored("H01-part", risk="")
    part[2][R1] = "因病"  # filled in one active row
    dead = monitored("H01-dead", risk="", members=[person(成员状态="正常"), spouse(成员状态="死亡")])
    dead[1][R1] = "因病"  # only on an inactive row
    found = audit(rows + part + dead, rules={"H01"})
    assert found.households("H01") == {"H01-blank", "H01-r2only", "H01-dead"}
    assert found.of("H01")[0]["问题字段"] == R1


def test_H01_unnumbered_risk_column(audit):
    rows = [{("致贫/返贫风险" if k == R1 else k): v for k, v in r.items()}
            for r in monitored("H01-a", risk="") + monitored("H01-b")]
    rows = drop(rows, R2, "致贫/返贫风险4")
    found = audit(rows, rules={"H01"})
    assert found.households("H01") == {"H01-a"}


def test_H01_not_run_without_the_column(audit):
    found = audit(drop(monitored("H01-x", risk=""), R1))
    assert "H01" in found.skipped() and found.of("H01") == []


# ---- H02 风险类型为其他但未填写备注 / H03 因自然灾害但未填写子项 -----------------------------------

def test_H02_other_risk_without_note(audit):
    rows = (monitored("H02-r1", risk="其他")
            + monitored("H02-r3", risk="因病", **{R3: "其他"})
            + monitored("H02-noted", risk="其他", 其他备注="房屋倒塌")
            + monitored("H02-word", risk="其他原因"))    # the item is 其他原因, not 其他
    part = monitored("H02-part", risk="其他")
    part[1]["其他备注"] = "说明"
    found = audit(rows + part, rules={"H02"})
    assert found.households("H02") == {"H02-r1", "H02-r3"}
    assert found.one("H02", "H02-r3")["问题字段"] == "致贫/返贫风险3、其他备注"
    assert found.one("H02", "H02-r1")["说明"] == "风险类型含“其他”，但其他备注为空（户内所有成员行均未填写）"


def test_H03_disaster_risk_without_subtype(audit):
    rows = (monitored("H03-bad", risk="因病、因自然灾害")
            + monitored("H03-ok", risk="因自然灾害", 因自然灾害子项="洪涝灾害")
            + monitored("H03-none", risk="因病"))
    found = audit(rows, rules={"H03"})
    assert found.households("H03") == {"H03-bad"}
    assert found.one("H03", "H03-bad")["问题字段"] == "致贫/返贫风险1、因自然灾害子项"


def test_H03_not_run_without_subtype_column(audit):
    found = audit(drop(monitored("H03-x", risk="因自然灾害"), "因自然灾害子项"))
    assert "H03" in found.skipped()


# ---- H04 风险为因残但家中无残疾人 -------------------------------------------------------------------

def test_H04_disability_risk_without_disabled_member(audit):
    rows = (monitored("H04-none", risk="因残")
            + monitored("H04-health", risk="因残", members=[person(), spouse(健康状况="残疾,长期慢性病")])
            + monitored("H04-card", risk="因残", members=[person(), spouse(证件类型="残疾人证")])
            + monitored("H04-dead", risk="因残",
                        members=[person(成员状态="正常"), spouse(成员状态="迁出", 健康状况="残疾")]))
    found = audit(rows, rules={"H04"})
    assert found.households("H04") == {"H04-none", "H04-dead"}
    assert found.one("H04", "H04-none")["问题字段"] == "致贫/返贫风险1、健康状况"


# ---- H05 风险为因病但家庭成员均健康 -----------------------------------------------------------------

def test_H05_illness_risk_but_everybody_healthy(audit):
    rows = (monitored("H05-all", members=[person(), pupil()])
            + monitored("H05-dup", members=[person(健康状况="健康、健康"), pupil()])   # the set is {健康}
            + monitored("H05-ill", members=[person(), spouse()])                       # 长期慢性病
            + monitored("H05-blank", members=[person(), pupil(健康状况="")])            # not judged
            + monitored("H05-other", risk="因学", members=[person(), pupil()]))
    found = audit(rows, rules={"H05"})
    assert found.households("H05") == {"H05-all", "H05-dup"}
    assert found.one("H05", "H05-all")["说明"] == "风险类型含“因病”，但户内 2 名成员的健康状况均为健康"


# ---- H06 风险为因学但家中无在校生 -------------------------------------------------------------------

def test_H06_education_risk_without_student(audit):
    rows = (monitored("H06-none", risk="因学", members=[person(), spouse()])
            + monitored("H06-pre", risk="因学", members=[person(), pupil(在校生状况="学龄前儿童")])
            + monitored("H06-not", risk="因学", members=[person(), pupil(在校生状况="非在校生")])
            + monitored("H06-blank", risk="因学", members=[person(), pupil(在校生状况="")])
            + monitored("H06-pupil", risk="因学")
            + monitored("H06-old", risk="因学", members=[person(), pupil(在校生状况="高中一年级")]))  # variant
    found = audit(rows, rules={"H06"})
    assert found.households("H06") == {"H06-none", "H06-pre", "H06-not", "H06-blank"}
    assert found.one("H06", "H06-none")["问题字段"] == "致贫/返贫风险1、在校生状况"


# ---- H07 / H08 缺劳动力 ----------------------------------------------------------------------------

def test_H07_lacking_labour_but_everybody_can_work(audit):
    rows = (monitored("H07-all", risk="缺劳动力", members=[person(), spouse()])
            + monitored("H07-variant", risk="因缺劳动力", members=[person(劳动技能="普通劳动"), spouse()])
            + monitored("H07-pupil", risk="缺劳动力")                                   # pupil 无劳动力
            + monitored("H07-blank", risk="缺劳动力", members=[person(), spouse(劳动技能="")])
            + monitored("H07-done", risk="缺劳动力", kind="已消除", members=[person(), spouse()]))
    found = audit(rows, rules={"H07"})
    assert found.households("H07") == {"H07-all", "H07-variant"}
    assert found.one("H07", "H07-all")["说明"] == (
        "风险类型含“缺劳动力”，但户内 2 名成员的劳动技能均为普通劳动力、技能劳动力或弱劳动力或半劳动力")


def test_H08_half_of_four_can_work(audit):
    unable = dict(劳动技能="丧失劳动力")
    rows = (monitored("H08-half", risk="缺劳动力",
                      members=[person(), spouse(), pupil(), pupil(name="次子", birth="20120601")])   # 2 of 4
            + monitored("H08-one", risk="缺劳动力",
                        members=[person(), spouse(**unable), pupil(), pupil(name="次子", birth="20120601")])
            + monitored("H08-three", risk="缺劳动力", members=[person(), spouse(), pupil()])   # n = 3 < 4
            + monitored("H08-all", risk="缺劳动力",                                             # H07's
                        members=[person(), spouse(), person(rel="之子", birth="20000101"),
                                 person(rel="之女", sex="女", birth="20010101")])
            + monitored("H08-done", risk="缺劳动力", kind="已消除",
                        members=[person(), spouse(), pupil(), pupil(name="次子", birth="20120601")]))
    found = audit(rows, rules={"H07", "H08"})
    assert found.households("H08") == {"H08-half"}
    assert found.households("H07") == {"H08-all"}
    assert found.one("H08", "H08-half")["说明"] == "风险类型含“缺劳动力”，但户内 4 人中 2 人有劳动能力（不少于半数）"


def test_H08_min_size_parameter(audit):
    rows = monitored("H08-three", risk="缺劳动力", members=[person(), spouse(), pupil()])
    cfg = Config().with_params(h08_min_size=3)
    assert audit(rows, config=cfg, rules={"H08"}).households("H08") == {"H08-three"}


# ---- H09 / H10 因务工就业不稳 ----------------------------------------------------------------------

def test_H09_job_risk_but_nobody_can_work(audit):
    nobody = [person(劳动技能="丧失劳动力"), spouse(劳动技能="无劳动能力"), pupil()]   # variant → 无劳动力
    rows = (monitored("H09-none", risk="务工就业不稳", members=nobody)                  # variant of the risk
            + monitored("H09-weak", risk="因务工就业不稳", members=[person(劳动技能="丧失劳动力"), spouse()])
            + monitored("H09-blank", risk="因务工就业不稳", members=[person(劳动技能=""), pupil()]))
    found = audit(rows, rules={"H09"})
    assert found.households("H09") == {"H09-none"}
    assert found.one("H09", "H09-none")["问题字段"] == "致贫/返贫风险1、劳动技能"


def test_H10_job_risk_without_any_work_record(audit):
    rows = (monitored("H10-none", risk="因务工就业不稳", members=[worker_less(), spouse()])
            + monitored("H10-zero", risk="因务工就业不稳",
                        members=[worker_less(**{"务工所在地": "未外出务工", "务工时间（月）": "0"}), spouse()])
            + monitored("H10-months", risk="因务工就业不稳",
                        members=[worker_less(**{"务工时间（月）": "3"}), spouse()])
            + monitored("H10-place", risk="因务工就业不稳",
                        members=[worker_less(**{"务工所在地": "省外务工"}), spouse()])
            + monitored("H10-other", risk="因病", members=[worker_less(), spouse()]))
    found = audit(rows, rules={"H10"})
    assert found.households("H10") == {"H10-none", "H10-zero"}
    assert found.one("H10", "H10-none")["问题字段"] == "致贫/返贫风险1"


def test_H10_work_table_counts(audit):
    a = worker_less(name="甲", 证件号码=make_id("19800101", "男"))
    b = worker_less(name="乙", 证件号码=make_id("19810101", "男"))
    rows = (monitored("H10-a", risk="因务工就业不稳", members=[a, spouse()])
            + monitored("H10-b", risk="因务工就业不稳", members=[b, spouse()]))
    work = [{"户编号": "H10-a", "姓名": "甲", "证件号码": a["证件号码"], "开始时间": "202401", "是否已务工": "是"},
            {"户编号": "H10-b", "姓名": "乙", "证件号码": b["证件号码"], "开始时间": "202401", "是否已务工": "否"}]
    found = audit(rows, extra={"务工监测表": work}, rules={"H10"})
    assert found.households("H10") == {"H10-b"}


def test_H10_runs_only_with_some_work_information(audit):
    rows = drop(monitored("H10-x", risk="因务工就业不稳"), "务工时间（月）", "务工所在地")
    found = audit(rows)
    assert "H10" in found.skipped() and found.of("H10") == []
    head = rows[0]
    work = [{"户编号": "H10-x", "姓名": head["姓名"], "证件号码": head["证件号码"], "开始时间": "202401",
             "是否已务工": "否"}]
    assert audit(rows, extra={"务工监测表": work}).households("H10") == {"H10-x"}


# ---- H11 识别监测时间为空、格式错误或晚于报告月 ----------------------------------------------------

def test_H11_identification_month(audit):
    rows = (monitored("H11-blank", 识别监测时间="")
            + monitored("H11-text", 识别监测时间="2023.1")     # ambiguous: unparseable
            + monitored("H11-month13", 识别监测时间="202313")
            + monitored("H11-late", 识别监测时间="202407")
            + monitored("H11-now", 识别监测时间="202406")       # the report month itself: fine
            + monitored("H11-day", 识别监测时间="2024-06-30")
            + monitored("H11-float", 识别监测时间="202310.0")
            + household(hid="H11-tp"))                            # not monitored
    found = audit(rows, rules={"H11"})
    assert found.households("H11") == {"H11-blank", "H11-text", "H11-month13", "H11-late"}
    assert found.one("H11", "H11-blank")["说明"] == "识别监测时间为空（监测户必填）"
    assert found.one("H11", "H11-text")["说明"] == "识别监测时间无法识别：“2023.1”不能按年月解析（应为 YYYYMM，如 202208）"
    assert found.one("H11", "H11-late")["说明"] == "识别监测时间晚于报告月：202407 晚于报告月 202406"


def test_H11_report_month_follows_the_period(audit):
    rows = monitored("H11-late", 识别监测时间="202407")
    found = audit(rows, period="2024-07", rules={"H11"})
    assert found.households("H11") == set()


# ---- H12 监测对象类别填写有误或与户类型矛盾 -------------------------------------------------------

def test_H12_category_invalid_or_inconsistent(audit):
    rows = (monitored("H12-a", 监测对象类别="一般监测户")
            + monitored("H12-b", 户类型="一般农户")                              # 脱贫不稳定户 not 脱贫户
            + monitored("H12-b-blank", 户类型="")                                 # blank 户类型: fine
            + monitored("H12-c", 监测对象类别="边缘易致贫户")                      # 户类型 脱贫户
            + monitored("H12-c-ok", 监测对象类别="边缘易致贫户", 户类型="一般农户")
            + monitored("H12-sudden", 监测对象类别="突发严重困难户")
            + household(hid="H12-tp"))
    found = audit(rows, rules={"H12"})
    assert found.households("H12") == {"H12-a", "H12-b", "H12-c"}
    assert found.one("H12", "H12-a")["说明"] == "监测对象类别“一般监测户”不在代码表内（脱贫不稳定户、边缘易致贫户、突发严重困难户）"
    assert found.one("H12", "H12-b")["说明"] == "监测对象类别为脱贫不稳定户，但户类型为“一般农户”（脱贫不稳定户应为脱贫户）"
    assert found.one("H12", "H12-c")["说明"] == "监测对象类别为边缘易致贫户，但户类型为脱贫户（脱贫户应识别为脱贫不稳定户）"
    assert found.one("H12", "H12-a")["问题字段"] == "监测对象类别"
    assert found.one("H12", "H12-c")["问题字段"] == "监测对象类别、户类型"


# ---- H13 识别认定超时（超过15天） -------------------------------------------------------------------

def test_H13_days_between_clue_and_identification(audit):
    rows = (monitored("H13-16", 风险线索发现时间="20240110", 识别监测时间="20240126")
            + monitored("H13-15", 风险线索发现时间="2024-01-10", 识别监测时间="2024-01-25")
            + monitored("H13-ym-late", 风险线索发现时间="20240116", 识别监测时间="202402")   # +15 = 01-31
            + monitored("H13-ym-ok", 风险线索发现时间="20240117", 识别监测时间="202402")     # +15 = 02-01
            + monitored("H13-ym-same", 风险线索发现时间="20240120", 识别监测时间="202401")
            + monitored("H13-clue-ym", 风险线索发现时间="202401", 识别监测时间="202403")    # clue not a date
            + monitored("H13-blank", 风险线索发现时间="", 识别监测时间="202403")
            + household(hid="H13-tp", 风险线索发现时间="20230101"))
    found = audit(rows, rules={"H13"})
    assert found.households("H13") == {"H13-16", "H13-ym-late"}
    assert found.one("H13", "H13-16")["说明"] == "风险线索发现时间 20240110，识别监测时间 20240126，相隔 16 天，超过 15 天"
    assert found.one("H13", "H13-ym-late")["说明"].startswith("风险线索发现时间 20240116，识别监测时间 202402（只有年月）")


def test_H13_leap_year_and_parameter(audit):
    rows = monitored("H13-feb", 风险线索发现时间="20240215", 识别监测时间="202403")  # +15 = 03-01 (leap)
    assert audit(rows, rules={"H13"}).households("H13") == set()
    cfg = Config().with_params(max_ident_days=14)  # +14 = 02-29
    assert audit(rows, config=cfg, rules={"H13"}).households("H13") == {"H13-feb"}


def test_H13_not_run_without_clue_column(audit):
    found = audit(monitored("H13-x", 识别监测时间="202402"))
    assert "H13" in found.skipped() and found.of("H13") == []


# ---- portability: the same rows on SQLite (the GX reference engine's backend) ---------------------

def test_H_rules_give_the_same_rows_on_sqlite(audit):
    four = [person(), spouse(), pupil(), pupil(name="次子", birth="20120601")]
    rows = (monitored("a", risk="") + monitored("b", risk="其他,因自然灾害,因残,因学", members=[person(), spouse()])
            + monitored("c", members=[person(), pupil(健康状况="健康,健康")])
            + monitored("d", risk="缺劳动力", members=[person(), spouse()])
            + monitored("e", risk="缺劳动力", members=four)
            + monitored("f", risk="因务工就业不稳", members=[worker_less(劳动技能="无劳动力")])
            + monitored("g", 识别监测时间="202407", 监测对象类别="x")
            + monitored("h", 识别监测时间="20240126", 风险线索发现时间="20240110", 户类型="一般农户")
            + monitored("i", 识别监测时间="202402", 风险线索发现时间="20240116"))
    found = audit(rows)
    both = rows_on_both(found, "H")
    assert len(both) == 13
    for rule_id, (duck, lite) in both.items():
        assert duck, f"{rule_id} found nothing: the comparison proves little"
        assert {r[0] for r in duck} == {r[0] for r in lite}, rule_id
