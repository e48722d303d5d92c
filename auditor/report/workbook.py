"""Self-check workbooks 自查/<乡镇>.xlsx (circular.md): what a township's data-entry staff correct.

Sheets: 问题汇总 (per rule: count, category, what to do; per village), 问题明细 (one row per finding:
序号, rule id/name/类别/说明/问题字段/当前值, who it is about and where it was read; sorted 必改 first,
then village, 户编号; it prints on A4 landscape one page wide), 原始记录 (the same rows by 序号, each
with every column of the export as found in `raw`, all as text, unmasked, the offending cells
highlighted: for the screen), 说明 (how to use, the run's parameters), and with history 已整改 and
上期未改 (the roll-up lines of K02, one per household, counted nowhere: each problem is already a row
of 问题明细 with 状态 未整改). Every sheet is marked 内部使用 and has its print setup (landscape where
wide, the header row on every page, row heights for wrapped text, which LibreOffice does not size).
A township with more findings than an Excel sheet holds continues on 问题明细（续2）….

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


def _sheet_setup(ws, title: str, landscape: bool = False, header_row: int | None = None, pages_wide: int = 1,
                 repeat_columns: int = 0) -> None:
    """A4, marked 内部使用 on every page; `pages_wide` pages across (0: natural size), as many down as
    needed, the header row and the first `repeat_columns` columns repeated on each page."""
    ws.set_header(f"&L&\"宋体,Bold\"&KC00000内部使用&C{title}")
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if landscape:
        ws.set_landscape()
    if pages_wide:
        ws.fit_to_pages(pages_wide, 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    if repeat_columns:
        ws.repeat_columns(0, repeat_columns - 1)


def _lead(summary: dict) -> list[str]:
    """The finding's columns of 问题明细 (from `findings`): with history, its 状态 too."""
    return ["规则编号", "规则名称", "类别", "说明", "问题字段", "当前值", *(["状态"] if "history" in summary else []),
            *_WHO, *_TAIL]


def _has_fixed(summary: dict) -> bool:
    """With a previous run to compare with, the sheet 已整改 lists what was fixed (fixed_findings)."""
    return bool((summary.get("history") or {}).get("previous_period"))


_WHO = ["行政村", "户编号", "户主姓名", "姓名", "证件号码"]
_TAIL = ["来源文件", "来源行号"]
DETAIL_SHEET, RECORD_SHEET = "问题明细", "原始记录"
EXCEL_ROWS = 1_048_576  # rows per worksheet: a township with more findings continues on a next sheet
_WIDTHS = {"序号": 6, "规则编号": 7, "规则名称": 20, "类别": 6, "说明": 34, "问题字段": 12, "当前值": 16, "状态": 6,
           "行政村": 10, "户编号": 19, "户主姓名": 8, "姓名": 8, "证件号码": 20, "来源文件": 14, "来源行号": 7}
_WRAPPED = ("规则名称", "说明", "问题字段", "当前值", "来源文件")
LINE_HEIGHT = 13.5  # points per line of 10-pt 宋体


def _raw_columns(con) -> list[str]:
    return [c for c in _columns(con, "raw") if not c.startswith("_")]


def _detail_table(con, lead: list[str], raw_cols: list[str]) -> str:
    """Findings joined once to their original rows (one scan of `raw` for all workbooks), in DuckDB:
    d0… the finding's columns (`lead`), r0… its full original record."""
    cols = [*(f"f.{_q(c)} AS d{j}" for j, c in enumerate(lead)), *(f"r.{_q(c)} AS r{j}" for j, c in enumerate(raw_cols))]
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _selfcheck_detail AS
        SELECT f.乡镇 AS _town, f.类别 <> '必改' AS _o1, f.行政村 AS _o2, f.户编号 AS _o3, f.来源行号 AS _o4,
               f.规则编号 AS _o5, f._row AS _o6, {', '.join(cols)}
        FROM findings f LEFT JOIN raw r ON r._row = f._row""")
    return "_selfcheck_detail"


_DETAIL_ORDER = "_o1, _o2, _o3, _o4, _o5, _o6"  # 必改 first, village, household, line, rule; total


def _text_width(text: str) -> float:
    """Width in Excel's column units (a '0' of the default font): a Chinese character of 10-pt 宋体
    takes a little over two, as LibreOffice and Excel render it."""
    return sum(2.2 if ord(ch) > 0x2E7F else 1.2 for ch in text)


def _lines(values: dict[str, str], widths: dict[str, float]) -> int:
    """Lines the tallest wrapped cell of a row needs (LibreOffice does not size rows by itself)."""
    need = 1
    for name, text in values.items():
        if text and name in widths:
            for part in text.split("\n"):
                need = max(need, -(-int(_text_width(part)) // max(int(widths[name] - 2), 1)))
    return min(need, 15)


class _Continued:
    """Sheets of one table beyond Excel's row limit: 问题明细, 问题明细（续2）…, each set up the same."""

    def __init__(self, wb, name: str, setup):
        self.wb, self.name, self.setup = wb, name, setup
        self.sheets: list[list] = []  # [worksheet, its last row]

    def next_row(self):
        if not self.sheets or self.sheets[-1][1] >= EXCEL_ROWS - 1:
            title = self.name if not self.sheets else f"{self.name}（续{len(self.sheets) + 1}）"
            ws = self.wb.add_worksheet(title)
            self.sheets.append([ws, self.setup(ws, title)])
        self.sheets[-1][1] += 1
        return self.sheets[-1]


def _write_details(wb, fmt: _Formats, con, detail: str, key: str, lead: list[str], raw_cols: list[str]) -> int:
    """问题明细: 序号, the finding's columns and who it is about, one row each, sized to print on A4
    landscape pages one page wide. 原始记录: the same rows (same 序号) with the member's whole row
    of the export as found, the cells the finding names highlighted. Both continue on further sheets
    past Excel's row limit. Returns the number of findings written."""
    detail_cols = ["序号", *lead]
    record_cols = ["序号", "规则编号", "问题字段", *raw_cols, *_TAIL]
    widths = {c: _WIDTHS.get(c, 10) for c in detail_cols}
    wrapped = {c: w for c, w in widths.items() if c in _WRAPPED}

    def detail_setup(ws, title: str) -> int:
        _sheet_setup(ws, title, landscape=True, header_row=1)
        for j, h in enumerate(detail_cols):
            ws.set_column(j, j, widths[h])
        ws.write_string(0, 0, f"{INTERNAL}每条问题所在成员的整行原始数据见“{RECORD_SHEET}”表（按序号对应）。",
                        fmt.internal)
        for j, h in enumerate(detail_cols):
            ws.write_string(1, j, h, fmt.header)
        ws.freeze_panes(2, 3)
        return 1

    def record_setup(ws, title: str) -> int:
        _sheet_setup(ws, title, landscape=True, header_row=1, pages_wide=4, repeat_columns=3)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 7)
        ws.set_column(2, 2, 12)
        for j, h in enumerate(raw_cols, start=3):
            wide = 20 if ("证件号码" in h or "身份证" in h or "账号" in h) else 12 if ("电话" in h or h == "户编号") else None
            ws.set_column(j, j, wide or max(8, min(2 * len(h) + 2, 18)))
        ws.set_column(3 + len(raw_cols), 3 + len(raw_cols), 14)
        ws.set_column(4 + len(raw_cols), 4 + len(raw_cols), 7)
        ws.write_string(0, 0, INTERNAL, fmt.internal)
        for j, h in enumerate(record_cols):
            ws.write_string(1, j, h, fmt.header if j < 3 or j >= 3 + len(raw_cols) else fmt.record_header)
        ws.freeze_panes(2, 3)
        return 1

    pos = {c: j for j, c in enumerate(lead)}
    line_at = pos["来源行号"]

    def write_detail(ws, row: int, n: int, values: tuple) -> None:
        found = {c: "" if values[j] is None else str(values[j]) for c, j in pos.items()}
        ws.set_row(row, LINE_HEIGHT * _lines(found, wrapped))
        ws.write_number(row, 0, n, fmt.number)
        for j, c in enumerate(lead, start=1):
            if c == "来源行号" and values[line_at] is not None:
                ws.write_number(row, j, values[line_at], fmt.number)
            elif found[c]:
                ws.write_string(row, j, found[c], fmt.must if (c == "类别" and found[c] == "必改")
                                else fmt.wrap if c in wrapped else fmt.text)

    def write_record(ws, row: int, n: int, values: tuple) -> None:
        rule, fields, source = (values[pos[c]] or "" for c in ("规则编号", "问题字段", "来源文件"))
        named = set(fields.split("、"))
        ws.write_number(row, 0, n, fmt.number)
        ws.write_string(row, 1, rule, fmt.text)
        ws.write_string(row, 2, fields, fmt.text)
        for j, (c, value) in enumerate(zip(raw_cols, values[len(lead):], strict=True), start=3):
            if (value is not None and value != "") or c in named:
                ws.write_string(row, j, "" if value is None else str(value), fmt.hit if c in named else fmt.text)
        ws.write_string(row, 3 + len(raw_cols), source, fmt.text)
        if values[line_at] is not None:
            ws.write_number(row, 4 + len(raw_cols), values[line_at], fmt.number)

    # one pass per table, so that each table's sheets (and their continuations) stand together
    for name, setup, write, columns, last_col in (
            (DETAIL_SHEET, detail_setup, write_detail, f"SELECT {', '.join(f'd{j}' for j in range(len(lead)))}",
             len(detail_cols) - 1),
            (RECORD_SHEET, record_setup, write_record,
             f"SELECT {', '.join([*(f'd{j}' for j in range(len(lead))), *(f'r{j}' for j in range(len(raw_cols)))])}",
             len(record_cols) - 1)):
        table = _Continued(wb, name, setup)
        cursor = con.execute(f"{columns} FROM {detail} WHERE _town = ? ORDER BY {_DETAIL_ORDER}", [key])
        n = 0
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                n += 1
                write(*table.next_row(), n, values)
        if not table.sheets:
            ws, _ = table.next_row()
            ws.write_string(2, 0, "本期未发现问题。", fmt.label)
        for ws, last in table.sheets:
            ws.autofilter(1, 0, last, last_col)
    return n


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
    _sheet_setup(ws, "问题汇总", landscape=True, header_row=5)
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
        todo = advice(by_id.get(rid), cat, dim)
        ws.set_row(row, LINE_HEIGHT * _lines({"name": name, "todo": todo}, {"name": 30, "todo": 60}))
        ws.write_number(row, 0, i, fmt.number)
        ws.write_string(row, 1, rid, fmt.text)
        ws.write_string(row, 2, name, fmt.wrap)
        ws.write_string(row, 3, cat, fmt.must if cat == "必改" else fmt.text)
        ws.write_string(row, 4, dim, fmt.text)
        ws.write_string(row, 5, level, fmt.text)
        ws.write_number(row, 6, n, fmt.number)
        ws.write_number(row, 7, hh, fmt.number)
        ws.write_string(row, 8, todo, fmt.wrap)
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

    # ---- 问题明细 (prints on A4 landscape) and 原始记录 (the full original rows, on screen) --------
    lead = _lead(summary)
    raw_cols = _raw_columns(con)
    own_detail = detail is None
    if own_detail:
        detail = _detail_table(con, lead, raw_cols)
    _write_details(wb, fmt, con, detail, key, lead, raw_cols)
    if own_detail:
        con.execute(f"DROP TABLE {detail}")

    # ---- 已整改 (history) ---------------------------------------------------------------------
    if _has_fixed(summary):
        fixed_cols = _columns(con, "fixed_findings")
        cols = [c for c in _FIXED_COLUMNS if c in fixed_cols]
        ws = wb.add_worksheet("已整改")
        _sheet_setup(ws, "已整改", landscape=True, header_row=2)
        ws.write_string(0, 0, INTERNAL, fmt.internal)
        ws.write_string(1, 0, "上期发现、本期已不存在的问题（对象仍在）。", fmt.label)
        for j, h in enumerate(cols):
            ws.set_column(j, j, _WIDTHS.get(h, 12))
            ws.write_string(2, j, h, fmt.header)
        fixed_wrapped = {c: _WIDTHS.get(c, 12) for c in cols if c in (*_WRAPPED, "整改情况")}
        order = ", ".join(_q(c) for c in ("行政村", "户编号", "规则编号") if c in fixed_cols) or "1"
        where = "WHERE 乡镇 = ?" if "乡镇" in fixed_cols else ""
        cursor = con.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM fixed_findings {where} ORDER BY {order}",
                             [key] if where else [])
        r = 2
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                r += 1
                texts = dict(zip(cols, ("" if v is None else str(v) for v in values), strict=True))
                ws.set_row(r, LINE_HEIGHT * _lines(texts, fixed_wrapped))
                for j, (c, text) in enumerate(texts.items()):
                    if text:
                        ws.write_string(r, j, text, fmt.wrap if c in fixed_wrapped else fmt.text)
        ws.freeze_panes(3, 0)
        ws.autofilter(2, 0, max(r, 2), max(len(cols) - 1, 0))

    # ---- 上期未改 (history): the roll-up lines (K02), one per household, counted nowhere ---------
    rollups = con.execute("SELECT 行政村, 户编号, 户主姓名, 类别, 说明 FROM rollups WHERE 乡镇 = ? "
                          "ORDER BY 行政村, 户编号", [key]).fetchall()
    if rollups:
        ws = wb.add_worksheet(ROLLUP_SHEET)
        _sheet_setup(ws, ROLLUP_SHEET, landscape=True, header_row=2)
        ws.write_string(0, 0, INTERNAL, fmt.internal)
        ws.write_string(1, 0, "上期已发现、本期仍未整改的问题，按户汇总。每个问题已在“问题明细”中按原规则列出"
                              "（状态为“未整改”），本表不另计入问题数。", fmt.label)
        for j, (h, width) in enumerate((("行政村", 14), ("户编号", 22), ("户主姓名", 10), ("类别", 7), ("仍未整改的问题", 90))):
            ws.set_column(j, j, width)
            ws.write_string(2, j, h, fmt.header)
        for r, values in enumerate(rollups, start=3):
            ws.set_row(r, LINE_HEIGHT * _lines({"note": values[4] or ""}, {"note": 90}))
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
        ("", "2. 再看“问题明细”：每行一条问题，有规则、说明、问题字段和当前值，以及所在的村、户和成员，可直接打印；"
             "可用表头的筛选按钮按村、按规则筛选。“原始记录”按同一序号列出该成员在导出文件中的整行原始数据，"
             "标红的单元格就是有问题的字段（较宽，适合在屏幕上查看）。"),
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
        ws.set_row(r, LINE_HEIGHT * _lines({"t": text}, {"t": 90}))
        if label:
            ws.write_string(r, 0, label, fmt.label)
        ws.write_string(r, 1, text, fmt.internal if r == 0 else fmt.wrap)
        r += 1
    r += 1
    ws.write_string(r, 0, "本次运行参数", fmt.title)
    for label, text in params:
        r += 1
        ws.set_row(r, LINE_HEIGHT * _lines({"t": text}, {"t": 90}))
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
    detail = _detail_table(con, _lead(summary), _raw_columns(con))
    try:
        for name in names:
            stem = file_stem(name, used)
            paths.append(write_workbook(con, name, summary, rules, out_dir / f"{stem}.xlsx", detail))
    finally:
        con.execute(f"DROP TABLE IF EXISTS {detail}")
    return paths
