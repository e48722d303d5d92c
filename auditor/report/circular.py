"""The circular 通报.html (circular.md): one self-contained page rendered from the run's summary.

`circular_context(summary, con)` gathers what the page shows (the summary, plus per-township rule
counts and a few masked examples read from the findings table); `render_circular(context)` renders
reports/circular.html.j2 with autoescape on and the CSS inlined. No full ID, name or phone reaches
the context: examples are masked here (mask.py), and every free text passes `mask_text`.

History (optional; another module fills it in the summary). Per township entry:
  "previous" (findings of the previous period), "fixed", "persisting", "gone" (对象已不在册: previous =
  fixed + persisting + gone), "new" (counts),
  "fix_rate" (fraction 0–1, or null when there was nothing to fix), "rank_change" (previous rank −
  current rank: positive = moved up; null = not ranked last time).
Trend: either a top-level summary["trend"] list of {"period": "YYYY-MM", "township", "findings",
"must_fix"} rows, or a per-township "trend" list of {"period", "findings", "must_fix"}; oldest first
or not, the current period is added from the summary when missing.
History sections appear only when at least one township carries "previous".
风险隐患 (optional): summary["risk"], the dict of auditor/risk.py `assess`, adds the section 风险隐患
(ranked warnings with their explanations, and a table per township); without it there is no section.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

from ..fmt import cn_number, date_text, num_text, pct, period_text, town_key
from .charts import Bar, Series, score_bars, trend_legend, trend_panel
from .mask import mask_id, mask_name, mask_text
from .risk import risk_context
from .templates import environment

DIMENSIONS = ("完整性", "准确性", "逻辑性", "及时性", "精准性")
TOP_RULES = 5
EXAMPLES = 5


def default_deadline(period: str) -> dt.date:
    """The last day of the month after the data month: the next period's data date."""
    year, month = (int(x) for x in period.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def marks(townships: list[dict]) -> dict[str, str]:
    """前三名 / 后三名 by name: k = min(3, ranked // 2), so no township is both and a county of
    two or three townships still has one of each."""
    ranked = [t for t in townships if t.get("rank")]
    k = min(3, len(ranked) // 2)
    out = {}
    for t in ranked:
        if t["rank"] <= k:
            out[t["name"]] = "top"
        elif t["rank"] > len(ranked) - k:
            out[t["name"]] = "bottom"
    return out


def _has_history(summary: dict) -> bool:
    return any("previous" in t for t in summary.get("townships", []))


def _rank_change(value: Any) -> str:
    if value is None:
        return "—"
    if value > 0:
        return f"↑{value}"
    if value < 0:
        return f"↓{-value}"
    return "持平"


def _township_rows(summary: dict, mark: dict[str, str], history: bool) -> list[dict]:
    rows = []
    for t in summary["townships"]:
        row = {
            "name": t["name"], "households": t["households"], "persons": t["persons"],
            "must_fix": t["must_fix"], "should_check": t["should_check"],
            "problem_households": t["problem_households"],
            "must_fix_per_100": num_text(t.get("must_fix_per_100")), "should_check_per_100": num_text(t.get("should_check_per_100")),
            "score": num_text(t.get("score")), "rank": t.get("rank") or "—", "mark": mark.get(t["name"], ""),
            "hm": t.get("must_fix_households", 0), "hn": t.get("should_check_households", 0),
            "scored": t.get("score") is not None,
        }
        if history:
            row.update({
                "previous": num_text(t.get("previous")), "fixed": num_text(t.get("fixed")), "new": num_text(t.get("new")),
                "persisting": num_text(t.get("persisting")), "gone": num_text(t.get("gone")),
                "fix_rate": "—" if t.get("fix_rate") is None else f"{100 * t['fix_rate']:.1f}%",
                "rank_change": _rank_change(t.get("rank_change")) if t.get("rank") else "—",
            })
        rows.append(row)
    return rows


def _overview(summary: dict, history: bool) -> dict:
    dims: dict[str, dict[str, int]] = {d: {"必改": 0, "非必改": 0} for d in DIMENSIONS}
    for item in summary.get("by_dimension", []):
        dims.setdefault(item["dimension"], {"必改": 0, "非必改": 0})[item["category"]] = item["count"]
    total = summary.get("findings", 0)
    out = {
        "townships": sum(1 for t in summary["townships"] if t["households"]),
        "households": summary.get("households", 0), "persons": summary.get("persons", 0),
        "alleviated": summary.get("poverty_alleviated_households", 0),
        "monitored": summary.get("monitored_households", 0), "unremoved": summary.get("unremoved_households", 0),
        "findings": total, "must_fix": summary.get("must_fix", 0), "should_check": summary.get("should_check", 0),
        "problem_households": summary.get("problem_households", 0),
        "problem_share": pct(summary.get("problem_households", 0), summary.get("households", 0)),
        "dimensions": [{"name": d, "must_fix": c["必改"], "should_check": c["非必改"], "total": c["必改"] + c["非必改"],
                        "share": pct(c["必改"] + c["非必改"], total)} for d, c in dims.items()],
    }
    if history:
        towns = summary["townships"]
        prev = sum(t.get("previous") or 0 for t in towns)
        fixed = sum(t.get("fixed") or 0 for t in towns)
        out["history"] = {"previous": prev, "fixed": fixed, "new": sum(t.get("new") or 0 for t in towns),
                          "persisting": sum(t.get("persisting") or 0 for t in towns),
                          "gone": sum(t.get("gone") or 0 for t in towns), "fix_rate": pct(fixed, prev),
                          "rollups": (summary.get("history") or {}).get("rollup_households", 0)}
    return out


def _rule_groups(summary: dict) -> list[dict]:
    total = summary.get("findings", 0)
    groups: dict[str, list[dict]] = {}
    for r in summary.get("rules", []):
        if r.get("count"):
            groups.setdefault(r["dimension"], []).append(r)
    order = [d for d in DIMENSIONS if d in groups] + sorted(d for d in groups if d not in DIMENSIONS)
    out = []
    for d in order:
        rules = sorted(groups[d], key=lambda r: (-r["count"], r["id"]))
        count = sum(r["count"] for r in rules)
        out.append({"dimension": d, "count": count, "share": pct(count, total),
                    "rules": [{**r, "share": pct(r["count"], total)} for r in rules]})
    return out


def _names_in(con, notes: list[str | None]) -> dict[str, list[str]]:
    """For each 说明 text, the full names from the data (成员 姓名, 户主姓名) that occur in it."""
    notes = sorted({n for n in notes if n})
    if not notes:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE _example_notes (note VARCHAR)")
    con.executemany("INSERT INTO _example_notes VALUES (?)", [[n] for n in notes])
    found: dict[str, list[str]] = {}
    for note, name in con.execute("""
        WITH names AS (SELECT DISTINCT 姓名 AS name FROM members WHERE length(姓名) >= 2
                       UNION SELECT DISTINCT 户主姓名 FROM households WHERE length(户主姓名) >= 2)
        SELECT n.note, m.name FROM _example_notes n JOIN names m ON contains(n.note, m.name)""").fetchall():
        found.setdefault(note, []).append(name)
    con.execute("DROP TABLE _example_notes")
    return found


def _details(summary: dict, con, mark: dict[str, str]) -> list[dict]:
    """Per township: villages ranked, top rules, a few masked examples (必改 first)."""
    rule_rows: dict[str, list[dict]] = {}
    examples: dict[str, list[dict]] = {}
    if con is not None:
        for town, rid, name, cat, n in con.execute("""
            SELECT 乡镇, 规则编号, any_value(规则名称), any_value(类别), count(*) AS n FROM findings
            GROUP BY 1, 2 ORDER BY 1, n DESC, 2""").fetchall():
            rule_rows.setdefault(town, []).append({"id": rid, "name": name, "category": cat, "count": n})
        rows = con.execute(f"""
            SELECT 乡镇, 行政村, 户主姓名, 姓名, 证件号码, 规则编号, 规则名称, 类别, 层级, 说明 FROM (
              SELECT *, row_number() OVER (PARTITION BY 乡镇 ORDER BY 类别 <> '必改', 行政村, 户编号, 来源行号, 规则编号) AS k
              FROM findings) WHERE k <= {EXAMPLES} ORDER BY 乡镇, k""").fetchall()
        mentioned = _names_in(con, [r[9] for r in rows])
        for town, village, head, person, pid, rid, rname, cat, level, note in rows:
            known = [*mentioned.get(note or "", []), head or "", person or ""]
            examples.setdefault(town, []).append({
                "village": village or "—", "head": mask_name(head) or "—",
                "person": "（全户）" if level == "户" else (mask_name(person) or "—"),
                "id": mask_id(pid) or "—", "rule": f"{rid} {rname}", "category": cat,
                "note": mask_text(note, known) or "—"})
    villages: dict[str, list[dict]] = {}
    for v in summary.get("villages", []):
        villages.setdefault(v["township"], []).append({
            "name": v["name"], "households": v["households"], "persons": v["persons"], "must_fix": v["must_fix"],
            "should_check": v["should_check"], "problem_households": v["problem_households"],
            "score": num_text(v.get("score")), "rank": v.get("rank") or "—"})
    out = []
    for t in summary["townships"]:
        if not t["households"] and not villages.get(t["name"]):
            continue
        key = town_key(t["name"])
        out.append({"name": t["name"], "score": num_text(t.get("score")), "rank": t.get("rank"),
                    "mark": mark.get(t["name"], ""), "findings": t["must_fix"] + t["should_check"],
                    "must_fix": t["must_fix"], "should_check": t["should_check"],
                    "villages": villages.get(t["name"], []), "rules": rule_rows.get(key, [])[:TOP_RULES],
                    "examples": examples.get(key, [])})
    return out


def _trend(summary: dict) -> list[Series]:
    """Per-township series (and a county total first) from summary["trend"] or townships[].trend."""
    points: dict[str, dict[str, dict]] = {}
    for row in summary.get("trend") or []:
        points.setdefault(row["township"], {})[row["period"]] = row
    for t in summary["townships"]:
        for row in t.get("trend") or []:
            points.setdefault(t["name"], {})[row["period"]] = row
    if not points:
        return []
    current = summary.get("period", "")
    for t in summary["townships"]:
        if t["name"] in points and current and current not in points[t["name"]]:
            points[t["name"]][current] = {"findings": t["must_fix"] + t["should_check"], "must_fix": t["must_fix"]}
    periods = sorted({p for rows in points.values() for p in rows})
    order = [t["name"] for t in summary["townships"] if t["name"] in points]
    order += sorted(n for n in points if n not in order)

    def series(label: str, rows: dict[str, dict]) -> Series:
        return Series(label, periods, [rows[p].get("findings") if p in rows else None for p in periods],
                      [rows[p].get("must_fix") if p in rows else None for p in periods])

    total = {p: {"findings": sum(rows[p].get("findings") or 0 for rows in points.values() if p in rows),
                 "must_fix": sum(rows[p].get("must_fix") or 0 for rows in points.values() if p in rows)}
             for p in periods}
    return [series("全县合计", total), *(series(n, points[n]) for n in order)]


def reconcile_sections(summary: dict) -> list[str]:
    rec = summary.get("reconcile") or {}
    return [*(["部门预警线索"] if (rec.get("clues") or {}).get("total") else []),
            *(["省反馈问题整改进度"] if rec.get("feedback") else [])]


def reconcile_context(summary: dict) -> dict | None:
    """The sections 部门预警线索 and 省反馈问题整改进度: counts per township (nothing to mask but the
    free texts: list file names and the province's problem names pass mask_text)."""
    rec = summary.get("reconcile")
    if not rec:
        return None
    clues = rec.get("clues") or {}
    feedback = rec.get("feedback")
    kinds = list(dict.fromkeys(x["kind"] for x in rec.get("lists", [])))
    return {
        "clues": clues if clues.get("total") else None,
        "lists_text": ("、".join(f"{k}" for k in kinds) + "部门预警清单") if kinds else "历史库中的部门预警线索",
        "clue_towns": [{**t, "rate": pct(t["handled"], t["clues"])} for t in clues.get("by_township", [])],
        "mismatches": [{"name": f"{r['id']} {r['name']}", "count": r["count"]}
                       for r in summary.get("rules", []) if r["id"].startswith("L")],
        "feedback": feedback,
        "feedback_towns": [{**t, "rate": pct(t["已整改"], t["仍存在"] + t["已整改"]) if t["仍存在"] + t["已整改"] else "—"}
                           for t in (feedback or {}).get("by_township", [])],
        "coverage": pct(feedback["coverage"]["covered_items"], feedback["items"]) if feedback and feedback["items"] else "—",
        "never_found": [{"code": mask_text(n["code"]), "type": mask_text(n["type"]), "items": n["items"]}
                        for n in (feedback or {}).get("never_found", [])],
    }


def circular_context(summary: dict, con=None, deadline: str | None = None) -> dict:
    """Everything the template shows; `con` (the run's DuckDB connection) adds per-township details."""
    history = _has_history(summary)
    mark = marks(summary["townships"])
    county = summary.get("county") or ""
    period = summary.get("period", "")
    ref_date = dt.date.fromisoformat(summary["ref_date"]) if summary.get("ref_date") else None
    generated = summary.get("generated_at", "")
    try:
        gen = dt.datetime.fromisoformat(generated)
        generated = f"{date_text(gen.date())} {gen:%H:%M}"
    except ValueError:
        gen = None
    deadline = deadline or summary.get("deadline") or ""
    due = dt.date.fromisoformat(deadline) if deadline else (default_deadline(period) if period else None)
    weights = summary.get("weights") or {"must_fix": 0.8, "should_check": 0.2}
    trend = _trend(summary) if history or summary.get("trend") else []
    risk = summary.get("risk")
    sections = ["总体情况", "乡镇排名", "问题类型分布", "各乡镇明细", *(["问题数变化趋势"] if trend else []),
                *(["风险隐患"] if risk else []), *reconcile_sections(summary), "整改要求"]
    rows = _township_rows(summary, mark, history)
    return {
        "title": f"{county}防返贫监测信息系统数据质量通报（{period_text(period)}）",
        "county": county, "period": period_text(period),
        "data_date": date_text(ref_date) if ref_date else "—",
        "files": [mask_text(f) for f in summary.get("files", [])],
        "ruleset_version": summary.get("ruleset_version", ""), "generated": generated,
        "history": history,
        "overview": _overview(summary, history),
        "townships": rows,
        "scored": [r for r in rows if r["scored"]],
        "marked": bool(mark),
        "chart": score_bars([Bar(t["name"], t.get("score"), mark.get(t["name"], "")) for t in summary["townships"]]),
        "rule_groups": _rule_groups(summary),
        "rule_rows": sum(1 + len(g["rules"]) for g in _rule_groups(summary)),
        "details": _details(summary, con, mark),
        "trend": [trend_panel(s) for s in trend], "trend_legend": trend_legend(),
        "risk": risk_context(risk) if risk else None,
        "reconcile": reconcile_context(summary),
        "deadline": date_text(due) if due else "下期数据截至日",
        "weights": {"must_fix": f"{weights['must_fix']:g}", "should_check": f"{weights['should_check']:g}"},
        "sections": {name: cn_number(i) for i, name in enumerate(sections, start=1)},
        "cn": cn_number,
        "rules_run": summary.get("rules_run"),
        "not_run": summary.get("not_run", []),
        "overrides": summary.get("category_overrides", {}),
        "config": summary.get("config", ""),
        "period_note": summary.get("period_note", ""),
        "issues": [{"kind": mask_text(i.get("类型", "")), "note": mask_text(i.get("说明", ""))}
                   for i in summary.get("structure_issues", [])],
        "unknown_townships": summary.get("unknown_townships", []),
        "issuer": summary.get("issuer") or f"{county or 'XX县'}乡村振兴局",
        "issued": date_text(gen.date()) if gen else "",
        "doc_number": summary.get("doc_number", ""),
        "rank_note": (summary.get("rank_basis") or {}).get("note")
        if (summary.get("rank_basis") or {}).get("kind") not in (None, "county") else None,
    }


def render_circular(context: dict) -> str:
    return environment().get_template("circular.html.j2").render(**context)


def write_circular(summary: dict, con, out_dir: Path, deadline: str | None = None) -> Path:
    path = Path(out_dir) / "通报.html"
    path.write_text(render_circular(circular_context(summary, con, deadline)), encoding="utf-8")
    return path
