"""The province's feedback list (`--feedback FILE`, 省平台反馈的必改问题和非必改问题) against this run.

Each item is matched to its entity in this export: the person by the ID's key (as members.证件键),
else by 户编号 + 姓名 when exactly one active person fits, else the household by 户编号. Its problem
maps to rule ids by `[feedback.map]` (the province's code or problem name → rule ids), else by the
catalogue's own reference codes and messages (rules.csv ref_code, ref_msg). Status:
- 对象已不在册: the entity is not in this export;
- 待人工核对: the problem maps to no rule, or its rules did not run;
- 仍存在: a mapped rule flags the entity now (a person's household, for a household rule);
- 已整改: the entity is present and no mapped rule flags it.
Coverage: the share of items whose problem the catalogue checks by itself (a mapped rule ran), and
the problem types it never checks — the candidates for new rules.
"""

from __future__ import annotations

import re

import pyarrow as pa

from ..catalogue.entries import entries
from ..config import Config
from ..errors import InputError
from ..ingest.lists import read_list
from ..lists import FEEDBACK_FIELDS
from ..normalize import norm_array
from ..prepare import Prepared

STATUSES = ("仍存在", "已整改", "待人工核对", "对象已不在册")
FEEDBACK_COLUMNS = ("乡镇", "村", "户编号", "姓名", "证件号码", "问题编码", "问题类型", "问题类别", "对应规则", "整改状态", "说明",
                    "来源文件", "来源行号")
_ID18 = re.compile(r"\d{17}[0-9X](\d{2}|\d{4})?")
_ID15 = re.compile(r"\d{15}")


def _key(v: str | None) -> str | None:
    if not v:
        return None
    v = v.upper()
    if _ID18.fullmatch(v):
        return v[:18]
    return v if _ID15.fullmatch(v) else None


def rule_map(cfg: Config) -> dict[str, tuple[str, ...]]:
    """Province code or problem name → rule ids: the catalogue's ref_code / ref_msg, then [feedback.map]."""
    out: dict[str, list[str]] = {}
    for e in entries().values():
        for ref in (*e.ref_code, *e.ref_msg):
            if ref.strip():
                out.setdefault(ref.strip(), []).append(e.id)
    mapped = {code_key(k): tuple(dict.fromkeys(v)) for k, v in out.items()}
    mapped.update({code_key(k): tuple(v) for k, v in cfg.feedback_map.items()})
    return mapped


def code_key(text: str) -> str:
    """A problem code or name as compared: 2-01-004 = 2_01_004 = 2.01.004; names without spaces."""
    return re.sub(r"[-.．—]", "_", re.sub(r"\s+", "", text or ""))


def rules_for(mapping: dict[str, tuple[str, ...]], code: str | None, kind: str | None) -> tuple[str, ...]:
    """The rules of a problem: by its code, else its name, else the longest known name its name contains
    (“…逻辑错误（请核实）”)."""
    for text in (code, kind):
        if text and code_key(text) in mapping:
            return mapping[code_key(text)]
    if kind:
        k = code_key(kind)
        names = [m for m in mapping if len(m) >= 6 and m in k]
        if names:
            return mapping[max(names, key=len)]
    return ()


def _category(text: str | None) -> str:
    if not text:
        return ""
    if "非" in text or text in ("否", "建议", "提示"):
        return "非必改"
    return "必改" if "必" in text or text == "是" else text


def _read(path: str, cfg: Config):
    got = read_list(path, FEEDBACK_FIELDS, "省反馈问题清单", int(cfg.params["header_scan_rows"]), required=())
    t = got.table
    if "证件号码" not in t.column_names and "户编号" not in t.column_names:
        raise InputError(f"省反馈问题清单文件 {got.path.name} 中找不到 证件号码 或 户编号 列（证件号码 列可以叫 "
                         "证件号码、身份证号、身份证号码、公民身份号码；户编号 列可以叫 户编号、户码、户编码）")
    if "问题编码" not in t.column_names and "问题类型" not in t.column_names:
        raise InputError(f"省反馈问题清单文件 {got.path.name} 中找不到 问题编码 或 问题类型 列（可以叫 问题编码、问题代码、"
                         "问题类型、问题名称、问题描述）")
    return got


def feedback_rules(path: str, cfg: Config) -> set[str]:
    """The rules the feedback list's problems map to (auditor reconcile runs them)."""
    t = _read(path, cfg).table
    mapping = rule_map(cfg)
    codes = {c: (norm_array(t.column(c).combine_chunks(), cfg.params["blank_tokens"]).to_pylist()
                 if c in t.column_names else [None] * t.num_rows) for c in ("问题编码", "问题类型")}
    return {r for code, kind in zip(codes["问题编码"], codes["问题类型"], strict=True)
            for r in rules_for(mapping, code, kind)}


def match_feedback(prep: Prepared, path: str, ran: set[str]) -> tuple[list[dict], dict]:
    """The items of the feedback list with their status, and the summary (by township, coverage)."""
    cfg = prep.cfg
    got = _read(path, cfg)
    t = got.table
    tokens = cfg.params["blank_tokens"]
    col = {c: (norm_array(t.column(c).combine_chunks(), tokens).to_pylist() if c in t.column_names
               else [None] * t.num_rows) for c in ("问题编码", "问题类型", "问题类别", "乡镇", "村", "户编号", "证件号码", "姓名")}
    raw = {c: (t.column(c).to_pylist() if c in t.column_names else [""] * t.num_rows) for c in ("姓名", "证件号码")}
    hh_numeric = (t.column("_num_户编号").to_pylist() if "_num_户编号" in t.column_names else [False] * t.num_rows)
    hh_numeric = [bool(v) for v in hh_numeric]
    con = prep.con
    persons = {k: (hh, town, village) for k, hh, town, village in con.execute(
        "SELECT 证件键, min(户编号), min(乡镇), min(村) FROM members WHERE 证件键 IS NOT NULL GROUP BY 证件键").fetchall()}
    by_name: dict[tuple[str, str], list] = {}
    for pk, hh, name, town, village in con.execute(
            "SELECT DISTINCT 人员关联键, 户编号, 姓名, 乡镇, 村 FROM members WHERE 户编号 IS NOT NULL").fetchall():
        by_name.setdefault((hh, name), []).append((pk, town, village))
    households = {hh: (town, village) for hh, town, village in con.execute(
        "SELECT 户编号, 乡镇, 村 FROM households").fetchall()}
    flagged_person: dict[str, set[str]] = {}
    flagged_household: dict[str, set[str]] = {}
    for rule, level, pk, hh in con.execute("SELECT 规则编号, 层级, 人员关联键, 户编号 FROM findings").fetchall():
        if level == "户" or pk is None:
            flagged_household.setdefault(hh, set()).add(rule)
        else:
            flagged_person.setdefault(pk, set()).add(rule)
            flagged_household.setdefault(hh, set()).add("人:" + rule)
    mapping = rule_map(cfg)
    levels = {e.id: e.level for e in entries().values()}
    items = []
    for i in range(t.num_rows):
        code, kind = col["问题编码"][i], col["问题类型"][i]
        rules = rules_for(mapping, code, kind)
        key = _key(col["证件号码"][i])
        hh_given = col["户编号"][i]
        person, household, town, village = None, None, None, None
        if key and key in persons:
            person = key
            household, town, village = persons[key]
        elif hh_given and col["姓名"][i] and len(by_name.get((hh_given, col["姓名"][i]), [])) == 1:
            person, town, village = by_name[(hh_given, col["姓名"][i])][0]
            household = hh_given
        elif hh_given and hh_given in households and not key:
            household = hh_given
            town, village = households[hh_given]
        whole_household = person is None
        unusable = ([f"证件号码“{raw['证件号码'][i]}”无法使用（长度、字符不对或已被 Excel 截断）"]
                    if col["证件号码"][i] and not key else [])
        if hh_given and hh_numeric[i] and len(hh_given.split(".")[0]) >= 16:
            unusable.append("户编号以数值存储，可能已被 Excel 截断")
        if household is None and unusable:
            status, note = "待人工核对", "无法对应到导出中的对象：" + "；".join(unusable)
        elif household is None:
            status, note = "对象已不在册", "本期导出中没有" + ("此人" if key else "此户")
        elif not rules:
            status, note = "待人工核对", "问题编码未对应到本工具的规则（可在 auditor.toml 的 [feedback.map] 中配置）"
        elif not set(rules) & ran:
            status, note = "待人工核对", f"对应规则 {'、'.join(rules)} 本次未执行"
        else:
            hits = set()
            for r in set(rules) & ran:
                if levels.get(r) == "户" or whole_household:
                    if r in flagged_household.get(household, set()) or f"人:{r}" in flagged_household.get(household, set()):
                        hits.add(r)
                elif r in flagged_person.get(person, set()):
                    hits.add(r)
            status = "仍存在" if hits else "已整改"
            note = (f"规则 {'、'.join(sorted(hits))} 本期仍标记" if hits
                    else f"规则 {'、'.join(sorted(set(rules) & ran))} 本期未再标记")
        items.append({"乡镇": town or col["乡镇"][i] or "", "村": village or col["村"][i] or "",
                      "户编号": household or hh_given or "", "姓名": raw["姓名"][i] or "", "证件号码": raw["证件号码"][i] or "",
                      "问题编码": code or "", "问题类型": kind or "", "问题类别": _category(col["问题类别"][i]),
                      "对应规则": "、".join(rules), "整改状态": status, "说明": note, "来源文件": got.path.name,
                      "来源行号": t.column("_line")[i].as_py()})
    prep.issues.extend(got.issues)
    return items, feedback_summary(items, got.path.name, ran, mapping)


def feedback_summary(items: list[dict], file: str, ran: set[str], mapping: dict) -> dict:
    towns: dict[str, dict] = {}
    for it in items:
        t = towns.setdefault(it["乡镇"] or "（未知乡镇）", {"township": it["乡镇"] or "（未知乡镇）", "items": 0,
                                                       "must_fix": 0, **{s: 0 for s in STATUSES}})
        t["items"] += 1
        t["must_fix"] += it["问题类别"] == "必改"
        t[it["整改状态"]] += 1
    for t in towns.values():
        judged = t["仍存在"] + t["已整改"]
        t["fix_rate"] = round(t["已整改"] / judged, 4) if judged else None
    covered = [it for it in items if set(filter(None, it["对应规则"].split("、"))) & ran]
    types: dict[tuple[str, str], int] = {}
    for it in items:
        if it not in covered:
            types[(it["问题编码"], it["问题类型"])] = types.get((it["问题编码"], it["问题类型"]), 0) + 1
    return {
        "file": file, "items": len(items),
        "by_status": {s: sum(it["整改状态"] == s for it in items) for s in STATUSES},
        "by_township": sorted(towns.values(), key=lambda t: t["township"]),
        "coverage": {"covered_items": len(covered), "share": round(len(covered) / len(items), 4) if items else None},
        "never_found": [{"code": c, "type": k, "items": n} for (c, k), n in sorted(types.items(), key=lambda x: -x[1])],
    }


def feedback_table(items: list[dict]) -> pa.Table:
    return pa.table({c: pa.array([it[c] for it in items], pa.int64() if c == "来源行号" else pa.string())
                     for c in FEEDBACK_COLUMNS})
