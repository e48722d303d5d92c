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
from .store import RunInfo, Store

# history child table → the DuckDB table the rules and the tracking read
_PREVIOUS = {"run_findings": "prev_findings", "run_entities": "prev_entities",
             "run_households": "prev_households", "run_persons": "prev_persons"}


@dataclass(frozen=True)
class Comparison:
    """The earlier runs of the scope a run compares with (None: the store has no such run)."""

    last: RunInfo | None = None  # the latest run before this period (fix tracking, I16, K01, K02)
    lag: RunInfo | None = None  # exactly g15_lag_months earlier (G15)
    stale: RunInfo | None = None  # the latest run stale_months or more earlier (J04)

    def columns(self) -> dict[str, set[str] | None]:
        """Which comparisons exist, each with the columns its export had (for catalogue/plan.py)."""
        return {kind: columns_of(run) for kind, run in (("last", self.last), ("lag", self.lag),
                                                          ("stale", self.stale)) if run is not None}


def load_previous(prep: Prepared, store: Store, scope: str) -> Comparison:
    """Register the comparison runs' snapshots in the run's database."""
    period, params = prep.period.month, prep.cfg.params
    last = store.previous(scope, period)
    if last:
        for child, name in _PREVIOUS.items():
            prep.con.register(name, store.child(child, last.run_id))
        prep.con.register("prev_fields", pa.table({"field": pa.array(sorted(columns_of(last) or ()), pa.string())}))
    lag = store.previous(scope, period, exactly=months_before(period, int(params["g15_lag_months"])))
    if lag:
        prep.con.register("lag_households", store.child("run_households", lag.run_id))
    stale = store.previous(scope, period, at_most=months_before(period, int(params["stale_months"])))
    if stale:
        prep.con.register("stale_households", store.child("run_households", stale.run_id))
    return Comparison(last, lag, stale)


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
            SELECT 人员关联键 AS person_key, min(户编号) AS household, min(coalesce(乡镇, '')) AS township,
                   max(CAST(coalesce(',' || 健康状况 || ',' LIKE '%,患有大病,%', false) AS INTEGER)) AS serious_illness
            FROM members GROUP BY 人员关联键""").to_arrow_table(),
    }


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
           id_number AS 证件号码, field AS 问题字段, value AS 当前值, note AS 说明, source_file AS 来源文件,
           source_line AS 来源行号
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
