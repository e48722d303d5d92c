"""The sheet 风险隐患 of 附表.xlsx, read back and checked against a recomputation in plain Python from
the hand-built export rows: every township figure, the 合计 row (the share as Σ未消除 / Σ户数), the
warnings listed under the table, and no sheet when the county switched the risks off."""

from __future__ import annotations

from collections import defaultdict

import openpyxl
import pytest
from auditing import run_audit
from conftest import write_export
from factory import household, person
from test_tables import read_table

from auditor.config import Config
from auditor.tables import WORKBOOK, write_tables

SHEET = "风险隐患"
ABLE = {"普通劳动力", "技能劳动力", "弱劳动力或半劳动力"}


def one(kind: str, town: str, village: str, **over) -> list[dict]:
    return household(kind, town=town, village=village, members=[person()], **over)


def resettled(town: str, village: str, works: bool) -> list[dict]:
    """A one-person resettled household whose member (44, able) works or not."""
    member = person(是否异地扶贫搬迁人口="是", **({} if works else {"务工所在地": "", "务工时间（月）": ""}))
    return household("脱贫户", town=town, village=village, members=[member])


def rows() -> list[dict]:
    return ([r for _ in range(3) for r in one("监测户", "甲镇", "高村")] + one("脱贫户", "甲镇", "高村")  # share 3/4
            + [r for _ in range(8) for r in one("脱贫户", "乙镇", "平村")]
            + [r for _ in range(3) for r in one("监测户", "乙镇", "新村", 识别监测时间="202406",
                                                **{"致贫/返贫风险1": "因自然灾害"})]  # a cluster of new
            + [r for _ in range(3) for r in resettled("丙镇", "搬迁村", works=False)]
            + resettled("丙镇", "搬迁村", works=True)
            + household("已消除", town="丙镇", village="搬迁村"))


def expected(export: list[dict]) -> dict[str, dict]:
    """Per township, from the rows alone (a household's fields are those of its rows)."""
    households: dict[str, list[dict]] = defaultdict(list)
    for r in export:
        households[r["户编号"]].append(r)
    out: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for members in households.values():
        h = members[0]
        t = out[h["乡"]]
        monitored = h["监测对象类别"] != ""
        t["全部农户/户数"] += 1
        t["全部农户/人数"] += len(members)
        t["监测对象/监测户数"] += monitored
        t["监测对象/未消除风险户数"] += monitored and h["风险是否已消除"] != "是"
        t["监测对象/本期新识别户数"] += monitored and h["识别监测时间"] == "202406"
        moved = any(m["是否异地扶贫搬迁人口"] == "是" for m in members)
        able = [m for m in members if m["劳动技能"] in ABLE and "1965" <= m["出生日期"][:4] <= "2008"]
        idle = [m for m in able if m["务工时间（月）"] in ("", "0") and m["公益性岗位(月数)"] in ("", "0")]
        t["易地扶贫搬迁户/户数"] += moved
        t["易地扶贫搬迁户/有适龄劳动力的户数"] += moved and bool(able)
        t["易地扶贫搬迁户/其中适龄劳动力均无务工的户数"] += moved and bool(able) and len(idle) == len(able)
    for t in out.values():
        t["监测对象/未消除风险户占户数（%）"] = round(100 * t["监测对象/未消除风险户数"] / t["全部农户/户数"], 1)
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("risk_sheet")
    cfg = Config(risk={**Config().risk, "share_min_households": 3})
    result = run_audit([str(write_export(tmp / "export", rows()))], cfg, "2024-06")
    write_tables(result, tmp)
    return result, tmp / WORKBOOK


def test_township_figures_and_totals(written):
    result, book = written
    total, body, order = read_table(book, SHEET)
    assert order == ["丙镇", "乙镇", "甲镇"]  # the other tables' order (no configured list: by name)
    want = expected(rows())
    warnings = result.summary_json["risk"]["warnings"]
    for town, values in body.items():
        for key, value in values.items():
            if key.startswith("风险隐患预警"):
                level = "乡镇" if key.endswith("乡镇级") else "村"
                assert value == sum(1 for w in warnings if w["township"] == town and w["level"] == level), (town, key)
            else:
                assert value == want[town][key], (town, key)
    for key, value in total.items():
        if key.endswith("（%）"):
            assert value == round(100 * total["监测对象/未消除风险户数"] / total["全部农户/户数"], 1)
        else:
            assert value == sum(row[key] for row in body.values()), key
    assert total["监测对象/未消除风险户数"] == 6 and total["全部农户/户数"] == 20
    assert total["监测对象/未消除风险户占户数（%）"] == 30.0
    assert body["丙镇"]["易地扶贫搬迁户/其中适龄劳动力均无务工的户数"] == 3


def test_warnings_are_listed_under_the_table(written):
    result, book = written
    ws = openpyxl.load_workbook(book)[SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    warnings = result.summary_json["risk"]["warnings"]
    assert {w["kind"] for w in warnings} >= {"a", "b", "d"}  # the export plants these three
    assert "风险隐患预警（按严重程度排列）" in texts
    for w in warnings:
        assert f"{w['rank']}. 【{w['name']}】{w['explanation']}" in texts
    assert "未判断的预警" in texts  # (c) needs a history store
    assert any(t.startswith("新识别户数环比骤增：") and "历史" in t for t in texts)
    assert ws["A2"].value == "涞源县规模性返贫风险隐患统计表"
    assert ws["F6"].value.startswith("=IF(SUM(B7:B")  # the share's 合计 is Σ未消除 / Σ户数, not Σ of shares


def test_no_sheet_when_the_risks_are_switched_off(tmp_path):
    cfg = Config(risk={**Config().risk, "circular": False})
    result = run_audit([str(write_export(tmp_path / "export", rows()))], cfg, "2024-06")
    write_tables(result, tmp_path)
    wb = openpyxl.load_workbook(tmp_path / WORKBOOK)
    assert SHEET not in wb.sheetnames and wb.sheetnames[-1] == "说明"
    notes = [c.value for row in wb["说明"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("不含风险隐患表" in t for t in notes)
