"""The default engine: the compiled rules run as SQL on the embedded DuckDB holding the prepared tables.

All unexpected rows, no caps. The rules run as a few fused statements (each one INSERT of a UNION
ALL), so DuckDB schedules the rules' scans together. On a township's file planning them costs far
more than running them, and DuckDB plans a statement on one core: the catalogue is therefore split
into one statement per core (at most four: STATEMENTS), run at once on cursors of the same
database. A rule that reads the previous run (needs 上期导出) runs on the run's own connection,
where the history's tables are registered. When a statement needs more memory than the limit
allows, its rules run one by one; when it fails otherwise, each rule is tried alone to name the
broken one in the error.

On a province, rules marked `household_local` in their meta (each household judged from its own rows
alone, with about a hundred aggregate states per household) run a slice of households at a time,
the slices of prepare.household_slices: their states never all live in memory at once.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

import duckdb

from ..catalogue import Rule
from ..catalogue.compile import rule_sql
from ..prepare import Prepared, household_slices
from .base import reset_hits

if TYPE_CHECKING:
    from sqlglot import exp


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
    if not sliced:
        return
    from ..catalogue.build import rule_query  # a province only: the sliced rules are rewritten per run

    on_slice = [_part(rule, _on_slice(rule_query(rule, params)).sql("duckdb", identify=True)) for rule in sliced]
    for condition in slices:
        con.execute(f"CREATE OR REPLACE TEMP VIEW _slice_members AS SELECT * FROM members WHERE true {condition}")
        con.execute("CREATE OR REPLACE TEMP VIEW _slice_households AS SELECT * FROM households "
                    "WHERE 户编号 IN (SELECT 户编号 FROM _slice_members)")
        for part in on_slice:
            con.execute("INSERT INTO hits " + part)


def _part(rule: Rule, sql: str) -> str:
    return f"SELECT '{rule.id}' AS rule_id, _row, 问题字段, 说明, 类别 FROM ({sql}) AS r"


def _on_slice(query: exp.Expression) -> exp.Expression:
    """The rule reading one slice of households (views _slice_members, _slice_households)."""
    from sqlglot import exp

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and not node.args.get("db") and node.name in ("members", "households"):
            if not node.alias:
                node.set("alias", exp.TableAlias(this=exp.to_identifier(node.name, quoted=True)))
            node.set("this", exp.to_identifier(f"_slice_{node.name}", quoted=True))
        return node

    return query.transform(swap)


# Statements planned at once, each on its own core (DuckDB's planning of one statement is single
# threaded, and a small export's run has one DuckDB thread: prepare/workspace.py); more than four gain
# little on the rule stage.
STATEMENTS = max(1, min(os.cpu_count() or 1, 4))


def _run_fused(con: duckdb.DuckDBPyConnection, rules: list[Rule], params: dict[str, Any]) -> None:
    parts = [(rule, _part(rule, rule_sql(rule, params, "duckdb"))) for rule in rules]
    local = [p for p in parts if "上期导出" in p[0].needs]
    shared = [p for p in parts if "上期导出" not in p[0].needs]
    groups = _balanced(shared, STATEMENTS)
    if len(groups) <= 1:
        for group in [local, *groups]:
            if group:
                _insert(con, group)
        return
    # Plain threads (concurrent.futures would import logging: a cost on every audit). The cursors
    # are opened here: a connection is used by one thread at a time.
    errors: list[BaseException] = []
    cursors = [con.cursor() for _ in groups]

    def work(cursor: duckdb.DuckDBPyConnection, group: list[tuple[Rule, str]]) -> None:
        try:
            _insert(cursor, group)
        except BaseException as exc:  # re-raised below, in the caller's thread
            errors.append(exc)

    workers = [threading.Thread(target=work, args=pair) for pair in zip(cursors, groups, strict=True)]
    try:
        for thread in workers:
            thread.start()
        if local:
            _insert(con, local)
    finally:
        for thread in workers:
            thread.join()
        for cursor in cursors:
            cursor.close()
    if errors:
        raise errors[0]


def _balanced(parts: list[tuple[Rule, str]], n: int) -> list[list[tuple[Rule, str]]]:
    """`parts` in at most `n` groups of about equal planning cost (the SQL's length stands for it),
    each in catalogue order."""
    groups: list[list[tuple[Rule, str]]] = [[] for _ in range(min(n, len(parts)))]
    sizes = [0] * len(groups)
    for part in sorted(parts, key=lambda p: -len(p[1])):
        k = sizes.index(min(sizes))
        groups[k].append(part)
        sizes[k] += len(part[1])
    order = {id(p): i for i, p in enumerate(parts)}
    return [sorted(g, key=lambda p: order[id(p)]) for g in groups]


def _insert(con: duckdb.DuckDBPyConnection, parts: list[tuple[Rule, str]]) -> None:
    """One fused INSERT of `parts` (a statement: all of its rows or none)."""
    try:
        con.execute("INSERT INTO hits " + " UNION ALL ".join(sql for _, sql in parts))
    except duckdb.OutOfMemoryException:
        # The fused statement holds every rule's joins and aggregates at once; under the memory
        # limit ([run] memory_limit) the rules still run one at a time, each needing far less.
        for _, sql in parts:
            con.execute("INSERT INTO hits " + sql)
    except duckdb.Error:
        for rule, sql in parts:
            try:
                con.execute(f"SELECT count(*) FROM ({sql})").fetchall()
            except duckdb.OutOfMemoryException:
                raise
            except duckdb.Error as exc:  # a defect in a rule, not a user mistake: name the rule
                raise RuntimeError(f"规则 {rule.id} 执行失败：{exc}\n{sql}") from exc
        raise
