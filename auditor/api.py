"""The library API: one audit run, end to end. The CLI, the web server and reconcile all call this.

    result = Audit(AuditOptions(paths=("涞源县_2024年6月.xlsx",), history="历史库.sqlite")).run()
    result.write("审计结果")        # the run into the history store, then every output, whole or not at all

`Audit.run` is the pipeline, each arrow one module: ingest (read the files) → prepare (the tables
every engine reads) → catalogue/plan (which rules run) → engines (unexpected rows) → findings →
history (comparison, fix tracking) → risk → run/summarize (the Summary). It writes no file.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import __version__
from .analysis.risk import assess
from .catalogue import Rule, load_rules
from .catalogue.compile import run_parameters
from .catalogue.plan import Plan, plan
from .catalogue.sqlcache import SQL_CACHE
from .config import Config, byte_size
from .engines import get_engine
from .errors import InputError
from .findings import build_findings
from .history import Comparison, History, StaleComparison, scope_key
from .ingest import Ingested, Limits, read_exports
from .period import file_month, resolve_period
from .prepare import Prepared, prepare
from .reconcile import run as reconcile_run
from .reconcile.run import RECONCILE_SCOPE
from .run.scratch import sweep_temp
from .run.summarize import county_name, summarize
from .run.summary import Summary
from .sqltext import literal_list


@dataclass(frozen=True)
class AuditOptions:
    """What to audit and how."""

    paths: tuple[str, ...]  # the export files (and secondary tables), concatenated in this order
    config: Config = field(default_factory=Config)
    period: str | None = None  # YYYY-MM; None: from the file names, else the current month
    engine: str = "duckdb"  # a name of engines.ENGINES
    spark_master: str = "local[*]"  # engine "spark" only
    townships: tuple[str, ...] = ()  # audit only these (a township's self-check)
    history: str | None = None  # the history store (a path or postgresql:// URL); None: config's [history]
    rules: frozenset[str] | None = None  # run only these rules (tests, tools); None: the whole catalogue
    lists: tuple = ()  # department lists (reconcile.ListSpec, or "KIND[@DATE]=FILE" text)
    feedback: str | None = None  # the province's feedback list
    returned: tuple[str, ...] = ()  # townships' filled 交办清单 workbooks
    reconcile_only: bool = False  # auditor reconcile: the L rules, H13 and the feedback list's rules only, recorded
    #                               in the history under a scope of its own (never replacing the audit's run)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paths", tuple(str(p) for p in self.paths))
        object.__setattr__(self, "townships", tuple(self.townships))
        if self.rules is not None:
            object.__setattr__(self, "rules", frozenset(self.rules))
        from .reconcile import ListSpec, parse_list_spec

        object.__setattr__(self, "lists", tuple(s if isinstance(s, ListSpec) else parse_list_spec(str(s))
                                                for s in self.lists))
        object.__setattr__(self, "returned", tuple(str(p) for p in self.returned))


def ruleset_version(rules: tuple[Rule, ...] | list[Rule]) -> str:
    """A short fingerprint of the rule set: the package version plus a hash of every rule's logic."""
    digest = hashlib.sha256()
    for r in rules:
        digest.update(json.dumps([r.id, r.category, r.type, r.kwargs, r.check_sql], ensure_ascii=False,
                                 sort_keys=True, default=str).encode())
    return f"{__version__}+{digest.hexdigest()[:8]}"


class _Clock:
    """Wall seconds per stage, for the benchmarks and the terminal summary."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._t, 3)
        self._t = now


@dataclass
class AuditResult:
    """A finished run: its prepared tables and findings (in `prep.con`), its Summary, its history."""

    options: AuditOptions
    ingested: Ingested
    prep: Prepared
    plan: Plan
    rules: list[Rule]  # the whole catalogue (reports name rules that did not run, too)
    summary: Summary
    history: History | None = None
    scope: str = ""
    covered: tuple[str, ...] = ()  # the townships the run covers (--township, or a township's own export); () the county
    comparison: Comparison = field(default_factory=Comparison)
    seconds: dict[str, float] = field(default_factory=dict)  # wall seconds per stage (读取, 预处理, 规则, 汇总, 输出)
    out_dir: Path | None = None
    files: list[str] = field(default_factory=list)
    tables_output: object | None = None  # the 附表 written with tables=True: tables.TablesOutput
    token: str | None = None  # this run in the history store's list of runs under way
    run_id: int | None = None  # once recorded

    @cached_property
    def summary_json(self) -> dict:
        """summary.json: what the reports read and the history store keeps."""
        return self.summary.to_json()

    @property
    def config(self) -> Config:
        return self.prep.cfg

    def write(self, out_dir: str | Path, tables: bool = False) -> list[str]:
        """Every output into `out_dir`, whole or not at all (run/outputs.py); with `tables` also 附表
        and 入户核实表. With a history store the run is recorded first: outputs that compare with the
        previous period exist only for a recorded run."""
        from .run.outputs import publish, write_outputs

        self.record()
        started = time.perf_counter()
        self.files = publish(Path(out_dir), lambda folder: write_outputs(self, folder, tables=tables))
        self.out_dir = Path(out_dir)
        self.seconds["输出"] = round(time.perf_counter() - started, 3)
        return self.files

    def record(self) -> int | None:
        """Store the run in its history store (one transaction; the same period and scope replaces the
        earlier run), once; None without a store. When another run was recorded in between and the
        comparison is no longer with the latest runs, the run compares again and is judged again
        (the rules that read earlier runs, the tracking, the Summary) before it is stored."""
        if self.history is None or self.run_id is not None:
            return self.run_id
        for _ in range(20):
            try:
                self.run_id = self.history.record(self.scope, self.summary_json, self.prep, self.comparison)
                break
            except StaleComparison:
                _judge(self)
        else:
            raise InputError(f"历史库 {self.history.target} 中同一范围的审核记录不断变化，本次审核未能记入，请稍后重试")
        if self.token:
            self.history.done(self.token)
            self.token = None
        return self.run_id

    def close(self) -> None:
        if self.history is not None:
            if self.token:
                self.history.done(self.token)
                self.token = None
            self.history.close()


class Audit:
    """One audit run of `options`."""

    def __init__(self, options: AuditOptions) -> None:
        self.options = options

    def run(self) -> AuditResult:
        """Everything up to the findings (with 状态 when there is history) and the Summary; no files.

        With a history store the run is noted as under way from the start, and after preparing it
        waits for the runs of earlier periods of its scope under way in other processes, so that runs
        started together compare as if they had run one after the other."""
        o, cfg = self.options, self.options.config
        sweep_temp()
        clock = _Clock()
        history = History.open(o.history or cfg.history)
        early = resolve_period(o.period, list(o.paths), cfg) if o.period or file_month(list(o.paths)) else None
        token = history.enqueue(early.month) if history and early else None
        try:
            ingested = read_exports(list(o.paths), int(cfg.params["header_scan_rows"]), read_limits(cfg))
            period = resolve_period(o.period, list(o.paths), cfg, ingested.titles)
            if history and token is None:
                token = history.enqueue(period.month)
            clock.lap("读取")
            prep = prepare(ingested, cfg, period, o.lists, read_limits(cfg))
            clock.lap("预处理")
            if o.townships:
                restrict(prep, list(o.townships))
            covered = list(o.townships) or sole_township(prep)
            scope = scope_key(county_name(prep, cfg), covered) + (RECONCILE_SCOPE if o.reconcile_only else "")
            if history:
                history.wait_turn(token, period.month, scope)
        except BaseException:
            if history:
                if token:
                    history.done(token)
                history.close()
            raise
        catalogue = list(load_rules())
        result = AuditResult(o, ingested, prep, Plan(), catalogue, None, history, scope, covered=tuple(covered),  # type: ignore[arg-type]
                             token=token)
        _judge(result)
        clock.lap("规则")
        result.seconds = clock.laps
        return result


def _judge(result: AuditResult) -> None:
    """The comparison with the history, the rules, the findings, the tracking, the risk and the
    Summary of a prepared run (again, when another run was recorded since it first compared)."""
    prep, o, cfg, history = result.prep, result.options, result.options.config, result.history
    catalogue = result.rules
    comparison = history.compare(prep, result.scope) if history else Comparison()
    chosen = catalogue if o.rules is None else [r for r in catalogue if r.id in o.rules]
    if o.reconcile_only:
        wanted = reconcile_run.reconcile_rules(o.feedback, cfg)
        chosen = [r for r in chosen if r.id.startswith("L") or r.id in wanted]
    previous_clues, needs = reconcile_run.before_rules(prep, history, result.scope)
    the_plan = plan(chosen, prep.present, needs, cfg.disabled, comparison.columns())
    _run_rules(prep, the_plan, o, cfg)
    reconciled = reconcile_run.after_findings(prep, o, previous_clues, result.covered,
                                              {r.id for r in the_plan.runnable})
    tracking = history.track(prep, result.scope, comparison) if history else None
    risk = assess(prep, cfg, comparison.last, whole_county=not result.covered) if cfg.risk["circular"] else None
    county = county_name(prep, cfg)
    county_run = history.county_run(county, prep.period.month) if history and result.covered else None
    result.plan, result.comparison = the_plan, comparison
    result.__dict__.pop("summary_json", None)
    result.summary = summarize(
        prep, result.ingested, the_plan, catalogue, ruleset_version(catalogue), covered=list(result.covered),
        county_run=county_run,
        scope=result.scope if history else None,
        previous_period=comparison.last.period if comparison.last else None, tracking=tracking,
        earlier_trend=history.trend(result.scope, prep.period.month) if history else None, risk=risk,
        reconcile=reconciled)


def read_limits(cfg: Config) -> Limits:
    return Limits(byte_size(cfg.run["max_unpacked"]), int(cfg.run["max_cell_chars"]))


def _run_rules(prep: Prepared, the_plan: Plan, o: AuditOptions, cfg: Config) -> None:
    """The engine over the runnable rules, in two phases: K02 compares this run's findings with the
    previous run's, so it runs once the others are found (meta.phase = 2)."""
    params = run_parameters(cfg, prep.period, prep.present)
    engine = get_engine(o.engine, **({"master": o.spark_master} if o.engine == "spark" else {}))
    first = [r for r in the_plan.runnable if r.meta.get("phase", 1) == 1]
    second = [r for r in the_plan.runnable if r.meta.get("phase", 1) == 2]
    engine.run(prep, first, params)
    build_findings(prep, first, cfg)
    if second:
        engine.run(prep, second, params, append=True)
        build_findings(prep, the_plan.runnable, cfg)
    SQL_CACHE.flush()  # the rules compiled for this run, for the next one


def sole_township(prep: Prepared) -> list[str]:
    """The one township of an export that holds only one (a township's own export): such a run is
    that township's, in the history and in the ranking, as with --township. [] when there are more."""
    names = [r[0] for r in prep.con.execute(
        "SELECT DISTINCT 乡镇 FROM members WHERE coalesce(乡镇, '') <> '' LIMIT 2").fetchall()]
    return names if len(names) == 1 else []


def restrict(prep: Prepared, townships: list[str]) -> None:
    """--township: audit only these townships (their rows), as a township office would."""
    known = {r[0] for r in prep.con.execute("SELECT DISTINCT 乡镇 FROM members").fetchall()}
    unknown = [t for t in townships if t not in known]
    if unknown:
        names = sorted(k for k in known if k)
        close = [n for t in unknown for n in names if t in n or n in t] or [
            n for t in unknown for n in difflib.get_close_matches(t, names, n=3, cutoff=0.5)]
        guess = f"，是否要用 {'、'.join(dict.fromkeys(close))}" if close else ""
        raise InputError(f"导出中没有乡镇：{'、'.join(unknown)}{guess}（导出中的乡镇：{'、'.join(names)}）")
    names = literal_list(townships)
    prep.con.execute(f"DELETE FROM members WHERE coalesce(乡镇, '') NOT IN {names}")
    prep.con.execute("DELETE FROM households WHERE _row NOT IN (SELECT _row FROM members)")
    for table in prep.extras_tables() & {"work", "plan"}:  # secondary rows of the other townships' people
        prep.con.execute(f"DELETE FROM {table} WHERE _key NOT IN (SELECT 人员关联键 FROM members) "
                         "AND coalesce(户编号, '') NOT IN (SELECT 户编号 FROM households)")


def run_risk(paths: list[str], cfg: Config, period: str | None = None, history: str | None = None) -> tuple[Prepared, dict]:
    """auditor risk: ingest and prepare (no rules), compare with the history store's latest earlier run
    of the same scope (the county, or the export's one township) when one is given (read only: `risk`
    records nothing), assess the risks."""
    ingested = read_exports(list(paths), int(cfg.params["header_scan_rows"]), read_limits(cfg))
    prep = prepare(ingested, cfg, resolve_period(period, list(paths), cfg, ingested.titles))
    covered = sole_township(prep)
    store = History.open(history or cfg.history)
    comparison = store.compare(prep, scope_key(county_name(prep, cfg), covered)) if store else Comparison()
    if store:
        store.close()
    return prep, assess(prep, cfg, comparison.last, whole_county=not covered)


__all__ = ["Audit", "AuditOptions", "AuditResult", "county_name", "restrict", "ruleset_version", "run_risk",
           "sole_township"]
