"""The summary of a run: what summary.json says, typed, built once when the run's findings, fix
tracking and risk assessment are all known, and never changed after.

`Summary.to_json()` is summary.json, the output contract (cli.md): the same keys in the same order
as ever (a test compares them). It is also what the history store keeps of a run and what the
reports read, so an earlier run's summary and this run's are read the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..analysis.scoring import RankBasis, UnitScore

_OPTIONAL = {"omit_if_none": True}


def _json(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return value.to_json() if hasattr(value, "to_json") else _fields_json(value)
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value


def _fields_json(obj: Any) -> dict:
    out = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None and f.metadata.get("omit_if_none"):
            continue
        out[f.name] = _json(value)
    return out


@dataclass(frozen=True)
class FixTracking:
    """A township's findings against the previous run (history)."""

    previous: int  # findings of the previous period
    fixed: int  # previous findings gone now, their person or household still present (已整改)
    gone: int  # previous findings whose person or household is gone (对象已不在册)
    new: int  # findings not in the previous period (新增, 反弹 included)
    rebound: int  # findings fixed once and back (反弹)
    persisting: int  # findings of the previous period still present (未整改)
    fix_rate: float | None  # fixed / previous, None when there was nothing to fix
    rank_change: int | None  # previous rank − rank (positive: moved up), None when either is unknown


@dataclass(frozen=True)
class TownshipSummary:
    unit: UnitScore
    tracking: FixTracking | None = None

    def to_json(self) -> dict:
        return {**_fields_json(self.unit), **(_fields_json(self.tracking) if self.tracking else {})}


@dataclass(frozen=True)
class VillageSummary:
    township: str
    unit: UnitScore

    def to_json(self) -> dict:
        return {**_fields_json(self.unit), "township": self.township}


@dataclass(frozen=True)
class DimensionCount:
    dimension: str
    category: str
    count: int


@dataclass(frozen=True)
class RuleCount:
    id: str
    name: str
    category: str
    dimension: str
    level: str
    count: int


@dataclass(frozen=True)
class NotRun:
    id: str
    reason: str


@dataclass(frozen=True)
class HistorySummary:
    """The run against the previous one, county-wide."""

    scope: str
    previous_period: str | None
    previous: int = 0
    fixed: int = 0
    gone: int = 0
    new: int = 0
    persisting: int = 0
    fix_rate: float | None = None
    rollup_households: int = 0  # households with a roll-up line (K02): counted nowhere, listed in 自查


@dataclass(frozen=True)
class TrendPoint:
    period: str
    township: str
    findings: int
    must_fix: int
    fix_rate: float | None


@dataclass(frozen=True)
class Summary:
    county: str
    period: str
    period_note: str
    ref_date: str
    generated_at: str
    ruleset_version: str
    files: tuple[str, ...]
    sheets: tuple[dict, ...]  # {文件, 工作表, 类型, 行数}: what was read from where
    rows: int
    persons: int
    inactive_rows: int
    households: int
    poverty_alleviated_households: int
    monitored_households: int
    unremoved_households: int
    findings: int
    must_fix: int
    should_check: int
    problem_households: int
    by_dimension: tuple[DimensionCount, ...]
    townships: tuple[TownshipSummary, ...]
    villages: tuple[VillageSummary, ...]
    unknown_townships: tuple[str, ...]
    rules: tuple[RuleCount, ...]
    not_run: tuple[NotRun, ...]
    structure_issues: tuple[dict, ...]  # ingest.Issue.as_dict()
    notes: tuple[str, ...]
    rules_run: int
    weights: dict[str, float]
    deadline: str
    issuer: str  # the 落款 of the circular: [county] issuer, else “<county>乡村振兴局”
    doc_number: str  # the circular's 文号 ([county] doc_number), '' when none
    parameters: dict[str, Any]
    columns_present: tuple[str, ...]
    category_overrides: dict[str, str]
    config: str
    rank_basis: RankBasis | None = field(default=None, metadata=_OPTIONAL)  # where the townships' ranks come from
    history: HistorySummary | None = field(default=None, metadata=_OPTIONAL)
    trend: tuple[TrendPoint, ...] | None = field(default=None, metadata=_OPTIONAL)
    risk: dict | None = field(default=None, metadata=_OPTIONAL)  # risk.assess(): figures and warnings
    # auditor reconcile (--list, --feedback, clues followed in the history): lists, clues, feedback progress
    reconcile: dict | None = field(default=None, metadata=_OPTIONAL)

    def to_json(self) -> dict:
        """summary.json."""
        return _fields_json(self)

    def township(self, name: str) -> TownshipSummary | None:
        return next((t for t in self.townships if t.unit.name == name), None)


def now_text() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
