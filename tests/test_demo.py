"""The demo export: a realistic messy file whose planted problems are found exactly, no more, no less."""

from __future__ import annotations

from collections import Counter

from auditor import demo
from auditor.audit import run_audit
from auditor.config import Config
from auditor.suites import rules_by_id


def test_demo_findings_are_exactly_the_planted_problems(tmp_path):
    data = demo.generate(households=600, seed=7)
    path = demo.write_export(data, tmp_path / "涞源县_2024年6月_防返贫监测导出.xlsx")
    result = run_audit([str(path)], Config(), None)
    assert result.summary["period"] == demo.PERIOD  # inferred from the file name
    rules = rules_by_id()
    found = Counter()
    for rule_id, hid, name in result.prep.con.execute("SELECT 规则编号, 户编号, 姓名 FROM findings").fetchall():
        found[(rule_id, hid, name if rules[rule_id].level == "人" else "")] += 1
    planted = Counter((p.rule_id, p.hid, p.name) for p in data.planted)
    assert found == planted
    assert {p.rule_id for p in data.planted} == set(demo.injectors())


def test_demo_is_deterministic():
    a, b = demo.generate(households=80, seed=3), demo.generate(households=80, seed=3)
    assert [h.rows() for h in a.households] == [h.rows() for h in b.households]
    assert a.planted == b.planted
