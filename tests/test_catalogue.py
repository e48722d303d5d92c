"""The catalogue is one place per fact: rules.csv (the package's copy of the spec's) says what each
rule is, a suite expectation how it is checked, and nothing is said twice; every suite is valid GX."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from auditor.catalogue import SEVERITY, load_rules
from auditor.catalogue.entries import entries, parameter_defaults, parameter_value
from auditor.config import DEFAULT_PARAMS, Config
from auditor.resources import data_dir

SHARED = Path(__file__).resolve().parents[2] / "shared" / "spec" / "rules.csv"
CATALOGUE_FACTS = {"name", "category", "dimension", "level", "fields", "needs"}


def _rows(text: str) -> dict[str, dict]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


# Rules an issue changed on purpose after the spec was written: (the columns it changed, why). Every other
# column must still be the spec's; the spec's copy is read-only here and is updated upstream.
CHANGED_SINCE_SPEC = {
    "H13": ({"fields", "condition"}, "issue 19: H13 also runs from the clue date of the history's department-list clues"),
}


def test_packaged_catalogue_holds_the_spec_rules_unchanged():
    if not SHARED.is_file():
        pytest.skip("../shared/spec/rules.csv is not next to this checkout")
    ours = _rows(data_dir("expectations").joinpath("rules.csv").read_text(encoding="utf-8"))
    for rule_id, row in _rows(SHARED.read_text(encoding="utf-8")).items():
        changed = CHANGED_SINCE_SPEC.get(rule_id, (set(), ""))[0]
        if changed and all(ours[rule_id][c] == row[c] for c in changed):
            changed = set()  # the spec has caught up
        assert {k: v for k, v in ours.get(rule_id, {}).items() if k not in changed} == \
            {k: v for k, v in row.items() if k not in changed}, rule_id


def test_every_rule_has_one_expectation_and_one_entry():
    seen: dict[str, str] = {}
    for rule in load_rules():
        assert rule.id not in seen, f"{rule.id} appears in {seen[rule.id]} and {rule.suite}"
        seen[rule.id] = rule.suite
        expected_table = "households" if rule.level == "户" else ("members", "work", "plan")
        assert rule.table in expected_table, f"{rule.id}: level {rule.level} but table {rule.table}"
        assert rule.severity == SEVERITY[rule.category]
    assert set(seen) == set(entries())


def test_suites_say_nothing_the_catalogue_says():
    for entry in data_dir("expectations").iterdir():
        if entry.name.endswith(".json"):
            for exp in json.loads(entry.read_text(encoding="utf-8"))["expectations"]:
                assert not CATALOGUE_FACTS & set(exp["meta"]), (entry.name, exp["meta"]["rule_id"])
                assert "severity" not in exp, (entry.name, exp["meta"]["rule_id"])


def test_rule_parameters_come_from_the_catalogue():
    defaults = parameter_defaults()
    for entry in entries().values():
        for name, text in entry.params:
            if name in ("ref_date", "school_ref_date"):
                continue
            if name == "income_threshold":  # the default line comes from threshold_schedule
                assert Config().income_threshold(date(2024, 6, 30)) == float(text), entry.id
                continue
            assert DEFAULT_PARAMS[name] == defaults[name] == parameter_value(name, text), (entry.id, name)
    assert parameter_value("child_age", "16") == 16 and parameter_value("g15_change", "0.5") == 0.5
    assert parameter_value("g08_deduct_expense", "true") is True
    assert parameter_value("severe_grades", "1|2") == ["1", "2"]
    assert parameter_value("division_codes", "") == [] and parameter_value("local_prefix", "") == ""


def test_suites_load_in_great_expectations():
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    from great_expectations.core import ExpectationSuite

    from auditor.engines.gx import gx_suites

    built = gx_suites(list(load_rules()))
    assert sum(len(s["expectations"]) for s in built.values()) == len(load_rules())
    for (name, _), data in built.items():
        suite = ExpectationSuite(**data)
        assert len(suite.expectations) == len(data["expectations"]), name
        for exp in suite.expectations:
            assert exp.meta["rule_id"] and exp.severity.value in ("critical", "warning"), name
    for entry in data_dir("expectations").iterdir():  # the files as they are, too
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            assert len(ExpectationSuite(**data).expectations) == len(data["expectations"]), entry.name
