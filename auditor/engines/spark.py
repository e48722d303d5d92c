"""`--engine spark`: the same compiled rules, transpiled to Spark SQL, for national-scale runs.

What it supports: the prepared tables (members, households and the secondary tables the run has)
are written by DuckDB to parquet in a staging folder (streamed, never held in Python), read by Spark
and registered as temp views under the same names; each rule is `rule_sql(rule, params, "spark")`,
so no rule has a Spark-specific copy (a CTE a rule reads more than once is computed once as a view, see
_sharing). Each rule is one Spark job (a failing rule is named in the error) whose rows are
appended to parquet, loaded into the run's `hits` table: findings never pass through Python objects.
A small input (below SMALL persons) is held in Spark's memory instead and each rule's rows come back
as Arrow: most of a small job's time went to scanning the parquet tables and committing its output.
National scale: the export itself must still be read and prepared by DuckDB on this machine (any
format auditor reads: xlsx/xls/csv/parquet); Spark then evaluates the catalogue.

Local mode by default (`--spark-master local[*]`); any master URL is accepted. With a cluster
master the staging folder must be visible to every executor: set AUDITOR_SPARK_STAGE to a shared
path (the default is the local temporary folder).
Spark settings (memory, executors) come from Spark's own spark-defaults.conf / SPARK_CONF_DIR.
The session is kept for the life of the process: starting a JVM costs seconds.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow as pa
from sqlglot import exp

from ..catalogue import Rule
from ..catalogue.build import rule_query
from ..catalogue.compile import rule_sql
from ..errors import InputError
from ..prepare import ENGINE_TABLES, Prepared
from ..run.scratch import make_private_dir
from .base import HITS_NAMES, reset_hits

DEFAULT_MASTER = "local[*]"
_SESSIONS: dict[str, Any] = {}


def session(master: str = DEFAULT_MASTER):
    """The Spark session for `master`, started once per process (no web UI: nothing listens).
    A process has one Spark session: another master stops the running one first."""
    if master in _SESSIONS:
        return _SESSIONS[master]
    for running in _SESSIONS.values():
        running.stop()
    _SESSIONS.clear()
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise InputError("使用 Spark 引擎需要安装 pyspark：pip install 'auditor[spark]'（并需要 Java 17 或以上）") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName("auditor")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC")
               # Constraint propagation infers every predicate implied by a filter: over a check's
               # wide CASE and OR chains (B09's per-field flags) it runs the optimizer out of heap.
               # It only prunes filters; the rows are the same without it.
               .config("spark.sql.constraintPropagation.enabled", "false"))
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


class Engine:
    """Spark (engines/base.py) on `master`: local[*] by default, or a cluster's URL."""

    def __init__(self, master: str = DEFAULT_MASTER) -> None:
        self.master = master

    def run(self, prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False) -> None:
        run(prep, rules, params, append, self.master)


# Below this many persons a rule's Spark job is mostly fixed cost: generating and compiling its
# code, and adaptive re-planning between stages, take longer than running it interpreted (about a
# quarter of a county's rule stage), and so do scanning the parquet tables and committing each job's
# output (the tables are then held in memory and the rows come back as Arrow: half the demo's rule
# stage). Above it, Spark's defaults (the settings unset, whatever the Spark version's defaults
# are) and the parquet files, whose size memory does not bound. Either way the rows are the same.
SMALL = 200_000
_HITS = pa.schema([("rule_id", pa.string()), ("_row", pa.int64()), ("问题字段", pa.string()), ("说明", pa.string()),
                   ("类别", pa.string())])
_SMALL = {"spark.sql.adaptive.enabled": "false", "spark.sql.codegen.wholeStage": "false",
          "spark.sql.codegen.factoryMode": "NO_CODEGEN"}


def run(prep: Prepared, rules: list[Rule], params: dict[str, Any], append: bool = False,
        master: str = DEFAULT_MASTER) -> None:
    """Run `rules` on Spark into `hits` (replacing it, or adding to it for the second phase)."""
    reset_hits(prep.con, append)
    if not rules:
        return
    spark = session(master)
    small = prep.counts["active"] < SMALL
    for key, value in _SMALL.items():
        if small:
            spark.conf.set(key, value)
        else:
            spark.conf.unset(key)
    tables = list(ENGINE_TABLES)
    stage = make_private_dir("auditor-spark-", os.environ.get("AUDITOR_SPARK_STAGE"))
    cached: dict[str, Any] = {}  # view name → checkpointed DataFrame of a shared CTE
    held: list[Any] = []  # a small input's tables, checkpointed in memory
    try:
        for table in tables:
            path = stage / f"{table}.parquet"
            prep.con.execute(f"COPY (SELECT * FROM {table}) TO '{path}' (FORMAT PARQUET)")
            frame = spark.read.parquet(str(path))
            if small:
                frame = frame.localCheckpoint()
                held.append(frame)
            frame.createOrReplaceTempView(table)
        out = stage / "hits"

        def job(rule: Rule) -> pa.Table | None:
            """The rule's hits: as Arrow for a small input, else appended to the parquet folder."""
            sql = rule_sql(rule, params, "spark")
            try:
                frame = spark.sql(_sharing(spark, rule, params, cached) if _shared_ctes(sql) else sql)
                hits = frame.selectExpr(f"'{rule.id}' AS rule_id", "CAST(_row AS BIGINT) AS _row",
                                        "CAST(`问题字段` AS STRING) AS `问题字段`", "CAST(`说明` AS STRING) AS `说明`",
                                        "CAST(`类别` AS STRING) AS `类别`")
                if small:
                    return hits.toArrow().cast(_HITS)  # Spark marks some columns not null
                hits.write.mode("append").parquet(str(out))
                return None
            except Exception as exc:
                raise RuntimeError(f"规则 {rule.id} 在 Spark 中执行失败：{exc}\n{sql}") from exc

        # One Spark job per rule: a union of many rules costs Spark's analyser minutes
        # (DeduplicateRelations renews every repeated scan of the tables across the whole tree), far
        # more than a job's overhead. A small input's jobs are submitted from a few threads, so that
        # the driver analyses one rule while another runs (a third less time on the demo); appends to
        # one parquet folder stay one at a time.
        if small:
            with ThreadPoolExecutor(min(4, (os.cpu_count() or 1) + 1)) as pool:
                found = list(pool.map(job, rules))
            prep.con.register("_spark_hits", pa.concat_tables(found))
            prep.con.execute(f"INSERT INTO hits SELECT {HITS_NAMES} FROM _spark_hits")
            prep.con.unregister("_spark_hits")
        else:
            for rule in rules:
                job(rule)
            if any(out.glob("*.parquet")):
                prep.con.execute(f"INSERT INTO hits SELECT {HITS_NAMES} FROM read_parquet('{out}/*.parquet')")
    finally:
        for view, frame in cached.items():
            frame.unpersist()
            spark.catalog.dropTempView(view)
        for frame in held:
            frame.unpersist()
        for table in tables:
            spark.catalog.dropTempView(table)
        shutil.rmtree(stage, ignore_errors=True)


def _shared_ctes(sql: str) -> bool:
    return " WITH " in f" {sql.upper()}"


def _sharing(spark, rule: Rule, params: dict[str, Any], cached: dict[str, Any]) -> str:
    """The rule's Spark SQL with each CTE it reads more than once computed first, as a temp view.

    Spark inlines a CTE at every reference: a check that reads one CTE many times (as B09 read its
    `mm` once per household field before it unpivoted them) makes Spark's analyser and planner
    work through every copy of its plan (minutes even for a small export; a cached view does not
    help, its plan is still copied). A local checkpoint is computed once and
    is a leaf in every plan that reads it. The rows are those of the plain query: a CTE is a
    deterministic subquery either way.
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
        cached[view] = spark.sql(body.sql(dialect="spark", identify=True)).localCheckpoint()
        cached[view].createOrReplaceTempView(view)
        for ref in refs:
            ref.set("this", exp.to_identifier(view))
            if not ref.alias:
                ref.set("alias", exp.TableAlias(this=exp.to_identifier(name)))
        cte.pop()
        if not with_.expressions:
            with_.pop()
    return tree.sql(dialect="spark", identify=True)
