"""附表1 入户核实表 read back: one file per township, one sheet per village, one page per household
with its facts, members and every finding as a checklist line; unmasked and marked 内部使用."""

from __future__ import annotations

from collections import Counter, defaultdict

import openpyxl
import pyarrow.parquet as pq
import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from test_tables import export_rows, households_of

from auditor.config import Config
from auditor.tables import write_tables
from auditor.tables.compute import town_label
from auditor.tables.visit import CHECK, FOLDER, sheet_names


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("visit")
    rows = export_rows()
    cfg = Config()
    result = run_audit([str(write_export(tmp / "export", rows))], cfg, "2024-06")
    write_outputs(result, tmp / "out", tables=True)
    findings = pq.read_table(tmp / "out" / "findings.parquet").to_pydict()
    by_household: dict[str, list[str]] = defaultdict(list)
    for rule, hid in zip(findings["规则编号"], findings["户编号"], strict=True):
        if hid:
            by_household[hid].append(rule)
    return tmp / "out" / FOLDER, households_of(rows), by_household


def parse(ws) -> list[dict]:
    """The forms of a sheet: 户编号, facts, member rows, checklist lines, first row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out = []
    for i, r in enumerate(rows):
        if r[0] != "附表1":
            continue
        form = {"first": i, "facts": {}, "members": [], "items": []}
        j = i + 2
        form["where"] = rows[j][0]
        form["hid"] = rows[j][0].split("户编号：")[1].split(" ")[0]
        j += 1
        while not str(rows[j][0]).startswith("家庭成员"):
            form["facts"][rows[j][0]] = rows[j][2]
            form["facts"][rows[j][4]] = rows[j][5]
            j += 1
        j += 2
        while not str(rows[j][0]).startswith("核实事项"):
            form["members"].append((rows[j][1], rows[j][3]))
            j += 1
        assert rows[j + 1] == ["序号", "规则", "对象", "问题字段", "当前值", "问题说明", "核实结果", "正确值"]
        j += 2
        while rows[j][0] != "核实情况说明：":
            form["items"].append(rows[j])
            j += 1
        assert rows[j + 1][0].startswith("核实人（签字）")
        out.append(form)
    return out


def test_one_file_per_township_with_households_to_visit(forms):
    folder, households, findings = forms
    towns = {town_label(households[h]["乡"]) for h in findings}
    assert sorted(p.stem for p in folder.iterdir()) == sorted(towns)


def test_one_sheet_per_village_one_page_per_household(forms):
    folder, households, findings = forms
    for path in folder.iterdir():
        wb = openpyxl.load_workbook(path)
        mine = [h for h in findings if town_label(households[h]["乡"]) == path.stem]
        villages = sorted({households[h]["村"] or "（未填村）" for h in mine})
        assert wb.sheetnames == ["说明", *villages]
        assert "内部使用" in wb["说明"]["A1"].value
        seen = []
        for name in villages:
            ws = wb[name]
            parsed = parse(ws)
            assert [f["hid"] for f in parsed] == sorted(h for h in mine if (households[h]["村"] or "（未填村）") == name)
            assert [b.id for b in ws.row_breaks.brk] == [f["first"] for f in parsed[1:]]  # a page per household
            assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
            assert "内部使用" in ws.oddHeader.left.text
            seen += [f["hid"] for f in parsed]
        assert sorted(seen) == sorted(mine)


def test_each_form_lists_every_finding_and_the_unmasked_household(forms):
    folder, households, findings = forms
    checked = 0
    for path in folder.iterdir():
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets[1:]:
            for form in parse(ws):
                hh = households[form["hid"]]
                assert Counter(item[1].split(" ")[0] for item in form["items"]) == Counter(findings[form["hid"]])
                assert all(item[6] == CHECK and item[7] is None for item in form["items"])
                assert [i[0] for i in form["items"]] == [str(k) for k in range(1, len(form["items"]) + 1)]
                assert form["members"] == [(r["姓名"], r["证件号码"]) for r in hh["rows"]]
                assert form["facts"]["户主姓名"] == hh["户主姓名"]
                assert form["facts"]["户主证件号码"] == hh["户主证件号码"]  # full ID: internal form
                assert form["facts"]["在册成员数"] == str(len(hh["rows"]))
                assert f"核实事项 {len(form['items'])} 项" in form["where"]
                checked += 1
    assert checked == len(findings)


def test_checklist_shows_the_finding_and_its_original_value(forms):
    folder, _, _ = forms
    ws = openpyxl.load_workbook(folder / "涞源镇.xlsx")["东关村"]
    a5 = next(f for f in parse(ws) if f["hid"] == "A5")
    items = {i[1].split(" ")[0]: i for i in a5["items"]}
    assert items["I09"][1] == "I09 已消除风险的监测对象住危房（必改）"
    assert items["I09"][2:5] == ["全户", "是否危房户", "是"]
    assert a5["facts"]["是否危房户"] == "是" and a5["facts"]["风险是否已消除"] == "是"


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["东关村", "东关村", "a/b:c*d?e[f]g", "说明", "很" * 40, "很" * 40])
    assert names[:4] == ["东关村", "东关村(2)", "a_b_c_d_e_f_g", "说明(2)"]
    assert len(set(names)) == len(names) and all(len(n) <= 31 for n in names)


def test_a_village_with_more_households_than_page_breaks_allow_is_split(tmp_path, monkeypatch):
    monkeypatch.setattr("auditor.tables.visit.MAX_FORMS", 2)
    from factory import household, person

    rows = [r for i in range(5) for r in household(hid=f"V{i}", members=[person(民族="")])]
    result = run_audit([str(write_export(tmp_path / "export", rows))], Config(), "2024-06")
    write_tables(result, tmp_path)
    wb = openpyxl.load_workbook(tmp_path / FOLDER / "涞源镇.xlsx")
    assert wb.sheetnames == ["说明", "东关村", "东关村(2)", "东关村(3)"]
    assert [len(parse(wb[n])) for n in wb.sheetnames[1:]] == [2, 2, 1]
