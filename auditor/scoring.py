"""Township and village scores and ranks (circular.md §Score), computed from the findings in SQL.

得分 = 100 × (w_must × (1 − HM/H) + w_should × (1 − HN/H)), rounded to 0.1, where H is the number of
households, HM those with at least one 必改 finding and HN those with at least one 非必改 finding.
Ranked by 得分 descending, ties by 必改问题数 ascending, then name; a unit without households is
listed with no score and no rank.
"""

from __future__ import annotations

from .config import Config
from .prepare import Prepared

UNNAMED = "（未填乡镇）"
UNNAMED_VILLAGE = "（未填村）"


def score_units(prep: Prepared, cfg: Config, by: str = "township") -> list[dict]:
    """One dict per township (or per village, keyed (township, village)), ranked."""
    w_must, w_should = cfg.weights["must_fix"], cfg.weights["should_check"]
    village = by == "village"
    cols = "t, v" if village else "t"
    member_keys = "coalesce(乡镇, '') AS t" + (", coalesce(村, '') AS v" if village else "")
    finding_keys = "乡镇 AS t" + (", 行政村 AS v" if village else "")
    rows = prep.con.execute(f"""
    WITH persons AS (SELECT {member_keys}, 户编号 FROM members),
    fh AS (SELECT {finding_keys}, 户编号, 类别 FROM findings),
    units AS (SELECT {cols}, count(*) AS persons, count(DISTINCT 户编号) AS households
              FROM persons GROUP BY {cols}),
    counts AS (SELECT {cols}, count(*) FILTER (WHERE 类别 = '必改') AS must_fix,
                      count(*) FILTER (WHERE 类别 = '非必改') AS should_check,
                      count(DISTINCT 户编号) FILTER (WHERE 类别 = '必改' AND 户编号 <> '') AS hm,
                      count(DISTINCT 户编号) FILTER (WHERE 类别 = '非必改' AND 户编号 <> '') AS hn,
                      count(DISTINCT 户编号) FILTER (WHERE 户编号 <> '') AS hp
               FROM fh GROUP BY {cols})
    SELECT {cols}, u.persons, u.households, coalesce(c.must_fix, 0), coalesce(c.should_check, 0),
           coalesce(c.hm, 0), coalesce(c.hn, 0), coalesce(c.hp, 0)
    FROM units u LEFT JOIN counts c USING ({cols})
    """).fetchall()
    units = []
    for row in rows:
        if village:
            town, village_name, persons, households, must, should, hm, hn, hp = row
        else:
            (town, persons, households, must, should, hm, hn, hp), village_name = row, ""
        score = None
        if households:
            score = round(100 * (w_must * (1 - hm / households) + w_should * (1 - hn / households)), 1)
        unit = {"name": (village_name or UNNAMED_VILLAGE) if village else (town or UNNAMED),
                "households": households, "persons": persons, "must_fix": must, "should_check": should,
                "problem_households": hp, "must_fix_households": hm, "should_check_households": hn,
                "must_fix_per_100": round(100 * must / households, 1) if households else None,
                "should_check_per_100": round(100 * should / households, 1) if households else None,
                "score": score, "rank": None}
        if village:
            unit["township"] = town or UNNAMED
        units.append(unit)
    ranked = sorted((u for u in units if u["score"] is not None),
                    key=lambda u: (-u["score"], u["must_fix"], u["name"]))
    for i, unit in enumerate(ranked, start=1):
        unit["rank"] = i
    return ranked + sorted((u for u in units if u["score"] is None), key=lambda u: u["name"])
