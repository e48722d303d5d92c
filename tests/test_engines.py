"""The GX engine: every failing row (beyond GX's 200-row caps), no network, SQLite-safe check SQL;
engine selection on the audit command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlglot
from auditing import run_audit
from click.testing import CliRunner
from conftest import write_export
from factory import household, person

from auditor.catalogue import rules_by_id
from auditor.catalogue.compile import run_parameters
from auditor.cli import cli
from auditor.config import Config
from auditor.engines.gx import sqlite_check
from auditor.errors import InputError
from auditor.period import resolve_period

MANY = 230  # more failing rows than GX returns (200) for both kinds of expectation


def _hits(result) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for rule_id, row in result.prep.con.execute("SELECT rule_id, _row FROM hits").fetchall():
        out.setdefault(rule_id, set()).add(row)
    return out


def test_gx_returns_every_failing_row(tmp_path):
    # C01 (民族 blank) is a map expectation, C03 (劳动技能 not in its code list) an
    # UnexpectedRowsExpectation: both fail on every one of MANY one-person households.
    rows = [r for i in range(MANY)
            for r in household(hid=f"1306301{i:09d}", members=[person(民族="", 劳动技能="劳力")])]
    export = write_export(tmp_path / "many", rows, fmt="csv")
    gx = _hits(run_audit([str(export)], Config(), "2024-06", engine="gx"))
    duck = _hits(run_audit([str(export)], Config(), "2024-06", engine="duckdb"))
    assert len(gx["C01"]) == len(gx["C03"]) == MANY
    assert gx == duck


def test_gx_check_sql_runs_on_sqlite_340():
    """Every check SQL with an ordered STRING_AGG loses only that ORDER BY for SQLite (< 3.44 rejects it)."""
    params = run_parameters(Config(), resolve_period("2024-06", [], Config()))
    ordered = [r for r in rules_by_id().values() if r.check_sql and "ORDER BY" in r.check_sql.upper()
               and "STRING_AGG" in r.check_sql.upper()]
    assert {"A07", "A09", "B09", "I02"} <= {r.id for r in ordered}
    for rule in ordered:
        sql = sqlite_check(rule, params)
        tree = sqlglot.parse_one(sql.format(batch=rule.table), read="sqlite")
        for agg in tree.find_all(sqlglot.exp.GroupConcat):
            assert not isinstance(agg.this, sqlglot.exp.Order), rule.id


NO_NETWORK = """
import json, socket, sys
attempts = []
def record(name, real):
    def wrapper(*args, **kwargs):
        attempts.append([name, repr(args[1:] if name == "connect" else args)[:200]])
        raise OSError("network disabled in this test")
    return wrapper
socket.socket.connect = record("connect", socket.socket.connect)
socket.socket.connect_ex = record("connect_ex", socket.socket.connect_ex)
socket.getaddrinfo = record("getaddrinfo", socket.getaddrinfo)
socket.create_connection = record("create_connection", socket.create_connection)
assert "great_expectations" not in sys.modules
from auditor.api import Audit, AuditOptions
from auditor.config import Config
result = Audit(AuditOptions((sys.argv[1],), Config(), "2024-06", "gx")).run()
result.write(sys.argv[2])
print(json.dumps({"attempts": attempts, "gx": "great_expectations" in sys.modules,
                  "hits": result.prep.con.execute("SELECT count(*) FROM hits").fetchone()[0]}))
"""


def test_gx_run_opens_no_network_connection(tmp_path):
    """A fresh process (GX imported there for the first time) with every socket entry point recording."""
    rows = household(members=[person(民族="")])
    export = write_export(tmp_path / "one", rows, fmt="csv")
    # A script file, not `python -c`: pyspark (which GX imports) exits a __main__ without __file__.
    script = tmp_path / "no_network.py"
    script.write_text(NO_NETWORK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GX_")}
    env["PYTHONPATH"] = str(Path(__file__).parents[1])
    out = subprocess.run([sys.executable, str(script), str(export), str(tmp_path / "out")], env=env,
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["gx"] and report["hits"] == 1
    assert report["attempts"] == []


def test_audit_command_engine_option(tmp_path):
    export = write_export(tmp_path / "one", household(members=[person(民族="")]), fmt="csv")
    result = CliRunner().invoke(cli, ["audit", str(export), "--engine", "gx", "--period", "2024-06",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "findings.csv").exists()
    bad = CliRunner().invoke(cli, ["audit", str(export), "--engine", "pandas"])
    assert bad.exit_code == 2 and "pandas" in bad.output
    with pytest.raises(InputError, match="未知的引擎"):
        run_audit([str(export)], Config(), "2024-06", engine="pandas")


@pytest.mark.parametrize("missing", ["great_expectations", "sqlalchemy"])
def test_gx_engine_without_the_gx_extra(tmp_path, monkeypatch, missing):
    """GX and sqlalchemy are the `gx` extra: without either, --engine gx is one Chinese line and exit 2."""
    export = write_export(tmp_path / "one", household(members=[person(民族="")]), fmt="csv")
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` raises ModuleNotFoundError
    result = CliRunner().invoke(cli, ["audit", str(export), "--engine", "gx", "--period", "2024-06",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == "错误：使用 GX 参照引擎需要安装：pip install 'auditor[gx]'"
    assert not (tmp_path / "out").exists()
