"""A run is all or nothing (issue 16): the out folder holds the complete old outputs or the complete
new ones, outputs that compare with the previous period exist only for a recorded run, a killed run
leaves nothing behind once the next run has been, concurrent runs of several periods compare as if
they had run one after the other, and no cell value crashes an audit."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from auditing import run_audit
from click.testing import CliRunner
from conftest import write_export
from factory import household, make_id, person, spouse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import exports

from auditor.cli import cli
from auditor.config import Config
from auditor.errors import InputError
from auditor.history import Store
from auditor.run import outputs
from auditor.run.outputs import MARKER

ROOT = Path(__file__).resolve().parents[1]


def _month(n: int) -> list[dict]:
    """A county of 6 households in month n: H1 keeps a problem, H2's is fixed after month 2, H3 gets
    one in month 3, H4's ID is corrected in month 4, H5 leaves in month 5, H6 comes and goes."""
    rows = household(hid="H1", members=[person(name="甲", 证件号码=make_id(seq=1), 民族="")])
    rows += household(hid="H2", members=[person(name="乙", 证件号码=make_id(seq=2), 民族="" if n <= 2 else "汉族")])
    rows += household(hid="H3", members=[person(name="丙", 证件号码=make_id(seq=3), 劳动技能="劳力" if n >= 3 else "普通劳动力")])
    four = make_id(seq=4) if n >= 4 else "1.30630E+17"
    rows += household(hid="H4", members=[person(name="丁", 证件号码=four)], 户主证件号码=four)
    if n < 5:
        rows += household(hid="H5", members=[person(name="戊", 证件号码=make_id(seq=5), 民族="")])
    if n % 2:
        rows += household(hid="H6", members=[person(name="己", 证件号码=make_id(seq=6), 民族="")])
    return rows


def _cli(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "auditor", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, cwd=ROOT)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _complete(folder: Path) -> bool:
    """The folder holds exactly the files its marker lists (and the marker)."""
    listed = json.loads((folder / MARKER).read_text(encoding="utf-8"))["files"]
    return _files(folder) == {*listed, MARKER}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".auditor-" in p.name)


# ---- the out folder: whole or not at all ------------------------------------------------------------


def test_a_locked_old_folder_is_left_untouched(tmp_path, monkeypatch):
    out = tmp_path / "结果"
    first = run_audit([write_export(tmp_path / "涞源县_2024-05", _month(1))], period="2024-05")
    first.write(out)
    before = {p: (out / p).read_bytes() for p in _files(out)}
    locked = out / "自查" / "涞源镇.xlsx"
    real = os.replace

    def refuse(src, dst):  # as Windows does while Excel holds a workbook of the folder open
        if Path(src) in (out, locked):
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", refuse)
    second = run_audit([write_export(tmp_path / "涞源县_2024-06", _month(2))], period="2024-06")
    with pytest.raises(InputError) as caught:
        second.write(out)
    assert "自查/涞源镇.xlsx" in caught.value.message and "原有结果保持不变" in caught.value.message
    assert {p: (out / p).read_bytes() for p in _files(out)} == before
    assert _leftovers(tmp_path) == []


def test_the_out_folder_holds_this_run_s_outputs_only(tmp_path):
    out = tmp_path / "结果"
    run_audit([write_export(tmp_path / "a", _month(1))], period="2024-05").write(out, tables=True)
    assert (out / "附表.xlsx").exists() and (out / "入户核实表").is_dir()
    run_audit([write_export(tmp_path / "b", _month(2))], period="2024-06").write(out)
    assert not (out / "附表.xlsx").exists() and not (out / "入户核实表").exists()
    assert _complete(out)


def test_a_folder_of_other_files_is_never_replaced(tmp_path):
    desk = tmp_path / "桌面"
    desk.mkdir()
    (desk / "工作总结.docx").write_text("…", encoding="utf-8")
    result = run_audit([write_export(tmp_path / "a", _month(1))], period="2024-05")
    with pytest.raises(InputError, match="不是本工具生成的文件"):
        result.write(desk)
    assert _files(desk) == {"工作总结.docx"}
    with pytest.raises(InputError, match="是一个文件"):
        result.write(desk / "工作总结.docx")


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the run never reached its pause"
        time.sleep(0.05)


@pytest.mark.parametrize("phase", ["staging", "swap", "record"])
def test_a_run_killed_at_any_phase(tmp_path, phase):
    """SIGKILL while the outputs are written, between the two renames, inside the store's transaction:
    the folder is then complete (old or new), new outputs only for a recorded run; the next run in
    the same place removes every leftover, the run's workspace in the temporary folder included."""
    store, out, temp = str(tmp_path / "历史库.sqlite"), tmp_path / "结果", tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    may = _cli(["audit", str(write_export(tmp_path / "涞源县_2024-05", _month(1))), "--out", str(out),
                "--history", store], env)
    assert may.wait(timeout=300) == 0, may.stderr.read().decode()
    old = {p: (out / p).read_bytes() for p in _files(out)}
    marker = tmp_path / "paused"
    pause = {"AUDITOR_TEST_PAUSE_IN_HISTORY_WRITE": str(marker)} if phase == "record" else {
        "AUDITOR_TEST_PAUSE": f"{phase}:{marker}"}
    june = str(write_export(tmp_path / "涞源县_2024-06", _month(2)))
    victim = _cli(["audit", june, "--out", str(out), "--history", store], {**env, **pause})
    _wait_for(marker, victim)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)

    periods = [r.period for r in Store(store).runs()]
    if out.exists():
        assert _complete(out)
        now = {p: (out / p).read_bytes() for p in _files(out)}
        if now != old:
            assert "2024-06" in periods, "new outputs of a run the store does not hold"
    else:
        assert phase == "swap"  # between the two renames: the old outputs wait beside, put back next time
    assert list(temp.iterdir()), "the killed run's workspace is still there (until the next run)"

    again = _cli(["audit", june, "--out", str(out), "--history", store], env)
    assert again.wait(timeout=300) == 0, again.stderr.read().decode()
    assert _complete(out) and json.loads((out / "summary.json").read_text(encoding="utf-8"))["period"] == "2024-06"
    assert _leftovers(tmp_path) == []
    assert [p.name for p in temp.iterdir() if p.name.startswith("auditor-") and p.is_dir()] == []
    assert [r.period for r in Store(store).runs()] == ["2024-05", "2024-06"]


def test_sigterm_cleans_up_and_says_so(tmp_path):
    out, temp, marker = tmp_path / "结果", tmp_path / "temp", tmp_path / "paused"
    temp.mkdir()
    proc = _cli(["audit", str(write_export(tmp_path / "涞源县_2024-06", _month(1))), "--out", str(out)],
                {"TMPDIR": str(temp), "AUDITOR_TEST_PAUSE": f"staging:{marker}"})
    _wait_for(marker, proc)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "已中断" in lines[0] and "Traceback" not in err.decode()
    assert not out.exists() and _leftovers(tmp_path) == []
    assert [p.name for p in temp.iterdir() if p.name.startswith("auditor-")] == []


# ---- the history store: concurrent runs compare as sequential ones ----------------------------------


def _statuses(store_target: str) -> dict[str, tuple]:
    store = Store(store_target)
    out = {}
    for run in store.runs():
        found = store.child("run_findings", run.run_id).to_pylist()
        out[run.period] = (run.summary["history"]["previous_period"],
                           sorted((f["finding_key"], f["status"]) for f in found),
                           {k: run.summary["history"][k] for k in ("previous", "fixed", "gone", "new", "persisting")})
    store.close()
    return out


def _period_args(folder: Path) -> list[list[str]]:
    exports = [write_export(folder / f"export{n}", _month(n)) for n in range(1, 11)]
    return [["audit", str(e), "--period", f"2024-{n:02d}"] for n, e in enumerate(exports, start=1)]


@pytest.fixture(scope="module")
def sequential_statuses(tmp_path_factory) -> dict[str, tuple]:
    """The ten periods audited one after the other into a SQLite store: the statuses concurrent runs
    must reproduce, whatever their store (computed once, only read by the tests). The same command
    as the concurrent runs, in this process: one after the other, a process each adds nothing."""
    folder = tmp_path_factory.mktemp("sequential")
    store = str(folder / "sequential.sqlite")
    for a in _period_args(folder):
        run = CliRunner().invoke(cli, [*a, "--out", str(folder / "seq"), "--history", store])
        assert run.exit_code == 0, run.output
    return _statuses(store)


def test_ten_concurrent_periods_give_the_sequential_statuses(tmp_path, store_target, sequential_statuses):
    args = _period_args(tmp_path)
    procs = [_cli([*a, "--out", str(tmp_path / f"out{i}"), "--history", store_target])
             for i, a in enumerate(reversed(args))]  # the later periods start first
    for p in procs:
        _out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err.decode()
    together = _statuses(store_target)
    assert together == sequential_statuses
    assert together["2024-04"][0] == "2024-03" and together["2024-04"][2]["fixed"] >= 1  # H4's ID corrected
    assert together["2024-05"][2]["gone"] >= 1  # H5 left


# ---- inputs that crashed the audit --------------------------------------------------------------------


def _audit_everything(tmp_path: Path, rows: list[dict], fmt: str = "xlsx"):
    result = run_audit([write_export(tmp_path / "导出", rows, fmt)], period="2024-06")
    result.write(tmp_path / "结果", tables=True)
    return result


def test_astronomic_numbers_are_findings(tmp_path):
    rows = household(members=[person(**{"务工时间（月）": "1" + "0" * 19}), spouse(**{"务工时间（月）": "1e20"})],
                     工资性收入="9" * 31, 家庭人口数="1e25")
    result = _audit_everything(tmp_path, rows)
    assert {"E02"} <= {r.id for r in result.summary.rules}


def test_a_very_long_township_name_and_odd_village_names(tmp_path):
    import openpyxl

    town = "长" * 120 + "镇"
    rows = (household(hid="H1", town=town, village="东关'", members=[person(民族="")])
            + household(hid="H2", town=town, village="'[a]:*?/\\'", members=[person(民族="")])
            + household(hid="H3", town=town, village="history", members=[person(民族="")]))
    result = _audit_everything(tmp_path, rows)
    books = list((tmp_path / "结果" / "自查").iterdir())
    assert len(books) == 1 and len(books[0].stem) <= 40
    assert town in openpyxl.load_workbook(books[0], read_only=True)["问题汇总"]["A2"].value
    forms = openpyxl.load_workbook(next((tmp_path / "结果" / "入户核实表").iterdir()), read_only=True)
    assert len(forms.sheetnames) == 4 and len({n.lower() for n in forms.sheetnames}) == 4
    assert result.summary.findings == 3


def test_integer_id_columns_of_parquet_are_not_excel_damage(tmp_path):
    rows = household(hid="1306301000000001", members=[person(证件号码=make_id(seq=7))])
    table = pa.table({k: [r[k] for r in rows] for k in rows[0]})
    table = table.set_column(table.column_names.index("证件号码"), "证件号码", pa.array([int(rows[0]["证件号码"])], pa.int64()))
    table = table.set_column(table.column_names.index("户编号"), "户编号", pa.array([1306301000000001], pa.int64()))
    pq.write_table(table, tmp_path / "导出.parquet")
    result = run_audit([tmp_path / "导出.parquet"], period="2024-06")
    assert "A02" not in {r.id for r in result.summary.rules}
    assert not [i for i in result.summary.structure_issues if "户编号以数值存储" in i["类型"]]
    floats = table.set_column(table.column_names.index("证件号码"), "证件号码", pa.array([float(rows[0]["证件号码"])]))
    pq.write_table(floats, tmp_path / "浮点.parquet")  # a float did lose digits: that is A02 (2)
    assert "A02" in {r.id for r in run_audit([tmp_path / "浮点.parquet"], period="2024-06").summary.rules}


def _bomb(path: Path) -> Path:
    """A valid small .xlsx whose shared strings unpack to 60 MB of one letter."""
    write_export(path.with_suffix(""), household(members=[person()]))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/padding.xml", "a" * 60_000_000)
    return path


def test_a_decompression_bomb_is_refused(tmp_path):
    bomb = _bomb(tmp_path / "炸弹.xlsx")
    assert bomb.stat().st_size < 1_000_000
    res = CliRunner().invoke(cli, ["audit", str(bomb), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "压缩炸弹" in res.output and "max_unpacked" in res.output


def test_an_overlong_cell_is_refused(tmp_path):
    """A CSV or HTML table can hold any cell (an .xlsx cannot: calamine reads at most Excel's 32 767)."""
    rows = household(members=[person(其他备注="长" * 40000)])
    html = tmp_path / "长.xls"
    cells = lambda row: "".join(f"<td>{v}</td>" for v in row)  # noqa: E731
    html.write_text(f"<table><tr>{cells(rows[0])}</tr><tr>{cells(rows[0].values())}</tr></table>", encoding="utf-8")
    for path in (write_export(tmp_path / "长", rows, "csv"), html):
        res = CliRunner().invoke(cli, ["audit", str(path), "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and "max_cell_chars" in res.output and "第 2 行" in res.output, res.output


def test_formula_like_cells_are_defused_in_findings_csv(tmp_path):
    rows = (household(hid="H1", village="=HYPERLINK(\"http://x\")", members=[person(name="=cmd|' /C calc'!A0", 民族="")])
            + household(hid="H2", members=[person(name="+1+1", 民族="", 劳动技能="@SUM(1)")])
            + household(hid="H3", members=[person(name="-x", 民族="", 工资性收入="-5")]))
    _audit_everything(tmp_path, rows, fmt="csv")
    with (tmp_path / "结果" / "findings.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'+1+1" in cells and "'-x" in cells and "'@SUM(1)" in cells
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c.startswith("-") and not c[1:].replace(".", "").isdigit())]
    exact = pq.read_table(tmp_path / "结果" / "findings.parquet").column("姓名").to_pylist()
    assert "=cmd|' /C calc'!A0" in exact  # the parquet output keeps every value as found
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "结果" / "自查" / "涞源镇.xlsx")["问题明细"]
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)  # strings stay strings


# ---- smaller points -------------------------------------------------------------------------------------


def _run(args: list[str]) -> tuple[int, str]:
    res = CliRunner().invoke(cli, args)
    return res.exit_code, res.output


def test_user_mistakes_exit_2_with_one_chinese_line(tmp_path):
    export = str(write_export(tmp_path / "导出", household(members=[person()])))
    text = tmp_path / "笔记.txt"
    text.write_text("不是数据库", encoding="utf-8")
    import sqlite3

    foreign = tmp_path / "别的.sqlite"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE 通讯录 (姓名 TEXT)")
    toml = tmp_path / "auditor.toml"
    toml.write_text('[parameters]\nchild_age = "abc"\n', encoding="utf-8")
    for args, word in (
        (["audit", export, "--out", str(text)], "是一个文件"),
        (["audit", export, "--out", str(tmp_path / "o1"), "--history", str(text)], "不是 SQLite 数据库文件"),
        (["history", "list", "--history", str(text)], "不是 SQLite 数据库文件"),
        (["audit", export, "--out", str(tmp_path / "o2"), "--history", str(foreign)], "是其他程序的数据库"),
        (["audit", export, "--out", str(tmp_path / "o3"), "--config", str(toml)], "child_age 应为整数"),
    ):
        code, output = _run(args)
        assert code == 2 and word in output and "Traceback" not in output, (args, output)
        assert len(output.strip().splitlines()) == 1, output


def test_an_unwritable_store_folder_has_its_own_message(tmp_path, monkeypatch):
    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(InputError, match="没有写入权限"):
        Store(str(tmp_path / "只读" / "历史库.sqlite"))


def test_a_header_below_the_scanned_rows_names_the_setting(tmp_path):
    rows = household(members=[person()])
    path = tmp_path / "深表头.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        for i in range(12):
            w.writerow([f"说明第{i}行"])
        w.writerow(list(rows[0]))
        w.writerow(list(rows[0].values()))
    code, output = _run(["audit", str(path), "--out", str(tmp_path / "o")])
    assert code == 2 and "header_scan_rows" in output


def test_head_names_are_reported_as_written(tmp_path):
    rows = household(members=[person(name="张　三", 民族="")])  # a full-width space in the name
    result = run_audit([write_export(tmp_path / "导出", rows)], period="2024-06")
    heads = {r[0] for r in result.prep.con.execute("SELECT 户主姓名 FROM findings").fetchall()}
    assert heads == {"张　三"}


def test_a_postgres_password_never_shows(tmp_path):
    from auditor.history.store import _redact

    assert "p@ss" not in _redact("postgresql://auditor:p@ss@localhost/db")
    code, output = _run(["history", "list", "--history", "postgresql://auditor:s3cr@t@127.0.0.1:1/none"])
    assert code == 2 and "s3cr" not in output


def test_each_failure_gets_its_own_log(tmp_path, monkeypatch):
    import auditor.commands

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(auditor.commands, "print_rules", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    for _ in range(2):
        code, output = _run(["rules", "list"])
        assert code == 3 and "内部错误" in output
    assert len(list(tmp_path.glob("auditor-error-*.log"))) == 2


# ---- the fuzz: hostile values never crash an audit or its outputs --------------------------------------

HOSTILE = st.sampled_from(["9" * 20, "1e20", "-1e300", "1" * 40, "１" * 25, "NaN", "inf", "=1+1", "@x", "'", "\"", "\\",
                           "[a]:*?/\\", "镇" * 90, "、", ",", "\t", "\n", "　", "\x00", "💥", "<b>x</b>", "../../etc"])


@st.composite
def hostile_exports(draw):
    rows = draw(exports(min_households=1, max_households=6))
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.sampled_from(rows))
        field = draw(st.sampled_from(sorted(row)))
        row[field] = draw(HOSTILE) if field not in ("户编号",) else row[field] + draw(HOSTILE)
    town, village = draw(HOSTILE), draw(HOSTILE)
    for row in rows:
        if draw(st.booleans()):
            row.update({"乡": town, "村": village})
    return rows


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(rows=hostile_exports())
def test_hostile_cells_never_crash(tmp_path, rows):
    folder = tmp_path / str(abs(hash(json.dumps(rows, sort_keys=True, ensure_ascii=False))))
    folder.mkdir()
    try:
        result = run_audit([write_export(folder / "导出", rows, "csv")], Config(), "2024-06")
    except InputError:
        return  # a clear refusal (e.g. no key left in any row) is an answer, not a crash
    result.write(folder / "结果", tables=True)
    assert _complete(folder / "结果")
