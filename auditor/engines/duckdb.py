"""The default engine: the compiled rules run as SQL on the embedded DuckDB holding the prepared tables.

All unexpected rows, no caps. The rules run as one fused statement (one INSERT of a UNION ALL), so
DuckDB plans once and schedules the rules' scans together. When that needs more memory than the
limit allows, the rules run one by one; when it fails otherwise, each rule is tried alone to name
the broken one in the error.

On a province, rules marked `household_local` in their meta (each household judged from its own rows
alone, with about a hundred aggregate states per household) run a slice of households at a time,
the slices of prepare.household_slices: their states never all live in memory at once.
"""

from __future__ import annotations

from typing import Any

import duckdb
from sqlglot import exp

from ..catalogue import Rule
from ..catalogue.compile import rule_query, rule_sql
from ..prepare import Prepared, household_slices
from .base import reset_hits


class Engine:
    """The default engine (engines/base.py)."""

    def run(self, prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> None:
        run(prep, rules, params, append)


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> None:
    """Run `rules` into `hits` (replacing it, or adding to it for the second phase)."""
    con = prep.con
    reset_hits(con, append)
    slices = household_slices(con, prep.counts["active"])
    sliced = [r for r in rules if len(slices) > 1 and r.meta.get("household_local")]
    _run_fused(con, [r for r in rules if r not in sliced], params)
    on_slice = [_part(rule, _on_slice(rule_query(rule, params)).sql("duckdb", identify=True)) for rule in sliced]
    for condition in slices if sliced else []:
        con.execute(f"CREATE OR REPLACE TEMP VIEW _slice_members AS SELECT * FROM members WHERE true {condition}")
        con.execute("CREATE OR REPLACE TEMP VIEW _slice_households AS SELECT * FROM households "
                    "WHERE 户编号 IN (SELECT 户编号 FROM _slice_members)")
        for part in on_slice:
            con.execute("INSERT INTO hits " + part)


def _part(rule: Rule, sql: str) -> str:
    return f"SELECT '{rule.id}' AS rule_id, _row, 问题字段, 说明, 类别 FROM ({sql}) AS r"


def _on_slice(query: exp.Expression) -> exp.Expression:
    """The rule reading one slice of households (views _slice_members, _slice_households)."""

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and not node.args.get("db") and node.name in ("members", "households"):
            if not node.alias:
                node.set("alias", exp.TableAlias(this=exp.to_identifier(node.name, quoted=True)))
            node.set("this", exp.to_identifier(f"_slice_{node.name}", quoted=True))
        return node

    return query.transform(swap)


def _run_fused(con: duckdb.DuckDBPyConnection, rules: list[Rule], params: dict[str, Any]) -> None:
    parts = [_part(rule, rule_sql(rule, params, "duckdb")) for rule in rules]
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
