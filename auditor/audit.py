"""One audit run, end to end: ingest → prepare → engine → findings → scores → output files.

Outputs are written into a fresh folder beside the target and moved into place only when every
file is complete, so a failed run never leaves partial output that looks complete.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .compile import run_parameters
from .config import Config
from .engines import Plan, plan
from .errors import InputError
from .findings import build_findings, write_findings
from .fmt import town_key
from .history import Store, open_store, scope_key
from .ingest import read_exports
from .prepare import Prepared, prepare
from .report import write_reports
from .risk import assess
from .scoring import score_units
from .suites import Rule, load_rules
from .tracking import columns_of, load_previous, settle_k02_categories, snapshot, track


@dataclass
class AuditResult:
    prep: Prepared
    plan: Plan
    rules: list[Rule]
    summary: dict
    store: Store | None = None
    scope: str = ""
    out_dir: Path | None = None
    files: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall seconds per stage (读取, 预处理, 规则, 输出)


def ruleset_version(rules: tuple[Rule, ...] | list[Rule]) -> str:
    """A short fingerprint of the rule set: the package version plus a hash of every rule's logic."""
    import hashlib

    digest = hashlib.sha256()
    for r in rules:
        digest.update(json.dumps([r.id, r.category, r.type, r.kwargs, r.check_sql], ensure_ascii=False,
                                 sort_keys=True, default=str).encode())
    return f"{__version__}+{digest.hexdigest()[:8]}"


def run_audit(paths: list[str], cfg: Config, period: str | None = None, engine: str = "duckdb",
              townships: list[str] | None = None, history: str | None = None,
              spark_master: str = "local[*]") -> AuditResult:
    """Everything up to the findings table (and, with a history store, their 状态); no files.
    `spark_master` is used by `engine="spark"` only."""
    cfg.set_period(period, [str(p) for p in paths])
    clock = _Clock()
    ingested = read_exports(paths, int(cfg.params["header_scan_rows"]))
    clock.lap("读取")
    prep = prepare(ingested, cfg)
    clock.lap("预处理")
    if townships:
        _restrict(prep, townships)
    store = open_store(history or cfg.history)
    scope = scope_key(county_name(prep, cfg), townships or [])
    previous = load_previous(prep, store, scope, cfg) if store else {}
    rules = list(load_rules())
    the_plan = plan(rules, prep.present, prep.extras, cfg.disabled,
                    {kind: columns_of(run) for kind, run in previous.items()})
    params = run_parameters(cfg, prep.present)
    run_rules = _engine(engine, spark_master)
    # K02 compares this run's findings with the previous run's: it runs once the others are found.
    first = [r for r in the_plan.runnable if r.meta.get("phase", 1) == 1]
    second = [r for r in the_plan.runnable if r.meta.get("phase", 1) == 2]
    run_rules(prep, first, params)
    build_findings(prep, first, cfg)
    if second:
        run_rules(prep, second, params, append=True)
        build_findings(prep, the_plan.runnable, cfg)
        if any(r.id == "K02" for r in second):
            settle_k02_categories(prep)
    clock.lap("规则")
    tracking = track(prep, store, scope, cfg, previous.get("last")) if store else None
    summary = make_summary(prep, cfg, the_plan, rules, ingested.files, ingested.sheets, restricted=bool(townships))
    if store:
        _add_history(summary, tracking or {}, store, scope, previous.get("last"))
    if cfg.risk["circular"]:
        summary["risk"] = assess(prep, cfg, previous.get("last"), whole_county=not townships)
    clock.lap("汇总")
    return AuditResult(prep, the_plan, rules, summary, store=store, scope=scope, seconds=clock.laps)


class _Clock:
    """Wall seconds per stage, for the benchmarks and the terminal summary."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._t, 3)
        self._t = now


def run_risk(paths: list[str], cfg: Config, period: str | None = None,
             history: str | None = None) -> tuple[Prepared, dict]:
    """auditor risk: ingest and prepare (no rules), compare with the history store's latest earlier run
    of the whole county when one is given (read only: `risk` records nothing), assess the risks."""
    cfg.set_period(period, [str(p) for p in paths])
    prep = prepare(read_exports(paths, int(cfg.params["header_scan_rows"])), cfg)
    store = open_store(history or cfg.history)
    previous = load_previous(prep, store, scope_key(county_name(prep, cfg), []), cfg).get("last") if store else None
    if store:
        store.close()
    return prep, assess(prep, cfg, previous)


def _engine(name: str, spark_master: str):
    """The engine's `run(prep, rules, params, append=False)`; each fills the same `hits` table."""
    if name == "duckdb":
        from .engines.duckdb import run
        return run
    if name == "gx":
        from .engines.gx import run
        return run
    if name == "spark":
        from .engines.spark import run
        return functools.partial(run, master=spark_master)
    raise InputError(f"未知的引擎：{name}（可选 duckdb、gx、spark）")


def _add_history(summary: dict, tracking: dict[str, dict], store: Store, scope: str, previous) -> None:
    """Per-township fix tracking, the previous period, and the trend over all periods of the scope."""
    summary["history"] = {"scope": scope, "previous_period": previous.period if previous else None}
    for town in summary["townships"]:
        t = tracking.get(town_key(town["name"]),
                         {"previous": 0, "fixed": 0, "gone": 0, "new": town["must_fix"] + town["should_check"],
                          "rebound": 0, "persisting": 0, "fix_rate": None, "previous_rank": None})
        town.update({k: v for k, v in t.items() if k != "previous_rank"})
        town["rank_change"] = (t["previous_rank"] - town["rank"]) if t["previous_rank"] and town["rank"] else None
    totals = {k: sum(t[k] for t in summary["townships"]) for k in ("previous", "fixed", "gone", "new", "persisting")}
    totals["fix_rate"] = round(totals["fixed"] / totals["previous"], 4) if totals["previous"] else None
    summary["history"].update(totals)
    earlier = [r for r in store.runs(scope) if r.period < summary["period"]]
    summary["trend"] = [p for r in earlier for p in _trend_points(r.period, r.summary)]
    summary["trend"] += _trend_points(summary["period"], summary)


def _trend_points(period: str, summary: dict) -> list[dict]:
    return [{"period": period, "township": t["name"], "findings": t["must_fix"] + t["should_check"],
             "must_fix": t["must_fix"], "fix_rate": t.get("fix_rate")} for t in summary.get("townships", [])]


def record_history(result: AuditResult) -> int | None:
    """Store the run (one transaction; the same period and scope replaces the earlier run)."""
    if result.store is None:
        return None
    return result.store.record(result.summary["period"], result.scope, result.summary["ruleset_version"],
                               result.summary["parameters"], result.summary, snapshot(result.prep))


def _restrict(prep: Prepared, townships: list[str]) -> None:
    """--township: audit only these townships (their rows), as a township office would."""
    known = {r[0] for r in prep.con.execute("SELECT DISTINCT 乡镇 FROM members").fetchall()}
    unknown = [t for t in townships if t not in known]
    if unknown:
        raise InputError(f"导出中没有乡镇：{'、'.join(unknown)}（导出中的乡镇：{'、'.join(sorted(k for k in known if k))}）")
    names = ", ".join("'" + t.replace("'", "''") + "'" for t in townships)
    prep.con.execute(f"DELETE FROM members WHERE coalesce(乡镇, '') NOT IN ({names})")
    prep.con.execute("DELETE FROM households WHERE _row NOT IN (SELECT _row FROM members)")
    for table in prep.extras_tables() & {"work", "plan"}:  # secondary rows of the other townships' people
        prep.con.execute(f"DELETE FROM {table} WHERE _key NOT IN (SELECT 人员关联键 FROM members) "
                         "AND coalesce(户编号, '') NOT IN (SELECT 户编号 FROM households)")


def county_name(prep: Prepared, cfg: Config) -> str:
    """config county.name, else the export's 县 column (the most frequent value), else ''."""
    if cfg.county:
        return cfg.county
    row = prep.con.execute("SELECT 县 FROM members WHERE 县 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
                           "LIMIT 1").fetchall() if "县" in prep.present else []
    return row[0][0] if row else ""


def _run_notes(prep: Prepared, cfg: Config) -> list[str]:
    """What a reader must know about this run's judgement (rules.md §9: 未配置阈值)."""
    notes = [f"数据月份 {cfg.period}：{cfg.period_note}"]
    if cfg.income_threshold(cfg.ref_date) is None:
        notes.append(f"未配置阈值：{cfg.ref_date} 时没有生效的监测收入线，用到收入线的规则（G07、G08 等）对各户不判定")
    late = prep.con.execute("SELECT count(*) FROM households WHERE 已消除 = 1 AND 月_消除监测时间 IS NOT NULL "
                            "AND 消除时收入线 IS NULL").fetchall()[0][0]
    if late:
        notes.append(f"未配置阈值：{late} 户的消除监测时间早于 threshold_schedule 的第一项，I01 对这些户不判定")
    return notes


def make_summary(prep: Prepared, cfg: Config, the_plan: Plan, rules: list[Rule], files: list[str],
                 sheets: list[dict], restricted: bool = False) -> dict:
    con = prep.con
    by_rule = dict(con.execute("SELECT 规则编号, count(*) FROM findings GROUP BY 1").fetchall())
    by_cat = dict(con.execute("SELECT 类别, count(*) FROM findings GROUP BY 1").fetchall())
    by_dim = con.execute("SELECT 维度, 类别, count(*) FROM findings GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    townships = score_units(prep, cfg, "township", listed=not restricted)
    villages = score_units(prep, cfg, "village")
    households = con.execute("SELECT count(*) FROM households").fetchall()[0][0]
    monitored = con.execute(
        "SELECT count(*) FILTER (WHERE 脱贫户 = 1), count(*) FILTER (WHERE 监测户 = 1), "
        "count(*) FILTER (WHERE 未消除 = 1) FROM households").fetchall()[0]
    persons = con.execute("SELECT count(*) FROM members").fetchall()[0][0]
    problem_households = con.execute("SELECT count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '') FROM findings").fetchall()[0][0]
    known = set(cfg.townships)
    unknown_towns = sorted(t["name"] for t in townships if known and t["name"] not in known)
    return {
        "county": county_name(prep, cfg),
        "period": cfg.period,
        "period_note": cfg.period_note,
        "ref_date": cfg.ref_date.isoformat(),
        "generated_at": dt.datetime.now().isoformat(timespec="seconds"),
        "ruleset_version": ruleset_version(rules),
        "files": [Path(f).name for f in files],
        "sheets": sheets,
        "rows": prep.counts.get("rows", 0),
        "persons": persons,
        "inactive_rows": prep.counts.get("inactive", 0),
        "households": households,
        "poverty_alleviated_households": monitored[0],
        "monitored_households": monitored[1],
        "unremoved_households": monitored[2],
        "findings": sum(by_rule.values()),
        "must_fix": by_cat.get("必改", 0),
        "should_check": by_cat.get("非必改", 0),
        "problem_households": problem_households,
        "by_dimension": [{"dimension": d, "category": c, "count": n} for d, c, n in by_dim],
        "townships": townships,
        "villages": villages,
        "unknown_townships": unknown_towns,
        "rules": [{"id": r.id, "name": r.name, "category": cfg.category(r.id, r.category),
                   "dimension": r.dimension, "level": r.level, "count": by_rule.get(r.id, 0)}
                  for r in rules if r.id in by_rule],
        "not_run": [{"id": rid, "reason": reason} for rid, reason in sorted(the_plan.skipped.items())],
        "structure_issues": [i.as_dict() for i in prep.issues],
        "notes": _run_notes(prep, cfg),
        "rules_run": len(the_plan.runnable),
        "weights": dict(cfg.weights),
        "deadline": cfg.deadline,
        "parameters": {k: v for k, v in run_parameters(cfg).items()
                       if not k.startswith("codes_") and k != "present_fields"},
        "columns_present": sorted(prep.present),
        "category_overrides": cfg.categories,
        "config": cfg.source,
    }


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


def write_outputs(result: AuditResult, out_dir: Path, cfg: Config,
                  extras: Sequence[Callable[[AuditResult, Path], object]] = ()) -> list[str]:
    """Write every output (and those of `extras`, e.g. the 附表) into a staging folder, then move them
    into `out_dir` together."""

    def write(staging: Path) -> None:
        write_findings(result.prep, staging, with_status=result.store is not None)
        write_reports(result, staging)
        (staging / "summary.json").write_text(json.dumps(result.summary, ensure_ascii=False, indent=2),
                                              encoding="utf-8")
        for extra in extras:
            extra(result, staging)

    started = time.perf_counter()
    written = write_staged(out_dir, write)
    result.seconds["输出"] = round(time.perf_counter() - started, 3)
    result.out_dir = Path(out_dir)
    result.files = written
    return written
