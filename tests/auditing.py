"""The audit as the tests call it: the library API (auditor.api) with the tests' usual defaults."""

from __future__ import annotations

from pathlib import Path

from auditor.api import Audit, AuditOptions, AuditResult
from auditor.config import Config


def run_audit(paths, config: Config | None = None, period: str | None = "2024-06", engine: str = "duckdb",
              townships=(), history: str | None = None, rules=None, lists=(), feedback=None) -> AuditResult:
    """Audit `paths` (no files written, nothing recorded); `lists` (KIND=FILE) and `feedback` reconcile too."""
    return Audit(AuditOptions(tuple(str(p) for p in paths), config or Config(), period, engine,
                              townships=tuple(townships or ()), history=history, rules=rules, lists=tuple(lists),
                              feedback=feedback)).run()


def write_outputs(result: AuditResult, out: Path, tables: bool = False) -> list[str]:
    return result.write(out, tables=tables)


def record_history(result: AuditResult) -> int | None:
    """Record the run and close its store."""
    run_id = result.record()
    result.close()
    return run_id
