"""The sheet 风险隐患 of 附表.xlsx: the run's 规模性返贫风险隐患 (auditor/risk.py `assess`) as a
statistical table by township, with the ranked warnings and what was not judged under it.

It renders the run's risk dict (summary["risk"]) and computes nothing itself, so its figures are the
ones of 通报.html's section 风险隐患 and of `auditor risk`. The sheet exists when that dict does: a
county that switched the section off ([risk] circular = false) does not circulate it upward either.
The dict holds only counts, unit names and explanations, so nothing needs masking.
"""

from __future__ import annotations

from ..analysis.risk import threshold_texts
from ..fmt import period_text, town_label
from .compute import COMMON_NOTE, Context
from .model import Column, StatTable


def _warnings_by_town(risk: dict) -> dict[str, tuple[int, int]]:
    """Township label → (township-level warnings, village-level warnings)."""
    out: dict[str, tuple[int, int]] = {}
    for w in risk["warnings"]:
        town, village = out.get(w["township"], (0, 0))
        out[w["township"]] = (town + (w["level"] == "乡镇"), village + (w["level"] == "村"))
    return out


def risk_table(ctx: Context) -> StatTable | None:
    """风险隐患: households, monitored and unremoved households (and their share), new identifications,
    resettled households without work, and warnings, by township; the warnings listed below."""
    risk = ctx.risk
    if risk is None:
        return None
    judged = {"a", "b", "c", "d"} - {n["kind"] for n in risk["not_judged"]}
    total = risk["total"]
    basic, monitored, moved, warned = "全部农户", "监测对象", "易地扶贫搬迁户", "风险隐患预警（条）"
    columns = [Column("乡镇", width=12, total=""), Column("户数", basic), Column("人数", basic),
               Column("监测户数", monitored, available=total["monitored"] is not None),
               Column("未消除风险户数", monitored, width=9, available=total["unremoved"] is not None),
               Column("未消除风险户占户数（%）", monitored, width=11, total="ratio", ratio=(4, 1),
                      available=total["unremoved"] is not None),
               Column("本期新识别户数", monitored, width=9, available=total["new"] is not None),
               Column("户数", moved, available=total["resettled"] is not None),
               Column("有适龄劳动力的户数", moved, width=10, available="d" in judged),
               Column("其中适龄劳动力均无务工的户数", moved, width=12, available="d" in judged),
               Column("乡镇级", warned), Column("村级", warned)]
    units = {t["township"]: t for t in risk["townships"]}
    warnings = _warnings_by_town(risk)
    rows = []
    for key in ctx.towns:
        label = town_label(key)
        u = units.get(label)
        if u is None:
            rows.append([label, 0, 0, 0, 0, None, 0, 0, 0, 0, 0, 0])
            continue
        share = round(100 * u["unremoved"] / u["households"], 1) if u["unremoved"] is not None and u["households"] \
            else None
        rows.append([label, u["households"], u["persons"], u["monitored"], u["unremoved"], share, u["new"],
                     u["resettled"], u["resettled_with_able"], u["resettled_idle"], *warnings.get(label, (0, 0))])
    listed = [f"{w['rank']}. 【{w['name']}】{w['explanation']}" for w in risk["warnings"]]
    sections = [("风险隐患预警（按严重程度排列）", listed or ["本期没有达到预警门槛的风险隐患。"])]
    if risk["not_judged"]:
        sections.append(("未判断的预警", [f"{n['name']}：{n['reason']}" for n in risk["not_judged"]]))
    notes = [f"监测户：监测对象类别不为空的户；未消除风险户：其中风险是否已消除不为“是”的户，占比的分母为全部农户户数；"
             f"本期新识别：识别监测时间所在月份为{period_text(risk['period'])}的监测户。",
             "易地扶贫搬迁户：户内有成员是否异地扶贫搬迁人口 = 是；适龄劳动力："
             f"{risk['thresholds']['working_age_min']}–{risk['thresholds']['working_age_max']}岁、有劳动能力的成员；"
             "均无务工：这些成员的务工时间（月）和公益性岗位(月数)都为空或 0。导出不记录安置点，按户所在行政村统计。",
             "预警门槛（可在配置文件 [risk] 一节调整）：" + "".join(threshold_texts(risk["thresholds"], risk["baseline"])),
             "本表与通报“风险隐患”一节、auditor risk 的结果为同一次计算，只含户数、人数和地名，不含个人信息。", COMMON_NOTE]
    return StatTable("风险隐患", "风险隐患", ctx.title("规模性返贫风险隐患统计表"), columns, rows, notes, sections=sections)
