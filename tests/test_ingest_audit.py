"""Ingest through a whole audit: findings point at the source file and row as Excel shows them,
and show the original cell text."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from exportfiles import write_csv, write_xlsx
from factory import household, person

from auditor.cli import cli


def grid_of(rows: list[dict], headers: list[str]) -> list[list[object]]:
    return [[r.get(h, "") for h in headers] for r in rows]


def test_findings_carry_file_row_and_original_text(tmp_path):
    a = household(hid="130630100000000001", members=[person(name="张三", 民族="", 证件号码="")])
    b = household(hid="130630100000000002")
    c = household(hid="130630100000000003", town="银坊镇", members=[person(name="李四", 民族="  ")])
    headers = list(dict.fromkeys(k for r in a + b + c for k in r))
    ident = '="130630198001011234"'  # wrapped as some tools write IDs: checked unwrapped, reported as found
    a[0]["证件号码"] = ident
    sheet = [["涞源县脱贫人口信息表"], [], headers, *grid_of(b, headers), [], *grid_of(a, headers), ["合计"]]
    xlsx = write_xlsx(tmp_path / "涞源镇.xlsx", {"基础信息": sheet})  # a's row: 3 + len(b) + 1 + 1
    gbk = write_csv(tmp_path / "银坊镇.csv", [headers, *grid_of(c, headers)], "gbk")
    out = tmp_path / "结果"
    result = CliRunner().invoke(cli, ["audit", str(xlsx), str(gbk), "--out", str(out), "--period", "2024-06"])
    assert result.exit_code == 0, result.output + result.stderr
    with (out / "findings.csv").open(encoding="utf-8-sig", newline="") as fh:
        found = [r for r in csv.DictReader(fh) if r["规则编号"] == "C01"]
    assert {(r["姓名"], r["来源文件"], r["来源行号"], r["证件号码"]) for r in found} == {
        ("张三", "涞源镇.xlsx", str(3 + len(b) + 2), ident),
        ("李四", "银坊镇.csv", "2", c[0]["证件号码"]),
    }
