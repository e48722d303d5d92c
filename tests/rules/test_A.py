"""Group A: identity and ID numbers (A01–A09).

Default period 2024-06: ref_date 2024-06-30. Every test asserts the exact set of persons (or
households) a rule reports, so over- and under-reporting both fail.
"""

from factory import check_digit, household, make_id, person, spouse

from auditor.config import Config


def id18(first17: str) -> str:
    """first17 + its right check digit."""
    return first17 + check_digit(first17)


def wrong_check(first17: str) -> str:
    """first17 + a wrong check digit."""
    right = check_digit(first17)
    return first17 + ("1" if right != "1" else "2")


def solo(hid: str, name: str, **over) -> list[dict]:
    """A one-person household whose head carries the fields under test."""
    return household(hid=hid, members=[person(name=name, **over)])


def notes(found, rule_id: str) -> dict[str, str]:
    return {f["姓名"]: f["说明"] for f in found.of(rule_id)}


# ---- A01 check digit ------------------------------------------------------------------------

def test_A01_check_digit(audit):
    x_id = next(id18(f"13063019800101{i:03d}") for i in range(0, 1000, 2)
                if check_digit(f"13063019800101{i:03d}") == "X")
    trunc = "13063019800101100"  # positions 16–18 all zero and the check digit is not 0 → A02 (6)
    assert check_digit(trunc) != "0"
    rows = (solo("H1", "错位", sex="女", 证件号码=wrong_check("13063019800101002"))
            + solo("H2", "残疾证号错位", 证件类型="残疾人证", 证件号码=wrong_check("13063019800101001") + "12")
            + solo("H3", "小写x", sex="女", 证件号码=x_id.lower())  # X is case-insensitive
            + solo("H4", "正确", 证件号码=make_id())
            + solo("H5", "截断", sex="女", 证件号码=trunc + "0")  # A02 (6), so not A01
            + solo("H6", "护照", 证件类型="护照", 证件号码=wrong_check("13063019800101003"))
            + solo("H7", "旧号", 证件号码="130630800101123")  # ID15: no check digit
            + solo("H8", "二十二位", 证件号码=wrong_check("13063019800101005") + "1234"))
    found = audit(rows, rules={"A01", "A02"})
    assert found.names("A01") == {"错位", "残疾证号错位", "二十二位"}
    assert found.names("A02") == {"截断", "旧号"}


# ---- A02 blank / malformed / destroyed by Excel ----------------------------------------------

def test_A02_sub_classes(audit):
    valid = make_id()
    rows = (solo("H1", "空号", 证件号码="")
            + solo("H2", "数值", 证件号码=int(valid[:17] + "1"))  # an 18-digit number cell: digits lost
            + solo("H3", "科学计数", 证件号码="1.30630E+17")
            + solo("H4", "浮点", 证件号码=valid + ".0")
            + solo("H5", "十五位", 证件号码="130630800101123")
            + solo("H6", "十七位", 证件号码=valid[:17])
            + solo("H7", "字母", 证件号码=valid[:16] + "Y" + valid[17])
            + solo("H8", "十九位", 证件号码=valid + "1")
            + solo("H9", "截断", 证件号码="13063019800101" + "1000"))
    found = audit(rows, rules={"A01", "A02"})
    assert check_digit("13063019800101100") != "0"
    got = notes(found, "A02")
    assert set(got) == {"空号", "数值", "科学计数", "浮点", "十五位", "十七位", "字母", "十九位", "截断"}
    assert got["空号"].startswith("子类(1)")
    assert got["数值"].startswith("子类(2)") and got["科学计数"].startswith("子类(2)")
    assert got["浮点"].startswith("子类(3)")
    assert got["十五位"].startswith("子类(4)")
    assert got["十七位"].startswith("子类(5)") and "17位" in got["十七位"]
    assert got["字母"].startswith("子类(5)") and got["十九位"].startswith("子类(5)")
    assert got["截断"].startswith("子类(6)")
    assert found.names("A01") == set()  # (6) is not reported again by A01; broken IDs are not judged


def test_A02_near_misses(audit):
    ok_zero = id18("13063019800101200")  # ends in 000 but the check digit (0) is right: a real ID
    assert ok_zero.endswith("000")
    rows = (solo("H1", "全零真号", sex="女", 证件号码=ok_zero)
            + solo("H2", "十八位", 证件号码=make_id())
            + solo("H3", "二十位", 证件号码=make_id() + "12", 证件类型="残疾人证")
            + solo("H4", "其他证件空号", 证件类型="护照", 证件号码="")
            + solo("H5", "其他证件乱号", 证件类型="军官证", 证件号码="军字123")
            + solo("H6", "证件类型空", 证件类型="", 证件号码="")  # blank type = 身份证: judged
            + solo("H7", "包裹", 证件号码='="' + make_id() + '"')  # ="…" wrapper is norm, not an error
            + solo("H8", "全角", 证件号码=make_id().translate(str.maketrans("0123456789", "０１２３４５６７８９"))))
    found = audit(rows, rules={"A01", "A02"})
    assert found.names("A02") == {"证件类型空"}
    assert found.names("A01") == set()


# ---- A03 disability card number --------------------------------------------------------------

def test_A03_disability_card(audit):
    base = make_id()
    rows = (solo("H1", "证是18位", 证件类型="残疾人证", 证件号码=make_id())
            + solo("H2", "类别8", 证件类型="残疾人证", 证件号码=make_id() + "84")
            + solo("H3", "类别0", 证件类型="", 证件号码=make_id() + "04")
            + solo("H4", "等级5", 证件类型="残疾证", 证件号码=make_id() + "15")
            + solo("H5", "填身份证", 证件类型="身份证", 证件号码=make_id() + "12")
            + solo("H6", "边界74", 证件类型="残疾人证", 证件号码=make_id() + "74")
            + solo("H7", "边界11", 证件类型="残疾证", 证件号码=make_id() + "11")
            + solo("H8", "类型空", 证件类型="", 证件号码=make_id() + "23")
            + solo("H9", "证是15位", 证件类型="残疾人证", 证件号码="130630800101123")  # A02 (4): not judged
            + solo("H10", "身份证18位", 证件号码=base)
            + solo("H11", "校验错", 证件类型="残疾人证", 证件号码=wrong_check(make_id()[:17]) + "12"))
    found = audit(rows, rules={"A01", "A03", "H10", "H11"})
    got = notes(found, "A03")
    assert set(got) == {"证是18位", "类别8", "类别0", "等级5", "填身份证"}
    assert "不是20位残疾人证号" in got["证是18位"]
    assert "第19位（残疾类别）为8" in got["类别8"] and "第19位（残疾类别）为0" in got["类别0"]
    assert "第20位（残疾等级）为5" in got["等级5"]
    assert "证件类型填写为身份证" in got["填身份证"]
    fields = {f["姓名"]: f["问题字段"] for f in found.of("A03")}
    assert fields["类别8"] == "证件号码" and fields["填身份证"] == "证件号码、证件类型"
    assert found.names("A01") == {"校验错"}  # the check digit of a card number is A01's, not A03's


# ---- A04 birth date inside the ID -----------------------------------------------------------

def test_A04_birth_date_in_id(audit):
    rows = (solo("H1", "二月三十", birth="19800230")
            + solo("H2", "非闰年", birth="19000229")
            + solo("H3", "闰年", birth="20000229")
            + solo("H4", "未来", birth="20240701")
            + solo("H5", "参照日", birth="20240630")
            + solo("H6", "太早", birth="18991231")
            + solo("H7", "十三月", birth="19801301")
            + solo("H8", "旧号无效", 证件号码="130630800230123", 出生日期="")
            + solo("H9", "旧号有效", 证件号码="130630800229123", 出生日期="")
            + solo("H10", "其他证件", 证件类型="护照", 证件号码=make_id("19800230")))
    found = audit(rows, rules={"A04", "H10"})
    got = notes(found, "A04")
    assert set(got) == {"二月三十", "非闰年", "未来", "太早", "十三月", "旧号无效"}
    assert got["二月三十"] == "证件号码中的出生日期 19800230 不是有效日期"
    assert got["旧号无效"] == "证件号码中的出生日期 19800230 不是有效日期"
    assert got["太早"] == "证件号码中的出生日期 18991231 早于1900年"
    assert got["未来"].startswith("证件号码中的出生日期 20240701 晚于参照日期")


def test_A04_boundary_follows_ref_date(audit):
    rows = solo("H1", "七月一日", birth="20240701") + solo("H2", "八月一日", birth="20240801")
    found = audit(rows, period="2024-07", rules={"A04"})
    assert found.names("A04") == {"八月一日"}


# ---- A05 recorded birth date vs the ID -------------------------------------------------------

def test_A05_birth_date_differs(audit):
    rows = (solo("H1", "差一天", 证件号码=make_id("19800101"), 出生日期="19800102")
            + solo("H2", "横线", 证件号码=make_id("19800101"), 出生日期="1980-01-01")
            + solo("H3", "斜线", 证件号码=make_id("19800101"), 出生日期="1980/1/1")
            + solo("H4", "中文", 证件号码=make_id("19800101"), 出生日期="1980年1月1日")
            + solo("H5", "带时间", 证件号码=make_id("19800101"), 出生日期="1980-01-01 00:00:00")
            + solo("H6", "空", 证件号码=make_id("19800101"), 出生日期="")
            + solo("H7", "只有年月", 证件号码=make_id("19800101"), 出生日期="198001")
            + solo("H8", "无效日", 证件号码=make_id("19800101"), 出生日期="19800132")
            + solo("H9", "证号日期无效", 证件号码=make_id("19800230"), 出生日期="19800101")  # A04, not A05
            + solo("H10", "证号坏", 证件号码=make_id("19800101")[:17], 出生日期="19900101")  # A02, not A05
            + solo("H11", "旧号", 证件号码="130630800101123", 出生日期="19800102"))
    found = audit(rows, rules={"A05", "H10", "H11"})
    got = notes(found, "A05")
    assert set(got) == {"差一天", "只有年月", "无效日", "旧号"}
    assert got["差一天"] == "出生日期 19800102 与证件号码中的出生日期 19800101 不一致"
    assert got["只有年月"].startswith("出生日期无法识别")
    assert got["无效日"].startswith("出生日期无法识别")


def test_A05_not_run_without_birth_date_column(audit):
    rows = [{k: v for k, v in r.items() if k != "出生日期"} for r in household(hid="H1")]
    found = audit(rows)
    assert "A05" in found.skipped()
    assert "A05" not in found.rules()


# ---- A06 recorded sex vs the ID --------------------------------------------------------------

def test_A06_sex_differs(audit):
    male = make_id(sex="男")
    rows = (solo("H1", "女填男号", sex="女", 证件号码=male)
            + solo("H2", "代码1", sex="1", 证件号码=male)
            + solo("H3", "男性", sex="男性", 证件号码=male)
            + solo("H4", "代码2", sex="2", 证件号码=make_id(sex="男"))
            + solo("H5", "性别空", sex="", 证件号码=make_id(sex="男"))
            + solo("H6", "性别未知", sex="未知", 证件号码=make_id(sex="女"))
            + solo("H7", "校验错仍判", sex="女", 证件号码=wrong_check(make_id(sex="男")[:17]))
            + solo("H8", "校验错性别对", sex="男", 证件号码=wrong_check(make_id(sex="男")[:17]))
            + solo("H9", "旧号男", sex="男", 证件号码="130630800101123")  # 15th digit 3: male
            + solo("H10", "旧号女", sex="男", 证件号码="130630800101124")
            + solo("H11", "其他证件", sex="女", 证件类型="护照", 证件号码=make_id(sex="男"))
            + solo("H12", "证号坏", sex="女", 证件号码=make_id(sex="男")[:17]))
    found = audit(rows, rules={"A06", "H10", "H11", "H12"})
    got = notes(found, "A06")
    assert set(got) == {"女填男号", "代码2", "性别空", "性别未知", "校验错仍判", "旧号女"}
    assert got["性别空"].startswith("性别为空或无效")
    assert got["性别未知"].startswith("性别为空或无效")
    assert got["女填男号"] == "性别为女，证件号码第17位推出的性别为男"
    assert got["旧号女"] == "性别为男，证件号码第15位推出的性别为女"


def test_A06_not_run_without_sex_column(audit):
    rows = [{k: v for k, v in r.items() if k != "性别"} for r in household(hid="H1")]
    found = audit(rows)
    assert "A06" in found.skipped()


# ---- A07 duplicate ID numbers ----------------------------------------------------------------

def test_A07_same_household(audit):
    dup = make_id(sex="女")
    rows = household(hid="H1", members=[person(name="户主甲"), spouse(name="配偶甲", 证件号码=dup),
                                        spouse(name="重复乙", rel="之女", birth="19820315", 证件号码=dup)])
    rows += household(hid="H2", members=[person(name="户主丙")])
    found = audit(rows, rules={"A07"})
    assert found.names("A07") == {"配偶甲"}  # one finding, on the household's first occurrence
    (f,) = found.of("A07")
    assert f["户编号"] == "H1"
    assert f["说明"].startswith("同户重复：证件号码在本户出现 2 次（第3行、第4行）")


def test_A07_across_households(audit):
    shared = make_id()
    rows = (household(hid="H1", members=[person(name="甲", 证件号码=shared)])
            + household(hid="H2", members=[person(name="乙", 证件号码=shared)])
            + household(hid="H3", members=[person(name="丙", 证件号码=shared.lower() if "X" in shared else shared)])
            + household(hid="H4", members=[person(name="丁")]))
    found = audit(rows, rules={"A07"})
    assert found.households("A07") == {"H1", "H2", "H3"}
    assert len(found.of("A07")) == 3
    by_hh = {f["户编号"]: f["说明"] for f in found.of("A07")}
    assert by_hh["H1"].startswith("跨户重复：证件号码共出现 3 次，还出现在户编号 H2、H3")
    assert by_hh["H2"].startswith("跨户重复：证件号码共出现 3 次，还出现在户编号 H1、H3")


def test_A07_key_forms(audit):
    x_id = next(id18(f"13063019800101{i:03d}") for i in range(1, 1000, 2)
                if check_digit(f"13063019800101{i:03d}") == "X")
    card = make_id()
    trunc = "13063019800101100" + "0"  # A02 (6): not used by A07
    rows = (household(hid="H1", members=[person(name="大写X", 证件号码=x_id)])
            + household(hid="H2", members=[person(name="小写x", 证件号码=x_id.lower())])
            + household(hid="H3", members=[person(name="身份证", 证件号码=card)])
            + household(hid="H4", members=[person(name="残疾人证", 证件类型="残疾人证", 证件号码=card + "12")])
            + household(hid="H5", members=[person(name="旧号一", 证件号码="130630800101123")])
            + household(hid="H6", members=[person(name="旧号二", 证件号码="130630800101123")])
            + household(hid="H7", members=[person(name="截断一", sex="女", 证件号码=trunc)])
            + household(hid="H8", members=[person(name="截断二", sex="女", 证件号码=trunc)])
            + household(hid="H9", members=[person(name="护照一", 证件类型="护照", 证件号码=make_id("19700101"))])
            + household(hid="H10", members=[person(name="空号一", 证件号码="")])
            + household(hid="H11", members=[person(name="空号二", 证件号码="")]))
    rows += household(hid="H12", members=[person(name="护照二", 证件类型="护照", 证件号码=rows[-3]["证件号码"])])
    found = audit(rows, rules={"A07", "H10", "H11", "H12"})
    assert found.names("A07") == {"大写X", "小写x", "身份证", "残疾人证", "旧号一", "旧号二"}


def test_A07_rows_without_household_id(audit):
    shared, other = make_id(), make_id()
    rows = (household(hid="H1", members=[person(name="甲", 证件号码=shared)])
            + household(hid="X1", members=[person(name="无户乙", 证件号码=shared)])
            + household(hid="X2", members=[person(name="无户丙", 证件号码=other), person(name="无户丁", 证件号码=other)]))
    for r in rows[1:]:
        r["户编号"] = ""
    found = audit(rows, rules={"A07"})
    got = {f["姓名"]: f["说明"] for f in found.of("A07")}
    assert set(got) == {"甲", "无户乙", "无户丙"}
    assert got["甲"] == "跨户重复：证件号码共出现 2 次，还出现在户编号 （户编号为空）（全部出现行：第2行、第3行）"
    assert got["无户丙"] == "同户重复（户编号均为空）：证件号码出现 2 次（第4行、第5行）"


def test_A07_inactive_rows_do_not_count(audit):
    shared = make_id()
    rows = (household(hid="H1", members=[person(name="甲", 证件号码=shared)])
            + household(hid="H2", members=[person(name="乙"), spouse(name="迁出", 证件号码=shared, 成员状态="迁出")]))
    for r in rows:
        r.setdefault("成员状态", "")
    found = audit(rows, rules={"A07"})
    assert found.names("A07") == set()


# ---- A08 area code ---------------------------------------------------------------------------

def test_A08_area_code(audit):
    rows = (solo("H1", "省码99", 证件号码=id18("99063019800101001"))
            + solo("H2", "省码13", 证件号码=id18("13063019800101001"))
            + solo("H3", "省码83", 证件号码=id18("83063019800101001"))
            + solo("H4", "二十二位", 证件号码=id18("13063019800101003") + "1234")
            + solo("H5", "二十位", 证件类型="残疾人证", 证件号码=id18("13063019800101005") + "12")
            + solo("H6", "旧号99", 证件号码="990630800101123")  # A02 (4): not judged
            + solo("H7", "护照99", 证件类型="护照", 证件号码=id18("99063019800101007")))
    found = audit(rows, rules={"A08"})
    got = notes(found, "A08")
    assert set(got) == {"省码99", "二十二位"}
    assert "前2位 99 不是有效的省级行政区划代码" in got["省码99"]
    assert "22位" in got["二十二位"]


def test_A08_local_prefix_and_division_codes(audit):
    cfg = Config().with_params(local_prefix="1306", division_codes=["130630", "110101"])
    rows = (solo("H1", "本地", 证件号码=id18("13063019800101001"))
            + solo("H2", "外地", 证件号码=id18("11010119800101001"))
            + solo("H3", "撤销码", 证件号码=id18("13063119800101001"))
            + solo("H4", "外地未知", 证件号码=id18("12010119800101001")))
    found = audit(rows, config=cfg, rules={"A08"})
    got = notes(found, "A08")
    assert set(got) == {"外地", "撤销码", "外地未知"}
    assert got["外地"] == "号码不以本地区划代码 1306 开头（外地户籍，仅提示）"
    assert got["撤销码"] == "前6位 130631 不在配置的行政区划代码表中"
    assert got["外地未知"] == ("前6位 120101 不在配置的行政区划代码表中；"
                            "号码不以本地区划代码 1306 开头（外地户籍，仅提示）")


# ---- A09 户主证件号码 / 户主姓名 vs the head's row -------------------------------------------

def test_A09_head_columns(audit):
    x_id = next(id18(f"13063019800101{i:03d}") for i in range(1, 1000, 2)
                if check_digit(f"13063019800101{i:03d}") == "X")
    head_x = person(name="户主X", 证件号码=x_id)
    other = make_id()

    def hh(hid, head, *rest, **over):
        rows = household(hid=hid, members=[head, spouse(), *rest])
        for r in rows:
            r.update(over)
        return rows

    rows = hh("H1", person(name="甲"))
    rows[1]["户主证件号码"] = other  # one row disagrees
    rows += hh("H2", person(name="乙"))
    rows[-1]["户主姓名"] = "乙乙"
    rows += hh("H3", head_x, 户主证件号码=x_id.lower())  # x vs X: the same
    card_head = person(name="丙", 证件号码=make_id())
    rows += hh("H4", card_head, 户主证件号码=card_head["证件号码"] + "12")  # first 18 compared
    rows += hh("H5", person(name="丁"))
    rows[-1]["户主姓名"] = ""  # blank is not a disagreement
    rows[-1]["户主证件号码"] = ""
    rows += hh("H6", person(name="戊"), person(name="己"), 户主姓名="庚")  # two heads: B02, not A09
    rows += hh("H7", person(name="辛"), 户主姓名="辛 ")  # whitespace is norm
    found = audit(rows, rules={"A09"})
    assert found.households("A09") == {"H1", "H2"}
    by_hh = {f["户编号"]: f for f in found.of("A09")}
    assert by_hh["H1"]["问题字段"] == "户主证件号码"
    assert by_hh["H1"]["说明"] == "户主证件号码与户主行证件号码不一致（第3行）"
    assert by_hh["H2"]["问题字段"] == "户主姓名"
    assert by_hh["H2"]["说明"] == "户主姓名“乙乙”与户主行姓名“乙”不一致（第5行）"


def test_A09_runs_with_one_column_and_skips_without_both(audit):
    rows = household(hid="H1", members=[person(name="甲"), spouse()])
    rows[1]["户主姓名"] = "乙"
    only_name = [{k: v for k, v in r.items() if k != "户主证件号码"} for r in rows]
    found = audit(only_name)
    assert found.households("A09") == {"H1"}
    neither = [{k: v for k, v in r.items() if k not in ("户主证件号码", "户主姓名")} for r in rows]
    found = audit(neither)
    assert "A09" in found.skipped()
    assert found.households("A09") == set()


def test_A09_head_row_blank(audit):
    """The head's own ID or name is blank while 户主证件号码 / 户主姓名 are filled: they disagree."""
    rows = household(hid="H1", members=[person(name="甲"), spouse()])
    head_id = rows[0]["证件号码"]
    rows[0]["证件号码"] = ""
    for r in rows:
        r["户主证件号码"] = head_id
    found = audit(rows, rules={"A09"})
    assert found.households("A09") == {"H1"}
    assert found.of("A09")[0]["说明"] == "户主证件号码与户主行证件号码（为空）不一致（第2、3行）"
