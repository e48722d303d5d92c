"""The catalogue of rules.csv (rules.md §2): what each rule is, the one source of its identity.

A rule's id, name, default category, dimension, level, fields, condition text, parameters with their
defaults, needed inputs, basis and reference codes are read from the package's rules.csv and from
nowhere else: the suites (expectations/*.json) carry only how a rule is checked, the config takes
its parameter defaults from here, and reports print names and categories from here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import data_dir

# Parameters whose default rules.csv writes as an empty list ("division_codes="): the only ones whose
# type the text cannot show.
EMPTY_LIST_PARAMS = frozenset({"division_codes"})
# Parameters that are not values but derived dates or lines (rules.md §9): the config resolves them.
DERIVED_PARAMS = frozenset({"ref_date", "school_ref_date", "income_threshold"})
_INT = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d+\.\d+")


@dataclass(frozen=True)
class Entry:
    """One row of rules.csv."""

    id: str
    name: str
    category: str  # default: 必改 | 非必改 (a province's config may override it)
    dimension: str
    level: str  # 人 | 户
    fields: tuple[str, ...]  # '?' optional, '@' field group, 'table.field' a secondary table's
    condition: str
    params: tuple[tuple[str, str], ...]  # (name, default as written)
    needs: tuple[str, ...]
    basis: str
    ref_code: tuple[str, ...]
    ref_msg: tuple[str, ...]

    @property
    def group(self) -> str:
        return self.id[0]


def _split(text: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(sep) if x.strip())


@cache
def entries() -> dict[str, Entry]:
    """rules.csv, by rule id, in catalogue order."""
    text = data_dir("expectations").joinpath("rules.csv").read_text(encoding="utf-8")
    out: dict[str, Entry] = {}
    for row in csv.DictReader(io.StringIO(text)):
        params = tuple((name.strip(), value.strip()) for name, _, value in
                       (item.partition("=") for item in _split(row["params"], ";")))
        out[row["id"]] = Entry(
            id=row["id"], name=row["name_zh"], category=row["category"], dimension=row["dimension"],
            level=row["level"], fields=_split(row["fields"]), condition=row["condition"], params=params,
            needs=_split(row["needs"]), basis=row["basis"],
            ref_code=tuple(row["ref_code"].split("|")) if row["ref_code"] else (),
            ref_msg=tuple(row["ref_msg"].split("|")) if row["ref_msg"] else ())
    return out


def parameter_value(name: str, text: str) -> Any:
    """A parameter default as rules.csv writes it, typed: true/false, integers, decimals, '|' lists."""
    if name in EMPTY_LIST_PARAMS:
        return list(_split(text))
    if text in ("true", "false"):
        return text == "true"
    if "|" in text:
        return list(_split(text))
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


@cache
def parameter_defaults() -> dict[str, Any]:
    """Every rule parameter with its catalogue default (the derived dates and line excluded)."""
    out: dict[str, Any] = {}
    for entry in entries().values():
        for name, text in entry.params:
            if name not in DERIVED_PARAMS:
                value = parameter_value(name, text)
                if out.setdefault(name, value) != value:
                    raise ValueError(f"rules.csv：参数 {name} 在不同规则中的默认值不同（{out[name]!r}、{value!r}）")
    return out


def rules_using(parameter: str) -> list[str]:
    """The ids of the rules whose params column names `parameter`."""
    return [e.id for e in entries().values() if any(n == parameter for n, _ in e.params)]
