"""`auditor tables`, `auditor audit --tables`, the demo's 附表, and 附表4's 动态新增 through a real history
store (including a store written before the snapshot had the medical-insurance column)."""

from __future__ import annotations

import sqlite3

import openpyxl
from auditing import record_history, run_audit
from click.testing import CliRunner
from conftest import write_export
from factory import household, person, spouse
from test_tables import expected_guarantees, export_rows, households_of, read_table

from auditor.cli import cli
from auditor.commands import demo_command
from auditor.config import Config
from auditor.history import SCHEMA_VERSION, Store
from auditor.run.outputs import MARKER
from auditor.tables import FOLDER, WORKBOOK, write_tables


def test_tables_command(tmp_path):
    export = write_export(tmp_path / "涞源县_2024年6月", export_rows())
    out = tmp_path / "附表输出"
    result = CliRunner().invoke(cli, ["tables", str(export), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, FOLDER, WORKBOOK])
    assert "附表已写入" in result.output and "数据月份 2024-06" in result.output
    assert "入户核实表（附表1）：" in result.output and "不得外传" in result.output
    assert "附表4 为当前状态" in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".auditor-")]  # staging cleaned up


def test_tables_command_bad_input_is_one_chinese_line(tmp_path):
    result = CliRunner().invoke(cli, ["tables", str(tmp_path / "没有这个文件.xlsx"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.startswith("错误：") and not (tmp_path / "o").exists()


def test_audit_writes_the_tables_only_when_asked(tmp_path):
    export = write_export(tmp_path / "export", export_rows())
    plain = CliRunner().invoke(cli, ["audit", str(export), "--out", str(tmp_path / "a"), "--period", "2024-06"])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / "a" / WORKBOOK).exists()
    asked = CliRunner().invoke(cli, ["audit", str(export), "--out", str(tmp_path / "b"), "--period", "2024-06",
                                     "--tables"])
    assert asked.exit_code == 0, asked.output
    assert (tmp_path / "b" / WORKBOOK).is_file() and (tmp_path / "b" / FOLDER / "涞源镇.xlsx").is_file()
    assert "附表已写入" in asked.output


def test_demo_leaves_the_tables(tmp_path):
    assert demo_command(tmp_path, 60, 5, 2, Config()) == 0
    book = tmp_path / WORKBOOK
    assert book.is_file() and (tmp_path / FOLDER).is_dir()
    assert not (tmp_path / "历次结果" / "2024-05" / WORKBOOK).exists()  # only the latest month
    total, _, _ = read_table(book, "附表4 三保障和饮水安全问题")
    assert "饮水安全/其中本期新增" in total  # two months through one history store: 动态新增
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-2:] == ["风险隐患", "说明"]


# ---- 附表4 against the previous month -----------------------------------------------------------

def month_rows(month: str) -> list[dict]:
    """P1 unsafe house both months; P2 unsafe from June; P3 new in June without safe water; P4 a member
    uninsured both months; P5 uninsured from June; P6 a dropout both months; Q1 (another township)
    loses its problem in June."""
    june = month == "2024-06"
    uninsured = [person(), spouse(是否参加城乡居民基本医疗保险="否")]
    rows = (household(hid="P1", 是否危房户="是")
            + household(hid="P2", 是否危房户="是" if june else "否")
            + household(hid="P4", members=uninsured)
            + household(hid="P5", members=uninsured if june else None)
            + household("监测户", hid="P6", 是否义务教育阶段适龄儿童少年失学辍学="是")
            + household(hid="Q1", town="银坊镇", 是否解决安全饮用水="是" if june else "否"))
    if june:
        rows += household(hid="P3", 是否解决安全饮用水="否")
    return rows


def _tables_after_may(tmp_path, store: str):
    may = run_audit([str(write_export(tmp_path / "may", month_rows("2024-05")))], Config(), "2024-05", history=store)
    record_history(may)
    may.close()
    june = run_audit([str(write_export(tmp_path / "june", month_rows("2024-06")))], Config(), "2024-06",
                     history=store)
    write_tables(june, tmp_path)
    june.close()
    return read_table(tmp_path / WORKBOOK, "附表4 三保障和饮水安全问题")


def test_dynamic_new_problems_against_the_previous_run(tmp_path):
    total, body, _ = _tables_after_may(tmp_path, str(tmp_path / "历史库.sqlite"))
    previous = households_of(month_rows("2024-05"))
    expected = expected_guarantees(month_rows("2024-06"), previous)
    assert body == {t: {k: int(v.get(k, 0)) for k in body[t]} for t, v in expected.items()}
    assert body["涞源镇"]["住房安全/现有户数"] == 2 and body["涞源镇"]["住房安全/其中本期新增"] == 1  # P2
    assert body["涞源镇"]["饮水安全/其中本期新增"] == 1  # P3, not in May
    assert body["涞源镇"]["基本医疗/现有户数"] == 2 and body["涞源镇"]["基本医疗/其中本期新增"] == 1  # P5
    assert body["涞源镇"]["义务教育/其中本期新增"] == 0  # P6
    assert body["银坊镇"]["饮水安全/现有户数"] == 0
    assert total["有任一问题/其中本期新增"] == 3
    ws = openpyxl.load_workbook(tmp_path / WORKBOOK)["附表4 三保障和饮水安全问题"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("上期（2024年5月）" in t for t in texts)


def test_a_store_of_schema_2_is_migrated_and_its_old_runs_are_not_compared(tmp_path):
    """A run recorded before the snapshot held `uninsured` cannot say which medical problems are new."""
    store = str(tmp_path / "历史库.sqlite")
    may = run_audit([str(write_export(tmp_path / "may", month_rows("2024-05")))], Config(), "2024-05", history=store)
    record_history(may)
    may.close()
    with sqlite3.connect(store) as con:  # make it a version-2 store: no uninsured column
        con.execute("ALTER TABLE run_households DROP COLUMN uninsured")
        con.execute("UPDATE auditor_meta SET value = '2' WHERE key = 'schema_version'")
    Store(store).close()
    with sqlite3.connect(store) as con:
        assert con.execute("SELECT value FROM auditor_meta").fetchone()[0] == str(SCHEMA_VERSION)
        assert "uninsured" in {r[1] for r in con.execute("PRAGMA table_info(run_households)")}
    june = run_audit([str(write_export(tmp_path / "june", month_rows("2024-06")))], Config(), "2024-06",
                     history=store)
    write_tables(june, tmp_path)
    total, body, _ = read_table(tmp_path / WORKBOOK, "附表4 三保障和饮水安全问题")
    assert body["涞源镇"]["基本医疗/现有户数"] == 2 and body["涞源镇"]["基本医疗/其中本期新增"] == "—"
    assert total["有任一问题/其中本期新增"] == "—"
    assert body["涞源镇"]["住房安全/其中本期新增"] == 1


def test_store_of_version_2_gains_uninsured(store_target):
    """On SQLite and PostgreSQL: a version-2 store gains `uninsured` and version 3, once; a version-1
    store whose later columns are partly there gains only the missing ones."""
    s = Store(store_target)
    s.execute("ALTER TABLE run_households DROP COLUMN uninsured")
    s.execute("UPDATE auditor_meta SET value = '2' WHERE key = 'schema_version'")
    s.close()
    for _ in range(2):
        s = Store(store_target)
        assert s.execute("SELECT value FROM auditor_meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert s.execute("SELECT count(uninsured) FROM run_households").fetchone()[0] == 0
        s.close()
    s = Store(store_target)
    s.execute("ALTER TABLE run_households DROP COLUMN ident_month")
    s.execute("UPDATE auditor_meta SET value = '1' WHERE key = 'schema_version'")
    s.close()
    s = Store(store_target)
    assert {"ident_month", "uninsured"} <= s._columns("run_households")
    s.close()
