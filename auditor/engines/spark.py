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

from ..compile import rule_sql
from ..errors import InputError
from ..prepare import Prepared
from ..suites import Rule
from .duckdb import reset_hits

DEFAULT_MASTER = "local[*]"
_SESSIONS: dict[str, Any] = {}


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
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
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
    try:
        for table in tables:
            path = stage / f"{table}.parquet"
            prep.con.execute(f"COPY (SELECT * FROM {table}) TO '{path}' (FORMAT PARQUET)")
            spark.read.parquet(str(path)).createOrReplaceTempView(table)
        frames = []
        for rule in rules:
            sql = rule_sql(rule, params, "spark")
            try:
                frame = spark.sql(sql)  # parsed and analysed now: a broken rule is named here
            except Exception as exc:
                raise RuntimeError(f"规则 {rule.id} 在 Spark 中执行失败：{exc}\n{sql}") from exc
            frames.append(frame.selectExpr(f"'{rule.id}' AS rule_id", "CAST(_row AS BIGINT) AS _row",
                                           "CAST(`问题字段` AS STRING) AS `问题字段`", "CAST(`说明` AS STRING) AS `说明`"))
        out = stage / "hits"
        try:
            reduce(lambda a, b: a.unionByName(b), frames).write.parquet(str(out))
        except Exception as exc:
            raise RuntimeError(f"Spark 执行规则失败：{exc}") from exc
        prep.con.execute(f"INSERT INTO hits SELECT rule_id, _row, 问题字段, 说明 FROM read_parquet('{out}/*.parquet')")
    finally:
        for table in tables:
            spark.catalog.dropTempView(table)
        shutil.rmtree(stage, ignore_errors=True)
