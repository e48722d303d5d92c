"""The default engine: the compiled rules run as SQL on the embedded DuckDB holding the prepared tables.

All unexpected rows, no caps. The rules run as one fused statement (one INSERT of a UNION ALL), so
DuckDB plans once and schedules the rules' scans together. When that needs more memory than the
limit allows, the rules run one by one; when it fails otherwise, each rule is tried alone to name
the broken one in the error.
"""

from __future__ import annotations

from typing import Any

import duckdb

from ..compile import rule_sql
from ..prepare import Prepared
from ..suites import Rule


def reset_hits(con, append: bool = False) -> None:
    """The `hits` table every engine fills: a new empty one, or the existing one when appending."""
    if not append:
        con.execute("CREATE OR REPLACE TABLE hits (rule_id VARCHAR, _row BIGINT, 问题字段 VARCHAR, 说明 VARCHAR)")


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> None:
    """Run `rules` into `hits` (replacing it, or adding to it for the second phase)."""
    con = prep.con
    reset_hits(con, append)
    parts = [f"SELECT '{rule.id}' AS rule_id, _row, 问题字段, 说明 FROM ({rule_sql(rule, params, 'duckdb')}) AS r"
             for rule in rules]
    if not parts:
        return
    try:
        con.execute("INSERT INTO hits " + " UNION ALL ".join(parts))
    except duckdb.OutOfMemoryException:
        # The fused statement holds every rule's joins and aggregates at once; under the memory
        # limit ([run] memory_limit) the rules still run one at a time, each needing far less.
        for part in parts:
            con.execute("INSERT INTO hits " + part)
    except duckdb.Error:
        for rule, part in zip(rules, parts, strict=True):
            try:
                con.execute(f"SELECT count(*) FROM ({part})").fetchall()
            except duckdb.OutOfMemoryException:
                raise
            except duckdb.Error as exc:  # a defect in a rule, not a user mistake: name the rule
                raise RuntimeError(f"规则 {rule.id} 执行失败：{exc}\n{part}") from exc
        raise
