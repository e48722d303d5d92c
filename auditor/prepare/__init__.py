"""Prepare: the export's rows → the tables every engine reads, `members` and `households`.

Derivations happen here, once (architecture decision 5; rules.md §6–8), in three stages:
load.py (raw text, checked values and their parses; the secondary tables), members.py (one row
per active person) and households.py (one row per household). Only portable SQL is needed
downstream: flags are 0/1 integers, multi-valued cells are canonical item lists joined with ','
and sets are written ',a,b,' so `LIKE '%,因病,%'` tests membership. Columns of fields the export
lacks exist as NULL, so check SQL never breaks; whether a rule runs is decided from `present`.
Which stage makes which table is declared in auditor/run/tables.py.
"""

from __future__ import annotations

from ..config import Config
from ..ingest import Ingested
from ..period import Period
from .households import create_households, household_slices
from .load import load_main, load_secondary, report_unlinked
from .members import create_members, township_sql
from .workspace import ENGINE_TABLES, SECONDARY_TABLES, Prepared, open_workspace, remove_with

__all__ = ["ENGINE_TABLES", "SECONDARY_TABLES", "Prepared", "household_slices", "prepare", "township_sql"]


def prepare(ing: Ingested, cfg: Config, period: Period, lists=(), limits=None) -> Prepared:
    """The prepared tables of `ing` in a new workspace, removed when the Prepared is no longer used;
    with the department lists `lists` (reconcile.ListSpec) matched to its persons (`lists`, always
    there, empty without lists)."""
    from ..reconcile.load import load_lists  # reconcile reads the prepared tables: imported late

    con, folder = open_workspace(cfg, on_disk=ing.streamed)
    prep = Prepared(con, cfg, period)
    remove_with(prep, folder)
    load_main(prep, ing)
    load_secondary(prep, ing)
    create_members(prep)
    create_households(prep)
    report_unlinked(prep)
    load_lists(prep, list(lists), limits)
    return prep
