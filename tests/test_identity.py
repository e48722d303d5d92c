"""A person keeps their identity across months when the township corrects their ID number (issue 15):
the ID finding becomes 已整改 (not 对象已不在册), the person's other findings keep their status, and the
已整改 sheet says what was corrected. And the data month is read from the export's title rows."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from auditing import record_history, run_audit
from conftest import write_export
from factory import check_digit, household, make_id, person, spouse

from auditor.config import Config
from auditor.history import Store


def _valid(seq: int, birth: str = "19800101", sex: str = "男") -> str:
    return make_id(birth, sex, seq=seq)


def _wrong_check(valid: str) -> str:
    return valid[:17] + ("1" if valid[17] != "1" else "2")


# (household, May's ID text, the ID-rule that flags it, June's ID text). Each household is one head
# whose 户主证件号码 is the same text as their ID (so A09 stays quiet).
def _cases() -> list[tuple[str, str, str, str]]:
    v = [_valid(200 + i) for i in range(12)]
    female = make_id("19800101", "女", seq=300)
    disability = _valid(212)
    return [
        ("A01", _wrong_check(v[0]), "A01", v[0]),  # a wrong check digit
        ("A02科学计数", "1.30630E+17", "A02", v[1]),  # Excel's scientific notation: digits lost
        ("A02浮点", v[2] + ".0", "A02", v[2]),  # stored as a float
        ("A02旧号", v[3][:6] + v[3][8:14] + v[3][14:17], "A02", v[3]),  # the 15-digit old number
        ("A02长度", v[4][:17], "A02", v[4]),  # a digit missing
        ("A04", v[5][:10] + "13" + v[5][12:17] + check_digit(v[5][:10] + "13" + v[5][12:17]), "A04", v[5]),  # month 13
        ("A06", female, "A06", v[6]),  # the sex digit says 女 for a man
        ("A08", "99" + v[7][2:17] + check_digit("99" + v[7][2:17]), "A08", v[7]),  # no such province
        ("A03", disability + "91", "A03", disability + "11"),  # 残疾人证 category 9 does not exist
    ]


def _month(cases, june: bool, other_problem: dict[str, bool]) -> list[dict]:
    rows = []
    for hid, may_id, _, june_id in cases:
        number = june_id if june else may_id
        over = {"证件号码": number}
        if hid == "A03":
            over["证件类型"] = "残疾人证"
        if other_problem.get(hid):
            over["民族"] = ""  # C01 (必改), on the same person
        rows += household(hid=hid, members=[person(name=f"户主{hid}", **over)], 户主证件号码=number)
    return rows


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """May with a broken ID in every household (and C01 in some), June with every ID corrected: C01
    persists in A01 and A04, is fixed in A02科学计数 and A06."""
    tmp = tmp_path_factory.mktemp("identity")
    store = str(tmp / "历史库.sqlite")
    cases = _cases()
    may = run_audit([write_export(tmp / "涞源县_2024-05", _month(cases, False, {"A01": True, "A04": True,
                                                                                "A02科学计数": True, "A06": True}))],
                    Config(), "2024-05", history=store)
    may_found = {(r[0], r[1]) for r in may.prep.con.execute("SELECT 规则编号, 户编号 FROM findings").fetchall()}
    record_history(may)
    june = run_audit([write_export(tmp / "涞源县_2024-06", _month(cases, True, {"A01": True, "A04": True}))],
                     Config(), "2024-06", history=store)
    june.write(tmp / "out")
    status = {(r[0], r[1]): r[2] for r in june.prep.con.execute("SELECT 规则编号, 户编号, 状态 FROM findings").fetchall()}
    yield cases, may_found, june, status, tmp
    june.close()


def test_may_flags_every_broken_id(corrected):
    cases, may_found, *_ = corrected
    assert {(rule, hid) for hid, _, rule, _ in cases} <= may_found


def test_every_corrected_id_is_fixed_not_gone(corrected):
    cases, may_found, june, status, _ = corrected
    h = june.summary_json["history"]
    assert h["previous"] == len(may_found)
    assert h["gone"] == 0
    fixed = len(cases) + 2  # every ID finding, and the C01 of A02科学计数 and A06
    assert h["fixed"] == fixed and h["fix_rate"] == round(fixed / len(may_found), 4)
    assert not any(rule.startswith("A") for rule, _ in status)


def test_the_person_s_other_findings_keep_their_status(corrected):
    *_, june, status, _ = corrected
    assert status[("C01", "A01")] == status[("C01", "A04")] == "未整改"
    k02 = {f["户编号"]: f["说明"] for f in _findings(june, "rollups") if f["规则编号"] == "K02"}
    assert set(k02) == {"A01", "A04"} and all("C01" in note for note in k02.values())


def _findings(result, table: str = "findings") -> list[dict]:
    cur = result.prep.con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def test_the_fixed_sheet_says_old_and_new(corrected):
    cases, *_, tmp = corrected
    wb = openpyxl.load_workbook(tmp / "out" / "自查" / "涞源镇.xlsx", read_only=True)
    rows = list(wb["已整改"].iter_rows(values_only=True))
    header = list(rows[2])
    said = {(r[header.index("规则编号")], r[header.index("户编号")]): r[header.index("整改情况")] for r in rows[3:]}
    for hid, may_id, rule, june_id in cases:
        assert said[(rule, hid)] == f"证件号码已更正：{may_id} → {june_id}", hid


def test_the_matches_are_recorded_with_the_old_and_new_id(corrected):
    cases, *_, june, _, tmp = corrected
    june_id = june.record()
    store = Store(str(tmp / "历史库.sqlite"))
    matches = {r["household"]: (r["previous_id"], r["id_number"]) for r in
               store.child("run_person_matches", june_id).to_pylist()}
    store.close()
    # A03's person keeps the first 18 characters (the ID itself): the same person by ID, no match by name
    assert matches == {hid: (may_id, new_id) for hid, may_id, _, new_id in cases if hid != "A03"}


def _two_months(tmp_path, may_rows, june_rows):
    store = str(tmp_path / "历史库.sqlite")
    record_history(run_audit([write_export(tmp_path / "涞源县_2024-05", may_rows)], Config(), "2024-05", history=store))
    june = run_audit([write_export(tmp_path / "涞源县_2024-06", june_rows)], Config(), "2024-06", history=store)
    june.close()
    return june


def test_two_persons_of_one_name_are_not_matched_by_name(tmp_path):
    """Two 张三 in a household: the name says nothing, so only the ID decides (the broken one is gone)."""
    son = person(rel="之子", name="张三", birth="20000101", 证件号码=_valid(400, "20000101"))
    may = household(hid="H1", members=[person(name="张三", 证件号码="1.30630E+17", 民族=""), son],
                    户主证件号码="1.30630E+17")
    fixed_id = _valid(401)
    june = household(hid="H1", members=[person(name="张三", 证件号码=fixed_id, 民族=""), son], 户主证件号码=fixed_id)
    h = _two_months(tmp_path, may, june).summary_json["history"]
    assert (h["fixed"], h["gone"]) == (0, 2)  # A02 and C01 of the head: not known to be the same person
    assert h["new"] == 1  # C01 of the head under the corrected ID


def test_a_changed_relation_is_not_the_same_person(tmp_path):
    may = household(hid="H1", members=[person(name="户主"), spouse(name="李四", 证件号码="1.30630E+17")])
    june = household(hid="H1", members=[person(name="户主"),
                                        spouse(name="李四", rel="之女", 证件号码=_valid(402, "19820315", "女"))])
    h = _two_months(tmp_path, may, june).summary_json["history"]
    assert (h["fixed"], h["gone"]) == (0, 1)


def test_a_person_whose_household_moved_is_the_same_person(tmp_path):
    same = _valid(403)
    may = household(hid="旧户", members=[person(name="王五", 证件号码=same, 民族="")], 户主证件号码=same)
    june = household(hid="新户", members=[person(name="王五", 证件号码=same, 民族="")], 户主证件号码=same)
    result = _two_months(tmp_path, may, june)
    assert result.summary_json["history"]["persisting"] == 1


# ---- the data month ---------------------------------------------------------------------------------


def _one_household() -> list[dict]:
    return household("监测户", hid="H1", members=[person()])


def test_the_period_comes_from_the_title_row(tmp_path):
    path = write_export(tmp_path / "导出", _one_household(), title="数据截至2024年5月31日")
    result = run_audit([path], Config(), None)
    assert result.summary.period == "2024-05"
    assert "标题行“数据截至2024年5月31日”" in result.summary.period_note


def test_the_title_row_wins_over_the_file_name(tmp_path):
    path = write_export(tmp_path / "涞源县_2024年4月", _one_household(), title="统计时间：2024-05-31")
    result = run_audit([path], Config(), None)
    assert result.summary.period == "2024-05"
    assert "文件名" in result.summary.period_note and "以标题行为准" in result.summary.period_note


def test_the_period_comes_from_the_file_name(tmp_path):
    result = run_audit([write_export(tmp_path / "涞源县_2024-04", _one_household())], Config(), None)
    assert result.summary.period == "2024-04" and "文件名" in result.summary.period_note


def test_without_either_the_current_month_with_a_warning(tmp_path):
    result = run_audit([write_export(tmp_path / "导出", _one_household(), title="涞源县监测对象信息表")], Config(), None)
    today = dt.date.today()
    assert result.summary.period == f"{today.year}-{today.month:02d}"
    note = result.summary.period_note
    assert "取当前月份" in note and "注意：数据月份" in note and "2023-10" in note  # 识别监测时间 202310
    assert any(n.startswith("注意：") for n in result.summary.notes)


def test_no_warning_when_the_month_fits_the_data(tmp_path):
    result = run_audit([write_export(tmp_path / "导出", _one_household())], Config(), "2023-12")
    assert "注意" not in result.summary.period_note
