"""STRING_AGG(x, sep ORDER BY k…) on SQLite 3.40 (Debian's, GX's backend), which has no ORDER BY inside
an aggregate: without it the GX engine listed the values of a 说明 (B09's values, A09's fields…) in
whatever order SQLite met the rows, so one finding read differently on two engines.

`ordered(tree)` rewrites each such aggregate into `auditor_concat(x, sep, k…)`, an aggregate function
registered on every SQLite connection the GX engine or GX itself opens (`register`, `install`): it
joins the non-null values in the order of their keys, NULL keys last, as DuckDB does.
"""

from __future__ import annotations

import sqlite3

from sqlglot import exp

FUNCTION = "auditor_concat"


class _OrderedConcat:
    """The aggregate: (value, separator, key…) per row; the values joined in key order."""

    def __init__(self) -> None:
        self.items: list[tuple[tuple, str]] = []
        self.separator = ","

    def step(self, value, separator, *keys) -> None:
        if value is None:
            return
        self.separator = separator
        # SQLite's order: NULL keys last here (DuckDB's default), numbers before text
        self.items.append((tuple((k is None, isinstance(k, str | bytes), k if k is not None else 0) for k in keys),
                           str(value)))

    def finalize(self) -> str | None:
        if not self.items:
            return None
        self.items.sort(key=lambda item: item[0])
        return self.separator.join(value for _, value in self.items)


def register(conn: sqlite3.Connection) -> None:
    conn.create_aggregate(FUNCTION, -1, _OrderedConcat)


def _on_connect(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        register(dbapi_connection)


def install() -> None:
    """Every SQLAlchemy engine (GX's own) registers the function on each SQLite connection it opens."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if not event.contains(Engine, "connect", _on_connect):
        event.listen(Engine, "connect", _on_connect)


def ordered(tree: exp.Expression) -> exp.Expression:
    """`tree` with every GROUP_CONCAT … ORDER BY as auditor_concat (see the module docstring)."""

    def rewrite(node: exp.Expression) -> exp.Expression:
        if not (isinstance(node, exp.GroupConcat) and isinstance(node.this, exp.Order)):
            return node
        keys = node.this.expressions
        if any(k.args.get("desc") or k.args.get("nulls_first") for k in keys):
            raise ValueError("auditor_concat 只支持升序、空值在后的排序（STRING_AGG … ORDER BY k）")
        separator = node.args.get("separator") or exp.Literal.string(",")
        return exp.Anonymous(this=FUNCTION, expressions=[node.this.this.copy(), separator.copy(),
                                                          *(k.this.copy() for k in keys)])

    return tree.transform(rewrite)
