"""Department lists as offices send them, for the tests: a title row or two above the header, a merged
group header, GBK CSV, IDs as ="…" text or typed in as numbers, and the audit of an export with them."""

from __future__ import annotations

from pathlib import Path

from auditing import run_audit  # noqa: F401  (the tests import both from here)
from exportfiles import write_csv, write_xlsx

from auditor.api import Audit, AuditOptions
from auditor.config import Config


def write_list(path: Path, headers: list[str], rows: list[list[object]], fmt: str = "xlsx",
               titles: tuple[str, ...] = (), group: tuple[str, int, int] | None = None,
               encoding: str = "gbk") -> Path:
    """A list file: `titles` rows (one cell each) above the header, then, with `group` = (text, first
    column, last column), a merged group row over those columns of the header (two header rows)."""
    grid: list[list[object]] = [[t] for t in titles]
    merges = []
    if group is not None:
        text, first, last = group
        top = [h if not (first <= j <= last) else None for j, h in enumerate(headers)]
        lower = [None if not (first <= j <= last) else h for j, h in enumerate(headers)]
        row = len(grid)
        merges = [(row, first, row, last, text)] + [(row, j, row + 1, j, h) for j, h in enumerate(headers)
                                                    if not (first <= j <= last)]
        grid += [top, lower]
    else:
        grid.append(list(headers))
    grid += rows
    if fmt == "xlsx":
        return write_xlsx(path.with_suffix(".xlsx"), {"Sheet1": grid}, {"Sheet1": merges})
    return write_csv(path.with_suffix(".csv"), [["" if v is None else str(v) for v in r] for r in grid], encoding)


def reconcile(paths, lists, config: Config | None = None, period: str = "2024-06", rules=None, history=None,
              feedback=None, returned=()):
    """The audit of `paths` with department lists (`KIND=FILE` texts)."""
    return Audit(AuditOptions(tuple(str(p) for p in paths), config or Config(), period, lists=tuple(lists),
                              rules=rules, history=history, feedback=feedback, returned=tuple(returned))).run()
