"""Run-level behaviour of an audit: --township, secondary rows that match nobody, run notes."""

from auditing import run_audit
from conftest import write_export
from factory import household, make_id, person

from auditor.config import Config


def _plan_row(member: dict, hid: str) -> dict:
    return {"户编号": hid, "姓名": member["姓名"], "证件号码": member["证件号码"], "是否计划务工": "是", "就业服务需求": ""}


def test_township_restricts_secondary_rows_too(tmp_path):
    a = person(name="甲", 证件号码=make_id(seq=301))
    b = person(name="乙", 证件号码=make_id(seq=302))
    main = household(hid="A1", town="涞源镇", members=[a]) + household(hid="B1", town="王安镇", members=[b])
    plan = [_plan_row(a, "A1"), _plan_row(b, "B1")]
    paths = [write_export(tmp_path / "main", main), write_export(tmp_path / "plan", plan, sheet="计划外出务工表")]
    everyone = run_audit([str(p) for p in paths], Config(), "2024-06")
    assert {r[0] for r in everyone.prep.con.execute("SELECT 姓名 FROM findings WHERE 规则编号 = 'E12'").fetchall()} \
        == {"甲", "乙"}
    one = run_audit([str(p) for p in paths], Config(), "2024-06", townships=["王安镇"])
    rows = one.prep.con.execute("SELECT 姓名, 乡镇 FROM findings WHERE 规则编号 = 'E12'").fetchall()
    assert rows == [("乙", "王安镇")]


def test_unlinked_secondary_rows_are_a_structure_issue(tmp_path):
    a = person(name="甲", 证件号码=make_id(seq=311))
    stranger = person(name="路人", 证件号码=make_id(seq=312))
    main = household(hid="A1", members=[a])
    plan = [_plan_row(a, "A1"), _plan_row(stranger, "Z9")]
    paths = [write_export(tmp_path / "main", main), write_export(tmp_path / "plan", plan, sheet="计划外出务工表")]
    result = run_audit([str(p) for p in paths], Config(), "2024-06")
    issues = [i for i in result.summary_json["structure_issues"] if i["类型"] == "副表中无法关联到主表的行"]
    assert len(issues) == 1 and issues[0]["行号"] == [3] and issues[0]["行数"] == 1


def test_note_when_no_income_line_is_in_force(tmp_path):
    path = write_export(tmp_path / "main", household(hid="A1", members=[person()]))
    cfg = Config().with_params(threshold_schedule=["2030-01-01:9000"])
    notes = run_audit([str(path)], cfg, "2024-06").summary_json["notes"]
    assert any(n.startswith("未配置阈值") for n in notes)
    assert not any(n.startswith("未配置阈值") for n in run_audit([str(path)], Config(), "2024-06").summary_json["notes"])
