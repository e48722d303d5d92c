"""A province export in bounded memory: parquet read in batches, households aggregated in slices,
DuckDB under a memory limit in a temporary workspace. Batching must never change what is found.

The batch and slice sizes are made tiny here so a small real export crosses many boundaries.
"""

from __future__ import annotations

import gc
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from auditing import run_audit

from auditor import demo
from auditor.config import load_config
from auditor.errors import InputError
from auditor.ingest import read_exports, readers
from auditor.prepare import households as household_stage

HOUSEHOLDS = 120
FINDING_COLUMNS = "规则编号, 户编号, 姓名, 证件号码, 问题字段, 当前值, 说明"


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, Path]:
    """The demo county (its planted problems included) as the xlsx offices get, and the same text
    as a parquet file."""
    folder = tmp_path_factory.mktemp("county")
    xlsx = demo.write_export(demo.generate(HOUSEHOLDS, seed=11), folder / "县.xlsx")
    main = read_exports([xlsx]).main
    parquet = folder / "县.parquet"
    pq.write_table(main.select([c for c in main.column_names if not c.startswith("_")]), parquet, row_group_size=50)
    return xlsx, parquet


def _findings(result, shift: int = 0) -> list[tuple]:
    """The findings, the line numbers quoted in 说明 moved by `shift` (the xlsx has rows above its header)."""
    rows = result.prep.con.execute(f"SELECT {FINDING_COLUMNS} FROM findings").fetchall()
    def moved(m: re.Match) -> str:
        return "第" + "、".join(str(int(n) + shift) for n in m[1].split("、")) + "行"

    return sorted((*r[:-1], re.sub(r"第([\d、]+)行", moved, r[-1])) for r in rows)


def test_batches_and_slices_find_what_the_whole_read_finds(county, monkeypatch):
    xlsx, parquet = county
    whole = run_audit([str(xlsx)], load_config(None), demo.PERIOD)
    monkeypatch.setattr(readers, "PARQUET_BATCH", 37)
    monkeypatch.setattr(household_stage, "_PERSONS_PER_SLICE", 50)
    sliced = run_audit([str(parquet)], load_config(None), demo.PERIOD)
    assert sliced.prep.counts["rows"] > 37 * 5 and sliced.prep.counts["active"] > 50 * 4  # many batches, slices
    title_rows = whole.prep.con.execute("SELECT min(_line) FROM raw").fetchall()[0][0] - 2
    assert _findings(sliced, title_rows) == _findings(whole) and len(_findings(whole)) > 50
    households = "SELECT * EXCLUDE (_row, _head_row) FROM households ORDER BY 户编号"
    assert sliced.prep.con.execute(households).fetchall() == whole.prep.con.execute(households).fetchall()
    # Every finding still points to its line: the column names are line 1 of a parquet file.
    lines = sliced.prep.con.execute("SELECT 来源行号, 证件号码 FROM findings WHERE 层级 = '人'").fetchall()
    raw = pq.read_table(parquet, columns=["证件号码"]).column(0).to_pylist()
    assert lines and all(raw[line - 2] == ident for line, ident in lines)


def test_dropped_rows_of_all_batches_are_reported_once(tmp_path, monkeypatch):
    ids = [f"13063019800101{n:03d}X" for n in range(10)]
    table = pa.table({
        # numbers of 16 digits stored as floats (an exact int64 column is no Excel damage: not reported)
        "户编号": pa.array([1306301000010001.0 + n for n in range(10)], pa.float64()),
        "姓名": [f"人{n}" for n in range(10)],
        "证件号码": ids,
        "与户主关系": ["户主"] * 10,
    })
    rows = table.to_pylist()
    rows[4] = {"户编号": None, "姓名": "注：本页为测试", "证件号码": None, "与户主关系": None}
    rows[8] = {"户编号": None, "姓名": None, "证件号码": None, "与户主关系": None}
    path = tmp_path / "省.parquet"
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)
    monkeypatch.setattr(readers, "PARQUET_BATCH", 3)
    ing = read_exports([path])
    main = ing.main
    assert main.column("_line").to_pylist() == [2, 3, 4, 5, 7, 8, 9, 11]  # line 6 (note) and 10 (blank) dropped
    assert main.column("_row").to_pylist() == list(range(8))
    assert [s["行数"] for s in ing.sheets] == [8]
    by_kind = {i.kind: i for i in ing.issues}
    assert by_kind["被丢弃的注释行或合计行"].lines == [6]
    numeric = by_kind["户编号以数值存储且不少于16位（可能已被Excel截断）"]
    assert numeric.lines == [2, 3, 4, 5, 7, 8, 9, 11] and numeric.detail.startswith("8 行，")


def test_parquet_without_rows_is_a_clear_error(tmp_path):
    path = tmp_path / "空.parquet"
    pq.write_table(pa.table({c: pa.array([], pa.string()) for c in ("户编号", "姓名", "证件号码", "与户主关系")}), path)
    with pytest.raises(InputError, match=r"空\.parquet 的主表没有数据行"):
        run_audit([str(path)], load_config(None), demo.PERIOD)


@pytest.mark.parametrize("which, database", [(0, "memory"), (1, "run")])
def test_memory_limit_from_config_and_workspace_removed(county, tmp_path, which, database):
    """An xlsx (read whole) is audited in memory, a parquet file (read in batches) in a database file;
    both in a temporary folder that is gone once the run's tables are no longer used."""
    toml = tmp_path / "auditor.toml"
    toml.write_text('[run]\nmemory_limit = "800MB"\n', encoding="utf-8")
    result = run_audit([str(county[which])], load_config(toml), demo.PERIOD)
    con = result.prep.con
    assert con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] == "762.9 MiB"
    assert con.execute("SELECT current_database()").fetchall()[0][0] == database
    folder = Path(con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]).parent
    assert folder.is_dir() and folder.name.startswith("auditor-")
    assert (folder / "run.duckdb").exists() == (database == "run")
    del result, con
    gc.collect()
    assert not folder.exists()


@pytest.mark.parametrize("text, word", [('memory_limit = "lots"', "memory_limit 应为"), ("memory_limit = 2", "memory_limit 应为"),
                                        ('threads = 2', "[run] 中的未知参数 threads")])
def test_bad_run_section(tmp_path, text, word):
    toml = tmp_path / "auditor.toml"
    toml.write_text(f"[run]\n{text}\n", encoding="utf-8")
    with pytest.raises(InputError, match=word.replace("[", r"\[").replace("]", r"\]")):
        load_config(toml)


def test_too_little_memory_is_a_clear_message(county, tmp_path):
    # 16 MB: far below what this county needs (about 60 MB since the rules run as a few statements
    # at once), so the run fails whichever statement needs the memory first.
    toml = tmp_path / "auditor.toml"
    toml.write_text('[run]\nmemory_limit = "16MB"\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "auditor", "audit", str(county[0]), "--config", str(toml),
                          "--out", str(tmp_path / "结果")], capture_output=True, text=True)
    assert out.returncode == 3
    assert out.stderr.startswith("内存不足：审核未完成，没有生成结果。请在 auditor.toml 的 [run] 中调大 memory_limit")
    assert "Traceback" not in out.stderr and not (tmp_path / "结果").exists()


def test_tight_memory_limit_finds_the_same(county, tmp_path):
    """Under a limit too small for all rules in one statement, the rules run one at a time: same findings."""
    toml = tmp_path / "auditor.toml"
    toml.write_text('[run]\nmemory_limit = "300MB"\n', encoding="utf-8")
    tight = run_audit([str(county[0])], load_config(toml), demo.PERIOD)
    assert _findings(tight) == _findings(run_audit([str(county[0])], load_config(None), demo.PERIOD))
