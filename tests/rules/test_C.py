"""Group C: member attributes (completeness and code lists).

Every test starts from clean factory households and changes only what its rule is about, and asserts
the exact set of flagged persons, so over- and under-reporting both fail.
"""

from factory import drop, household, make_id, person, pupil

from auditor.config import Config


def notes(found, rule_id: str) -> dict[str, str]:
    return {f["姓名"]: f["说明"] for f in found.of(rule_id)}


def fields(found, rule_id: str) -> dict[str, str]:
    return {f["姓名"]: f["问题字段"] for f in found.of(rule_id)}


# ---- C01 民族为空 -------------------------------------------------------------------------------

def test_C01_blank_ethnicity(audit):
    rows = (household(hid="H1", members=[person(name="张三", 民族="")])
            + household(hid="H2", members=[person(name="李四", 民族="汉")])  # variant 汉 → 汉族
            + household(hid="H3", members=[person(name="王五", 民族="\u3000")])  # only a full-width space: blank
            + household(hid="H4", members=[person(name="赵六", 民族="NULL")])  # blank token
            + household(hid="H5", members=[person(name="孙七", 民族="回族"),
                                           person(name="周八", rel="之子", 民族="", 成员状态="死亡")])  # inactive
            + household(hid="", members=[person(name="无户号", 民族="")]))  # person rules run without 户编号
    found = audit(rows, rules={"C01"})
    assert found.names("C01") == {"张三", "王五", "赵六", "无户号"}
    assert {f["说明"] for f in found.of("C01")} == {"民族为空，须填写民族"}
    assert {f["问题字段"] for f in found.of("C01")} == {"民族"}


def test_C01_not_run_without_the_column(audit):
    found = audit(drop(household(members=[person(name="张三")]), "民族"))
    assert "C01" in found.skipped()
    assert found.of("C01") == []


# ---- C02 健康状况为空或填写有误 ----------------------------------------------------------------------

def test_C02_blank_invalid_and_healthy_with_illness(audit):
    rows = (household(hid="H1", members=[person(name="空值", 健康状况="")])
            + household(hid="H2", members=[person(name="分隔符", 健康状况=",,")])
            + household(hid="H3", members=[person(name="无效", 健康状况="良好")])
            + household(hid="H4", members=[person(name="并存", 健康状况="健康,残疾", 残疾类别="肢体")])
            + household(hid="H5", members=[person(name="两者", 健康状况="健康、良好")])
            + household(hid="H6", members=[person(name="多项", 健康状况="残疾、长期慢性病", 残疾类别="肢体")])
            + household(hid="H7", members=[person(name="全角分号", 健康状况="患有大病；长期慢性病")])
            + household(hid="H8", members=[person(name="重复健康", 健康状况="健康,健康")]))
    found = audit(rows, rules={"C02"})
    assert found.names("C02") == {"空值", "分隔符", "无效", "并存", "两者"}
    n = notes(found, "C02")
    assert n["空值"].startswith("为空：")
    assert n["分隔符"].startswith("为空：")
    assert n["无效"].startswith("无效值：") and "良好" in n["无效"]
    assert n["并存"].startswith("健康与疾病并存：")
    assert n["两者"].startswith("无效值：") and "；健康与疾病并存：" in n["两者"]
    assert {f["当前值"] for f in found.of("C02") if f["姓名"] == "两者"} == {"健康、良好"}  # original text


# ---- C03 劳动技能为空或填写有误 ----------------------------------------------------------------------

def test_C03_blank_or_not_in_code_list(audit):
    rows = (household(hid="H1", members=[person(name="空值", 劳动技能="")])
            + household(hid="H2", members=[person(name="无效", 劳动技能="半劳动力")])
            + household(hid="H3", members=[person(name="变体一", 劳动技能="普通劳动")])  # → 普通劳动力
            + household(hid="H4", members=[person(name="变体二", 劳动技能="无劳动能力", 务工所在地="",
                                                  **{"务工时间（月）": ""})])  # → 无劳动力
            + household(hid="H5", members=[person(name="丧失", 劳动技能="丧失劳动力", 健康状况="患有大病")]))
    found = audit(rows, rules={"C03"})
    assert found.names("C03") == {"空值", "无效"}
    n = notes(found, "C03")
    assert n["空值"] == "劳动技能为空"
    assert "“半劳动力”不在代码表内" in n["无效"]


# ---- C04 文化程度或在校生状况填写有误 ------------------------------------------------------------------

def test_C04_education_or_school_status_not_in_code_list(audit):
    rows = (household(hid="H1", members=[person(name="文化错", 文化程度="中专")])
            + household(hid="H2", members=[person(name="在校错", 文化程度="", 在校生状况="初三")])
            + household(hid="H3", members=[person(name="两列错", 文化程度="中专", 在校生状况="初三")])
            + household(hid="H4", members=[person(name="旧高中", 文化程度="", 在校生状况="高中一年级")])
            + household(hid="H5", members=[person(name="小学三", 文化程度="", 在校生状况="小学三年级")])
            + household(hid="H6", members=[person(name="大专及以上", 文化程度="", 在校生状况="大专及以上")])
            + household(hid="H7", members=[person(name="非在校", 在校生状况="非在校生")])
            + household(hid="H8", members=[person(name="学龄前", 文化程度="", 在校生状况="学龄前儿童")])
            + household(hid="H9", members=[person(name="本科", 文化程度="本科及以上")]))
    found = audit(rows, rules={"C04"})
    assert found.names("C04") == {"文化错", "在校错", "两列错"}
    f, n = fields(found, "C04"), notes(found, "C04")
    assert f == {"文化错": "文化程度", "在校错": "在校生状况", "两列错": "文化程度、在校生状况"}
    assert n["文化错"].startswith("文化程度有误：“中专”")
    assert n["在校错"].startswith("在校生状况有误：“初三”")
    assert "文化程度有误" in n["两列错"] and "；在校生状况有误" in n["两列错"]
    assert {x["当前值"] for x in found.of("C04") if x["姓名"] == "两列错"} == {"文化程度=中专；在校生状况=初三"}


# ---- C05 文化程度和在校生状况同时填写 ------------------------------------------------------------------

def test_C05_both_education_and_school_status(audit):
    rows = (household(hid="H1", members=[person(), pupil(name="在读", 文化程度="小学")])
            + household(hid="H2", members=[person(), pupil(name="学龄前", birth="20200101", 在校生状况="学龄前儿童",
                                                          文化程度="文盲或半文盲")])
            + household(hid="H3", members=[person(name="非在校", 在校生状况="非在校生")])  # 非在校生 = not filled
            + household(hid="H4", members=[person(), pupil(name="只在读")]))
    found = audit(rows, rules={"C05"})
    assert found.names("C05") == {"在读", "学龄前"}
    assert {f["问题字段"] for f in found.of("C05")} == {"文化程度、在校生状况"}
    assert {f["当前值"] for f in found.of("C05") if f["姓名"] == "在读"} == {"文化程度=小学；在校生状况=八年级"}


# ---- C06 文化程度、在校生状况、未上学原因均为空 -----------------------------------------------------------

def test_C06_all_education_fields_blank(audit):
    rows = (household(hid="H1", members=[person(name="全空", 文化程度="")])
            + household(hid="H2", members=[person(name="非在校", 文化程度="", 在校生状况="非在校生")])
            + household(hid="H3", members=[person(name="有原因", 文化程度="", 失学或辍学原因="其他")])
            + household(hid="H4", members=[person(name="有未上学原因", 文化程度="", 义务教育阶段未上学原因="其他")])
            + household(hid="H5", members=[person(name="学龄前", 文化程度="", 在校生状况="学龄前儿童")])
            + household(hid="H6", members=[person(name="有文化", 文化程度="小学")]))
    found = audit(rows, rules={"C06"})
    assert found.names("C06") == {"全空", "非在校"}


def test_C06_missing_reason_columns_count_as_blank(audit):
    rows = (household(hid="H1", members=[person(name="全空", 文化程度="")])
            + household(hid="H2", members=[person(name="有文化")]))
    found = audit(drop(rows, "失学或辍学原因", "义务教育阶段未上学原因"))
    assert "C06" not in found.skipped()
    assert found.names("C06") == {"全空"}


# ---- C07 政治面貌疑似有误 ---------------------------------------------------------------------------

def test_C07_political_status(audit):
    rows = (household(hid="H1", members=[person(name="空值", 政治面貌="")])
            + household(hid="H2", members=[person(name="无效", 政治面貌="无党派")])
            + household(hid="H3", members=[person(name="党员", 政治面貌="党员")])  # → 中共党员
            + household(hid="H4", members=[person(name="预备", 政治面貌="预备党员")])
            + household(hid="H5", members=[person(name="团员", 政治面貌="团员")]))
    found = audit(rows, rules={"C07"})
    assert found.names("C07") == {"空值", "无效"}
    n = notes(found, "C07")
    assert n["空值"] == "政治面貌为空"
    assert "“无党派”不在代码表内" in n["无效"]
    assert {f["类别"] for f in found.of("C07")} == {"非必改"}


# ---- C08 / C09 是否参加城乡居民基本养老保险 / 大病保险 ------------------------------------------------------

def test_C08_residents_pension_flag(audit):
    field = "是否参加城乡居民基本养老保险"
    rows = (household(hid="H1", members=[person(name="空值", **{field: ""})])
            + household(hid="H2", members=[person(name="数字", **{field: "1"})])
            + household(hid="H3", members=[person(name="否", **{field: "否"})])
            + household(hid="H4", members=[person(name="带空格", **{field: " 是 "})]))
    found = audit(rows, rules={"C08"})
    assert found.names("C08") == {"空值", "数字"}
    n = notes(found, "C08")
    assert n["空值"] == f"{field}为空"
    assert n["数字"] == f"{field}“1”无效（应填 是 或 否）"


def test_C09_critical_illness_insurance_flag(audit):
    field = "是否参加大病保险"
    rows = (household(hid="H1", members=[person(name="空值", **{field: ""})])
            + household(hid="H2", members=[person(name="无效", **{field: "已参加"})])
            + household(hid="H3", members=[person(name="否", **{field: "否"})]))
    found = audit(rows, rules={"C09"})
    assert found.names("C09") == {"空值", "无效"}
    assert notes(found, "C09")["无效"] == f"{field}“已参加”无效（应填 是 或 否）"


# ---- C10 基本医疗保险同时为空或同时为否 --------------------------------------------------------------

A, B = "是否参加城乡居民基本医疗保险", "是否参加城镇职工基本医疗保险"


def test_C10_no_basic_medical_insurance_sub_classes(audit):
    rows = (household(hid="H1", members=[person(name="同空", **{A: "", B: ""})])
            + household(hid="H2", members=[person(name="同否", **{A: "否", B: "否"})])
            + household(hid="H3", members=[person(name="空否", **{A: "", B: "否"})])
            + household(hid="H4", members=[person(name="否空", **{A: "否", B: ""})])
            + household(hid="H5", members=[person(name="无效", **{A: "有", B: "否"})])
            + household(hid="H6", members=[person(name="职工", **{A: "否", B: "是"})])
            + household(hid="H7", members=[person(name="居民", **{A: "是", B: ""})]))
    found = audit(rows, rules={"C10"})
    assert found.names("C10") == {"同空", "同否", "空否", "否空", "无效"}
    n = notes(found, "C10")
    assert n["同空"].startswith("同时为空：")
    assert n["同否"].startswith("同时为否：")
    assert n["空否"].startswith("一空一否：") and n["否空"].startswith("一空一否：")
    assert n["无效"].startswith("含无效值：") and "“有”" in n["无效"]
    assert set(fields(found, "C10").values()) == {f"{A}、{B}"}


def test_C10_missing_employee_column_counts_as_blank(audit):
    rows = (household(hid="H1", members=[person(name="否", **{A: "否"})])
            + household(hid="H2", members=[person(name="空", **{A: ""})])
            + household(hid="H3", members=[person(name="是", **{A: "是"})]))
    found = audit(drop(rows, B))
    assert "C10" not in found.skipped()
    assert found.names("C10") == {"否", "空"}
    n = notes(found, "C10")
    assert n["否"].startswith("一空一否：") and "列不存在（按空）" in n["否"]
    assert n["空"].startswith("同时为空：")
    assert set(fields(found, "C10").values()) == {A}


# ---- C11 同时参加城乡居民和城镇职工基本医疗保险 -----------------------------------------------------------

def test_C11_both_basic_schemes(audit):
    rows = (household(hid="H1", members=[person(name="双保", **{A: "是", B: "是"})])
            + household(hid="H2", members=[person(name="居民", **{A: "是", B: "否"})])
            + household(hid="H3", members=[person(name="职工", **{A: "否", B: "是"})])
            + household(hid="H4", members=[person(name="居民空", **{A: "是", B: ""})]))
    found = audit(rows, rules={"C11"})
    assert found.names("C11") == {"双保"}
    assert {f["当前值"] for f in found.of("C11")} == {f"{A}=是；{B}=是"}


def test_C11_not_run_without_the_employee_column(audit):
    found = audit(drop(household(members=[person(**{A: "是"})]), B))
    assert "C11" in found.skipped()


# ---- C12 其他“是否”字段为空或填写有误 ------------------------------------------------------------------

def test_C12_other_yes_no_fields(audit):
    rows = (household(hid="H1", members=[person(name="一空", 是否国外务工="")])
            + household(hid="H2", members=[person(name="一错", 是否会讲普通话="会")])
            + household(hid="H3", members=[person(name="两项", 是否享受低保="", 是否异地扶贫搬迁人口="不是")])
            + household(hid="H4", members=[person(name="全对")]))
    found = audit(rows, rules={"C12"})
    assert found.names("C12") == {"一空", "一错", "两项"}
    assert fields(found, "C12") == {"一空": "是否国外务工", "一错": "是否会讲普通话",
                                    "两项": "是否享受低保、是否异地扶贫搬迁人口"}
    n = notes(found, "C12")
    assert n["一空"] == "是否国外务工为空（应填 是 或 否）"
    assert n["两项"] == "是否享受低保为空；是否异地扶贫搬迁人口“不是”无效（应填 是 或 否）"
    assert {f["当前值"] for f in found.of("C12") if f["姓名"] == "两项"} == {"是否享受低保=；是否异地扶贫搬迁人口=不是"}


def test_C12_checks_only_columns_the_export_has(audit):
    rows = (household(hid="H1", members=[person(name="有列", 是否会讲普通话="")])
            + household(hid="H2", members=[person(name="无列")]))
    found = audit(drop(rows, "是否国外务工", "是否特困供养人员"), rules={"C12"})  # absent columns are not "blank"
    assert found.names("C12") == {"有列"}
    assert fields(found, "C12") == {"有列": "是否会讲普通话"}


def test_C12_uses_the_configured_field_list(audit):
    cfg = Config().with_params(c12_fields=["是否国外务工", "是否参加大病保险"])
    rows = (household(hid="H1", members=[person(name="国外务工", 是否国外务工="")])
            + household(hid="H2", members=[person(name="普通话", 是否会讲普通话="")])  # not in the list
            + household(hid="H3", members=[person(name="大病", 是否参加大病保险="不知道")]))
    found = audit(rows, config=cfg, rules={"C12"})
    assert found.names("C12") == {"国外务工", "大病"}


def test_C12_not_run_without_any_group_column(audit):
    from auditor.fields import FIELD_GROUPS

    found = audit(drop(household(members=[person()]), *FIELD_GROUPS["@其他是否"]))
    assert "C12" in found.skipped()


# ---- C13 健康状况为残疾但无残疾人证 ------------------------------------------------------------------

def disabled(name: str, **over) -> dict:
    base = dict(name=name, 健康状况="残疾", 残疾类别="肢体")
    base.update(over)
    return person(**base)


def test_C13_disabled_without_card(audit):
    card20 = make_id("19800101", "男") + "41"
    rows = (household(hid="H1", members=[disabled("无证")])
            + household(hid="H2", members=[disabled("类型空", 证件类型="")])  # blank type ≠ 残疾人证
            + household(hid="H3", members=[disabled("残疾人证", 证件类型="残疾人证", 证件号码=card20)])
            + household(hid="H4", members=[disabled("残疾证变体", 证件类型="残疾证", 证件号码=card20)])
            + household(hid="H5", members=[disabled("二十位", 证件号码=card20)])  # ID20 number, type 身份证
            + household(hid="H6", members=[disabled("有年度", 残疾证办证年度="2015")])
            + household(hid="H7", members=[person(name="慢性病", 健康状况="长期慢性病")])
            + household(hid="H8", members=[disabled("二十二位", 证件号码=card20 + "00")]))  # ID22 is not ID20
    found = audit(rows, rules={"C13"})
    assert found.names("C13") == {"无证", "类型空", "二十二位"}
    n = notes(found, "C13")
    assert n["无证"].startswith("健康状况含残疾，但证件类型为“身份证”")
    assert "证件类型为空" in n["类型空"]
    assert set(fields(found, "C13").values()) == {"健康状况、证件类型、残疾证办证年度"}
    assert {f["类别"] for f in found.of("C13")} == {"非必改"}


def test_C13_missing_year_column_counts_as_blank(audit):
    rows = household(hid="H1", members=[disabled("无证")]) + household(hid="H2", members=[person(name="健康")])
    found = audit(drop(rows, "残疾证办证年度"))
    assert "C13" not in found.skipped()
    assert found.names("C13") == {"无证"}
    assert fields(found, "C13") == {"无证": "健康状况、证件类型"}
    assert "残疾证办证年度列不存在" in notes(found, "C13")["无证"]


def test_C13_not_run_without_id_type(audit):
    found = audit(drop(household(members=[disabled("无证")]), "证件类型"))
    assert "C13" in found.skipped()


# ---- C14 残疾类别与健康状况矛盾 ---------------------------------------------------------------------

def test_C14_category_and_health_contradict(audit):
    rows = (household(hid="H1", members=[person(name="有类别无残疾", 残疾类别="肢体")])
            + household(hid="H2", members=[person(name="类别无", 残疾类别="无")])  # 无 = not filled
            + household(hid="H3", members=[person(name="残疾无类别", 健康状况="残疾", 证件类型="残疾人证",
                                                  证件号码=make_id() + "41")])
            + household(hid="H4", members=[person(name="残疾类别为无", 健康状况="残疾,长期慢性病", 残疾类别="无",
                                                  残疾证办证年度="2015")])
            + household(hid="H5", members=[person(name="一致", 健康状况="长期慢性病,残疾", 残疾类别="肢体",
                                                  残疾证办证年度="2015")])
            + household(hid="H6", members=[person(name="健康空", 健康状况="", 残疾类别="视力")]))
    found = audit(rows, rules={"C14"})
    assert found.names("C14") == {"有类别无残疾", "残疾无类别", "残疾类别为无", "健康空"}
    n = notes(found, "C14")
    assert n["有类别无残疾"] == "残疾类别为“肢体”，但健康状况“健康”不含残疾"
    assert n["残疾无类别"] == "健康状况“残疾”含残疾，但残疾类别为空"
    assert n["残疾类别为无"].endswith("残疾类别为“无”")
    assert n["健康空"] == "残疾类别为“视力”，但健康状况为空不含残疾"


# ---- C15 失学或辍学原因为因病/因残但健康状况为健康 -----------------------------------------------------

def test_C15_illness_reason_but_healthy(audit):
    rows = (household(hid="H1", members=[person(), pupil(name="因病", 在校生状况="", 失学或辍学原因="因病")])
            + household(hid="H2", members=[person(), pupil(name="因残", 在校生状况="", 义务教育阶段未上学原因="因残")])
            + household(hid="H3", members=[person(), pupil(name="有病", 在校生状况="", 失学或辍学原因="因病",
                                                          健康状况="长期慢性病")])
            + household(hid="H4", members=[person(), pupil(name="健康加残疾", 在校生状况="", 失学或辍学原因="因残",
                                                          健康状况="健康,残疾")])
            + household(hid="H5", members=[person(), pupil(name="其他原因", 在校生状况="", 失学或辍学原因="其他")]))
    found = audit(rows, rules={"C15"})
    assert found.names("C15") == {"因病", "因残"}
    assert fields(found, "C15") == {"因病": "失学或辍学原因、健康状况", "因残": "义务教育阶段未上学原因、健康状况"}
    n = notes(found, "C15")
    assert n["因病"] == "失学或辍学原因为因病，但健康状况为健康"
    assert n["因残"] == "义务教育阶段未上学原因为因残，但健康状况为健康"


def test_C15_runs_with_one_reason_column_and_not_with_none(audit):
    rows = household(members=[person(), pupil(name="因病", 在校生状况="", 失学或辍学原因="因病")])
    one = audit(drop(rows, "义务教育阶段未上学原因"))
    assert "C15" not in one.skipped()
    assert one.names("C15") == {"因病"}
    none = audit(drop(rows, "义务教育阶段未上学原因", "失学或辍学原因"))
    assert "C15" in none.skipped()
    assert none.of("C15") == []
