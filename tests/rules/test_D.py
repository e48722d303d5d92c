"""Group D: age, labour and schooling (D01–D17).

Default test period 2024-06: ref_date 2024-06-30 (年龄), school_ref_date 2023-09-01 (学龄年龄).
Someone born on the reference day has just reached that age; born the day after, one year less.
"""

from factory import drop, household, make_id, person, pupil, spouse

YULU = "雨露计划"


def child(name: str, birth: str, **over) -> dict:
    """A child member (之子) with the given birth date and a matching ID; fields overridable."""
    base = dict(rel="之子", birth=birth, 文化程度="", 在校生状况="", 劳动技能="无劳动力", 务工所在地="",
                政治面貌="群众", **{"务工时间（月）": ""})
    base.update(over)
    return person(name=name, **base)


def home(*members: dict, kind: str = "脱贫户", **over) -> list[dict]:
    """A clean household headed by an ordinary adult, plus the given members."""
    return household(kind, members=[person(), *members], **over)



# ---- D01 16岁以下劳动技能不是无劳动力 --------------------------------------------------------

def test_D01_under_16_with_labour_capacity(audit):
    rows = home(
        child("十五岁普通", "20080701", 劳动技能="普通劳动力"),  # 15 on 2024-06-30
        child("十五岁丧失", "20080701", 劳动技能="丧失劳动力"),  # ≠ 无劳动力 is enough
        child("刚满十六", "20080630", 劳动技能="普通劳动力"),  # exactly 16: not under 16
        child("十五岁无劳", "20080701", 劳动技能="无劳动力"),
        child("十五岁变体", "20080701", 劳动技能="无劳动能力"),  # variant → 无劳动力
        child("十五岁空", "20080701", 劳动技能=""),  # blank: C03's business, not D01
    ) + home(
        # ID broken (A02): age from 出生日期 (2010-01-01 → 14)
        child("证号坏按出生日期", "20100101", 证件号码="13063020100101", 劳动技能="普通劳动力"),
        # ID broken and 出生日期 blank / unparseable: age unknown, not judged
        child("年龄未知空", "20100101", 证件号码="13063020100101", 出生日期="", 劳动技能="普通劳动力"),
        child("年龄未知乱", "20100101", 证件号码="13063020100101", 出生日期="2010年", 劳动技能="普通劳动力"),
        # valid ID wins over a contradicting 出生日期
        child("证号优先", "20100101", 出生日期="19800101", 劳动技能="技能劳动力"),
        child("已迁出", "20100101", 劳动技能="普通劳动力", 成员状态="迁出"),  # inactive row: no rule sees it
    )
    found = audit(rows, rules={"D01"})
    assert found.names("D01") == {"十五岁普通", "十五岁丧失", "证号坏按出生日期", "证号优先"}
    f = next(f for f in found.of("D01") if f["姓名"] == "十五岁普通")
    assert f["问题字段"] == "劳动技能" and f["当前值"] == "普通劳动力"
    assert "16周岁" in f["说明"] and "无劳动力" in f["说明"]


def test_D01_not_run_without_labour_column(audit):
    found = audit(drop(home(child("十岁", "20140101", 劳动技能="普通劳动力")), "劳动技能"))
    assert "D01" in found.skipped()
    assert found.of("D01") == []


# ---- D02 60岁及以上劳动技能为普通/技能/丧失劳动力 ---------------------------------------------

def test_D02_aged_60_or_more(audit):
    rows = home(
        person(rel="之父", name="刚满六十普通", birth="19640630", 劳动技能="普通劳动力"),
        person(rel="之父", name="七十技能", birth="19540101", 劳动技能="技能劳动力"),
        person(rel="之母", sex="女", name="六十五丧失", birth="19590101", 劳动技能="丧失劳动力", 健康状况="残疾"),
        person(rel="之父", name="六十变体", birth="19640101", 劳动技能="普通劳动"),  # variant → 普通劳动力
        person(rel="之父", name="五十九普通", birth="19640701", 劳动技能="普通劳动力"),  # 59
        person(rel="之母", sex="女", name="六十弱", birth="19640630", 劳动技能="弱劳动力或半劳动力"),
        person(rel="之母", sex="女", name="六十无", birth="19640630", 劳动技能="无劳动力"),
    )
    found = audit(rows, rules={"D02"})
    assert found.names("D02") == {"刚满六十普通", "七十技能", "六十五丧失", "六十变体"}
    f = next(f for f in found.of("D02") if f["姓名"] == "七十技能")
    assert f["问题字段"] == "劳动技能" and f["当前值"] == "技能劳动力"


# ---- D03 16（含）-60周岁（不含）健康非在校生为无劳动力或弱/半劳动力 ---------------------------

def test_D03_healthy_working_age_non_student_without_labour(audit):
    rows = home(
        child("刚满十六无劳", "20080630", 劳动技能="无劳动力"),
        child("十五岁无劳", "20080701", 劳动技能="无劳动力"),  # under 16
        person(rel="之兄弟姐妹", name="五十九弱", birth="19640701", 劳动技能="弱劳动力或半劳动力"),
        person(rel="之父", name="刚满六十弱", birth="19640630", 劳动技能="弱劳动力或半劳动力"),  # 60: out
        child("非在校生值", "20000101", 在校生状况="非在校生", 劳动技能="无劳动力"),  # = blank
        child("在读中职", "20070101", 在校生状况="中职三年级", 劳动技能="无劳动力"),  # student
        child("学龄前值", "20000101", 在校生状况="学龄前儿童", 劳动技能="无劳动力"),  # filled, not blank
        child("慢性病", "20000101", 健康状况="长期慢性病", 劳动技能="无劳动力"),
        child("健康加病", "20000101", 健康状况="健康,患有大病", 劳动技能="无劳动力"),  # not 健康 only
        child("普通劳力", "20000101", 劳动技能="普通劳动力"),
        child("丧失劳力", "20000101", 劳动技能="丧失劳动力"),  # D05's case, not D03
    )
    found = audit(rows, rules={"D03"})
    assert found.names("D03") == {"刚满十六无劳", "五十九弱", "非在校生值"}
    f = next(f for f in found.of("D03") if f["姓名"] == "刚满十六无劳")
    assert "年龄 16 岁" in f["说明"] and f["当前值"] == "劳动技能=无劳动力；健康状况=健康"


# ---- D04 在校生劳动力状况不是无劳动力 -------------------------------------------------------

def test_D04_student_with_labour_capacity(audit):
    rows = home(
        pupil(name="初中普通", 劳动技能="普通劳动力"),
        child("大专旧值", "20030101", 在校生状况="大专及以上", 劳动技能="技能劳动力"),  # old value, studying
        child("高中变体", "20070101", 在校生状况="高中一年级", 劳动技能="弱劳动力或半劳动力"),
        pupil(name="初中无劳"),
        pupil(name="初中空劳", 劳动技能=""),  # blank: C03
        child("学龄前普通", "20200101", 在校生状况="学龄前儿童", 劳动技能="普通劳动力"),  # not a student
        child("非在校普通", "20000101", 在校生状况="非在校生", 劳动技能="普通劳动力"),
    )
    found = audit(rows, rules={"D04"})
    assert found.names("D04") == {"初中普通", "大专旧值", "高中变体"}
    f = next(f for f in found.of("D04") if f["姓名"] == "初中普通")
    assert f["当前值"] == "劳动技能=普通劳动力；在校生状况=八年级"


# ---- D05 丧失劳动力但健康状况为健康 -----------------------------------------------------------

def test_D05_lost_labour_but_healthy(audit):
    rows = home(
        spouse(name="丧失健康", 健康状况="健康", 劳动技能="丧失劳动力"),
        person(rel="之父", name="丧失残疾", birth="19500101", 健康状况="残疾", 劳动技能="丧失劳动力"),
        person(rel="之父", name="丧失健康加病", birth="19500101", 健康状况="健康、患有大病", 劳动技能="丧失劳动力"),
        person(rel="之兄弟姐妹", name="无劳健康", birth="19900101", 健康状况="健康", 劳动技能="无劳动力"),
        person(rel="之兄弟姐妹", name="丧失空健康", birth="19900101", 健康状况="", 劳动技能="丧失劳动力"),
    )
    found = audit(rows, rules={"D05"})
    assert found.names("D05") == {"丧失健康"}
    assert found.of("D05")[0]["当前值"] == "劳动技能=丧失劳动力；健康状况=健康"


# ---- D06 一、二级（重度）残疾有普通劳动能力 ---------------------------------------------------

def disabled(name: str, suffix: str | None, labour: str = "普通劳动力", health: str = "残疾") -> dict:
    """An adult with a disability-card number (ID + category digit + grade digit) when suffix is given."""
    number = make_id("19700101") + (suffix or "")
    return person(rel="之兄弟姐妹", name=name, birth="19700101", 证件号码=number,
                  证件类型="残疾人证" if suffix else "身份证", 健康状况=health, 劳动技能=labour)


def test_D06_severe_disability_with_ordinary_labour(audit):
    rows = home(
        disabled("肢体一级普通", "41"),
        disabled("多重二级技能", "72", labour="技能劳动力"),
        disabled("残疾多值", "11", health="长期慢性病,残疾"),
        disabled("三级普通", "43"),  # grade 3 is not severe
        disabled("类别八", "81"),  # category 8 not in 1–7 (A03 reports it)
        disabled("一级弱劳", "41", labour="弱劳动力或半劳动力"),
        disabled("一级健康", "41", health="健康"),  # 健康状况 lacks 残疾
        disabled("无残疾证号", None),  # ID18: not judged
    )
    found = audit(rows, rules={"D06"})
    assert found.names("D06") == {"肢体一级普通", "多重二级技能", "残疾多值"}
    f = next(f for f in found.of("D06") if f["姓名"] == "肢体一级普通")
    assert "肢体" in f["说明"] and "1 级" in f["说明"] and f["问题字段"] == "劳动技能"


# ---- D07–D11 在校生年龄（学龄年龄，2023-09-01 时的周岁）---------------------------------------

def test_D07_primary_pupil_age(audit):
    rows = home(
        child("小学刚满六", "20170901", 在校生状况="小学"),  # 6 on 2023-09-01
        child("小学五岁", "20170902", 在校生状况="小学"),  # 5
        child("小学十四", "20080902", 在校生状况="小学六年级"),  # 14, variant → 小学
        child("小学十五", "20080901", 在校生状况="小学三年级"),  # 15
        # 6 on ref_date 2024-06-30 but 5 on school_ref_date: the school age decides
        child("学龄五岁", "20171201", 在校生状况="小学"),
        child("初中五岁", "20170902", 在校生状况="七年级"),  # not 小学 (D08's)
    )
    found = audit(rows, rules={"D07"})
    assert found.names("D07") == {"小学五岁", "小学十五", "学龄五岁"}
    assert {f["当前值"] for f in found.of("D07")} == {"小学", "小学三年级"}


def test_D08_junior_pupil_age(audit):
    rows = home(
        child("七年级十一", "20120901", 在校生状况="七年级"),
        child("七年级十", "20120902", 在校生状况="七年级"),
        child("九年级十七", "20050902", 在校生状况="九年级"),
        child("九年级十八", "20050901", 在校生状况="九年级"),
        child("八年级二十", "20030101", 在校生状况="八年级"),
    )
    found = audit(rows, rules={"D08"})
    assert found.names("D08") == {"七年级十", "九年级十八", "八年级二十"}


def test_D09_senior_and_vocational_age(audit):
    rows = home(
        child("高一十五", "20080901", 在校生状况="普通高中一年级"),
        child("高一十四", "20080902", 在校生状况="普通高中一年级"),
        child("中职三二十", "20020902", 在校生状况="中职三年级"),
        child("中职三二一", "20020901", 在校生状况="中职三年级"),
        child("旧高二二一", "20020901", 在校生状况="高中二年级"),  # old value → 普通高中二年级
        child("高职二一", "20020901", 在校生状况="高职高专一年级"),  # not in D09's list
    )
    found = audit(rows, rules={"D09"})
    assert found.names("D09") == {"高一十四", "中职三二一", "旧高二二一"}


def test_D10_postgraduate_under_20(audit):
    rows = home(
        child("硕士二十", "20030901", 在校生状况="硕士研究生及以上"),
        child("硕士十九", "20030902", 在校生状况="硕士研究生及以上"),
        child("本科十九", "20030902", 在校生状况="本科一年级"),
    )
    found = audit(rows, rules={"D10"})
    assert found.names("D10") == {"硕士十九"}


def test_D11_preschool_aged_7_or_more(audit):
    rows = home(
        child("学龄前七岁", "20160901", 在校生状况="学龄前儿童"),
        child("学龄前六岁", "20160902", 在校生状况="学龄前儿童"),
        child("学前教育八岁", "20150101", 在校生状况="学前教育"),
        child("学前教育六岁", "20170101", 在校生状况="学前教育"),
        child("小学七岁", "20160101", 在校生状况="小学"),
    )
    found = audit(rows, rules={"D11"})
    assert found.names("D11") == {"学龄前七岁", "学前教育八岁"}


# ---- D12 义务教育适龄儿童不在校 ---------------------------------------------------------------

def test_D12_compulsory_age_child_not_in_school(audit):
    rows = home(
        child("六岁空", "20170901"),  # 6 on 2023-09-01
        child("五岁空", "20170902"),  # 5
        child("十六岁空", "20070901"),  # 16
        child("十七岁空", "20060901"),  # 17
        child("十岁非在校", "20130101", 在校生状况="非在校生"),
        child("十岁有失学原因", "20130101", 失学或辍学原因="因病"),
        child("十岁有未上学原因", "20130101", 义务教育阶段未上学原因="因残"),
        child("十岁学龄前", "20130101", 在校生状况="学龄前儿童"),  # filled (not blank)
        child("十岁小学", "20130101", 在校生状况="小学"),
    )
    found = audit(rows, rules={"D12"})
    assert found.names("D12") == {"六岁空", "十六岁空", "十岁非在校"}
    f = next(f for f in found.of("D12") if f["姓名"] == "十岁非在校")
    assert "学龄年龄 10 岁" in f["说明"] and "非在校生" in f["说明"] and f["当前值"] == "非在校生"


def test_D12_reason_columns_absent_count_as_blank(audit):
    rows = drop(home(child("十岁无原因列", "20130101")), "义务教育阶段未上学原因", "失学或辍学原因")
    found = audit(rows)
    assert "D12" not in found.skipped()
    assert found.names("D12") == {"十岁无原因列"}


# ---- D13 16–22岁文化程度为小学及以下 ---------------------------------------------------------

def test_D13_young_with_primary_education_or_less(audit):
    rows = home(
        child("十六小学", "20080630", 文化程度="小学"),
        child("十五小学", "20080701", 文化程度="小学"),
        child("二二文盲", "20020630", 文化程度="文盲或半文盲"),
        child("二三文盲", "20010630", 文化程度="文盲或半文盲"),
        child("二十初中", "20040101", 文化程度="初中"),
    )
    found = audit(rows, rules={"D13"})
    assert found.names("D13") == {"十六小学", "二二文盲"}
    assert found.of("D13")[0]["问题字段"] == "文化程度"


# ---- D14 70岁及以上参加公益性岗位 -------------------------------------------------------------

def old(name: str, birth: str = "19540630", **over) -> dict:
    return person(rel="之父", name=name, birth=birth, 劳动技能="弱劳动力或半劳动力", 务工所在地="",
                  **{"务工时间（月）": ""}, **over)


def test_D14_aged_70_with_welfare_job(audit):
    rows = home(
        old("七十岗位类型", 公益性岗位类型="护林员"),
        old("六十九岗位类型", birth="19540701", 公益性岗位类型="护林员"),
        old("岗位类型无", 公益性岗位类型="无"),
        old("岗位月数六", **{"公益性岗位(月数)": "6"}),
        old("岗位月数零", **{"公益性岗位(月数)": "0"}),
        old("岗位月数乱", **{"公益性岗位(月数)": "六个月"}),  # non-numeric: E02's business
        old("渠道公益", 就业渠道="公益性岗位安置"),
        old("渠道其他", 就业渠道="自主就业"),
        old("本行帮扶", 公益岗位帮扶="护林员"),  # other rows of the household are blank
    ) + household("脱贫户", hid="H_ALL", members=[person(), old("按户帮扶")], 公益岗位帮扶="保洁员") + household(
        # filed per household: the inactive row's blank cell does not make it "per member"
        "脱贫户", hid="H_INACTIVE", 公益岗位帮扶="保洁员",
        members=[person(), old("按户帮扶有故人"), old("已故", birth="19300101", 成员状态="死亡", 公益岗位帮扶="")])
    found = audit(rows, rules={"D14"})
    assert found.names("D14") == {"七十岗位类型", "岗位月数六", "渠道公益", "本行帮扶"}
    by = {f["姓名"]: f for f in found.of("D14")}
    assert by["七十岗位类型"]["问题字段"] == "公益性岗位类型" and by["七十岗位类型"]["当前值"] == "护林员"
    assert by["岗位月数六"]["问题字段"] == "公益性岗位(月数)"
    assert by["本行帮扶"]["问题字段"] == "公益岗位帮扶" and "按成员填报" in by["本行帮扶"]["说明"]


def test_D14_born_29_february_turns_70_on_1_march(audit):
    # period 2022-02: ref_date 2022-02-28 in a common year; someone born 1952-02-29 is still 69
    rows = home(old("闰日生", birth="19520229", 公益性岗位类型="护林员"),
                old("二月廿八生", birth="19520228", 公益性岗位类型="护林员"))
    found = audit(rows, period="2022-02", rules={"D14"})
    assert found.names("D14") == {"二月廿八生"}


def test_D14_not_run_without_any_welfare_job_column(audit):
    rows = drop(home(old("七十无列")), "公益性岗位类型", "公益性岗位(月数)", "就业渠道", "公益岗位帮扶")
    found = audit(rows)
    assert "D14" in found.skipped()
    # one of the four columns is enough to run
    found = audit(drop(home(old("七十有类型", 公益性岗位类型="护林员")), "公益性岗位(月数)", "公益岗位帮扶"))
    assert "D14" not in found.skipped()
    assert found.names("D14") == {"七十有类型"}


# ---- D15 特困供养人员为18–60岁健康非在校生 ----------------------------------------------------

def tekun(name: str, birth: str = "19940101", **over) -> dict:
    base = {"享受特困供养政策情况": "农村特困", "是否特困供养人员": "否"}
    base.update(over)
    return person(rel="之兄弟姐妹", name=name, birth=birth, **base)


def test_D15_extreme_poverty_support_for_healthy_adult(audit):
    rows = home(
        tekun("政策农村特困"),
        tekun("是否特困是", **{"享受特困供养政策情况": "不享受", "是否特困供养人员": "是"}),
        tekun("刚满十八", birth="20060630"),
        tekun("十七岁", birth="20060701"),
        tekun("五十九", birth="19640701"),
        tekun("刚满六十", birth="19640630"),
        tekun("慢性病", 健康状况="长期慢性病"),
        tekun("在读本科", 在校生状况="本科一年级"),
        tekun("非在校生值", 在校生状况="非在校生"),
        tekun("不享受", **{"享受特困供养政策情况": "不享受"}),
    )
    found = audit(rows, rules={"D15"})
    assert found.names("D15") == {"政策农村特困", "是否特困是", "刚满十八", "五十九", "非在校生值"}
    by = {f["姓名"]: f for f in found.of("D15")}
    assert by["政策农村特困"]["问题字段"] == "享受特困供养政策情况、健康状况"
    assert by["是否特困是"]["问题字段"] == "是否特困供养人员、健康状况"


def test_D15_not_run_without_tekun_columns(audit):
    found = audit(drop(home(tekun("无列")), "享受特困供养政策情况", "是否特困供养人员"))
    assert "D15" in found.skipped()
    found = audit(drop(home(tekun("只有政策列")), "是否特困供养人员"))
    assert found.names("D15") == {"只有政策列"}


# ---- D16 雨露计划补助人员不是中高职学生 -------------------------------------------------------

def test_D16_yulu_recipient_not_vocational_student(audit):
    rows = (
        # per member: 雨露 only on the 中职 pupil's row → fine
        home(child("中职生甲", "20070101", 在校生状况="中职一年级", 教育帮扶=YULU), hid="M_OK")
        # per member: 雨露 on an 八年级 pupil's row → flagged
        + home(pupil(name="初中生乙", 教育帮扶=YULU), hid="M_BAD")
        # per member: 雨露 (in 义务教育保障) on a row with blank 在校生状况 → flagged
        + home(child("空状态丙", "20050101", 义务教育保障="雨露计划补助"),
               child("技师丁", "20050101", 在校生状况="技师学院二年级"), hid="M_BLANK")
        # per household (every row 雨露) with a 高职 student → fine
        + home(child("高职戊", "20040101", 在校生状况="高职高专二年级"), hid="H_OK", 教育帮扶=YULU)
        # per household without any vocational student → flagged
        + home(pupil(name="初中己"), hid="H_BAD", 教育帮扶="雨露计划,助学贷款")
        # per household among the active rows (the inactive row's blank cell does not count) → fine
        + household("脱贫户", hid="H_OK_INACTIVE", 教育帮扶=YULU,
                    members=[person(), child("中职辛", "20070101", 在校生状况="中职二年级"),
                             child("迁出壬", "19990101", 成员状态="迁出", 教育帮扶="")])
        # no 雨露 at all → not judged
        + home(pupil(name="初中庚"), hid="NONE", 教育帮扶="助学贷款")
    )
    found = audit(rows, rules={"D16"})
    assert found.households("D16") == {"M_BAD", "M_BLANK", "H_BAD"}
    by = {f["户编号"]: f for f in found.of("D16")}
    assert "初中生乙（八年级）" in by["M_BAD"]["说明"] and "按成员填报" in by["M_BAD"]["说明"]
    assert "空状态丙（在校生状况为空）" in by["M_BLANK"]["说明"] and "技师丁" not in by["M_BLANK"]["说明"]
    assert by["M_BLANK"]["问题字段"] == "义务教育保障"
    assert "按户填报" in by["H_BAD"]["说明"] and "初中己（八年级）" in by["H_BAD"]["说明"]
    assert by["H_BAD"]["问题字段"] == "教育帮扶"


def test_D16_lists_the_first_five_members_in_file_order(audit):
    pupils = [pupil(name=f"初中{i}", birth=f"201{i}0101", 教育帮扶=YULU) for i in range(6)]
    found = audit(home(*pupils, hid="MANY"), rules={"D16"})
    assert found.households("D16") == {"MANY"}
    note = found.of("D16")[0]["说明"]
    assert note.endswith("：初中0（八年级）、初中1（八年级）、初中2（八年级）、初中3（八年级）、初中4（八年级） 等 6 人")


def test_D16_D17_not_run_without_education_measure_columns(audit):
    rows = drop(home(pupil(name="初中辛", 教育帮扶=YULU)), "教育帮扶", "义务教育保障")
    found = audit(rows)
    assert "D16" in found.skipped() and "D17" in found.skipped()


# ---- D17 家中有中高职学生但未享受雨露计划 -----------------------------------------------------

def test_D17_vocational_student_without_yulu(audit):
    rows = (
        home(child("中职二甲", "20070101", 在校生状况="中职二年级"), hid="POOR")  # 脱贫户 → flagged
        + home(child("中职二乙", "20070101", 在校生状况="中职二年级", 教育帮扶=YULU), hid="POOR_YULU")
        + home(child("技师四丙", "20030101", 在校生状况="技师学院四年级"), kind="监测户", hid="MON")
        + home(child("中职一丁", "20080101", 在校生状况="中职一年级"), kind="一般农户", hid="PLAIN")
        + home(child("本科戊", "20040101", 在校生状况="本科一年级"), hid="UNI")
        # 雨露 recorded in 义务教育保障 on another member's row is enough
        + home(child("高职己", "20040101", 在校生状况="高职一年级"), pupil(name="初中庚", 义务教育保障=YULU),
               hid="YULU_OTHER_ROW")
    )
    found = audit(rows, rules={"D17"})
    assert found.households("D17") == {"POOR", "MON"}
    by = {f["户编号"]: f for f in found.of("D17")}
    assert "中职二甲（中职二年级）" in by["POOR"]["说明"]


def test_D17_not_run_without_household_type_columns(audit):
    rows = drop(home(child("中职三", "20060101", 在校生状况="中职三年级")), "户类型", "监测对象类别")
    found = audit(rows)
    assert "D17" in found.skipped()
    assert "D16" not in found.skipped()
