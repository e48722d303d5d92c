"""The reconciliation's workbooks, internal (full names and IDs), every cell written as text (a value
starting with = stays a string: no live formula):

- 交办清单/<乡镇>.xlsx: one per township with clues to visit (open or overdue): the facts of each clue
  and the columns the township fills in after the visit — 核查结果 (a drop-down: 纳入监测 / 不符合条件 /
  已是监测对象), 理由, 核查日期 — read back with `--returned`.
- 对账.xlsx: every clue with its status, the feedback list's items with their 整改状态 (省反馈整改进度),
  the list rows matched only by 姓名 + 村 (疑似匹配), and a 说明 sheet.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from ..fmt import file_stem
from ..lists import RETURNED_RESULTS

ASSIGN_DIR = "交办清单"
INTERNAL = "内部使用：本表含完整的证件号码、姓名等个人信息，仅供核实部门预警线索使用，不得外传、不得公开。"
ASSIGN_COLUMNS = ("线索编号", "乡镇", "村", "户编号", "姓名", "证件号码", "在册情况", "清单", "线索原因", "线索日期", "截止日期",
                  "状态", "匹配方式", "来源文件", "来源行号")
VISIT_COLUMNS = ("核查结果", "理由", "核查日期")
CLUE_SHEET_COLUMNS = (*ASSIGN_COLUMNS, "办结日期", "用时天数", *VISIT_COLUMNS, "发现期")


def _book(path: Path):
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
    fmt = {"text": wb.add_format({**base, "num_format": "@"}),
           "header": wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                    "align": "center"}),
           "visit": wb.add_format({**base, "bold": True, "bg_color": "#FFF2CC", "border": 1, "align": "center"}),
           "internal": wb.add_format({**base, "bold": True, "font_color": "#C00000", "font_size": 11}),
           "title": wb.add_format({**base, "bold": True, "font_size": 14})}
    return wb, fmt


def _text(value) -> str:
    return "" if value is None else str(value)


def _table(ws, fmt, top: int, columns, rows, visit=()) -> None:
    for j, c in enumerate(columns):
        ws.write_string(top, j, c, fmt["visit"] if c in visit else fmt["header"])
        ws.set_column(j, j, 18 if c in ("线索编号", "证件号码", "线索原因", "说明", "问题类型") else 11, fmt["text"])
    for i, r in enumerate(rows, start=top + 1):
        for j, c in enumerate(columns):
            ws.write_string(i, j, _text(r.get(c)), fmt["text"])
    ws.freeze_panes(top + 1, 0)


def write_assignments(con, summary: dict, out_dir: Path) -> list[Path]:
    """交办清单/<乡镇>.xlsx for every township with an open or overdue clue."""
    cur = con.execute("SELECT * FROM clues WHERE 状态 IN ('未办结', '已逾期') ORDER BY 乡镇, 村, 线索日期, 线索编号")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    towns: dict[str, list[dict]] = {}
    for r in rows:
        towns.setdefault(r["乡镇"] or "未知乡镇", []).append(r)
    if not towns:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    paths = []
    county = summary.get("county") or ""
    days = ((summary.get("reconcile") or {}).get("clues") or {}).get("deadline_days", 15)
    for town, clues in towns.items():
        path = out_dir / f"{file_stem(town, used)}.xlsx"
        wb, fmt = _book(path)
        ws = wb.add_worksheet("交办清单")
        ws.write_string(0, 0, f"{county}{town} 部门预警线索交办清单（{summary.get('period', '')}）", fmt["title"])
        ws.write_string(1, 0, INTERNAL, fmt["internal"])
        ws.write_string(2, 0, f"请在截止日期（线索日期后 {days} 天）前入户核实，填写核查结果（{'／'.join(RETURNED_RESULTS)}）、"
                              "理由（不符合条件时必填）和核查日期，交回县乡村振兴局。请勿增删行或改动线索编号、姓名、证件号码。")
        columns = (*ASSIGN_COLUMNS, *VISIT_COLUMNS)
        _table(ws, fmt, 3, columns, [{**c, **{v: c.get(v) or "" for v in VISIT_COLUMNS}} for c in clues], VISIT_COLUMNS)
        first, last = 4, 3 + len(clues)
        col = columns.index("核查结果")
        ws.data_validation(first, col, last, col, {"validate": "list", "source": list(RETURNED_RESULTS)})
        ws.set_header("&L&\"宋体,Bold\"&KC00000内部使用&C部门预警线索交办清单")
        ws.set_landscape()
        ws.set_paper(9)
        wb.close()
        paths.append(path)
    return paths


def feedback_sheet(wb, con, town: str, header, text, internal, note: str) -> None:
    """The sheet 省反馈问题 of a township's self-check workbook: its feedback items with their 整改状态."""
    from .feedback import FEEDBACK_COLUMNS

    cur = con.execute("SELECT * FROM feedback_items WHERE coalesce(乡镇, '') = ? ORDER BY 村, 户编号, 来源行号", [town])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    ws = wb.add_worksheet("省反馈问题")
    ws.write_string(0, 0, note, internal)
    ws.write_string(1, 0, "省平台反馈本乡镇的问题及本期整改状态（仍存在 / 已整改 / 待人工核对 / 对象已不在册）。仍存在的须整改；"
                          "待人工核对的，本工具没有对应规则，请逐条核实。")
    for j, c in enumerate(FEEDBACK_COLUMNS):
        ws.write_string(2, j, c, header)
        ws.set_column(j, j, 20 if c in ("问题类型", "说明", "证件号码") else 11)
    for i, r in enumerate(rows, start=3):
        for j, c in enumerate(FEEDBACK_COLUMNS):
            ws.write_string(i, j, _text(r.get(c)), text)
    ws.freeze_panes(3, 0)


def write_reconcile_book(con, summary: dict, path: Path) -> Path:
    """对账.xlsx: 线索, 省反馈整改进度, 疑似匹配, 说明."""
    wb, fmt = _book(path)
    rec = summary.get("reconcile") or {}

    def sheet(name: str, title: str, query: str, columns) -> None:
        ws = wb.add_worksheet(name)
        ws.write_string(0, 0, title, fmt["title"])
        ws.write_string(1, 0, INTERNAL, fmt["internal"])
        cur = con.execute(query)
        names = [d[0] for d in cur.description]
        _table(ws, fmt, 2, columns, [dict(zip(names, r, strict=True)) for r in cur.fetchall()])

    sheet("部门预警线索", "部门预警线索（全部，含已办结）", "SELECT * FROM clues ORDER BY 乡镇, 村, 线索日期, 线索编号",
          CLUE_SHEET_COLUMNS)
    from .feedback import FEEDBACK_COLUMNS

    if rec.get("feedback"):
        sheet("省反馈整改进度", "省反馈问题整改进度（逐条）", "SELECT * FROM feedback_items ORDER BY 乡镇, 村, 户编号, 来源行号",
              FEEDBACK_COLUMNS)
    sheet("疑似匹配", "只按姓名+村匹配的清单行（证件号码无法使用或对不上）：疑似，须人工核对",
          """SELECT l.清单, l._file AS 来源文件, l._line AS 来源行号, r.姓名, r.证件号码 AS 清单证件号码, l.证件缺陷,
                    m.户编号, m.乡镇, m.村, rm.证件号码 AS 导出证件号码
             FROM lists l JOIN raw_lists r ON r._row = l._row JOIN members m ON m._row = l.匹配行
             JOIN raw rm ON rm._row = m._row
             WHERE l.匹配方式 = '疑似' ORDER BY l._row""",
          ("清单", "来源文件", "来源行号", "姓名", "清单证件号码", "证件缺陷", "户编号", "乡镇", "村", "导出证件号码"))
    ws = wb.add_worksheet("说明")
    lines = [
        "部门清单与导出比对（auditor reconcile）",
        INTERNAL,
        "清单：" + "；".join(f"{x['kind']}清单 {x['file']}（{x['rows']} 行，按证件号码匹配 {x['matched']} 行，疑似 {x['suspected']} 行，"
                           f"日期 {x['date'] or '—'}）" for x in rec.get("lists", [])),
        "匹配：按证件号码（18位取前18位；15位旧号只与相同的15位匹配，不自动升位）；只按姓名+村匹配的为“疑似”，不作为确定匹配。",
        "线索状态：未办结、已逾期（过了截止日期仍未办结）、已纳入监测（导出中该户已为未消除风险的监测对象）、"
        "已排除（交回的交办清单核查结果为不符合条件并有理由）。",
    ]
    for i, line in enumerate(lines):
        ws.write_string(i, 0, line)
    wb.close()
    return path


def write_reconcile(result, folder: Path) -> list[Path]:
    """The reconciliation's outputs of a run into its staging folder (nothing without a reconciliation)."""
    summary = result.summary_json
    if not summary.get("reconcile"):
        return []
    con = result.prep.con
    return [write_reconcile_book(con, summary, folder / "对账.xlsx"),
            *write_assignments(con, summary, folder / ASSIGN_DIR)]
