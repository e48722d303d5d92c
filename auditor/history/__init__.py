"""History: the run store and everything the audit does with it, behind one interface.

`History.open(target)` opens a store (a SQLite file, or PostgreSQL by URL: store.py); the audit then
`compare`s with the store's earlier runs of its scope (loading their snapshots into the run's
database, tracking.py), `track`s the fixes against the previous run, builds the `trend`, and
`record`s itself. Nothing else in the package opens a store or reads its tables.
"""

from __future__ import annotations

from ..prepare import Prepared
from .store import SCHEMA_VERSION, RunInfo, StaleComparison, Store, scope_key
from .tracking import Comparison, forget_previous, load_previous, snapshot, track

__all__ = ["SCHEMA_VERSION", "Comparison", "History", "RunInfo", "StaleComparison", "Store", "scope_key"]


class History:
    """One history store, as the audit and the commands use it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, target: str | None) -> History | None:
        """The store at `target` (created on first use); None when no target is given."""
        return cls(Store(target)) if target else None

    @property
    def target(self) -> str:
        return self.store.target

    def enqueue(self, period: str) -> str:
        """Note a run of `period` under way (runs started together are recorded in period order)."""
        return self.store.enqueue(period)

    def wait_turn(self, token: str, period: str, scope: str) -> None:
        """Wait for the runs of earlier periods of the scope under way in other processes."""
        self.store.wait_for_earlier(token, period, scope)

    def done(self, token: str) -> None:
        self.store.dequeue(token)

    def compare(self, prep: Prepared, scope: str) -> Comparison:
        """The scope's earlier runs this run compares with, loaded into the run's database (what an
        earlier comparison of the same run loaded is replaced)."""
        forget_previous(prep)
        return load_previous(prep, self.store, scope)

    def track(self, prep: Prepared, scope: str, comparison: Comparison) -> dict[str, dict]:
        """状态 of this run's findings against the previous run, the fixed ones, counts per township."""
        return track(prep, self.store, scope, comparison.last)

    def trend(self, scope: str, period: str) -> list[dict]:
        """Per township and earlier period of the scope: findings, 必改 and 整改率, oldest first."""
        return [point for run in self.store.runs(scope) if run.period < period for point in trend_points(run.period, run.summary)]

    def record(self, scope: str, summary: dict, prep: Prepared, comparison: Comparison) -> int:
        """Store the run (one transaction; the same period and scope replaces the earlier run). Raises
        StaleComparison when the runs it compared with are no longer the latest: compare again first."""
        return self.store.record(summary["period"], scope, summary["ruleset_version"], summary["parameters"], summary,
                                 snapshot(prep), (comparison.ids(), comparison.lag_month, comparison.stale_month))

    def previous_clues(self, scope: str, period: str) -> list[dict]:
        """The 风险线索 as the latest earlier run that followed clues left them: of this scope, or of its
        counterpart (`auditor reconcile` records under the scope + “|对账”, an audit with lists under
        the scope itself; either carries the clues on)."""
        from ..reconcile.clues import CLUE_STORE
        from ..reconcile.run import RECONCILE_SCOPE

        base = scope.removesuffix(RECONCILE_SCOPE)
        runs = [r for s in (base, base + RECONCILE_SCOPE) for r in self.store.runs(s)
                if r.period < period and r.summary.get("reconcile")]
        if not runs:
            return []
        run = max(runs, key=lambda r: (r.period, r.recorded_at, r.run_id))
        table = self.store.child("run_clues", run.run_id).to_pylist()
        return [{zh: row[en] for zh, en in CLUE_STORE.items()} for row in table]

    def runs(self, scope: str | None = None) -> list[RunInfo]:
        return self.store.runs(scope)

    def county_run(self, county: str, period: str) -> RunInfo | None:
        """The latest county-wide run of `period` (the ranks a township's own run may quote)."""
        runs = [r for r in self.store.runs(scope_key(county, [])) if r.period == period]
        return runs[-1] if runs else None

    def run(self, run_id: int) -> RunInfo | None:
        return self.store.run(run_id)

    def close(self) -> None:
        self.store.close()


def trend_points(period: str, summary: dict) -> list[dict]:
    """A run's townships as points of the trend."""
    return [{"period": period, "township": t["name"], "findings": t["must_fix"] + t["should_check"],
             "must_fix": t["must_fix"], "fix_rate": t.get("fix_rate")} for t in summary.get("townships", [])]
