"""The rule catalogue as GX suites: expectations/*.json + checks/*.sql → Rule objects.

Each suite is a GX 1.x ExpectationSuite (JSON) over one prepared table, named `<table>.<group>`;
each expectation is one rule, its meta carrying {rule_id, name, category, dimension, level, fields,
needs, …} and its GX severity (critical = 必改, warning = 非必改). The SQL of an
UnexpectedRowsExpectation is the suite parameter `check_<rule_id>`, whose value is the file
checks/<rule_id>.sql; so the suites stay runnable by GX itself, and each rule's logic lives once.

Loading the catalogue does not import great_expectations (it costs seconds); tests load the same
JSON through GX to prove it stays valid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .fields import FIELD_GROUPS
from .resources import data_dir

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
    meta: dict[str, Any]
    suite: str
    severity: str
    check_sql: str | None = None
    fields: tuple[str, ...] = field(default=())  # from meta.fields: '?' = optional, '@' = group
    needs: tuple[str, ...] = field(default=())

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


@cache
def load_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    suites = data_dir("expectations")
    checks = data_dir("checks")
    for entry in sorted(suites.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        suite = json.loads(entry.read_text(encoding="utf-8"))
        table = suite["meta"]["table"]
        for exp in suite["expectations"]:
            meta = exp["meta"]
            kwargs = dict(exp["kwargs"])
            sql = None
            if exp["type"] == "unexpected_rows_expectation":
                sql = checks.joinpath(f"{meta['rule_id']}.sql").read_text(encoding="utf-8")
            rules.append(Rule(
                id=meta["rule_id"], name=meta["name"], category=meta["category"],
                dimension=meta["dimension"], level=meta["level"], table=meta.get("table", table),
                type=exp["type"], kwargs=kwargs, meta=meta, suite=suite["name"],
                severity=exp.get("severity", "critical"), check_sql=sql,
                fields=tuple(meta.get("fields", ())), needs=tuple(meta.get("needs", ())),
            ))
    rules.sort(key=lambda r: r.id)
    return tuple(rules)


def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in load_rules()}

