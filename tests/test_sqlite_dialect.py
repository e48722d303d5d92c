"""The SQLite adaptations of the GX engine (engines/sqlite_dialect.py) against DuckDB itself: a number
written with two decimals and an ordered STRING_AGG read the same on both."""

from __future__ import annotations

import functools
import sqlite3

import duckdb
import sqlglot
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engines.sqlite_dialect import adapt, register

DECIMAL_TEXT = "SELECT CAST(CAST(x AS DECIMAL(38, 2)) AS VARCHAR) AS t FROM v ORDER BY i"
ORDERED = "SELECT STRING_AGG(s, '、' ORDER BY k) AS t FROM v"


# One DuckDB database for every example (each replaces its table): connecting costs more than a case.
DUCK = duckdb.connect()


@functools.cache
def _adapted(sql: str) -> str:
    """The query as the GX engine's SQLite reads it (written once per query, not per example)."""
    return adapt(sqlglot.parse_one(sql, read="duckdb")).sql("sqlite")


def _both(sql: str, columns: str, rows: list[tuple]) -> tuple[list, list]:
    DUCK.execute(f"CREATE OR REPLACE TABLE v ({columns})")
    lite = sqlite3.connect(":memory:")
    register(lite)
    lite.execute(f"CREATE TABLE v ({columns.replace('DOUBLE', 'REAL')})")
    marks = ", ".join("?" * len(rows[0]))
    DUCK.executemany(f"INSERT INTO v VALUES ({marks})", rows)
    lite.executemany(f"INSERT INTO v VALUES ({marks})", rows)
    return DUCK.execute(sql).fetchall(), lite.execute(_adapted(sql)).fetchall()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=20))
def test_two_decimals_read_the_same(values):
    duck, lite = _both(DECIMAL_TEXT, "i INTEGER, x DOUBLE", list(enumerate(values)))
    assert duck == lite


def test_two_decimals_known_values():
    values = [20000 / 3, 2333.333333, 5.5, -0.004, 0.0, -2.5, 1e9 + 0.125]
    duck, lite = _both(DECIMAL_TEXT, "i INTEGER, x DOUBLE", list(enumerate(values)))
    assert [r[0] for r in lite] == ["6666.67", "2333.33", "5.50", "0.00", "0.00", "-2.50", "1000000000.13"]
    assert duck == lite


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text("甲乙丙ab", min_size=1, max_size=3), st.integers(-5, 5) | st.none()),
                min_size=1, max_size=12, unique_by=lambda r: r[1]))
def test_ordered_string_agg_reads_the_same(rows):
    duck, lite = _both(ORDERED, "s VARCHAR, k INTEGER", rows)
    assert duck == lite
