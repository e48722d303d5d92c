"""The rule catalogue: rules.csv (what each rule is) + expectations/*.json and checks/*.sql (how it is
checked) → Rule objects.

Each rule lives in one place per fact:
- its identity (name, default category, dimension, level, fields, parameters, needs, reference
  codes) in rules.csv (entries.py);
- its logic in one GX expectation of a suite (expectations/<table>.<group>.json): the expectation
  type and kwargs, and in meta only what the checking needs (rule_id, the field a finding points at,
  the note it carries, the table, the phase …);
- for an UnexpectedRowsExpectation, its SQL in checks/<rule_id>.sql, the suite parameter
  `check_<rule_id>` (checks.py renders the few that are generated from the field lists).

Loading the catalogue does not import great_expectations (it costs seconds); the GX engine builds
real suites from these rules, with GX severity from the category (critical = 必改, warning = 非必改).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..fields import FIELD_GROUPS
from ..resources import data_dir
from .checks import check_sql
from .entries import Entry, entries

SEVERITY = {"必改": "critical", "非必改": "warning"}
TABLES = ("members", "households", "work", "plan")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str  # default category; the run's config may override it
    dimension: str
    level: str  # 人 | 户
    table: str  # the prepared table the expectation runs on
    type: str  # GX expectation type
    kwargs: dict[str, Any]
    meta: dict[str, Any]  # the expectation's meta: how the rule is checked (not what it is)
    suite: str
    entry: Entry
    fields: tuple[str, ...] = field(default=())  # '?' = optional, '@' = group
    needs: tuple[str, ...] = field(default=())

    @property
    def check_sql(self) -> str | None:
        """The SQL of an UnexpectedRowsExpectation (checks/<id>.sql, rendered), read when first asked for."""
        return check_sql(self.id) if self.type == "unexpected_rows_expectation" else None

    @property
    def severity(self) -> str:
        """GX severity of the rule's default category."""
        return SEVERITY[self.category]

    @property
    def problem_field(self) -> str:
        """The field a finding points at (问题字段) unless the check SQL names one per row."""
        return self.meta.get("field") or self.kwargs.get("column") or ""

    def required_fields(self) -> list[str]:
        return [f for f in self.fields if not f.endswith("?") and not f.startswith("@") and "." not in f]

    def groups(self) -> list[tuple[str, ...]]:
        """Field groups (and meta.any_of alternatives) of which at least one column must exist."""
        out = [FIELD_GROUPS[f] for f in self.fields if f.startswith("@")]
        out += [tuple(alt) for alt in self.meta.get("any_of", [])]
        return out


def suite_files() -> list[str]:
    """The suite files of the catalogue, by name."""
    return sorted(e.name for e in data_dir("expectations").iterdir() if e.name.endswith(".json"))


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of the catalogue, by id; a suite expectation without a catalogue entry (or the
    reverse) is a defect of the package, caught by the catalogue test."""
    catalogue = entries()
    rules: list[Rule] = []
    folder = data_dir("expectations")
    for name in suite_files():
        suite = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        table = suite["meta"]["table"]
        for exp in suite["expectations"]:
            meta = exp["meta"]
            entry = catalogue[meta["rule_id"]]
            rules.append(Rule(
                id=entry.id, name=entry.name, category=entry.category, dimension=entry.dimension,
                level=entry.level, table=meta.get("table", table), type=exp["type"], kwargs=dict(exp["kwargs"]),
                meta=meta, suite=suite["name"], entry=entry, fields=entry.fields, needs=entry.needs,
            ))
    rules.sort(key=lambda r: r.id)
    return tuple(rules)


def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in load_rules()}
