"""The offline install route (README 离线安装): scripts/wheelhouse.py's wheelhouse for this platform
installs auditor into a fresh venv with no network at all (`unshare -n`), and `auditor demo` runs.

pip inside the namespace reads no configuration (PIP_CONFIG_FILE=/dev/null, no PIP_* variables): a
find-links or index of this machine's own pip configuration would otherwise stand in for a missing wheel.
The default wheelhouse only (no gx): it is what an office PC installs, and it reuses pip's cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _offline_env() -> dict[str, str]:
    drop = ("PIP_", "PYTHON", "VIRTUAL_ENV", "AUDITOR_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def _require_unshare() -> None:
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        ok = False
    if not ok:
        reason = "unshare -n is not available (needs root and util-linux)"
        if os.environ.get("AUDITOR_REQUIRE_SERVICES"):
            pytest.fail(reason + ", but AUDITOR_REQUIRE_SERVICES requires the offline install test")
        pytest.skip(reason)


def test_wheelhouse_installs_and_runs_without_network(tmp_path):
    _require_unshare()
    house = tmp_path / "离线安装包"
    built = subprocess.run([sys.executable, str(ROOT / "scripts" / "wheelhouse.py"), str(house)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = {p.name.split("-")[0].lower() for p in house.glob("*.whl")}
    assert {"auditor", "duckdb", "sqlglotc", "python_calamine"} <= wheels
    assert not wheels & {"great_expectations", "sqlalchemy", "pandas", "scipy"}  # gx is an extra

    env = _offline_env()
    venv = tmp_path / "venv"
    python, auditor = venv / "bin" / "python", venv / "bin" / "auditor"

    def offline(*cmd, **kwargs):
        return subprocess.run(["unshare", "-n", *map(str, cmd)], env=env, cwd=tmp_path, capture_output=True,
                              text=True, **kwargs)

    made = offline(sys.executable, "-m", "venv", venv)
    assert made.returncode == 0, made.stderr
    installed = offline(python, "-m", "pip", "install", "--no-index", "--find-links", house, "auditor")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    out = tmp_path / "结果"
    demo = offline(auditor, "demo", "--households", "60", "--out", out)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert (out / "通报.html").stat().st_size > 0

    # GX is not in this install: --engine gx says what to install, in one line, exit 2.
    (export,) = (out / "演示数据").glob("*.xlsx")
    gx = offline(auditor, "audit", export, "--engine", "gx", "--out", tmp_path / "gx")
    assert gx.returncode == 2, gx.stdout + gx.stderr
    assert gx.stderr.strip() == "错误：使用 GX 参照引擎需要安装：pip install 'auditor[gx]'"
