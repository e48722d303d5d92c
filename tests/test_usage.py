"""The command line speaks Chinese: every usage error is one Chinese line with exit 2, and --help
has no English of click's (issue 20.3)."""

import re

import pytest
from click.testing import CliRunner

from auditor.cli import cli

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = ("Usage", "Error", "Try ", "Options", "Commands", "Show this", "default:", "Invalid value", "No such",
           "Missing", "is not", "Got unexpected")


def _run(args: list[str], **kw):
    return CliRunner().invoke(cli, args, prog_name="auditor", **kw)


@pytest.mark.parametrize(("args", "words"), [
    (["audit", "x.xlsx", "--engine", "foo"], ["--engine", "foo", "duckdb、gx、spark"]),
    (["audit", "x.xlsx", "--fail-on", "错"], ["--fail-on", "“错”", "必改、非必改"]),
    (["audit", "x.xlsx", "--bogus"], ["没有选项 --bogus"]),
    (["audit"], ["缺少导出文件", "auditor audit [选项] 导出文件"]),
    (["foo"], ["没有命令“foo”", "audit、demo"]),
    (["histroy"], ["是否要用 history"]),
    (["history", "show", "abc"], ["运行编号", "“abc”不是整数"]),
    (["history", "show", "1", "2"], ["多余的参数：2"]),
    (["demo", "--households", "10"], ["--households", "10 超出范围", "60–2000000"]),
    (["audit", "--out"], ["--out 后面缺少取值", "auditor audit --help"]),
    (["audit", "x.xlsx", "--tables=3"], ["--tables 是开关"]),
    (["rules", "show"], ["缺少规则编号"]),
    (["selfcheck", "x.xlsx", "--township"], ["--township 后面缺少取值"]),
])
def test_usage_errors_are_one_chinese_line(args, words):
    result = _run(args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and CJK.search(lines[0]), result.stderr
    assert not [w for w in ENGLISH if w in lines[0]], lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_deadline_errors_name_the_option_not_the_config(tmp_path):
    result = _run(["audit", str(tmp_path / "x.xlsx"), "--deadline", "2024-13-01"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "错误：--deadline 的值“2024-13-01”不是有效的日期，应写成 YYYY-MM-DD（例如 2024-07-31）"


def _commands(group=cli, path=()):
    yield path
    for name, cmd in getattr(group, "commands", {}).items():
        yield from _commands(cmd, (*path, name))


@pytest.mark.parametrize("path", list(_commands()), ids=lambda p: " ".join(p) or "auditor")
def test_help_is_chinese(path):
    result = _run([*path, "--help"], terminal_width=60)
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("用法：auditor") and "选项：" in text and "显示本帮助并退出" in text
    assert not [w for w in ENGLISH if w in text], text
    assert not re.search(r"\b(TEXT|PATH|INTEGER|OPTIONS|COMMAND|ARGS)\b", text), text


def test_the_command_list_is_not_cut():
    text = _run(["--help"], terminal_width=60).output
    for name, cmd in cli.commands.items():
        first = cmd.help.split("。")[0]
        joined = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", first) in joined, name
    assert "..." not in text.replace("[参数]...", "")


def test_bare_auditor_shows_the_help():
    result = _run([])
    assert result.exit_code == 0 and result.output.startswith("用法：auditor")


@pytest.mark.parametrize("body", ["[score\nmust_fix = 0.8\n", "[county]\nname = 涞源县\n", "a = 1\na = 2\n",
                                  "[parameters]\nlow_wage = \"100\n"])
def test_a_malformed_config_is_one_chinese_line(tmp_path, body):
    toml = tmp_path / "auditor.toml"
    toml.write_text(body, encoding="utf-8")
    result = _run(["audit", str(tmp_path / "x.xlsx"), "--config", str(toml)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"错误：配置文件 {toml} 格式错误：第 ") and "行" in line, line
    assert not re.search(r"[A-Za-z]{4,}", line.replace(str(toml), "").replace("TOML", "")), line
