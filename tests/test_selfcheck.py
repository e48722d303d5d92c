"""auditor selfcheck: the terminal summary, the workbook(s), exit 1 while 必改 remain, 0 when clean."""

import openpyxl
from click.testing import CliRunner
from conftest import write_export
from factory import household, person

from auditor.cli import cli
from auditor.run.outputs import MARKER


def export(tmp_path, rows, name="涞源县_2024-06"):
    return write_export(tmp_path / name, rows)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_exit_1_while_must_fix_remains(tmp_path):
    rows = (household(hid="H1", town="涞源镇", village="东关村", members=[person(name="张三", 民族="")])
            + household(hid="H2", town="涞源镇", village="西关村", members=[person()], 家庭人口数="2")
            + household(hid="H3", town="王安镇", village="王安村", members=[person(民族="")]))
    out = tmp_path / "自查"
    result = run("selfcheck", export(tmp_path, rows), "--out", out)
    assert result.exit_code == 1, result.output
    text = result.output
    assert "先改必改问题" in text and "C01 民族为空：2 条，涉及 2 户" in text and "B08" in text
    assert "数据月份 2024年6月" in text  # from the file name
    assert "还有 4 条必改问题" in text  # H2: B08, and G02 (per capita over the declared size)
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "涞源镇.xlsx", "王安镇.xlsx"])


def test_township_option_restricts_to_one_township(tmp_path):
    rows = (household(hid="H1", town="涞源镇", members=[person(民族="")])
            + household(hid="H3", town="王安镇", village="王安村", members=[person()]))
    out = tmp_path / "out"
    result = run("selfcheck", export(tmp_path, rows), "--township", "王安镇", "--out", out)
    assert result.exit_code == 0, result.output
    assert "自查结果：王安镇" in result.output and "必改问题已清零" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "王安镇.xlsx"])
    wb = openpyxl.load_workbook(out / "王安镇.xlsx")
    assert wb["问题明细"]["A3"].value == "本期未发现问题。"


def test_exit_0_when_only_non_mandatory_findings(tmp_path):
    toml = tmp_path / "auditor.toml"
    toml.write_text('[categories]\nC03 = "非必改"\n', encoding="utf-8")
    rows = household(hid="H1", members=[person(劳动技能="会干活")])
    result = run("selfcheck", export(tmp_path, rows), "--config", toml, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "再逐条核实非必改问题" in result.output and "C03" in result.output
    assert "必改问题已清零；非必改问题请逐条核实" in result.output


def test_unknown_township_is_a_usage_error(tmp_path):
    rows = household(hid="H1", members=[person()])
    result = CliRunner().invoke(cli, ["selfcheck", str(export(tmp_path, rows)), "--township", "无此乡",
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "无此乡" in result.output


def test_audit_writes_circular_and_workbooks(tmp_path):
    rows = household(hid="H1", town="涞源镇", members=[person(民族="")])
    out = tmp_path / "审计结果"
    result = run("audit", export(tmp_path, rows), "--out", out, "--deadline", "2024-07-15")
    assert result.exit_code == 0, result.output
    assert (out / "通报.html").is_file() and (out / "自查" / "涞源镇.xlsx").is_file()
    assert "须于<span class=\"em red\">2024年7月15日</span>前" in (out / "通报.html").read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["audit", str(export(tmp_path, rows)), "--out", str(out), "--deadline", "7月15日"])
    assert bad.exit_code == 2 and "--deadline" in bad.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".auditor-")]  # staging cleaned up
