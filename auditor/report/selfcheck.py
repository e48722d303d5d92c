"""`auditor selfcheck`: a township's own check before the 录入 deadline (cli.md).

The same audit as `auditor audit`, but the outputs are only the self-check workbooks, and the terminal
says what to fix first: 必改 rules by count (with the villages most concerned), then 非必改.
"""

from __future__ import annotations

from pathlib import Path

from ..fmt import UNNAMED_VILLAGE, period_text
from .workbook import rank_text, write_workbooks

MAX_RULES = 10
MAX_VILLAGES = 3


def write_selfcheck(result, out_dir: Path) -> list[Path]:
    """The workbooks, published into out_dir whole (run/outputs.py); their final paths."""
    from ..run.outputs import publish

    out_dir = Path(out_dir)
    names: list[str] = []
    publish(out_dir, lambda folder: names.extend(
        p.name for p in write_workbooks(result.prep.con, result.summary_json, result.rules, folder)))
    return [out_dir / name for name in names]


def selfcheck_priorities(con, summary: dict) -> dict[str, list[dict]]:
    """What to fix first, as data (the terminal lines below and the web page read it): per category,
    the rules by count, each with its households and the villages most concerned."""
    villages: dict[str, list[tuple[str, int]]] = {}
    for rid, village, n in con.execute("""
        SELECT 规则编号, 行政村, count(*) AS n FROM findings GROUP BY 1, 2 ORDER BY 1, n DESC, 2""").fetchall():
        villages.setdefault(rid, []).append((village or UNNAMED_VILLAGE, n))
    rules = con.execute("""
        SELECT 规则编号, any_value(规则名称), any_value(类别), count(*) AS n,
               count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '')
        FROM findings GROUP BY 1 ORDER BY n DESC, 1""").fetchall()
    out: dict[str, list[dict]] = {}
    for category in ("必改", "非必改"):
        out[category] = [{"id": rid, "name": name, "category": cat, "count": n, "households": hh,
                          "villages": [{"village": v, "count": c} for v, c in villages.get(rid, [])[:MAX_VILLAGES]],
                          "village_count": len(villages.get(rid, []))}
                         for rid, name, cat, n, hh in rules if cat == category]
    return out


def selfcheck_lines(con, summary: dict, paths: list[Path]) -> list[str]:
    """The terminal summary, in Chinese, most urgent first."""
    towns = [t for t in summary["townships"] if t["households"] or t["persons"]]
    names = "、".join(t["name"] for t in towns) or "（无数据）"
    must, should = summary["must_fix"], summary["should_check"]
    lines = [f"自查结果：{names}（数据月份 {period_text(summary['period'])}）",
             f"核查 {summary['households']} 户 {summary['persons']} 人，发现问题 {summary['findings']} 条："
             f"必改 {must} 条，非必改 {should} 条。"]
    if len(towns) == 1 and towns[0].get("score") is not None:
        lines.append(f"得分 {towns[0]['score']:.1f}，{rank_text(towns[0], summary)}。")
    if len(towns) > 1:
        lines.append("各乡镇：" + "；".join(f"{t['name']} 必改 {t['must_fix']} 条、非必改 {t['should_check']} 条"
                                         for t in towns))
    priorities = selfcheck_priorities(con, summary)
    for category, heading in (("必改", "先改必改问题（按条数排列）："), ("非必改", "再逐条核实非必改问题：")):
        items = priorities[category]
        if not items:
            continue
        lines.append(heading)
        for i, item in enumerate(items[:MAX_RULES], start=1):
            top = "、".join(f"{v['village']} {v['count']} 条" for v in item["villages"])
            more = f" 等 {item['village_count']} 个村" if item["village_count"] > MAX_VILLAGES else ""
            lines.append(f"  {i}. {item['id']} {item['name']}：{item['count']} 条，涉及 {item['households']} 户（{top}{more}）")
        if len(items) > MAX_RULES:
            lines.append(f"  ……另有 {len(items) - MAX_RULES} 类问题，见自查表“问题汇总”。")
    if summary.get("not_run"):
        lines.append(f"有 {len(summary['not_run'])} 条规则因导出缺少字段或输入未执行（见自查表“说明”）。")
    for path in paths:
        lines.append(f"自查表：{path}（内部使用，含完整证件号码，不得外传）")
    lines.append(selfcheck_verdict(summary))
    return lines


def selfcheck_verdict(summary: dict) -> str:
    """The last line: whether the 必改 gate passes."""
    must, should = summary["must_fix"], summary["should_check"]
    if must:
        return f"结论：还有 {must} 条必改问题，请在系统中改正后重新导出，再次自查，直到必改问题清零。"
    return "结论：必改问题已清零" + ("；非必改问题请逐条核实。" if should else "，未发现其他问题。")
