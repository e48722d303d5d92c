"""自查/<乡镇>.xlsx read back: sheets, cells, highlighting, IDs as text, order, history hooks."""

import openpyxl
import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from factory import household, make_id, person, spouse
from python_calamine import CalamineWorkbook

from auditor.config import Config
from auditor.report.workbook import HIGHLIGHT, write_workbooks

FILL = "FF" + HIGHLIGHT.lstrip("#").upper()
# An ID that would turn into a float if written as a number, and one ending in X.
NUMERIC_ID = make_id("19800101", "男", seq=17)
X_ID = next(i for i in (make_id("19800101", "男", seq=s) for s in range(1, 500)) if i.endswith("X"))


def rows() -> list[dict]:
    # Explicit IDs for the other men: the factory's running sequence wraps every 500 persons, so an
    # automatic ID could repeat NUMERIC_ID or X_ID (A07) depending on which tests ran before.
    return (household(hid="H3", town="涞源镇", village="西关村",
                      members=[person(name="李四", 证件号码=make_id(seq=101), 劳动技能="会干活")])
            + household(hid="H2", town="涞源镇", village="西关村", members=[person(name="张三", 证件号码=NUMERIC_ID, 民族="")])
            + household(hid="H1", town="涞源镇", village="东关村",
                        members=[person(name="欧阳修", 证件号码=X_ID, 民族=""), spouse(name="王芳")], 家庭人口数="3",
                        人均纯收入="8000")  # B08 only: the per-capita income agrees with the declared size
            + household(hid="H9", town="王安镇", village="王安村", members=[person(name="赵六", 证件号码=make_id(seq=102))]))


@pytest.fixture
def books(tmp_path):
    path = write_export(tmp_path / "export", rows())
    cfg = Config(categories={"C03": "非必改"})
    result = run_audit([str(path)], cfg, "2024-06")
    write_outputs(result, tmp_path / "out")
    return result, tmp_path / "out" / "自查", path


def sheet_rows(ws, first: int) -> list[list]:
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def test_one_workbook_per_township(books):
    _, folder, _ = books
    assert sorted(p.name for p in folder.iterdir()) == ["涞源镇.xlsx", "王安镇.xlsx"]
    wb = openpyxl.load_workbook(folder / "涞源镇.xlsx")
    assert wb.sheetnames == ["问题汇总", "问题明细", "原始记录", "说明"]
    for ws in wb:
        assert "内部使用" in str(ws["A1"].value or ws["B1"].value)


def test_summary_sheet(books):
    _, folder, _ = books
    ws = openpyxl.load_workbook(folder / "涞源镇.xlsx")["问题汇总"]
    table = sheet_rows(ws, 6)
    assert table[0] == ["序号", "规则编号", "规则名称", "类别", "维度", "层级", "条数", "涉及户数", "怎么改"]
    body = [r[:8] for r in table[1:4]]
    assert body == [[1, "C01", "民族为空", "必改", "完整性", "人", 2, 2],
                    [2, "B08", "家庭人口数与成员行数不一致", "必改", "逻辑性", "户", 1, 1],
                    [3, "C03", "劳动技能为空或填写有误", "非必改", "准确性", "人", 1, 1]]
    assert all(r[8] for r in table[1:4])  # what to do
    assert "必改 3 条，非必改 1 条" in ws["A3"].value


DETAIL_HEADER = ["序号", "规则编号", "规则名称", "类别", "说明", "问题字段", "当前值", "行政村", "户编号", "户主姓名", "姓名",
                 "证件号码", "来源文件", "来源行号"]


def test_detail_sheet_one_row_per_finding_in_order(books):
    _, folder, _ = books
    ws = openpyxl.load_workbook(folder / "涞源镇.xlsx")["问题明细"]
    header = [c.value for c in ws[2]]
    assert header == DETAIL_HEADER
    assert ws.freeze_panes == "D3"
    assert ws.auto_filter.ref.startswith("A2:")
    body = list(ws.iter_rows(min_row=3, values_only=True))
    got = [(r[0], r[1], r[3], r[7], r[8]) for r in body]
    # 必改 first, then village, then 户编号
    assert got == [(1, "B08", "必改", "东关村", "H1"), (2, "C01", "必改", "东关村", "H1"), (3, "C01", "必改", "西关村", "H2"),
                   (4, "C03", "非必改", "西关村", "H3")]
    ids = {r[header.index("姓名")]: r[header.index("证件号码")] for r in body}
    assert ids["欧阳修"] == X_ID and ids["张三"] == NUMERIC_ID  # unmasked
    b08 = body[0]
    assert b08[header.index("当前值")] and "3" in b08[header.index("当前值")]
    assert isinstance(b08[header.index("来源行号")], int)


def test_record_sheet_has_the_whole_original_row_highlighted(books):
    result, folder, _ = books
    wb = openpyxl.load_workbook(folder / "涞源镇.xlsx")
    ws = wb["原始记录"]
    header = [c.value for c in ws[2]]
    raw_cols = [c for c in result.prep.con.sql("SELECT * FROM raw LIMIT 0").columns if not c.startswith("_")]
    assert header == ["序号", "规则编号", "问题字段", *raw_cols, "来源文件", "来源行号"]
    assert ws.freeze_panes == "D3"
    body = list(ws.iter_rows(min_row=3))
    detail = list(wb["问题明细"].iter_rows(min_row=3, values_only=True))
    assert [(r[0].value, r[1].value) for r in body] == [(d[0], d[1]) for d in detail]  # same rows by 序号
    ids = {r[header.index("姓名")].value: r[header.index("证件号码")] for r in body}
    assert ids["欧阳修"].value == X_ID and ids["张三"].value == NUMERIC_ID
    assert ids["张三"].data_type == "s"  # text, not a number
    for r in body:
        hit = {header[c.column - 1] for c in r if c.fill is not None and c.fill.fgColor.rgb == FILL}
        assert hit == {r[2].value}, r[1].value
    assert body[0][header.index("家庭人口数")].value == "3"
    assert isinstance(body[0][header.index("来源行号")].value, int)


def test_print_setup_and_row_heights(books):
    _, folder, _ = books
    wb = openpyxl.load_workbook(folder / "涞源镇.xlsx")
    for name in ("问题汇总", "问题明细", "原始记录"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, name
    assert wb["问题明细"].print_title_rows == "$2:$2" and wb["问题汇总"].print_title_rows == "$6:$6"
    assert wb["原始记录"].print_title_cols == "$A:$C"
    detail = wb["问题明细"]
    for r in range(3, detail.max_row + 1):  # a row as tall as its longest wrapped cell needs
        note = detail.cell(r, 5).value
        assert detail.row_dimensions[r].height >= 13.5 * min(15, -(-len(note) * 2 // 32)), note


def test_ids_are_text_for_calamine_too(books):
    _, folder, _ = books
    data = CalamineWorkbook.from_path(str(folder / "涞源镇.xlsx")).get_sheet_by_name("问题明细").to_python()
    header = data[1]
    ids = [row[header.index("证件号码")] for row in data[2:]]
    assert NUMERIC_ID in ids and X_ID in ids
    assert all(isinstance(i, str) for i in ids)


def test_clean_township_workbook(books):
    _, folder, _ = books
    wb = openpyxl.load_workbook(folder / "王安镇.xlsx")
    assert "必改问题已清零" in wb["问题汇总"]["A3"].value
    assert wb["问题明细"]["A3"].value == "本期未发现问题。"
    notes = [r[1] for r in wb["说明"].iter_rows(values_only=True)]
    assert any("selfcheck" in str(n) for n in notes)
    labels = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True) if r[0]}
    assert labels["数据月份"].startswith("2024年6月") and labels["类别调整"] == "C03→非必改"


def test_history_status_column_and_fixed_sheet(books, tmp_path):
    result, _, _ = books
    con = result.prep.con
    con.execute("UPDATE findings SET 状态 = CASE WHEN 规则编号 = 'C01' THEN '未整改' ELSE '新增' END")
    con.execute("""CREATE TABLE fixed_findings AS SELECT '涞源镇' AS 乡镇, '东关村' AS 行政村, 'H7' AS 户编号,
                   'C03' AS 规则编号, '劳动技能为空或填写有误' AS 规则名称, '非必改' AS 类别,
                   '钱七' AS 姓名, '130630198001010011' AS 证件号码""")
    out = tmp_path / "hist"
    with_history = {**result.summary_json, "history": {"scope": "涞源县|全县", "previous_period": "2024-05"}}
    write_workbooks(con, with_history, result.rules, out, ["涞源镇"])
    wb = openpyxl.load_workbook(out / "涞源镇.xlsx")
    assert wb.sheetnames == ["问题汇总", "问题明细", "原始记录", "已整改", "说明"]
    detail = sheet_rows(wb["问题明细"], 2)
    assert detail[0][:8] == ["序号", "规则编号", "规则名称", "类别", "说明", "问题字段", "当前值", "状态"]
    assert {r[1]: r[7] for r in detail[1:]} == {"B08": "新增", "C01": "未整改", "C03": "新增"}
    fixed = sheet_rows(wb["已整改"], 3)
    assert fixed[0] == ["规则编号", "规则名称", "类别", "行政村", "户编号", "姓名", "证件号码"]
    assert fixed[1] == ["C03", "劳动技能为空或填写有误", "非必改", "东关村", "H7", "钱七", "130630198001010011"]


def test_findings_beyond_a_sheet_s_rows_continue_on_the_next_sheet(tmp_path, monkeypatch):
    """Excel holds 1 048 576 rows a sheet: past it 问题明细 and 原始记录 continue on （续2）, each with
    its header, every finding once and in order (the limit is made small here)."""
    import auditor.report.workbook as workbook

    monkeypatch.setattr(workbook, "EXCEL_ROWS", 5)  # a header row and 3 findings a sheet
    rows = []
    for j in range(7):
        rows += household(hid=f"H{j}", town="涞源镇", village="东关村", members=[person(name=f"成员{j}", 民族="")])
    result = run_audit([str(write_export(tmp_path / "export", rows))], Config(), "2024-06")
    write_workbooks(result.prep.con, result.summary_json, result.rules, tmp_path / "自查")
    wb = openpyxl.load_workbook(tmp_path / "自查" / "涞源镇.xlsx")
    assert wb.sheetnames == ["问题汇总", "问题明细", "问题明细（续2）", "问题明细（续3）", "原始记录", "原始记录（续2）",
                             "原始记录（续3）", "说明"]
    for base in ("问题明细", "原始记录"):
        sheets = [wb[n] for n in wb.sheetnames if n.startswith(base)]
        assert all(ws["A2"].value == "序号" for ws in sheets)
        numbers = [r[0] for ws in sheets for r in ws.iter_rows(min_row=3, values_only=True)]
        assert numbers == list(range(1, 8)), base
