"""The run's DuckDB database (its workspace) and what the prepared tables hold (Prepared)."""

from __future__ import annotations

import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..config import Config
from ..ingest import Issue
from ..period import Period
from ..run.scratch import make_private_dir
from ..sqltext import literal

# The secondary tables by kind (fields.md §6) and their prepared table. Each prepared table exists in
# every run, empty when the file was not given, so check SQL can always name it; whether a rule that
# needs one runs is decided from `Prepared.extras` (catalogue/plan.py).
SECONDARY_TABLES = {"务工监测表": "work", "计划外出务工表": "plan", "行政村表": "villages"}
# The prepared tables the rules read (the cross-period rules also read the history's prev_* tables).
ENGINE_TABLES = ("members", "households", *SECONDARY_TABLES.values(), "lists", "clue_dates")


@dataclass
class Prepared:
    """The prepared tables of one run, in `con`, and what is known about them."""

    con: duckdb.DuckDBPyConnection
    cfg: Config
    period: Period
    present: set[str] = field(default_factory=set)  # canonical main-table fields present in the export
    extras: dict[str, set[str]] = field(default_factory=dict)  # secondary table supplied → its fields present
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rows, active, inactive, households
    source_columns: dict[str, str] = field(default_factory=dict)  # checked field → raw column reported
    lists: dict[str, set[str]] = field(default_factory=dict)  # department list kind given → its fields present
    list_dates: dict[str, str] = field(default_factory=dict)  # list file name → where its date came from

    def needs_present(self) -> dict[str, set[str]]:
        """The inputs a rule's `needs` may name: the secondary tables given, and each department list
        given as “<kind>清单” (“部门清单” when any is)."""
        out = dict(self.extras)
        for kind, fields in self.lists.items():
            out[f"{kind}清单"] = fields
        if self.lists:
            out["部门清单"] = set().union(*self.lists.values())
        return out

    def extras_tables(self) -> set[str]:
        """Names of the prepared secondary tables (work, plan, villages) whose file was given."""
        return {SECONDARY_TABLES[k] for k in self.extras}


def open_workspace(cfg: Config, on_disk: bool) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The run's DuckDB database and its temporary folder (removed with `remove_with`).

    An export read whole is already in memory: its tables are kept in memory too (fastest). A
    parquet file read in batches may be a province: its tables go to a database file in the folder,
    compressed, kept on disk beyond `[run] memory_limit`, so millions of persons are audited in
    bounded memory. Either way DuckDB spills what exceeds the limit into the folder.
    """
    folder = str(make_private_dir("auditor-"))
    con = duckdb.connect(str(Path(folder) / "run.duckdb") if on_disk else ":memory:")
    con.execute(f"SET memory_limit = {literal(cfg.run['memory_limit'])}; "
                f"SET temp_directory = {literal(Path(folder) / 'spill')}; "
                "SET preserve_insertion_order = true; SET enable_progress_bar = false")
    return con, folder


# Below this many export rows a statement's parallel set-up (a task per DuckDB thread and pipeline)
# costs more than it saves: a township's prepare runs a quarter faster on one thread. The rule stage
# still uses every core, a statement per core (engines/duckdb.py).
ONE_THREAD_ROWS = 20_000


def fit_threads(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """One DuckDB thread for a small export (ONE_THREAD_ROWS), else DuckDB's default (every core)."""
    if rows < ONE_THREAD_ROWS:
        con.execute("SET threads = 1")


def remove_with(prep: Prepared, folder: str) -> None:
    """Close the database and remove its folder when `prep` is no longer used."""
    weakref.finalize(prep, _remove, prep.con, folder)


def _remove(con: duckdb.DuckDBPyConnection, folder: str) -> None:
    con.close()
    shutil.rmtree(folder, ignore_errors=True)
