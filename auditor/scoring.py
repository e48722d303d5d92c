"""Township and village scores and ranks (circular.md §Score), computed from the findings in SQL.

得分 = 100 × (w_must × (1 − HM/H) + w_should × (1 − HN/H)), rounded half up to 0.1, where H is the
number of households, HM those with at least one 必改 finding and HN those with at least one 非必改
finding; the weights are cfg.weights (auditor.toml [score], default 0.8 / 0.2).
Ranked by 得分 descending, ties by 必改问题数 ascending, then name (code-point order, so the order
is the same on every machine). A unit without households (a township of the configured list with no
rows in the export, or one whose rows carry no 户编号) is listed after the ranked ones with no score
and no rank. Villages are ranked within their township.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .config import Config
from .fmt import UNNAMED, UNNAMED_VILLAGE
from .prepare import Prepared


def score(households: int, hm: int, hn: int, weights: dict[str, float]) -> float | None:
    """得分 of a unit, exactly rounded half up to 0.1 (no binary-float ties going the wrong way)."""
    if not households:
        return None
    w_must, w_should = Fraction(str(weights["must_fix"])), Fraction(str(weights["should_check"]))
    exact = 100 * (w_must * (1 - Fraction(hm, households)) + w_should * (1 - Fraction(hn, households)))
    return math.floor(exact * 10 + Fraction(1, 2)) / 10


def _per_100(count: int, households: int) -> float | None:
    if not households:
        return None
    return math.floor(Fraction(100 * count, households) * 10 + Fraction(1, 2)) / 10


def rank(units: list[dict]) -> list[dict]:
    """Give `rank` 1..n to units with a score (circular.md order); unscored units follow, rank None."""
    ranked = sorted((u for u in units if u["score"] is not None),
                    key=lambda u: (-u["score"], u["must_fix"], u["name"]))
    for i, unit in enumerate(ranked, start=1):
        unit["rank"] = i
    rest = sorted((u for u in units if u["score"] is None), key=lambda u: u["name"])
    for unit in rest:
        unit["rank"] = None
    return ranked + rest


def _unit(name: str, households: int, persons: int, must: int, should: int, hm: int, hn: int, hp: int,
          cfg: Config) -> dict:
    return {"name": name, "households": households, "persons": persons, "must_fix": must,
            "should_check": should, "problem_households": hp, "must_fix_households": hm,
            "should_check_households": hn, "must_fix_per_100": _per_100(must, households),
            "should_check_per_100": _per_100(should, households),
            "score": score(households, hm, hn, cfg.weights), "rank": None}


def score_units(prep: Prepared, cfg: Config, by: str = "township", listed: bool = True) -> list[dict]:
    """One dict per township, or per village (with its `township`, ranked within it), ranked.

    `listed`: add the townships of the configured list (county.townships) that have no rows.
    """
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
    if not village:
        units = [_unit(t or UNNAMED, h, p, m, s, hm, hn, hp, cfg) for t, p, h, m, s, hm, hn, hp in rows]
        present = {u["name"] for u in units}
        units += [_unit(t, 0, 0, 0, 0, 0, 0, 0, cfg) for t in dict.fromkeys(cfg.townships if listed else ()) if t not in present]
        return rank(units)
    by_town: dict[str, list[dict]] = {}
    for t, v, p, h, m, s, hm, hn, hp in rows:
        unit = _unit(v or UNNAMED_VILLAGE, h, p, m, s, hm, hn, hp, cfg)
        unit["township"] = t or UNNAMED
        by_town.setdefault(unit["township"], []).append(unit)
    out: list[dict] = []
    for town in sorted(by_town):
        out += rank(by_town[town])
    return out
