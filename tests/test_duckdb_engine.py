"""The default engine: the catalogue split into statements planned at once (one per core) finds
exactly what one statement finds, and a broken rule is still named."""

from __future__ import annotations

import pytest
from auditing import run_audit

from auditor import demo
from auditor.catalogue.compile import run_parameters
from auditor.config import Config
from auditor.engines import duckdb as duck_engine


def _hits(prep) -> list[tuple]:
    return sorted(prep.con.execute("SELECT rule_id, _row, 问题字段, 说明, coalesce(类别, '') FROM hits").fetchall())


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    data = demo.generate(150, seed=5)
    export = demo.write_export(data, tmp_path_factory.mktemp("demo") / demo.export_name(data.period))
    result = run_audit([str(export)], Config(), data.period)
    return result, run_parameters(Config(), result.prep.period, result.prep.present)


def test_statements_planned_at_once_find_what_one_statement_finds(demo_run, monkeypatch):
    result, params = demo_run
    prep, rules = result.prep, [r for r in result.plan.runnable if r.meta.get("phase", 1) == 1]
    statements = []
    real = duck_engine._insert
    monkeypatch.setattr(duck_engine, "_insert", lambda con, parts: statements.append(len(parts)) or real(con, parts))
    found = {}
    for n in (1, 2, 4):
        monkeypatch.setattr(duck_engine, "STATEMENTS", n)
        statements.clear()
        duck_engine.run(prep, rules, params)
        assert len(statements) == n and sum(statements) == len(rules), statements
        found[n] = _hits(prep)
    assert found[1] and found[1] == found[2] == found[4]


def test_groups_hold_every_rule_once_in_catalogue_order():
    parts = [(object(), "x" * n) for n in (50, 10, 40, 30, 20, 5)]
    groups = duck_engine._balanced(parts, 3)
    assert sorted(id(p) for g in groups for p in g) == sorted(id(p) for p in parts)
    order = {id(p): i for i, p in enumerate(parts)}
    assert all([order[id(p)] for p in g] == sorted(order[id(p)] for p in g) for g in groups)
    assert max(sum(len(s) for _, s in g) for g in groups) <= 60  # 155 characters over 3: no group above 60
    assert duck_engine._balanced(parts[:2], 4) == [[parts[0]], [parts[1]]]
    assert duck_engine._balanced([], 4) == []


def test_a_broken_rule_is_named_while_the_others_run_at_once(demo_run, monkeypatch):
    result, params = demo_run
    prep, rules = result.prep, [r for r in result.plan.runnable if r.meta.get("phase", 1) == 1]
    broken = rules[len(rules) // 2]
    real = duck_engine.rule_sql
    monkeypatch.setattr(duck_engine, "rule_sql", lambda rule, p, dialect: (
        "SELECT _row, NULL AS 问题字段, NULL AS 说明, NULL AS 类别 FROM members WHERE 没有这一列 = 1"
        if rule is broken else real(rule, p, dialect)))
    monkeypatch.setattr(duck_engine, "STATEMENTS", 2)
    with pytest.raises(RuntimeError, match=f"规则 {broken.id} 执行失败"):
        duck_engine.run(prep, rules, params)
