"""Which rules run at all, decided once for every engine (rules.md §10.1–10.2): a rule whose fields or
inputs are missing, or which the config disables, is reported as not run, with the reason in Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..fields import SECONDARY_FIELDS
from . import Rule

NEEDS_TABLE = {"务工监测表": "work", "计划外出务工表": "plan", "行政村表": "villages", "上期导出": "previous"}


@dataclass
class Plan:
    runnable: list[Rule] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # rule id → reason (Chinese)


def plan(rules: tuple[Rule, ...] | list[Rule], present: set[str], extras: dict[str, set[str]],
         disabled: set[str] = frozenset(), previous: Mapping[str, set[str] | None] | None = None) -> Plan:
    """Which rules run; `previous` maps the comparison runs the history store has (last/lag/stale) to
    the columns their export had (None: not known). A cross-period rule needs its fields in both."""
    previous = previous or {}
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
    kind = rule.meta.get("previous", "last")
    for need in rule.needs:
        if need == "上期导出":
            if kind not in previous:
                return f"缺少输入：上期导出（历史库中没有{_PREVIOUS_NEEDED[kind]}的审核结果）"
        elif need not in extras:
            return f"缺少输入：{need}"
    missing, group = _lacking(rule, present, extras)
    if missing:
        return f"缺少字段：{'、'.join(missing)}"
    if group:
        return f"缺少字段：{'、'.join(group)} 都不存在"
    if "上期导出" in rule.needs and previous.get(kind) is not None:
        missing, group = _lacking(rule, previous[kind], None)
        if missing:
            return f"缺少字段：{_PREVIOUS_NEEDED[kind]}导出中没有 {'、'.join(missing)}"
        if group:
            return f"缺少字段：{_PREVIOUS_NEEDED[kind]}导出中 {'、'.join(group)} 都不存在"
    return ""


def _lacking(rule: Rule, present: set[str], extras: dict[str, set[str]] | None) -> tuple[list[str], tuple[str, ...]]:
    """The required fields an export lacks, else the first field group none of whose columns it has
    (secondary-table fields are not checked when `extras` is None: a comparison export has none)."""
    missing = [f for f in rule.required_fields() if f not in present]
    for spec in rule.fields:
        table, dot, name = spec.rstrip("?").partition(".")
        if (extras is not None and dot and table in SECONDARY_FIELDS and not spec.endswith("?")
                and name not in extras.get(table, set())):
            missing.append(spec)
    for group in rule.groups():
        if not any(g in present or (extras is not None and _secondary_present(g, extras)) for g in group):
            return missing, group
    return missing, ()


def _secondary_present(spec: str, extras: dict[str, set[str]]) -> bool:
    table, dot, name = spec.partition(".")
    return bool(dot) and name in extras.get(table, set())
