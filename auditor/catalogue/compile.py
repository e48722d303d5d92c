"""Rule → SQL for a run: the parameter values the rules read, and each rule's SQL in a dialect.

A rule's SQL comes from the compiled-SQL cache (sqlcache.py) when it was compiled before from the
same logic and values; only a miss loads the compiler itself (build.py, on sqlglot), which also
describes the SQL's semantics (GX's).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..config import FIELD_GROUP_PARAMS, Config
from ..fields import BY_NAME, FIELD_GROUPS
from ..period import Period
from . import Rule
from .sqlcache import SQL_CACHE, key_of

PARAM_KEY = "$PARAMETER"


def run_parameters(cfg: Config, period: Period, present: set[str] | None = None) -> dict[str, Any]:
    """Every value a rule may refer to: configured parameters, derived dates, code lists, and
    `present_fields`, the canonical columns the export has (all of them when not known yet): a
    missing column is NULL like a blank one, so a rule that treats them differently asks this."""
    params: dict[str, Any] = dict(cfg.params)
    params["present_fields"] = sorted(present if present is not None else BY_NAME)
    params.pop("ref_date", None)
    params.pop("school_ref_date", None)
    params["report_month"] = period.report_month
    params["ref_year"] = period.ref_date.year
    params["ref_month"] = period.ref_date.month
    params["ref_day"] = (period.ref_date - dt.date(1970, 1, 1)).days
    threshold = cfg.income_threshold(period.ref_date)
    params["income_threshold"] = threshold
    for name in FIELD_GROUP_PARAMS:  # b09_fields, c12_fields: a field group, or the fields themselves
        value = params[name]
        params[name] = list(FIELD_GROUPS[value]) if isinstance(value, str) else list(value)
    for name, values in cfg.code_lists.items():
        params[f"codes_{name}"] = list(values)
    return params


NOTE_PARAM = re.compile(r"\{(\w+)\}")


def rule_labels(rule: Rule, params: dict[str, Any]) -> tuple[str, str]:
    """问题字段 and 说明 of a rule's findings, unless its check SQL returns its own per row. A
    `{parameter}` in meta.note is the run's value (the reader sees 100 元, not low_wage)."""
    note = rule.meta.get("note") or rule.name
    return rule.problem_field, NOTE_PARAM.sub(lambda m: _amount(params.get(m.group(1))), note)


def _amount(value: Any) -> str:
    """A parameter's value as the 说明 prints it: 7300 for 7300.0, 未配置 when there is none."""
    if value is None:
        return "（未配置）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rule_sql(rule: Rule, params: dict[str, Any], dialect: str = "duckdb", pretty: bool = False) -> str:
    """The rule's SQL in `dialect`, from the compiled-SQL cache (sqlcache.py) when it was compiled
    before from the same logic and the same values of the parameters it may read."""
    key = rule_key(rule, params, dialect, pretty)
    sql = SQL_CACHE.get(key)
    if sql is None:
        from .build import rule_query  # sqlglot is imported only when something is compiled

        # The check SQL's comments are for its readers (`auditor rules show`, pretty), not for the
        # database, which would parse them on every run.
        sql = rule_query(rule, params).sql(dialect=dialect, identify=True, pretty=pretty, comments=pretty)
        SQL_CACHE.put(key, sql)
    return sql


def rule_key(rule: Rule, params: dict[str, Any], *target: Any) -> str:
    """The compiled-SQL cache key of `rule` written for `target` (a dialect and its options): its
    logic and the values of every parameter it may read."""
    used = {name: params.get(name) for name in _names_read(rule)}
    return key_of(rule.id, rule.type, rule.check_sql, rule.kwargs, rule.meta.get("note"), rule.problem_field, used,
                  *target)


_PLACEHOLDER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def _names_read(rule: Rule) -> set[str]:
    """Every parameter the rule may read, found without parsing its SQL (a cache hit must not pay
    for the parse): a superset of rule_params, since a `:word` inside a string literal counts too,
    which costs at most a cache miss."""
    names = set(_PARAM_REFS.findall(json.dumps(rule.kwargs, ensure_ascii=False)))
    names |= set(NOTE_PARAM.findall(rule.meta.get("note") or ""))
    return names | set(_PLACEHOLDER.findall(rule.check_sql or ""))


_PARAM_REFS = re.compile(r'"\$PARAMETER": "(\w+)"')


