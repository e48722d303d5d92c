"""auditor reconcile and audit --list from the command line: outputs, the circular's masked sections,
one-line Chinese errors with exit 2 and nothing written."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner
from conftest import write_export
from factory import household, person
from listfiles import write_list

from auditor.cli import cli


def invoke(*args, cwd=None):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="auditor")


def _files(tmp_path):
    lonely = person(name="欧阳长青", 是否享受低保="否")
    other = person(name="司马无忌")
    rows = household("一般农户", hid="H1", members=[lonely]) + household("监测户", hid="H2", members=[other], town="银坊镇")
    export = write_export(tmp_path / "涞源县_2024-06", rows)
    dibao = write_list(tmp_path / "低保", ["姓名", "身份证号", "乡镇", "村", "批准日期"],
                       [["欧阳长青", lonely["证件号码"], "涞源镇", "东关村", "2024-03-01"]], "csv",
                       titles=("低保名册 统计截止日期：2024年6月5日",))
    feedback = tmp_path / "省反馈.csv"
    with feedback.open("w", encoding="gbk", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["省级反馈问题清单"])
        w.writerow(["序号", "问题编码", "问题描述", "必改/非必改", "乡镇", "村", "户编号", "证件号码", "姓名"])
        w.writerow([1, "2_01_004", "与户主关系与性别指标值逻辑错误", "必改", "涞源镇", "东关村", "H1", lonely["证件号码"], "欧阳长青"])
        w.writerow([2, "9_99_001", "新问题", "非必改", "银坊镇", "东关村", "H2", "", ""])
    return export, dibao, feedback, lonely


def test_reconcile_writes_its_outputs_and_a_masked_circular(tmp_path):
    export, dibao, feedback, lonely = _files(tmp_path)
    out = tmp_path / "对账结果"
    r = invoke("reconcile", export, "--list", f"低保={dibao}", "--feedback", feedback, "--out", out,
               "--history", tmp_path / "h.sqlite")
    assert r.exit_code == 0, r.output
    assert "部门预警线索 1 条" in r.output and "L01 低保清单有此人但导出为不享受低保 1 条" in r.output
    assert (out / "交办清单" / "涞源镇.xlsx").is_file() and (out / "对账.xlsx").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["reconcile"]["clues"]["total"] == 1
    assert summary["reconcile"]["feedback"]["by_status"] == {"仍存在": 0, "已整改": 1, "待人工核对": 1, "对象已不在册": 0}
    assert summary["reconcile"]["feedback"]["never_found"] == [{"code": "9_99_001", "type": "新问题", "items": 1}]
    assert {r["id"] for r in summary["rules"]} == {"L01"}  # reconcile alone: the L rules (and the mapped ones)
    html = (out / "通报.html").read_text(encoding="utf-8")
    assert "部门预警线索" in html and "省反馈问题整改进度" in html
    assert "欧阳长青" not in html and lonely["证件号码"] not in html
    listed = invoke("history", "list", "--history", tmp_path / "h.sqlite")
    assert "部门清单对账" in listed.output


def test_audit_with_lists_includes_the_reconciliation(tmp_path):
    export, dibao, feedback, _ = _files(tmp_path)
    out = tmp_path / "审计结果"
    r = invoke("audit", export, "--list", f"低保={dibao}", "--feedback", feedback, "--out", out)
    assert r.exit_code == 0, r.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "L01" in {r["id"] for r in summary["rules"]} and summary["reconcile"]["clues"]["total"] == 1
    assert (out / "交办清单" / "涞源镇.xlsx").is_file()


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    export, dibao, _, _ = _files(tmp_path)
    no_id = write_list(tmp_path / "无号", ["姓名", "乡镇", "村"], [["欧阳长青", "涞源镇", "东关村"]])
    cases = [
        (["--list", f"扶贫={dibao}"], "未知的清单种类“扶贫”"),
        (["--list", f"医保={no_id}"], "医保清单文件 无号.xlsx 中找不到 证件号码 列"),
        (["--list", f"医保@2024-13-01={dibao}"], "日期“2024-13-01”应写成 YYYY-MM-DD"),
        ([], "需要至少一份部门清单"),
    ]
    for extra, message in cases:
        out = tmp_path / "out"
        r = invoke("reconcile", export, *extra, "--out", out)
        assert r.exit_code == 2, (extra, r.output)
        assert message in r.output and r.output.count("\n") == 1, r.output
        assert not out.exists()


def test_reconcile_help_is_chinese():
    r = invoke("reconcile", "--help")
    assert r.exit_code == 0 and "部门预警清单" in r.output and "交办清单" in r.output


def test_the_township_workbook_lists_its_feedback_items(tmp_path):
    import openpyxl

    export, _, feedback, _ = _files(tmp_path)
    out = tmp_path / "审计结果"
    assert invoke("audit", export, "--feedback", feedback, "--out", out).exit_code == 0
    ws = openpyxl.load_workbook(out / "自查" / "涞源镇.xlsx")["省反馈问题"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[5], r[9]) for r in rows] == [("涞源镇", "2_01_004", "已整改")]
