"""Differential: an .xlsx sheet read by fastexcel (ingest/text_xlsx, all-text sheets) gives exactly
what the cell-by-cell python-calamine path gives: the same head rows, first line, width, text of
every cell, 'was numeric' flags and line numbers (issue 17 (a)).

Sheets are generated (text of every kind, blank rows, a used range away from A1, error cells, and
sometimes a number, date or boolean, which must send the sheet back to python-calamine), written by
xlsxwriter and by openpyxl, and read both ways. Each case also checks which path was taken, so a
fast path that never runs, or runs on a sheet with a number, fails here.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from exportfiles import Formula, write_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st
from test_ingest_property import CELL

from auditor import demo
from auditor.ingest import read_exports, readers, text_xlsx


def read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list, dict[str, bool]]:
    """Every sheet as (name, head, first line, width, texts, flags, lines): the calamine path, the
    default path, and for each sheet fastexcel was tried on (a number, date or boolean in its first
    rows sends a sheet to calamine without trying) whether it read it."""
    taken: dict[str, bool] = {}
    real = text_xlsx.text_sheet

    def recorded(reader, sheet, errors):
        out = real(reader, sheet, errors)
        taken[sheet] = out is not None
        return out

    with monkeypatch.context() as m:
        m.setattr(text_xlsx, "text_sheet", lambda *args: None)
        old = _sheets(path)
    with monkeypatch.context() as m:
        m.setattr(text_xlsx, "text_sheet", recorded)
        new = _sheets(path)
    return old, new, taken


def _sheets(path: Path) -> list:
    out = []
    for g in readers.read_grids(path):
        width = max([g.width, *map(len, g.head)])
        texts, flags, lines = [], [], []
        for cols, numeric, line in g.chunks(0, width):
            texts.append([c.to_pylist() for c in cols])
            flags.append([None if f is None or not any(f.to_pylist()) else f.to_pylist() for f in numeric])
            lines.append(line.to_pylist())
        out.append((g.sheet, g.head, g.first_line, g.width, texts, flags, lines))
    return out


TYPED = st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False),
                  st.just(1.30630198001011e17), st.booleans(), st.just(dt.date(2022, 8, 1)))
ERROR = st.sampled_from([Formula("=1/0", "#DIV/0!"), Formula("=NA()", "#N/A")])


@st.composite
def sheets(draw) -> tuple[list[list[object]], tuple[int, int], bool]:
    """A grid, its offset in the sheet, and whether it holds a typed (non-text) cell."""
    cell = st.one_of(CELL, CELL, st.none(), ERROR) if draw(st.booleans()) else st.one_of(CELL, st.none())
    width, height = draw(st.integers(1, 6)), draw(st.integers(0, 12))
    grid = [[draw(cell) for _ in range(width)] if draw(st.integers(0, 5)) else [None] * width
            for _ in range(height)]
    typed = bool(grid) and draw(st.integers(0, 3)) == 0
    if typed:
        grid[draw(st.integers(0, height - 1))][draw(st.integers(0, width - 1))] = draw(TYPED)
    return grid, (draw(st.integers(0, 3)), draw(st.integers(0, 3))), typed


@settings(max_examples=60, deadline=None)
@given(sheets())
def test_xlsxwriter_sheets_read_the_same_both_ways(case):
    grid, offset, typed = case
    with tempfile.TemporaryDirectory() as d, pytest.MonkeyPatch.context() as mp:
        path = write_xlsx(Path(d) / "t.xlsx", {"基础信息": grid}, offset=offset)
        old, new, taken = read_both(path, mp)
    assert new == old
    assert taken in ({}, {"基础信息": False}) if typed else taken == {"基础信息": bool(old[0][1])}


@settings(max_examples=30, deadline=None)
@given(sheets())
def test_openpyxl_sheets_read_the_same_both_ways(case):
    """openpyxl writes its own XML (shared strings, no spans, another attribute order)."""
    grid, offset, typed = case
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "基础信息"
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value is not None and not isinstance(value, Formula):
                ws.cell(i + 1 + offset[0], j + 1 + offset[1]).value = value
                if isinstance(value, str):
                    ws.cell(i + 1 + offset[0], j + 1 + offset[1]).data_type = "s"  # not a formula
    with tempfile.TemporaryDirectory() as d, pytest.MonkeyPatch.context() as mp:
        path = Path(d) / "t.xlsx"
        wb.save(path)
        old, new, taken = read_both(path, mp)
    assert new == old
    assert taken in ({}, {"基础信息": False}) if typed else taken == {"基础信息": bool(old[0][1])}


def test_an_id_stored_as_a_number_is_read_by_calamine_and_reported_as_found(tmp_path, monkeypatch):
    """One numeric ID in a text sheet: fastexcel would write its binary value (…011008); the sheet
    goes to python-calamine, which gives Excel's 130630198001011000 and the numeric flag (A02)."""
    rows = [["乡", "村", "户编号", "姓名", "证件号码", "与户主关系"],
            ["涞源镇", "东关村", "1306300001", "甲", 1.30630198001011e17, "户主"],
            ["涞源镇", "东关村", "1306300002", "乙", "130630198001011234", "户主"]]
    path = write_xlsx(tmp_path / "t.xlsx", {"基础信息": rows})
    old, new, taken = read_both(path, monkeypatch)
    assert new == old and taken == {}  # the number is in the first rows: fastexcel is not tried
    main = read_exports([path]).main
    assert main.column("证件号码").to_pylist() == ["130630198001011000", "130630198001011234"]
    assert main.column("_num_证件号码").to_pylist() == [True, False]


def test_error_cells_keep_their_text_on_the_fast_path(tmp_path, monkeypatch):
    rows = [["乡", "村", "户编号", "姓名", "证件号码", "与户主关系"],
            ["涞源镇", Formula("=NA()", "#N/A"), "1306300001", "甲", "130630198001011234", "户主"]]
    path = write_xlsx(tmp_path / "t.xlsx", {"基础信息": rows}, offset=(2, 1))
    old, new, taken = read_both(path, monkeypatch)
    assert new == old and taken == {"基础信息": True}
    main = read_exports([path]).main
    assert main.column("村").to_pylist() == ["#N/A"] and main.column("_line").to_pylist() == [4]


def test_a_sheet_of_each_kind_in_one_workbook(tmp_path, monkeypatch):
    """Per sheet: the all-text one by fastexcel, the one with a date by calamine, the empty one
    (nothing to read) by calamine; a chart sheet is skipped by both."""
    import xlsxwriter

    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("文本").write_string(3, 2, "甲")
    dated = wb.add_worksheet("日期")
    dated.write_string(0, 0, "乙")
    dated.write_datetime(1, 0, dt.datetime(2022, 8, 1), wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.add_worksheet("空")
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=文本!$C$4:$C$4"})
    wb.add_chartsheet("图").set_chart(chart)
    wb.close()
    old, new, taken = read_both(path, monkeypatch)
    assert new == old
    assert [s[0] for s in new] == ["文本", "日期", "空"] and taken == {"文本": True, "空": False}
    assert new[0][2] == 4 and new[1][1][1] == ["2022-08-01"]


def test_the_demo_export_reads_the_same_both_ways(tmp_path, monkeypatch):
    data = demo.generate(60, seed=5)
    path = demo.write_export(data, tmp_path / demo.export_name(data.period))
    old, new, taken = read_both(path, monkeypatch)
    assert new == old and taken == {new[0][0]: True}


def test_a_number_far_down_is_still_refused_by_the_strict_guess(tmp_path, monkeypatch):
    """The first rows decide only whether fastexcel is tried: a number below them (here row 8 002,
    far past the XML looked at) makes the strict guess refuse the sheet, and calamine reads it."""
    rows = [["乡", "村", "户编号", "姓名", "证件号码", "与户主关系"]]
    rows += [["涞源镇", "东关村", f"13063{i:05d}", "甲", "130630198001011234", "户主"] for i in range(8000)]
    rows.append(["涞源镇", "东关村", "1306399999", "乙", 1.30630198001011e17, "户主"])
    path = write_xlsx(tmp_path / "t.xlsx", {"基础信息": rows})
    old, new, taken = read_both(path, monkeypatch)
    assert new == old and taken == {"基础信息": False}
    assert read_exports([path]).main.column("证件号码").to_pylist()[-1] == "130630198001011000"


def test_a_panic_in_fastexcel_leaves_the_sheet_to_calamine(tmp_path, monkeypatch):
    """A Rust panic surfaces as pyo3's PanicException, a BaseException: the sheet is still read."""
    class PanicException(BaseException):
        pass

    class Panicking:
        def load_sheet(self, *args, **kwargs):
            raise PanicException("index out of bounds")

    rows = [["乡", "村", "户编号", "姓名", "证件号码", "与户主关系"],
            ["涞源镇", "东关村", "1306300001", "甲", "130630198001011234", "户主"]]
    path = write_xlsx(tmp_path / "t.xlsx", {"基础信息": rows})
    monkeypatch.setattr(text_xlsx, "open_reader", lambda path: Panicking())
    assert read_exports([path]).main.column("姓名").to_pylist() == ["甲"]
    monkeypatch.setattr(Panicking, "load_sheet", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        read_exports([path])
