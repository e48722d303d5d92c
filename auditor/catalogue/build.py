"""GX expectation config → SQL that returns the unexpected rows, with GX's semantics, via sqlglot.

Every rule compiles to one query over its prepared table returning `_row, 问题字段, 说明, 类别`:
`SELECT … FROM <table> WHERE (<row_condition>) AND (<unexpected predicate>)`. The predicates follow
GX's SQL implementation: typed row conditions are plain SQL comparisons (NULL never matches), map
expectations ignore NULL values except the not-null one, `between` bounds are inclusive unless
strict, uniqueness marks every occurrence of a duplicated value. UnexpectedRowsExpectation queries
(checks/<id>.sql, DuckDB dialect) are parsed, their `:parameter` placeholders bound to literals,
and written out in the target dialect (duckdb, sqlite, postgres, spark), so one SQL serves all.

The compiler behind compile.rule_sql, and the parsed views of a rule (its parameters, its columns)
that `auditor rules show` and the GX and Spark engines need. Imported only when something is
compiled or inspected: a run whose rules are all in the compiled-SQL cache never loads sqlglot.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp

from . import Rule
from .compile import NOTE_PARAM, PARAM_KEY, rule_labels


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
                    return _folded(node.this, value) or node.__class__(
                        this=node.this, expressions=[_literal(v) for v in value])
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


def _folded(this: exp.Expression, values: list | tuple) -> exp.Expression | None:
    """`'name' IN (:list)` decided here when both sides are known: the check SQL asks this of each
    field it may check (is it chosen, is it in the export), and a long list repeated per field is
    most of what the database would otherwise parse and plan. None when it is not that case (a
    NULL or a number among the values is left to the database's logic and casts)."""
    if not (isinstance(this, exp.Literal) and this.is_string) or not all(isinstance(v, str) for v in values):
        return None
    return exp.true() if this.name in values else exp.false()


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
    names |= set(NOTE_PARAM.findall(rule.meta.get("note") or ""))
    if rule.check_sql:
        names |= {p.name for p in parse_check(rule.check_sql).find_all(exp.Placeholder)}
    return sorted(names)
