"""Phone numbers as checked (rules.md B11): '-', '(', ')', a leading +86 or 0086 and a float's '.0'
removed; whether the result is malformed, and whether it has 7 or more equal digits in a row.
Plain SQL expressions (no catalog macros), used for 成员联系电话 per member and for the 户值 of
户联系电话 per household; NULL where blank."""

from __future__ import annotations

from ..sqltext import ident


def _cleaned(x: str) -> str:
    a = f"replace(replace(replace({x}, '-', ''), '(', ''), ')', '')"
    b = f"CASE WHEN starts_with({a}, '+86') THEN substr({a}, 4) WHEN starts_with({a}, '0086') THEN substr({a}, 5) ELSE {a} END"
    return f"CASE WHEN regexp_full_match({b}, '\\d+\\.0+') THEN regexp_extract({b}, '^(\\d+)\\.', 1) ELSE {b} END"


def phone_columns(value: str, field: str) -> str:
    """号码_<field>, 电话有误_<field>, 电话重号_<field> of the SQL expression `value`."""
    p = _cleaned(value)
    bad = f"CAST(NOT (regexp_full_match({p}, '1[3-9]\\d{{9}}') OR regexp_full_match({p}, '0\\d{{9,11}}')) AS INTEGER)"
    repeat = f"CAST(regexp_matches({p}, '0{{7}}|1{{7}}|2{{7}}|3{{7}}|4{{7}}|5{{7}}|6{{7}}|7{{7}}|8{{7}}|9{{7}}') AS INTEGER)"
    return (f"{p} AS {ident('号码_' + field)}, {bad} AS {ident('电话有误_' + field)}, "
            f"{repeat} AS {ident('电话重号_' + field)}")
