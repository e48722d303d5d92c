"""GX expectation config → SQL that returns the unexpected rows, with GX's semantics, via sqlglot.

Every rule compiles to one query over its prepared table returning `_row, 问题字段, 说明, 类别`:
`SELECT … FROM <table> WHERE (<row_condition>) AND (<unexpected predicate>)`. The predicates follow
GX's SQL implementation: typed row conditions are plain SQL comparisons (NULL never matches), map
expectations ignore NULL values except the not-null one, `between` bounds are inclusive unless
strict, uniqueness marks every occurrence of a duplicated value. UnexpectedRowsExpectation queries
(checks/<id>.sql, DuckDB dialect) are parsed, their `:parameter` placeholders bound to literals,
and written out in the target dialect (duckdb, sqlite, postgres, spark), so one SQL serves all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp

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


def _literal(value: Any) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.Literal.number(1 if value else 0)
    if isinstance(value, (int, float)):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def _resolve(value: Any, params: dict[str, Any]) -> Any:
    if isinstance(value, dict) and PARAM_KEY in value:
        name = value[PARAM_KEY]
        if name not in params:
            raise KeyError(f"未知参数 {name}")
        return params[name]
    return value


def _col(name: str) -> exp.Column:
    return exp.column(name, quoted=True)


def condition_sql(cond: dict | None) -> exp.Expression:
    """A typed GX row_condition (comparison / nullity / and / or) as a SQL boolean."""
    if cond is None:
        return exp.true()
    kind = cond["type"]
    if kind == "and":
        return exp.and_(*(condition_sql(c) for c in cond["conditions"]))
    if kind == "or":
        return exp.or_(*(condition_sql(c) for c in cond["conditions"]))
    column = _col(cond["column"]["name"])
    if kind == "nullity":
        return column.is_(exp.null()) if cond["is_null"] else exp.not_(column.is_(exp.null()))
    op, value = cond["operator"], cond["parameter"]
    if op in ("IN", "NOT_IN"):
        expr = column.isin(*(_literal(v) for v in value))
        return exp.not_(expr) if op == "NOT_IN" else expr
    builders = {"==": exp.EQ, "!=": exp.NEQ, "<": exp.LT, "<=": exp.LTE, ">": exp.GT, ">=": exp.GTE}
    return builders[op](this=column, expression=_literal(value))


def _not_null(column: exp.Expression) -> exp.Expression:
    return exp.not_(column.is_(exp.null()))


def _in_set(column: exp.Expression, values: list) -> exp.Expression:
    return column.isin(*(_literal(v) for v in values)) if values else exp.false()


def unexpected_predicate(rule: Rule, params: dict[str, Any]) -> exp.Expression:
    """GX's 'unexpected' for a map expectation, NULLs handled as GX does."""
    kw = {k: _resolve(v, params) for k, v in rule.kwargs.items() if k != "row_condition"}
    t = rule.type
    if t == "expect_column_values_to_not_be_null":
        return _col(kw["column"]).is_(exp.null())
    if t == "expect_column_values_to_be_null":
        return _not_null(_col(kw["column"]))
    column = _col(kw["column"]) if "column" in kw else None
    if t == "expect_column_values_to_be_in_set":
        return exp.and_(_not_null(column), exp.not_(_in_set(column, kw["value_set"])))
    if t == "expect_column_values_to_not_be_in_set":
        return exp.and_(_not_null(column), _in_set(column, kw["value_set"]))
    if t == "expect_column_values_to_be_between":
        bounds = []
        if kw.get("min_value") is not None:
            cls = exp.GT if kw.get("strict_min") else exp.GTE
            bounds.append(cls(this=column, expression=_literal(kw["min_value"])))
        if kw.get("max_value") is not None:
            cls = exp.LT if kw.get("strict_max") else exp.LTE
            bounds.append(cls(this=column, expression=_literal(kw["max_value"])))
        return exp.and_(_not_null(column), exp.not_(exp.and_(*bounds) if bounds else exp.true()))
    if t in ("expect_column_value_lengths_to_be_between", "expect_column_value_lengths_to_equal"):
        length = exp.Length(this=column)
        if t.endswith("equal"):
            return exp.and_(_not_null(column), exp.NEQ(this=length, expression=_literal(kw["value"])))
        bounds = []
        if kw.get("min_value") is not None:
            bounds.append(exp.GTE(this=length, expression=_literal(kw["min_value"])))
        if kw.get("max_value") is not None:
            bounds.append(exp.LTE(this=length, expression=_literal(kw["max_value"])))
        return exp.and_(_not_null(column), exp.not_(exp.and_(*bounds)))
    if t in ("expect_column_values_to_match_regex", "expect_column_values_to_not_match_regex"):
        match = exp.RegexpLike(this=column, expression=_literal(kw["regex"]))
        return exp.and_(_not_null(column), exp.not_(match) if "_to_match" in t else match)
    if t == "expect_column_pair_values_to_be_equal":
        a, b = _col(kw["column_A"]), _col(kw["column_B"])
        return exp.and_(_not_null(a), _not_null(b), exp.NEQ(this=a, expression=b))
    raise ValueError(f"规则 {rule.id}：不支持的期望类型 {t}")


def _bind(tree: exp.Expression, params: dict[str, Any], rule_id: str) -> exp.Expression:
    """Replace `:name` placeholders by literals; a list parameter expands inside IN (…)."""

    def replace(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.In):
            items = node.expressions
            if len(items) == 1 and isinstance(items[0], exp.Placeholder):
                value = _param(items[0].name)
                if isinstance(value, (list, tuple)):
                    if not value:
                        return exp.false()
                    return node.__class__(this=node.this, expressions=[_literal(v) for v in value])
        if isinstance(node, exp.Placeholder):
            value = _param(node.name)
            if isinstance(value, (list, tuple)):
                raise ValueError(f"规则 {rule_id}：列表参数 {node.name} 只能用在 IN (:{node.name}) 中")
            return _literal(value)
        return node

    def _param(name: str) -> Any:
        if name not in params:
            raise KeyError(f"规则 {rule_id}：未知参数 {name}")
        return params[name]

    return tree.transform(replace)


def _unique_predicate(rule: Rule) -> exp.Expression:
    """Every row whose (non-null) value occurs more than once among the rows the condition keeps."""
    cols = rule.kwargs.get("column_list") or [rule.kwargs["column"]]
    partition = ", ".join(f'"{c}"' for c in cols)
    not_null = " AND ".join(f'"{c}" IS NOT NULL' for c in cols)
    condition = condition_sql(rule.kwargs.get("row_condition")).sql("duckdb", identify=True)
    return sqlglot.parse_one(
        f"_row IN (SELECT _row FROM (SELECT _row, COUNT(*) OVER (PARTITION BY {partition}) AS _n "
        f"FROM {rule.table} WHERE {condition} AND {not_null}) AS d WHERE _n > 1)",
        read="duckdb",
    )


_NOTE_PARAM = re.compile(r"\{(\w+)\}")


def rule_labels(rule: Rule, params: dict[str, Any]) -> tuple[str, str]:
    """问题字段 and 说明 of a rule's findings, unless its check SQL returns its own per row. A
    `{parameter}` in meta.note is the run's value (the reader sees 100 元, not low_wage)."""
    note = rule.meta.get("note") or rule.name
    return rule.problem_field, _NOTE_PARAM.sub(lambda m: _amount(params.get(m.group(1))), note)


def _amount(value: Any) -> str:
    """A parameter's value as the 说明 prints it: 7300 for 7300.0, 未配置 when there is none."""
    if value is None:
        return "（未配置）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rule_query(rule: Rule, params: dict[str, Any]) -> exp.Select:
    """The rule as a sqlglot SELECT of `_row, 问题字段, 说明, 类别` over its prepared table (类别: NULL, or
    非必改 where the check SQL demotes a row)."""
    field, note = rule_labels(rule, params)
    field_lit, note_lit = _literal(field), _literal(note)
    if rule.type == "unexpected_rows_expectation":
        assert rule.check_sql is not None
        inner = _bind(parse_check(rule.check_sql), params, rule.id)
        names = {s.alias_or_name for s in inner.selects} if isinstance(inner, exp.Select) else set()
        if "_row" not in names:
            raise ValueError(f"规则 {rule.id} 的检查 SQL 必须返回 _row 列")
        return exp.select(
            "_row",
            exp.alias_(_col("问题字段") if "问题字段" in names else field_lit, "问题字段", quoted=True),
            exp.alias_(_col("说明") if "说明" in names else note_lit, "说明", quoted=True),
            exp.alias_(_col("类别") if "类别" in names else exp.cast(exp.null(), "VARCHAR"), "类别", quoted=True),
        ).from_(inner.subquery("q", copy=False), copy=False)
    if rule.type in ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"):
        predicate = _unique_predicate(rule)
    else:
        predicate = unexpected_predicate(rule, params)
    where = exp.and_(condition_sql(rule.kwargs.get("row_condition")), predicate)
    return (exp.select("_row", exp.alias_(field_lit, "问题字段", quoted=True), exp.alias_(note_lit, "说明", quoted=True),
                       exp.alias_(exp.cast(exp.null(), "VARCHAR"), "类别", quoted=True))
            .from_(rule.table).where(where))


def rule_sql(rule: Rule, params: dict[str, Any], dialect: str = "duckdb", pretty: bool = False) -> str:
    """The rule's SQL in `dialect`, from the compiled-SQL cache (sqlcache.py) when it was compiled
    before from the same logic and the same values of the parameters it may read."""
    used = {name: params.get(name) for name in _names_read(rule)}
    key = key_of(rule.id, rule.type, rule.check_sql, rule.kwargs, rule.meta.get("note"), rule.problem_field, used,
                 dialect, pretty)
    sql = SQL_CACHE.get(key)
    if sql is None:
        sql = rule_query(rule, params).sql(dialect=dialect, identify=True, pretty=pretty)
        SQL_CACHE.put(key, sql)
    return sql


_PLACEHOLDER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def _names_read(rule: Rule) -> set[str]:
    """Every parameter the rule may read, found without parsing its SQL (a cache hit must not pay
    for the parse): a superset of rule_params, since a `:word` inside a string literal counts too,
    which costs at most a cache miss."""
    names = set(_PARAM_REFS.findall(json.dumps(rule.kwargs, ensure_ascii=False)))
    names |= set(_NOTE_PARAM.findall(rule.meta.get("note") or ""))
    return names | set(_PLACEHOLDER.findall(rule.check_sql or ""))


_PARAM_REFS = re.compile(r'"\$PARAMETER": "(\w+)"')


@cache
def parse_check(sql: str) -> exp.Expression:
    """A check SQL parsed once per process (callers get copies through transform, never the tree)."""
    return sqlglot.parse_one(sql, read="duckdb")


def rule_params(rule: Rule) -> list[str]:
    """The parameters a rule uses: `$PARAMETER` references in its kwargs and `:name` in its SQL."""
    key = (rule.id, rule.check_sql, json.dumps([rule.kwargs, rule.meta.get("note")], ensure_ascii=False, sort_keys=True))
    if key not in _PARAMS_CACHE:
        _PARAMS_CACHE[key] = _rule_params(rule)
    return _PARAMS_CACHE[key]


_PARAMS_CACHE: dict[tuple, list[str]] = {}


def _rule_params(rule: Rule) -> list[str]:
    names: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if PARAM_KEY in value:
                names.add(value[PARAM_KEY])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(rule.kwargs)
    names = {n for n in names if not n.startswith("check_")}
    names |= set(_NOTE_PARAM.findall(rule.meta.get("note") or ""))
    if rule.check_sql:
        names |= {p.name for p in parse_check(rule.check_sql).find_all(exp.Placeholder)}
    return sorted(names)
