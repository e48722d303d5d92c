"""Self-check workbooks 自查/<乡镇>.xlsx (circular.md): what a township's data-entry staff correct.

Sheets: 问题汇总 (per rule: count, category, what to do; per village), 问题明细 (one row per finding:
rule id/name/类别/说明/问题字段 first, then every column of the export as found in `raw`, all as text,
unmasked, the offending cell highlighted; sorted 必改 first, then village, 户编号), 说明 (how to use,
the run's parameters), and with history 已整改 and 上期未改 (the roll-up lines of K02, one per
household, counted nowhere: each problem is already a row of 问题明细 with 状态 未整改). Every sheet
is marked 内部使用.

History hooks (optional, filled by the history module): a `状态` column in the findings table
(新增 / 未整改) becomes a column of 问题明细; a table `fixed_findings` in the run's connection (the
findings.csv columns of the previous period's findings that are gone now) becomes the sheet 已整改.

Written with xlsxwriter in constant-memory mode, streaming the findings from DuckDB, so memory does
not grow with the number of findings.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from ..catalogue import Rule
from ..fmt import UNNAMED_VILLAGE, file_stem, town_key

INTERNAL = "内部使用：本表含完整的证件号码、姓名等个人信息，仅供本乡镇核实整改数据使用，不得外传、不得公开。"
BATCH = 5000
HIGHLIGHT = "#FFC7CE"  # Excel's “bad” red fill
HIGHLIGHT_FONT = "#9C0006"

_ADVICE = {
    "完整性": "对照档案或入户核实，在系统中补录为空的{fields}。",
    "准确性": "按系统代码表和证件、档案核实{fields}，改为正确的规范值。",
    "逻辑性": "核实{fields}之间的对应关系，找出填错的一项并改正。",
    "及时性": "按时限要求核实并更新{fields}。",
    "精准性": "入户核实{fields}的实际情况；确有错误的改正，情况属实的在系统中补充佐证或备注。",
}
ROLLUP_SHEET = "上期未改"
_CATEGORY_ADVICE = {"必改": "本期必须改正。", "非必改": "逐条核实，确属错误的改正。"}
_FIXED_COLUMNS = ("规则编号", "规则名称", "类别", "行政村", "户编号", "户主姓名", "姓名", "证件号码", "问题字段", "当前值",
                  "说明", "整改情况", "来源行号")


def advice(rule: Rule | None, category: str, dimension: str) -> str:
    """What to do about a rule's findings: meta.action when the rule gives one, else by dimension."""
    if rule is not None and rule.meta.get("action"):
        return str(rule.meta["action"])
    fields = "、".join(f.rstrip("?") for f in (rule.fields if rule else ()) if not f.startswith("@") and "." not in f)
    text = _ADVICE.get(dimension, "核实{fields}并改正。").format(fields=f"“{fields}”" if fields else "相关字段")
    return text + _CATEGORY_ADVICE.get(category, "")


def rank_text(unit: dict, summary: dict) -> str:
    """'全县第 3 名', with where the rank comes from when it is not this run's; '全县排名：—（why）'."""
    basis = summary.get("rank_basis") or {}
    note = f"（{basis['note']}）" if basis.get("kind") not in (None, "county") else ""
    return (f"全县第 {unit['rank']} 名" if unit.get("rank") else "全县排名：—") + note


def _columns(con, table: str) -> list[str]:
    return list(con.sql(f"SELECT * FROM {table} LIMIT 0").columns)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
        self.text = wb.add_format({**base, "num_format": "@"})
        self.wrap = wb.add_format({**base, "num_format": "@", "text_wrap": True})
        self.number = wb.add_format({**base})
        self.header = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                     "align": "center"})
        self.record_header = wb.add_format({**base, "bold": True, "bg_color": "#EDEDED", "border": 1,
                                            "text_wrap": True, "align": "center"})
        self.hit = wb.add_format({**base, "num_format": "@", "bg_color": HIGHLIGHT, "font_color": HIGHLIGHT_FONT,
                                  "bold": True})
        self.must = wb.add_format({**base, "num_format": "@", "font_color": "#C00000", "bold": True})
        self.internal = wb.add_format({**base, "bold": True, "font_color": "#C00000", "font_size": 11})
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.label = wb.add_format({**base, "bold": True})


def _sheet_setup(ws, title: str) -> None:
    ws.set_header(f"&L&\"宋体,Bold\"&KC00000内部使用&C{title}")
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.set_paper(9)  # A4


def _lead(summary: dict) -> list[str]:
    """The finding's columns of 问题明细: with history, its 状态 too."""
    return ["规则编号", "规则名称", "类别", "说明", "问题字段", *(["状态"] if "history" in summary else [])]


def _has_fixed(summary: dict) -> bool:
    """With a previous run to compare with, the sheet 已整改 lists what was fixed (fixed_findings)."""
    return bool((summary.get("history") or {}).get("previous_period"))


_TAIL = ["来源文件", "来源行号"]


def _raw_columns(con) -> list[str]:
    return [c for c in _columns(con, "raw") if not c.startswith("_")]


def _detail_table(con, lead: list[str], raw_cols: list[str], tail: list[str]) -> str:
    """Findings joined once to their original rows (one scan of `raw` for all workbooks), in DuckDB."""
    cols = [*(f"f.{_q(c)}" for c in lead), *(f"r.{_q(c)}" for c in raw_cols), *(f"f.{_q(c)}" for c in tail)]
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _selfcheck_detail AS
        SELECT f.乡镇 AS _town, f.类别 <> '必改' AS _o1, f.行政村 AS _o2, f.户编号 AS _o3, f.来源行号 AS _o4,
               f.规则编号 AS _o5, {', '.join(f'{c} AS c{j}' for j, c in enumerate(cols))}
        FROM findings f LEFT JOIN raw r ON r._row = f._row""")
    return "_selfcheck_detail"


def write_workbook(con, town: str, summary: dict, rules: list[Rule], path: Path, detail: str | None = None) -> Path:
    """One township's workbook. `town` is the name as in summary["townships"]; `detail` is the table
    of _detail_table when the caller writes several workbooks."""
    key = town_key(town)
    by_id = {r.id: r for r in rules}
    with_status = "history" in summary
    unit = next((t for t in summary.get("townships", []) if t["name"] == town), {})
    period = summary.get("period", "")
    period_cn = f"{period[:4]}年{int(period[5:7])}月" if len(period) == 7 else period

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{town}防返贫监测数据自查表（{period_cn}）", "subject": "内部使用",
                       "comments": INTERNAL, "category": "内部使用"})
    fmt = _Formats(wb)

    # ---- 问题汇总 ------------------------------------------------------------------------------
    rule_rows = con.execute("""
        SELECT 规则编号, any_value(规则名称), any_value(类别), any_value(维度), any_value(层级), count(*),
               count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '')
        FROM findings WHERE 乡镇 = ? GROUP BY 1 ORDER BY any_value(类别) <> '必改', count(*) DESC, 1""",
                            [key]).fetchall()
    village_rows = con.execute("""
        SELECT 行政村, count(*) FILTER (WHERE 类别 = '必改'), count(*) FILTER (WHERE 类别 = '非必改'),
               count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '')
        FROM findings WHERE 乡镇 = ? GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1""", [key]).fetchall()
    must = sum(r[5] for r in rule_rows if r[2] == "必改")
    should = sum(r[5] for r in rule_rows if r[2] != "必改")
    ws = wb.add_worksheet("问题汇总")
    _sheet_setup(ws, "问题汇总")
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 9)
    ws.set_column(2, 2, 30)
    ws.set_column(3, 5, 8)
    ws.set_column(6, 7, 9)
    ws.set_column(8, 8, 60)
    ws.write_string(0, 0, INTERNAL, fmt.internal)
    ws.write_string(1, 0, f"{town}防返贫监测数据自查表（{period_cn}）", fmt.title)
    status = (f"共发现问题 {must + should} 条：必改 {must} 条，非必改 {should} 条。"
              + ("必改问题须全部改正后再报送。" if must else "必改问题已清零。"))
    ws.write_string(2, 0, status, fmt.label)
    if unit.get("score") is not None:
        ws.write_string(3, 0, f"本乡镇户数 {unit['households']}，人数 {unit['persons']}，得分 {unit['score']:.1f}，"
                        f"{rank_text(unit, summary)}。")
    if unit.get("previous") is not None and _has_fixed(summary):
        ws.write_string(4, 0, f"与上期相比：上期问题 {unit['previous']} 条，其中已整改 {unit['fixed']} 条、"
                        f"未整改 {unit['persisting']} 条、对象已不在册 {unit['gone']} 条；本期新增 {unit['new']} 条。")
    row = 5
    headers = ["序号", "规则编号", "规则名称", "类别", "维度", "层级", "条数", "涉及户数", "怎么改"]
    for j, h in enumerate(headers):
        ws.write_string(row, j, h, fmt.header)
    for i, (rid, name, cat, dim, level, n, hh) in enumerate(rule_rows, start=1):
        row += 1
        ws.write_number(row, 0, i, fmt.number)
        ws.write_string(row, 1, rid, fmt.text)
        ws.write_string(row, 2, name, fmt.wrap)
        ws.write_string(row, 3, cat, fmt.must if cat == "必改" else fmt.text)
        ws.write_string(row, 4, dim, fmt.text)
        ws.write_string(row, 5, level, fmt.text)
        ws.write_number(row, 6, n, fmt.number)
        ws.write_number(row, 7, hh, fmt.number)
        ws.write_string(row, 8, advice(by_id.get(rid), cat, dim), fmt.wrap)
    if not rule_rows:
        row += 1
        ws.write_string(row, 0, "本期未发现问题。", fmt.label)
    if village_rows:
        row += 2
        for j, h in enumerate(["", "行政村", "", "必改", "非必改", "问题户数"]):
            if h:
                ws.write_string(row, j, h, fmt.header)
        for village, vm, vs, vh in village_rows:
            row += 1
            ws.write_string(row, 1, village or UNNAMED_VILLAGE, fmt.text)
            ws.write_number(row, 3, vm, fmt.number)
            ws.write_number(row, 4, vs, fmt.number)
            ws.write_number(row, 5, vh, fmt.number)

    # ---- 问题明细 ------------------------------------------------------------------------------
    raw_cols = _raw_columns(con)
    lead = _lead(summary)
    tail = _TAIL
    ws = wb.add_worksheet("问题明细")
    _sheet_setup(ws, "问题明细")
    widths = {"规则编号": 8, "规则名称": 24, "类别": 7, "说明": 36, "问题字段": 14, "状态": 7, "来源文件": 18,
              "来源行号": 8}
    for j, h in enumerate(lead):
        ws.set_column(j, j, widths.get(h, 10))
    for j, h in enumerate(raw_cols, start=len(lead)):
        wide = 20 if ("证件号码" in h or "身份证" in h or "账号" in h) else 12 if ("电话" in h or h == "户编号") else None
        ws.set_column(j, j, wide or max(8, min(2 * len(h) + 2, 18)))
    for j, h in enumerate(tail, start=len(lead) + len(raw_cols)):
        ws.set_column(j, j, widths[h])
    ws.write_string(0, 0, INTERNAL, fmt.internal)
    header_row = 1
    for j, h in enumerate(lead):
        ws.write_string(header_row, j, h, fmt.header)
    for j, h in enumerate(raw_cols, start=len(lead)):
        ws.write_string(header_row, j, h, fmt.record_header)
    for j, h in enumerate(tail, start=len(lead) + len(raw_cols)):
        ws.write_string(header_row, j, h, fmt.header)
    ncols = len(lead) + len(raw_cols) + len(tail)
    ws.freeze_panes(header_row + 1, 2)
    col_of = {c: j for j, c in enumerate(raw_cols, start=len(lead))}
    own_detail = detail is None
    if own_detail:
        detail = _detail_table(con, lead, raw_cols, tail)
    cursor = con.execute(f"SELECT {', '.join(f'c{j}' for j in range(ncols))} FROM {detail} WHERE _town = ? "
                         "ORDER BY _o1, _o2, _o3, _o4, _o5", [key])
    row = header_row
    field_pos = lead.index("问题字段")
    while batch := cursor.fetchmany(BATCH):
        for values in batch:
            row += 1
            hits = {col_of[f] for f in str(values[field_pos] or "").split("、") if f in col_of}
            for j, value in enumerate(values):
                if j == len(lead) + len(raw_cols) + 1 and value is not None:  # 来源行号
                    ws.write_number(row, j, value, fmt.number)
                    continue
                text = "" if value is None else str(value)
                style = fmt.hit if j in hits else fmt.must if (j == 2 and text == "必改") else fmt.text
                if text or j in hits:
                    ws.write_string(row, j, text, style)
    ws.autofilter(header_row, 0, max(row, header_row), ncols - 1)
    if own_detail:
        con.execute(f"DROP TABLE {detail}")
    if row == header_row:
        ws.write_string(header_row + 1, 0, "本期未发现问题。", fmt.label)

    # ---- 已整改 (history) ---------------------------------------------------------------------
    if _has_fixed(summary):
        fixed_cols = _columns(con, "fixed_findings")
        cols = [c for c in _FIXED_COLUMNS if c in fixed_cols]
        ws = wb.add_worksheet("已整改")
        _sheet_setup(ws, "已整改")
        ws.write_string(0, 0, INTERNAL, fmt.internal)
        ws.write_string(1, 0, "上期发现、本期已不存在的问题（对象仍在）。", fmt.label)
        for j, h in enumerate(cols):
            ws.set_column(j, j, widths.get(h, 20 if h == "证件号码" else 12))
            ws.write_string(2, j, h, fmt.header)
        order = ", ".join(_q(c) for c in ("行政村", "户编号", "规则编号") if c in fixed_cols) or "1"
        where = "WHERE 乡镇 = ?" if "乡镇" in fixed_cols else ""
        cursor = con.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM fixed_findings {where} ORDER BY {order}",
                             [key] if where else [])
        r = 2
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                r += 1
                for j, value in enumerate(values):
                    if value is not None:
                        ws.write_string(r, j, str(value), fmt.text)
        ws.freeze_panes(3, 0)
        ws.autofilter(2, 0, max(r, 2), max(len(cols) - 1, 0))

    # ---- 上期未改 (history): the roll-up lines (K02), one per household, counted nowhere ---------
    rollups = con.execute("SELECT 行政村, 户编号, 户主姓名, 类别, 说明 FROM rollups WHERE 乡镇 = ? "
                          "ORDER BY 行政村, 户编号", [key]).fetchall()
    if rollups:
        ws = wb.add_worksheet(ROLLUP_SHEET)
        _sheet_setup(ws, ROLLUP_SHEET)
        ws.write_string(0, 0, INTERNAL, fmt.internal)
        ws.write_string(1, 0, "上期已发现、本期仍未整改的问题，按户汇总。每个问题已在“问题明细”中按原规则列出"
                              "（状态为“未整改”），本表不另计入问题数。", fmt.label)
        for j, (h, width) in enumerate((("行政村", 14), ("户编号", 22), ("户主姓名", 10), ("类别", 7), ("仍未整改的问题", 90))):
            ws.set_column(j, j, width)
            ws.write_string(2, j, h, fmt.header)
        for r, values in enumerate(rollups, start=3):
            for j, value in enumerate(values):
                ws.write_string(r, j, "" if value is None else str(value), fmt.wrap if j == 4 else fmt.text)
        ws.freeze_panes(3, 0)
        ws.autofilter(2, 0, 2 + len(rollups), 4)

    # ---- 省反馈问题 (auditor reconcile --feedback): this township's items and their 整改状态 --------
    if (summary.get("reconcile") or {}).get("feedback"):
        from ..reconcile.workbook import feedback_sheet

        feedback_sheet(wb, con, key, fmt.header, fmt.text, fmt.internal, INTERNAL)

    # ---- 说明 ----------------------------------------------------------------------------------
    ws = wb.add_worksheet("说明")
    _sheet_setup(ws, "说明")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 90)
    lines = [
        ("", INTERNAL),
        ("怎么用", "1. 先看“问题汇总”：每类问题的条数和改法，必改问题排在前面。"),
        ("", "2. 再看“问题明细”：每行一条问题，前几列是规则和说明，后面是该成员在导出文件中的整行原始数据，"
             "标红的单元格就是有问题的字段。可用表头的筛选按钮按村、按规则筛选。"),
        ("", "3. 在全国防返贫监测信息系统中逐条改正（改系统，不是改本表），必改问题必须全部改正。"),
        ("", "4. 非必改问题逐条核实：确属错误的改正；符合实际情况的，完善佐证材料或在系统中备注说明。"),
        ("", "5. 改完后重新导出本乡镇数据，运行“auditor selfcheck 导出文件 --township 乡镇名”复查，直到必改问题清零。"),
        ("", "6. “来源行号”是该行在导出文件中的行号（与 Excel 左侧行号一致），便于回查原文件。"),
    ]
    if with_status:
        lines.append(("", "7. “状态”列：新增＝本期新出现的问题；未整改＝上期已通报、本期仍存在的问题。"))
    if _has_fixed(summary):
        lines.append(("", "8. “已整改”表列出上期通报、本期已改正的问题，供核对。"))
    if rollups:
        lines.append(("", f"9. “{ROLLUP_SHEET}”表按户列出上期已发现、本期仍未整改的问题，改正各条原问题即可，不另计数。"))
    params = [
        ("乡镇", town),
        ("数据月份", f"{period_cn}（{summary.get('period_note', '')}）"),
        ("数据截至", summary.get("ref_date", "")),
        ("来源文件", "、".join(summary.get("files", []))),
        ("规则集版本", summary.get("ruleset_version", "")),
        ("生成时间", summary.get("generated_at", "").replace("T", " ")),
        ("执行规则数", str(summary.get("rules_run", ""))),
        ("未执行规则", "、".join(f"{n['id']}（{n['reason']}）" for n in summary.get("not_run", [])) or "无"),
        ("类别调整", "、".join(f"{k}→{v}" for k, v in sorted(summary.get("category_overrides", {}).items())) or "无"),
        ("得分权重", "必改 {must_fix:g}，非必改 {should_check:g}".format(
            **(summary.get("weights") or {"must_fix": 0.8, "should_check": 0.2}))),
        ("配置", str(summary.get("config", ""))),
    ]
    r = 0
    for label, text in lines:
        if label:
            ws.write_string(r, 0, label, fmt.label)
        ws.write_string(r, 1, text, fmt.internal if r == 0 else fmt.wrap)
        r += 1
    r += 1
    ws.write_string(r, 0, "本次运行参数", fmt.title)
    for label, text in params:
        r += 1
        ws.write_string(r, 0, label, fmt.label)
        ws.write_string(r, 1, text, fmt.wrap)
    wb.worksheets()[0].activate()
    wb.close()
    return path


def write_workbooks(con, summary: dict, rules: list[Rule], out_dir: Path,
                    townships: list[str] | None = None) -> list[Path]:
    """One workbook per township with households (or those named), in out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = [t["name"] for t in summary.get("townships", []) if t.get("households") or t.get("persons")]
    if townships:
        names = [n for n in names if n in townships]
    paths = []
    used: set[str] = set()
    detail = _detail_table(con, _lead(summary), _raw_columns(con), _TAIL)
    try:
        for name in names:
            stem = file_stem(name, used)
            paths.append(write_workbook(con, name, summary, rules, out_dir / f"{stem}.xlsx", detail))
    finally:
        con.execute(f"DROP TABLE IF EXISTS {detail}")
    return paths
