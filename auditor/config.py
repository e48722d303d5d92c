"""Run configuration: parameters with built-in defaults, overridden by an optional auditor.toml.

The defaults are the params column of rules.csv and the global parameters of rules.md §9; a test
keeps them equal. A province overrides any parameter, the category (必改/非必改) of any rule, turns
rules off, extends code lists and variant tables, and sets the score weights, all in auditor.toml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes
from .errors import InputError

DEFAULT_PARAMS: dict[str, Any] = {
    # global (rules.md §9)
    "threshold_schedule": ["2022-04-16:7300"],
    "threshold_source": "参数",
    "income_tolerance": 1,
    "per_capita_tolerance": 1,
    "blank_tokens": ["nan", "none", "null", "#n/a"],
    "inactive_status_tokens": ["减少", "死亡", "注销", "迁出"],
    "id_like_types": ["身份证", "残疾人证"],
    "header_scan_rows": 10,
    # A
    "division_codes": [],
    "local_prefix": "",
    # B
    "min_parent_gap": 15,
    "min_grand_gap": 30,
    "min_greatgrand_gap": 45,
    "min_spouse_age": 16,
    "b09_blank_counts": False,
    # D
    "child_age": 16,
    "elderly_age": 60,
    "severe_grades": ["1", "2"],
    "d06_categories": ["1", "2", "3", "4", "5", "6", "7"],
    "primary_age_min": 6,
    "primary_age_max": 14,
    "junior_age_min": 11,
    "junior_age_max": 17,
    "senior_age_min": 15,
    "senior_age_max": 20,
    "postgrad_age_min": 20,
    "preschool_age_limit": 7,
    "compulsory_age_min": 6,
    "compulsory_age_max": 16,
    "young_age_min": 16,
    "young_age_max": 22,
    "welfare_job_age_max": 70,
    "tekun_age_min": 18,
    "yulu_grades": list(codes.YULU_GRADES),
    # E
    "e03_labour": ["无劳动力", "丧失劳动力"],
    "min_monthly_wage": 500,
    # G
    "g03_allow_negative": ["家庭纯收入", "人均纯收入"],
    "low_wage": 100,
    "high_income": 20000,
    "g06_since": 202301,
    "g08_deduct_expense": True,
    "g15_change": 0.5,
    "g15_lag_months": 12,
    # H
    "h08_min_size": 4,
    "max_ident_days": 15,
    # I
    "i02_labour": ["无劳动力", "丧失劳动力"],
    "i03_require_welfare": False,
    "i05_max_months": 1,
    "stable_months": 6,
    # J
    "j01_min_months": 1,
    "j01_categories": ["脱贫不稳定户", "边缘易致贫户"],
    "j02_min_months": 6,
    "stale_months": 6,
    # K
    "k02_include_nonmandatory": False,
    "k03_grace_months": 3,
}
# Parameters whose value is a field group (rules.md §2); kept symbolic so the catalogue stays readable.
GROUP_PARAMS = {"b09_fields": "@户级一致", "c12_fields": "@其他是否"}

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
DEFAULT_RUN: dict[str, Any] = {"memory_limit": "1GB"}
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)

_PERIOD_PATTERNS = (
    re.compile(r"(20\d{2})[-_.年/]?(0[1-9]|1[0-2])(?:月|\D|$)"),
    re.compile(r"(20\d{2})年([1-9])月"),
)


@dataclass
class Config:
    params: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    categories: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    county: str = ""
    townships: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    code_lists: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(codes.CODE_LISTS))
    variants: dict[str, dict[str, str]] = field(default_factory=lambda: {k: dict(v) for k, v in codes.VARIANTS.items()})
    history: str | None = None
    risk: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_RISK))
    run: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_RUN))
    deadline: str = ""  # YYYY-MM-DD, the 整改 deadline printed in the circular ([report] deadline)
    source: str = "内置默认值"
    period: str = ""  # YYYY-MM, the data month
    period_note: str = ""  # how the period was decided
    ref_date: dt.date = field(default_factory=dt.date.today)

    # ---- derived dates (rules.md §9) -------------------------------------------------------
    @property
    def report_month(self) -> int:
        """ym(ref_date) as year*12+month, the form every month comparison uses."""
        return self.ref_date.year * 12 + self.ref_date.month

    @property
    def school_ref_date(self) -> dt.date:
        value = self.params.get("school_ref_date")
        if value:
            return _parse_date(str(value), "school_ref_date")
        year = self.ref_date.year if self.ref_date.month >= 9 else self.ref_date.year - 1
        return dt.date(year, 9, 1)

    def threshold_schedule(self) -> list[tuple[dt.date, float]]:
        items = []
        for entry in self.params["threshold_schedule"]:
            day, _, amount = str(entry).partition(":")
            try:
                items.append((_parse_date(day, "threshold_schedule"), float(amount)))
            except ValueError as exc:
                raise InputError(f"配置错误：threshold_schedule 的项 {entry!r} 应写成 生效日期:金额") from exc
        return sorted(items)

    def income_threshold(self, day: dt.date) -> float | None:
        """The monitoring line in force on `day`; None where none is configured (rules.md §9)."""
        found = None
        for start, amount in self.threshold_schedule():
            if start <= day:
                found = amount
        return found

    def set_deadline(self, value: str | None, name: str = "--deadline") -> None:
        """The 整改 deadline of the circular (YYYY-MM-DD); None keeps the configured one."""
        if value:
            self.deadline = _parse_date(str(value), name).isoformat()

    def category(self, rule_id: str, default: str) -> str:
        return self.categories.get(rule_id, default)

    def set_period(self, period: str | None, file_names: list[str]) -> None:
        """Decide the data month: --period, else from a file name, else the current month (noted)."""
        if period:
            m = re.fullmatch(r"(\d{4})-?(\d{1,2})", period.strip())
            if not m or not 1 <= int(m.group(2)) <= 12:
                raise InputError(f"参数错误：--period {period!r} 应写成 YYYY-MM，例如 2024-06")
            year, month, note = int(m.group(1)), int(m.group(2)), "由 --period 指定"
        else:
            year = month = 0
            for name in file_names:
                for pattern in _PERIOD_PATTERNS:
                    m = pattern.search(Path(name).stem)
                    if m:
                        year, month = int(m.group(1)), int(m.group(2))
                        note = f"由文件名 {Path(name).name} 推断"
                        break
                if year:
                    break
            if not year:
                today = dt.date.today()
                year, month, note = today.year, today.month, "未指定且无法从文件名推断，取当前月份"
        self.period = f"{year:04d}-{month:02d}"
        self.period_note = note
        explicit = self.params.get("ref_date")
        if explicit and explicit != "数据期末":
            self.ref_date = _parse_date(str(explicit), "ref_date")
        else:
            self.ref_date = dt.date(year, month, calendar.monthrange(year, month)[1])


def _parse_date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"配置错误：{name} 的值 {text!r} 不是 YYYY-MM-DD 格式的日期") from exc


def _known_keys(section: dict, known: dict, name: str, path: Path) -> None:
    unknown = sorted(set(section) - set(known))
    if unknown:
        raise InputError(f"配置文件 {path}：[{name}] 中的未知参数 {'、'.join(unknown)}（可用 {'、'.join(known)}）")


def _run(section: dict, path: Path) -> dict[str, Any]:
    """[run] memory_limit: an amount such as "1GB" or "512MB"."""
    _known_keys(section, DEFAULT_RUN, "run", path)
    out = dict(DEFAULT_RUN)
    limit = section.get("memory_limit", out["memory_limit"])
    if not isinstance(limit, str) or not _MEMORY.fullmatch(limit.strip()):
        raise InputError(f"配置文件 {path}：[run] memory_limit 应为带单位的内存大小（如 \"1GB\"、\"512MB\"），而不是 {limit!r}")
    out["memory_limit"] = limit.strip()
    return out


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


def load_config(path: str | Path | None) -> Config:
    """Defaults, overridden by auditor.toml when given (or present in the working directory)."""
    cfg = Config()
    if path is None:
        candidate = Path("auditor.toml")
        if not candidate.is_file():
            return cfg
        path = candidate
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"配置文件不存在：{path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"配置文件 {path} 格式错误：{exc}") from exc
    cfg.source = str(path)
    params = data.get("parameters", {})
    unknown = sorted(set(params) - set(DEFAULT_PARAMS) - set(GROUP_PARAMS) - {"ref_date", "school_ref_date"})
    if unknown:
        raise InputError(f"配置文件 {path}：未知参数 {'、'.join(unknown)}")
    for key, value in params.items():
        default = DEFAULT_PARAMS.get(key)
        if isinstance(default, list) and not isinstance(value, list):
            value = [v for v in str(value).split("|") if v]
        cfg.params[key] = value
    for rule_id, cat in data.get("categories", {}).items():
        if cat not in ("必改", "非必改"):
            raise InputError(f"配置文件 {path}：规则 {rule_id} 的类别应为 必改 或 非必改，而不是 {cat!r}")
        cfg.categories[rule_id] = cat
    cfg.disabled = set(data.get("disabled", {}).get("rules", []))
    county = data.get("county", {})
    cfg.county = county.get("name", "")
    cfg.townships = list(county.get("townships", []))
    cfg.weights.update(_weights(data.get("score", {}), path))
    cfg.risk = _risk(data.get("risk", {}), path)
    report = data.get("report", {})
    cfg.set_deadline(report.get("deadline"), "[report] deadline")
    for name, values in data.get("codes", {}).items():
        cfg.code_lists[name] = tuple(dict.fromkeys((*cfg.code_lists.get(name, ()), *values)))
    for name, mapping in data.get("variants", {}).items():
        cfg.variants.setdefault(name, {}).update(mapping)
    cfg.history = data.get("history", {}).get("path")
    cfg.run = _run(data.get("run", {}), path)
    return cfg
