"""Findings: the engine's unexpected rows turned into traceable records, and the files of cli.md.

A finding points back to its source file and Excel row, carries the original text of the ID and
of the offending cell, and has a stable identity across months (architecture.md decision 7):
(rule, person key) for person rules — plus 户编号 for A07 — and (rule, 户编号) for household rules.
One finding per identity and run; for a person listed twice the first row in file order is kept
(rules.md §5). Findings stay in DuckDB until written (no Python object per finding).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .catalogue import Rule
from .config import Config
from .prepare import Prepared
from .sqltext import ident, literal, literal_list

CSV_COLUMNS = (
    "规则编号", "规则名称", "类别", "维度", "层级", "乡镇", "行政村", "户编号", "户主姓名", "姓名", "证件号码",
    "问题字段", "当前值", "说明", "来源文件", "来源行号",
)
_SECONDARY = {"work": "raw_work", "plan": "raw_plan"}


def _register_rules(prep: Prepared, rules: list[Rule], cfg: Config) -> None:
    table = pa.table({
        "rule_id": [r.id for r in rules],
        "name": [r.name for r in rules],
        "category": [cfg.category(r.id, r.category) for r in rules],
        "dimension": [r.dimension for r in rules],
        "level": [r.level for r in rules],
        "tbl": [r.table for r in rules],
        "per_household": [bool(r.meta.get("identity_includes_household")) for r in rules],
    })
    prep.con.register("rules_meta", table)


def _value_case(alias: str, columns: list[str], field_expr: str) -> str:
    """The original text of the column named by `field_expr`, read from row alias `alias`."""
    whens = " ".join(f"WHEN {literal(c)} THEN {alias}.{ident(c)}" for c in columns)
    return f"CASE {field_expr} {whens} END" if whens else "NULL"


def build_findings(prep: Prepared, rules: list[Rule], cfg: Config) -> None:
    """hits → `findings` (every column of findings.csv plus the identity and sort keys), and the lines
    of the roll-up rules → `rollups` (the same columns)."""
    con = prep.con
    _register_rules(prep, rules, cfg)
    raw_cols = [c for c in con.sql("SELECT * FROM raw LIMIT 0").columns if not c.startswith("_")]
    display = {checked: raw for checked, raw in prep.source_columns.items()}
    display_sql = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in display.items())
    shown_field = f"CASE h.问题字段 {display_sql} ELSE h.问题字段 END" if display_sql else "h.问题字段"
    parts = [f"""
      SELECT h.rule_id, h._row AS anchor, h._row AS who, h._row AS value_row, {shown_field} AS 问题字段, h.说明,
             m.人员关联键 AS person_key, NULL AS src_table, NULL AS own_hh, h.类别 AS demoted
      FROM hits h JOIN rules_meta r USING (rule_id) JOIN members m ON m._row = h._row WHERE r.tbl = 'members'""",
             f"""
      SELECT h.rule_id, h._row, hs._head_row, hs._head_row, {shown_field}, h.说明, NULL, NULL, NULL, h.类别
      FROM hits h JOIN rules_meta r USING (rule_id) JOIN households hs ON hs._row = h._row WHERE r.tbl = 'households'"""]
    for tbl in _SECONDARY:
        if tbl in prep.extras_tables():
            # E12/E13: the row of a secondary table is linked to its person by the person key, else to
            # its household by 户编号 (fields.md §6); an unlinked row is still reported, under its own
            # 户编号, and keeps a key of its own when it has none.
            parts.append(f"""
      SELECT h.rule_id, coalesce((SELECT min(m._row) FROM members m WHERE m.人员关联键 = x._key),
                                 (SELECT hs._row FROM households hs WHERE hs.户编号 = x.户编号)), NULL, h._row,
             h.问题字段, h.说明, coalesce(x._key, '{tbl}#' || x._row), '{tbl}', x.户编号, h.类别
      FROM hits h JOIN rules_meta r USING (rule_id) JOIN {tbl} x ON x._row = h._row WHERE r.tbl = '{tbl}'""")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _f0 AS {' UNION ALL '.join(parts)}")
    con.execute("""
    CREATE OR REPLACE TEMP TABLE _f1 AS
    SELECT f.* EXCLUDE (demoted), r.name,
           CASE WHEN f.demoted = '非必改' THEN '非必改' ELSE r.category END AS category,
           r.dimension, r.level, r.per_household,
           coalesce(m.户编号, f.own_hh, '') AS hh,
           CASE WHEN r.level = '户' THEN r.rule_id || '|' || coalesce(m.户编号, '')
                WHEN r.per_household THEN r.rule_id || '|' || f.person_key || '|' || coalesce(m.户编号, '')
                ELSE r.rule_id || '|' || f.person_key END AS 发现键
    FROM _f0 f JOIN rules_meta r USING (rule_id) LEFT JOIN members m ON m._row = f.anchor
    QUALIFY row_number() OVER (PARTITION BY 发现键 ORDER BY f.anchor, f.value_row) = 1
    """)
    value_main = _value_case("rv", raw_cols, "fl.f")
    secondary_values = []
    for tbl, raw_name in _SECONDARY.items():
        if tbl in prep.extras_tables():
            cols = [c for c in con.sql(f"SELECT * FROM {raw_name} LIMIT 0").columns if not c.startswith("_")]
            secondary_values.append(f"WHEN fl.src_table = '{tbl}' THEN (SELECT {_value_case('x', cols, 'fl.f')} "
                                    f"FROM {raw_name} x WHERE x._row = fl.value_row)")
    value_expr = f"CASE {' '.join(secondary_values)} ELSE {value_main} END" if secondary_values else value_main
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _fv AS
    SELECT fl.发现键, string_agg(CASE WHEN fl.n > 1 THEN fl.f || '=' ELSE '' END || coalesce({value_expr}, ''),
                                  '；' ORDER BY fl.pos) AS 当前值
    FROM (SELECT 发现键, value_row, src_table, unnest(string_split(问题字段, '、')) AS f,
                 generate_subscripts(string_split(问题字段, '、'), 1) AS pos,
                 len(string_split(问题字段, '、')) AS n
          FROM _f1 WHERE coalesce(问题字段, '') <> '') fl
    LEFT JOIN raw rv ON rv._row = fl.value_row AND fl.src_table IS NULL
    GROUP BY fl.发现键
    """)

    def source(col: str, fallback: str = "ra") -> str:
        """The source file or line: of the secondary-table row for E12/E13, else of the anchor row."""
        parts = [f"(SELECT x.{ident(col)} FROM raw_{t} x WHERE f.src_table = '{t}' AND x._row = f.value_row)"
                 for t in _SECONDARY if t in prep.extras_tables() and col in secondary_cols[t]]
        return f"coalesce({', '.join([*parts, f'{fallback}.{ident(col)}'])})"

    # 姓名 and 证件号码 of an E12/E13 finding: the original text of the secondary-table row itself.
    secondary_cols = {t: set(con.sql(f"SELECT * FROM {raw} LIMIT 0").columns)
                      for t, raw in _SECONDARY.items() if t in prep.extras_tables()}

    # 户主姓名 as written: the head row's 姓名, else its 户主姓名 cell (when the export has one and it is
    # filled), else the household's checked 户值.
    head_name_text = ("CASE WHEN hs.户主姓名 IS NOT NULL AND trim(hr.户主姓名) <> '' THEN hr.户主姓名 END"
                      if "户主姓名" in raw_cols else "NULL")
    con.execute(f"""
    CREATE OR REPLACE TABLE findings AS
    SELECT f.rule_id AS 规则编号, f.name AS 规则名称, f.category AS 类别, f.dimension AS 维度, f.level AS 层级,
           coalesce(m.乡镇, '') AS 乡镇, coalesce(m.村, '') AS 行政村, f.hh AS 户编号,
           coalesce(CASE WHEN head.姓名 IS NOT NULL THEN hr.姓名 END, {head_name_text}, hs.户主姓名, '') AS 户主姓名,
           coalesce({source('姓名', 'rw')}, '') AS 姓名, coalesce({source('证件号码', 'rw')}, '') AS 证件号码,
           coalesce(f.问题字段, '') AS 问题字段, coalesce(v.当前值, '') AS 当前值, coalesce(f.说明, '') AS 说明,
           {source('_file')} AS 来源文件,
           CAST({source('_line')} AS BIGINT) AS 来源行号,
           f.发现键, f.person_key AS 人员关联键, f.anchor AS _row, CAST(NULL AS VARCHAR) AS 状态
    FROM _f1 f
    LEFT JOIN members m ON m._row = f.anchor
    LEFT JOIN households hs ON hs.户编号 = m.户编号
    LEFT JOIN members head ON head._row = hs._head_row
    LEFT JOIN raw hr ON hr._row = hs._head_row
    LEFT JOIN raw rw ON rw._row = coalesce(f.who, CASE WHEN f.src_table IS NULL THEN f.anchor END)
    LEFT JOIN raw ra ON ra._row = f.anchor
    LEFT JOIN _fv v ON v.发现键 = f.发现键
    ORDER BY 乡镇, 行政村, 户编号, 来源行号, 规则编号, f.发现键  -- a total order, whatever the order of hits
    """)
    con.execute("DROP TABLE _f0; DROP TABLE _f1; DROP TABLE _fv")
    # A roll-up rule (meta.rollup: K02, a household's problems of the previous period still there)
    # repeats what other findings already say: its lines go to `rollups` and count nowhere.
    rollup = [r.id for r in rules if r.meta.get("rollup")]
    con.execute(f"CREATE OR REPLACE TABLE rollups AS SELECT * FROM findings WHERE 规则编号 IN {literal_list(rollup or [''])}")
    if rollup:
        con.execute(f"DELETE FROM findings WHERE 规则编号 IN {literal_list(rollup)}")


# A cell Excel would read as a formula (CSV injection: =, +, -, @, a tab or a carriage return first)
# gets a leading ' in findings.csv, the usual defence. Left as they are: a plain number such as -5,
# and ="…" with nothing but text inside — the exports' own way of keeping an ID as text, which
# can only ever show that text.
_FORMULA_START = r"^[=+\-@\t\r]"
_HARMLESS = r'^([+-]?\d+(\.\d+)?|="[^"]*")$'



def defuse(column: pa.Array) -> pa.Array:
    """The text column with a ' before every value Excel would take for a formula."""
    import pyarrow.compute as pc

    risky = pc.and_not(pc.match_substring_regex(column, _FORMULA_START), pc.match_substring_regex(column, _HARMLESS))
    if not pc.any(risky).as_py():
        return column
    return pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)


def write_findings(prep: Prepared, out_dir: Path, with_status: bool = False) -> None:
    """findings.csv (UTF-8 with BOM, every value quoted text, formula-like values defused) and
    findings.parquet (typed, every value exactly as found)."""
    cols = [*CSV_COLUMNS, *(["状态"] if with_status else [])]
    select = ", ".join(ident(c) for c in cols)
    table = prep.con.sql(f"SELECT {select} FROM findings").to_arrow_table()
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    pq.write_table(table, out_dir / "findings.parquet")
    as_text = table.cast(pa.schema([pa.field(c, pa.string()) for c in cols]))
    as_text = pa.table({c: defuse(as_text.column(c).combine_chunks()) for c in cols})
    csv_path = out_dir / "findings.csv"
    with csv_path.open("wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        pcsv.write_csv(as_text, fh, write_options=pcsv.WriteOptions(quoting_style="all_valid"))
