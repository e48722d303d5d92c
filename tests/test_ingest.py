"""Ingest reads real export files exactly: every cell as the text found, with its file, sheet and row.

Each test writes a real file (xlsx, xls, CSV in three encodings, parquet, an HTML table saved as
.xls) and reads it with read_exports (fields.md §1, §2, §7).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from exportfiles import (
    HEADER,
    Formula,
    member,
    write_csv,
    write_grid,
    write_html,
    write_parquet,
    write_xls,
    write_xlsx,
)

from auditor.errors import InputError
from auditor.ingest import read_exports
from auditor.normalize import norm_array

FORMATS = ["xlsx", "xls", "csv", "csv-bom", "csv-gbk", "csv-tab", "html"]


def data(ing, *cols: str) -> list[tuple]:
    """The main table's rows, as tuples of the given columns (default: all data columns)."""
    t = ing.main
    names = cols or [c for c in t.column_names if not c.startswith("_")]
    return list(zip(*(t.column(c).to_pylist() for c in names), strict=True))


def lines(ing) -> list[int]:
    return ing.main.column("_line").to_pylist()


def issue(ing, kind_part: str):
    found = [i for i in ing.issues if kind_part in i.kind]
    assert found, f"no issue like {kind_part!r} in {[i.kind for i in ing.issues]}"
    return found[0]


# ---- formats --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_the_same_text(tmp_path, fmt):
    grid = [HEADER, member(1), member(2), ["涞源镇", "东关村", "130630100003", "张　三", "０１２３", "之子", "男"]]
    ing = read_exports([write_grid(tmp_path / "导出", grid, fmt)])
    assert ing.main.column_names[:7] == HEADER
    assert data(ing) == [tuple(r) for r in grid[1:]]
    assert lines(ing) == [2, 3, 4]
    assert set(ing.main.column("_file").to_pylist()) == {"导出" + (".xls" if fmt == "html" else
                                                                  "." + fmt.split("-")[0])}
    assert ing.main.column("_row").to_pylist() == [0, 1, 2]
    assert [s["类型"] for s in ing.sheets] == ["主表"]


def test_extension_is_not_trusted(tmp_path):
    """The first bytes decide: an xlsx named .csv, a CSV named .xls, an HTML table named .xls."""
    grid = [HEADER, member(1)]
    xlsx = write_xlsx(tmp_path / "a.xlsx", {"S": grid}).rename(tmp_path / "a.csv")
    csv_ = write_csv(tmp_path / "b.csv", grid).rename(tmp_path / "b.xls")
    html_ = write_html(tmp_path / "c.xls", grid, "utf-8")
    for path in (xlsx, csv_, html_):
        assert data(read_exports([path])) == [tuple(member(1))], path


def test_html_table_with_long_head_and_unclosed_cells(tmp_path):
    """Web exports put styles before the table and often leave <tr>/<td> unclosed."""
    style = "<style>" + "td {mso-number-format:'\\@';}\n" * 40 + "</style>"
    path = write_html(tmp_path / "web.xls", [HEADER, member(1)], "utf-8", preamble=style)
    assert data(read_exports([path])) == [tuple(member(1))]
    loose = tmp_path / "loose.xls"
    cells = "".join(f"<td>{v}" for v in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{v}" for v in member(i)) for i in (1, 2))
    loose.write_text(f"<table><tr>{cells}{body}</table>", encoding="utf-8")
    ing = read_exports([loose])
    assert data(ing) == [tuple(member(1)), tuple(member(2))]
    assert lines(ing) == [2, 3]


def test_html_colspan_keeps_columns_aligned(tmp_path):
    path = tmp_path / "span.xls"
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    row = "<tr><td colspan=2>涞源镇</td>" + "".join(f"<td>{v}</td>" for v in member(1)[2:]) + "</tr>"
    path.write_text(f"<table><tr><td colspan=7>XX县脱贫人口信息表</td></tr><tr>{head}</tr>{row}</table>",
                    encoding="utf-8")
    ing = read_exports([path])
    assert data(ing) == [("涞源镇", "", *member(1)[2:])]
    assert lines(ing) == [3]


def test_parquet_typed_columns_become_text(tmp_path):
    table = pa.table({
        "乡": ["涞源镇", "涞源镇", None],
        "村": ["东关村", "东关村", "西关村"],
        "户编号": pa.array([130630100001, 130630100002, 130630100003], pa.int64()),
        "姓名": ["甲", "乙", "丙"],
        "证件号码": pa.array([1.30630198001011e17, 1.3063e17, None], pa.float64()),
        "与户主关系": ["户主", "户主", "户主"],
        "识别监测时间": pa.array([202208.0, 202208.5, None], pa.float64()),
        "出生日期": pa.array([dt.date(1980, 1, 1), None, dt.date(2000, 2, 29)], pa.date32()),
        "年度": pa.array([2024, 2024, None], pa.int32()),
        "是否危房户": pa.array([True, False, None]),
        "风险线索发现时间": pa.array([dt.datetime(2024, 1, 5, 12, 30), dt.datetime(2024, 1, 5), None],
                                     pa.timestamp("us")),
    })
    ing = read_exports([write_parquet(tmp_path / "省级.parquet", table)])
    assert data(ing, "户编号", "证件号码", "识别监测时间", "出生日期", "年度", "是否危房户", "风险线索发现时间") == [
        ("130630100001", "130630198001011000", "202208", "1980-01-01", "2024", "TRUE", "2024-01-05 12:30:00"),
        ("130630100002", "130630000000000000", "202208.5", "", "2024", "FALSE", "2024-01-05"),
        ("130630100003", "", "", "2000-02-29", "", "", ""),
    ]
    assert data(ing, "乡") == [("涞源镇",), ("涞源镇",), ("",)]
    assert ing.main.column("_num_证件号码").to_pylist() == [True, True, False]
    assert lines(ing) == [2, 3, 4]  # as if the column names were row 1, like the same table in Excel


# ---- several files, several sheets -----------------------------------------------------------------


def test_several_files_are_concatenated_with_their_source(tmp_path):
    a = write_xlsx(tmp_path / "甲镇.xlsx", {"基础信息": [["甲镇脱贫人口信息表"], HEADER, member(1), [], member(2)]})
    b = write_csv(tmp_path / "乙镇.csv", [HEADER, member(3, "乙镇")], "gbk")
    c = write_xls(tmp_path / "丙镇.xls", {"Sheet1": [HEADER, member(4, "丙镇"), member(5, "丙镇")]})
    ing = read_exports([a, b, c])
    assert data(ing, "姓名", "_file", "_sheet", "_line") == [
        ("成员1", "甲镇.xlsx", "基础信息", 3),
        ("成员2", "甲镇.xlsx", "基础信息", 5),
        ("成员3", "乙镇.csv", "", 2),
        ("成员4", "丙镇.xls", "Sheet1", 2),
        ("成员5", "丙镇.xls", "Sheet1", 3),
    ]
    assert ing.main.column("_row").to_pylist() == [0, 1, 2, 3, 4]
    assert [s["文件"] for s in ing.sheets] == ["甲镇.xlsx", "乙镇.csv", "丙镇.xls"]


def test_files_with_different_columns_are_aligned_by_name(tmp_path):
    a = write_csv(tmp_path / "a.csv", [[*HEADER, "民族"], [*member(1), "汉族"]])
    b = write_csv(tmp_path / "b.csv", [["民族", *reversed(HEADER)], ["回族", *reversed(member(2))]])
    c = write_csv(tmp_path / "c.csv", [HEADER, member(3)])
    ing = read_exports([a, b, c])
    assert data(ing, "姓名", "民族", "证件号码") == [
        ("成员1", "汉族", member(1)[4]), ("成员2", "回族", member(2)[4]), ("成员3", "", member(3)[4])]
    assert issue(ing, "缺少列").file == "c.csv"
    assert "民族" in issue(ing, "缺少列").detail


def test_workbook_with_main_and_secondary_sheets(tmp_path):
    work = [["户编号", "姓名", "证件号码", "开始时间", "结束时间", "是否已务工"],
            ["130630100001", "成员1", member(1)[4], "202301", "", "是"]]
    notes = [["填表说明"], ["1. 证件号码请以文本格式录入"]]
    path = write_xlsx(tmp_path / "全县.xlsx", {"说明": notes, "基础信息": [HEADER, member(1)], "务工": work})
    ing = read_exports([path])
    assert data(ing, "姓名", "_sheet") == [("成员1", "基础信息")]
    extra = ing.extras["务工监测表"]
    assert extra.column("开始时间").to_pylist() == ["202301"]
    assert extra.column("_sheet").to_pylist() == ["务工"]
    assert extra.column("_line").to_pylist() == [2]
    assert {s["工作表"]: s["类型"] for s in ing.sheets} == {"基础信息": "主表", "务工": "务工监测表"}


def test_sheet_found_wherever_it_starts(tmp_path):
    """Data starting at C4 (empty rows and columns before it): row numbers as Excel shows them."""
    path = write_xlsx(tmp_path / "偏移.xlsx", {"S": [HEADER, member(1), member(2)]}, offset=(3, 2))
    ing = read_exports([path])
    assert data(ing) == [tuple(member(1)), tuple(member(2))]
    assert lines(ing) == [5, 6]


# ---- title rows and header rows ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_rows_above_the_header(tmp_path, fmt):
    grid = [["XX县脱贫人口信息表"], ["数据截至2024年6月30日", None, None, None, None, None, "单位：元"], [],
            HEADER, member(1), member(2)]
    ing = read_exports([write_grid(tmp_path / "t", grid, fmt)])
    assert data(ing) == [tuple(member(1)), tuple(member(2))]
    assert lines(ing) == [5, 6]


def test_header_must_be_within_the_scanned_rows(tmp_path):
    grid = [["说明"]] * 10 + [HEADER, member(1)]
    path = write_grid(tmp_path / "deep", grid, "xlsx")
    with pytest.raises(InputError, match=r"deep\.xlsx"):
        read_exports([path])
    assert data(read_exports([path], scan_rows=11)) == [tuple(member(1))]


# Layout A: group names above, field names below; ungrouped columns merged down (name above only).
LAYOUT_A = [
    ["序号", "乡", "村", None, None, None, None, "收入情况", None, "风险消除后收入情况", None],
    [None, None, None, "户编号", "姓名", "证件号码", "与户主关系", "工资性收入", "转移性收入", "工资性收入",
     "转移性收入"],
]
# Layout B: ungrouped names above (merged down), the fields of each group below its name.
LAYOUT_B = [
    ["乡", "村", "户编号", "姓名", "证件号码", "与户主关系", "收入情况", None, "风险消除后收入情况", None],
    [None, None, None, None, None, None, "工资性收入", "转移性收入", "工资性收入", "转移性收入"],
]
INCOME = ["工资性收入", "转移性收入", "风险消除后工资性收入", "风险消除后转移性收入"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv", "html"])
def test_two_row_header_layout_a(tmp_path, fmt):
    row = ["1", "涞源镇", "东关村", "130630100001", "甲", member(1)[4], "户主", "12000", "500", "9000", "300"]
    ing = read_exports([write_grid(tmp_path / "a", [["XX县监测对象信息表"], *LAYOUT_A, row], fmt)])
    assert data(ing, "序号", "乡", "户编号", *INCOME) == [("1", "涞源镇", "130630100001", "12000", "500", "9000", "300")]
    assert lines(ing) == [4]
    assert ing.headers["风险消除后工资性收入"] == "工资性收入"
    assert "风险消除后工资性收入" in issue(ing, "重复表头").detail


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv", "html"])
def test_two_row_header_layout_b(tmp_path, fmt):
    row = ["涞源镇", "东关村", "130630100001", "甲", member(1)[4], "户主", "12000", "500", "9000", "300"]
    ing = read_exports([write_grid(tmp_path / "b", [*LAYOUT_B, row, row], fmt)])
    assert data(ing, "乡", "户编号", *INCOME) == [("涞源镇", "130630100001", "12000", "500", "9000", "300")] * 2
    assert lines(ing) == [3, 4]


def test_two_row_header_with_merged_cells(tmp_path):
    """As Excel saves it: merged ranges hold their value in the top-left cell only."""
    upper = ["乡", "村", "户编号", "姓名", "证件号码", "与户主关系", None, None, None, None]
    lower = [None] * 6 + ["工资性收入", "财产性收入", "工资性收入", "财产性收入"]
    merges = [(0, c, 1, c, upper[c]) for c in range(6)] + [(0, 6, 0, 7, "收入情况"), (0, 8, 0, 9, "风险消除后收入情况")]
    row = ["涞源镇", "东关村", "130630100001", "甲", member(1)[4], "户主", "1", "2", "3", "4"]
    path = write_xlsx(tmp_path / "merged.xlsx", {"S": [upper, lower, row]}, merges={"S": merges})
    ing = read_exports([path])
    assert data(ing, "户编号", "工资性收入", "财产性收入", "风险消除后工资性收入", "风险消除后财产性收入") == [
        ("130630100001", "1", "2", "3", "4")]
    assert lines(ing) == [3]


def test_groups_over_every_column(tmp_path):
    """Layout A where every column sits under a group, so the lower row is complete."""
    upper = ["基本信息", None, None, None, None, None, "收入情况", None, "风险消除后收入情况", None]
    lower = ["乡", "村", "户编号", "姓名", "证件号码", "与户主关系", "工资性收入", "转移性收入", "工资性收入", "转移性收入"]
    row = ["涞源镇", "东关村", "130630100001", "甲", member(1)[4], "户主", "1", "2", "3", "4"]
    ing = read_exports([write_grid(tmp_path / "g", [upper, lower, row], "xlsx")])
    assert data(ing, *INCOME) == [("1", "2", "3", "4")]


def test_plain_duplicate_headers_are_numbered(tmp_path):
    header = [*HEADER, "工资性收入", "工资性收入", "备注", "工资性收入", "备注"]
    ing = read_exports([write_grid(tmp_path / "d", [header, [*member(1), "1", "2", "x", "3", "y"]], "csv")])
    assert data(ing, "工资性收入", "工资性收入#2", "工资性收入#3") == [("1", "2", "3")]
    assert "风险消除后工资性收入" not in ing.main.column_names
    assert "工资性收入#2" in issue(ing, "重复表头").detail
    assert data(ing, "备注", "备注#2") == [("x", "y")]


def test_duplicate_under_a_group_without_消除_is_numbered(tmp_path):
    upper = [None] * 7 + ["收入情况", None, "识别时收入情况"]
    lower = [*HEADER, "工资性收入", "转移性收入", "工资性收入"]
    ing = read_exports([write_grid(tmp_path / "g", [upper, lower, [*member(1), "1", "2", "3"]], "xlsx")])
    assert data(ing, "工资性收入", "工资性收入#2") == [("1", "3")]


def test_header_aliases_and_spelling(tmp_path):
    header = ["★乡镇", "行政村", "* 户编号", "＊姓名", "身份证号码", "与户主\u3000关系", "工资性收入（元）",
              "家庭人均纯收入(元)", "务工时长(月)", "检测对象类别", "致贫/返贫风险", "公益性岗位",
              "是否参加新型农村合作医疗（城乡居民基本医疗保险）", "务工时间（月）", "姓名（元）", "户编\n号码"]
    values = [str(i) for i in range(len(header))]
    ing = read_exports([write_grid(tmp_path / "h", [header, values], "xlsx")])
    expected = ["乡", "村", "户编号", "姓名", "证件号码", "与户主关系", "工资性收入", "人均纯收入", "务工时间（月）",
                "监测对象类别", "致贫/返贫风险1", "公益岗位帮扶", "是否参加城乡居民基本医疗保险", "务工时间（月）#2",
                "姓名（元）", "户编\n号码"]
    assert [c for c in ing.main.column_names if not c.startswith("_")] == expected
    assert data(ing) == [tuple(values)]
    assert ing.headers["证件号码"] == "身份证号码"
    assert ing.headers["户编号"] == "* 户编号"
    unknown = issue(ing, "未识别").detail
    assert "姓名（元）" in unknown


def test_unnamed_columns(tmp_path):
    """A blank header over values is kept as 第N列; a blank header over nothing is not a column."""
    header = [*HEADER, None, None, "民族"]
    row = [*member(1), "备注文字", None, "汉族"]
    ing = read_exports([write_grid(tmp_path / "u", [header, row], "xlsx")])
    assert data(ing, "第8列", "民族") == [("备注文字", "汉族")]
    assert "第9列" not in ing.main.column_names


# ---- rows dropped and kept ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_note_total_repeated_header_and_empty_rows(tmp_path, fmt):
    grid = [
        HEADER,                                    # line 1
        member(1),                                 # 2
        [None] * 7,                                # 3 empty: skipped, not reported
        member(2),                                 # 4
        HEADER,                                    # 5 repeated header (files pasted together)
        member(3),                                 # 6
        [None, None, None, None, None, None, "男"],  # 7 no 户编号, 证件号码 or 姓名
        ["合　计", None, None, None, None, None, "3"],  # 8
        ["注：本表由系统导出"],                        # 9
        [None, "填表人：张三", None, None, "审核人：李四"],  # 10
        [],                                        # 11
    ]
    ing = read_exports([write_grid(tmp_path / "n", grid, fmt)])
    assert data(ing, "姓名") == [("成员1",), ("成员2",), ("成员3",)]
    assert lines(ing) == [2, 4, 6]
    assert issue(ing, "注释行").lines == [8, 9, 10]
    assert issue(ing, "重复表头行").lines == [5]
    assert issue(ing, "无户编号").lines == [7]
    assert all(3 not in i.lines and 11 not in i.lines for i in ing.issues)


def test_repeated_two_row_header_is_dropped(tmp_path):
    row = ["涞源镇", "东关村", "130630100001", "甲", member(1)[4], "户主", "1", "2", "3", "4"]
    ing = read_exports([write_grid(tmp_path / "r", [*LAYOUT_B, row, *LAYOUT_B, row], "csv")])
    assert lines(ing) == [3, 6]
    assert issue(ing, "重复表头行").lines == [4, 5]


def test_a_row_with_only_a_name_is_kept(tmp_path):
    """Any one of 户编号, 证件号码, 姓名 keeps the row (rules report what is missing)."""
    grid = [HEADER, [None, None, None, "孤儿", None, None, None], [None, None, "130630100009", None, None, None, None]]
    ing = read_exports([write_grid(tmp_path / "k", grid, "xlsx")])
    assert lines(ing) == [2, 3]


def test_only_note_rows_are_not_data(tmp_path):
    with pytest.raises(InputError, match="没有数据行"):
        read_exports([write_grid(tmp_path / "e", [HEADER, ["合计"]], "csv")])


# ---- cells ----------------------------------------------------------------------------------------


def test_wrapped_and_apostrophe_values_kept_as_found(tmp_path):
    path = tmp_path / "w.csv"
    ident = "130630198001011234"
    path.write_text(",".join(HEADER) + "\r\n"
                    + f'涞源镇,东关村,="130630100001",甲,="{ident}",户主,男\r\n'
                    + f"涞源镇,东关村,'130630100002,乙,'{ident},户主,女\r\n"
                    + f'涞源镇,东关村,"=""130630100003""",丙,"=""\'{ident}""",户主,男\r\n', encoding="utf-8")
    ing = read_exports([path])
    assert data(ing, "户编号", "证件号码") == [
        ('="130630100001"', f'="{ident}"'), ("'130630100002", f"'{ident}"), ('="130630100003"', f"=\"'{ident}\"")]
    normed = norm_array(ing.main.column("证件号码").combine_chunks(), ["nan"]).to_pylist()
    assert normed == [ident] * 3


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_numbers_as_excel_shows_them(tmp_path, fmt):
    header = [*HEADER, "识别监测时间", "工资性收入", "转移性收入", "人均纯收入", "家庭人口数", "户主证件号码"]
    # 130630198001011234 typed into Excel is kept to 15 digits: the cell holds 1.30630198001011E+17.
    row = [*member(1)[:4], 1.30630198001011e17, "户主", "男", 202208, 202208.5, 0.1, -1500.0, 3.0, 1.3063e17]
    ing = read_exports([write_grid(tmp_path / "num", [header, row], fmt)])
    got = data(ing, "证件号码", "识别监测时间", "工资性收入", "转移性收入", "人均纯收入", "家庭人口数", "户主证件号码")
    # Shortest round-trip digits, written out without exponent: what Excel displays, no digit invented.
    assert got == [("130630198001011000", "202208", "202208.5", "0.1", "-1500", "3", "130630000000000000")]
    assert ing.main.column("_num_证件号码").to_pylist() == [True]
    assert ing.main.column("_num_户主证件号码").to_pylist() == [True]


def test_ids_mangled_by_excel_are_kept_exactly(tmp_path):
    """Text like 1.30630E+17 or a trailing 000 is kept; numbers are flagged; nothing is repaired."""
    header = HEADER
    rows = [
        ["涞源镇", "东关村", "130630100001", "甲", "1.30630E+17", "户主", "男"],
        ["涞源镇", "东关村", "130630100001", "乙", "130630198001011000", "配偶", "女"],
        ["涞源镇", "东关村", "130630100001", "丙", "130630198001011234.0", "之子", "男"],
        ["涞源镇", "东关村", "130630100001", "丁", 1.30630198001011e17, "之女", "女"],
        ["涞源镇", "东关村", 1306301000010001, "戊", "13063019800101123X12", "之父", "男"],
    ]
    ing = read_exports([write_grid(tmp_path / "ids", [header, *rows], "xlsx")])
    assert data(ing, "证件号码") == [("1.30630E+17",), ("130630198001011000",), ("130630198001011234.0",),
                                   ("130630198001011000",), ("13063019800101123X12",)]
    assert ing.main.column("_num_证件号码").to_pylist() == [False, False, False, True, False]
    assert data(ing, "户编号")[-1] == ("1306301000010001",)
    assert issue(ing, "户编号以数值存储").lines == [6]


def test_ids_in_csv_stay_text(tmp_path):
    grid = [HEADER, ["涞源镇", "东关村", "0130630100001", "甲", "1.30630E+17", "户主", "男"],
            ["涞源镇", "东关村", "130630100001", "乙", "130630198001011234.0", "配偶", "女"]]
    ing = read_exports([write_grid(tmp_path / "ids", grid, "csv")])
    assert data(ing, "户编号", "证件号码") == [("0130630100001", "1.30630E+17"), ("130630100001", "130630198001011234.0")]
    assert "_num_证件号码" not in ing.main.column_names


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_excel_dates(tmp_path, fmt):
    header = [*HEADER, "出生日期", "识别监测时间"]
    row = [*member(1), dt.date(1980, 1, 1), dt.datetime(2022, 8, 1, 0, 0)]
    ing = read_exports([write_grid(tmp_path / "dates", [header, row], fmt)])
    assert data(ing, "出生日期", "识别监测时间") == [("1980-01-01", "2022-08-01")]


def test_excel_datetime_with_time_and_booleans_and_errors(tmp_path):
    header = [*HEADER, "风险线索发现时间", "是否危房户", "人均纯收入", "家庭纯收入"]
    row = [*member(1), dt.datetime(2024, 1, 5, 12, 30, 15), True, Formula("=NA()", "#N/A"),
           Formula("=1/0", "#DIV/0!")]
    ing = read_exports([write_xlsx(tmp_path / "e.xlsx", {"S": [header, row]})])
    assert data(ing, "风险线索发现时间", "是否危房户", "人均纯收入", "家庭纯收入") == [
        ("2024-01-05 12:30:15", "TRUE", "#N/A", "#DIV/0!")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_is_never_trimmed_or_converted(tmp_path, fmt):
    header = [*HEADER, "民族", "工资性收入", "出生日期"]
    odd = [" 涞源镇 ", "东关村\u3000", "0130630100001", "张　三", "１３０６３０１９８００１０１１２３４", "户主", "男 ",
           "汉", "012000", "1980-1-1"]
    if fmt == "html":  # spaces around a cell's text are HTML layout, not content (U+3000 is content)
        odd[0], odd[6] = "涞源镇", "男"
    ing = read_exports([write_grid(tmp_path / "odd", [header, odd], fmt)])
    assert data(ing) == [tuple(odd)]


def test_empty_and_zero_stay_different(tmp_path):
    header = [*HEADER, "工资性收入", "转移性收入"]
    ing = read_exports([write_grid(tmp_path / "z", [header, [*member(1), 0, None]], "xlsx")])
    assert data(ing, "工资性收入", "转移性收入") == [("0", "")]


def test_newlines_inside_cells(tmp_path):
    header = [*HEADER, "其他备注"]
    grid = [header, [*member(1), "第一行\n第二行"], member(2)]
    for fmt in ("xlsx", "csv"):
        ing = read_exports([write_grid(tmp_path / f"nl{fmt}", grid, fmt)])
        assert data(ing, "其他备注") == [("第一行\n第二行",), ("",)]
        assert lines(ing) == [2, 3]


def test_ragged_csv_rows(tmp_path):
    """Rows shorter or longer than the header (hand-made CSV) are padded, and nothing is lost."""
    path = tmp_path / "ragged.csv"
    path.write_text("XX县脱贫人口信息表\n" + ",".join(HEADER) + "\n" + ",".join(member(1)[:5]) + "\n"
                    + ",".join(member(2)) + ",多余\n", encoding="utf-8")
    ing = read_exports([path])
    assert data(ing, "姓名", "与户主关系") == [("成员1", ""), ("成员2", "户主")]
    assert lines(ing) == [3, 4]
    assert "多余" in ing.main.column("第8列").to_pylist()


def test_extras_keep_their_rows(tmp_path):
    plan = [["户编号", "姓名", "证件号码", "是否计划务工", "就业服务需求"], ["130630100001", "甲", "", "是", "技能培训"],
            [None] * 5, ["注：计划务工表"]]
    path = write_xlsx(tmp_path / "x.xlsx", {"基础信息": [HEADER, member(1)], "计划": plan})
    ing = read_exports([path])
    t = ing.extras["计划外出务工表"]
    assert t.column("是否计划务工").to_pylist() == ["是"]
    assert t.column("_line").to_pylist() == [2]


def test_html_grouped_header_with_rowspan_and_colspan(tmp_path):
    """A web export lays out a two-row header with rowspan (ungrouped) and colspan (groups)."""
    top = "".join(f"<th rowspan=2>{h}</th>" for h in HEADER[:6])
    top += "<th colspan=2>收入情况</th><th colspan=2>风险消除后收入情况</th>"
    sub = "<th>工资性收入</th><th>转移性收入</th>" * 2
    row = "".join(f"<td>{v}</td>" for v in [*member(1)[:6], "1", "2", "3", "4"])
    path = tmp_path / "web.xls"
    path.write_text(f"<table><tr>{top}</tr><tr>{sub}</tr><tr>{row}</tr></table>", encoding="utf-8")
    ing = read_exports([path])
    assert data(ing, "姓名", *INCOME) == [("成员1", "1", "2", "3", "4")]
    assert lines(ing) == [3]


def test_csv_delimiter_is_not_fooled_by_tabs_inside_values(tmp_path):
    grid = [[*HEADER, "其他备注"], [*member(1), "a\tb\tc\td\te\tf\tg\th"], [*member(2), "\t" * 40]]
    ing = read_exports([write_csv(tmp_path / "tabs.csv", grid)])
    assert data(ing, "姓名", "其他备注") == [("成员1", "a\tb\tc\td\te\tf\tg\th"), ("成员2", "\t" * 40)]
    grid = [[*HEADER, "其他备注"], [*member(1), "a,b,c,d"], [*member(2), "," * 40]]
    ing = read_exports([write_csv(tmp_path / "commas.csv", grid, delimiter="\t")])
    assert data(ing, "姓名", "其他备注") == [("成员1", "a,b,c,d"), ("成员2", "," * 40)]


def test_csv_line_separators_inside_values_do_not_shift_rows(tmp_path):
    """U+2028, form feed and the like are not line ends in CSV: the header must be found in place."""
    grid = [["标题\u2028第二段\x0c第三段"], [], [*HEADER, "其他备注"], [*member(1), "甲\u2029乙\x1c丙\x85丁"]]
    ing = read_exports([write_csv(tmp_path / "sep.csv", grid)])
    assert data(ing, "姓名", "其他备注") == [("成员1", "甲\u2029乙\x1c丙\x85丁")]
    assert lines(ing) == [4]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_scan_rows_beyond_the_default_head(tmp_path, fmt):
    grid = [[f"说明第{i}行"] for i in range(45)] + [HEADER, member(1)]
    ing = read_exports([write_grid(tmp_path / "far", grid, fmt)], scan_rows=50)
    assert data(ing) == [tuple(member(1))]
    assert lines(ing) == [47]


def test_several_main_sheets_in_one_workbook(tmp_path):
    path = write_xlsx(tmp_path / "全县.xlsx", {"涞源镇": [HEADER, member(1)], "银坊镇": [HEADER, member(2, "银坊镇")]})
    ing = read_exports([path])
    assert data(ing, "乡", "_sheet", "_line") == [("涞源镇", "涞源镇", 2), ("银坊镇", "银坊镇", 2)]
    assert "涞源镇、银坊镇" in issue(ing, "多张主表").detail


def test_error_cells_wherever_the_sheet_starts(tmp_path):
    header = [*HEADER, "人均纯收入"]
    rows = [[*member(i), Formula("=NA()", "#N/A") if i % 2 else 1500] for i in range(1, 6)]
    path = write_xlsx(tmp_path / "err.xlsx", {"S": [["标题"], header, *rows]}, offset=(2, 3))
    ing = read_exports([path])
    assert data(ing, "人均纯收入") == [("#N/A",), ("1500",), ("#N/A",), ("1500",), ("#N/A",)]
    assert lines(ing) == [5, 6, 7, 8, 9]


def test_number_text():
    from auditor.ingest.cells import number_text

    assert [number_text(v) for v in (202208.0, 202208.5, 0.1, -0.0, 1e20, 1.30630198001011e17, 2.0**53,
                                     130630198001011234.0, 1e-7, float("inf"))] == [
        "202208", "202208.5", "0.1", "0", "100000000000000000000", "130630198001011000", "9007199254740992",
        "130630198001011230", "1e-07", "inf"]


def test_invalid_bytes_past_the_first_bytes(tmp_path):
    """The first bytes only guess the encoding; a bad byte far down still refuses the file."""
    path = tmp_path / "broken.csv"
    body = "".join(f"{i},x{i},id{i},户主\n" for i in range(5000))
    path.write_bytes(("户编号,姓名,证件号码,与户主关系\n" + body).encode() + b"9,\xff\xfe\x80,id,x\n")
    with pytest.raises(InputError, match="编码"):
        read_exports([path])


def test_many_quoted_line_breaks(tmp_path):
    header = [*HEADER, "其他备注"]
    grid = [header, *([*member(i), f"第{i}行\n续\r\n再续" if i % 3 else ""] for i in range(3000))]
    ing = read_exports([write_csv(tmp_path / "breaks.csv", grid)])
    assert data(ing, "其他备注") == [(r[-1],) for r in grid[1:]]
    assert lines(ing) == list(range(2, 3002))
