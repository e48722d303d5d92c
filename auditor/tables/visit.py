"""附表1 入户核实表: a pre-filled, printable form for each household with findings, for the village
cadres who verify suspect records at the door.

Why xlsx (not HTML): office PCs have Excel or WPS and print them reliably (HTML page breaks depend on
the browser), a cadre can also fill the form on screen, and the forms match the self-check workbooks.
Why one file per township (入户核实表/<乡镇>.xlsx), not sheets of 附表.xlsx: the forms hold full
names and ID numbers (内部使用), while 附表.xlsx is submitted upward masked — they must not travel
together, and each township receives only its own households. Inside a file, one sheet per village
(what one cadre prints), at most MAX_FORMS households per sheet (Excel allows 1,026 manual page
breaks per sheet).

Each form: the household's key facts, its active members, and every finding as a checklist line
(规则, 对象, 问题字段, 当前值 as found in the export, 说明, 核实结果 □属实 □有误, 正确值 to fill in),
then signature lines; a page break between households. A4 portrait, fit to the page width.
"""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter

from ..fmt import UNNAMED_VILLAGE, file_stem, month_text, period_text, town_label
from .compute import Context
from .workbook import lines_needed

FOLDER = "入户核实表"
MAX_FORMS = 1000
INTERNAL = "内部使用：本表含完整的姓名、证件号码等个人信息，仅供入户核实使用，不得外传，不随附表上报。"
WIDTHS = (6, 16, 10, 14, 16, 30, 14, 14)  # A–H
CHECK = "□属实  □有误"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True, "num_format": "@"}
        self.internal = wb.add_format({**base, "bold": True, "font_color": "#C00000", "align": "right"})
        self.internal_left = wb.add_format({**base, "bold": True, "font_color": "#C00000", "text_wrap": True})
        self.number = wb.add_format({**base, "bold": True, "font_size": 11})
        self.title = wb.add_format({**base, "bold": True, "font_size": 15, "align": "center"})
        self.line = wb.add_format({**base, "text_wrap": True})
        self.section = wb.add_format({**cell, "bold": True, "bg_color": "#EDEDED"})
        self.label = wb.add_format({**cell, "bold": True, "align": "center"})
        self.value = wb.add_format(cell)
        self.center = wb.add_format({**cell, "align": "center"})
        self.must = wb.add_format({**cell, "font_color": "#C00000"})
        self.blank_box = wb.add_format({**cell, "valign": "top"})
        self.head = wb.add_format({**base, "bold": True})
        self.wrap = wb.add_format({**base, "text_wrap": True, "valign": "top"})


def _town_households(ctx: Context, town: str) -> list[tuple]:
    """The township's households with findings, with their key facts, by village and 户编号."""
    return ctx.con.execute("""
        SELECT h.户编号, h.村,
               CASE WHEN h.户主数 = 1 THEN m.姓名 ELSE coalesce(h.户主姓名, '') || '（户内没有唯一的户主行）' END,
               CASE WHEN h.户主数 = 1 THEN m.证件号码 ELSE h.户主证件号码 END, h.户联系电话, h.户类型,
               h.监测对象类别, h.家庭人口数, h.成员数, h.风险集合, h.识别监测时间, h.月_识别监测时间, h.风险是否已消除,
               h.风险消除方式, h.消除监测时间, h.月_消除监测时间, h.人均纯收入, h.是否危房户, h.是否解决安全饮用水,
               h.是否义务教育阶段适龄儿童少年失学辍学
        FROM households h LEFT JOIN members m ON m._row = h._head_row
        WHERE coalesce(h.乡镇, '') = ? AND h.户编号 IN (SELECT 户编号 FROM findings WHERE 户编号 <> '')
        ORDER BY coalesce(h.村, ''), h.户编号""", [town]).fetchall()


def _by_household(ctx: Context, town: str, sql: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for row in ctx.con.execute(sql, [town]).fetchall():
        out.setdefault(row[0], []).append(row[1:])
    return out


def _members(ctx: Context, town: str) -> dict[str, list[tuple]]:
    return _by_household(ctx, town, """
        SELECT m.户编号, m.姓名, m.与户主关系, m.证件号码, m.健康状况, m.劳动技能, m.在校生状况
        FROM members m JOIN households h ON h.户编号 = m.户编号
        WHERE coalesce(h.乡镇, '') = ? ORDER BY m.户编号, m._row""")


def _findings(ctx: Context, town: str) -> dict[str, list[tuple]]:
    return _by_household(ctx, town, """
        SELECT f.户编号, f.规则编号, f.规则名称, f.类别, f.层级, f.姓名, f.问题字段, f.当前值, f.说明
        FROM findings f JOIN households h ON h.户编号 = f.户编号
        WHERE coalesce(h.乡镇, '') = ?
        ORDER BY f.户编号, f.类别 <> '必改', f.规则编号, f.来源行号""")


def visit_towns(ctx: Context) -> list[str]:
    """Township keys with at least one household to visit, in table order."""
    found = {r[0] for r in ctx.con.execute("""
        SELECT DISTINCT coalesce(h.乡镇, '') FROM households h
        WHERE h.户编号 IN (SELECT 户编号 FROM findings WHERE 户编号 <> '')""").fetchall()}
    return [t for t in ctx.towns if t in found]


def write_visit_forms(ctx: Context, folder: Path) -> tuple[list[Path], int]:
    """入户核实表/<乡镇>.xlsx for every township with households to visit; (files, households)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, total, used = [], 0, set()
    for town in visit_towns(ctx):
        stem = file_stem(town_label(town), used)
        path = folder / f"{stem}.xlsx"
        total += _write_town(ctx, town, path)
        paths.append(path)
    return paths, total


def sheet_names(villages: list[str]) -> list[str]:
    """Valid, unique sheet names: ≤ 31 characters, none of []:*?/\\, no apostrophe at either end, not
    说明 or History (Excel's), unique without case (as Excel compares them)."""
    used = {"说明", "history"}
    out = []
    for v in villages:
        base = _SHEET_BAD.sub("_", v).strip("'").strip()[:28] or "未命名"
        name, n = base, 2
        while name.lower() in used:
            name = f"{base[:26]}({n})"
            n += 1
        used.add(name.lower())
        out.append(name)
    return out


def _write_town(ctx: Context, town: str, path: Path) -> int:
    households = _town_households(ctx, town)
    members, findings = _members(ctx, town), _findings(ctx, town)
    chunks: list[tuple[str, list[tuple]]] = []
    for hh in households:
        village = hh[1] or UNNAMED_VILLAGE
        if not chunks or chunks[-1][0] != village or len(chunks[-1][1]) >= MAX_FORMS:
            chunks.append((village, []))
        chunks[-1][1].append(hh)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{town_label(town)}入户核实表（{period_text(ctx.period)}）", "subject": "内部使用",
                       "comments": INTERNAL, "category": "内部使用"})
    fmt = _Formats(wb)
    _write_index(wb, fmt, ctx, town, chunks, findings)
    for name, (_, forms) in zip(sheet_names([c[0] for c in chunks]), chunks, strict=True):
        ws = wb.add_worksheet(name)
        for j, w in enumerate(WIDTHS):
            ws.set_column(j, j, w)
        r, breaks = 0, []
        for k, hh in enumerate(forms):
            if k:
                breaks.append(r)
            r = _write_form(ws, fmt, ctx, town, hh, members.get(hh[0], []), findings.get(hh[0], []), r)
        ws.set_h_pagebreaks(breaks)
        ws.set_paper(9)
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_header('&L&"宋体,Bold"&KC00000内部使用&C入户核实表&R&A')
        ws.set_footer("&C第 &P 页，共 &N 页")
        ws.print_area(0, 0, max(r - 1, 0), len(WIDTHS) - 1)
    wb.close()
    return len(households)


def _write_index(wb, fmt: _Formats, ctx: Context, town: str, chunks, findings) -> None:
    """The first sheet 说明: how to use the forms, and the households and items per village."""
    ws = wb.add_worksheet("说明")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 3, 12)
    ws.set_column(4, 4, 60)
    ws.merge_range(0, 0, 0, 4, INTERNAL, fmt.internal_left)
    ws.set_row(0, 30)
    ws.write_string(1, 0, f"{ctx.county}{town_label(town)}防返贫监测对象入户核实表（附表1，{period_text(ctx.period)}）",
                    fmt.number)
    steps = [
        "1. 每个行政村一个工作表，每户一页（已设好分页，直接打印即可，A4 纵向）。",
        "2. 入户时逐项核对“核实事项”：情况属实的勾选“□属实”；有误的勾选“□有误”，并在“正确值”栏填写核实后的正确值。",
        "3. “当前值”是导出文件中的原始内容；必改问题（红字）必须改正，非必改问题核实后属实的可保留，需在系统中补充佐证或备注。",
        "4. 核实人、村干部和户主（或家庭成员）签字后交乡镇，由录入员在全国防返贫监测信息系统中改正。",
        "5. 本表含完整姓名、证件号码，仅供入户核实，不得外传、不得公开，不随附表上报；用后按规定存档或销毁。",
    ]
    r = 3
    for step in steps:
        ws.merge_range(r, 0, r, 4, step, fmt.wrap)
        ws.set_row(r, 14 * lines_needed(step, 110) + 2)
        r += 1
    r += 1
    for j, h in enumerate(("行政村", "核实户数", "核实事项", "其中必改", "工作表")):
        ws.write_string(r, j, h, fmt.label)
    names = sheet_names([c[0] for c in chunks])
    for name, (village, forms) in zip(names, chunks, strict=True):
        items = [f for hh in forms for f in findings.get(hh[0], [])]
        r += 1
        ws.write_string(r, 0, village, fmt.value)
        ws.write_number(r, 1, len(forms), fmt.center)
        ws.write_number(r, 2, len(items), fmt.center)
        ws.write_number(r, 3, sum(1 for f in items if f[2] == "必改"), fmt.center)
        ws.write_string(r, 4, name, fmt.value)


def _facts(hh: tuple) -> list[tuple[str, str]]:
    (_, _, head, head_id, phone, kind, category, declared, n, risks, ident, ident_m, removed, way, end, end_m,
     per_capita, unsafe, water, dropout) = hh
    risk_text = "、".join(x for x in (risks or "").strip(",").split(",") if x)
    return [
        ("户主姓名", head or ""), ("户主证件号码", head_id or ""),
        ("户类型", kind or ""), ("联系电话", phone or ""),
        ("监测对象类别", category or "（非监测对象）"), ("致贫/返贫风险", risk_text),
        ("家庭人口数（填报）", declared or ""), ("在册成员数", str(n)),
        ("识别监测时间", month_text(ident_m, ident)), ("风险是否已消除", removed or ""),
        ("风险消除方式", way or ""), ("消除监测时间", month_text(end_m, end)),
        ("人均纯收入（元）", per_capita or ""), ("是否危房户", unsafe or ""),
        ("是否解决安全饮用水", water or ""), ("义务教育阶段失学辍学", dropout or ""),
    ]


def _height(*cells: tuple[str, float]) -> float:
    return 14 * max(lines_needed(text, width) for text, width in cells) + 4


def _write_form(ws, fmt: _Formats, ctx: Context, town: str, hh: tuple, members: list[tuple],
                items: list[tuple], r: int) -> int:
    """One household's form from row r; returns the row after it."""
    hid, village = hh[0], hh[1] or UNNAMED_VILLAGE
    must = sum(1 for f in items if f[2] == "必改")
    ws.write_string(r, 0, "附表1", fmt.number)
    ws.merge_range(r, 5, r, 7, "内部使用 不得外传", fmt.internal)
    r += 1
    ws.merge_range(r, 0, r, 7, f"{ctx.county}防返贫监测对象入户核实表", fmt.title)
    ws.set_row(r, 26)
    r += 1
    where = (f"乡镇：{town_label(town)}    行政村：{village}    户编号：{hid}    统计周期：{period_text(ctx.period)}    "
             f"核实事项 {len(items)} 项（其中必改 {must} 项）")
    ws.merge_range(r, 0, r, 7, where, fmt.line)
    ws.set_row(r, _height((where, sum(WIDTHS))))
    r += 1
    facts = _facts(hh)
    for i in range(0, len(facts), 2):
        (l1, v1), (l2, v2) = facts[i], facts[i + 1]
        ws.merge_range(r, 0, r, 1, l1, fmt.label)
        ws.merge_range(r, 2, r, 3, v1, fmt.value)
        ws.write_string(r, 4, l2, fmt.label)
        ws.merge_range(r, 5, r, 7, v2, fmt.value)
        ws.set_row(r, _height((v1, 24), (l2, 16), (v2, 58)))
        r += 1
    ws.merge_range(r, 0, r, 7, f"家庭成员（在册 {len(members)} 人）", fmt.section)
    r += 1
    for j, h in ((0, "序号"), (1, "姓名"), (2, "与户主关系"), (5, "健康状况"), (6, "劳动技能"), (7, "在校生状况")):
        ws.write_string(r, j, h, fmt.label)
    ws.merge_range(r, 3, r, 4, "证件号码", fmt.label)
    r += 1
    for i, (name, rel, pid, health, labour, school) in enumerate(members, start=1):
        ws.write_string(r, 0, str(i), fmt.center)
        ws.write_string(r, 1, name or "", fmt.value)
        ws.write_string(r, 2, rel or "", fmt.center)
        ws.merge_range(r, 3, r, 4, pid or "", fmt.value)
        ws.write_string(r, 5, health or "", fmt.value)
        ws.write_string(r, 6, labour or "", fmt.value)
        ws.write_string(r, 7, school or "", fmt.value)
        r += 1
    ws.merge_range(r, 0, r, 7, "核实事项（逐项核对后在“核实结果”栏勾选；有误的在“正确值”栏填写核实后的值）", fmt.section)
    r += 1
    for j, h in enumerate(("序号", "规则", "对象", "问题字段", "当前值", "问题说明", "核实结果", "正确值")):
        ws.write_string(r, j, h, fmt.label)
    r += 1
    for i, (rid, name, category, level, person, field, value, note) in enumerate(items, start=1):
        rule = f"{rid} {name}（{category}）"
        who = "全户" if level == "户" else (person or "")
        ws.write_string(r, 0, str(i), fmt.center)
        ws.write_string(r, 1, rule, fmt.must if category == "必改" else fmt.value)
        ws.write_string(r, 2, who, fmt.value)
        ws.write_string(r, 3, field or "", fmt.value)
        ws.write_string(r, 4, value or "", fmt.value)
        ws.write_string(r, 5, note or "", fmt.value)
        ws.write_string(r, 6, CHECK, fmt.center)
        ws.write_blank(r, 7, None, fmt.blank_box)
        ws.set_row(r, max(_height((rule, WIDTHS[1]), (who, WIDTHS[2]), (field or "", WIDTHS[3]),
                                  (value or "", WIDTHS[4]), (note or "", WIDTHS[5])), 30))
        r += 1
    ws.merge_range(r, 0, r, 7, "核实情况说明：", fmt.blank_box)
    ws.set_row(r, 48)
    r += 1
    sign = "核实人（签字）：              村干部（签字）：              户主或家庭成员（签字）：              核实日期：      年    月    日"
    ws.merge_range(r, 0, r, 7, sign, fmt.line)
    ws.set_row(r, 30)
    return r + 2
