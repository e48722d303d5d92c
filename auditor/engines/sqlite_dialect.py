"""What the catalogue's SQL needs from SQLite 3.40 (Debian's, GX's backend) beyond what sqlglot's
transpiling gives, so that a finding reads the same on every engine (its 说明 included):

- STRING_AGG(x, sep ORDER BY k…): SQLite has no ORDER BY inside an aggregate, so the GX engine listed
  the values of a 说明 (B09's values, A09's fields…) in whatever order SQLite met the rows. Each such
  aggregate becomes `auditor_concat(x, sep, k…)`, an aggregate function registered on every SQLite
  connection the GX engine or GX itself opens (`register`, `install`): it joins the non-null values
  in the order of their keys, NULL keys last, as DuckDB does.
- CAST(CAST(x AS DECIMAL(p, s)) AS VARCHAR), a number written with s decimals (G02's 6666.67):
  SQLite's DECIMAL is only an affinity and printed 6666.66666666667. It becomes printf('%.sf', x)
  (0.00 where x rounds to zero, as DuckDB writes it, never -0.00).
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


def adapt(tree: exp.Expression) -> exp.Expression:
    """`tree` with every GROUP_CONCAT … ORDER BY as auditor_concat and every decimal written as text
    through printf (see the module docstring)."""

    def rewrite(node: exp.Expression) -> exp.Expression:
        if _is_decimal_text(node):
            scale = int(node.this.to.expressions[1].this.this)
            x = node.this.this
            # DuckDB writes a value that rounds to zero as 0.00, never -0.00
            rounds_to_zero = exp.EQ(this=exp.Round(this=x.copy(), decimals=exp.Literal.number(scale)),
                                    expression=exp.Literal.number(0))
            value = exp.Case(ifs=[exp.If(this=rounds_to_zero, true=exp.Literal.number(0))], default=x.copy())
            return exp.Anonymous(this="printf", expressions=[exp.Literal.string(f"%.{scale}f"), value])
        if not (isinstance(node, exp.GroupConcat) and isinstance(node.this, exp.Order)):
            return node
        keys = node.this.expressions
        if any(k.args.get("desc") or k.args.get("nulls_first") for k in keys):
            raise ValueError("auditor_concat 只支持升序、空值在后的排序（STRING_AGG … ORDER BY k）")
        separator = node.args.get("separator") or exp.Literal.string(",")
        return exp.Anonymous(this=FUNCTION, expressions=[node.this.this.copy(), separator.copy(),
                                                          *(k.this.copy() for k in keys)])

    return tree.transform(rewrite)


def _is_decimal_text(node: exp.Expression) -> bool:
    """CAST(CAST(x AS DECIMAL(p, s)) AS VARCHAR | TEXT)."""
    if not (isinstance(node, exp.Cast) and node.to.this in (exp.DataType.Type.VARCHAR, exp.DataType.Type.TEXT)):
        return False
    inner = node.this
    return (isinstance(inner, exp.Cast) and inner.to.this == exp.DataType.Type.DECIMAL
            and len(inner.to.expressions) == 2)
