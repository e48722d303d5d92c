"""Group L: the export against the department lists (账账不符). Lists are written as offices write them:
title rows, a merged two-row header, GBK CSV, IDs as ="…" or as numbers Excel mangled.

The factory's clean households: 涞源镇 东关村; nobody receives 低保 or 特困, everybody is 健康 and insured
(城乡居民基本医疗保险 = 是), no house is unsafe.
"""

from __future__ import annotations

import pytest
from conftest import Audit as Found
from conftest import write_export
from factory import household, person
from listfiles import reconcile, write_list

from auditor.errors import InputError

HEAD = ["序号", "姓名", "身份证号", "乡镇", "村"]


def run(tmp_path, rows, lists: dict[str, tuple[list[str], list[list]]], rules=None, fmt="xlsx", **kw):
    """Audit `rows` with lists {KIND or KIND@DATE: (headers, rows)}; each list gets a title row."""
    export = write_export(tmp_path / "export", rows)
    specs = []
    for i, (kind, (headers, body)) in enumerate(lists.items()):
        path = write_list(tmp_path / f"list{i}", headers, body, fmt, titles=(f"涞源县{kind.split('@')[0]}清单",), **kw)
        specs.append(f"{kind}={path}")
    result = reconcile([export], specs, rules=rules)
    return Found(result)


def row(p: dict, *rest, town="涞源镇", village="东关村", n=1) -> list:
    return [n, p["姓名"], p["证件号码"], town, village, *rest]


# ---- L01 / L02 低保 -------------------------------------------------------------------------


def test_L01_on_dibao_list_but_export_says_no(tmp_path):
    no, yes, policy = person(name="不享受"), person(name="享受", 是否享受低保="是", 享受低保政策情况="农村低保"), \
        person(name="政策列不享受", 是否享受低保="是")
    absent = person(name="不在清单")
    rows = (household(hid="H1", members=[no]) + household(hid="H2", members=[yes]) + household(hid="H3", members=[policy])
            + household(hid="H4", members=[absent]))
    found = run(tmp_path, rows, {"低保": ([*HEAD, "保障类别"], [row(no, "A类"), row(yes, "B类"), row(policy, "A类")])},
                rules={"L01"})
    assert found.names("L01") == {"不享受", "政策列不享受"}
    f = next(f for f in found.of("L01") if f["姓名"] == "不享受")
    assert f["类别"] == "必改" and f["问题字段"] == "是否享受低保" and f["当前值"] == "否"
    assert f["说明"] == "低保清单（list0.xlsx 第 3 行，A类）中有此人，导出却为不享受低保"
    assert next(f for f in found.of("L01") if f["姓名"] == "政策列不享受")["问题字段"] == "享受低保政策情况"


def test_L01_a_name_and_village_match_is_only_suspected(tmp_path):
    p = person(name="张三")
    rows = household(hid="H1", members=[p])
    mangled = [1, "张三", float(p["证件号码"][:15] + "000"), "涞源镇", "东关村"]  # typed into Excel as a number
    found = run(tmp_path, rows, {"低保": (HEAD, [mangled])}, rules={"L01"})
    assert found.of("L01") == []
    con = found.result.prep.con
    assert con.execute("SELECT 匹配方式, 证件缺陷 FROM lists").fetchall() == [("疑似", "以数值存储，已被Excel截断")]
    issue = next(i for i in found.result.prep.issues if i.kind == "清单证件号码无法使用")
    assert issue.file == "list0.xlsx" and issue.lines == [3]


def test_L02_receives_dibao_but_not_on_current_list(tmp_path):
    gone, kept = person(name="已退出", 是否享受低保="是", 享受低保政策情况="农村低保"), \
        person(name="仍在册", 是否享受低保="是", 享受低保政策情况="农村低保")
    rows = household(hid="H1", members=[gone]) + household(hid="H2", members=[kept])
    export = write_export(tmp_path / "export", rows)
    old = write_list(tmp_path / "old", [*HEAD, "推送日期"], [row(gone, "2024-05-05"), row(kept, "2024-05-05")])
    new = write_list(tmp_path / "new", HEAD, [row(kept)], "csv", titles=("低保名册（统计截止日期：2024年6月5日）",))
    found = Found(reconcile([export], [f"低保={old}", f"低保={new}"], rules={"L01", "L02"}))
    assert found.names("L02") == {"已退出"}  # the May list is not the current one
    assert found.one("L02", "H1")["类别"] == "非必改"
    assert found.of("L01") == []


def test_L02_not_flagged_when_the_list_row_is_a_suspected_match(tmp_path):
    p = person(name="李四", 是否享受低保="是", 享受低保政策情况="农村低保")
    found = run(tmp_path, household(hid="H1", members=[p]), {"低保": (HEAD, [[1, "李四", "", "涞源镇", "东关"]])},
                rules={"L02"})
    assert found.of("L02") == []


# ---- L03 / L04 特困 -------------------------------------------------------------------------


def test_L03_on_tekun_list_but_export_says_no(tmp_path):
    no, yes = person(name="否"), person(name="是", 是否特困供养人员="是", 享受特困供养政策情况="农村特困")
    rows = household(hid="H1", members=[no]) + household(hid="H2", members=[yes])
    found = run(tmp_path, rows, {"特困": ([*HEAD, "供养方式"], [row(no, "分散供养"), row(yes, "集中供养")])},
                rules={"L03"})
    assert found.names("L03") == {"否"}
    assert "分散供养" in found.one("L03", "H1")["说明"]


def test_L04_tekun_in_export_but_not_on_list(tmp_path):
    listed, absent = (person(name=n, 是否特困供养人员="是", 享受特困供养政策情况="农村特困") for n in ("在册", "不在册"))
    rows = household(hid="H1", members=[listed]) + household(hid="H2", members=[absent])
    found = run(tmp_path, rows, {"特困": (HEAD, [row(listed)])}, rules={"L04"})
    assert found.names("L04") == {"不在册"}


# ---- L05 / L06 残联 -------------------------------------------------------------------------


def test_L05_on_disability_list_but_no_disability(tmp_path):
    healthy, disabled = person(name="健康"), person(name="残疾人", 健康状况="残疾", 残疾类别="肢体")
    rows = household(hid="H1", members=[healthy]) + household(hid="H2", members=[disabled])
    headers = [*HEAD, "残疾类别", "残疾等级"]
    found = run(tmp_path, rows, {"残联": (headers, [row(healthy, "视力残疾", "二级"), row(disabled, "肢体残疾", "三级")])},
                rules={"L05", "L06"}, group=("残疾信息", 5, 6))
    assert found.names("L05") == {"健康"}
    assert found.one("L05", "H1")["说明"] == "残联清单（list0.xlsx 第 4 行，视力残疾二级）登记此人残疾，导出健康状况不含残疾"
    assert found.of("L06") == []  # 肢体残疾 is 肢体


def test_L06_disability_kind_differs(tmp_path):
    p = person(name="王五", 健康状况="残疾", 残疾类别="肢体")
    found = run(tmp_path, household(hid="H1", members=[p]), {"残联": ([*HEAD, "残疾类别"], [row(p, "视力残疾")])},
                rules={"L05", "L06"})
    assert found.names("L06") == {"王五"} and found.of("L05") == []
    assert found.one("L06", "H1")["当前值"] == "肢体"


# ---- L07 / L08 医保 -------------------------------------------------------------------------

NOT_INSURED = {"是否参加城乡居民基本医疗保险": "否", "是否参加城镇职工基本医疗保险": "否"}


def test_L07_settled_by_medical_insurance_but_not_insured(tmp_path):
    uninsured, insured = person(name="未参保", **NOT_INSURED), person(name="已参保")
    rows = household(hid="H1", members=[uninsured]) + household(hid="H2", members=[insured])
    found = run(tmp_path, rows, {"医保@2024-06-05": ([*HEAD, "个人自付金额(元)"], [row(uninsured, "23000"), row(insured, "500")])},
                rules={"L07", "L08"}, fmt="csv")
    assert found.names("L07") == {"未参保"} and found.of("L08") == []
    assert found.one("L07", "H1")["类别"] == "必改"


def test_L08_list_says_not_insured_export_says_insured(tmp_path):
    stopped, ok, both_no = person(name="停保"), person(name="正常"), person(name="均否", **NOT_INSURED)
    rows = household(hid="H1", members=[stopped]) + household(hid="H2", members=[ok]) + household(hid="H3", members=[both_no])
    found = run(tmp_path, rows, {"医保": ([*HEAD, "参保状态"], [row(stopped, "停保"), row(ok, "正常参保"), row(both_no, "未参保")])},
                rules={"L07", "L08"})
    assert found.names("L08") == {"停保"}
    assert found.of("L07") == []  # 未参保 on the list and in the export: they agree


# ---- L09 住建 ---------------------------------------------------------------------------------


def test_L09_unsafe_house_not_marked(tmp_path):
    c, b, marked = person(name="C级"), person(name="B级"), person(name="已标")
    rows = (household(hid="H1", members=[c]) + household(hid="H2", members=[b])
            + household(hid="H3", members=[marked], 是否危房户="是"))
    found = run(tmp_path, rows, {"住建": ([*HEAD, "鉴定等级"], [row(c, "C级"), row(b, "B级"), row(marked, "D")])},
                rules={"L09"})
    assert found.households("L09") == {"H1"}
    assert found.one("L09", "H1")["层级"] == "户"


# ---- L10 乡镇/村 ------------------------------------------------------------------------------


def test_L10_village_differs(tmp_path):
    moved, suffix, town = person(name="搬走"), person(name="后缀"), person(name="镇名")
    rows = household(hid="H1", members=[moved]) + household(hid="H2", members=[suffix]) + household(hid="H3", members=[town])
    body = [row(moved, village="西关村"), row(suffix, village="东关村委会"), row(town, town="涞源")]
    found = run(tmp_path, rows, {"残联": (HEAD, body)}, rules={"L10"})
    assert found.names("L10") == {"搬走"}
    assert "西关村" in found.one("L10", "H1")["说明"]


# ---- matching and bad input -----------------------------------------------------------------


def test_a_15_digit_id_matches_only_the_same_15_digits(tmp_path):
    p18 = person(name="新号")
    old = p18["证件号码"][:6] + p18["证件号码"][8:17]  # the 15-digit form of the same person
    p15 = person(name="旧号", 证件号码="130630800101123")
    rows = household(hid="H1", members=[p18]) + household(hid="H2", members=[p15])
    body = [[1, "新号", old, "涞源镇", "西关村"], [2, "旧号", '="130630800101123"', "涞源镇", "西关村"]]
    found = run(tmp_path, rows, {"低保": (HEAD, body)}, rules={"L10"})
    assert found.names("L10") == {"旧号"}  # 新号's 15-digit ID is not upgraded to match


def test_list_without_id_column_is_refused(tmp_path):
    path = write_list(tmp_path / "无号", ["序号", "姓名", "乡镇", "村"], [[1, "张三", "涞源镇", "东关村"]])
    export = write_export(tmp_path / "export", household(hid="H1"))
    with pytest.raises(InputError, match=r"医保清单文件 无号.xlsx 中找不到 证件号码 列（证件号码 列可以叫 证件号码、身份证号"):
        reconcile([export], [f"医保={path}"])


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(InputError, match="未知的清单种类“扶贫”（可用：低保、特困"):
        reconcile([tmp_path / "x.xlsx"], ["扶贫=a.xlsx"])


def test_L_rules_do_not_run_without_their_list(tmp_path):
    found = run(tmp_path, household(hid="H1"), {}, rules={"L01", "L09", "L10"})
    assert set(found.skipped()) == {"L01", "L09", "L10"}
    assert found.skipped()["L01"] == "缺少输入：低保清单"


def test_L10_prefixes_are_no_difference(tmp_path):
    p, q = person(name="县名前缀"), person(name="镇名在村前")
    rows = household(hid="H1", members=[p]) + household(hid="H2", members=[q])
    body = [row(p, town="涞源县涞源镇"), row(q, village="涞源镇东关村")]
    found = run(tmp_path, rows, {"人社": (HEAD, body)}, rules={"L10"})
    assert found.of("L10") == []


def test_L02_a_month_split_into_files_pushed_days_apart_is_all_current(tmp_path):
    a, b = (person(name=n, 是否享受低保="是", 享受低保政策情况="农村低保") for n in ("甲镇", "乙镇"))
    rows = household(hid="H1", members=[a]) + household(hid="H2", members=[b], town="银坊镇")
    export = write_export(tmp_path / "export", rows)
    first = write_list(tmp_path / "甲", [*HEAD, "推送日期"], [row(a, "2024-06-03")])
    second = write_list(tmp_path / "乙", [*HEAD, "推送日期"], [row(b, "2024-06-12", town="银坊镇")])
    found = Found(reconcile([export], [f"低保={first}", f"低保={second}"], rules={"L02"}))
    assert found.of("L02") == []


def test_headers_no_alias_names_are_found_by_their_words(tmp_path):
    """“身份证号码（18位）” and “住院个人自付合计（元）”: no alias, but the words say what they are."""
    p = person(name="赵六", **NOT_INSURED)
    export = write_export(tmp_path / "export", household("一般农户", hid="H1", members=[p]))
    path = write_list(tmp_path / "医保", ["序号", "患者姓名", "身份证号码（18位）", "所在乡镇", "所在村", "住院个人自付合计（元）"],
                      [[1, "赵六", p["证件号码"], "涞源镇", "东关村", "30000"]], titles=("2024年6月5日 医保推送",))
    found = Found(reconcile([export], [f"医保={path}"], rules={"L07"}))
    assert found.names("L07") == {"赵六"}
    assert found.result.prep.con.execute("SELECT 个人自付金额 FROM lists").fetchall() == [("30000",)]
    assert found.result.prep.con.execute("SELECT count(*) FROM clues").fetchone()[0] == 1
    note = next(i for i in found.result.prep.issues if i.kind == "清单列名按关键词识别")
    assert "“身份证号码（18位）”作为 证件号码" in note.detail


def test_amounts_in_wan_and_roman_grades(tmp_path):
    rich, poor, grade = person(name="万元"), person(name="不足"), person(name="罗马数字")
    rows = (household("一般农户", hid="H1", members=[rich]) + household("一般农户", hid="H2", members=[poor])
            + household("一般农户", hid="H3", members=[grade]))
    export = write_export(tmp_path / "export", rows)
    medical = write_list(tmp_path / "医保", ["姓名", "身份证号", "个人自付（万元）"],
                         [["万元", rich["证件号码"], "2.58"], ["不足", poor["证件号码"], "0.5"]])
    disabled = write_list(tmp_path / "残联", ["姓名", "身份证号", "残疾等级"], [["罗马数字", grade["证件号码"], "Ⅱ级"]])
    result = reconcile([export], [f"医保@2024-06-05={medical}", f"残联@2024-06-05={disabled}"], rules=set())
    assert {n for (n,) in result.prep.con.execute("SELECT 姓名 FROM clues").fetchall()} == {"万元", "罗马数字"}
