"""The Summary of a run, computed from its prepared tables, findings, plan, fix tracking and risk."""

from __future__ import annotations

from pathlib import Path

from ..analysis.scoring import county_ranks, township_scores, village_scores
from ..catalogue import Rule
from ..catalogue.compile import run_parameters
from ..catalogue.plan import Plan
from ..config import Config
from ..fmt import town_key
from ..ingest import Ingested
from ..prepare import Prepared
from .summary import (
    DimensionCount,
    FixTracking,
    HistorySummary,
    NotRun,
    RuleCount,
    Summary,
    TownshipSummary,
    TrendPoint,
    VillageSummary,
    now_text,
)


def county_name(prep: Prepared, cfg: Config) -> str:
    """config county.name, else the export's 县 column (the most frequent value), else ''."""
    if cfg.county:
        return cfg.county
    row = prep.con.execute("SELECT 县 FROM members WHERE 县 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
                           "LIMIT 1").fetchall() if "县" in prep.present else []
    return row[0][0] if row else ""


STALE_MONTHS = 2  # a data month this much later than every date in the data is probably wrong


def period_warning(prep: Prepared) -> str | None:
    """When the data month is more than STALE_MONTHS later than the latest month found in the data
    (identification, removal and clue dates), the month is likely wrong (every household would then
    look stale to K03): a warning, with how to set it."""
    latest = prep.con.execute("""
        SELECT max(m) FROM (SELECT max(月_识别监测时间) AS m FROM households
                            UNION ALL SELECT max(月_消除监测时间) FROM households
                            UNION ALL SELECT max(CAST(year(DATE '1970-01-01' + 日_风险线索发现时间) * 12
                                                      + month(DATE '1970-01-01' + 日_风险线索发现时间) AS INTEGER))
                                      FROM households)""").fetchall()[0][0]
    if latest is None or prep.period.report_month - latest <= STALE_MONTHS:
        return None
    shown = f"{(latest - 1) // 12}-{(latest - 1) % 12 + 1:02d}"
    return (f"注意：数据月份 {prep.period.month} 比导出中最晚的日期（{shown}）晚 {prep.period.report_month - latest} 个月，"
            "可能不是这份导出的数据月份；如不正确，请用 --period 指定（如 --period " + shown + "）")


def run_notes(prep: Prepared, warning: str | None = None) -> list[str]:
    """What a reader must know about this run's judgement (rules.md §9: 未配置阈值)."""
    cfg, period = prep.cfg, prep.period
    notes = [f"数据月份 {period.month}：{period.note}", *([warning] if warning else [])]
    if cfg.income_threshold(period.ref_date) is None:
        notes.append(f"未配置阈值：{period.ref_date} 时没有生效的监测收入线，用到收入线的规则（G07、G08 等）对各户不判定")
    late = prep.con.execute("SELECT count(*) FROM households WHERE 已消除 = 1 AND 月_消除监测时间 IS NOT NULL "
                            "AND 消除时收入线 IS NULL").fetchall()[0][0]
    if late:
        notes.append(f"未配置阈值：{late} 户的消除监测时间早于 threshold_schedule 的第一项，I01 对这些户不判定")
    return notes


def _tracked(unit, tracking: dict[str, dict] | None) -> FixTracking | None:
    """A township's fix tracking; with history but no entry (no finding either period), its findings are new."""
    if tracking is None:
        return None
    t = tracking.get(town_key(unit.name), {"previous": 0, "fixed": 0, "gone": 0, "new": unit.must_fix + unit.should_check,
                                           "rebound": 0, "persisting": 0, "fix_rate": None, "previous_rank": None})
    change = (t["previous_rank"] - unit.rank) if t["previous_rank"] and unit.rank else None
    return FixTracking(t["previous"], t["fixed"], t["gone"], t["new"], t["rebound"], t["persisting"], t["fix_rate"],
                       change)


def summarize(prep: Prepared, ingested: Ingested, the_plan: Plan, rules: list[Rule], ruleset_version: str, *,
              covered: list[str], county_run=None, scope: str | None = None, previous_period: str | None = None,
              tracking: dict[str, dict] | None = None, earlier_trend: list[dict] | None = None,
              risk: dict | None = None, reconcile: dict | None = None) -> Summary:
    """The run's Summary. `covered`: the townships the run covers ([] for the county); the ranks are
    theirs in the county (analysis/scoring.county_ranks, with `county_run`, the history's county-wide
    run of the period, for a run of one township). With history (`scope` given), `tracking` (per
    township key) and the trend of the earlier periods (`earlier_trend`) come from the store."""
    con, cfg, period = prep.con, prep.cfg, prep.period
    warning = period_warning(prep)
    by_rule = dict(con.execute("SELECT 规则编号, count(*) FROM findings GROUP BY 1").fetchall())
    by_cat = dict(con.execute("SELECT 类别, count(*) FROM findings GROUP BY 1").fetchall())
    by_dim = con.execute("SELECT 维度, 类别, count(*) FROM findings GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    monitored = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE 脱贫户 = 1), count(*) FILTER (WHERE 监测户 = 1), "
        "count(*) FILTER (WHERE 未消除 = 1) FROM households").fetchall()[0]
    persons = con.execute("SELECT count(*) FROM members").fetchall()[0][0]
    problem_households = con.execute(
        "SELECT count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '') FROM findings").fetchall()[0][0]
    history = scope is not None
    units, rank_basis = county_ranks(township_scores(prep, cfg, listed=not covered), covered, county_run)
    towns = tuple(TownshipSummary(u, _tracked(u, (tracking or {}) if history else None)) for u in units)
    known = set(cfg.townships)
    history_summary = trend = None
    if history:
        totals = {k: sum(getattr(t.tracking, k) for t in towns) for k in ("previous", "fixed", "gone", "new", "persisting")}
        rollups = con.execute("SELECT count(DISTINCT 户编号) FROM rollups").fetchall()[0][0]
        history_summary = HistorySummary(scope, previous_period, **totals,
                                         fix_rate=round(totals["fixed"] / totals["previous"], 4) if totals["previous"] else None,
                                         rollup_households=rollups)
        current = [TrendPoint(period.month, t.unit.name, t.unit.must_fix + t.unit.should_check, t.unit.must_fix,
                              t.tracking.fix_rate) for t in towns]
        trend = tuple(TrendPoint(**p) for p in earlier_trend or ()) + tuple(current)
    return Summary(
        county=county_name(prep, cfg), period=period.month,
        period_note=period.note + (f"；{warning}" if warning else ""),
        ref_date=period.ref_date.isoformat(), generated_at=now_text(), ruleset_version=ruleset_version,
        files=tuple(Path(f).name for f in ingested.files), sheets=tuple(ingested.sheets),
        rows=prep.counts.get("rows", 0), persons=persons, inactive_rows=prep.counts.get("inactive", 0),
        households=monitored[0], poverty_alleviated_households=monitored[1], monitored_households=monitored[2],
        unremoved_households=monitored[3], findings=sum(by_rule.values()), must_fix=by_cat.get("必改", 0),
        should_check=by_cat.get("非必改", 0), problem_households=problem_households,
        by_dimension=tuple(DimensionCount(d, c, n) for d, c, n in by_dim),
        townships=towns,
        villages=tuple(VillageSummary(town, unit) for town, unit in village_scores(prep, cfg)),
        unknown_townships=tuple(sorted(t.unit.name for t in towns if known and t.unit.name not in known)),
        rules=tuple(RuleCount(r.id, r.name, cfg.category(r.id, r.category), r.dimension, r.level, by_rule.get(r.id, 0))
                    for r in rules if r.id in by_rule),
        not_run=tuple(NotRun(rid, reason) for rid, reason in sorted(the_plan.skipped.items())),
        structure_issues=tuple(i.as_dict() for i in prep.issues),
        notes=tuple(run_notes(prep, warning)),
        rules_run=len(the_plan.runnable),
        weights=dict(cfg.weights),
        deadline=period.deadline,
        issuer=cfg.issuer or f"{county_name(prep, cfg) or 'XX县'}乡村振兴局", doc_number=cfg.doc_number,
        parameters={k: v for k, v in run_parameters(cfg, period).items()
                    if not k.startswith("codes_") and k != "present_fields"},
        columns_present=tuple(sorted(prep.present)),
        category_overrides=dict(cfg.categories),
        config=cfg.source,
        rank_basis=rank_basis, history=history_summary, trend=trend, risk=risk, reconcile=reconcile)
