"""auditor reconcile across months: clues found and handed out (交办清单), identified late (H13 fires from
the clue date), excluded by a returned workbook; on SQLite and PostgreSQL (store_target). Also the
clue conditions, the feedback list, and the bad input of the returned workbooks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import Audit as Found
from conftest import write_export
from factory import household, person
from listfiles import reconcile, write_list

from auditor.errors import InputError

MEDICAL = ["姓名", "身份证号", "乡镇", "村", "个人自付金额", "推送日期"]


def medical(p: dict, amount: str, day: str = "2024-06-05", town="涞源镇", village="东关村") -> list:
    return [p["姓名"], p["证件号码"], town, village, amount, day]


def fill(workbook: Path, answers: dict[str, tuple[str, str, str]], out: Path) -> Path:
    """The township's filled 交办清单: {姓名: (核查结果, 理由, 核查日期)}."""
    wb = openpyxl.load_workbook(workbook)
    ws = wb.active
    header = [c.value for c in ws[4]]
    for row in ws.iter_rows(min_row=5):
        name = row[header.index("姓名")].value
        if name in answers:
            for col, value in zip(("核查结果", "理由", "核查日期"), answers[name], strict=True):
                row[header.index(col)].value = value
    wb.save(out)
    return out


def month(tmp, n: int, rows, lists=(), history=None, returned=(), period="2024-06", out=True):
    export = write_export(tmp / f"export{n}", rows)
    result = reconcile([export], lists, period=period, history=history, returned=returned)
    if out:
        result.write(tmp / f"out{n}")
    result.close()
    return result


def test_clue_lifecycle_across_three_months(tmp_path, store_target):
    jia, yi, bing = person(name="甲"), person(name="乙"), person(name="丙")
    other = household("一般农户", hid="H9", members=[person(name="丁")], town="银坊镇", village="西村")
    june = household("一般农户", hid="H1", members=[jia]) + household("一般农户", hid="H2", members=[yi]) \
        + household("监测户", hid="H3", members=[bing]) + other
    listed = write_list(tmp_path / "医保6月", MEDICAL, [medical(jia, "25000"), medical(yi, "26000"), medical(bing, "40000"),
                                                      medical(person(name="戊"), "800")],
                        titles=("涞源县医保局 高额医疗费用人员清单",))
    # month 1: found and handed out (丙 is already a monitored household, 戊 below the line)
    r1 = month(tmp_path, 1, june, [f"医保={listed}"], store_target)
    clues = r1.summary_json["reconcile"]["clues"]
    assert clues["total"] == 2 and clues["new"] == 2
    handed = tmp_path / "out1" / "交办清单" / "涞源镇.xlsx"
    ws = openpyxl.load_workbook(handed).active
    assert [c.value for c in ws[4]][-3:] == ["核查结果", "理由", "核查日期"]
    assert sorted(r[4] for r in ws.iter_rows(min_row=5, values_only=True)) == ["乙", "甲"]
    assert (tmp_path / "out1" / "交办清单").joinpath("银坊镇.xlsx").exists() is False
    # month 2: 甲 identified on 2024-07-10 (35 days after the clue: H13), 乙 excluded by the township
    returned = fill(handed, {"乙": ("不符合条件", "费用已由商业保险报销，家庭收入稳定", "2024-06-18")}, tmp_path / "交回.xlsx")
    july = household("监测户", hid="H1", members=[jia], 识别监测时间="2024-07-10") \
        + household("一般农户", hid="H2", members=[yi]) + household("监测户", hid="H3", members=[bing]) + other
    r2 = month(tmp_path, 2, july, history=store_target, returned=[returned], period="2024-07")
    got = {c["姓名"]: c for c in r2.prep.con.execute("SELECT * FROM clues").fetchdf().to_dict("records")}
    assert got["甲"]["状态"] == "已纳入监测" and got["甲"]["用时天数"] == 35 and got["甲"]["办结日期"] == "2024-07-10"
    assert got["乙"]["状态"] == "已排除" and got["乙"]["办结日期"] == "2024-06-18"
    h13 = Found(r2).one("H13", "H1")
    assert h13["说明"].startswith("部门预警线索（医保清单，线索编号 ") and "相隔 35 天，超过 15 天" in h13["说明"]
    assert "H13" not in r2.plan.skipped  # the export has no 风险线索发现时间 column
    assert r2.summary_json["reconcile"]["clues"]["identified_late"] == 1
    # month 3: both stay closed; 乙 is on the list again with the old date: no new clue
    r3 = month(tmp_path, 3, july, [f"医保={listed}"], store_target, period="2024-08")
    c3 = r3.summary_json["reconcile"]["clues"]
    assert (c3["total"], c3["identified"], c3["excluded"], c3["open"]) == (2, 1, 1, 0)
    assert Found(r3).households("H13") == {"H1"}
    assert not (tmp_path / "out3" / "交办清单").exists()  # nothing left to hand out
    town = next(t for t in c3["by_township"] if t["township"] == "涞源镇")
    assert town["handled_rate"] == 1.0


def test_identified_within_15_days_is_no_H13(tmp_path):
    store = str(tmp_path / "h.sqlite")
    p = person(name="甲")
    listed = write_list(tmp_path / "l", MEDICAL, [medical(p, "25000")])
    r1 = month(tmp_path, 1, household("一般农户", hid="H1", members=[p]), [f"医保={listed}"], store)
    assert r1.summary_json["reconcile"]["clues"]["total"] == 1
    r2 = month(tmp_path, 2, household("监测户", hid="H1", members=[p], 识别监测时间="2024-06-15"), history=store,
               period="2024-07")
    assert Found(r2).of("H13") == []
    assert r2.prep.con.execute("SELECT 状态, 用时天数 FROM clues").fetchall() == [("已纳入监测", 10)]


def test_returned_rows_must_match_their_clue(tmp_path):
    store = str(tmp_path / "h.sqlite")
    p = person(name="甲")
    rows = household("一般农户", hid="H1", members=[p]) + household("一般农户", hid="H2", members=[person(name="乙")],
                                                               town="银坊镇")
    listed = write_list(tmp_path / "l", MEDICAL, [medical(p, "25000")])
    month(tmp_path, 1, rows, [f"医保={listed}"], store)
    handed = tmp_path / "out1" / "交办清单" / "涞源镇.xlsx"
    bad = [("不符合条件", "", "2024-06-18"), ("核实过了", "", ""), ("不符合条件", "理由", "六月")]
    messages = ["“理由”列：核查结果为不符合条件时须填写理由", "“核查结果”列：“核实过了”不是可填的结果",
                "“核查日期”列：“六月”不是日期"]
    for answer, message in zip(bad, messages, strict=True):
        filled = fill(handed, {"甲": answer}, tmp_path / "交回.xlsx")
        with pytest.raises(InputError, match=f"交办清单 交回.xlsx 工作表“交办清单” 第 5 行{message}"):
            month(tmp_path, 2, rows, history=store, returned=[filled], period="2024-07")
    wb = openpyxl.load_workbook(handed)
    ws = wb.active
    ws.cell(5, 6).value = "130630199901011234"  # 证件号码 changed: the row is no longer its clue's
    wb.save(tmp_path / "改号.xlsx")
    with pytest.raises(InputError, match=r"第 5 行“证件号码”列：与线索 .* 的证件号码不符"):
        month(tmp_path, 2, rows, history=store, returned=[tmp_path / "改号.xlsx"], period="2024-07")
    assert not (tmp_path / "out2").exists()  # nothing half written


CLUE_CASES = {
    # kind: (headers, clue row values, near-miss row values)
    "残联": (["姓名", "身份证号", "残疾类别", "残疾等级", "变动类型"], ["视力残疾", "二级", ""], ["视力残疾", "三级", ""]),
    "低保": (["姓名", "身份证号", "批准日期"], ["2023-01-10"], ["2021-05-01"]),
    "特困": (["姓名", "身份证号", "供养方式"], ["分散供养"], ["集中供养"]),
    "教育": (["姓名", "身份证号", "自付金额"], ["6000"], ["4999"]),
    "住建": (["姓名", "身份证号", "危房等级"], ["D级"], ["B级"]),
    "应急": (["姓名", "身份证号", "直接经济损失"], ["12000"], ["9999.99"]),
    "人社": (["姓名", "身份证号", "就业状态"], ["失业"], ["已就业"]),
}


@pytest.mark.parametrize("kind", CLUE_CASES)
def test_clue_conditions(tmp_path, kind):
    headers, hit, miss = CLUE_CASES[kind]
    a, b = person(name="线索"), person(name="近似")
    rows = household("一般农户", hid="H1", members=[a]) + household("一般农户", hid="H2", members=[b])
    listed = write_list(tmp_path / "l", headers, [[a["姓名"], a["证件号码"], *hit], [b["姓名"], b["证件号码"], *miss]])
    result = reconcile([write_export(tmp_path / "e", rows)], [f"{kind}@2024-06-05={listed}"], rules=set())
    assert [r[0] for r in result.prep.con.execute("SELECT 姓名 FROM clues").fetchall()] == ["线索"]


def test_medical_thresholds_differ_for_poor_and_others(tmp_path):
    poor, removed, ordinary = person(name="脱贫"), person(name="已消除"), person(name="一般")
    rows = (household("脱贫户", hid="H1", members=[poor]) + household("已消除", hid="H2", members=[removed])
            + household("一般农户", hid="H3", members=[ordinary]))
    body = [medical(poor, "12000"), medical(removed, "12000"), medical(ordinary, "12000"),
            medical(person(name="不在册", 证件号码="130630199001011236"), "21000")]
    listed = write_list(tmp_path / "l", MEDICAL, body)
    result = reconcile([write_export(tmp_path / "e", rows)], [f"医保={listed}"], rules=set())
    got = dict(result.prep.con.execute("SELECT 姓名, 在册情况 FROM clues").fetchall())
    assert got == {"脱贫": "非监测对象", "已消除": "风险已消除（回头看）", "不在册": "不在导出中（一般农户）"}


def test_no_clue_for_a_person_the_export_lists_as_dead(tmp_path):
    alive, dead = person(name="在世"), person(name="已故", 成员状态="死亡")
    rows = household("一般农户", hid="H1", members=[alive, dead])
    listed = write_list(tmp_path / "l", MEDICAL, [medical(alive, "25000"), medical(dead, "30000")])
    result = reconcile([write_export(tmp_path / "e", rows)], [f"医保={listed}"], rules=set())
    assert [r[0] for r in result.prep.con.execute("SELECT 姓名 FROM clues").fetchall()] == ["在世"]


def test_a_month_alone_dates_the_list_at_its_end(tmp_path):
    p = person(name="甲")
    listed = write_list(tmp_path / "l", MEDICAL, [medical(p, "25000", day="2024年6月")])
    result = reconcile([write_export(tmp_path / "e", household("一般农户", hid="H1", members=[p]))], [f"医保={listed}"],
                       rules=set())
    assert result.prep.con.execute("SELECT 线索日期, 截止日期, 状态 FROM clues").fetchall() == [
        ("2024-06-30", "2024-07-15", "未办结")]


@pytest.mark.parametrize(("ident", "days", "closed"), [("2024-07-10", 35, "2024-07-10"), ("202407", 26, "2024-07-01"),
                                                      ("202406", 0, "2024-06-05"), ("2023-05-01", None, "2024-07-31")])
def test_days_to_identification(tmp_path, ident, days, closed):
    store = str(tmp_path / "h.sqlite")
    p = person(name="甲")
    listed = write_list(tmp_path / "l", MEDICAL, [medical(p, "25000")])
    month(tmp_path, 1, household("一般农户", hid="H1", members=[p]), [f"医保={listed}"], store)
    r2 = month(tmp_path, 2, household("监测户", hid="H1", members=[p], 识别监测时间=ident), history=store,
               period="2024-07", out=False)
    assert r2.prep.con.execute("SELECT 状态, 用时天数, 办结日期 FROM clues").fetchall() == [("已纳入监测", days, closed)]


def test_an_audit_without_lists_gets_the_same_empty_lists_table_without_planning_it(tmp_path):
    """Without lists, `lists` is made once per process from no rows; later audits create its columns
    from that, unless the statements (a reconcile parameter is in them) or members' columns differ."""
    import dataclasses

    from auditing import run_audit

    from auditor.config import Config
    from auditor.reconcile import load

    export = write_export(tmp_path / "export", household(hid="L1"))
    load._EMPTY_LISTS.clear()

    def described(cfg: Config) -> list[tuple]:
        result = run_audit([export], cfg)
        try:
            return result.prep.con.execute("DESCRIBE lists").fetchall()
        finally:
            result.close()

    planned = described(Config())
    assert len(load._EMPTY_LISTS) == 1 and len(planned) > 40
    assert described(Config()) == planned and len(load._EMPTY_LISTS) == 1
    (key, columns), = load._EMPTY_LISTS.items()
    load._EMPTY_LISTS[key] = [*columns, ("标记列", "INTEGER")]  # shows that the remembered columns are used
    assert described(Config())[-1][:2] == ("标记列", "INTEGER")
    load._EMPTY_LISTS[key] = columns
    other = Config()
    other = dataclasses.replace(other, reconcile={**other.reconcile, "disability_new_months": 6})
    assert described(other) == planned and len(load._EMPTY_LISTS) == 2  # other statements: planned again
