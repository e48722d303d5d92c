"""History: fix tracking month over month, and a store that survives concurrency and crashes.

The reliability tests run the real CLI in separate processes, against the embedded SQLite store and
against a real PostgreSQL server (AUDITOR_TEST_PG_URL; .ci/run starts one and sets it).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from auditing import record_history, run_audit
from conftest import write_export
from factory import household, make_id, person

from auditor.config import Config
from auditor.history import Store

PG_URL = os.environ.get("AUDITOR_TEST_PG_URL")


def _month(hh_problems: dict[str, dict]) -> list[dict]:
    """Five households in two townships; `hh_problems` overrides members of some of them."""
    rows = []
    towns = (("H1", "涞源镇"), ("H2", "涞源镇"), ("H3", "银坊镇"), ("H4", "银坊镇"), ("H5", "银坊镇"))
    for i, (hid, town) in enumerate(towns):
        over = hh_problems.get(hid, {})
        if over.get("gone"):
            continue
        member = person(name=f"户主{hid}", 证件号码=make_id(seq=100 + i), 民族=over.get("民族", "汉族"),
                        劳动技能=over.get("劳动技能", "普通劳动力"))
        rows += household(hid=hid, town=town, members=[member])
    return rows


def _audit(tmp_path, rows, period, store) -> dict:
    path = write_export(tmp_path / f"涞源县_{period}", rows)
    result = run_audit([str(path)], Config(), period, history=store)
    record_history(result)
    con = result.prep.con
    result.summary_json["_status"] = {
        (r[0], r[1]): r[2] for r in con.execute("SELECT 规则编号, 户编号, 状态 FROM findings").fetchall()}
    result.summary_json["_rollups"] = {r[0] for r in con.execute("SELECT 户编号 FROM rollups").fetchall()}
    result.close()
    return result.summary_json


def test_fix_tracking_over_three_months(tmp_path):
    store = str(tmp_path / "历史库.sqlite")
    first = _audit(tmp_path, _month({"H1": {"民族": ""}, "H2": {"劳动技能": "劳力"}, "H3": {"劳动技能": "劳力"},
                                     "H5": {"民族": ""}}), "2024-04", store)
    assert first["history"]["previous_period"] is None
    assert set(first["_status"].values()) == {"新增"}

    second = _audit(tmp_path, _month({"H2": {"劳动技能": "劳力"}, "H3": {"gone": True}, "H4": {"民族": ""}}),
                    "2024-05", store)
    h = second["history"]
    # K02 (上期问题未整改) is a roll-up line for H2, whose C03 persists; it counts nowhere
    assert (h["previous_period"], h["previous"], h["fixed"], h["gone"], h["persisting"], h["new"]) == (
        "2024-04", 4, 2, 1, 1, 1)
    assert h["fix_rate"] == 0.5
    assert second["_status"] == {("C03", "H2"): "未整改", ("C01", "H4"): "新增"}
    assert second["_rollups"] == {"H2"} and second["findings"] == 2
    towns = {t["name"]: t for t in second["townships"]}
    assert (towns["涞源镇"]["previous"], towns["涞源镇"]["fixed"], towns["涞源镇"]["fix_rate"]) == (2, 1, 0.5)
    assert (towns["银坊镇"]["previous"], towns["银坊镇"]["fixed"], towns["银坊镇"]["gone"]) == (2, 1, 1)

    third = _audit(tmp_path, _month({"H4": {"民族": ""}, "H5": {"民族": ""}}), "2024-06", store)
    assert third["_status"] == {("C01", "H4"): "未整改", ("C01", "H5"): "反弹"}
    assert third["_rollups"] == {"H4"}
    h = third["history"]
    assert (h["previous"], h["fixed"], h["persisting"], h["new"]) == (2, 1, 1, 1)  # H2's C03 fixed
    assert sorted({p["period"] for p in third["trend"]}) == ["2024-04", "2024-05", "2024-06"]
    assert {(p["period"], p["township"]): p["findings"] for p in third["trend"]}[("2024-05", "银坊镇")] == 1

    # Recording a period again replaces it: still three runs.
    _audit(tmp_path, _month({"H4": {"民族": ""}}), "2024-06", store)
    reopened = Store(store)
    assert [r.period for r in reopened.runs()] == ["2024-04", "2024-05", "2024-06"]
    assert reopened.runs()[-1].summary["findings"] == 1  # C01 of H4 (its K02 line counts nowhere)


# ---- reliability: real processes against a real store ------------------------------------------------


def _cli(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "auditor", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})


def _export_with_problems(tmp_path: Path, n: int, tag: str) -> Path:
    rows = []
    for i in range(n + 1):
        rows += household(hid=f"{tag}-{i}", members=[person(name=f"{tag}成员{i}", 民族="" if i < n else "汉族")])
    return write_export(tmp_path / f"export_{tag}", rows)


def test_concurrent_runs_are_all_stored(tmp_path, store_target):
    procs = []
    for i in range(10):
        export = _export_with_problems(tmp_path, i + 1, f"P{i}")
        procs.append(_cli(["audit", str(export), "--period", f"2024-{i + 1:02d}", "--out", str(tmp_path / f"out{i}"),
                           "--history", store_target]))
    for p in procs:
        _out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    store = Store(store_target)
    runs = store.runs()
    assert [r.period for r in runs] == [f"2024-{i:02d}" for i in range(1, 11)]
    for i, run in enumerate(runs):
        findings = store.child("run_findings", run.run_id).to_pylist()
        planted = [f for f in findings if f["rule_id"] == "C01"]
        assert len(planted) == i + 1  # process i planted i+1 problems: nothing lost, nothing mixed
        assert {f["household"].split("-")[0] for f in findings} == {f"P{i}"}
        assert run.summary["findings"] == len(findings)


def test_killed_writer_leaves_the_store_intact(tmp_path, store_target):
    first = _cli(["audit", str(_export_with_problems(tmp_path, 2, "A")), "--period", "2024-01",
                  "--out", str(tmp_path / "a"), "--history", store_target])
    assert first.wait(timeout=300) == 0
    marker = tmp_path / "writing"
    victim = _cli(["audit", str(_export_with_problems(tmp_path, 3, "B")), "--period", "2024-02",
                   "--out", str(tmp_path / "b"), "--history", store_target],
                  env={"AUDITOR_TEST_PAUSE_IN_HISTORY_WRITE": str(marker)})
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert victim.poll() is None, victim.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)

    store = Store(store_target)  # opens cleanly
    assert [r.period for r in store.runs()] == ["2024-01"]
    kept = store.child("run_findings", store.runs()[0].run_id).to_pylist()
    assert [f["rule_id"] for f in kept].count("C01") == 2
    store.close()
    again = _cli(["audit", str(_export_with_problems(tmp_path, 3, "B")), "--period", "2024-02",
                  "--out", str(tmp_path / "b2"), "--history", store_target])
    assert again.wait(timeout=300) == 0
    summary = json.loads((tmp_path / "b2" / "summary.json").read_text(encoding="utf-8"))
    assert summary["history"]["previous_period"] == "2024-01"
    assert [r.period for r in Store(store_target).runs()] == ["2024-01", "2024-02"]


def test_history_commands(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import cli

    store = str(tmp_path / "历史库.sqlite")
    _audit(tmp_path, _month({"H1": {"民族": ""}, "H2": {"劳动技能": "劳力"}}), "2024-04", store)
    _audit(tmp_path, _month({"H2": {"劳动技能": "劳力"}}), "2024-05", store)
    runner = CliRunner()
    listed = runner.invoke(cli, ["history", "list", "--history", store])
    assert listed.exit_code == 0 and "2024-04" in listed.output and "50.0%" in listed.output
    shown = runner.invoke(cli, ["history", "show", "2", "--history", store])
    assert shown.exit_code == 0 and "数据月份 2024-05" in shown.output and "涞源镇" in shown.output
    trend = runner.invoke(cli, ["history", "trend", "--history", store])
    assert trend.exit_code == 0 and "2024-05" in trend.output
    # A narrow window (or a pipe) cuts nothing, and no internal key or ISO timestamp is shown.
    for args in (["list"], ["show", "2"], ["trend"]):
        narrow = runner.invoke(cli, ["history", *args, "--history", store], env={"COLUMNS": "50"})
        assert narrow.exit_code == 0 and "…" not in narrow.output and "|" not in narrow.output, narrow.output
        assert "涞源县（全县）" in narrow.output and not re.search(r"\d{4}-\d\d-\d\dT\d", narrow.output)
    shown = runner.invoke(cli, ["history", "show", "2", "--history", store])
    assert "上期问题 2 条，其中已整改 1 条、未整改 1 条、对象已不在册 0 条" in shown.output
    missing = runner.invoke(cli, ["history", "show", "9", "--history", store])
    assert missing.exit_code == 2 and "没有编号为 9" in missing.output
    nowhere = runner.invoke(cli, ["history", "list", "--history", str(tmp_path / "无.sqlite")])
    assert nowhere.exit_code == 2 and "历史库不存在" in nowhere.output
