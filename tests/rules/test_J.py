"""Group J: assistance measures (J01–J03, J05; J04 needs the previous export and is not here).

Default period 2024-06: report month 2024-06, so 识别监测时间 202405 is 1 month and 202312 is
6 months before it. The factory's 监测户 is 脱贫不稳定户, identified 202310, with measures
(就业帮扶 among them) and 实施开发式帮扶措施情况 = 已实施.
"""

from factory import drop, household, person, pupil, unable_members

from auditor.config import Config
from auditor.fields import DEV_MEASURES, MEASURES

NO_MEASURES = {m: "" for m in MEASURES}
NO_DEV = {m: "" for m in DEV_MEASURES}



def config(**params) -> Config:
    return Config().with_params(**params)



# ---- J01 ---------------------------------------------------------------------------------------

def _j01(hid: str, ident: str, status: str = "", **over) -> list[dict]:
    return household("监测户", hid=hid, 识别监测时间=ident, **{**NO_MEASURES, "实施开发式帮扶措施情况": status, **over})


def test_J01_no_measure_a_month_after_identification(audit):
    rows = (_j01("m1", "202405") + _j01("m0", "202406")  # 1 month / same month
            + _j01("pending", "202401", "尚未实施") + _j01("done", "202401", "已实施")
            + _j01("sudden", "202401", 监测对象类别="突发严重困难户")  # not in j01_categories
            + _j01("edge", "202401", 监测对象类别="边缘易致贫户")
            + _j01("measure", "202401", 搬迁="易地搬迁")
            + _j01("bad", "2024.1")  # unparseable
            + household("已消除", hid="removed", **NO_MEASURES))
    found = audit(rows, rules={"J01"})
    assert found.households("J01") == {"m1", "pending", "edge"}
    notes = {x["户编号"]: x["说明"] for x in found.of("J01")}
    assert notes["m1"] == "识别监测时间 202405，至报告月已 1 个月，帮扶措施在户内均为空，实施开发式帮扶措施情况为空"
    assert notes["pending"].endswith("实施开发式帮扶措施情况为 尚未实施")


def test_J01_missing_development_status_counts_as_blank(audit):
    rows = _j01("m1", "202405") + _j01("m0", "202406")
    found = audit(drop(rows, "实施开发式帮扶措施情况"), rules={"J01"})
    assert found.households("J01") == {"m1"}


def test_J01_parameters(audit):
    rows = _j01("m1", "202405") + _j01("m2", "202404") + _j01("sudden", "202401", 监测对象类别="突发严重困难户")
    cfg = config(j01_min_months=2, j01_categories=["脱贫不稳定户", "突发严重困难户"])
    found = audit(rows, config=cfg, rules={"J01"})
    assert found.households("J01") == {"m2", "sudden"}


# ---- J02 ---------------------------------------------------------------------------------------

def _j02(hid: str, ident: str, **over) -> list[dict]:
    return household("监测户", hid=hid, 识别监测时间=ident, **over)


def test_J02_no_development_measure_six_months_after_identification(audit):
    rows = (_j02("m6", "202312", **NO_DEV) + _j02("m5", "202401", **NO_DEV)
            + _j02("pending", "202312", 实施开发式帮扶措施情况="尚未实施")
            + _j02("blank", "202312", 实施开发式帮扶措施情况="")
            + _j02("both", "202312", **{**NO_DEV, "实施开发式帮扶措施情况": "尚未实施"})
            + _j02("unable", "202312", members=unable_members(), **NO_DEV)
            + _j02("nolabour", "202312", members=[person(劳动技能=""), pupil()], **NO_DEV)
            + _j02("weak", "202312", members=[person(劳动技能="弱劳动力或半劳动力"), pupil()], **NO_DEV)
            + _j02("bad", "2023", **NO_DEV)
            + household("已消除", hid="removed", 识别监测时间="202310", **NO_DEV))
    found = audit(rows, rules={"J02"})
    assert found.households("J02") == {"m6", "pending", "blank", "both", "weak"}
    f = {x["户编号"]: x for x in found.of("J02")}
    assert f["m6"]["说明"] == ("有劳动力成员 2 人，识别监测时间 202312，至报告月已 6 个月，"
                              "开发式帮扶措施（产业、就业、金融、公益岗位帮扶）在户内均为空")
    assert f["m6"]["问题字段"] == "产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶"
    assert f["pending"]["说明"].endswith("至报告月已 6 个月，实施开发式帮扶措施情况为 尚未实施")
    assert f["pending"]["问题字段"] == "实施开发式帮扶措施情况"
    assert f["blank"]["说明"].endswith("实施开发式帮扶措施情况为空")
    assert f["both"]["问题字段"] == "产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶、实施开发式帮扶措施情况"


def test_J02_development_status_only_when_the_export_has_it(audit):
    rows = _j02("with_measure", "202312") + _j02("no_dev", "202312", **NO_DEV)
    found = audit(drop(rows, "实施开发式帮扶措施情况"), rules={"J02"})
    assert found.households("J02") == {"no_dev"}


# ---- J03 ---------------------------------------------------------------------------------------

def _j03(hid: str, ident: str = "202405", **over) -> list[dict]:
    return household("监测户", hid=hid, 识别监测时间=ident, **{**NO_DEV, "综合保障": "农村低保", **over})


def test_J03_only_safety_net_measures(audit):
    rows = (_j03("short") + _j03("m5", "202401")
            + _j03("long", "202312")  # J02 flags it, so J03 does not
            + _j03("unknown", "")  # identification month unknown: J02 cannot flag, J03 does
            + _j03("social", 综合保障="", 社会帮扶="结对帮扶")
            + _j03("nothing", 综合保障="")  # no safety-net measure either
            + _j03("dev", 产业帮扶="养殖")
            + _j03("unable", members=unable_members())
            + household("已消除", hid="removed", **{**NO_DEV, "综合保障": "农村低保"}))
    found = audit(rows, rules={"J02", "J03"})
    assert found.households("J03") == {"short", "m5", "unknown", "social"}
    assert found.households("J02") == {"long"}
    notes = {x["户编号"]: x["说明"] for x in found.of("J03")}
    assert notes["short"] == ("有劳动力成员 2 人，只有兜底措施（综合保障 农村低保），"
                              "开发式帮扶措施（产业、就业、金融、公益岗位帮扶）在户内均为空")
    assert notes["social"].startswith("有劳动力成员 2 人，只有兜底措施（社会帮扶 结对帮扶）")


def test_J03_follows_j02_min_months(audit):
    rows = _j03("m5", "202401") + _j03("m1")
    found = audit(rows, config=config(j02_min_months=3), rules={"J02", "J03"})
    assert found.households("J03") == {"m1"}
    assert found.households("J02") == {"m5"}


def test_J03_not_run_without_safety_net_columns(audit):
    rows = drop(_j03("short"), "综合保障", "社会帮扶")
    found = audit(rows)
    assert "J03" in found.skipped()
    assert "J02" not in found.skipped()


def test_J03_runs_with_only_one_safety_net_column(audit):
    rows = drop(_j03("short") + _j03("no_dev", 综合保障=""), "社会帮扶")
    found = audit(rows, rules={"J03"})
    assert found.households("J03") == {"short"}


# ---- J05 ---------------------------------------------------------------------------------------

def _job(name: str, kind: str, months: str) -> dict:
    return person(name=name, **{"公益性岗位类型": kind, "公益性岗位(月数)": months})


def test_J05_welfare_job_type_and_months(audit):
    members = [_job("类型无月", "保洁员", ""), _job("类型零月", "护林员", "0"), _job("类型负月", "护林员", "-1"),
               _job("类型有月", "护林员", "6"), _job("空型有月", "", "3"), _job("无型有月", "无", "3"),
               _job("无型零月", "无", "0"), _job("空空", "", ""), _job("非数值", "护林员", "六"),
               _job("小数月", "护林员", "0.5")]
    rows = household("脱贫户", hid="J05", members=members)
    found = audit(rows, rules={"J05"})
    assert found.names("J05") == {"类型无月", "类型零月", "类型负月", "空型有月", "无型有月"}
    notes = {x["姓名"]: x["说明"] for x in found.of("J05")}
    assert notes["类型无月"] == "公益性岗位类型为 保洁员，但公益性岗位(月数)为空"
    assert notes["类型零月"] == "公益性岗位类型为 护林员，但公益性岗位(月数)为 0"
    assert notes["空型有月"] == "公益性岗位类型为空，但公益性岗位(月数)为 3"
    assert notes["无型有月"] == "公益性岗位类型为 无，但公益性岗位(月数)为 3"
    f = next(x for x in found.of("J05") if x["姓名"] == "类型零月")
    assert (f["问题字段"], f["当前值"]) == ("公益性岗位类型、公益性岗位(月数)", "公益性岗位类型=护林员；公益性岗位(月数)=0")


def test_J05_not_run_without_the_months_column(audit):
    rows = drop(household("脱贫户", hid="J05", members=[_job("甲", "保洁员", "")]), "公益性岗位(月数)")
    found = audit(rows)
    assert "J05" in found.skipped()
