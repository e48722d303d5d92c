"""The citizen ID number of GB 11643 (rules.md §7): its check digit, in Python and as SQL.

The check digit is written once, here. Python callers (the demo generator, the tests' row factory,
the benchmarks' data) use `check_digit`; the prepared tables get the same computation as SQL from
`check_digit_sql`, so the audit and the data it is tested on can never disagree about a valid ID.
"""

from __future__ import annotations

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # ISO 7064 MOD 11-2 weights of positions 1–17
CHECK_CHARS = "10X98765432"  # the check character of each remainder mod 11


def check_digit(first17: str) -> str:
    """The 18th character of a valid ID whose first 17 digits are `first17`."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def with_check_digit(first17: str) -> str:
    """`first17` completed to a valid 18-character ID."""
    return first17 + check_digit(first17)


def check_digit_sql(value: str) -> str:
    """The check character of the 18-character ID text `value` (a SQL expression), as SQL."""
    total = " + ".join(f"CAST(substr({value}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(WEIGHTS))
    return f"substr('{CHECK_CHARS}', (({total}) % 11) + 1, 1)"
