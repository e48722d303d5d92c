"""Reports of a run: the circular 通报.html (masked, circulated) and the self-check workbooks
自查/<乡镇>.xlsx (unmasked, internal). Templates and CSS live in reports/ (package data)."""

from __future__ import annotations

from pathlib import Path

from .circular import write_circular
from .workbook import write_workbooks

SELFCHECK_DIR = "自查"


def write_reports(result, out_dir: Path) -> list[Path]:
    """通报.html and 自查/<乡镇>.xlsx of an AuditResult into out_dir (the run's staging folder)."""
    out_dir = Path(out_dir)
    con, summary = result.prep.con, result.summary_json
    paths = [write_circular(summary, con, out_dir)]
    paths += write_workbooks(con, summary, result.rules, out_dir / SELFCHECK_DIR)
    return paths


__all__ = ["SELFCHECK_DIR", "write_circular", "write_reports", "write_workbooks"]
