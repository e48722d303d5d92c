"""Group B: household structure (B01–B11).

Default period 2024-06: ref_date 2024-06-30. Every test asserts the exact set of households (or
persons) a rule reports, so over- and under-reporting both fail.
"""

import sqlglot
from factory import household, make_id, person, pupil, spouse

from auditor.catalogue import rules_by_id
from auditor.catalogue.compile import rule_sql, run_parameters
from auditor.config import Config
from auditor.period import resolve_period


def with_status(rows: list[dict]) -> list[dict]:
    for r in rows:
        r.setdefault("成员状态", "")
    return rows


def by_hh(found, rule_id: str) -> dict[str, str]:
    return {f["户编号"]: f["说明"] for f in found.of(rule_id)}


def by_name(found, rule_id: str) -> dict[str, str]:
    return {f["姓名"]: f["说明"] for f in found.of(rule_id)}


# ---- B01 / B02 / B03 heads and spouses -------------------------------------------------------

def test_B01_no_head(audit):
    rows = with_status(
        household(hid="H1", members=[spouse(name="甲"), pupil()])  # nobody is 户主
        + household(hid="H2", members=[person(name="乙", 成员状态="死亡"), spouse()])  # the head is inactive
        + household(hid="H3", members=[person(name="丙", 与户主关系="户主 "), spouse()])  # norm: still 户主
        + household(hid="H4"))
    found = audit(rows, rules={"B01", "B02"})
    assert found.households("B01") == {"H1", "H2"}
    assert found.households("B02") == set()


def test_B02_several_heads(audit):
    rows = with_status(
        household(hid="H1", members=[person(name="甲"), person(name="乙", sex="女", birth="19820315"), spouse()])
        + household(hid="H2", members=[person(name="丙"), person(name="丁", 成员状态="迁出"), spouse()])
        + household(hid="H3"))
    found = audit(rows, rules={"B02"})
    assert found.households("B02") == {"H1"}
    assert by_hh(found, "B02")["H1"] == "户内有 2 个户主：甲（第2行）、乙（第3行）"


def test_B03_several_spouses(audit):
    rows = with_status(
        household(hid="H1", members=[person(), spouse(name="甲"), spouse(name="乙")])
        + household(hid="H2", members=[person(), spouse(name="丙"), spouse(name="丁", 成员状态="死亡")])
        + household(hid="H3", members=[person(), spouse()]))
    found = audit(rows, rules={"B03"})
    assert found.households("B03") == {"H1"}
    assert by_hh(found, "B03")["H1"] == "户内有 2 个配偶：甲（第3行）、乙（第4行）"


# ---- B04 head and spouse of the same sex -----------------------------------------------------

def test_B04_same_sex(audit):
    rows = (household(hid="H1", members=[person(name="户主1"), spouse(name="男配偶", sex="男")])
            + household(hid="H2", members=[person(name="户主2"), spouse(name="空性别女号", sex="", 证件号码=make_id(sex="女"))])
            + household(hid="H3", members=[person(name="户主3"), spouse(name="空性别男号", sex="", 证件号码=make_id(sex="男"))])
            + household(hid="H4", members=[person(name="户主4"), spouse(name="未知", sex="", 证件号码="")])
            + household(hid="H5", members=[person(name="户主5", sex="女", birth="19800101"), spouse(name="女配偶")])
            + household(hid="H6", members=[person(name="户主6"), person(name="户主6b"), spouse(name="男配偶6", sex="男")])
            + household(hid="H7", members=[person(name="户主7"), spouse(name="代码2", sex="2")])
            + household(hid="H8", members=[person(name="户主8", sex="", 证件号码=""), spouse(name="男配偶8", sex="男")]))
    found = audit(rows, rules={"B04"})
    assert found.households("B04") == {"H1", "H3", "H5"}
    notes = by_hh(found, "B04")
    assert notes["H1"] == "户主户主1与配偶男配偶（第3行）性别均为男"
    assert notes["H5"] == "户主户主5与配偶女配偶（第11行）性别均为女"


# ---- B05 relation vs sex ---------------------------------------------------------------------

def test_B05_relation_implies_sex(audit):
    members = [
        person(name="户主"),
        spouse(),
        pupil(name="女儿子", sex="女"),
        pupil(name="男女儿", rel="之女", sex="男"),
        pupil(name="空性别女号之子", sex="", 证件号码=make_id("20100520", sex="女")),
        pupil(name="空性别男号之子", sex="", 证件号码=make_id("20100520", sex="男")),
        pupil(name="未知之子", sex="", 证件号码=""),
        person(name="兄弟姐妹", rel="之兄弟姐妹", sex="女", birth="19850101"),
        person(name="女叔伯", rel="之叔伯", sex="女", birth="19600101"),
        person(name="男儿媳", rel="之儿媳", sex="男", birth="19990101"),
        person(name="男兄弟媳妇", rel="之兄弟媳妇", sex="男", birth="19830101"),
        person(name="代码1之母", rel="之母", sex="1", birth="19500101"),
    ]
    found = audit(household(hid="H1", members=members), rules={"B05"})
    got = by_name(found, "B05")
    assert set(got) == {"女儿子", "男女儿", "空性别女号之子", "女叔伯", "男儿媳", "男兄弟媳妇", "代码1之母"}
    assert got["女儿子"] == "与户主关系为之子，应为男性，但性别为女"
    assert got["空性别女号之子"] == "与户主关系为之子，应为男性，但性别为空或无效，证件号码推出的性别为女"


# ---- B06 in-law relations vs the head's sex --------------------------------------------------

def test_B06_in_laws(audit):
    def hh(hid, head, *rest):
        return household(hid=hid, members=[head, *rest])

    father_in_law = dict(rel="之公公", birth="19500101")
    rows = (hh("H1", person(name="男户主"), spouse(), person(name="婆婆", rel="之婆婆", sex="女", birth="19520101"))
            + hh("H2", person(name="女户主", sex="女"), person(name="公公", **father_in_law))
            + hh("H3", person(name="男户主3"), spouse(), person(name="岳母", rel="之岳母", sex="女", birth="19520101"))
            + hh("H4", person(name="女户主4", sex="女"), person(name="岳父", rel="之岳父", birth="19500101"))
            + hh("H5", person(name="女户主5", sex="女"), person(name="公公5", **father_in_law),
                 person(name="岳父5", rel="之岳父", birth="19510101"))
            + hh("H6", person(name="性别未知户主", sex="", 证件号码=""), person(name="婆婆6", rel="之婆婆", sex="女",
                                                                        birth="19520101"))
            + hh("H7", person(name="户主7"), person(name="户主7b"), person(name="婆婆7", rel="之婆婆", sex="女",
                                                                           birth="19520101"))
            + hh("H8", person(name="空性别男号户主", sex="", 证件号码=make_id(sex="男")),
                 person(name="婆婆8", rel="之婆婆", sex="女", birth="19520101")))
    found = audit(rows, rules={"B06"})
    assert found.households("B06") == {"H1", "H4", "H5", "H8"}
    notes = by_hh(found, "B06")
    assert notes["H1"] == "户内有之婆婆（丈夫的父母），户主应为女性，但户主性别为男"
    assert notes["H4"] == "户内有之岳父（妻子的父母），户主应为男性，但户主性别为女"
    assert notes["H5"].startswith("户内同时有之公公（丈夫的父母）与之岳父（妻子的父母）")


# ---- B07 generation / age gaps ---------------------------------------------------------------

def test_B07_age_gaps(audit):
    # Head born 1980-01-01: 44 on 2024-06-30.
    members = [
        person(name="户主"),
        spouse(name="配偶16", birth="20080630"),  # exactly 16 today: fine
        pupil(name="子差15", birth="19950101"),  # 29: gap 15, fine
        pupil(name="子差14", birth="19940101"),  # 30: gap 14
        pupil(name="女差14", rel="之女", sex="女", birth="19940630"),  # 30 today: gap 14
        pupil(name="女差15", rel="之女", sex="女", birth="19940701"),  # 29 until tomorrow: gap 15
        person(name="父差15", rel="之父", birth="19650101"),  # 59: gap 15
        person(name="母差14", rel="之母", sex="女", birth="19660101"),  # 58: gap 14
        pupil(name="孙差30", rel="之孙子", birth="20100101"),  # 14: gap 30
        pupil(name="孙差29", rel="之外孙女", sex="女", birth="20090101"),  # 15: gap 29
        person(name="祖父差29", rel="之祖父", birth="19510101"),  # 73: gap 29
        person(name="祖母差30", rel="之外祖母", sex="女", birth="19500101"),  # 74: gap 30
        pupil(name="曾孙差20", rel="之曾孙子", birth="20000101"),  # 24: gap 20
        pupil(name="年龄未知之子", 证件号码="", 出生日期=""),
        pupil(name="号码坏用出生日期", birth="19940101", 证件号码="123"),  # age from 出生日期: 30, gap 14
        person(name="兄弟", rel="之兄弟姐妹", birth="19900101"),
    ]
    found = audit(household(hid="H1", members=members), rules={"B07"})
    got = by_name(found, "B07")
    assert set(got) == {"子差14", "女差14", "母差14", "孙差29", "祖父差29", "曾孙差20", "号码坏用出生日期"}
    assert got["子差14"] == "与户主关系为之子，本人 30 岁，户主 44 岁，应至少比户主小 15 岁，实际年龄差 14 岁"
    fields = {f["姓名"]: f["问题字段"] for f in found.of("B07")}
    assert fields["子差14"] == "与户主关系、证件号码"
    assert fields["号码坏用出生日期"] == "与户主关系、出生日期"


def test_B07_spouse_and_head_conditions(audit):
    rows = (household(hid="H1", members=[person(name="户主1"), spouse(name="配偶15", birth="20080701")])
            + household(hid="H2", members=[person(name="户主2", 证件号码="", 出生日期=""),  # head age unknown
                                           spouse(name="配偶15b", birth="20080701"), pupil(name="子2", birth="19940101")])
            + household(hid="H3", members=[person(name="户主3"), person(name="户主3b"),  # two heads
                                           pupil(name="子3", birth="19940101")]))
    found = audit(rows, rules={"B07"})
    got = by_name(found, "B07")
    assert set(got) == {"配偶15"}
    assert got["配偶15"] == "配偶年龄 15 岁，小于 16 岁"


def test_B07_parameters(audit):
    cfg = Config().with_params(min_parent_gap=20)
    rows = household(hid="H1", members=[person(name="户主"), pupil(name="子差16", birth="19960101")])
    assert audit(rows, rules={"B07"}).names("B07") == set()
    assert audit(rows, config=cfg, rules={"B07"}).names("B07") == {"子差16"}


# ---- B08 declared household size -------------------------------------------------------------

def test_B08_household_size(audit):
    def hh(hid, size):
        return household(hid=hid, members=[person(), spouse(), pupil()], 家庭人口数=size)

    rows = (hh("H1", "") + hh("H2", "3.5") + hh("H3", "-3") + hh("H4", "三") + hh("H5", "4") + hh("H6", "2")
            + hh("H7", "3") + hh("H8", "3.0") + hh("H9", "0") + hh("H10", "99999999999999999999"))
    rows += with_status(household(hid="H11", members=[person(), spouse(), pupil(成员状态="死亡")], 家庭人口数="2"))
    rows += with_status(household(hid="H12", members=[person(), spouse(), pupil(成员状态="死亡")], 家庭人口数="3"))
    for r in rows:
        r.setdefault("成员状态", "")
    found = audit(rows, rules={"B08", "H10", "H11", "H12"})
    assert found.households("B08") == {"H1", "H2", "H3", "H4", "H5", "H6", "H9", "H10", "H12"}
    notes = by_hh(found, "B08")
    assert notes["H1"] == "为空：家庭人口数为空，成员行数 3"
    assert notes["H2"] == "非整数：家庭人口数“3.5”不是非负整数，成员行数 3"
    assert notes["H3"].startswith("非整数") and notes["H4"].startswith("非整数")
    assert notes["H5"] == "不一致：家庭人口数 4 与成员行数 3 不一致"
    assert notes["H10"] == "不一致：家庭人口数 99999999999999999999 与成员行数 3 不一致"
    assert notes["H12"] == "不一致：家庭人口数 3 与成员行数 2 不一致"


def test_B08_uses_the_heads_value(audit):
    rows = household(hid="H1", members=[spouse(), person(), pupil()])
    rows[0]["家庭人口数"] = "5"  # the head's row says 3: 户值 is the head's
    found = audit(rows, rules={"B08", "B09"})
    assert found.households("B08") == set()
    assert found.households("B09") == {"H1"}


def test_B08_not_run_without_size_column(audit):
    rows = [{k: v for k, v in r.items() if k != "家庭人口数"} for r in household(hid="H1")]
    found = audit(rows)
    assert "B08" in found.skipped()
    assert found.households("B08") == set()


# ---- B09 household fields consistent within the household ------------------------------------

def test_B09_inconsistent_fields(audit):
    def hh(hid, **row2):
        rows = household(hid=hid)
        rows[1].update(row2)
        return rows

    wage = int(household()[0]["工资性收入"])
    rows = (hh("H1", 户类型="一般农户")
            + hh("H2", 工资性收入=f"{wage}.02")
            + hh("H3", 工资性收入=f"{wage}.01")  # difference 0.01: the same
            + hh("H4", 工资性收入=f"{wage:,}.00")  # thousands separator: the same number
            + hh("H5", 工资性收入="两万一")  # non-numeric vs numeric
            + hh("H6", 年度="2024.0")  # integers compared as numbers
            + hh("H7", 户类型="")  # blank does not count by default
            + hh("H8", 户主证件号码="")
            + household(hid="H9", members=[person(), spouse()], kind="监测户")
            + household(hid="H10", members=[person(), spouse()], kind="监测户")
            + household(hid="H11", members=[person(), spouse()], kind="监测户")
            + household(hid="H12", members=[person(), spouse()], kind="监测户"))
    rows[-7]["识别监测时间"] = "2023-10"  # H9: the same month as 202310
    rows[-5]["识别监测时间"] = "202311"  # H10
    rows[-3]["识别监测时间"] = "2023.1"  # H11: unparseable text vs 202310
    rows[-2]["识别监测时间"] = "2023.1"  # H12: both unparseable and equal
    rows[-1]["识别监测时间"] = "2023.1"
    found = audit(rows, rules={"B09", "H10", "H11", "H12"})
    assert found.households("B09") == {"H1", "H2", "H5", "H10", "H11"}
    notes = by_hh(found, "B09")
    assert notes["H1"] == "户类型：脱贫户（第2、4行） / 一般农户（第3行）"
    assert notes["H10"] == "识别监测时间：202310（第28行） / 202311（第29行）"
    assert notes["H2"] == f"工资性收入：{wage}（第5、7行） / {wage}.02（第6行）"
    fields = {f["户编号"]: f["问题字段"] for f in found.of("B09")}
    assert fields["H1"] == "户类型"


def test_B09_several_fields_and_blank_counts(audit):
    rows = household(hid="H1")
    rows[1].update(户类型="一般农户", 年度="2023")
    rows += household(hid="H2")
    rows[-1]["户类型"] = ""
    rows += household(hid="H3", members=[person()])  # one member: never inconsistent
    found = audit(rows, rules={"B09"})
    assert found.households("B09") == {"H1"}
    (f,) = found.of("B09")
    assert f["问题字段"] == "户类型、年度"
    assert f["说明"] == "户类型：脱贫户（第2、4行） / 一般农户（第3行）；年度：2024（第2、4行） / 2023（第3行）"
    cfg = Config().with_params(b09_blank_counts=True)
    found = audit(rows, config=cfg, rules={"B09"})
    assert found.households("B09") == {"H1", "H2"}
    assert by_hh(found, "B09")["H2"] == "户类型：脱贫户（第5、6行） / （空）（第7行）"


def test_B09_configured_fields(audit):
    rows = household(hid="H1")
    rows[0]["其他备注"] = "甲"
    rows[1].update(户类型="一般农户", 其他备注="乙")
    cfg = Config().with_params(b09_fields=["其他备注"])  # any household-level field may be configured
    found = audit(rows, config=cfg, rules={"B09"})
    assert by_hh(found, "B09") == {"H1": "其他备注：甲（第2行） / 乙（第3行）"}


def test_B09_not_run_without_any_field(audit):
    from auditor.fields import FIELD_GROUPS

    group = set(FIELD_GROUPS["@户级一致"])
    rows = [{k: v for k, v in r.items() if k not in group} for r in household(hid="H1")]
    found = audit(rows)
    assert "B09" in found.skipped()


# ---- B10 relation code -----------------------------------------------------------------------

def test_B10_relation_code(audit):
    members = [person(name="户主"), spouse(name="空关系", rel=""), pupil(name="儿子", rel="儿子"),
               pupil(name="之子", rel="之子"), person(name="其他", rel="其他", birth="19900101"),
               person(name="曾孙女", rel="之曾孙女", sex="女", birth="20200101")]
    found = audit(household(hid="H1", members=members), rules={"B10"})
    got = by_name(found, "B10")
    assert set(got) == {"空关系", "儿子"}
    assert got["空关系"] == "与户主关系为空"
    assert got["儿子"].startswith("与户主关系“儿子”不在代码表内")


# ---- B11 phones ------------------------------------------------------------------------------

def test_B11_household_phone(audit):
    phones = {
        "H1": "", "H2": "138-1234-5678", "H3": "+8613812345678", "H4": "13812345678.0", "H5": "0312-1234567",
        "H6": "(0312)12345678", "H7": "12812345678", "H8": "1381234567", "H9": "13811111112", "H10": "13811111123",
        "H11": "0086 138 1234 5678", "H12": "031212345", "H13": "03121234567890", "H14": "1381234567a",
        "H15": "13800000000",
    }
    rows = []
    for hid, phone in phones.items():
        rows += household(hid=hid, members=[person(), spouse()], 户联系电话=phone)
    rows += household(hid="H16", members=[person(), spouse()], 户联系电话=13812345678)  # a number cell
    rows += household(hid="H17", members=[person(), spouse()], 户联系电话="1111111111")
    found = audit(rows, rules={"B11", "H10", "H11", "H12", "H13", "H14", "H15", "H16", "H17"})
    assert found.households("B11") == {"H1", "H7", "H8", "H9", "H12", "H13", "H14", "H15", "H17"}
    notes = by_hh(found, "B11")
    assert notes["H1"] == "户联系电话为空"
    assert notes["H7"] == "户联系电话 12812345678 不是11位手机号或以0开头的固话"
    assert notes["H9"] == "户联系电话 13811111112 含连续7位及以上相同数字"
    assert notes["H17"] == "户联系电话 1111111111 不是11位手机号或以0开头的固话，且含连续7位及以上相同数字"


def test_B11_member_phone(audit):
    rows = household(hid="H1", members=[person(name="甲", 成员联系电话="1391234567"), spouse(成员联系电话="")])
    rows += household(hid="H2", members=[person(成员联系电话="13912345678"), spouse(成员联系电话="")])
    rows += household(hid="H3", members=[person(name="丙", 成员联系电话="13" + "9" * 7 + "12"), spouse()], 户联系电话="")
    found = audit(rows, rules={"B11"})
    assert found.households("B11") == {"H1", "H3"}
    got = {f["户编号"]: f for f in found.of("B11")}
    assert got["H1"]["问题字段"] == "成员联系电话"
    assert got["H1"]["说明"] == "成员甲（第2行）联系电话 1391234567 不是11位手机号或以0开头的固话"
    assert got["H3"]["问题字段"] == "户联系电话、成员联系电话"
    assert got["H3"]["说明"] == "户联系电话为空；成员丙（第6行）联系电话 13999999912 含连续7位及以上相同数字"


def test_B11_not_run_without_household_phone(audit):
    rows = [{k: v for k, v in r.items() if k != "户联系电话"} for r in household(hid="H1")]
    found = audit(rows)
    assert "B11" in found.skipped()


# ---- portability -----------------------------------------------------------------------------

def test_group_A_and_B_sql_transpiles_to_every_engine():
    cfg = Config()
    params = run_parameters(cfg, resolve_period("2024-06", [], cfg))
    for rule_id, rule in rules_by_id().items():
        if rule_id[0] not in "AB":
            continue
        for dialect in ("duckdb", "sqlite", "postgres", "spark"):
            sql = rule_sql(rule, params, dialect)
            sqlglot.parse_one(sql, read=dialect)
