"""The county work plan's tables (附表), from one audit run: `auditor tables`, `auditor audit --tables`
and `auditor demo`.

- 附表.xlsx — the statistical tables the townships report upward (附表2, 3-1, 3-2, 4, 5, 9, and 风险隐患
  when the run assessed the risks: risk.py), masked like the circular, then the sheet 说明. Its sheets
  are the writers in SHEETS, in order: another table is one more writer, `stat_sheet(builder)` for a
  builder returning a StatTable (or None: no sheet).
- 入户核实表/<乡镇>.xlsx — 附表1, the pre-filled home-visit forms (unmasked, 内部使用), kept apart from
  附表.xlsx so that they never travel upward with it (visit.py says why).

compute.py holds the SQL; every figure is recomputable from the prepared tables and findings.parquet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..fmt import period_text, town_label
from . import compute
from .compute import ROLLBACK_RULES, Context
from .risk import risk_table
from .visit import FOLDER, write_visit_forms
from .workbook import SheetWriter, stat_sheet, write_workbook

WORKBOOK = "附表.xlsx"

SHEETS: list[SheetWriter] = [
    stat_sheet(compute.new_monitored),
    stat_sheet(compute.rollback_counts),
    stat_sheet(compute.rollback_detail),
    stat_sheet(compute.three_guarantees),
    stat_sheet(compute.monitored_info),
    stat_sheet(compute.measures),
    stat_sheet(risk_table),
]


@dataclass
class TablesOutput:
    """What was written (paths inside the folder given) and the headline figures for the terminal."""

    workbook: Path
    visit_files: list[Path] = field(default_factory=list)
    visit_households: int = 0


def _notes(ctx: Context, summary: dict) -> list[tuple[str, str]]:
    order = "、".join(town_label(t) for t in ctx.towns) or "（无）"
    skipped = [f"{r}（{ctx.skipped[r]}）" for r in ROLLBACK_RULES if r in ctx.skipped]
    return [
        ("县", ctx.county or "（导出和配置中都没有县名）"),
        ("统计周期", ctx.period_line().removeprefix("统计周期：")),
        ("来源文件", "、".join(summary.get("files", []))),
        ("规则集版本", summary.get("ruleset_version", "")),
        ("生成时间", summary.get("generated_at", "").replace("T", " ")),
        ("怎么用", "各表由本次审核的导出数据和审核结果自动统计，请核对后再盖章上报；核对时可改正个别数字，"
                 "合计行是公式，会随之更新。"),
        ("脱敏", "各表不含证件号码；附表3-2的户主姓名已脱敏（如 张*），可凭户编号在系统中查到该户。"),
        ("入户核实表", f"附表1（入户核实表）另存于“{FOLDER}”文件夹，每个乡镇一个文件，含完整姓名和证件号码，"
                   "仅供入户核实，内部使用，不随本表上报。"),
        ("乡镇顺序", "配置文件中的乡镇名单（county.townships）顺序在前，其余按名称排列：" + order),
        ("复算", "每个数字都可由同一次审核的 findings.parquet（审核结果）和导出数据复算，口径见各表下方的说明。"),
        ("上期数据", f"历史库中的上期：{period_text(ctx.previous_period)}" if ctx.previous_period
         else "历史库中没有上期审核结果，附表4为当前状态。"),
        ("未执行的回退规则", "；".join(skipped) or "无"),
        ("风险隐患", "见“风险隐患”工作表（与通报“风险隐患”一节为同一次计算）。" if ctx.risk is not None
         else "配置文件关闭了风险隐患（[risk] circular = false），本工作簿不含风险隐患表。"),
    ]


def write_tables(result, folder: Path) -> TablesOutput:
    """附表.xlsx and 入户核实表/ of an AuditResult into `folder` (a staging folder: see audit.write_staged)."""
    folder = Path(folder)
    ctx = Context.from_result(result)
    book = write_workbook(ctx, folder / WORKBOOK, SHEETS, _notes(ctx, result.summary_json))
    files, households = write_visit_forms(ctx, folder / FOLDER)
    return TablesOutput(book, files, households)


__all__ = ["FOLDER", "SHEETS", "WORKBOOK", "Context", "SheetWriter", "TablesOutput", "stat_sheet", "write_tables"]
