"""Where a rule lives (`auditor rules show`): every file and table a newcomer must read to know it.

A rule is one catalogue row (rules.csv), one expectation of one suite, for the logic rules one
checks/<id>.sql, the parameters it reads, the derived columns of the prepared tables it reads
(prepare/columns.py says which stage derives each) and its tests (tests/rules/test_<group>.py,
functions named test_<id>_…, in a source checkout).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlglot import exp

from . import Rule
from .build import rule_params, rule_query
from .checks import is_template
from .entries import entries


def tests_dir() -> Path | None:
    """The tests/ folder of a source checkout: the one this package was imported from (an editable
    install), else the current folder when it is an auditor checkout (a regular install run from one,
    as CI does). An installed package alone has no tests."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (root / "tests" / "rules").is_dir() and (root / "expectations" / "rules.csv").is_file():
            return root / "tests"
    return None


def derived_read(rule: Rule, params: dict) -> list[str]:
    """Where each derived column (not a canonical field, not row bookkeeping) the rule's compiled
    query reads comes from: '列（表：模块；…）'."""
    from ..prepare.columns import derived_columns

    by_name: dict[str, list] = {}
    for col in derived_columns().values():
        if not col.name.startswith("_"):
            by_name.setdefault(col.name, []).append(col)
    read = sorted({c.name for c in rule_query(rule, params).find_all(exp.Column)} & set(by_name))
    return [f"{n}（" + "；".join(f"{c.table}：auditor/{c.stage.replace('.', '/')}.py" for c in by_name[n]) + "）"
            for n in read]


def test_functions(rule_id: str) -> list[str]:
    """tests/rules/test_<group>.py::test_<id>_… of a source checkout (none when installed)."""
    found, tests = [], tests_dir()
    for path in sorted((tests / "rules").glob("test_*.py")) if tests else []:
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(tests.parent)}::{name}"
                  for name in re.findall(rf"^def (test_{rule_id}_\w*)\(", text, re.M)]
    return found


def places(rule: Rule, params: dict) -> list[tuple[str, str]]:
    """(what, where) pairs, in reading order."""
    row = list(entries()).index(rule.id) + 2  # the header is line 1
    out = [("目录", f"expectations/rules.csv 第 {row} 行（名称、类别、维度、层级、字段、参数、依据）"),
           ("期望", f"expectations/{rule.suite}.json（{rule.type}）")]
    if rule.check_sql is not None:
        from ..resources import data_dir

        raw = data_dir("checks").joinpath(f"{rule.id}.sql").read_text(encoding="utf-8")
        out.append(("检查 SQL", f"checks/{rule.id}.sql" + ("（模板：由 fields.py 的字段列表和 checks/_macros.sql 生成）"
                                                         if is_template(raw) else "")))
    used = rule_params(rule)
    out.append(("参数", "；".join(f"{p}={params.get(p)}" for p in used) or "—"))
    out.append(("派生列", "、".join(derived_read(rule, params)) or "—"))
    tests = test_functions(rule.id)
    out.append(("测试", "；".join(tests) if tests else "（安装包中不含测试；见源码仓库 tests/rules/）"))
    return out
