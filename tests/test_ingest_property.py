"""Property: any table of text cells written to xlsx or CSV is read back without error and unchanged.

Cells are random Chinese and ASCII text, full-width characters, numbers written as text (IDs with
leading zeros, 1.30630E+17, 202208.0, ="0123", '0123), blanks and odd whitespace (U+3000, tabs,
no-break spaces, newlines) anywhere in the cell.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from exportfiles import HEADER, write_csv, write_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.ingest import read_exports

CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),   # CJK
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),       # printable ASCII, incl. , " ' =
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),   # full-width forms
    st.sampled_from(["\u3000", "\t", "\xa0", "\n", " ", "\u200b", "，", "、"]),
)
NUMBERS_AS_TEXT = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.from_regex(r"0[0-9]{1,19}", fullmatch=True),
    st.from_regex(r"[0-9]{17}[0-9Xx]([0-9]{2})?", fullmatch=True),
    st.sampled_from(["1.30630E+17", "130630198001011000", "202208.0", '="0123"', "'0123", "1e5", "#N/A",
                     "nan", "TRUE", "2024-01-05", "0", "-0", ".5"]),
)
CELL = st.one_of(st.just(""), st.text(CHARS, max_size=15), NUMBERS_AS_TEXT)
EXTRA = ["民族", "出生日期", "工资性收入", "识别监测时间", "健康状况", "户主证件号码", "其他备注", "残疾类别"]


@st.composite
def tables(draw) -> tuple[list[str], list[list[str]]]:
    extra = draw(st.lists(st.sampled_from(EXTRA), unique=True, max_size=len(EXTRA)))
    header = draw(st.permutations([*HEADER, *extra]))
    n = draw(st.integers(1, 12))
    rows = []
    for i in range(n):
        row = [draw(CELL) for _ in header]
        # A 户编号 keeps the row from being a keyless, note or header row: those are dropped by design.
        row[header.index("户编号")] = f"户{i}" + draw(st.text(CHARS, max_size=8))
        rows.append(row)
    # The first non-blank cell must not look like a note or total row (注…, 合计…), which is dropped.
    for row in rows:
        first = next(c for c in row if c.strip())
        if first.strip().startswith(("注", "说明", "填表人", "审核人", "制表", "合计", "总计")):
            row[row.index(first)] = "甲" + first
    return header, rows


def check(path: Path, header: list[str], rows: list[list[str]]) -> None:
    ing = read_exports([path])
    t = ing.main
    for j, name in enumerate(header):
        assert t.column(name).to_pylist() == [r[j] for r in rows], name
    assert t.column("_line").to_pylist() == list(range(2, len(rows) + 2))
    assert not [i for i in ing.issues if i.kind.startswith("被丢弃")]


@settings(max_examples=80, deadline=None)
@given(tables())
def test_xlsx_round_trip(table):
    header, rows = table
    with tempfile.TemporaryDirectory() as d:
        check(write_xlsx(Path(d) / "t.xlsx", {"基础信息": [header, *rows]}), header, rows)


@settings(max_examples=80, deadline=None)
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig"]), st.sampled_from([",", "\t"]))
def test_csv_round_trip(table, encoding, delimiter):
    header, rows = table
    with tempfile.TemporaryDirectory() as d:
        check(write_csv(Path(d) / "t.csv", [header, *rows], encoding, delimiter), header, rows)
