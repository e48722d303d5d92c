"""The run's side of history: earlier runs loaded into the run's DuckDB, fix tracking, the snapshot.

Per current finding: 新增 (its key was not in the previous run), 未整改 (it was), 反弹 (it was fixed
before and is back: absent from the previous run but present in an earlier one). Per previous
finding gone now: 已整改 when its entity (the household for household rules, the person for person
rules) is still in the export, 对象已不在册 when the entity is gone. 整改率 = 已整改 / previous.

The comparison runs' snapshots are loaded into the run's DuckDB as prev_* (the previous run),
lag_households (g15_lag_months earlier) and stale_households (stale_months or more earlier), where
the cross-period rules (G15, I16, J04, K01, K02) read them; prev_fields lists the canonical columns
the previous export had, since a column it lacked reads as blank there and blank is not "no risk".
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from ..fmt import months_before, town_label
from ..prepare import Prepared
from ..sqltext import literal, literal_list
from .store import RunInfo, Store

# history child tables loaded as they are (household-keyed: no person matching needed)
_AS_STORED = {"run_entities": "prev_entities", "run_households": "prev_households"}


@dataclass(frozen=True)
class Comparison:
    """The earlier runs of the scope a run compares with (None: the store has no such run)."""

    last: RunInfo | None = None  # the latest run before this period (fix tracking, I16, K01, K02)
    lag: RunInfo | None = None  # exactly g15_lag_months earlier (G15)
    stale: RunInfo | None = None  # the latest run stale_months or more earlier (J04)
    lag_month: str = ""  # the period G15 compares with
    stale_month: str = ""  # the latest period J04 may compare with

    def ids(self) -> dict[str, int | None]:
        """The run ids compared with, as Store.comparison_ids gives them."""
        return {kind: run.run_id if run else None for kind, run in (("last", self.last), ("lag", self.lag),
                                                                      ("stale", self.stale))}

    def columns(self) -> dict[str, set[str] | None]:
        """Which comparisons exist, each with the columns its export had (for catalogue/plan.py)."""
        return {kind: columns_of(run) for kind, run in (("last", self.last), ("lag", self.lag),
                                                          ("stale", self.stale)) if run is not None}


def load_previous(prep: Prepared, store: Store, scope: str) -> Comparison:
    """Register the comparison runs' snapshots in the run's database, the previous run's persons
    matched to this run's (match_persons) and its findings keyed as this run's persons."""
    period, params, con = prep.period.month, prep.cfg.params, prep.con
    last = store.previous(scope, period)
    if last:
        for child, name in _AS_STORED.items():
            con.register(name, store.child(child, last.run_id))
        con.register("prev_fields", pa.table({"field": pa.array(sorted(columns_of(last) or ()), pa.string())}))
        con.register("_store_persons", store.child("run_persons", last.run_id))
        con.register("_store_findings", store.child("run_findings", last.run_id))
        match_persons(prep, last.period)
        _rekey_previous(prep)
        con.unregister("_store_persons")
        con.unregister("_store_findings")
    else:
        con.execute("CREATE TABLE person_matches (person_key VARCHAR, previous_key VARCHAR, previous_period VARCHAR, "
                    "household VARCHAR, name VARCHAR, previous_id VARCHAR, id_number VARCHAR)")
    lag_month = months_before(period, int(params["g15_lag_months"]))
    lag = store.previous(scope, period, exactly=lag_month)
    if lag:
        con.register("lag_households", store.child("run_households", lag.run_id))
    stale_month = months_before(period, int(params["stale_months"]))
    stale = store.previous(scope, period, at_most=stale_month)
    if stale:
        con.register("stale_households", store.child("run_households", stale.run_id))
    return Comparison(last, lag, stale, lag_month, stale_month)


def forget_previous(prep: Prepared) -> None:
    """Remove what load_previous and track made, to compare again (another run was recorded since)."""
    con = prep.con
    for name in ("prev_entities", "prev_households", "prev_fields", "lag_households", "stale_households"):
        con.unregister(name)
    con.execute("DROP TABLE IF EXISTS prev_findings; DROP TABLE IF EXISTS prev_persons; "
                "DROP TABLE IF EXISTS person_matches; DROP TABLE IF EXISTS fixed_findings")


def match_persons(prep: Prepared, previous_period: str) -> None:
    """person_matches: the previous run's persons that are this run's under another key (architecture
    decision 7; rules.md §5). Persons whose key is the same in both runs (the normalised ID, or 户编号 +
    姓名 where the ID is broken in both) are the same person already. Of the others, a previous person
    and a current one are the same when they have the same 户编号 and the same normalised 姓名, that
    name is held by one person only in the household in each run, and 与户主关系 is not in conflict
    (both filled and different): the township corrected the ID in the system. Runs recorded before
    the store kept names (schema version 4) are matched by key only."""
    prep.con.execute(f"""
    CREATE TABLE person_matches AS
    WITH cur AS (
        SELECT 人员关联键 AS key, min(户编号) AS hh, min(姓名) AS name, min(与户主关系) AS rel, min(_row) AS row
        FROM members GROUP BY 1),
    prev AS (SELECT person_key AS key, household AS hh, name, relation AS rel, id_number FROM _store_persons),
    cur_names AS (SELECT hh, name, count(*) AS n FROM cur WHERE hh IS NOT NULL AND name IS NOT NULL GROUP BY 1, 2),
    prev_names AS (SELECT hh, name, count(*) AS n FROM prev WHERE hh IS NOT NULL AND name IS NOT NULL GROUP BY 1, 2),
    c AS (SELECT * FROM cur WHERE key NOT IN (SELECT key FROM prev)),
    p AS (SELECT * FROM prev WHERE key NOT IN (SELECT key FROM cur))
    SELECT c.key AS person_key, p.key AS previous_key, {literal(previous_period)} AS previous_period,
           c.hh AS household, c.name, p.id_number AS previous_id, r.证件号码 AS id_number
    FROM p JOIN c ON c.hh = p.hh AND c.name = p.name
    JOIN cur_names cn ON cn.hh = c.hh AND cn.name = c.name AND cn.n = 1
    JOIN prev_names pn ON pn.hh = p.hh AND pn.name = p.name AND pn.n = 1
    LEFT JOIN raw r ON r._row = c.row
    WHERE NOT (c.rel IS NOT NULL AND p.rel IS NOT NULL AND c.rel <> p.rel)
    """)


def _rollup_rules() -> list[str]:
    """Roll-up rules (K02) count nowhere: their lines in runs recorded before are no findings either."""
    from ..catalogue import load_rules

    return [r.id for r in load_rules() if r.meta.get("rollup")] or [""]


def _rekey_previous(prep: Prepared) -> None:
    """prev_persons and prev_findings with the persons matched by name under this run's key, so that
    every comparison (fix tracking, K02, I16) sees one person where the ID was corrected. A finding
    key is the rule, the person key and (A07) the household: only the person part changes. A person
    finding whose person's ID text is another now says so (`correction`, for the sheet 已整改)."""
    prep.con.execute("""
    CREATE TABLE prev_persons AS
    SELECT coalesce(m.person_key, p.person_key) AS person_key, p.person_key AS previous_key,
           p.* EXCLUDE (person_key)
    FROM _store_persons p LEFT JOIN person_matches m ON m.previous_key = p.person_key
    """)
    prep.con.execute(f"""
    CREATE TABLE prev_findings AS
    SELECT f.* EXCLUDE (finding_key, person_key),
           CASE WHEN m.person_key IS NOT NULL
                     AND substr(f.finding_key, 1, length(f.rule_id) + 1 + length(f.person_key))
                         = f.rule_id || '|' || f.person_key
                THEN f.rule_id || '|' || m.person_key
                     || substr(f.finding_key, length(f.rule_id) + length(f.person_key) + 2)
                ELSE f.finding_key END AS finding_key,
           coalesce(m.person_key, f.person_key) AS person_key,
           CASE WHEN f.level = '人' AND c.id_text IS DISTINCT FROM f.id_number
                THEN '证件号码已更正：' || coalesce(f.id_number, '（空）') || ' → ' || coalesce(c.id_text, '（空）') END
                AS correction
    FROM _store_findings f
    LEFT JOIN person_matches m ON f.level = '人' AND m.previous_key = f.person_key
    LEFT JOIN (SELECT p.人员关联键 AS person_key, r.证件号码 AS id_text
               FROM (SELECT 人员关联键, min(_row) AS row FROM members GROUP BY 1) p JOIN raw r ON r._row = p.row) c
           ON c.person_key = coalesce(m.person_key, f.person_key)
    WHERE f.rule_id NOT IN {literal_list(_rollup_rules())}
    """)


def columns_of(run: RunInfo) -> set[str] | None:
    """The canonical columns the run's export had (None when its summary does not say)."""
    cols = run.summary.get("columns_present")
    return set(cols) if cols is not None else None


def snapshot(prep: Prepared) -> dict[str, pa.Table]:
    """What a later run needs of this one: findings, entities, household and person values.

    ident_month (risk warning (c), new identifications per month) is 'YYYY-MM' of 识别监测时间, ''
    when blank or unparseable, NULL for every household when the export has no such column.
    """
    con = prep.con
    ident_month = ("coalesce(printf('%04d-%02d', (月_识别监测时间 - 1) // 12, (月_识别监测时间 - 1) % 12 + 1), '')"
                   if "识别监测时间" in prep.present else "CAST(NULL AS VARCHAR)")
    return {
        "run_findings": con.sql("""
            SELECT 发现键 AS finding_key, 规则编号 AS rule_id, 规则名称 AS rule_name, 类别 AS category,
                   维度 AS dimension, 层级 AS level, 乡镇 AS township,
                   行政村 AS village, 户编号 AS household, 户主姓名 AS head_name, 姓名 AS name, 证件号码 AS id_number,
                   问题字段 AS field, 当前值 AS value, 说明 AS note, 来源文件 AS source_file, 来源行号 AS source_line,
                   人员关联键 AS person_key, coalesce(状态, '') AS status
            FROM findings""").to_arrow_table(),
        "run_entities": con.sql("""
            SELECT '户' AS kind, 户编号 AS entity_key, coalesce(乡镇, '') AS township FROM households
            UNION ALL
            SELECT DISTINCT '人', 人员关联键, coalesce(乡镇, '') FROM members""").to_arrow_table(),
        "run_households": con.sql(f"""
            SELECT 户编号 AS household, coalesce(乡镇, '') AS township, coalesce(村, '') AS village,
                   成员数 AS members, CAST(数_家庭人口数 AS DOUBLE) AS declared_size,
                   CAST(数_人均纯收入 AS DOUBLE) AS per_capita, 已消除 AS removed, 未消除 AS unremoved,
                   是否危房户 AS unsafe_house, 是否解决安全饮用水 AS safe_water,
                   是否义务教育阶段适龄儿童少年失学辍学 AS dropout, 措施签名 AS measures,
                   {ident_month} AS ident_month, 未参加基本医保人数 AS uninsured, 人均纯收入 AS per_capita_text
            FROM households""").to_arrow_table(),
        "run_persons": con.sql("""
            SELECT p.*, r.证件号码 AS id_number FROM (
                SELECT 人员关联键 AS person_key, min(户编号) AS household, min(coalesce(乡镇, '')) AS township,
                       max(CAST(coalesce(',' || 健康状况 || ',' LIKE '%,患有大病,%', false) AS INTEGER)) AS serious_illness,
                       min(姓名) AS name, min(与户主关系) AS relation, min(_row) AS _first
                FROM members GROUP BY 人员关联键) p
            LEFT JOIN raw r ON r._row = p._first""").to_arrow_table().drop(["_first"]),
        "run_person_matches": con.sql("SELECT * FROM person_matches").to_arrow_table(),
        "run_clues": _clue_snapshot(con),
    }


def _clue_snapshot(con) -> pa.Table:
    """The run's clues (reconcile/clues.py) under the store's column names."""
    from ..reconcile.clues import CLUE_STORE

    return con.sql("SELECT " + ", ".join(f'"{zh}" AS {en}' for zh, en in CLUE_STORE.items()) + " FROM clues").to_arrow_table()


def track(prep: Prepared, store: Store, scope: str, previous: RunInfo | None) -> dict[str, dict]:
    """Set 状态 on the findings, list what was fixed, and count per township (by township key)."""
    con = prep.con
    if previous is None:
        con.execute("UPDATE findings SET 状态 = '新增'")
        return {}
    earlier = pa.table({"key": sorted(store.finding_keys_before(scope, prep.period.month))})
    con.register("_earlier_keys", earlier)
    con.execute("""
    UPDATE findings SET 状态 = CASE
        WHEN 发现键 IN (SELECT finding_key FROM prev_findings) THEN '未整改'
        WHEN 发现键 IN (SELECT key FROM _earlier_keys) THEN '反弹'
        ELSE '新增' END
    """)
    # Previous findings no longer found: fixed if their entity is still here, else gone.
    con.execute("""
    CREATE OR REPLACE TEMP TABLE _resolved AS
    SELECT p.*, CASE WHEN (p.level = '户' AND p.household IN (SELECT 户编号 FROM households))
                       OR (p.level = '人' AND p.person_key IN (SELECT 人员关联键 FROM members))
                     THEN '已整改' ELSE '对象已不在册' END AS outcome
    FROM prev_findings p
    WHERE p.finding_key NOT IN (SELECT 发现键 FROM findings)
    """)
    # What was fixed, in the columns of findings.csv (the self-check workbook's sheet 已整改).
    con.execute("""
    CREATE OR REPLACE TABLE fixed_findings AS
    SELECT rule_id AS 规则编号, rule_name AS 规则名称, category AS 类别, dimension AS 维度, level AS 层级,
           township AS 乡镇, village AS 行政村, household AS 户编号, head_name AS 户主姓名, name AS 姓名,
           id_number AS 证件号码, field AS 问题字段, value AS 当前值, note AS 说明, coalesce(correction, '') AS 整改情况,
           source_file AS 来源文件, source_line AS 来源行号
    FROM _resolved WHERE outcome = '已整改'
    """)
    rows = con.execute("""
    WITH prev AS (SELECT township, count(*) AS n FROM prev_findings GROUP BY 1),
    fixed AS (SELECT township, count(*) FILTER (WHERE outcome = '已整改') AS fixed,
                     count(*) FILTER (WHERE outcome = '对象已不在册') AS gone FROM _resolved GROUP BY 1),
    cur AS (SELECT 乡镇 AS township, count(*) FILTER (WHERE 状态 = '新增') AS new,
                   count(*) FILTER (WHERE 状态 = '反弹') AS rebound,
                   count(*) FILTER (WHERE 状态 = '未整改') AS persisting FROM findings GROUP BY 1),
    towns AS (SELECT township FROM prev UNION SELECT township FROM fixed UNION SELECT township FROM cur)
    SELECT t.township, coalesce(p.n, 0), coalesce(f.fixed, 0), coalesce(f.gone, 0),
           coalesce(c.new, 0), coalesce(c.rebound, 0), coalesce(c.persisting, 0)
    FROM towns t LEFT JOIN prev p USING (township) LEFT JOIN fixed f USING (township) LEFT JOIN cur c USING (township)
    """).fetchall()
    con.execute("DROP TABLE _resolved")
    con.unregister("_earlier_keys")
    previous_ranks = {t["name"]: t.get("rank") for t in previous.summary.get("townships", [])}
    out = {}
    for town, prev_n, fixed, gone, new, rebound, persisting in rows:
        out[town] = {"previous": prev_n, "fixed": fixed, "gone": gone, "new": new + rebound, "rebound": rebound,
                     "persisting": persisting,
                     "fix_rate": round(fixed / prev_n, 4) if prev_n else None,
                     "previous_rank": previous_ranks.get(town_label(town))}
    return out
