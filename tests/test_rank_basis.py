"""A township's rank is its place among the county's townships, or none (issue 20.1).

A township that audits only its own rows ranked 1 of 1, so every township that checked itself was
told it was first. The rank now comes from a county-wide run: this one, or the history store's
county-wide run of the same period; otherwise it is "—" with the reason.
"""

import json

import openpyxl
from click.testing import CliRunner
from conftest import write_export
from factory import household, person

from auditor.cli import cli


def _county(tmp_path):
    """Three townships: 甲镇 worst (two households with 必改 of three), 乙镇 one, 丙镇 clean."""
    rows = []
    for town, bad in (("甲镇", 2), ("乙镇", 1), ("丙镇", 0)):
        for i in range(3):
            rows += household(hid=f"{town}{i}", town=town, village="一村",
                              members=[person(name=f"{town}成员{i}", 民族="" if i < bad else "汉族")])
    county = write_export(tmp_path / "涞源县_2024-06", rows)
    own = write_export(tmp_path / "甲镇_2024-06", [r for r in rows if r["乡"] == "甲镇"])
    return county, own, [r for r in rows if r["乡"] == "甲镇"]


def _cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _summary(out):
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _lead_lines(book) -> list[str]:
    ws = openpyxl.load_workbook(book, read_only=True)["问题汇总"]
    return [r[0] for r in ws.iter_rows(min_row=1, max_row=5, values_only=True) if r[0]]


def test_a_county_run_ranks_among_its_townships(tmp_path):
    county, *_ = _county(tmp_path)
    out = tmp_path / "全县"
    assert _cli("audit", county, "--out", out).exit_code == 0
    s = _summary(out)
    assert [(t["name"], t["rank"]) for t in s["townships"]] == [("丙镇", 1), ("乙镇", 2), ("甲镇", 3)]
    assert s["rank_basis"] == {"kind": "county", "note": "在全县 3 个乡镇之间排名", "ranked": 3}
    assert "全县第 3 名。" in " ".join(_lead_lines(out / "自查" / "甲镇.xlsx"))


def test_a_township_alone_is_not_ranked(tmp_path):
    county, own, _ = _county(tmp_path)
    for args in (("selfcheck", own), ("selfcheck", county, "--township", "甲镇")):
        out = tmp_path / f"自查{len(args)}"
        result = _cli(*args, "--out", out)
        assert result.exit_code == 1, result.output
        assert "第 1 名" not in result.output and "全县排名：—（本次只审核了甲镇的数据" in result.output
        lines = " ".join(_lead_lines(out / "甲镇.xlsx"))
        assert "第 1 名" not in lines and "全县排名：—" in lines
    out = tmp_path / "本镇"
    assert _cli("audit", own, "--out", out).exit_code == 0
    s = _summary(out)
    assert [(t["name"], t["rank"]) for t in s["townships"]] == [("甲镇", None)]
    assert s["rank_basis"]["kind"] == "none"
    page = (out / "通报.html").read_text(encoding="utf-8")
    assert "本次只审核了甲镇的数据" in page and "第1名" not in page


def test_the_rank_of_the_county_run_of_the_same_period(tmp_path):
    county, own, own_rows = _county(tmp_path)
    store = tmp_path / "历史库.sqlite"
    assert _cli("audit", county, "--out", tmp_path / "全县", "--history", store).exit_code == 0
    result = _cli("selfcheck", own, "--out", tmp_path / "自查", "--history", store)
    assert "全县第 3 名（全县排名取自历史库中 2024-06 的全县审核" in result.output, result.output
    assert "全县第 3 名（全县排名取自" in " ".join(_lead_lines(tmp_path / "自查" / "甲镇.xlsx"))
    # Another month's county run is no basis: the township is not ranked.
    other = write_export(tmp_path / "甲镇_2024-07", own_rows)
    result = _cli("selfcheck", other, "--out", tmp_path / "自查7", "--history", store)
    assert "全县排名：—" in result.output and "第 3 名" not in result.output
    # The township's own run is recorded under its own scope: the county's run of June stays.
    assert _cli("audit", own, "--out", tmp_path / "本镇", "--history", store).exit_code == 0
    listed = _cli("history", "list", "--history", store).output
    assert "涞源县（全县）" in listed and "（甲镇）" in listed
    s = _summary(tmp_path / "本镇")
    assert s["rank_basis"]["kind"] == "history" and s["townships"][0]["rank"] == 3

