"""Publishing a run's outputs (cli.md): findings.csv/.parquet, summary.json, 通报.html, 自查/, and
with `tables` 附表.xlsx and 入户核实表/.

Everything is written into a fresh folder beside the target and moved into place only when every
file is complete, so a failed run never leaves partial output that looks complete.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..findings import write_findings
from ..report import write_reports


def write_staged(out_dir: Path, write: Callable[[Path], object]) -> list[str]:
    """Run `write(staging)` in a fresh folder beside `out_dir`, then move everything it wrote into
    `out_dir` together (replacing files and folders of the same name); returns the relative paths."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".auditor-", dir=out_dir.parent))
    try:
        write(staging)
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        out_dir.mkdir(parents=True, exist_ok=True)
        for item in staging.iterdir():
            target = out_dir / item.name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            shutil.move(str(item), target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def write_outputs(result, out_dir: Path, tables: bool = False) -> list[str]:
    """Every output of an AuditResult, staged, moved into `out_dir` together."""

    def write(staging: Path) -> None:
        write_findings(result.prep, staging, with_status=result.history is not None)
        write_reports(result, staging)
        (staging / "summary.json").write_text(json.dumps(result.summary_json, ensure_ascii=False, indent=2),
                                              encoding="utf-8")
        if tables:
            from ..tables import write_tables

            result.tables_output = write_tables(result, staging)

    return write_staged(out_dir, write)
