"""`--engine gx`: the reference engine. Great Expectations itself validates the suites.

Why it exists: the default engine compiles the suites to SQL (compile.py); this one hands the same
suites, unchanged, to GX 1.x, so the differential test can prove the compiler keeps GX's semantics.
DuckDB is no GX backend, so the prepared tables are copied into a SQLite file (GX's SQL datasource;
UnexpectedRowsExpectation needs SQL). GX judges every expectation; the rows come back as follows:

- GX caps what it returns (200 rows of an UnexpectedRowsExpectation's details, 200 partial
  unexpected values), so the rows are collected uncapped: for a map expectation from GX's
  `unexpected_index_list` (result_format COMPLETE with `unexpected_index_column_names=["_row"]`,
  which lists every unexpected row; its `unexpected_index_query` would not do, GX 1.24 leaves the
  row_condition out of it); for an UnexpectedRowsExpectation by running the very query GX ran,
  with `{batch}` bound as GX binds it. The row counts must equal GX's own `unexpected_count` /
  `observed_value`, else the run stops (a reference that silently drops rows would prove nothing).
- The check SQL of an UnexpectedRowsExpectation is the suite parameter `check_<ID>`: the rule's
  compiled query (build.rule_query, parameters bound as literals) written by sqlglot for SQLite,
  its own table replaced by `{batch}`. SQLite 3.40 rejects ORDER BY inside GROUP_CONCAT, so such an
  aggregate becomes auditor_concat (sqlite_dialect.py), registered on GX's connections and ours: a
  说明 lists its values in the same order on every engine.
- 问题字段/说明 of a map expectation are the compiled query's constants, of a check the query's own.

GX analytics are switched off before great_expectations is imported (GX_ANALYTICS_ENABLED=false),
the context is ephemeral (no files, no cloud), and GX's progress bars are off.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlglot import exp

from ..catalogue import Rule
from ..catalogue.build import rule_query
from ..catalogue.compile import PARAM_KEY, rule_key, rule_labels
from ..catalogue.sqlcache import SQL_CACHE
from ..errors import InputError
from ..prepare import ENGINE_TABLES, Prepared
from ..run.scratch import make_private_dir
from . import sqlite_dialect
from .base import HITS_NAMES, reset_hits

# Rules GX cannot run exactly as the compiled SQL does, with the reason; the differential test runs
# them on duckdb and spark only. Every other rule must give identical failing rows on all engines.
GX_INEXACT: dict[str, str] = {}

_BATCH = "__gx_batch__"
_CHUNK = 50_000


GX_MISSING = "使用 GX 参照引擎需要安装：pip install 'auditor[gx]'"


def import_gx():
    """great_expectations, imported only after its analytics are disabled (GX 1.x reads this variable).
    GX and sqlalchemy (its SQL datasource) are the `gx` extra: without them, one line and exit 2."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    try:
        import great_expectations
        import sqlalchemy  # noqa: F401  GX does not require it, its SQLite datasource does
    except ModuleNotFoundError as exc:
        if exc.name not in ("great_expectations", "sqlalchemy"):
            raise  # a broken GX install (one of its own dependencies missing) is no usage error
        raise InputError(GX_MISSING) from exc
    return great_expectations


class Engine:
    """GX itself (engines/base.py); `workdir` holds its temporary SQLite copy of the tables."""

    def __init__(self, workdir: str | Path | None = None) -> None:
        self.workdir = workdir

    def run(self, prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> None:
        run(prep, rules, params, append, self.workdir)


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False,
        workdir: str | Path | None = None) -> None:
    """Validate the suites of `rules` with GX and put every unexpected row into `hits`."""
    reset_hits(prep.con, append)
    if not rules:
        return
    tmp = make_private_dir("auditor-gx-", workdir)  # the SQLite copy holds the export's personal data
    try:
        db = tmp / "prepared.sqlite"
        copy_to_sqlite(prep, list(ENGINE_TABLES), db)
        _validate(rules, params, db)
        _load_hits(prep, db)
        SQL_CACHE.flush()  # the checks written for this run, for the next one
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _sqlite_type(duck_type: str) -> str:
    """SQLite has no DECIMAL: numbers are copied as text into NUMERIC columns, which SQLite stores
    as exact 64-bit integers when integral and as REAL otherwise."""
    t = duck_type.upper()
    if t.startswith(("DECIMAL", "NUMERIC")):
        return "NUMERIC"
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return "REAL"
    if t in ("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT"):
        return "INTEGER"
    return "TEXT"


def copy_to_sqlite(prep: Prepared, tables: list[str], db: Path) -> None:
    """The prepared tables, column for column, into a new SQLite file (with indexes on the join keys)."""
    lite = sqlite3.connect(db)
    try:
        for table in tables:
            cols = prep.con.execute(f"DESCRIBE {table}").fetchall()
            types = [(name, _sqlite_type(t)) for name, t, *_ in cols]
            q = [_q(n) for n, _ in types]
            lite.execute(f"CREATE TABLE {_q(table)} ({', '.join(f'{c} {t}' for c, (_, t) in zip(q, types, strict=True))})")
            select = ", ".join(f"CAST({c} AS VARCHAR)" if t == "NUMERIC" else c
                               for c, (_, t) in zip(q, types, strict=True))
            cur = prep.con.execute(f"SELECT {select} FROM {table} ORDER BY _row")
            insert = f"INSERT INTO {_q(table)} VALUES ({', '.join('?' * len(q))})"
            while batch := cur.fetchmany(_CHUNK):
                lite.executemany(insert, batch)
            names = {n for n, _ in types}
            for key in ("_row", "户编号", "_key"):
                if key in names:
                    lite.execute(f"CREATE INDEX {_q(f'ix_{table}_{key}')} ON {_q(table)} ({_q(key)})")
        lite.execute("CREATE TABLE _hits (rule_id TEXT, _row INTEGER, 问题字段 TEXT, 说明 TEXT, 类别 TEXT)")
        lite.commit()
    finally:
        lite.close()


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_check(rule: Rule, params: dict[str, Any]) -> str:
    """The rule's compiled query for SQLite as a GX unexpected_rows_query: `{batch}` for its table
    (kept in the compiled-SQL cache, as compile.rule_sql keeps the rules' SQL: writing it costs
    more than GX's validation of a township)."""
    key = rule_key(rule, params, "gx-sqlite", rule.table)
    sql = SQL_CACHE.get(key)
    if sql is None:
        sql = _sqlite_check(rule, params)
        SQL_CACHE.put(key, sql)
    return sql


def _sqlite_check(rule: Rule, params: dict[str, Any]) -> str:
    tree = sqlite_dialect.adapt(rule_query(rule, params))
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}

    def rewrite(node: exp.Expression) -> exp.Expression:
        if (isinstance(node, exp.Table) and node.name == rule.table and node.name not in ctes
                and not node.args.get("db")):
            # GX renders {batch} as a table name, an aliased derived table, or a bare parenthesised
            # query depending on the query's text: wrapped like this, each of them parses.
            batch = exp.select("*").from_(exp.Table(this=exp.to_identifier(_BATCH, quoted=True)))
            return batch.subquery(node.alias or node.name)
        return node

    sql = tree.transform(rewrite).sql(dialect="sqlite", identify=True, comments=False)
    return sql.replace("{", "{{").replace("}", "}}").replace(_q(_BATCH), "{batch}")


def _for_sqlalchemy(query: str) -> str:
    """GX runs the query through sqlalchemy.text(), which reads `:name` as a bind parameter even
    inside a string literal; `\\:` is its escape for a literal colon."""
    return re.sub(r"(?<![:\w\\]):(?=\w)", r"\\:", query)


def gx_suites(rules: list[Rule]) -> dict[tuple[str, str], dict]:
    """(suite name, table) → a GX suite of the expectations of `rules` (those that run): each rule's
    expectation as its suite holds it, with the catalogue's identity in meta and GX severity from
    the rule's default category."""
    out: dict[tuple[str, str], dict] = {}
    for rule in rules:
        part = out.setdefault((rule.suite, rule.table), {"name": rule.suite, "meta": {"table": rule.table},
                                                         "expectations": []})
        meta = {**rule.meta, "name": rule.name, "category": rule.category, "dimension": rule.dimension,
                "level": rule.level}
        part["expectations"].append({"type": rule.type, "kwargs": rule.kwargs, "meta": meta,
                                     "severity": rule.severity})
    return out


def _validate(rules: list[Rule], params: dict[str, Any], db: Path) -> None:
    gx = import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    sqlite_dialect.install()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_sqlite(name="auditor", connection_string=f"sqlite:///{db}")
    by_id = {r.id: r for r in rules}
    suite_params = dict(params)
    suite_params.update({f"check_{r.id}": _for_sqlalchemy(sqlite_check(r, params)) for r in rules
                         if r.type == "unexpected_rows_expectation"})
    batches: dict[str, Any] = {}
    lite = sqlite3.connect(db)
    sqlite_dialect.register(lite)
    sizes = {t: lite.execute(f"SELECT count(*) FROM {_q(t)}").fetchone()[0] for t in {t for _, t in gx_suites(rules)}}
    try:
        for (name, table), data in gx_suites(rules).items():
            if table not in batches:
                asset = source.add_table_asset(name=table, table_name=table)
                batches[table] = asset.add_batch_definition_whole_table("whole").get_batch()
            suite = gx.ExpectationSuite(**{**data, "name": f"{name}@{table}"})
            used = {k: suite_params[k] for k in _param_names(data["expectations"])}
            result = batches[table].validate(suite, expectation_parameters=used, result_format={
                "result_format": "COMPLETE", "unexpected_index_column_names": ["_row"],
                "partial_unexpected_count": sizes[table] + 1})
            for res in result.results:
                rule = by_id[res.expectation_config.meta["rule_id"]]
                _collect(lite, rule, res, params, table)
            lite.commit()
    finally:
        lite.close()


def _param_names(value: Any) -> set[str]:
    """The suite parameters (`{"$PARAMETER": name}`) an expectation list refers to: GX copies the
    parameter dict for every expectation, so it gets only these."""
    if isinstance(value, dict):
        own = {value[PARAM_KEY]} if PARAM_KEY in value else set()
        return own.union(*(_param_names(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_param_names(v) for v in value))
    return set()


def _collect(lite: sqlite3.Connection, rule: Rule, res, params: dict[str, Any], table: str) -> None:
    """Every unexpected row of one GX result into _hits, counted against GX's own count."""
    info = res.exception_info or {}
    if info.get("raised_exception"):
        raise RuntimeError(f"规则 {rule.id} 在 GX 中执行失败：{info.get('exception_message')}")
    result = res.result or {}
    if rule.type != "unexpected_rows_expectation":
        # A map expectation: GX's unexpected_index_list, uncapped by partial_unexpected_count.
        # (Its unexpected_index_query would not do: GX 1.24 leaves the row_condition out of it.)
        expected = result.get("unexpected_count") or 0
        rows = [d["_row"] for d in result.get("unexpected_index_list") or []]
        if len(rows) != expected:
            raise RuntimeError(f"规则 {rule.id}：GX 判定 {expected} 行不符合，只返回了 {len(rows)} 行")
        field, note = rule_labels(rule, params)
        lite.executemany("INSERT INTO _hits VALUES (?, ?, ?, ?, NULL)", [(rule.id, r, field, note) for r in rows])
        return
    # An UnexpectedRowsExpectation: GX returns at most 200 rows, so its query is run here, with
    # {batch} bound as GX binds a whole-table batch; GX's count and rows must be among the result.
    query = sqlite_check(rule, params).format(batch=_q(table))
    inserted = lite.execute(f"INSERT INTO _hits SELECT '{rule.id}', _row, 问题字段, 说明, 类别 FROM ({query}) AS r").rowcount
    shown = {d["_row"] for d in (result.get("details") or {}).get("unexpected_rows", [])}
    got = {r[0] for r in lite.execute("SELECT _row FROM _hits WHERE rule_id = ?", (rule.id,))}
    if inserted != result.get("observed_value") or not shown <= got:
        raise RuntimeError(f"规则 {rule.id}：GX 判定 {result.get('observed_value')} 行不符合，"
                           f"按同一查询取回 {inserted} 行，结果不一致")


def _load_hits(prep: Prepared, db: Path) -> None:
    """_hits (SQLite) → hits (DuckDB), in chunks, without holding all findings as Python objects."""
    schema = pa.schema([("rule_id", pa.string()), ("_row", pa.int64()), ("问题字段", pa.string()),
                        ("说明", pa.string()), ("类别", pa.string())])
    lite = sqlite3.connect(db)
    try:
        cur = lite.execute(f"SELECT {HITS_NAMES} FROM _hits ORDER BY rowid")
        while batch := cur.fetchmany(_CHUNK):
            chunk = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in batch], schema)
            prep.con.register("_gx_chunk", chunk)
            prep.con.execute(f"INSERT INTO hits SELECT {HITS_NAMES} FROM _gx_chunk")
            prep.con.unregister("_gx_chunk")
    finally:
        lite.close()
