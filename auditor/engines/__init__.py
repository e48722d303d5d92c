"""Engines run the compiled rules over the prepared tables and leave their unexpected rows in a
`hits(rule_id, _row, 问题字段, 说明)` table; which rules run at all is decided here, once, for all
engines (rules.md §10.1–10.2: a rule whose fields or inputs are missing is reported as not run)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fields import SECONDARY_FIELDS
from ..suites import Rule

NEEDS_TABLE = {"务工监测表": "work", "计划外出务工表": "plan", "行政村表": "villages", "上期导出": "previous"}


@dataclass
class Plan:
    runnable: list[Rule] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # rule id → reason (Chinese)


def plan(rules: tuple[Rule, ...] | list[Rule], present: set[str], extras: dict[str, set[str]],
         disabled: set[str] = frozenset(), previous: set[str] = frozenset()) -> Plan:
    """Which rules run; `previous` names the comparison runs the history store has (last/lag/stale)."""
    out = Plan()
    for rule in rules:
        reason = _skip_reason(rule, present, extras, disabled, previous)
        if reason:
            out.skipped[rule.id] = reason
        else:
            out.runnable.append(rule)
    return out


_PREVIOUS_NEEDED = {"last": "上期", "lag": "上年同期", "stale": "足够早的历史期"}


def _skip_reason(rule: Rule, present: set[str], extras: dict[str, set[str]], disabled, previous) -> str:
    if rule.id in disabled:
        return "配置停用"
    for need in rule.needs:
        if need == "上期导出":
            kind = rule.meta.get("previous", "last")
            if kind not in previous:
                return f"缺少输入：上期导出（历史库中没有{_PREVIOUS_NEEDED[kind]}的审核结果；使用 --history）"
        elif need not in extras:
            return f"缺少输入：{need}"
    missing = [f for f in rule.required_fields() if f not in present]
    for spec in rule.fields:
        table, dot, name = spec.rstrip("?").partition(".")
        if dot and table in SECONDARY_FIELDS and not spec.endswith("?") and name not in extras.get(table, set()):
            missing.append(spec)
    if missing:
        return f"缺少字段：{'、'.join(missing)}"
    for group in rule.groups():
        if not any(g in present or _secondary_present(g, extras) for g in group):
            return f"缺少字段：{'、'.join(group)} 都不存在"
    return ""


def _secondary_present(spec: str, extras: dict[str, set[str]]) -> bool:
    table, dot, name = spec.partition(".")
    return bool(dot) and name in extras.get(table, set())
