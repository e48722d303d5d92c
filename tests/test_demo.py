"""The demo export: a realistic messy file whose planted problems are found exactly, no more, no less."""

from __future__ import annotations

from collections import Counter

from auditing import run_audit

from auditor import demo
from auditor.catalogue import rules_by_id
from auditor.config import Config
from auditor.fmt import months_before


def found_and_planted(data: demo.Demo, path, period: str | None) -> tuple[Counter, Counter]:
    """The audit's findings (rule, 户编号, 姓名 for person rules) and the planted ones, as multisets."""
    result = run_audit([str(path)], Config(), period)
    rules = rules_by_id()
    found = Counter()
    for rule_id, hid, name in result.prep.con.execute("SELECT 规则编号, 户编号, 姓名 FROM findings").fetchall():
        found[(rule_id, hid, name if rules[rule_id].level == "人" else "")] += 1
    return found, Counter((p.rule_id, p.hid, p.name) for p in data.planted)


def test_every_rule_the_main_export_can_run_has_an_injector():
    needs_free = {rule_id for rule_id, rule in rules_by_id().items() if not rule.needs}
    assert set(demo.INJECTORS) == needs_free


def test_demo_findings_are_exactly_the_planted_problems(tmp_path):
    data = demo.generate(households=600, seed=7)
    path = demo.write_export(data, tmp_path / "涞源县_2024年6月_防返贫监测导出.xlsx")
    found, planted = found_and_planted(data, path, None)
    assert found == planted
    assert {p.rule_id for p in data.planted} == set(demo.INJECTORS)  # every injector found a household
    assert sum(planted.values()) > 2 * len(demo.INJECTORS)  # some declare a second, inevitable finding
    assert all(p.what for p in data.planted)


def test_problems_planted_months_earlier_are_still_exact(tmp_path):
    """A series keeps unfixed problems until its last month: planted two months before PERIOD, each
    problem must still produce exactly its findings at PERIOD (ages and months since identification
    have moved on: a 22-year-old 小学 turning 23, a J03 household identified 4 months ago reaching J02's 6)."""
    data = demo.generate(households=600, seed=12, problems_per_rule=3, period=months_before(demo.PERIOD, 2))
    data.period = demo.PERIOD
    path = demo.write_export(data, tmp_path / demo.export_name(demo.PERIOD))
    found, planted = found_and_planted(data, path, demo.PERIOD)
    assert found == planted


def test_demo_is_deterministic():
    a, b = demo.generate(households=80, seed=3), demo.generate(households=80, seed=3)
    assert [h.rows() for h in a.households] == [h.rows() for h in b.households]
    assert a.planted == b.planted
