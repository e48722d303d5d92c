"""The default engine: the compiled rules run as SQL on the embedded DuckDB holding the prepared tables.

All unexpected rows, no caps. Each rule is one INSERT into `hits`, so a broken rule is named in the
error, and the per-rule cost can be measured.
"""

from __future__ import annotations

import time
from typing import Any

from ..compile import rule_sql
from ..prepare import Prepared
from ..suites import Rule


def reset_hits(con, append: bool = False) -> None:
    """The `hits` table every engine fills: a new empty one, or the existing one when appending."""
    if not append:
        con.execute("CREATE OR REPLACE TABLE hits (rule_id VARCHAR, _row BIGINT, 问题字段 VARCHAR, 说明 VARCHAR)")


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> dict[str, float]:
    """Run `rules` into `hits` (replacing it, or adding to it for the second phase)."""
    con = prep.con
    reset_hits(con, append)
    timings: dict[str, float] = {}
    for rule in rules:
        sql = rule_sql(rule, params, "duckdb")
        started = time.perf_counter()
        try:
            con.execute(f"INSERT INTO hits SELECT '{rule.id}', _row, 问题字段, 说明 FROM ({sql}) AS r")
        except Exception as exc:  # a defect in a rule, not a user mistake: name the rule
            raise RuntimeError(f"规则 {rule.id} 执行失败：{exc}\n{sql}") from exc
        timings[rule.id] = time.perf_counter() - started
    return timings
