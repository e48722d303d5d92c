"""Check SQL stays portable: the prepared tables copied into SQLite (the GX engine's backend), each
rule's compiled SQL run on both, the results compared."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from auditor.catalogue.compile import rule_sql, run_parameters
from auditor.prepare import ENGINE_TABLES


def sqlite_copy(prep) -> sqlite3.Connection:
    """The engine tables of a run in an in-memory SQLite database (numbers as REAL, as GX sees them)."""
    db = sqlite3.connect(":memory:")
    for table in ENGINE_TABLES:
        cur = prep.con.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        data = [[float(v) if isinstance(v, Decimal) else v for v in row] for row in cur.fetchall()]
        db.execute(f"CREATE TABLE {table} ({', '.join(chr(34) + c + chr(34) for c in cols)})")
        db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", data)
    return db


def rows_on_both(found, group: str) -> dict[str, tuple[list, list]]:
    """Per runnable rule of the group: (DuckDB rows, SQLite rows) of its compiled SQL, sorted."""
    prep = found.result.prep
    db = sqlite_copy(prep)
    params = run_parameters(prep.cfg, prep.period)
    return {rule.id: (sorted(prep.con.execute(rule_sql(rule, params, "duckdb")).fetchall()),
                      sorted(db.execute(rule_sql(rule, params, "sqlite")).fetchall()))
            for rule in found.result.plan.runnable if rule.id.startswith(group)}


def same_on_sqlite(found, group: str) -> set[str]:
    """Assert every rule of the group gives the same rows on both; the rules that found something."""
    checked = set()
    for rule_id, (duck, lite) in rows_on_both(found, group).items():
        assert lite == duck, rule_id
        if duck:
            checked.add(rule_id)
    return checked
