"""The tables of a run's workspace (its DuckDB database), each with the stage that makes it.

Every table, view and registered Arrow table a run creates is declared here, once: its name, the
module that creates it (the only one that may), what it holds, and whether it outlives its stage
(`kept`) or is scratch the stage drops before it returns. A test audits with every stage switched
on and fails when the workspace holds a table not declared here, and another scans the source for
CREATE and register statements outside the declared module.

Readers read a kept table; nobody probes the catalogue to see what exists: whether an optional
table is there follows from the run itself (the secondary tables always exist, empty when their
file was not given; the prev_* tables exist when the run's Comparison has a previous run).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunTable:
    name: str
    stage: str  # the module that creates it, as auditor.<stage>
    kept: bool  # still there when the run is done (False: scratch, dropped by its stage)
    what: str


RUN_TABLES: tuple[RunTable, ...] = (
    # prepare: the export's rows, checked, and the tables every engine reads
    RunTable("raw", "prepare.load", True, "the main table's original text, one row per export row (findings report it)"),
    RunTable("_norm", "prepare.load", True, "the checked value of every canonical field, with its parses"),
    RunTable("_meta", "prepare.load", True, "view: each row's file, sheet and Excel line"),
    RunTable("work", "prepare.load", True, "务工监测表, normalised and keyed (empty when not given)"),
    RunTable("plan", "prepare.load", True, "计划外出务工表, normalised and keyed (empty when not given)"),
    RunTable("villages", "prepare.load", True, "行政村表, normalised (empty when not given)"),
    RunTable("raw_work", "prepare.load", True, "务工监测表's original text (when given)"),
    RunTable("raw_plan", "prepare.load", True, "计划外出务工表's original text (when given)"),
    RunTable("raw_villages", "prepare.load", True, "行政村表's original text (when given)"),
    *(RunTable(f"{prefix}_{t}", "prepare.load", False, "a secondary table's checked values / row metadata")
      for prefix in ("_x", "_xm") for t in ("work", "plan", "villages")),
    RunTable("_id", "prepare.members", False, "the ID number parsed, row by row"),
    RunTable("members", "prepare.members", True, "one row per active person with every member derivation"),
    RunTable("_risk", "prepare.households", False, "风险集合 per household"),
    RunTable("_sig", "prepare.households", False, "措施签名 per household"),
    RunTable("_h0", "prepare.households", False, "the household aggregates, before the 户值 parses"),
    RunTable("_span", "prepare.households", True, "each household's first and last row (province slices)"),
    RunTable("households", "prepare.households", True, "one row per household with its 户值 and aggregates"),
    # reconcile: the department lists (always there, empty without lists)
    RunTable("raw_lists", "reconcile.load", True, "the department lists' original text, every kind in one table"),
    RunTable("lists", "reconcile.load", True, "the lists' checked values, the ID's key, the person matched, the facts"),
    RunTable("clues", "reconcile.load", True, "the run's 风险线索 (empty, filled by reconcile.clues)"),
    RunTable("clue_dates", "reconcile.load", True, "per household the earliest clue date the history holds (H13)"),
    RunTable("feedback_items", "reconcile.load", True, "the province's feedback items with their 整改状态 (reconcile.run)"),
    RunTable("_feedback_in", "reconcile.run", False, "registered: the feedback items on their way in"),
    RunTable("_clues_in", "reconcile.clues", False, "registered: the clues on their way into `clues`"),
    RunTable("_clue_in", "reconcile.clues", False, "registered: the history's clues on their way into clue_dates"),
    *(RunTable(t, "reconcile.load", False, "the lists on their way into `lists`") for t in ("_lists0", "_lists1", "_lists2")),
    # history: the earlier runs the cross-period rules and the tracking compare with
    RunTable("_store_persons", "history.tracking", False, "the previous run's persons as stored"),
    RunTable("_store_findings", "history.tracking", False, "the previous run's findings as stored"),
    RunTable("person_matches", "history.tracking", True, "previous persons who are this run's under another key "
             "(ID corrected: matched by 户编号 + 姓名)"),
    RunTable("prev_findings", "history.tracking", True, "the previous run's findings, keyed by this run's persons"),
    RunTable("prev_entities", "history.tracking", True, "the previous run's households and persons"),
    RunTable("prev_households", "history.tracking", True, "the previous run's household values"),
    RunTable("prev_persons", "history.tracking", True, "the previous run's person values, keyed by this run's persons"),
    RunTable("prev_fields", "history.tracking", True, "the canonical columns the previous export had"),
    RunTable("lag_households", "history.tracking", True, "household values g15_lag_months earlier (G15)"),
    RunTable("stale_households", "history.tracking", True, "household values stale_months or more earlier (J04)"),
    # engines: the rows the rules flag
    RunTable("hits", "engines.base", True, "(rule_id, _row, 问题字段, 说明) of every flagged row"),
    RunTable("_slice_members", "engines.duckdb", True, "view: one slice of members (province, household_local rules)"),
    RunTable("_slice_households", "engines.duckdb", True, "view: that slice's households"),
    RunTable("_gx_chunk", "engines.gx", False, "GX's hits, a chunk at a time, on their way into hits"),
    RunTable("_spark_hits", "engines.spark", False, "registered: a small input's Spark hits on their way into hits"),
    # findings
    RunTable("rules_meta", "findings", True, "the rules that ran, with their effective category"),
    RunTable("_f0", "findings", False, "hits anchored to their person or household"),
    RunTable("_f1", "findings", False, "the same with the finding key, one row per key"),
    RunTable("_fv", "findings", False, "each finding's original values"),
    RunTable("findings", "findings", True, "every finding, with the findings.csv columns and its key"),
    RunTable("rollups", "findings", True, "the roll-up lines (K02), counted nowhere, in the findings' columns"),
    # history: fix tracking
    RunTable("_earlier_keys", "history.tracking", False, "every finding key of the scope's earlier runs"),
    RunTable("_resolved", "history.tracking", False, "previous findings gone now, fixed or gone with their entity"),
    RunTable("fixed_findings", "history.tracking", True, "the fixed ones, in the findings.csv columns (sheet 已整改)"),
    # analysis and reports: scratch of their own
    RunTable("_risk_hh", "analysis.risk", False, "per household, the flags the risk figures count"),
    RunTable("_example_notes", "report.circular", False, "the notes of the circular's examples, to mask names"),
    RunTable("_selfcheck_detail", "report.workbook", False, "findings joined to their original rows, for 自查/"),
)

BY_NAME: dict[str, RunTable] = {t.name: t for t in RUN_TABLES}


def declared(name: str) -> RunTable | None:
    return BY_NAME.get(name)
