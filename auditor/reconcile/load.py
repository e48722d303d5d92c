"""The department lists into the run's workspace: `raw_lists` (original text) and `lists` (checked values,
the ID parsed as the export's is, the person each row matches, and the facts the L rules and the
clues read), one table for every kind. Both always exist, empty when no list was given, so check SQL
can name them; whether a rule that needs a list runs is decided from `Prepared.lists`.

Matching (docs/lists.md): by the ID's key, as members.证件键 (the first 18 characters of an 18/20/22
character ID, a 15-digit ID as it is: never upgraded, so it matches only the same 15 digits). A row
whose ID cannot be used (blank, stored as a number and truncated, wrong length) is a structure issue
of its list; such a row, and a row whose ID matches nobody, is matched by 姓名 + 村 (+ 乡镇 when both
have it) when exactly one active person fits: that match is 疑似, never certain, and no L rule reads it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from ..errors import InputError
from ..ids import check_digit_sql
from ..ingest import Issue
from ..ingest.lists import read_list
from ..ingest.readers import Limits
from ..lists import ALL_LIST_FIELDS, KEYWORDS, LIST_KINDS, list_fields
from ..normalize import norm_array, num, ym, ymd
from ..prepare import Prepared, township_sql
from ..sqltext import ident

_DATE_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class ListSpec:
    """One --list KIND[@YYYY-MM-DD]=FILE."""

    kind: str
    path: str
    date: dt.date | None = None


def parse_list_spec(text: str) -> ListSpec:
    """`医保=清单.xlsx` or `医保@2024-06-05=清单.xlsx`; an unknown KIND is refused, naming the kinds."""
    head, eq, path = text.partition("=")
    if not eq or not path.strip():
        raise InputError(f"--list {text}：应写成 种类=文件 或 种类@YYYY-MM-DD=文件（如 医保=医保清单.xlsx）")
    kind, at, day = head.strip().partition("@")
    if kind not in LIST_KINDS:
        raise InputError(f"--list {text}：未知的清单种类“{kind}”（可用：{'、'.join(LIST_KINDS)}）")
    date = None
    if at:
        try:
            date = dt.date.fromisoformat(day.strip())
        except ValueError as exc:
            raise InputError(f"--list {text}：日期“{day}”应写成 YYYY-MM-DD（如 {kind}@2024-06-05=文件）") from exc
    return ListSpec(kind, path.strip(), date)


def list_date(spec: ListSpec, titles: list[str]) -> tuple[dt.date | None, str]:
    """The date of a list without a date column: --list KIND@DATE, else a date in its title rows, else in
    its file name; (None, '') when none is found."""
    if spec.date:
        return spec.date, "命令行"
    for text, where in [*((t, "标题行") for t in titles), (Path(spec.path).stem, "文件名")]:
        for m in (*_DATE_IN_TEXT.finditer(text), *_DATE_DIGITS.finditer(text)):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), where
            except ValueError:
                continue
    return None, ""


def _empty() -> pa.Table:
    cols = {"_row": pa.int64(), "_line": pa.int64(), "_file": pa.string(), "_sheet": pa.string(), "清单": pa.string()}
    for f in ALL_LIST_FIELDS:
        cols[f.name] = pa.string()
    cols["_num_证件号码"] = pa.bool_()
    cols["_date"] = pa.int32()
    cols["_wan"] = pa.string()
    return pa.table({c: pa.array([], t) for c, t in cols.items()})


def load_lists(prep: Prepared, specs: list[ListSpec], limits: Limits | None = None) -> None:
    """raw_lists and lists in the workspace (empty without lists); the kinds given → prep.lists."""
    con, cfg = prep.con, prep.cfg
    scan = int(cfg.params["header_scan_rows"])
    tables = [_empty()]
    row = 0
    for spec in specs:
        fields = list_fields(spec.kind)
        got = read_list(spec.path, fields, f"{spec.kind}清单", scan, limits, required=(("证件号码", "户主证件号码"),),
                        keywords=tuple(k for k in KEYWORDS if not k[3] or spec.kind in k[3]))
        prep.issues.extend(got.issues)
        t = _by_head(got.table)
        day, source = list_date(spec, got.titles)
        if day is None:
            day = prep.period.ref_date  # for rows whose 清单日期 cell is blank or no date, too (noted below)
            if "清单日期" not in t.column_names:
                prep.issues.append(Issue("清单没有日期", Path(spec.path).name, "",
                                         f"{spec.kind}清单没有日期列（推送日期、统计截止日期等），标题行和文件名中也没有日期，"
                                         f"按数据期末 {day} 计；可用 --list {spec.kind}@YYYY-MM-DD=文件 指定"))
        n = t.num_rows
        t = t.append_column("_row", pa.array(range(row, row + n), pa.int64()))
        t = t.append_column("清单", pa.array([spec.kind] * n, pa.string()))
        t = t.append_column("_date", pa.array([None if day is None else (day - dt.date(1970, 1, 1)).days] * n, pa.int32()))
        wan = ",".join(name for name, label in got.headers.items() if "万" in label)  # 自付（万元）: amounts in 10^4 元
        t = t.append_column("_wan", pa.array([wan] * n, pa.string()))
        row += n
        tables.append(t)
        present = {c for c in t.column_names if not c.startswith("_")}
        prep.lists.setdefault(spec.kind, set()).update(present)
        has_column = "清单日期" in t.column_names
        prep.list_dates[Path(spec.path).name] = ("清单日期列" if has_column else (source or "数据期末"))
    columns = tables[0].column_names
    whole = pa.concat_tables([_aligned(t, columns, tables[0].schema) for t in tables])
    con.from_arrow(whole).create("raw_lists")
    _checked(prep, whole)
    if whole.num_rows:
        _report_ids(prep)
    from .clues import empty_clues

    con.from_arrow(empty_clues()).create("clues")
    from .feedback import FEEDBACK_COLUMNS

    con.execute("CREATE TABLE feedback_items (" + ", ".join(
        f"{ident(c)} {'BIGINT' if c == '来源行号' else 'VARCHAR'}" for c in FEEDBACK_COLUMNS) + ")")
    con.execute("CREATE TABLE clue_dates (_row BIGINT, 户编号 VARCHAR, 线索日 INTEGER, 线索来源 VARCHAR, 线索日期文本 VARCHAR)")


def _by_head(t: pa.Table) -> pa.Table:
    """A list of households (住建: 户主姓名, 户主身份证号 only) is matched by the head's ID and name."""
    if "证件号码" in t.column_names or "户主证件号码" not in t.column_names:
        return t
    renames = {"户主证件号码": "证件号码", "_num_户主证件号码": "_num_证件号码"}
    if "姓名" not in t.column_names:
        renames["户主姓名"] = "姓名"
    return t.rename_columns([renames.get(c, c) for c in t.column_names])


def _aligned(t: pa.Table, columns: list[str], schema: pa.Schema) -> pa.Table:
    arrays = []
    for c in columns:
        typ = schema.field(c).type
        arrays.append(t.column(c).cast(typ) if c in t.column_names else pa.nulls(t.num_rows, typ))
    return pa.table(dict(zip(columns, arrays, strict=True)))


# The columns of `lists` made from no list rows, by the statements that made them and the members
# columns they read: an audit without lists (most audits) creates the empty table instead of planning
# the statements again. The same statements on inputs of the same types give the same columns.
_EMPTY_LISTS: dict[tuple, list[tuple[str, str]]] = {}


def _checked(prep: Prepared, whole: pa.Table) -> None:
    """`lists`: norm() of every cell, the parses, the ID's key and defect, the match, the derived facts."""
    con = prep.con
    arrays = _parsed(prep, whole)
    statements = _match_statements(prep, [c for c in arrays if c.startswith(("数_", "日_"))])
    key = None
    if not whole.num_rows:  # no list rows: the columns may be remembered
        members = con.table("members")
        key = (*statements, *((c, str(a.type)) for c, a in arrays.items()),
               *zip(members.columns, map(str, members.dtypes), strict=True))
        if key in _EMPTY_LISTS:
            con.execute(f"CREATE TABLE lists ({', '.join(f'{ident(c)} {t}' for c, t in _EMPTY_LISTS[key])})")
            return
    con.from_arrow(pa.table(arrays)).create("_lists0")
    for sql in statements:
        con.execute(sql)
    if key is not None:
        _EMPTY_LISTS[key] = con.execute("SELECT column_name, column_type FROM (DESCRIBE lists)").fetchall()


def _parsed(prep: Prepared, whole: pa.Table) -> dict[str, pa.Array]:
    """The columns of `_lists0`: each list cell's norm() and the parses of the money, int and date fields."""
    cfg = prep.cfg
    tokens = cfg.params["blank_tokens"]
    arrays: dict[str, pa.Array] = {c: whole.column(c).combine_chunks() for c in ("_row", "_line", "_file", "_sheet",
                                                                               "清单", "_date")}
    arrays["_numeric"] = whole.column("_num_证件号码").combine_chunks()
    for f in ALL_LIST_FIELDS:
        values = norm_array(whole.column(f.name).combine_chunks(), tokens)
        arrays[f.name] = values
        if f.type == "money":
            wan = whole.column("_wan").to_pylist()
            arrays[f"数_{f.name}"] = pa.array([None if v is None else _money(v, f.name in (w or "").split(","))
                                              for v, w in zip(values.to_pylist(), wan, strict=True)],
                                             pa.decimal128(38, 6))
        elif f.type == "int":
            arrays[f"数_{f.name}"] = pa.array([None if v is None else num(v) for v in values.to_pylist()],
                                             pa.decimal128(38, 6))
        if f.type == "ymd":
            end = f.name == "清单日期"
            arrays[f"日_{f.name}"] = pa.array([None if v is None else _day(v, end) for v in values.to_pylist()],
                                             pa.int32())
    return arrays


def _match_statements(prep: Prepared, parsed_columns: list[str]) -> list[str]:
    """The SQL from `_lists0` to `lists` (the ID's form and defect, the match, the derived facts)."""
    r = prep.cfg.reconcile
    cols = ", ".join(ident(f.name) for f in ALL_LIST_FIELDS)
    parsed = ", ".join(ident(c) for c in parsed_columns)
    place = _place_sql
    days_per_month = 30.4375
    return [
        f"""
    CREATE TABLE _lists1 AS
    WITH b AS (
      SELECT *, upper(证件号码) AS _v,
        CASE WHEN regexp_full_match(upper(证件号码), '\\d{{17}}[0-9X]') THEN 'ID18'
             WHEN regexp_full_match(upper(证件号码), '\\d{{17}}[0-9X]\\d{{2}}') THEN 'ID20'
             WHEN regexp_full_match(upper(证件号码), '\\d{{17}}[0-9X]\\d{{4}}') THEN 'ID22'
             WHEN regexp_full_match(证件号码, '\\d{{15}}') THEN 'ID15' END AS 证件形式
      FROM _lists0
    ), d AS (
      SELECT b.*,
        CASE WHEN _v IS NULL THEN '证件号码为空'
             WHEN (coalesce(_numeric, false) AND length(regexp_extract(_v, '^\\d+')) >= 16)
                  OR regexp_full_match(_v, '\\d+(\\.\\d+)?E[+-]?\\d+') THEN '以数值存储，已被Excel截断'
             WHEN regexp_full_match(_v, '\\d{{15,22}}\\.\\d+') THEN '被转成浮点数'
             WHEN 证件形式 IS NULL THEN '长度或字符非法'
             WHEN 证件形式 <> 'ID15' AND regexp_full_match(substr(_v, 16), '0+')
                  AND {check_digit_sql('_v')} <> substr(_v, 18, 1) THEN '疑似被Excel截断（末位为0）' END AS 证件缺陷
      FROM b
    )
    SELECT _row, _line, _file, _sheet, 清单, {cols}, {parsed}, 证件形式, 证件缺陷,
      CASE WHEN 证件缺陷 IS NULL THEN CASE WHEN 证件形式 = 'ID15' THEN _v ELSE substr(_v, 1, 18) END END AS 证件键,
      CAST(coalesce(日_清单日期, _date) AS INTEGER) AS 清单日,
      {place('乡镇')} AS _乡镇, {place('村')} AS _村
    FROM d
    """,
        "DROP TABLE _lists0",
        # Each list row's person: by the ID key (the person's first row in file order), else 疑似 by 姓名 + 村.
        f"""
    CREATE TABLE _lists2 AS
    SELECT l.*,
      coalesce(id.m_row, CASE WHEN nm.n = 1 THEN nm.m_row END) AS 匹配行,
      CASE WHEN id.m_row IS NOT NULL THEN '证件号码' WHEN nm.n = 1 THEN '疑似' END AS 匹配方式
    FROM _lists1 l
    LEFT JOIN (SELECT 证件键, min(_row) AS m_row FROM members WHERE 证件键 IS NOT NULL GROUP BY 证件键) id
      ON id.证件键 = l.证件键
    LEFT JOIN (SELECT l2._row AS l_row, min(m._row) AS m_row, count(DISTINCT m.人员关联键) AS n
               FROM _lists1 l2 JOIN members m
                 ON m.姓名 = l2.姓名 AND {place('村', 'm.村')} = l2._村
                AND (l2._乡镇 IS NULL OR m.乡镇 IS NULL OR {place('乡镇', 'm.乡镇')} = l2._乡镇)
               WHERE l2.姓名 IS NOT NULL AND l2._村 IS NOT NULL
                 AND (l2.证件键 IS NULL OR l2.证件键 NOT IN (SELECT 证件键 FROM members WHERE 证件键 IS NOT NULL))
               GROUP BY l2._row) nm ON nm.l_row = l._row
    """,
        "DROP TABLE _lists1",
        f"""
    CREATE TABLE lists AS
    SELECT l.* EXCLUDE (_乡镇, _村, _文件日),
      m.户编号 AS 匹配户编号,
      -- 当期: the files of the kind's latest month (a month's list may come as several files, pushed days apart)
      CAST(l._文件日 IS NULL OR strftime(DATE '1970-01-01' + CAST(l._文件日 AS INTEGER), '%Y-%m')
           = strftime(DATE '1970-01-01' + CAST(max(l._文件日) OVER (PARTITION BY l.清单) AS INTEGER), '%Y-%m')
           AS INTEGER) AS 当期,
      CAST(l.匹配方式 = '证件号码' AND ({_differ('l._乡镇', place('乡镇', 'm.乡镇'))}
           OR {_differ('l._村', place('村', 'm.村'))}) AS INTEGER) AS 地址不符,
      -- 医保: insured per the list (参保状态), else insured because the list is of settlements
      CASE WHEN l.清单 <> '医保' THEN NULL
           WHEN l.参保状态 IS NULL THEN 1
           WHEN regexp_matches(l.参保状态, '未参保|停保|断保|暂停|终止|中断|注销|退保|^否$|^无$') THEN 0
           WHEN regexp_matches(l.参保状态, '参保|正常|缴费|在保|^是$|有效') THEN 1 END AS 清单参保,
      CASE WHEN l.清单 = '住建' THEN CAST(regexp_matches(upper(coalesce(l.危房等级, '')), '^[CD]|[CD]级') AS INTEGER) END
        AS 危房CD,
      CASE WHEN l.清单 = '残联' THEN
        CASE WHEN regexp_matches(upper(coalesce(l.残疾等级, '')), '^(1|一|壹|I)(级)?$|^(一|1|I)级') THEN 1
             WHEN regexp_matches(upper(coalesce(l.残疾等级, '')), '^(2|二|贰|II)(级)?$|^(二|2|II)级') THEN 2
             WHEN regexp_matches(upper(coalesce(l.残疾等级, '')), '^(3|三|叁|III)(级)?$|^(三|3|III)级') THEN 3
             WHEN regexp_matches(upper(coalesce(l.残疾等级, '')), '^(4|四|肆|IV)(级)?$|^(四|4|IV)级') THEN 4 END END
        AS 残疾等级数,
      CASE WHEN l.清单 = '残联' THEN regexp_replace(coalesce(l.残疾类别, ''), '残疾$|残$|类$', '') END AS 残疾类别简称,
      CASE WHEN l.清单 = '残联' THEN CAST(
             (l.变动类型 IS NOT NULL AND regexp_matches(l.变动类型, '新|^是$')
                AND NOT regexp_matches(l.变动类型, '非新|不是|^否$'))
             OR (l.日_办证日期 IS NOT NULL AND l.清单日 IS NOT NULL AND l.日_办证日期 <= l.清单日
                 AND l.清单日 - l.日_办证日期 <= {int(r['disability_new_months'])} * {days_per_month}) AS INTEGER) END
        AS 新致残,
      CASE WHEN l.清单 = '特困' THEN CAST(coalesce(contains(l.供养方式, '分散'), false) AS INTEGER) END AS 分散供养,
      CASE WHEN l.清单 = '人社' THEN CAST(l.就业状态 IS NULL OR (regexp_matches(l.就业状态, '失业|未就业|^是$')
                                       AND NOT regexp_matches(l.就业状态, '已就业|再就业|^否$')) AS INTEGER) END AS 失业
    FROM (SELECT *, max(清单日) OVER (PARTITION BY 清单, _file) AS _文件日 FROM _lists2) l
    LEFT JOIN members m ON m._row = l.匹配行
    ORDER BY l._row
    """,
        "DROP TABLE _lists2",
    ]


def _differ(a: str, b: str) -> str:
    """Two place names (suffixes stripped) that differ: both known and neither contains the other
    (涞源镇东关 is 东关; a county prefix or a township before the village is no difference)."""
    return f"({a} IS NOT NULL AND {b} IS NOT NULL AND NOT contains({a}, {b}) AND NOT contains({b}, {a}))"


def _place_sql(name: str, column: str | None = None) -> str:
    """A 乡镇 or 村 name compared without its suffix (东关村 = 东关 = 东关村委会; 涞源镇 = 涞源) and, for a
    乡镇, without a county prefix (涞源县涞源镇 = 涞源镇)."""
    col = column or ident(name)
    if name == "乡镇":
        col = township_sql(col)
    if name == "村":
        return (f"nullif(regexp_replace({col}, '(村民委员会|居民委员会|村委会|居委会|社区居委会|社区|村)$', ''), '')")
    return f"nullif(regexp_replace(regexp_replace({col}, '(人民政府|办事处)$', ''), '(镇|乡|街道)$', ''), '')"


def _money(v: str, in_wan: bool) -> Decimal | None:
    """An amount in 元: 2.58万 (or 2.58 under a header in 万元) is 25800."""
    if v.endswith(("万元", "万")):
        v, in_wan = v.removesuffix("元").removesuffix("万"), True
    value = num(v)
    if value is None or not in_wan:
        return value
    return (value * 10000).quantize(Decimal("0.000001"))


def _day(v: str, month_end: bool = False) -> int | None:
    """A date cell as days since 1970-01-01; a month alone (2024-06, 2024年6月) is its first day, or its
    last with `month_end` (a list's 统计截止 month)."""
    d = ymd(v)
    if d is not None:
        return d
    m = _DATE_IN_TEXT.search(v)
    if m:
        return ymd(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    month = ym(v)
    if month is not None:
        y, mo = (month - 1) // 12, (month - 1) % 12 + 1
        day = calendar.monthrange(y, mo)[1] if month_end else 1
        return (dt.date(y, mo, day) - dt.date(1970, 1, 1)).days
    return None


def _report_ids(prep: Prepared) -> None:
    """List rows whose ID cannot be used: a structure issue of that list, with its file and rows."""
    rows = prep.con.execute("""
        SELECT 清单, _file, _sheet, 证件缺陷, list(_line ORDER BY _row) FROM lists
        WHERE 证件缺陷 IS NOT NULL GROUP BY 清单, _file, _sheet, 证件缺陷 ORDER BY 清单, _file, 证件缺陷""").fetchall()
    rows += prep.con.execute("""
        SELECT 清单, _file, _sheet, '清单日期无法识别', list(_line ORDER BY _row) FROM lists
        WHERE 清单日期 IS NOT NULL AND 日_清单日期 IS NULL GROUP BY 清单, _file, _sheet""").fetchall()
    for kind, file, sheet, defect, lines in rows:
        if defect == "清单日期无法识别":
            prep.issues.append(Issue(defect, file, sheet, f"{kind}清单 {len(lines)} 行的日期无法识别，按清单的日期计", lines))
            continue
        prep.issues.append(Issue("清单证件号码无法使用", file, sheet,
                                 f"{kind}清单 {len(lines)} 行证件号码{defect}，这些行不能按证件号码匹配"
                                 "（只按姓名+村疑似匹配）", lines))


__all__ = ["ListSpec", "list_date", "load_lists", "parse_list_spec"]
