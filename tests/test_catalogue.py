"""The suites implement the catalogue of rules.csv: ids, names, categories, levels and fields match,
and every suite is valid GX (loads as a great_expectations ExpectationSuite)."""

from __future__ import annotations

import csv
import json
import os
from datetime import date
from pathlib import Path

import pytest

from auditor.config import DEFAULT_PARAMS, GROUP_PARAMS, Config
from auditor.resources import data_dir
from auditor.suites import SEVERITY, load_rules

CATALOGUE = Path(__file__).parent / "data" / "rules.csv"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "spec" / "rules.csv"


def catalogue() -> dict[str, dict]:
    with CATALOGUE.open(encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def test_vendored_catalogue_is_the_shared_one():
    if not SHARED.is_file():
        pytest.skip("../shared/spec/rules.csv is not next to this checkout")
    assert CATALOGUE.read_bytes() == SHARED.read_bytes()


def test_every_expectation_matches_its_catalogue_entry():
    cat = catalogue()
    seen: dict[str, str] = {}
    for rule in load_rules():
        assert rule.id in cat, f"{rule.id} is not in rules.csv"
        assert rule.id not in seen, f"{rule.id} appears in {seen[rule.id]} and {rule.suite}"
        seen[rule.id] = rule.suite
        row = cat[rule.id]
        assert (rule.name, rule.category, rule.dimension, rule.level) == (
            row["name_zh"], row["category"], row["dimension"], row["level"]), rule.id
        assert list(rule.fields) == [f for f in row["fields"].split("|") if f], rule.id
        assert list(rule.needs) == [n for n in row["needs"].split("|") if n], rule.id
        assert rule.severity == SEVERITY[rule.category], rule.id
        expected_table = "households" if rule.level == "户" else ("members", "work", "plan")
        assert rule.table in expected_table, f"{rule.id}: level {rule.level} but table {rule.table}"


def test_rule_parameters_have_the_catalogue_defaults():
    for rule_id, row in catalogue().items():
        for item in filter(None, (p.strip() for p in row["params"].split(";"))):
            name, _, default = item.partition("=")
            if name in ("ref_date", "school_ref_date"):
                continue
            if name == "income_threshold":  # the default line comes from threshold_schedule
                assert Config().income_threshold(date(2024, 6, 30)) == float(default), rule_id
                continue
            if name in GROUP_PARAMS:
                assert GROUP_PARAMS[name] == default, rule_id
                continue
            value = DEFAULT_PARAMS[name]
            text = "|".join(map(str, value)) if isinstance(value, list) else str(value).lower()
            assert text == default.lower(), f"{rule_id}: {name}={value!r}, rules.csv says {default!r}"


def test_suites_load_in_great_expectations():
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    from great_expectations.core import ExpectationSuite

    for entry in data_dir("expectations").iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            suite = ExpectationSuite(**data)
            assert len(suite.expectations) == len(data["expectations"]), entry.name
            for exp in suite.expectations:
                assert exp.meta["rule_id"], entry.name
