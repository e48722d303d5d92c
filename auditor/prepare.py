"""The prepared tables every engine reads: `members` (one row per active person) and `households`.

Derivations happen here, once (architecture.md decision 5; rules.md §6–8): every canonical field's
checked value (norm + canon; NULL = blank), numbers (`数_…`), months (`月_…`, year*12+month) and
dates (`日_…`), the ID parsed (form, A02 sub-class, check digit, birth date, sex, id_ok), age and
school age at the reference dates, the person key, the shared predicates of rules.md §8 (在校生,
有劳动力, 残疾成员, 有务工 …), and per household the 户值 of every household field with the
aggregates the rules need. Columns of fields the export lacks exist as NULL, so check SQL never
breaks; whether a rule runs is decided from `present` (rules.md §10.1).

Only portable SQL is needed downstream: flags are 0/1 integers, multi-valued cells are canonical
item lists joined with ',' and sets are written ',a,b,' so `LIKE '%,因病,%'` tests membership.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from . import codes
from .config import Config
from .fields import (
    DEV_MEASURES,
    MAIN_FIELDS,
    MEASURES,
    RISKS,
    WATER_INVERSE,
    Field,
)
from .ids import check_digit_sql
from .ingest import Ingested, Issue, no_rows_error
from .normalize import canon_fn, map_distinct, map_values, norm_array, num, ym, ymd

NUMERIC_TYPES = ("money", "int")
DECIMAL = pa.decimal128(38, 6)
# Short names for the two month-count fields, whose canonical names carry parentheses.
NUM_ALIASES = {"务工时间（月）": "务工月数", "公益性岗位(月数)": "岗位月数"}
# Household fields whose 户值 also needs its month or date parse.
_YM_EXTRA_DATE = ("识别监测时间",)


SECONDARY_TABLES = {"务工监测表": "work", "计划外出务工表": "plan", "行政村表": "villages"}


def num_col(name: str) -> str:
    return NUM_ALIASES.get(name, f"数_{name}")


@dataclass
class Prepared:
    con: duckdb.DuckDBPyConnection
    present: set[str]  # canonical main-table fields present in the export
    extras: dict[str, set[str]]  # secondary table kind → its fields present
    cfg: Config
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    source_columns: dict[str, str] = field(default_factory=dict)  # checked field → raw column reported

    def extras_tables(self) -> set[str]:
        """Names of the prepared secondary tables (work, plan, villages) this run has."""
        return {SECONDARY_TABLES[k] for k in self.extras}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_list(values) -> str:
    return "(" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + ")"


def _normalised(table: pa.Table, fields: tuple[Field, ...], cfg: Config) -> tuple[pa.Table, set[str]]:
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
            arrays[num_col(f.name)] = pc.take(map_values(values, num, DECIMAL), rows)
        if f.type == "ym":
            arrays[f"月_{f.name}"] = pc.take(map_values(values, ym, pa.int32()), rows)
        if f.type == "ymd" or f.name in _YM_EXTRA_DATE:
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


def _age_sql(birth: str, ref: dt.date) -> str:
    return (f"({ref.year} - year({birth}) - CASE WHEN strftime({birth}, '%m%d') > '{ref:%m%d}' THEN 1 ELSE 0 END)")


def prepare(ing: Ingested, cfg: Config) -> Prepared:
    con, folder = workspace(cfg, on_disk=ing.streamed)
    prep = Prepared(con, set(), {}, cfg)
    weakref.finalize(prep, _remove_workspace, con, folder)  # when the run's tables are no longer used
    prep.present, prep.source_columns = _load_main(con, ing, cfg)
    prep.issues = list(ing.issues)  # complete once the main table's rows are read
    _prepare_extras(prep, ing)
    _create_members(prep)
    _create_households(prep)
    _report_unlinked(prep)
    _derive_C(prep)
    _derive_I(prep)
    _derive_E(prep)
    _derive_H(prep)
    _derive_A(prep)
    _derive_B(prep)
    return prep


def workspace(cfg: Config, on_disk: bool) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The run's DuckDB database and its temporary folder (the caller removes it).

    An export read whole is already in memory: its tables are kept in memory too (fastest). A
    parquet file read in batches may be a province: its tables go to a database file in the folder,
    compressed, kept on disk beyond `[run] memory_limit`, so millions of persons are audited in
    bounded memory. Either way DuckDB spills what exceeds the limit into the folder.
    """
    folder = tempfile.mkdtemp(prefix="auditor-")
    con = duckdb.connect(str(Path(folder) / "run.duckdb") if on_disk else ":memory:")
    con.execute(f"SET memory_limit = '{cfg.run['memory_limit']}'; SET temp_directory = '{Path(folder) / 'spill'}'; "
                "SET preserve_insertion_order = true; SET enable_progress_bar = false")
    return con, folder


def _remove_workspace(con: duckdb.DuckDBPyConnection, folder: str) -> None:
    con.close()
    shutil.rmtree(folder, ignore_errors=True)


def _load_main(con: duckdb.DuckDBPyConnection, ing: Ingested, cfg: Config) -> tuple[set[str], dict[str, str]]:
    """`raw` (the original text), `_norm` (the checked values) and `_meta`, filled batch by batch.

    Returns the fields present and the checked fields reported under another column (_water)."""
    present: set[str] = set()
    sources: dict[str, str] = {}
    rows = 0
    con.execute("BEGIN")  # one transaction: DuckDB writes the appended row groups straight to its file
    for batch in ing.batches():
        norm_tbl, present = _normalised(batch, MAIN_FIELDS, cfg)
        norm_tbl, sources = _water(batch, norm_tbl, cfg, present)
        _append(con, "raw", batch, first=not rows)
        _append(con, "_norm", norm_tbl, first=not rows)
        rows += batch.num_rows or 1  # an empty batch (a parquet file without rows) still creates the tables
    con.execute("COMMIT")
    if not con.execute("SELECT count(*) FROM raw").fetchall()[0][0]:
        raise no_rows_error(ing.sheets)
    con.execute("CREATE VIEW _meta AS SELECT _row, _line, _file, _sheet FROM raw")
    return present, sources


def _append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, first: bool) -> None:
    """Rows into a stored table. Through a relation, not a registered view: a view is a catalog entry
    the open transaction would keep alive, with its Arrow batch, until the load commits."""
    rel = con.from_arrow(rows)
    if first:
        rel.create(table)
    else:
        rel.insert_into(table)


def _prepare_extras(prep: Prepared, ing: Ingested) -> None:
    """The secondary tables, normalised the same way and keyed by the person key."""
    from .fields import SECONDARY_FIELDS

    for kind, table in ing.extras.items():
        fields = SECONDARY_FIELDS[kind]
        table = table.append_column("_row", pa.array(range(table.num_rows), pa.int64()))
        norm_tbl, present = _normalised(table, fields, prep.cfg)
        prep.extras[kind] = present
        meta = table.select(["_row", "_line", "_file", "_sheet"])
        name = SECONDARY_TABLES[kind]
        prep.con.register(f"_x_{name}", norm_tbl)
        prep.con.register(f"_xm_{name}", meta)
        prep.con.register(f"raw_{name}", table)
        cols = ", ".join(
            f"n.{_q(f.name)}" if f.name in present else f"CAST(NULL AS VARCHAR) AS {_q(f.name)}"
            for f in fields
        )
        extra_cols = ", ".join(f"n.{_q(c)}" for c in norm_tbl.column_names
                               if c.startswith(("月_", "日_", "数值_", "数_")))
        key = "NULL"
        if "证件号码" in present:
            key = ("CASE WHEN regexp_full_match(upper(n.证件号码), '\\d{17}[0-9X](\\d{2}|\\d{4})?') "
                   "THEN substr(upper(n.证件号码), 1, 18) "
                   "WHEN regexp_full_match(n.证件号码, '\\d{15}') THEN n.证件号码 END")
        if "户编号" in present:
            key = f"coalesce({key}, coalesce(n.户编号, '') || '|' || coalesce(n.姓名, ''))"
        prep.con.execute(f"""
            CREATE TABLE {name} AS SELECT m._row, m._line, m._file, m._sheet, {cols}
              {', ' + extra_cols if extra_cols else ''}, {key} AS _key
            FROM _x_{name} n JOIN _xm_{name} m USING (_row) ORDER BY m._row""")


def _report_unlinked(prep: Prepared) -> None:
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


def _create_members(prep: Prepared) -> None:
    cfg, con, present = prep.cfg, prep.con, prep.present
    have = set(con.sql("SELECT * FROM _norm LIMIT 0").columns)
    ref, school_ref = cfg.ref_date, cfg.school_ref_date
    cols = []
    for f in MAIN_FIELDS:
        cols.append(f"n.{_q(f.name)}" if f.name in present else f"CAST(NULL AS VARCHAR) AS {_q(f.name)}")
        if f.type in NUMERIC_TYPES:
            cols.append(f"n.{_q(num_col(f.name))}" if f.name in present
                        else f"CAST(NULL AS DECIMAL(38, 6)) AS {_q(num_col(f.name))}")
        if f.type == "ym":
            cols.append(f"n.{_q('月_' + f.name)}" if f.name in present
                        else f"CAST(NULL AS INTEGER) AS {_q('月_' + f.name)}")
        if f.type == "ymd" or f.name in _YM_EXTRA_DATE:
            cols.append(f"n.{_q('日_' + f.name)}" if f.name in present else f"CAST(NULL AS INTEGER) AS {_q('日_' + f.name)}")
    numeric_id = _field(have, "数值_证件号码", "BOOLEAN")
    tokens = cfg.params["inactive_status_tokens"]
    active = " OR ".join(f"contains(n.成员状态, '{t}')" for t in tokens) if "成员状态" in present and tokens else ""
    where = f"WHERE NOT coalesce({active}, false)" if active else ""
    work_exists = "false"
    if "work" in _tables(con):
        work_exists = ("EXISTS (SELECT 1 FROM work w WHERE w._key = p.人员关联键 "
                       "AND coalesce(w.是否已务工, '') <> '否')")
    plan_exists = "false"
    if "plan" in _tables(con):
        plan_exists = "EXISTS (SELECT 1 FROM plan q WHERE q._key = p.人员关联键 AND q.是否计划务工 = '是')"
    studying = _sql_list(codes.GRADES_STUDYING)
    able = _sql_list(("普通劳动力", "技能劳动力", "弱劳动力或半劳动力"))
    unable = _sql_list(("无劳动力", "丧失劳动力"))
    ids = _sql_list(cfg.params["id_like_types"])
    ref_days = (ref - dt.date(1970, 1, 1)).days
    # The ID is parsed in a narrow chain (one column at a time needs the previous one); the wide
    # member table is then built in a single pass beside it. _norm, _id and raw hold the rows in the
    # same order (_row), so they are joined by position: no hash table of millions of rows, no sort.
    con.execute(f"""
    CREATE TEMP TABLE _id AS
    WITH b AS (
      SELECT n._row, upper({_field(have, "证件号码")}) AS _v, coalesce({numeric_id}, false) AS _numeric,
             ({_field(have, "证件类型")} IS NOT NULL AND {_field(have, "证件类型")} NOT IN {ids}) AS _other,
             {_field(have, "日_出生日期", "INTEGER")} AS _birth_col
      FROM _norm n
    ), f AS (
      SELECT b.*,
        CASE WHEN regexp_full_match(_v, '\\d{{17}}[0-9X]') THEN 'ID18'
             WHEN regexp_full_match(_v, '\\d{{17}}[0-9X]\\d{{2}}') THEN 'ID20'
             WHEN regexp_full_match(_v, '\\d{{17}}[0-9X]\\d{{4}}') THEN 'ID22'
             WHEN regexp_full_match(_v, '\\d{{15}}') THEN 'ID15' END AS 证件形式
      FROM b
    ), c AS (
      SELECT f.*, CASE WHEN 证件形式 IN ('ID18', 'ID20', 'ID22')
                       THEN CAST({check_digit_sql("_v")} = substr(_v, 18, 1) AS INTEGER) END AS 校验位正确
      FROM f
    ), s AS (
      SELECT c.*,
        CASE WHEN _other THEN NULL
             WHEN _v IS NULL THEN 1
             WHEN (_numeric AND length(regexp_extract(_v, '^\\d+')) >= 16)
                  OR regexp_full_match(_v, '\\d+(\\.\\d+)?E[+-]?\\d+') THEN 2
             WHEN regexp_full_match(_v, '\\d{{15,22}}\\.\\d+') THEN 3
             WHEN 证件形式 = 'ID15' THEN 4
             WHEN 证件形式 IS NULL THEN 5
             WHEN regexp_full_match(substr(_v, 16), '0+') AND 校验位正确 = 0 THEN 6 END AS A02子类
      FROM c
    ), o AS (
      SELECT s.*, CAST(证件形式 IS NOT NULL AND coalesce(A02子类, 0) NOT IN (2, 3, 6) AS INTEGER) AS 证件有效,
             CAST(try_strptime(CASE WHEN 证件形式 = 'ID15' THEN '19' || substr(_v, 7, 6)
                                    WHEN 证件形式 IS NOT NULL THEN substr(_v, 7, 8) END, '%Y%m%d') AS DATE) AS _idd
      FROM s
    ), d AS (
      SELECT o.*, CASE WHEN 证件有效 = 1
                       THEN CAST(_idd IS NULL OR year(_idd) < 1900 OR _idd > DATE '{ref}' AS INTEGER) END AS 证件出生无效
      FROM o
    ), e AS (
      SELECT d.*, CASE WHEN 证件出生无效 = 0 THEN _idd END AS _id_birth FROM d
    )
    SELECT _row, CAST(_numeric AS INTEGER) AS 数值_证件号码, 证件形式, 校验位正确, A02子类, 证件有效, 证件出生无效,
      CAST(_id_birth - DATE '1970-01-01' AS INTEGER) AS 证件出生日,
      CASE WHEN 证件有效 = 1 THEN
           CASE WHEN CAST(substr(_v, CASE WHEN 证件形式 = 'ID15' THEN 15 ELSE 17 END, 1) AS INTEGER) % 2 = 1
                THEN '男' ELSE '女' END END AS 证件性别,
      CASE WHEN 证件有效 = 1 THEN CASE WHEN 证件形式 = 'ID15' THEN _v ELSE substr(_v, 1, 18) END END AS 证件键,
      CAST(_other AS INTEGER) AS 其他证件,
      coalesce(_id_birth, CASE WHEN _birth_col <= {ref_days} THEN DATE '1970-01-01' + _birth_col END) AS _birth
    FROM e
    """)
    con.execute(f"""
    CREATE TABLE members AS
    SELECT p.* EXCLUDE (_birth, _有务工本表),
      CAST({work_exists} OR p._有务工本表 = 1 AS INTEGER) AS 有务工,
      CAST({plan_exists} AS INTEGER) AS 计划务工
    FROM (
      SELECT n._row, m._line, m._file, m._sheet, {', '.join(cols)}, i.* EXCLUDE (_row),
        {_TOWNSHIP_SQL.replace('b.', 'n.')} AS 乡镇,
        {_age_sql('i._birth', ref)} AS 年龄,
        {_age_sql('i._birth', school_ref)} AS 学龄年龄,
        CASE WHEN n.性别 IN ('男', '女') THEN n.性别 ELSE i.证件性别 END AS 有效性别,
        coalesce(i.证件键, coalesce(n.户编号, '') || '|' || coalesce(n.姓名, '')) AS 人员关联键,
        CAST(coalesce(n.与户主关系 = '户主', false) AS INTEGER) AS 是户主,
        CAST(coalesce(n.与户主关系 = '配偶', false) AS INTEGER) AS 是配偶,
        CAST(coalesce(n.在校生状况 IN {studying}, false) AS INTEGER) AS 在校生,
        CAST(n.在校生状况 IS NOT NULL AND n.在校生状况 <> '非在校生' AS INTEGER) AS 在校生已填,
        CAST(coalesce(n.劳动技能 IN {able}, false) AS INTEGER) AS 有劳动力,
        CAST(coalesce(n.劳动技能 IN {unable}, false) AS INTEGER) AS 无劳动力,
        CAST(coalesce(n.健康状况 = '健康', false) AS INTEGER) AS 仅健康,
        CAST(coalesce(',' || n.健康状况 || ',' LIKE '%,残疾,%', false) AS INTEGER) AS 含残疾,
        CAST(coalesce(',' || n.健康状况 || ',' LIKE '%,残疾,%', false) OR coalesce(n.证件类型 = '残疾人证', false)
             OR coalesce(i.证件形式 = 'ID20', false) AS INTEGER) AS 残疾成员,
        CAST(coalesce(n.务工月数 > 0, false)
             OR coalesce(n.务工所在地 NOT IN {_sql_list(codes.NOT_WORKING_PLACES)}, false) AS INTEGER) AS _有务工本表
      FROM (SELECT n._row, {', '.join(cols)} FROM _norm n) n POSITIONAL JOIN _id i POSITIONAL JOIN _meta m
      {where}
    ) p
    """)
    con.execute("DROP TABLE _id")
    total = con.execute("SELECT count(*) FROM _norm").fetchall()[0][0]
    active_n = con.execute("SELECT count(*) FROM members").fetchall()[0][0]
    prep.counts["rows"] = total
    prep.counts["inactive"] = total - active_n
    prep.counts["active"] = active_n
    blank_hh = con.execute("SELECT list(_line ORDER BY _row), any_value(_file) FROM members WHERE 户编号 IS NULL").fetchall()[0]
    if blank_hh[0]:
        prep.issues.append(Issue("户编号为空的数据行", blank_hh[1] or "", "",
                                 f"{len(blank_hh[0])} 行不属于任何户，户级规则跳过这些行", blank_hh[0]))


# 乡 without the province/prefecture/county prefix some exports carry ("涞源县涞源镇" → "涞源镇").
_TOWN = "'.+(县|区|市|旗)(.{2,}(镇|乡|街道|苏木))'"
_TOWNSHIP_SQL = f"CASE WHEN regexp_full_match(b.乡, {_TOWN}) THEN regexp_extract(b.乡, {_TOWN}, 2) ELSE b.乡 END"


def _field(present_cols: set[str], name: str, sql_type: str = "VARCHAR") -> str:
    return f"n.{_q(name)}" if name in present_cols else f"CAST(NULL AS {sql_type})"


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


_PERSONS_PER_SLICE = 250_000  # members aggregated into households per pass (see household_slices)


def household_slices(con: duckdb.DuckDBPyConnection, persons: int) -> list[str]:
    """Conditions on `members` that split the households into slices of about _PERSONS_PER_SLICE
    persons ([""]: one slice, no condition).

    A household has about a hundred aggregate states (its 户值 and counts): on a province the states
    of all households would not fit the memory limit, so they are aggregated a slice at a time.
    Households are sliced by their first row, in file order (`_span`, kept for the rules that run
    by slice: engines/duckdb.py); each slice also bounds `_row` by its
    households' last row, so (members being stored in `_row` order, and a household's rows mostly
    together) a slice reads only its own part of the table.
    """
    slices = -(-persons // _PERSONS_PER_SLICE)
    if slices <= 1:
        return [""]
    con.execute("""CREATE TEMP TABLE IF NOT EXISTS _span AS
                   SELECT 户编号, min(_row) AS a, max(_row) AS z FROM members WHERE 户编号 IS NOT NULL GROUP BY 户编号""")
    bounds = con.execute(f"""SELECT min(a), max(a), max(z) FROM (SELECT a, z, ntile({slices}) OVER (ORDER BY a) AS k FROM _span)
                             GROUP BY k ORDER BY k""").fetchall()
    return [f"AND _row BETWEEN {first} AND {last} AND 户编号 IN (SELECT 户编号 FROM _span WHERE a BETWEEN {first} AND {upto})"
            for first, upto, last in bounds]


def _create_households(prep: Prepared) -> None:
    cfg, con, present = prep.cfg, prep.con, prep.present
    hh_fields = [f for f in MAIN_FIELDS if f.level == "户" and f.name != "户编号"]
    values = []
    for f in hh_fields:
        c = _q(f.name)
        values.append(f"coalesce(CASE WHEN count_if(是户主 = 1) = 1 THEN max({c}) FILTER (WHERE 是户主 = 1) END, "
                      f"arg_min({c}, _row) FILTER (WHERE {c} IS NOT NULL)) AS {c}")
    measure_aggs = []
    for m in MEASURES:
        c = _q(m)
        measure_aggs.append(f"CAST(count({c}) > 0 AS INTEGER) AS {_q('有_' + m)}")
        measure_aggs.append(f"CAST(count(*) - count({c}) AS INTEGER) AS {_q('空行_' + m)}")
    risk_items = " UNION ALL ".join(
        f"SELECT 户编号, unnest(string_split({_q(r)}, ',')) AS item FROM members WHERE {_q(r)} IS NOT NULL"
        for r in RISKS
    )
    con.execute(f"""
    CREATE TEMP TABLE _risk AS
    SELECT 户编号, ',' || string_agg(DISTINCT item, ',' ORDER BY item) || ',' AS 风险集合
    FROM ({risk_items}) WHERE 户编号 IS NOT NULL AND item <> '' GROUP BY 户编号
    """)
    measures = [m for m in MEASURES if m in present]
    measure_items = " UNION ALL ".join(
        f"SELECT 户编号, '{m}' AS col, unnest(string_split({_q(m)}, ',')) AS item FROM members "
        f"WHERE {_q(m)} IS NOT NULL AND 户编号 IS NOT NULL" for m in measures
    ) or "SELECT NULL AS 户编号, NULL AS col, NULL AS item WHERE false"
    # J04: each measure column's distinct items, sorted, as one comparable text per household.
    con.execute(f"""
    CREATE TEMP TABLE _sig AS
    SELECT 户编号, string_agg(col || '=' || items, ';' ORDER BY col) AS 措施签名
    FROM (SELECT 户编号, col, string_agg(DISTINCT item, ',' ORDER BY item) AS items
          FROM ({measure_items}) WHERE item <> '' GROUP BY 户编号, col)
    GROUP BY 户编号
    """)
    able = _sql_list(("普通劳动力", "技能劳动力", "弱劳动力或半劳动力"))
    # Members with neither basic medical insurance = 是 (blank counts, as C10/I11); unknown without the column.
    uninsured = ("count_if(coalesce(是否参加城乡居民基本医疗保险, '') <> '是' "
                 "AND coalesce(是否参加城镇职工基本医疗保险, '') <> '是')"
                 if "是否参加城乡居民基本医疗保险" in present else "NULL")
    for k, one in enumerate(household_slices(con, prep.counts["active"])):
        con.execute(f"""
    {'CREATE TEMP TABLE _h0 AS' if k == 0 else 'INSERT INTO _h0'}
    SELECT 户编号, min(_row) AS _row,
      CASE WHEN count_if(是户主 = 1) = 1 THEN max(_row) FILTER (WHERE 是户主 = 1) ELSE min(_row) END AS _head_row,
      CAST(count(*) AS INTEGER) AS 成员数,
      CAST(count_if(是户主 = 1) AS INTEGER) AS 户主数,
      CAST(count_if(是配偶 = 1) AS INTEGER) AS 配偶数,
      CAST(count_if(有劳动力 = 1) AS INTEGER) AS 有劳动力人数,
      CAST(count_if(劳动技能 IN {able}) = count(*) AS INTEGER) AS 全户有劳动力,
      CAST(count_if(无劳动力 = 1) = count(*) AS INTEGER) AS 全户无劳动力,
      CAST(count_if(有务工 = 1) AS INTEGER) AS 有务工人数,
      CAST(count_if(在校生 = 1) AS INTEGER) AS 在校生人数,
      CAST(count_if(残疾成员 = 1) AS INTEGER) AS 残疾成员数,
      sum(coalesce(务工月数, 0)) AS 务工月数合计,
      CAST({uninsured} AS INTEGER) AS 未参加基本医保人数,
      {', '.join(values)},
      {', '.join(measure_aggs)}
    FROM members WHERE 户编号 IS NOT NULL {one} GROUP BY 户编号
    """)
    # The parses of each 户值 are those of the same text in members (a function of the value).
    joins = [(num_col(f.name), f.name) for f in hh_fields if f.type in NUMERIC_TYPES]
    joins += [(f"月_{f.name}", f.name) for f in hh_fields if f.type == "ym"]
    joins += [(f"日_{f.name}", f.name) for f in hh_fields if f.type == "ymd" or f.name in _YM_EXTRA_DATE]
    join_sql = " ".join(
        f"LEFT JOIN (SELECT DISTINCT {_q(n)} AS v, {_q(parsed_col)} AS x FROM members) p{i} ON p{i}.v = h.{_q(n)}"
        for i, (parsed_col, n) in enumerate(joins)
    )
    parsed = [f"p{i}.x AS {_q(parsed_col)}" for i, (parsed_col, _) in enumerate(joins)]
    dev_present = [m for m in DEV_MEASURES if m in present]
    all_present = [m for m in MEASURES if m in present]
    none_all = " AND ".join(f"h.{_q('有_' + m)} = 0" for m in all_present) or "true"
    none_dev = " AND ".join(f"h.{_q('有_' + m)} = 0" for m in dev_present) or "true"
    threshold = cfg.income_threshold(cfg.ref_date)
    schedule = cfg.threshold_schedule()
    # I01: income_threshold(last day of the removal month); the line at ref_date when that month is
    # unparseable; NULL (rule not judged) when no line was in force yet. A line starting on day d of
    # month M is in force on the last day of M, so the comparison is by month.
    removal_line = " ".join(
        f"WHEN h.月_消除监测时间 >= {start.year * 12 + start.month} THEN {amount}"
        for start, amount in reversed(schedule)
    )
    removal_line = f"CASE WHEN h.月_消除监测时间 IS NULL THEN 收入线 {removal_line} END"
    con.execute(f"""
    CREATE TABLE households AS
    SELECT h.*, {', '.join(parsed)},
      coalesce(r.风险集合, ',') AS 风险集合,
      coalesce(sg.措施签名, '') AS 措施签名,
      {_TOWNSHIP_SQL.replace('b.乡', 'h.乡')} AS 乡镇,
      CAST(h.监测对象类别 IS NOT NULL AS INTEGER) AS 监测户,
      CAST(coalesce(h.户类型 = '脱贫户', false) AS INTEGER) AS 脱贫户,
      CAST(h.监测对象类别 IS NOT NULL AND coalesce(h.风险是否已消除 = '是', false) AS INTEGER) AS 已消除,
      CAST(h.监测对象类别 IS NOT NULL AND NOT coalesce(h.风险是否已消除 = '是', false) AS INTEGER) AS 未消除,
      CAST({none_all} AS INTEGER) AS 措施全空,
      CAST({none_dev} AS INTEGER) AS 开发式全空,
      CAST({'NULL' if threshold is None else threshold} AS DOUBLE) AS 收入线
    FROM _h0 h {join_sql}
    LEFT JOIN _risk r ON r.户编号 = h.户编号
    LEFT JOIN _sig sg ON sg.户编号 = h.户编号
    ORDER BY h._row
    """)
    con.execute("ALTER TABLE households ADD COLUMN 消除时收入线 DOUBLE")
    con.execute(f"UPDATE households AS h SET 消除时收入线 = {removal_line}")
    con.execute("DROP TABLE _h0; DROP TABLE _risk; DROP TABLE _sig")
    prep.counts["households"] = con.execute("SELECT count(*) FROM households").fetchall()[0][0]



def _derive_C(prep: Prepared) -> None:
    """The item set and invalid items of 健康状况 (rules.md §6.3), for C02, C15 and H05.

    `健康状况项集合`: ',a,b,' — the distinct canonical items, sorted (',' when the cell holds only
    separators; NULL when blank). `健康状况无效项`: the distinct items not in the 健康状况 code list
    (cfg.code_lists), sorted, joined by '、' (NULL when none).
    """
    con, cfg = prep.con, prep.cfg
    valid = "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in cfg.code_lists["健康状况"]) + "]"
    items = "list_filter(string_split(健康状况, ','), lambda x: x <> '')"
    con.execute(f"""
    ALTER TABLE members ADD COLUMN 健康状况项集合 VARCHAR;
    ALTER TABLE members ADD COLUMN 健康状况无效项 VARCHAR;
    UPDATE members SET
      健康状况项集合 = CASE WHEN 健康状况 IS NOT NULL
                           THEN ',' || array_to_string(list_sort(list_distinct({items})), ',')
                                || CASE WHEN len({items}) > 0 THEN ',' ELSE '' END END,
      健康状况无效项 = nullif(array_to_string(
                              list_sort(list_distinct(list_filter({items}, lambda x: NOT list_contains({valid}, x)))), '、'), '')
    """)


def _derive_I(prep: Prepared) -> None:
    """I01's village line `村收入线`.

    村收入线 = the 农民人均纯收入 of the 行政村表 row with this household's 乡 (prefix stripped on both
    sides) and 村, when threshold_source = 行政村表 and the table is supplied; NULL otherwise, and NULL
    when no row matches or the matching rows disagree or are not numeric (I01 then uses the parameter line).
    """
    con = prep.con
    con.execute("ALTER TABLE households ADD COLUMN 村收入线 DOUBLE")
    village_fields = prep.extras.get("行政村表", set())
    if prep.cfg.params.get("threshold_source") != "行政村表" or "农民人均纯收入" not in village_fields:
        return
    town = _TOWNSHIP_SQL.replace("b.乡", "v.乡")
    con.execute(f"""
    UPDATE households AS h SET 村收入线 = u.line
    FROM (SELECT 乡镇, 村, CAST(min(数_农民人均纯收入) AS DOUBLE) AS line
          FROM (SELECT {town} AS 乡镇, v.村, v.数_农民人均纯收入 FROM villages v
                WHERE v.村 IS NOT NULL AND v.数_农民人均纯收入 IS NOT NULL) x
          GROUP BY 乡镇, 村 HAVING count(DISTINCT 数_农民人均纯收入) = 1) u
    WHERE u.乡镇 = h.乡镇 AND u.村 = h.村
    """)


def _derive_E(prep: Prepared) -> None:
    """Group E: what portable check SQL cannot see for itself.

    members.识别后有务工 (E08): 有务工(r) where a 务工监测表 record counts only if it has not ended before
    the household's identification month (结束时间 blank, or ym(结束时间) ≥ ym(户值(识别监测时间));
    a record is left out only when both months parse and it ended earlier). Without the table it
    equals 有务工. work.县外务工 (E10): 1 when the record's 务工所在地 is 县外省内务工 / 省外务工 or
    contains 县外 / 省外, or when the 务工监测表 has no 务工所在地 column (then 县内外 is not told apart).
    """
    con = prep.con
    own = (f"coalesce(m.务工月数 > 0, false) OR coalesce(m.务工所在地 NOT IN {_sql_list(codes.NOT_WORKING_PLACES)}, "
           "false)")
    since = "false"
    work = prep.extras.get("务工监测表")
    if work is not None:
        ended = ("w.月_结束时间 < (SELECT h.月_识别监测时间 FROM households h WHERE h.户编号 = m.户编号)"
                 if "结束时间" in work else "false")
        since = ("EXISTS (SELECT 1 FROM work w WHERE w._key = m.人员关联键 AND coalesce(w.是否已务工, '') <> '否' "
                 f"AND NOT coalesce({ended}, false))")
        place = ("coalesce(w.务工所在地 IN ('县外省内务工', '省外务工') OR contains(w.务工所在地, '县外') "
                 "OR contains(w.务工所在地, '省外'), false)" if "务工所在地" in work else "true")
        con.execute("ALTER TABLE work ADD COLUMN 县外务工 INTEGER")
        con.execute(f"UPDATE work AS w SET 县外务工 = CAST({place} AS INTEGER)")
    con.execute("ALTER TABLE members ADD COLUMN 识别后有务工 INTEGER")
    con.execute(f"UPDATE members AS m SET 识别后有务工 = CAST(({own}) OR ({since}) AS INTEGER)")


def _derive_H(prep: Prepared) -> None:
    """households.日_识别监测月首 (H13).

    日_识别监测月首: the first day (days since 1970-01-01) of the month 月_识别监测时间, so H13's
    ym(识别监测时间) > ym(线索日期 + n 天) is `日_识别监测月首 − 日_风险线索发现时间 > n`.
    """
    con = prep.con
    con.execute("ALTER TABLE households ADD COLUMN IF NOT EXISTS 日_识别监测月首 INTEGER")
    con.execute("""UPDATE households SET 日_识别监测月首 = CAST(make_date(CAST((月_识别监测时间 - 1) // 12 AS INTEGER),
                       CAST((月_识别监测时间 - 1) % 12 + 1 AS INTEGER), 1) - DATE '1970-01-01' AS INTEGER)
                   WHERE 月_识别监测时间 IS NOT NULL""")


def _derive_A(prep: Prepared) -> None:
    """Group A: why the ID's birth date is invalid (A04, a date parse) and whether the ID's area code
    is in the configured division_codes table (A08 (b); NULL when no table is configured)."""
    con, cfg = prep.con, prep.cfg
    v = "upper(证件号码)"
    birth = f"CASE WHEN 证件形式 = 'ID15' THEN '19' || substr({v}, 7, 6) ELSE substr({v}, 7, 8) END"
    con.execute("ALTER TABLE members ADD COLUMN A04子类 INTEGER")
    con.execute(f"""
    UPDATE members SET A04子类 = CASE WHEN try_strptime({birth}, '%Y%m%d') IS NULL THEN 1
                                     WHEN year(try_strptime({birth}, '%Y%m%d')) < 1900 THEN 2 ELSE 3 END
    WHERE 证件出生无效 = 1
    """)
    con.execute("ALTER TABLE members ADD COLUMN 区划代码不在表 INTEGER")
    division = [str(c).strip() for c in cfg.params.get("division_codes") or [] if str(c).strip()]
    if division:
        con.execute(f"""
        UPDATE members SET 区划代码不在表 = CAST(substr({v}, 1, 6) NOT IN {_sql_list(division)} AS INTEGER)
        WHERE 证件形式 IN ('ID18', 'ID20', 'ID22')
        """)


_PHONE_MACRO = r"""
CREATE OR REPLACE MACRO _phone_a(x) AS replace(replace(replace(x, '-', ''), '(', ''), ')', '');
CREATE OR REPLACE MACRO _phone_b(x) AS
    CASE WHEN starts_with(x, '+86') THEN substr(x, 4) WHEN starts_with(x, '0086') THEN substr(x, 5) ELSE x END;
CREATE OR REPLACE MACRO _phone(x) AS
    CASE WHEN regexp_full_match(_phone_b(_phone_a(x)), '\d+\.0+')
         THEN regexp_extract(_phone_b(_phone_a(x)), '^(\d+)\.', 1) ELSE _phone_b(_phone_a(x)) END;
CREATE OR REPLACE MACRO _phone_bad(p) AS
    CAST(NOT (regexp_full_match(p, '1[3-9]\d{9}') OR regexp_full_match(p, '0\d{9,11}')) AS INTEGER);
CREATE OR REPLACE MACRO _phone_repeat(p) AS
    CAST(regexp_matches(p, '0{7}|1{7}|2{7}|3{7}|4{7}|5{7}|6{7}|7{7}|8{7}|9{7}') AS INTEGER);
"""


def _derive_B(prep: Prepared) -> None:
    """Group B (B11): the phone number as checked (p of rules.md B11: '-', '(', ')', a leading +86 or
    0086 and a float's '.0' removed) and whether it is malformed or has 7+ equal digits in a row;
    for 成员联系电话 per member, for the 户值 of 户联系电话 per household. NULL where blank."""
    con = prep.con
    con.execute(_PHONE_MACRO)
    for table, f in (("members", "成员联系电话"), ("households", "户联系电话")):
        p, bad, rep = _q(f"号码_{f}"), _q(f"电话有误_{f}"), _q(f"电话重号_{f}")
        con.execute(f"ALTER TABLE {table} ADD COLUMN {p} VARCHAR")
        con.execute(f"ALTER TABLE {table} ADD COLUMN {bad} INTEGER")
        con.execute(f"ALTER TABLE {table} ADD COLUMN {rep} INTEGER")
        con.execute(f"UPDATE {table} SET {p} = _phone({_q(f)}) WHERE {_q(f)} IS NOT NULL")
        con.execute(f"UPDATE {table} SET {bad} = _phone_bad({p}), {rep} = _phone_repeat({p}) WHERE {p} IS NOT NULL")
