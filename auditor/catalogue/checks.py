"""The SQL of the logic rules: checks/<rule_id>.sql, DuckDB dialect, over the prepared tables.

Most files are plain SQL. A few are generated from the field lists, so that a list is written once
(fields.py) and never copied into SQL by hand: they are jinja2 templates (they contain `{{` or
`{%`), rendered once per process with
- `household_fields`: every household-level field of the main export (户编号 excepted), in
  fields.py order, each with its checked column, how its values compare (text, ID, number, month,
  date) and its parsed column;
- `risk_fields`: the columns 致贫/返贫风险1..5;
- the macros of checks/_macros.sql (a members' name list, the risk columns holding an item).
What any engine or GX sees is the rendered SQL, so the suites stay runnable by GX itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..fields import MAIN_FIELDS, RISKS, number_column
from ..resources import data_dir

MACROS = "_macros.sql"
_NUMERIC = ("money", "int")


@dataclass(frozen=True)
class TemplateField:
    """A field as the templates see it."""

    name: str
    kind: str  # text | id | number | month | date
    parsed: str  # the column of its parsed value (数_…, 月_…, 日_…), '' for text and IDs

    @property
    def q(self) -> str:
        """The field as a quoted SQL identifier."""
        return '"' + self.name.replace('"', '""') + '"'

    @property
    def pq(self) -> str:
        return '"' + self.parsed.replace('"', '""') + '"'


def _template_field(name: str, type_: str) -> TemplateField:
    if type_ in _NUMERIC:
        return TemplateField(name, "number", number_column(name))
    if type_ == "ym":
        return TemplateField(name, "month", f"月_{name}")
    if type_ == "ymd":
        return TemplateField(name, "date", f"日_{name}")
    return TemplateField(name, "id" if type_ == "id" else "text", "")


def household_fields() -> list[TemplateField]:
    return [_template_field(f.name, f.type) for f in MAIN_FIELDS if f.level == "户" and f.name != "户编号"]


@cache
def _environment():
    import jinja2

    from ..cache import template_cache

    folder = data_dir("checks")
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda n: folder.joinpath(n).read_text(encoding="utf-8")),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
                             bytecode_cache=template_cache())
    env.globals.update(household_fields=household_fields(), risk_fields=list(RISKS))
    return env


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


@cache
def check_sql(rule_id: str) -> str:
    """The SQL of checks/<rule_id>.sql, rendered when it is a template."""
    name = f"{rule_id}.sql"
    text = data_dir("checks").joinpath(name).read_text(encoding="utf-8")
    return _environment().get_template(name).render() if is_template(text) else text
