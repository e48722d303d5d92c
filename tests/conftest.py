"""Shared test helpers: write rows to a real export file, audit it, and look at the findings."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
import xlsxwriter
from auditing import run_audit

from auditor.config import Config

# auditor's cache folder (compiled rule SQL, compiled templates) for this test session, shared by its
# tests and the processes they start, never the developer's own (~/.cache/auditor).
os.environ.setdefault("AUDITOR_CACHE_DIR", tempfile.mkdtemp(prefix="test-cache-"))
# The processes the tests start (python -m auditor …) import auditor from this checkout: they keep
# its compiled bytecode for one another in a folder of the session (not in the checkout), instead
# of each compiling every module again where the environment says not to write bytecode.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX", tempfile.mkdtemp(prefix="test-pycache-"))


def write_export(path: Path, rows: list[dict], fmt: str = "xlsx", title: str | None = None,
                 sheet: str = "基础信息", encoding: str = "utf-8-sig", headers: list[str] | None = None) -> Path:
    """Rows (canonical field → text) as a real export: xlsx with text cells, or CSV."""
    headers = headers or list(dict.fromkeys(k for r in rows for k in r))
    path = path.with_suffix("." + fmt)
    if fmt == "xlsx":
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet(sheet)
        top = 0
        if title:
            ws.write_string(0, 0, title)
            top = 1
        for j, h in enumerate(headers):
            ws.write_string(top, j, h)
        for i, r in enumerate(rows, start=top + 1):
            for j, h in enumerate(headers):
                value = r.get(h, "")
                if isinstance(value, (int, float)):
                    ws.write_number(i, j, value)
                else:
                    ws.write_string(i, j, str(value))
        wb.close()
    else:
        with path.open("w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh)
            if title:
                w.writerow([title])
            w.writerow(headers)
            for r in rows:
                w.writerow([r.get(h, "") for h in headers])
    return path


class Audit:
    """The findings of one audit, as dicts with the findings.csv columns, and the roll-up lines (K02),
    which count nowhere and are no findings."""

    def __init__(self, result):
        self.result = result
        self.findings = self._rows(result.prep.con, "findings")
        self.rollups = self._rows(result.prep.con, "rollups")

    @staticmethod
    def _rows(con, table: str) -> list[dict]:
        cur = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def of(self, rule_id: str) -> list[dict]:
        """The rule's lines: its findings, or for a roll-up rule its roll-up lines."""
        return [f for f in self.findings + self.rollups if f["规则编号"] == rule_id]

    def households(self, rule_id: str) -> set[str]:
        return {f["户编号"] for f in self.of(rule_id)}

    def names(self, rule_id: str) -> set[str]:
        return {f["姓名"] for f in self.of(rule_id)}

    def rules(self) -> set[str]:
        return {f["规则编号"] for f in self.findings}

    def skipped(self) -> dict[str, str]:
        return self.result.plan.skipped

    def one(self, rule_id: str, hid: str) -> dict:
        """The one finding of `rule_id` on household `hid`."""
        (f,) = [f for f in self.of(rule_id) if f["户编号"] == hid]
        return f


@pytest.fixture
def audit(tmp_path):
    """audit(rows, period='2024-06', fmt='xlsx', config=None, extra={kind: rows}, rules=None) → Audit;
    `rules` runs only those rules (a rule's own test needs only its own)."""
    counter = iter(range(10_000))

    def run(rows: list[dict], period: str = "2024-06", fmt: str = "xlsx", config: Config | None = None,
            extra: dict[str, list[dict]] | None = None, rules=None, **kwargs) -> Audit:
        n = next(counter)
        paths = [write_export(tmp_path / f"export{n}", rows, fmt, **kwargs)]
        for i, (kind, extra_rows) in enumerate((extra or {}).items()):
            paths.append(write_export(tmp_path / f"extra{n}_{i}", extra_rows, fmt, sheet=kind))
        return Audit(run_audit([str(p) for p in paths], config or Config(), period, rules=rules))

    return run


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def chromium_binary() -> str:
    """The chromium on PATH (.ci/run installs Debian's; Playwright's own download cannot be reached).
    Without one the test is skipped, unless AUDITOR_REQUIRE_BROWSER (CI) makes it a failure."""
    found = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if found is None:
        if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
            pytest.fail("找不到 chromium：浏览器测试是必需的（AUDITOR_REQUIRE_BROWSER）")
        pytest.skip("chromium not installed")
    return found


# Test tiers (pyproject.toml [tool.pytest.ini_options] markers): every test gets exactly one, so a
# developer runs `pytest -m fast` (no services, engines or whole counties: about 5 CPU minutes here)
# and CI runs them all. `engines` needs GX or Spark; `services` PostgreSQL, the browser or
# LibreOffice; `slow` audits whole demo counties, starts processes or installs auditor offline.
ENGINE_MODULES = {"test_engines.py", "test_engines_differential.py"}
SERVICE_MODULES = {"test_browser.py", "test_web.py", "test_web_browser.py", "test_print.py"}
SLOW_MODULES = {"test_large.py", "test_demo.py", "test_tables_cli.py", "test_offline_install.py"}
SLOW_WORDS = ("concurrent", "killed", "demo_series", "kill", "reliab")


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.path.name
        if module in ENGINE_MODULES:
            tier = "engines"
        elif module in SERVICE_MODULES or "postgres" in item.name:
            tier = "services"
        elif module in SLOW_MODULES or any(w in item.name for w in SLOW_WORDS):
            tier = "slow"
        else:
            tier = "fast"
        item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path):
    """A history store: a SQLite file, and a schema of its own on the PostgreSQL server of
    AUDITOR_TEST_PG_URL (.ci/run starts one; without it the PostgreSQL case is skipped, unless
    AUDITOR_REQUIRE_SERVICES says it must run)."""
    if request.param == "sqlite":
        yield str(tmp_path / "历史库.sqlite")
        return
    url = os.environ.get("AUDITOR_TEST_PG_URL")
    if not url:
        if os.environ.get("AUDITOR_REQUIRE_SERVICES"):
            pytest.fail("AUDITOR_TEST_PG_URL is not set but the PostgreSQL tests are required")
        pytest.skip("no PostgreSQL server (set AUDITOR_TEST_PG_URL)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
