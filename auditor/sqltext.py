"""SQL text built from names and values: identifiers quoted, literals escaped. Every module that writes
SQL around data-dependent names (column headers, township names) uses these, never string splicing."""

from __future__ import annotations

from collections.abc import Iterable


def ident(name: str) -> str:
    """A quoted identifier ("致贫/返贫风险1")."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: object) -> str:
    """A quoted string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def literal_list(values: Iterable[object]) -> str:
    """('a', 'b') for IN; ('') would be wrong for no values, so callers guard the empty case."""
    return "(" + ", ".join(literal(v) for v in values) + ")"
