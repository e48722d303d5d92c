"""Group E: migrant work (务工). Default period 2024-06: ref_date 2024-06-30, school_ref_date 2023-09-01.

The factory's clean 监测户 is identified 202310 and has 就业帮扶 = 就业服务 on every row; its head works
10 months 县外省内务工 (普通劳动力), the spouse (弱劳动力) and the pupil (八年级, 无劳动力) do not work.
"""


from factory import household, person, pupil, spouse
from portable import same_on_sqlite

MONTHS = "务工时间（月）"
JOBS = "公益性岗位(月数)"


def worker(name: str, place: str = "县外省内务工", months: str = "10", **over) -> dict:
    return person(name=name, 务工所在地=place, **{MONTHS: months}, **over)


def idle(name: str, **over) -> dict:
    return person(name=name, 务工所在地="", **{MONTHS: ""}, **over)


def work_row(p: dict, hid: str, start: str = "202311", end: str = "", working: str = "是", subsidy: str = "0",
             place: str | None = "县外省内务工") -> dict:
    row = {"户编号": hid, "姓名": p["姓名"], "证件号码": p["证件号码"], "开始时间": start, "结束时间": end,
           "是否已务工": working, "年度交通费补助": subsidy}
    if place is not None:
        row["务工所在地"] = place
    return row


def plan_row(p: dict, hid: str, planned: str = "是", need: str = "技能培训") -> dict:
    return {"户编号": hid, "姓名": p["姓名"], "证件号码": p["证件号码"], "是否计划务工": planned, "就业服务需求": need}


def without(rows: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


# ---- E01 务工所在地 vs 务工时间（月） -----------------------------------------------------------------


def test_E01_place_and_months_disagree(audit):
    rows = []
    cases = {
        "地有时空": ("省外务工", ""),  # blank months count as 0
        "地有时零": ("省外务工", "0"),
        "地有时负": ("省外务工", "-1"),
        "时有地空": ("", "3"),
        "时有地否": ("未外出务工", "1"),
        "时有地无": ("无", "12"),
        "正常": ("省外务工", "1"),
        "都空": ("", ""),
        "未外出零": ("未外出务工", "0"),
        "否空": ("否", ""),
        "非数值": ("省外务工", "三个月"),  # not numeric: E02's, not judged here
        "无地负": ("", "-2"),  # not P and m ≤ 0: E02's
    }
    for i, (name, (place, months)) in enumerate(cases.items()):
        rows += household(hid=f"H{i}", members=[worker(name, place, months)])
    found = audit(rows, rules={"E01"})
    assert found.names("E01") == {"地有时空", "地有时零", "地有时负", "时有地空", "时有地否", "时有地无"}
    notes = {f["姓名"]: f for f in found.of("E01")}
    assert notes["地有时空"]["说明"] == "务工所在地为“省外务工”，但务工时间（月）为空"
    assert notes["时有地否"]["说明"] == "务工时间（月）为 1，但务工所在地为“未外出务工”"
    assert notes["时有地空"]["问题字段"] == "务工所在地、务工时间（月）"
    assert notes["时有地空"]["当前值"] == "务工所在地=；务工时间（月）=3"


def test_E01_not_run_without_months_column(audit):
    rows = without(household(hid="H1", members=[worker("甲", "省外务工", "")]), MONTHS)
    found = audit(rows)
    assert "E01" in found.skipped()
    assert "务工时间（月）" in found.skipped()["E01"]
    assert found.of("E01") == []


# ---- E02 month counts not an integer in 0–12 ------------------------------------------------------


def test_E02_month_counts_out_of_range(audit):
    cases = {
        "十三": ("13", ""), "负一": ("-1", ""), "六点五": ("6.5", ""), "文字": ("abc", ""),
        "岗位十三": ("10", "13"), "两列": ("7.5", "x"),
        "十二": ("12", ""), "零": ("0", ""), "六点零": ("6.0", ""), "空": ("", ""), "岗位十二": ("10", "12"),
        "岗位零": ("10", "0"),
    }
    rows = []
    for i, (name, (months, jobs)) in enumerate(cases.items()):
        rows += household(hid=f"H{i}", members=[worker(name, "省外务工", months, **{JOBS: jobs})])
    found = audit(rows, rules={"E02"})
    assert found.names("E02") == {"十三", "负一", "六点五", "文字", "岗位十三", "两列"}
    by = {f["姓名"]: f for f in found.of("E02")}
    assert by["十三"]["问题字段"] == "务工时间（月）"
    assert by["十三"]["说明"] == "务工时间（月）“13”大于 12"
    assert by["负一"]["说明"] == "务工时间（月）“-1”小于 0"
    assert by["六点五"]["说明"] == "务工时间（月）“6.5”不是整数"
    assert by["文字"]["说明"] == "务工时间（月）“abc”不是数值"
    assert by["岗位十三"]["问题字段"] == "公益性岗位(月数)"
    assert by["两列"]["问题字段"] == "务工时间（月）、公益性岗位(月数)"
    assert by["两列"]["说明"] == "务工时间（月）“7.5”不是整数；公益性岗位(月数)“x”不是数值"
    assert by["两列"]["当前值"] == "务工时间（月）=7.5；公益性岗位(月数)=x"


def test_E02_runs_on_the_column_that_exists(audit):
    rows = household(hid="H1", members=[worker("甲", **{JOBS: "15"}), worker("乙", months="15", **{JOBS: "3"})])
    found = audit(without(rows, MONTHS))
    assert "E02" not in found.skipped()
    assert found.names("E02") == {"甲"}


# ---- E03 working / planning to work without labour capacity ---------------------------------------


def test_E03_unable_member_works(audit):
    a = worker("无劳动力务工", 劳动技能="无劳动力")
    b = worker("丧失劳动力务工", "乡(镇)内务工", "3", 劳动技能="丧失劳动力")
    c = worker("只有月数", "", "2", 劳动技能="无劳动能力")  # variant → 无劳动力
    ok1 = worker("弱劳动力务工", 劳动技能="弱劳动力或半劳动力")
    ok2 = idle("无劳动力不务工", 劳动技能="无劳动力")
    ok3 = worker("未外出", "未外出务工", "0", 劳动技能="丧失劳动力")
    ok4 = worker("劳动技能空", 劳动技能="")
    rows = household(hid="H1", members=[ok1, a, b]) + household(hid="H2", members=[c, ok2, ok3, ok4])
    found = audit(rows, rules={"E03"})
    assert found.names("E03") == {"无劳动力务工", "丧失劳动力务工", "只有月数"}
    note = {f["姓名"]: f["说明"] for f in found.of("E03")}
    assert note["丧失劳动力务工"] == "劳动技能为“丧失劳动力”，但有务工（务工所在地 乡(镇)内务工，务工时间（月） 3）"
    assert note["只有月数"] == "劳动技能为“无劳动力”，但有务工（务工所在地 空，务工时间（月） 2）"


def test_E03_secondary_tables_count(audit):
    a = idle("务工表是", 劳动技能="无劳动力")
    b = idle("务工表空", 劳动技能="丧失劳动力")
    c = idle("计划务工", 劳动技能="无劳动力")
    ok1 = idle("务工表否", 劳动技能="无劳动力")
    ok2 = idle("计划否", 劳动技能="无劳动力")
    head = worker("户主")
    rows = household(hid="H1", members=[head, a, b, c, ok1, ok2])
    work = [work_row(a, "H1"), work_row(b, "H1", working=""), work_row(ok1, "H1", working="否")]
    plan = [plan_row(c, "H1"), plan_row(ok2, "H1", planned="否")]
    found = audit(rows, extra={"务工监测表": work, "计划外出务工表": plan}, rules={"E03"})
    assert found.names("E03") == {"务工表是", "务工表空", "计划务工"}
    note = {f["姓名"]: f["说明"] for f in found.of("E03")}
    assert note["务工表是"] == "劳动技能为“无劳动力”，但务工监测表有已务工记录"
    assert note["计划务工"] == "劳动技能为“无劳动力”，但计划外出务工表登记计划务工"


def test_E03_not_run_without_any_work_source(audit):
    rows = without(household(hid="H1", members=[worker("甲", 劳动技能="无劳动力")]), MONTHS, "务工所在地")
    found = audit(rows)
    assert "E03" in found.skipped()
    # the 计划外出务工表 alone is a source: the rule runs
    p = idle("乙", 劳动技能="无劳动力")
    rows = without(household(hid="H2", members=[p]), MONTHS, "务工所在地")
    found = audit(rows, extra={"计划外出务工表": [plan_row(p, "H2")]})
    assert "E03" not in found.skipped()
    assert found.names("E03") == {"乙"}


# ---- E04 student who works ------------------------------------------------------------------------


def test_E04_student_works(audit):
    a = pupil(name="在校务工", 务工所在地="省外务工", **{MONTHS: "3"})
    b = pupil(name="在校务工表")
    c = pupil(name="高中务工", 在校生状况="高中一年级", 务工所在地="", **{MONTHS: "2"})  # variant, studying
    ok1 = pupil(name="学龄前", 在校生状况="学龄前儿童", 务工所在地="省外务工", **{MONTHS: "3"})
    ok2 = pupil(name="非在校生", 在校生状况="非在校生", 务工所在地="省外务工", **{MONTHS: "3"})
    ok3 = pupil(name="在校未外出", 务工所在地="未外出务工", **{MONTHS: "0"})
    ok4 = pupil(name="在校务工表否")
    rows = household(hid="H1", members=[person(name="户主"), a, b, c, ok1, ok2, ok3, ok4])
    work = [work_row(b, "H1"), work_row(ok4, "H1", working="否")]
    found = audit(rows, extra={"务工监测表": work}, rules={"E04"})
    assert found.names("E04") == {"在校务工", "在校务工表", "高中务工"}
    note = {f["姓名"]: f["说明"] for f in found.of("E04")}
    assert note["在校务工表"] == "在校生状况为“八年级”，但务工监测表有已务工记录"
    assert note["高中务工"] == "在校生状况为“普通高中一年级”，但有务工（务工所在地 空，务工时间（月） 2）"


# ---- E05 someone works but wage income blank or 0 -------------------------------------------------


def test_E05_work_but_no_wage(audit):
    rows = (household(hid="空", members=[worker("甲")], 工资性收入="")
            + household(hid="零", members=[worker("乙")], 工资性收入="0")
            + household(hid="零点零", members=[worker("丙"), worker("丁", "省外务工", "2")], 工资性收入="0.00")
            + household(hid="四人", members=[worker(n) for n in ("子", "丑", "寅", "卯")], 工资性收入="0")
            + household(hid="一元", members=[worker("戊")], 工资性收入="1")
            + household(hid="非数值", members=[worker("己")], 工资性收入="abc")
            + household(hid="无人务工", members=[idle("庚")], 工资性收入="0")
            + household(hid="务工表", members=[idle("辛")], 工资性收入="0"))
    work = [work_row(rows[-1], "务工表")]
    found = audit(rows, extra={"务工监测表": work}, rules={"E05"})
    assert found.households("E05") == {"空", "零", "零点零", "四人", "务工表"}
    note = {f["户编号"]: f["说明"] for f in found.of("E05")}
    assert note["空"] == "户内有务工成员（甲），但工资性收入为空"
    assert note["零点零"] == "户内有务工成员（丙、丁），但工资性收入为 0"
    assert note["四人"] == "户内有务工成员（子、丑、寅 等 4 人），但工资性收入为 0"


# ---- E06 wage income low for the months worked -------------------------------------------------


def test_E06_wage_per_month_below_minimum(audit):
    rows = (household(hid="低", members=[worker("甲")], 工资性收入="4999")  # 10 months: 4999 < 5000
            + household(hid="恰好", members=[worker("乙")], 工资性收入="5000")  # exactly 500 a month
            + household(hid="零", members=[worker("丙")], 工资性收入="0")  # W > 0 required (E05's)
            + household(hid="无月数", members=[worker("丁", "省外务工", "")], 工资性收入="100")
            + household(hid="非数值按0", members=[worker("戊", "省外务工", "abc"), worker("己", "省外务工", "2")],
                        工资性收入="999")
            + household(hid="非数值按0够", members=[worker("庚", "省外务工", "abc"), worker("辛", "省外务工", "2")],
                        工资性收入="1000")
            + household(hid="半月", members=[worker("壬", "省外务工", "2.5")], 工资性收入="1000"))
    found = audit(rows, rules={"E06"})
    assert found.households("E06") == {"低", "非数值按0", "半月"}
    note = {f["户编号"]: f["说明"] for f in found.of("E06")}
    assert note["低"] == "工资性收入 4999 元，户内务工月数合计 10 个月，月均约 499 元，低于 500 元"
    assert note["半月"] == "工资性收入 1000 元，户内务工月数合计 2.5 个月，月均约 400 元，低于 500 元"


def test_E06_minimum_is_a_parameter(audit):
    from auditor.config import Config

    cfg = Config().with_params(min_monthly_wage=400)
    rows = (household(hid="低", members=[worker("甲")], 工资性收入="3999")
            + household(hid="够", members=[worker("乙")], 工资性收入="4000"))
    found = audit(rows, config=cfg, rules={"E06"})
    assert found.households("E06") == {"低"}


# ---- E07 nobody can work, yet someone works ----------------------------------------------------


def test_E07_household_without_labour_works(audit):
    unable = {"劳动技能": "无劳动力"}
    lost = {"劳动技能": "丧失劳动力"}
    rows = (household(hid="有务工", members=[worker("甲", **unable), idle("乙", **lost)])
            + household(hid="务工表", members=[idle("丙", **unable), idle("丁", **lost)])
            + household(hid="有空", members=[worker("戊", **unable), idle("己", 劳动技能="")])
            + household(hid="有劳力", members=[worker("庚", **unable), idle("辛")])
            + household(hid="无人务工", members=[idle("壬", **unable), idle("癸", **lost)]))
    work = [work_row(rows[2], "务工表")]
    found = audit(rows, extra={"务工监测表": work}, rules={"E07"})
    assert found.households("E07") == {"有务工", "务工表"}
    note = {f["户编号"]: f["说明"] for f in found.of("E07")}
    assert note["有务工"] == "全户 2 人劳动技能均为无劳动力或丧失劳动力，但有务工成员：甲"
    assert note["务工表"] == "全户 2 人劳动技能均为无劳动力或丧失劳动力，但有务工成员：丙"


# ---- E08 employment / welfare-job aid, nobody worked since identification ----------------------


def test_E08_aid_but_nobody_works(audit):
    rows = (household("监测户", hid="无人务工", members=[idle("甲"), spouse(name="乙")])
            + household("监测户", hid="岗位类型", members=[idle("丙", 公益性岗位类型="护林员"), spouse(name="丁")])
            + household("监测户", hid="岗位类型无", members=[idle("戊", 公益性岗位类型="无", **{JOBS: "0"})])
            + household("监测户", hid="岗位月数", members=[idle("己", **{JOBS: "3"})])
            + household("监测户", hid="有务工", members=[worker("庚"), spouse(name="辛")])
            + household("监测户", hid="公益岗位帮扶", members=[idle("壬")], 就业帮扶="", 公益岗位帮扶="护林员")
            + household("监测户", hid="无措施", members=[idle("癸")], 就业帮扶="")
            + household("脱贫户", hid="非监测户", members=[idle("子")], 就业帮扶="就业服务"))
    found = audit(rows, rules={"E08"})
    assert found.households("E08") == {"无人务工", "岗位类型无", "公益岗位帮扶"}
    by = {f["户编号"]: f for f in found.of("E08")}
    assert by["无人务工"]["说明"] == "登记了就业帮扶“就业服务”，但识别监测时间 202310 以来户内无人务工，也无人有公益性岗位"
    assert by["无人务工"]["问题字段"] == "就业帮扶"
    assert by["公益岗位帮扶"]["问题字段"] == "公益岗位帮扶"


def test_E08_work_records_count_only_since_identification(audit):
    people = {n: idle(n) for n in ("前月结束", "当月结束", "未结束", "结束无法识别", "已务工否")}
    ends = {"前月结束": "202309", "当月结束": "202310", "未结束": "", "结束无法识别": "不详", "已务工否": ""}
    rows, work = [], []
    for name, p in people.items():
        rows += household("监测户", hid=name, members=[p])
        work.append(work_row(p, name, start="202301", end=ends[name], working="否" if name == "已务工否" else "是"))
    found = audit(rows, extra={"务工监测表": work}, rules={"E08"})
    assert found.households("E08") == {"前月结束", "已务工否"}


def test_E08_not_run_without_aid_columns(audit):
    rows = without(household("监测户", hid="H1", members=[idle("甲")]), "就业帮扶", "公益岗位帮扶")
    found = audit(rows)
    assert "E08" in found.skipped()


# ---- E09 travel-subsidy measure but annual travel subsidy 0 ----------------------------------


def test_E09_travel_subsidy_measure_without_subsidy(audit):
    a, b, c, d, e, f = (worker(n) for n in "甲乙丙丁戊己")
    rows = (household("监测户", hid="补助零", members=[a], 就业帮扶="外出务工补贴")
            + household("监测户", hid="无记录", members=[b], 就业帮扶="交通补贴,就业服务")
            + household("监测户", hid="有补助", members=[c], 就业帮扶="外出务工补贴")
            + household("监测户", hid="无此措施", members=[d], 就业帮扶="就业服务")
            + household("监测户", hid="按成员", members=[e, spouse(name="庚", 就业帮扶="")], 就业帮扶="一次性交通补贴")
            + household("脱贫户", hid="正负抵消", members=[f], 就业帮扶="外出务工补贴"))
    work = [work_row(a, "补助零", subsidy="0"), work_row(a, "补助零", subsidy=""),
            work_row(c, "有补助", subsidy="0"), work_row(c, "有补助", subsidy="500"),
            work_row(d, "无此措施", subsidy="0"),
            work_row(e, "按成员", subsidy="abc"),
            work_row(f, "正负抵消", subsidy="-200"), work_row(f, "正负抵消", subsidy="200")]
    found = audit(rows, extra={"务工监测表": work}, rules={"E09"})
    assert found.households("E09") == {"补助零", "无记录", "按成员", "正负抵消"}
    note = {g["户编号"]: g["说明"] for g in found.of("E09")}
    assert note["补助零"] == "就业帮扶登记了外出务工补贴或交通补贴，但务工监测表中该户的 2 条记录年度交通费补助合计为 0"
    assert note["无记录"] == "就业帮扶登记了外出务工补贴或交通补贴，但务工监测表中该户没有任何记录（年度交通费补助按 0）"


def test_E09_to_E13_not_run_without_the_secondary_tables(audit):
    rows = household("监测户", hid="H1", members=[worker("甲")], 就业帮扶="外出务工补贴,劳务输出")
    found = audit(rows)
    skipped = found.skipped()
    assert skipped["E09"] == "缺少输入：务工监测表"
    assert skipped["E10"] == "缺少输入：务工监测表"
    assert skipped["E13"] == "缺少输入：务工监测表"
    assert skipped["E12"] == "缺少输入：计划外出务工表"
    assert not found.of("E09") and not found.of("E10")


def test_E09_not_run_when_the_work_table_lacks_its_field(audit):
    a = worker("甲")
    rows = household("监测户", hid="H1", members=[a], 就业帮扶="外出务工补贴")
    work = [without([work_row(a, "H1")], "年度交通费补助")[0]]
    found = audit(rows, extra={"务工监测表": work})
    assert "务工监测表.年度交通费补助" in found.skipped()["E09"]


# ---- E10 劳务输出 but no county-external work started since identification -----------------


def test_E10_labour_export_without_new_work(audit):
    cases = {  # household → its 务工监测表 records (start, place)
        "省外新增": [("202311", "省外务工")],
        "当月县外": [("202310", "县外省内务工")],
        "地名含县外": [("2023-12-05", "县外务工（石家庄）")],
        "识别前": [("202309", "省外务工")],
        "县内": [("202311", "乡(镇)外县内务工")],
        "开始无法识别": [("不详", "省外务工")],
        "所在地空": [("202311", "")],
        "无记录": [],
    }
    rows, work = [], []
    for hid, records in cases.items():
        p = worker(hid + "人")
        rows += household("监测户", hid=hid, members=[p], 就业帮扶="劳务输出")
        work += [work_row(p, hid, start=s, place=place) for s, place in records]
    rows += household("监测户", hid="识别时间无效", members=[worker("甲")], 就业帮扶="劳务输出", 识别监测时间="2023.1")
    rows += household("监测户", hid="无劳务输出", members=[worker("乙")], 就业帮扶="就业服务")
    found = audit(rows, extra={"务工监测表": work}, rules={"E10"})
    assert found.households("E10") == {"识别前", "县内", "开始无法识别", "所在地空", "无记录"}
    note = {f["户编号"]: f["说明"] for f in found.of("E10")}
    assert note["无记录"] == "就业帮扶登记了劳务输出，但务工监测表中该户没有识别监测时间 202310 及以后开始的县外务工记录"


def test_E10_without_place_column_any_record_counts(audit):
    a, b = worker("甲"), worker("乙")
    rows = (household("监测户", hid="县内也算", members=[a], 就业帮扶="劳务输出")
            + household("监测户", hid="识别前", members=[b], 就业帮扶="劳务输出"))
    work = [work_row(a, "县内也算", start="202311", place=None), work_row(b, "识别前", start="202309", place=None)]
    found = audit(rows, extra={"务工监测表": work}, rules={"E10"})
    assert found.households("E10") == {"识别前"}


# ---- E11 employment aid on a member without labour capacity ----------------------------------


def test_E11_employment_aid_for_unable_member(audit):
    rows = (
        # measures filled per member: the unable member's own row carries the aid
        household("监测户", hid="按成员", members=[
            worker("甲"), idle("乙", 劳动技能="无劳动力", 就业帮扶="技能培训"), spouse(name="丙", 就业帮扶="")])
        # the same, but the unable member's row has none
        + household("监测户", hid="按成员无", members=[
            worker("丁"), idle("戊", 劳动技能="无劳动力", 就业帮扶=""), spouse(name="己", 就业帮扶="")])
        # filled per household: not attributable to the unable pupil
        + household("监测户", hid="按户", members=[worker("庚"), spouse(name="辛"), pupil(name="壬")])
        # everybody unable: every row with the aid is flagged
        + household("监测户", hid="全户无", members=[
            idle("癸", 劳动技能="无劳动力"), idle("子", 劳动技能="丧失劳动力")]))
    found = audit(rows, rules={"E11"})
    assert found.names("E11") == {"乙", "癸", "子"}
    by = {f["姓名"]: f for f in found.of("E11")}
    assert by["乙"]["说明"] == "本人劳动技能为“无劳动力”，但本行登记了就业帮扶“技能培训”（措施按成员填报）"
    assert by["子"]["说明"] == "本人劳动技能为“丧失劳动力”，但本行登记了就业帮扶“就业服务”（全户无劳动力）"
    assert by["乙"]["问题字段"] == "就业帮扶、劳动技能"


# ---- E12 planned migration without a service need (rows of the 计划外出务工表) ------------------


def test_E12_planned_without_service_need(audit):
    a, b, c = worker("甲"), worker("乙", rel="之子"), worker("丙", rel="之女", sex="女")
    rows = household(hid="H1", members=[a, b, c], town="走马驿镇", village="西村")
    stranger = {"户编号": "H9", "姓名": "外人", "证件号码": "130630199001011238", "是否计划务工": "是", "就业服务需求": ""}
    plan = [plan_row(a, "H1", need=""), plan_row(b, "H1", need="技能培训"), plan_row(c, "H1", planned="否", need=""),
            stranger]
    found = audit(rows, extra={"计划外出务工表": plan}, rules={"E12"})
    assert found.names("E12") == {"甲", "外人"}
    by = {f["姓名"]: f for f in found.of("E12")}
    linked = by["甲"]
    assert (linked["乡镇"], linked["行政村"], linked["户编号"], linked["户主姓名"]) == ("走马驿镇", "西村", "H1", "甲")
    assert linked["证件号码"] == a["证件号码"]
    assert linked["问题字段"] == "就业服务需求"
    assert linked["说明"] == "是否计划务工为“是”，但就业服务需求为空"
    assert linked["来源文件"].startswith("extra") and linked["来源行号"] == 2
    assert linked["发现键"] == "E12|" + a["证件号码"]
    unlinked = by["外人"]  # not in the main table: still reported, under its own 户编号
    assert (unlinked["乡镇"], unlinked["户编号"], unlinked["证件号码"]) == ("", "H9", "130630199001011238")
    assert unlinked["来源行号"] == 5


def test_E12_not_run_without_service_need_column(audit):
    a = worker("甲")
    plan = without([plan_row(a, "H1", need="")], "就业服务需求")
    found = audit(household(hid="H1", members=[a]), extra={"计划外出务工表": plan})
    assert "计划外出务工表.就业服务需求" in found.skipped()["E12"]


# ---- E13 work record without a valid start time (rows of the 务工监测表) ------------------------


def test_E13_start_time_blank_or_unparseable(audit):
    people = [worker(n) for n in ("为空", "无法识别", "年月", "日期", "中文年月", "点一", "两条")]
    rows = household(hid="H1", members=people)
    starts = ["", "2023年13月", "202311", "2023-11-05", "2023年11月", "2023.1"]
    work = [work_row(p, "H1", start=s) for p, s in zip(people, starts, strict=False)]
    work += [work_row(people[-1], "H1", start="202311"), work_row(people[-1], "H1", start="不详"),
             work_row(people[-1], "H1", start="")]
    found = audit(rows, extra={"务工监测表": work}, rules={"E13"})
    assert found.names("E13") == {"为空", "无法识别", "点一", "两条"}
    by = {f["姓名"]: f for f in found.of("E13")}
    assert by["为空"]["说明"] == "为空：务工监测记录的开始时间为空"
    assert by["无法识别"]["说明"] == "无法识别：开始时间“2023年13月”无法按年月或日期解析"
    assert by["无法识别"]["当前值"] == "2023年13月"
    assert by["无法识别"]["问题字段"] == "开始时间"
    # one finding per person (rules.md §5), the first row in file order, counting the others
    assert by["两条"]["说明"] == "无法识别：开始时间“不详”无法按年月或日期解析（此人共 2 条务工记录开始时间为空或无法识别）"
    assert by["两条"]["来源行号"] == 9
    assert by["两条"]["户编号"] == "H1" and by["两条"]["证件号码"] == people[-1]["证件号码"]
    assert len(found.of("E13")) == 4


def test_E11_row_without_household_number_is_its_own_household(audit):
    rows = household("监测户", hid="H1", members=[worker("甲"), idle("无户编号", 劳动技能="无劳动力", 就业帮扶="技能培训")])
    rows[1]["户编号"] = ""
    found = audit(rows, rules={"E11"})
    assert found.names("E11") == {"无户编号"}


def test_E13_row_linked_by_household_number_only(audit):
    a = worker("甲")
    rows = household(hid="H1", members=[a], town="走马驿镇", village="西村")
    stranger = {"户编号": "H1", "姓名": "不在主表", "证件号码": "130630199001011238", "开始时间": "",
                "是否已务工": "是", "年度交通费补助": "0"}
    found = audit(rows, extra={"务工监测表": [work_row(a, "H1"), stranger]}, rules={"E13"})
    assert found.names("E13") == {"不在主表"}
    f = found.of("E13")[0]
    # no member has this person key: the household of its 户编号 still routes it to the township
    assert (f["乡镇"], f["行政村"], f["户编号"], f["户主姓名"]) == ("走马驿镇", "西村", "H1", "甲")
    assert (f["证件号码"], f["来源行号"]) == ("130630199001011238", 3)
    assert f["发现键"] == "E13|130630199001011238"


# ---- the check SQL stays portable: SQLite gives the same rows as DuckDB -------------------------


def test_E_rules_give_the_same_rows_on_sqlite(audit):
    a = worker("甲", 劳动技能="无劳动力")
    b = pupil(name="乙", 务工所在地="省外务工", **{MONTHS: "13"})
    rows = (household("监测户", hid="H1", members=[a, b, idle("丙")], 工资性收入="100", 就业帮扶="外出务工补贴,劳务输出")
            + household("监测户", hid="H2", members=[worker(n, 劳动技能="无劳动力") for n in "子丑寅卯"], 工资性收入="")
            + household("监测户", hid="H3", members=[idle("辰", 公益性岗位类型="无")], 工资性收入="0")
            + household(hid="H4", members=[worker("巳", "", "3")]))
    work = [work_row(a, "H1", start="")]
    plan = [plan_row(a, "H1", need="")]
    found = audit(rows, extra={"务工监测表": work, "计划外出务工表": plan})
    assert same_on_sqlite(found, "E") == {f"E{i:02d}" for i in range(1, 14)}


def test_E09_E10_not_run_when_the_work_table_has_no_household_number(audit):
    a = worker("甲")
    rows = household("监测户", hid="H1", members=[a], 就业帮扶="外出务工补贴,劳务输出")
    work = without([work_row(a, "H1")], "户编号")
    found = audit(rows, extra={"务工监测表": work})
    assert "务工监测表.户编号" in found.skipped()["E09"]
    assert "务工监测表.户编号" in found.skipped()["E10"]
    assert "E13" not in found.skipped()
