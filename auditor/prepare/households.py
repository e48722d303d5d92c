"""Stage 3 of prepare: `households`, one row per 户编号, with the 户值 of every household field
(rules.md §8) and the aggregates and predicates the rules read.

Each 户值 is the value of the one head row, else the first non-blank value in file order; its
parses are those of the same text in members. Beside them: member counts (heads, spouses, able,
unable, working, students, disabled, uninsured), the risk item set 风险集合 (',a,b,', so
`LIKE '%,因病,%'` tests membership), the measures' signature 措施签名 (J04 compares it across
months), per measure whether any row has it (有_…) and how many rows lack it (空行_…), the
predicates 监测户 / 脱贫户 / 已消除 / 未消除 / 措施全空 / 开发式全空, the income lines (收入线 at
ref_date, 消除时收入线 at the removal month, 村收入线 from the 行政村表), the first day of the
identification month, and the household phone as checked.
"""

from __future__ import annotations

import duckdb

from ..fields import DEV_MEASURES, MAIN_FIELDS, MEASURES, RISKS
from ..sqltext import ident, literal, literal_list
from .load import parsed_columns
from .members import ABLE, township_sql
from .phones import phone_columns
from .workspace import Prepared

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


def _item_sets(prep: Prepared) -> None:
    """_risk (风险集合) and _sig (措施签名) per household."""
    con, present = prep.con, prep.present
    risk_items = " UNION ALL ".join(
        f"SELECT 户编号, unnest(string_split({ident(r)}, ',')) AS item FROM members WHERE {ident(r)} IS NOT NULL"
        for r in RISKS)
    con.execute(f"""
    CREATE TEMP TABLE _risk AS
    SELECT 户编号, ',' || string_agg(DISTINCT item, ',' ORDER BY item) || ',' AS 风险集合
    FROM ({risk_items}) WHERE 户编号 IS NOT NULL AND item <> '' GROUP BY 户编号
    """)
    measure_items = " UNION ALL ".join(
        f"SELECT 户编号, {literal(m)} AS col, unnest(string_split({ident(m)}, ',')) AS item FROM members "
        f"WHERE {ident(m)} IS NOT NULL AND 户编号 IS NOT NULL" for m in MEASURES if m in present
    ) or "SELECT NULL AS 户编号, NULL AS col, NULL AS item WHERE false"
    # Each measure column's distinct items, sorted, as one comparable text per household.
    con.execute(f"""
    CREATE TEMP TABLE _sig AS
    SELECT 户编号, string_agg(col || '=' || items, ';' ORDER BY col) AS 措施签名
    FROM (SELECT 户编号, col, string_agg(DISTINCT item, ',' ORDER BY item) AS items
          FROM ({measure_items}) WHERE item <> '' GROUP BY 户编号, col)
    GROUP BY 户编号
    """)


def _aggregate(prep: Prepared, hh_fields) -> None:
    """_h0: the household aggregates, a slice of households at a time.

    A 户值 is the head row's value (when the household has exactly one head) or else the first
    non-blank value in file order: the head row's values come from one join on that row, not from an
    aggregate per field, which halves the statement (planning it is most of a township's cost).
    """
    con, present = prep.con, prep.present
    fields = [ident(f.name) for f in hh_fields]
    # A parse is a function of the value: taken from the row the 户值 comes from. arg_min skips
    # rows whose value is NULL (DuckDB ≥ 1.1); arg_min_null keeps a NULL parse (the value did not
    # parse), and rows whose value is NULL sort last (their parse is NULL too). No FILTER clause:
    # with one per field, the statement took three times as long.
    parses = [(ident(column), ident(f.name)) for f in hh_fields for column, _ in parsed_columns(f)]
    last = 2**63 - 1
    firsts = ", ".join([*(f"arg_min({c}, _row) AS {c}" for c in fields),
                        *(f"arg_min_null({c}, CASE WHEN {v} IS NOT NULL THEN _row ELSE {last} END) AS {c}"
                          for c, v in parses)])
    measure_aggs = []
    for m in MEASURES:
        c = ident(m)
        measure_aggs.append(f"CAST(count({c}) > 0 AS INTEGER) AS {ident('有_' + m)}")
        measure_aggs.append(f"CAST(count(*) - count({c}) AS INTEGER) AS {ident('空行_' + m)}")
    # Members with neither basic medical insurance = 是 (blank counts, as C10/I11); unknown without the column.
    uninsured = ("count_if(coalesce(是否参加城乡居民基本医疗保险, '') <> '是' "
                 "AND coalesce(是否参加城镇职工基本医疗保险, '') <> '是')"
                 if "是否参加城乡居民基本医疗保险" in present else "NULL")
    counts = {
        "成员数": "CAST(count(*) AS INTEGER)",
        "户主数": "CAST(count_if(是户主 = 1) AS INTEGER)",
        "配偶数": "CAST(count_if(是配偶 = 1) AS INTEGER)",
        "有劳动力人数": "CAST(count_if(有劳动力 = 1) AS INTEGER)",
        "全户有劳动力": f"CAST(count_if(劳动技能 IN {literal_list(ABLE)}) = count(*) AS INTEGER)",
        "全户无劳动力": "CAST(count_if(无劳动力 = 1) = count(*) AS INTEGER)",
        "有务工人数": "CAST(count_if(有务工 = 1) AS INTEGER)",
        "在校生人数": "CAST(count_if(在校生 = 1) AS INTEGER)",
        "残疾成员数": "CAST(count_if(残疾成员 = 1) AS INTEGER)",
        "务工月数合计": "sum(CAST(coalesce(务工月数, 0) AS DOUBLE))",
        "未参加基本医保人数": f"CAST({uninsured} AS INTEGER)",
    }
    columns = ", ".join([*(f"a.{c}" for c in counts), *(f"coalesce(h.{c}, a.{c}) AS {c}" for c in fields),
                         *(f"a.{ident(k)}" for m in MEASURES for k in ("有_" + m, "空行_" + m)),
                         *(f"CASE WHEN h.{v} IS NOT NULL THEN h.{c} ELSE a.{c} END AS {c}" for c, v in parses)])
    for k, one in enumerate(household_slices(con, prep.counts["active"])):
        con.execute(f"""
    {'CREATE TEMP TABLE _h0 AS' if k == 0 else 'INSERT INTO _h0'}
    WITH a AS (
      SELECT 户编号, min(_row) AS _row,
        CASE WHEN count_if(是户主 = 1) = 1 THEN max(_row) FILTER (WHERE 是户主 = 1) END AS _one_head,
        {', '.join(f"{sql} AS {name}" for name, sql in counts.items())},
        {firsts},
        {', '.join(measure_aggs)}
      FROM members WHERE 户编号 IS NOT NULL {one} GROUP BY 户编号)
    SELECT a.户编号, a._row, coalesce(a._one_head, a._row) AS _head_row, {columns}
    FROM a LEFT JOIN (SELECT _row, {', '.join(fields + [c for c, _ in parses])} FROM members
                      WHERE 户编号 IS NOT NULL {one}) h
      ON h._row = a._one_head
    """)


def _removal_line(prep: Prepared) -> str:
    """income_threshold(last day of the removal month) (I01); the line at ref_date when that month is
    unparseable; NULL (rule not judged) when no line was in force yet. A line starting on day d of
    month M is in force on the last day of M, so the comparison is by month."""
    whens = " ".join(f"WHEN x.月_消除监测时间 >= {start.year * 12 + start.month} THEN {float(amount)!r}"
                     for start, amount in reversed(prep.cfg.threshold_schedule()))
    return f"CASE WHEN x.月_消除监测时间 IS NULL THEN x.收入线 {whens} END"


def _village_lines(prep: Prepared) -> str:
    """A query of (乡镇, 村, line): I01's village line from the 行政村表 when threshold_source = 行政村表
    and the table has 农民人均纯收入 — only where the matching rows agree on one number (I01 then
    uses the parameter line elsewhere); no rows otherwise."""
    if prep.cfg.params.get("threshold_source") != "行政村表" or "农民人均纯收入" not in prep.extras.get("行政村表", set()):
        return "SELECT NULL AS 乡镇, NULL AS 村, CAST(NULL AS DOUBLE) AS line WHERE false"
    return f"""SELECT 乡镇, 村, CAST(min(数_农民人均纯收入) AS DOUBLE) AS line
               FROM (SELECT {township_sql('v.乡')} AS 乡镇, v.村, v.数_农民人均纯收入 FROM villages v
                     WHERE v.村 IS NOT NULL AND v.数_农民人均纯收入 IS NOT NULL) x
               GROUP BY 乡镇, 村 HAVING count(DISTINCT 数_农民人均纯收入) = 1"""


def create_households(prep: Prepared) -> None:
    con, present, period = prep.con, prep.present, prep.period
    hh_fields = [f for f in MAIN_FIELDS if f.level == "户" and f.name != "户编号"]
    _item_sets(prep)
    _aggregate(prep, hh_fields)
    none_all = " AND ".join(f"h.{ident('有_' + m)} = 0" for m in MEASURES if m in present) or "true"
    none_dev = " AND ".join(f"h.{ident('有_' + m)} = 0" for m in DEV_MEASURES if m in present) or "true"
    threshold = prep.cfg.income_threshold(period.ref_date)
    con.execute(f"""
    CREATE TABLE households AS
    SELECT x.*,
      CAST({_removal_line(prep)} AS DOUBLE) AS 消除时收入线,
      v.line AS 村收入线,
      CASE WHEN x.月_识别监测时间 IS NOT NULL
           THEN CAST(make_date(CAST((x.月_识别监测时间 - 1) // 12 AS INTEGER), CAST((x.月_识别监测时间 - 1) % 12 + 1 AS INTEGER), 1)
                     - DATE '1970-01-01' AS INTEGER) END AS 日_识别监测月首,
      {phone_columns('x.户联系电话', '户联系电话')}
    FROM (
      SELECT h.*,
        coalesce(r.风险集合, ',') AS 风险集合,
        coalesce(sg.措施签名, '') AS 措施签名,
        {township_sql('h.乡')} AS 乡镇,
        CAST(h.监测对象类别 IS NOT NULL AS INTEGER) AS 监测户,
        CAST(coalesce(h.户类型 = '脱贫户', false) AS INTEGER) AS 脱贫户,
        CAST(h.监测对象类别 IS NOT NULL AND coalesce(h.风险是否已消除 = '是', false) AS INTEGER) AS 已消除,
        CAST(h.监测对象类别 IS NOT NULL AND NOT coalesce(h.风险是否已消除 = '是', false) AS INTEGER) AS 未消除,
        CAST({none_all} AS INTEGER) AS 措施全空,
        CAST({none_dev} AS INTEGER) AS 开发式全空,
        CAST({'NULL' if threshold is None else repr(float(threshold))} AS DOUBLE) AS 收入线
      FROM _h0 h
      LEFT JOIN _risk r ON r.户编号 = h.户编号
      LEFT JOIN _sig sg ON sg.户编号 = h.户编号
    ) x
    LEFT JOIN ({_village_lines(prep)}) v ON v.乡镇 = x.乡镇 AND v.村 = x.村
    ORDER BY x._row
    """)
    con.execute("DROP TABLE _h0; DROP TABLE _risk; DROP TABLE _sig")
    prep.counts["households"] = con.execute("SELECT count(*) FROM households").fetchall()[0][0]
