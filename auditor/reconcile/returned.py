"""A township's filled 交办清单 read back (`--returned FILE...`), every row validated against its clue.

A row is answered when 核查结果 is filled: one of 纳入监测 / 不符合条件 / 已是监测对象; 不符合条件 needs a
理由; 核查日期, when given, must be a date. A row whose 线索编号 names no clue of the run (the history's,
carried on, and the new ones), or whose 姓名 or 证件号码 is no longer the clue's, means the workbook no
longer matches its clues: the whole run is refused with one line naming the file, sheet, row and
column, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..fields import Field
from ..ingest.lists import read_list
from ..lists import RETURNED_RESULTS
from ..normalize import norm_array, ymd

RETURNED_FIELDS: tuple[Field, ...] = (
    Field("线索编号", "text", "人", ("线索号",)),
    Field("姓名", "text", "人"),
    Field("证件号码", "id", "人", ("身份证号", "身份证号码", "公民身份号码")),
    Field("核查结果", "text", "人", ("核实结果", "入户核查结果")),
    Field("理由", "text", "人", ("原因", "核查理由", "不符合条件理由", "说明")),
    Field("核查日期", "ymd", "人", ("核实日期", "入户日期", "核查时间")),
    Field("乡镇", "text", "人"),
    Field("村", "text", "人"),
)


def _norm(values: list[str | None]) -> list[str | None]:
    import pyarrow as pa

    return norm_array(pa.array(values, pa.string()), ()).to_pylist()


def read_returned(paths: tuple[str, ...], clues: dict[str, dict], scan_rows: int = 10) -> dict[str, dict]:
    """clue id → {核查结果, 理由, 核查日期} of every answered row of the workbooks; InputError at the first
    row that does not fit."""
    answers: dict[str, dict] = {}
    for path in paths:
        got = read_list(path, RETURNED_FIELDS, "交办清单", scan_rows, required=("线索编号",))
        t = got.table
        cols = {c: (_norm(t.column(c).to_pylist()) if c in t.column_names else [None] * t.num_rows)
                for c in ("线索编号", "姓名", "证件号码", "核查结果", "理由", "核查日期")}
        sheets, lines = t.column("_sheet").to_pylist(), t.column("_line").to_pylist()
        name = Path(path).name
        for i in range(t.num_rows):
            where = f"交办清单 {name}" + (f" 工作表“{sheets[i]}”" if sheets[i] else "") + f" 第 {lines[i]} 行"
            cid = cols["线索编号"][i]
            if cid is None:
                raise InputError(f"{where}：线索编号为空，无法对应到线索（请勿增删行或改动线索编号）")
            clue = clues.get(cid)
            if clue is None:
                raise InputError(f"{where}：线索编号 {cid} 不在历史库或本次的线索中，该行已不对应其线索"
                                 "（请使用本工具生成的交办清单，勿改动线索编号）")
            for col in ("姓名", "证件号码"):
                given = cols[col][i]
                expected = _norm([clue[col]])[0]
                if t.num_rows and col in t.column_names and given != expected:
                    raise InputError(f"{where}“{col}”列：与线索 {cid} 的{col}不符，该行已不对应其线索"
                                     "（请勿改动交办清单中的线索信息）")
            result = cols["核查结果"][i]
            if result is None:
                continue
            if result not in RETURNED_RESULTS:
                raise InputError(f"{where}“核查结果”列：“{result}”不是可填的结果（应为 {'、'.join(RETURNED_RESULTS)} 之一）")
            reason = cols["理由"][i]
            if result == "不符合条件" and not reason:
                raise InputError(f"{where}“理由”列：核查结果为不符合条件时须填写理由")
            day_text = cols["核查日期"][i]
            day = ""
            if day_text:
                parsed = ymd(day_text)
                if parsed is None:
                    raise InputError(f"{where}“核查日期”列：“{day_text}”不是日期（应写成 YYYY-MM-DD）")
                day = (dt.date(1970, 1, 1) + dt.timedelta(days=parsed)).isoformat()
            answer = {"核查结果": result, "理由": reason or "", "核查日期": day}
            if cid in answers and answers[cid] != answer:
                raise InputError(f"{where}：线索 {cid} 在交办清单中出现两次且核查结果不同")
            answers[cid] = answer
    return answers
