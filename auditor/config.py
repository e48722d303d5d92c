"""Run configuration: parameters with built-in defaults, overridden by an optional auditor.toml.

The defaults are the params column of rules.csv and the global parameters of rules.md §9; a test
keeps them equal. A province overrides any parameter, the category (必改/非必改) of any rule, turns
rules off, extends code lists and variant tables, and sets the score weights, all in auditor.toml.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes
from .catalogue.entries import entries, parameter_defaults
from .errors import InputError
from .fields import BY_NAME, FIELD_GROUPS

# The global parameters of rules.md §9; every rule parameter's default is its catalogue's (rules.csv).
GLOBAL_PARAMS: dict[str, Any] = {
    "threshold_schedule": ["2022-04-16:7300"],
    "threshold_source": "参数",
    "income_tolerance": 1,
    "per_capita_tolerance": 1,
    "blank_tokens": ["nan", "none", "null", "#n/a"],
    "inactive_status_tokens": ["减少", "死亡", "注销", "迁出"],
    "id_like_types": ["身份证", "残疾人证"],
    "header_scan_rows": 10,
}
DEFAULT_PARAMS: dict[str, Any] = {**GLOBAL_PARAMS, **parameter_defaults()}
# Parameters whose value is a list of fields, written as a field group ("@户级一致") or as the fields.
FIELD_GROUP_PARAMS = frozenset(k for k, v in DEFAULT_PARAMS.items() if isinstance(v, str) and v.startswith("@"))

DEFAULT_WEIGHTS = {"must_fix": 0.8, "should_check": 0.2}

# Early warning of clustered relapse risk (auditor risk; auditor.toml [risk]). Every threshold of
# auditor/risk.py is here, so the defaults live in one place and a county can tune them.
DEFAULT_RISK: dict[str, Any] = {
    "circular": True,  # show the section 风险隐患 in 通报.html
    # (a) 未消除风险户占比 of a village or township ≥ share_ratio × the county's, and ≥ share_min_households
    "share_ratio": 2.0,
    "share_min_households": 10,
    # (b) ≥ cluster_min_households households newly identified in the period, in one village, with one of these risks
    "cluster_types": ["因自然灾害", "因务工就业不稳", "因产业项目失败"],
    "cluster_min_households": 3,
    # (c) a township's new identifications ≥ jump_ratio × the previous run's, and ≥ jump_min_households
    "jump_ratio": 2.0,
    "jump_min_households": 5,
    # (d) a resettlement site (village) where ≥ resettlement_share of the resettled households with working-age
    # able members (working_age_min–working_age_max, 有劳动力) have no work months, and ≥ resettlement_min_households
    "resettlement_share": 0.5,
    "resettlement_min_households": 3,
    "working_age_min": 16,
    "working_age_max": 59,
}

# How a run uses the machine (auditor.toml [run]). memory_limit caps DuckDB's memory (its tables
# and joins go to a temporary file beyond it): a province export fits an office PC; a county never
# reaches it.
# max_unpacked and max_cell_chars bound what a file may unpack into (a "zip bomb": a small .xlsx
# holding gigabytes of text) and the longest cell (Excel's own limit is 32 767 characters).
DEFAULT_RUN: dict[str, Any] = {"memory_limit": "1GB", "max_unpacked": "1GB", "max_cell_chars": 32767}
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)

# Department lists and clues (auditor reconcile; auditor.toml [reconcile]). Amounts in 元.
DEFAULT_RECONCILE: dict[str, Any] = {
    "deadline_days": 15,  # a clue's deadline: its date + this many days (identification within 15 days)
    "medical_threshold_poor": 10000,  # 医保: self-paid cost of a 脱贫 or 监测 person that makes a clue
    "medical_threshold_other": 20000,  # 医保: the same for anybody else (一般农户, not in the export)
    "dibao_new_months": 24,  # 低保: approved within this many months before the list's date
    "disability_max_grade": 2,  # 残联: grade 1 to this (一级、二级) makes a clue
    "disability_new_months": 12,  # 残联: certificate issued within this many months counts as 新致残
    "education_threshold": 5000,  # 教育: self-paid school costs
    "disaster_threshold": 10000,  # 应急: disaster loss
}


class FrozenDict(dict):
    """A dict no one can change: the settings of a run are fixed once loaded (and still pickle and
    serialise as a dict, for worker processes and summary.json)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("运行设置在加载后不可修改（用 Config.with_params 或 Config.replace 得到新的设置）")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __reduce__(self):
        return (FrozenDict, (dict(self),))


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return FrozenDict({k: _frozen(v) for k, v in value.items()})
    return value


@dataclass(frozen=True)
class Config:
    """The settings of a run, fixed once loaded: built-in defaults overridden by auditor.toml."""

    params: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    categories: dict[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    county: str = ""
    townships: tuple[str, ...] = ()
    issuer: str = ""  # the circular's 落款 ([county] issuer; default “<county>乡村振兴局”)
    doc_number: str = ""  # the circular's 文号 ([county] doc_number), e.g. 涞乡振〔2024〕12号
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    code_lists: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(codes.CODE_LISTS))
    variants: dict[str, dict[str, str]] = field(default_factory=lambda: {k: dict(v) for k, v in codes.VARIANTS.items()})
    history: str | None = None
    risk: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_RISK))
    run: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_RUN))
    deadline: str = ""  # YYYY-MM-DD, the 整改 deadline printed in the circular ([report] deadline)
    reconcile: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_RECONCILE))
    feedback_map: dict[str, tuple[str, ...]] = field(default_factory=dict)  # province code or name → rule ids
    source: str = "内置默认值"

    def __post_init__(self) -> None:
        for name in ("params", "categories", "weights", "code_lists", "variants", "risk", "run", "reconcile",
                     "feedback_map"):
            object.__setattr__(self, name, FrozenDict({k: _frozen(v) if name != "params" else v
                                                       for k, v in getattr(self, name).items()}))
        object.__setattr__(self, "disabled", frozenset(self.disabled))
        object.__setattr__(self, "townships", tuple(self.townships))

    def replace(self, **changes: Any) -> Config:
        """These settings with some changed (e.g. townships=…): a new Config."""
        return dataclasses.replace(self, **changes)

    def with_params(self, **values: Any) -> Config:
        """These settings with some parameters changed, each validated as in auditor.toml."""
        params = dict(self.params)
        for name, value in values.items():
            params[name] = check_parameter(name, value, "参数")
        return self.replace(params=params)

    def with_deadline(self, value: str | None, name: str = "--deadline") -> Config:
        """The 整改 deadline of the circular (YYYY-MM-DD); None keeps the configured one."""
        return self.replace(deadline=parse_date(str(value), name).isoformat()) if value else self

    def threshold_schedule(self) -> list[tuple[dt.date, float]]:
        items = []
        for entry in self.params["threshold_schedule"]:
            day, _, amount = str(entry).partition(":")
            try:
                items.append((parse_date(day, "threshold_schedule"), float(amount)))
            except ValueError as exc:
                raise InputError(f"auditor.toml 中 threshold_schedule 的项“{entry}”应写成 生效日期:金额"
                                 "（例如 2022-04-16:7300）") from exc
        return sorted(items)

    def income_threshold(self, day: dt.date) -> float | None:
        """The monitoring line in force on `day`; None where none is configured (rules.md §9)."""
        found = None
        for start, amount in self.threshold_schedule():
            if start <= day:
                found = amount
        return found

    def category(self, rule_id: str, default: str) -> str:
        return self.categories.get(rule_id, default)


def parse_date(text: str, name: str) -> dt.date:
    """A YYYY-MM-DD date; `name` says where it was given (an option such as --deadline, or a key of
    auditor.toml), so the message points there."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        where = name if name.startswith("-") else f"auditor.toml 中 {name}"
        raise InputError(f"{where} 的值“{text}”不是有效的日期，应写成 YYYY-MM-DD（例如 2024-07-31）") from exc


def _known_keys(section: dict, known: dict, name: str, path: Path) -> None:
    unknown = sorted(set(section) - set(known))
    if unknown:
        raise InputError(f"配置文件 {path}：[{name}] 中的未知参数 {'、'.join(unknown)}（可用 {'、'.join(known)}）")


def _run(section: dict, path: Path) -> dict[str, Any]:
    """[run] memory_limit and max_unpacked: amounts such as "1GB" or "512MB"; max_cell_chars: a count."""
    _known_keys(section, DEFAULT_RUN, "run", path)
    out = dict(DEFAULT_RUN)
    for key in ("memory_limit", "max_unpacked"):
        limit = section.get(key, out[key])
        if not isinstance(limit, str) or not _MEMORY.fullmatch(limit.strip()):
            raise InputError(f"配置文件 {path}：[run] {key} 应为带单位的大小（如 \"1GB\"、\"512MB\"），而不是 {limit!r}")
        out[key] = limit.strip()
    cells = section.get("max_cell_chars", out["max_cell_chars"])
    if isinstance(cells, bool) or not isinstance(cells, int) or cells < 1000:
        raise InputError(f"配置文件 {path}：[run] max_cell_chars 应为不小于 1000 的整数，而不是 {cells!r}")
    out["max_cell_chars"] = cells
    return out


_UNITS = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def byte_size(text: str) -> int:
    """'1GB' → 10^9 bytes (units of _MEMORY)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]+)", text.strip())
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def _weights(score: dict, path: Path) -> dict[str, float]:
    """[score] must_fix / should_check: non-negative numbers summing to 1 (so 得分 stays 0–100)."""
    _known_keys(score, DEFAULT_WEIGHTS, "score", path)
    weights = dict(DEFAULT_WEIGHTS)
    for key, value in score.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise InputError(f"配置文件 {path}：[score] {key} 应为不小于 0 的数，而不是 {value!r}")
        weights[key] = float(value)
    if abs(sum(weights.values()) - 1) > 1e-9:
        raise InputError(f"配置文件 {path}：[score] must_fix 与 should_check 之和应为 1，"
                         f"现为 {weights['must_fix']} + {weights['should_check']}")
    return weights


def _risk(section: dict, path: Path) -> dict[str, Any]:
    """[risk]: known keys only, each of its default's type; numbers non-negative."""
    _known_keys(section, DEFAULT_RISK, "risk", path)
    out = dict(DEFAULT_RISK)
    for key, value in section.items():
        default = DEFAULT_RISK[key]
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, list):
            ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if not ok:
            kind = {bool: "true 或 false", list: "文本列表", int: "不小于 0 的整数"}.get(type(default), "不小于 0 的数")
            raise InputError(f"配置文件 {path}：[risk] {key} 应为{kind}，而不是 {value!r}")
        out[key] = [v.strip() for v in value] if isinstance(default, list) else value
    if out["working_age_min"] > out["working_age_max"]:
        raise InputError(f"配置文件 {path}：[risk] working_age_min 不能大于 working_age_max")
    return out


def _reconcile(section: dict, path: Path) -> dict[str, Any]:
    """[reconcile]: known keys only, each a non-negative number (days, months, grades: integers)."""
    _known_keys(section, DEFAULT_RECONCILE, "reconcile", path)
    out = dict(DEFAULT_RECONCILE)
    for key, value in section.items():
        whole = key.endswith(("_days", "_months", "_grade"))
        ok = isinstance(value, int) if whole else isinstance(value, int | float)
        if not ok or isinstance(value, bool) or value < 0:
            kind = "不小于 0 的整数" if whole else "不小于 0 的数（元）"
            raise InputError(f"配置文件 {path}：[reconcile] {key} 应为{kind}，而不是 {value!r}")
        out[key] = value
    return out


def _feedback_map(section: dict, path: Path, known_rules: set[str]) -> dict[str, tuple[str, ...]]:
    """[feedback.map]: a province problem code or name → a rule id or a list of rule ids."""
    _known_keys(section, {"map": 0}, "feedback", path)
    mapping = section.get("map", {})
    if not isinstance(mapping, dict):
        raise InputError(f"配置文件 {path}：[feedback.map] 应为一节（问题编码或名称 = 规则编号），而不是 {mapping!r}")
    out = {}
    for code, rules in mapping.items():
        ids = [rules] if isinstance(rules, str) else rules
        if not isinstance(ids, list) or not ids or not all(isinstance(r, str) for r in ids):
            raise InputError(f"配置文件 {path}：[feedback.map] {code} 应为规则编号或规则编号列表，而不是 {rules!r}")
        unknown = [r for r in ids if r not in known_rules]
        if unknown:
            raise InputError(f"配置文件 {path}：[feedback.map] {code} 中没有编号为 {'、'.join(unknown)} 的规则")
        out[str(code).strip()] = tuple(ids)
    return out


_DATE_PARAMS = {"ref_date": "数据期末", "school_ref_date": "学年起点"}


def check_parameter(name: str, value: Any, where: str) -> Any:
    """A parameter value of auditor.toml (or a caller), checked against its default's type and
    returned in that type. Values reach SQL only as literals of the right type, never as text to
    splice (rules.md §9), so a wrong one is refused here with one line saying what is expected."""
    if name in _DATE_PARAMS:
        if not isinstance(value, str) or (value != _DATE_PARAMS[name] and not _iso_date(value)):
            raise InputError(f"{where}：{name} 应为 YYYY-MM-DD 格式的日期（或“{_DATE_PARAMS[name]}”），而不是 {value!r}")
        return value
    if name not in DEFAULT_PARAMS:
        raise InputError(f"{where}：未知参数 {name}")
    default = DEFAULT_PARAMS[name]
    if name in FIELD_GROUP_PARAMS:
        if isinstance(value, str) and value in FIELD_GROUPS:
            return value
        if isinstance(value, list) and all(isinstance(v, str) and v in BY_NAME for v in value):
            return list(value)
        raise InputError(f"{where}：{name} 应为字段组名（{'、'.join(FIELD_GROUPS)}）或字段名列表，而不是 {value!r}")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputError(f"{where}：{name} 应为 true 或 false，而不是 {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{where}：{name} 应为整数（默认 {default}），而不是 {value!r}")
        if name == "header_scan_rows" and not 1 <= value <= 1000:
            raise InputError(f"{where}：header_scan_rows 应在 1 到 1000 之间，而不是 {value}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(f"{where}：{name} 应为数（默认 {default:g}），而不是 {value!r}")
        return float(value)
    if isinstance(default, list):
        if isinstance(value, str):
            value = [v for v in value.split("|") if v]
        if not isinstance(value, list) or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            raise InputError(f"{where}：{name} 应为文本列表（如 [\"a\", \"b\"] 或 \"a|b\"），而不是 {value!r}")
        items = [str(v).strip() for v in value]
        if name == "threshold_schedule":
            for item in items:
                day, colon, amount = item.partition(":")
                if not colon or not _iso_date(day) or not _NUMBER.fullmatch(amount.strip()):
                    raise InputError(f"{where}：threshold_schedule 的项 {item!r} 应写成 生效日期:金额，如 \"2022-04-16:7300\"")
        return items
    if not isinstance(value, str):
        raise InputError(f"{where}：{name} 应为文本，而不是 {value!r}")
    return value


_NUMBER = re.compile(r"\d+(\.\d+)?")


def _iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def _section(data: dict, name: str, path: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InputError(f"配置文件 {path}：[{name}] 应为一节（表），而不是 {value!r}")
    return value


def load_config(path: str | Path | None) -> Config:
    """Defaults, overridden by auditor.toml when given (or present in the working directory)."""
    if path is None:
        candidate = Path("auditor.toml")
        if not candidate.is_file():
            return Config()
        path = candidate
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"配置文件不存在：{path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"配置文件 {path} 是文件夹，不是 auditor.toml") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"配置文件 {path} 不是 UTF-8 编码的文本，请另存为 UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"配置文件 {path} 格式错误：{toml_error_text(exc)}") from exc
    where = f"配置文件 {path}"
    params = dict(DEFAULT_PARAMS)
    for key, value in _section(data, "parameters", path).items():
        params[key] = check_parameter(key, value, where)
    known_rules = set(entries())
    categories = {}
    for rule_id, cat in _section(data, "categories", path).items():
        if rule_id not in known_rules:
            raise InputError(f"{where}：[categories] 中没有编号为 {rule_id} 的规则")
        if cat not in ("必改", "非必改"):
            raise InputError(f"{where}：规则 {rule_id} 的类别应为 必改 或 非必改，而不是 {cat!r}")
        categories[rule_id] = cat
    disabled = _section(data, "disabled", path).get("rules", [])
    if not isinstance(disabled, list) or any(r not in known_rules for r in disabled):
        unknown = [r for r in disabled if r not in known_rules] if isinstance(disabled, list) else [disabled]
        raise InputError(f"{where}：[disabled] rules 中有未知的规则编号 {'、'.join(map(str, unknown))}")
    county = _section(data, "county", path)
    _known_keys(county, {"name": 0, "townships": 0, "issuer": 0, "doc_number": 0}, "county", path)
    code_lists = dict(codes.CODE_LISTS)
    for name, values in _section(data, "codes", path).items():
        code_lists[name] = tuple(dict.fromkeys((*code_lists.get(name, ()), *map(str, values))))
    variants = {k: dict(v) for k, v in codes.VARIANTS.items()}
    for name, mapping in _section(data, "variants", path).items():
        variants.setdefault(name, {}).update({str(k): str(v) for k, v in mapping.items()})
    history = _section(data, "history", path).get("path")
    cfg = Config(
        params=params, categories=categories, disabled=frozenset(disabled), county=str(county.get("name", "")),
        townships=tuple(map(str, county.get("townships", []))), issuer=str(county.get("issuer", "")).strip(),
        doc_number=str(county.get("doc_number", "")).strip(),
        weights={**DEFAULT_WEIGHTS, **_weights(_section(data, "score", path), path)},
        code_lists=code_lists, variants=variants, history=str(history) if history else None,
        risk=_risk(_section(data, "risk", path), path), run=_run(_section(data, "run", path), path),
        reconcile=_reconcile(_section(data, "reconcile", path), path),
        feedback_map=_feedback_map(_section(data, "feedback", path), path, known_rules),
        source=str(path))
    return cfg.with_deadline(_section(data, "report", path).get("deadline"), "[report] deadline")


def toml_error_text(exc: Exception) -> str:
    """tomllib's message (English) as a Chinese line: where it stopped, and the usual causes."""
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    where = f"第 {match.group(1)} 行第 {match.group(2)} 列附近" if match else "某处"
    return f"{where}不符合 TOML 语法（常见原因：文本没有加英文双引号、引号或括号不成对、同一参数写了两次）"
