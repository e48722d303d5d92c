"""What every engine is: the contract between the audit and the engines (duckdb, gx, spark).

An engine runs the compiled rules over the prepared tables of one run (`members`, `households`, the
secondary tables) and leaves their unexpected rows in the run's `hits` table, whose schema is
HITS_COLUMNS; findings.py turns hits into findings. Which rules run is decided before, once, for
every engine (catalogue/plan.py). An engine never imports another one.
"""

from __future__ import annotations

from typing import Any, Protocol

# 类别 is NULL unless the rule's check SQL demotes a row to 非必改 (K02 of non-mandatory problems only).
HITS_COLUMNS = (("rule_id", "VARCHAR"), ("_row", "BIGINT"), ("问题字段", "VARCHAR"), ("说明", "VARCHAR"), ("类别", "VARCHAR"))
HITS_NAMES = ", ".join(name for name, _ in HITS_COLUMNS)


def reset_hits(con, append: bool = False) -> None:
    """The `hits` table every engine fills: a new empty one, or the existing one when appending."""
    if not append:
        cols = ", ".join(f"{name} {kind}" for name, kind in HITS_COLUMNS)
        con.execute(f"CREATE OR REPLACE TABLE hits ({cols})")


class Engine(Protocol):
    """One engine: `run` fills `hits` with the rows `rules` flag (replacing it, or adding to it for a
    second phase with `append`); `params` are the run's parameter values (compile.run_parameters)."""

    def run(self, prep: Any, rules: list, params: dict[str, Any], append: bool = False) -> None: ...
