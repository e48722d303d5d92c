"""Stage 1 of prepare: the export's rows into the workspace, as found and as checked.

`raw` holds every cell's original text (what findings report), `_norm` the checked values (norm +
canon, rules.md §6; NULL = blank) with the numbers, months and dates parsed beside them, `_meta`
each row's file, sheet and line. Each secondary table (work, plan, villages) is normalised the same
way into one table with every canonical column (NULL when the file lacks it, or when no file was
given) and the person key `_key`; `raw_<table>` keeps its original text.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Config
from ..fields import MAIN_FIELDS, SECONDARY_FIELDS, WATER_INVERSE, Field, number_column
from ..ingest import Ingested, Issue, no_rows_error
from ..normalize import canon_fn, map_distinct, map_values, norm_array, num, ym, ymd
from ..sqltext import ident
from .workspace import SECONDARY_TABLES, Prepared, fit_threads

NUMERIC_TYPES = ("money", "int")
DECIMAL = pa.decimal128(38, 6)
# Fields whose value also needs its date parse beside the month (H13 compares the identification date).
YM_WITH_DATE = ("识别监测时间",)
_META = ("_row", "_line", "_file", "_sheet")


def parsed_columns(f: Field) -> list[tuple[str, str]]:
    """(column, SQL type) of the parses prepared beside field `f`'s checked value."""
    out = []
    if f.type in NUMERIC_TYPES:
        out.append((number_column(f.name), "DECIMAL(38, 6)"))
    if f.type == "ym":
        out.append((f"月_{f.name}", "INTEGER"))
    if f.type == "ymd" or f.name in YM_WITH_DATE:
        out.append((f"日_{f.name}", "INTEGER"))
    return out


def normalised(table: pa.Table, fields: tuple[Field, ...], cfg: Config) -> tuple[pa.Table, set[str]]:
    """norm + canon of every recognised column; month and date parses beside them."""
    tokens = cfg.params["blank_tokens"]
    arrays: dict[str, pa.Array] = {"_row": table.column("_row")} if "_row" in table.column_names else {}
    present: set[str] = set()
    for f in fields:
        if f.name not in table.column_names:
            continue
        present.add(f.name)
        # Everything below is a function of the cell's text: work on each distinct text once.
        encoded = pc.dictionary_encode(table.column(f.name).combine_chunks())
        values, rows = norm_array(encoded.dictionary, tokens), encoded.indices
        variants = cfg.variants.get(f.name)
        if variants or f.multi:
            values = map_values(values, canon_fn(variants, f.multi), pa.string())
        arrays[f.name] = pc.take(values, rows)
        if f.type in NUMERIC_TYPES:
            arrays[number_column(f.name)] = pc.take(map_values(values, num, DECIMAL), rows)
        if f.type == "ym":
            arrays[f"月_{f.name}"] = pc.take(map_values(values, ym, pa.int32()), rows)
        if f.type == "ymd" or f.name in YM_WITH_DATE:
            arrays[f"日_{f.name}"] = pc.take(map_values(values, ymd, pa.int32()), rows)
        flag = f"_num_{f.name}"
        if flag in table.column_names:
            arrays[f"数值_{f.name}"] = pc.fill_null(table.column(flag).combine_chunks(), False)
    return pa.table(arrays), present


def _water(table: pa.Table, norm_tbl: pa.Table, cfg: Config, present: set[str]) -> tuple[pa.Table, dict]:
    """Only the inverse column 是否饮水出现安全问题: convert it (是 ⇔ 否) and report its original text."""
    target = "是否解决安全饮用水"
    if target in present or WATER_INVERSE not in table.column_names:
        return norm_tbl, {}
    arr = norm_array(table.column(WATER_INVERSE).combine_chunks(), cfg.params["blank_tokens"])
    flipped = map_distinct(arr, lambda v: {"是": "否", "否": "是"}.get(v, v), pa.string())
    present.add(target)
    return norm_tbl.append_column(target, flipped), {target: WATER_INVERSE}


def load_main(prep: Prepared, ing: Ingested) -> None:
    """`raw`, `_norm` and `_meta`, filled batch by batch; the fields present and the checked fields
    reported under another column (_water) go to `prep`."""
    con, cfg = prep.con, prep.cfg
    present: set[str] = set()
    sources: dict[str, str] = {}
    rows = 0
    con.execute("BEGIN")  # one transaction: DuckDB writes the appended row groups straight to its file
    for batch in ing.batches():
        norm_tbl, present = normalised(batch, MAIN_FIELDS, cfg)
        norm_tbl, sources = _water(batch, norm_tbl, cfg, present)
        _append(con, "raw", batch, first=not rows)
        _append(con, "_norm", norm_tbl, first=not rows)
        rows += batch.num_rows or 1  # an empty batch (a parquet file without rows) still creates the tables
    con.execute("COMMIT")
    stored = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    if not stored:
        raise no_rows_error(ing.sheets)
    fit_threads(con, stored)
    con.execute("CREATE VIEW _meta AS SELECT _row, _line, _file, _sheet FROM raw")
    prep.present, prep.source_columns = present, sources
    prep.issues = list(ing.issues)  # complete once the main table's rows are read


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, first: bool) -> None:
    """Rows into a stored table. Through a relation, not a registered view: a view is a catalog entry
    the open transaction would keep alive, with its Arrow batch, until the load commits."""
    rel = con.from_arrow(rows)
    if first:
        rel.create(table)
    else:
        rel.insert_into(table)


_KEY_BY_ID = ("CASE WHEN regexp_full_match(upper(n.证件号码), '\\d{17}[0-9X](\\d{2}|\\d{4})?') "
              "THEN substr(upper(n.证件号码), 1, 18) WHEN regexp_full_match(n.证件号码, '\\d{15}') THEN n.证件号码 END")


def load_secondary(prep: Prepared, ing: Ingested) -> None:
    """work, plan and villages: each with every canonical column and the person key `_key` (the ID's
    first 18 characters when it has an ID form, else 户编号|姓名); empty when its file was not given."""
    con = prep.con
    for kind, name in SECONDARY_TABLES.items():
        fields = SECONDARY_FIELDS[kind]
        given = ing.extras.get(kind)
        if given is None:
            given = pa.table({c: pa.array([], pa.int64() if c in ("_row", "_line") else pa.string()) for c in _META})
        else:
            given = given.append_column("_row", pa.array(range(given.num_rows), pa.int64()))
        norm_tbl, present = normalised(given, fields, prep.cfg)
        if kind in ing.extras:
            prep.extras[kind] = present
            con.from_arrow(given).create(f"raw_{name}")
        con.from_arrow(given.select(list(_META))).create(f"_xm_{name}")
        con.from_arrow(norm_tbl if norm_tbl.num_columns else pa.table({"_row": pa.array([], pa.int64())})).create(
            f"_x_{name}")
        have = set(norm_tbl.column_names)
        cols = []
        for f in fields:
            cols.append(f"n.{ident(f.name)}" if f.name in have else f"CAST(NULL AS VARCHAR) AS {ident(f.name)}")
            cols += [f"n.{ident(c)}" if c in have else f"CAST(NULL AS {t}) AS {ident(c)}" for c, t in parsed_columns(f)]
            if f.type == "id":
                flag = f"数值_{f.name}"
                cols.append(f"n.{ident(flag)}" if flag in have else f"CAST(NULL AS BOOLEAN) AS {ident(flag)}")
        key = _KEY_BY_ID if "证件号码" in present else "NULL"
        if "户编号" in present:
            key = f"coalesce({key}, coalesce(n.户编号, '') || '|' || coalesce(n.姓名, ''))"
        if name == "work":
            cols.append(f"CAST({_outside_county(present)} AS INTEGER) AS 县外务工")
        con.execute(f"""
            CREATE TABLE {name} AS SELECT m._row, m._line, m._file, m._sheet, {', '.join(cols)}, {key} AS _key
            FROM _x_{name} n JOIN _xm_{name} m USING (_row) ORDER BY m._row""")
        con.execute(f"DROP TABLE _x_{name}; DROP TABLE _xm_{name}")


def _outside_county(present: set[str]) -> str:
    """work.县外务工 (E10): the record's 务工所在地 is 县外省内务工 / 省外务工 or contains 县外 / 省外; every
    record counts when the 务工监测表 has no 务工所在地 column (then 县内外 is not told apart)."""
    if "务工所在地" not in present:
        return "true"
    return ("coalesce(n.务工所在地 IN ('县外省内务工', '省外务工') OR contains(n.务工所在地, '县外') "
            "OR contains(n.务工所在地, '省外'), false)")


def report_unlinked(prep: Prepared) -> None:
    """Secondary-table rows that match no person and no household of the main table (rules.md §10.5)."""
    for kind, table in SECONDARY_TABLES.items():
        if kind not in prep.extras or table == "villages":
            continue
        rows = prep.con.execute(f"""
            SELECT _file, _sheet, list(_line ORDER BY _row) FROM {table}
            WHERE _key NOT IN (SELECT 人员关联键 FROM members)
              AND coalesce(户编号, '') NOT IN (SELECT 户编号 FROM members WHERE 户编号 IS NOT NULL)
            GROUP BY _file, _sheet""").fetchall()
        for file, sheet, lines in rows:
            prep.issues.append(Issue("副表中无法关联到主表的行", file, sheet,
                                     f"{kind} {len(lines)} 行按证件号码（或户编号+姓名）和户编号都找不到主表中的人或户", lines))
