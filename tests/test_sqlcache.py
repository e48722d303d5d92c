"""The compiled-SQL cache: a rule compiled once is not compiled again by the next run, and anything
its SQL is made from (its logic, a parameter value it reads, the compiler) makes it compile afresh.
A corrupt or unwritable cache never fails a run."""

from __future__ import annotations

import dataclasses
import json

import pytest

import auditor.catalogue.build as build
import auditor.catalogue.compile as compile_
from auditor.catalogue import load_rules
from auditor.catalogue.build import rule_params
from auditor.catalogue.compile import run_parameters
from auditor.catalogue.sqlcache import SqlCache
from auditor.config import Config
from auditor.period import resolve_period


@pytest.fixture()
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own; each call gives a new process's view of it."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))

    def new() -> SqlCache:
        cache = SqlCache()
        monkeypatch.setattr(compile_, "SQL_CACHE", cache)
        return cache

    return new


def _params(**overrides):
    cfg = Config()
    params = run_parameters(cfg, resolve_period("2024-06", [], cfg))
    return {**params, **overrides}


def _rule(rule_id):
    return next(r for r in load_rules() if r.id == rule_id)


def _compiles(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = build.rule_query
    monkeypatch.setattr(build, "rule_query", lambda rule, params: calls.append(rule.id) or real(rule, params))
    return calls


def test_a_second_process_reads_the_compiled_sql(fresh, monkeypatch, tmp_path):
    rules = [_rule(i) for i in ("A01", "B09", "G05")]
    first = fresh()
    sqls = [compile_.rule_sql(r, _params()) for r in rules]
    first.flush()
    assert list((tmp_path / "cache").glob("compiled-sql-*.json"))
    fresh()
    calls = _compiles(monkeypatch)
    assert [compile_.rule_sql(r, _params()) for r in rules] == sqls
    assert calls == []


def test_a_changed_parameter_or_rule_compiles_again(fresh, monkeypatch):
    g05 = _rule("G05")
    assert "low_wage" in rule_params(g05)
    cache = fresh()
    before = compile_.rule_sql(g05, _params(low_wage=100))
    cache.flush()
    fresh()
    calls = _compiles(monkeypatch)
    after = compile_.rule_sql(g05, _params(low_wage=250))
    assert calls == ["G05"] and after != before and "250" in after
    edited = dataclasses.replace(g05, meta={**g05.meta, "note": "工资性收入低于 {low_wage} 元（已改）"})
    assert "已改" in compile_.rule_sql(edited, _params(low_wage=250)) and calls == ["G05", "G05"]


def test_a_corrupt_or_unwritable_cache_only_means_compiling(fresh, monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    a01 = _rule("A01")
    cache = fresh()
    expected = compile_.rule_sql(a01, _params())
    cache.flush()
    (path,) = folder.glob("compiled-sql-*.json")
    path.write_text("{not json", encoding="utf-8")
    cache = fresh()
    calls = _compiles(monkeypatch)
    assert compile_.rule_sql(a01, _params()) == expected and calls == ["A01"]
    cache.flush()
    assert expected in json.loads(path.read_text(encoding="utf-8")).values()  # rewritten whole
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "cache"))  # cannot be created, even by root
    cache = fresh()
    assert compile_.rule_sql(a01, _params()) == expected
    cache.flush()


def test_the_key_covers_every_parameter_a_rule_reads():
    """The cache key reads the parameter names without parsing the SQL; it must never miss one."""
    for rule in load_rules():
        assert set(rule_params(rule)) <= compile_._names_read(rule), rule.id


def test_the_file_keeps_the_newest_entries_only(fresh, monkeypatch, tmp_path):
    import auditor.catalogue.sqlcache as sqlcache

    monkeypatch.setattr(sqlcache, "MAX_ENTRIES", 3)
    g05 = _rule("G05")
    for wage in (100, 200, 300, 400, 500):  # five months' worth of different parameter values
        cache = fresh()
        compile_.rule_sql(g05, _params(low_wage=wage))
        cache.flush()
    (path,) = (tmp_path / "cache").glob("compiled-sql-*.json")
    kept = list(json.loads(path.read_text(encoding="utf-8")).values())
    assert len(kept) == 3 and "500" in kept[-1] and not any("低于 100 元" in sql for sql in kept)
