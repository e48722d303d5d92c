"""Stage 2 of prepare: `members`, one row per active person, with every derivation a rule reads.

Beside each canonical field's checked value (NULL where the export lacks the column, so check SQL
never breaks) the row carries: the ID parsed (form, its defect class, check digit, birth date, sex,
validity; rules.md §7), age and school age at the reference dates, the person key, the shared
predicates of rules.md §8 (在校生, 有劳动力, 残疾成员, 有务工 …), the items of 健康状况, and the
member's phone number as checked. Derived columns are named for what they are, not for the rule
that first needed them.
"""

from __future__ import annotations

import datetime as dt

from .. import codes
from ..fields import MAIN_FIELDS
from ..ids import check_digit_sql
from ..ingest import Issue
from ..sqltext import ident, literal, literal_list
from .load import parsed_columns
from .phones import phone_columns
from .workspace import Prepared

ABLE = ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力")
UNABLE = ("无劳动力", "丧失劳动力")
# 乡 without the province/prefecture/county prefix some exports carry ("涞源县涞源镇" → "涞源镇").
_TOWN = "'.+(县|区|市|旗)(.{2,}(镇|乡|街道|苏木))'"


def township_sql(column: str) -> str:
    """The township of a 乡 value: the value without a province/prefecture/county prefix."""
    return f"CASE WHEN regexp_full_match({column}, {_TOWN}) THEN regexp_extract({column}, {_TOWN}, 2) ELSE {column} END"


def _age_sql(birth: str, ref: dt.date) -> str:
    return f"({ref.year} - year({birth}) - CASE WHEN strftime({birth}, '%m%d') > '{ref:%m%d}' THEN 1 ELSE 0 END)"


def _norm_column(have: set[str], name: str, sql_type: str = "VARCHAR") -> str:
    return f"n.{ident(name)}" if name in have else f"CAST(NULL AS {sql_type})"


def create_members(prep: Prepared) -> None:
    cfg, con, present, period = prep.cfg, prep.con, prep.present, prep.period
    have = set(con.sql("SELECT * FROM _norm LIMIT 0").columns)
    ref, school_ref = period.ref_date, period.school_ref_date
    cols = []
    for f in MAIN_FIELDS:
        cols.append(f"n.{ident(f.name)}" if f.name in present else f"CAST(NULL AS VARCHAR) AS {ident(f.name)}")
        cols += [f"n.{ident(c)}" if f.name in present else f"CAST(NULL AS {t}) AS {ident(c)}"
                 for c, t in parsed_columns(f)]
    tokens = cfg.params["inactive_status_tokens"]
    active = " OR ".join(f"contains(n.成员状态, {literal(t)})" for t in tokens) if "成员状态" in present and tokens else ""
    where = f"WHERE NOT coalesce({active}, false)" if active else ""
    ids = literal_list(cfg.params["id_like_types"]) if cfg.params["id_like_types"] else "(NULL)"
    ref_days = (ref - dt.date(1970, 1, 1)).days
    id_type = _norm_column(have, "证件类型")
    # The ID is parsed in a narrow chain (one column at a time needs the previous one); the wide
    # member table is then built in a single pass beside it. _norm, _id and raw hold the rows in the
    # same order (_row), so they are joined by position: no hash table of millions of rows, no sort.
    con.execute(f"""
    CREATE TEMP TABLE _id AS
    WITH b AS (
      SELECT n._row, upper({_norm_column(have, "证件号码")}) AS _v,
             coalesce({_norm_column(have, "数值_证件号码", "BOOLEAN")}, false) AS _numeric,
             ({id_type} IS NOT NULL AND {id_type} NOT IN {ids}) AS _other,
             {_norm_column(have, "日_出生日期", "INTEGER")} AS _birth_col
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
             WHEN regexp_full_match(substr(_v, 16), '0+') AND 校验位正确 = 0 THEN 6 END AS 证件号码缺陷
      FROM c
    ), o AS (
      SELECT s.*, CAST(证件形式 IS NOT NULL AND coalesce(证件号码缺陷, 0) NOT IN (2, 3, 6) AS INTEGER) AS 证件有效,
             CASE WHEN 证件形式 = 'ID15' THEN '19' || substr(_v, 7, 6)
                  WHEN 证件形式 IS NOT NULL THEN substr(_v, 7, 8) END AS _idd_text
      FROM s
    ), p AS (
      SELECT o.*, CAST(try_strptime(_idd_text, '%Y%m%d') AS DATE) AS _idd FROM o
    ), d AS (
      SELECT p.*, CASE WHEN 证件有效 = 1
                       THEN CAST(_idd IS NULL OR year(_idd) < 1900 OR _idd > DATE '{ref}' AS INTEGER) END AS 证件出生无效
      FROM p
    ), e AS (
      SELECT d.*, CASE WHEN 证件出生无效 = 0 THEN _idd END AS _id_birth FROM d
    )
    SELECT _row, CAST(_numeric AS INTEGER) AS 数值_证件号码, 证件形式, 校验位正确, 证件号码缺陷, 证件有效, 证件出生无效,
      CASE WHEN 证件出生无效 = 1 THEN CASE WHEN _idd IS NULL THEN 1 WHEN year(_idd) < 1900 THEN 2 ELSE 3 END
           END AS 证件出生日期缺陷,
      CAST(_id_birth - DATE '1970-01-01' AS INTEGER) AS 证件出生日,
      CASE WHEN 证件有效 = 1 THEN
           CASE WHEN CAST(substr(_v, CASE WHEN 证件形式 = 'ID15' THEN 15 ELSE 17 END, 1) AS INTEGER) % 2 = 1
                THEN '男' ELSE '女' END END AS 证件性别,
      CASE WHEN 证件有效 = 1 THEN CASE WHEN 证件形式 = 'ID15' THEN _v ELSE substr(_v, 1, 18) END END AS 证件键,
      {_division_sql(cfg)} AS 区划代码不在表,
      CAST(_other AS INTEGER) AS 其他证件,
      coalesce(_id_birth, CASE WHEN _birth_col <= {ref_days} THEN DATE '1970-01-01' + _birth_col END) AS _birth
    FROM e
    """)
    health_valid = "[" + ", ".join(literal(v) for v in cfg.code_lists["健康状况"]) + "]"
    items = "list_filter(string_split(n.健康状况, ','), lambda x: x <> '')"
    # Without its file a secondary table is empty: no subquery to plan (a tenth of a township's prepare).
    given = prep.extras_tables()
    working = ("EXISTS (SELECT 1 FROM work w WHERE w._key = p.人员关联键 AND coalesce(w.是否已务工, '') <> '否')"
               if "work" in given else "false")
    planned = ("EXISTS (SELECT 1 FROM plan q WHERE q._key = p.人员关联键 AND q.是否计划务工 = '是')"
               if "plan" in given else "false")
    con.execute(f"""
    CREATE TABLE members AS
    SELECT p.* EXCLUDE (_birth),
      CAST({working} OR p.本表有务工 = 1 AS INTEGER) AS 有务工,
      CAST({planned} AS INTEGER) AS 计划务工
    FROM (
      SELECT n._row, m._line, m._file, m._sheet, {', '.join(cols)}, i.* EXCLUDE (_row),
        {township_sql('n.乡')} AS 乡镇,
        {_age_sql('i._birth', ref)} AS 年龄,
        {_age_sql('i._birth', school_ref)} AS 学龄年龄,
        CASE WHEN n.性别 IN ('男', '女') THEN n.性别 ELSE i.证件性别 END AS 有效性别,
        coalesce(i.证件键, coalesce(n.户编号, '') || '|' || coalesce(n.姓名, '')) AS 人员关联键,
        CAST(coalesce(n.与户主关系 = '户主', false) AS INTEGER) AS 是户主,
        CAST(coalesce(n.与户主关系 = '配偶', false) AS INTEGER) AS 是配偶,
        CAST(coalesce(n.在校生状况 IN {literal_list(codes.GRADES_STUDYING)}, false) AS INTEGER) AS 在校生,
        CAST(n.在校生状况 IS NOT NULL AND n.在校生状况 <> '非在校生' AS INTEGER) AS 在校生已填,
        CAST(coalesce(n.劳动技能 IN {literal_list(ABLE)}, false) AS INTEGER) AS 有劳动力,
        CAST(coalesce(n.劳动技能 IN {literal_list(UNABLE)}, false) AS INTEGER) AS 无劳动力,
        CAST(coalesce(n.健康状况 = '健康', false) AS INTEGER) AS 仅健康,
        CAST(coalesce(',' || n.健康状况 || ',' LIKE '%,残疾,%', false) AS INTEGER) AS 含残疾,
        CAST(coalesce(',' || n.健康状况 || ',' LIKE '%,残疾,%', false) OR coalesce(n.证件类型 = '残疾人证', false)
             OR coalesce(i.证件形式 = 'ID20', false) AS INTEGER) AS 残疾成员,
        CAST(coalesce(n.务工月数 > 0, false)
             OR coalesce(n.务工所在地 NOT IN {literal_list(codes.NOT_WORKING_PLACES)}, false) AS INTEGER) AS 本表有务工,
        CASE WHEN n.健康状况 IS NOT NULL
             THEN ',' || array_to_string(list_sort(list_distinct({items})), ',')
                  || CASE WHEN len({items}) > 0 THEN ',' ELSE '' END END AS 健康状况项集合,
        nullif(array_to_string(list_sort(list_distinct(list_filter({items}, lambda x: NOT list_contains({health_valid}, x)))),
                               '、'), '') AS 健康状况无效项,
        {phone_columns('n.成员联系电话', '成员联系电话')}
      FROM (SELECT n._row, {', '.join(cols)} FROM _norm n) n POSITIONAL JOIN _id i POSITIONAL JOIN _meta m
      {where}
    ) p
    """)
    con.execute("DROP TABLE _id")
    total = con.execute("SELECT count(*) FROM _norm").fetchall()[0][0]
    active_n = con.execute("SELECT count(*) FROM members").fetchall()[0][0]
    prep.counts.update(rows=total, inactive=total - active_n, active=active_n)
    blank_hh = con.execute("SELECT list(_line ORDER BY _row), any_value(_file) FROM members WHERE 户编号 IS NULL").fetchall()[0]
    if blank_hh[0]:
        prep.issues.append(Issue("户编号为空的数据行", blank_hh[1] or "", "",
                                 f"{len(blank_hh[0])} 行不属于任何户，户级规则跳过这些行", blank_hh[0]))


def _division_sql(cfg) -> str:
    """Whether the ID's area code is missing from the configured division_codes table (A08 (b); NULL
    when no table is configured or the ID has no 18/20/22-character form)."""
    division = [str(c).strip() for c in cfg.params.get("division_codes") or [] if str(c).strip()]
    if not division:
        return "CAST(NULL AS INTEGER)"
    return (f"CASE WHEN 证件形式 IN ('ID18', 'ID20', 'ID22') "
            f"THEN CAST(substr(_v, 1, 6) NOT IN {literal_list(division)} AS INTEGER) END")
