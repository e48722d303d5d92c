"""`--engine spark`: the same compiled rules, transpiled to Spark SQL, for national-scale runs.

What it supports: the prepared tables (members, households and the secondary tables the run has)
are written by DuckDB to parquet in a staging folder (streamed, never held in Python), read by Spark
and registered as temp views under the same names; each rule is `rule_sql(rule, params, "spark")`,
so no rule has a Spark-specific copy. Every rule is analysed on its own (a rule Spark cannot parse
or resolve is named in the error); the rules then run as one Spark job whose rows are written to
parquet and loaded into the run's `hits` table, so findings never pass through Python objects.

Local mode by default (`--spark-master local[*]`); any master URL is accepted. With a cluster
master the staging folder must be visible to every executor: set AUDITOR_SPARK_STAGE to a shared
path (the default is the local temporary folder). Ingest and prepare still run on this machine
(DuckDB); Spark takes over the rule evaluation, the part that scales with the rule catalogue.
Spark settings (memory, executors) come from Spark's own spark-defaults.conf / SPARK_CONF_DIR.
The session is kept for the life of the process: starting a JVM costs seconds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from functools import reduce
from pathlib import Path
from typing import Any

from sqlglot import exp

from ..compile import rule_query, rule_sql
from ..errors import InputError
from ..prepare import Prepared
from ..suites import Rule
from .duckdb import reset_hits

DEFAULT_MASTER = "local[*]"
_SESSIONS: dict[str, Any] = {}
_CHUNK = 12


def session(master: str = DEFAULT_MASTER):
    """The Spark session for `master`, started once per process (no web UI: nothing listens)."""
    if master in _SESSIONS:
        return _SESSIONS[master]
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise InputError("使用 Spark 引擎需要安装 pyspark：pip install 'auditor[spark]'（并需要 Java 17 或以上）") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName("auditor")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC"))
    if master.startswith("local"):
        # One machine: bind to loopback only, and as many shuffle partitions as cores (Spark's 200
        # would turn every grouping rule into hundreds of tiny tasks).
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", str(os.cpu_count() or 2)))
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # no Java, wrong master URL …: the user's environment, not a defect
        raise InputError(f"无法启动 Spark（{master}）：{exc}".splitlines()[0]) from exc
    spark.sparkContext.setLogLevel("ERROR")
    _SESSIONS[master] = spark
    return spark


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False,
        master: str = DEFAULT_MASTER) -> None:
    """Run `rules` on Spark into `hits` (replacing it, or adding to it for the second phase)."""
    reset_hits(prep.con, append)
    if not rules:
        return
    spark = session(master)
    tables = ["members", "households", *sorted(prep.extras_tables())]
    stage = Path(tempfile.mkdtemp(prefix="auditor-spark-", dir=os.environ.get("AUDITOR_SPARK_STAGE")))
    cached: dict[str, Any] = {}  # view name → cached DataFrame of a shared CTE
    try:
        for table in tables:
            path = stage / f"{table}.parquet"
            prep.con.execute(f"COPY (SELECT * FROM {table}) TO '{path}' (FORMAT PARQUET)")
            spark.read.parquet(str(path)).createOrReplaceTempView(table)
        frames = []
        for rule in rules:
            sql = rule_sql(rule, params, "spark")
            try:
                # parsed and analysed now: a broken rule is named here
                frame = spark.sql(_sharing(spark, rule, params, cached) if _shared_ctes(sql) else sql)
            except Exception as exc:
                raise RuntimeError(f"规则 {rule.id} 在 Spark 中执行失败：{exc}\n{sql}") from exc
            frames.append(frame.selectExpr(f"'{rule.id}' AS rule_id", "CAST(_row AS BIGINT) AS _row",
                                           "CAST(`问题字段` AS STRING) AS `问题字段`", "CAST(`说明` AS STRING) AS `说明`"))
        out = stage / "hits"
        # Rules run as unions of _CHUNK rules, one Spark job each: one union of the whole catalogue
        # costs Spark's analyser minutes (it re-checks the whole tree), one job per rule costs a
        # job's overhead 120 times.
        for start in range(0, len(frames), _CHUNK):
            try:
                reduce(lambda a, b: a.unionByName(b), frames[start:start + _CHUNK]).write.mode("append").parquet(str(out))
            except Exception as exc:
                raise RuntimeError(f"Spark 执行规则失败：{exc}") from exc
        prep.con.execute(f"INSERT INTO hits SELECT rule_id, _row, 问题字段, 说明 FROM read_parquet('{out}/*.parquet')")
    finally:
        for view, frame in cached.items():
            frame.unpersist()
            spark.catalog.dropTempView(view)
        for table in tables:
            spark.catalog.dropTempView(table)
        shutil.rmtree(stage, ignore_errors=True)


def _shared_ctes(sql: str) -> bool:
    return " WITH " in f" {sql.upper()}"


def _sharing(spark, rule: Rule, params: dict[str, Any], cached: dict[str, Any]) -> str:
    """The rule's Spark SQL with each CTE it reads more than once turned into a cached temp view.

    Spark inlines a CTE at every reference: B09 reads its `mm` 68 times, which Spark analyses,
    optimises and computes 68 times (minutes even for a small export). A cached view is computed
    once. The rows are those of the plain query: a CTE is a deterministic subquery either way.
    """
    tree = rule_query(rule, params)
    for cte in list(tree.find_all(exp.CTE)):
        name = cte.alias_or_name
        refs = [t for t in tree.find_all(exp.Table) if t.name == name and not t.db]
        if len(refs) < 2:
            continue
        with_ = cte.parent
        body = cte.this.copy()
        earlier = [c.copy() for c in with_.expressions[: with_.expressions.index(cte)]]
        if earlier:  # the CTEs its body may read (Spark ignores those it does not)
            own = body.args.get("with_")
            body.set("with_", exp.With(expressions=earlier + (own.expressions if own else [])))
        view = f"_auditor_{rule.id}_{len(cached)}"
        cached[view] = spark.sql(body.sql(dialect="spark", identify=True)).cache()
        cached[view].createOrReplaceTempView(view)
        for ref in refs:
            ref.set("this", exp.to_identifier(view))
            if not ref.alias:
                ref.set("alias", exp.TableAlias(this=exp.to_identifier(name)))
        cte.pop()
        if not with_.expressions:
            with_.pop()
    return tree.sql(dialect="spark", identify=True)
