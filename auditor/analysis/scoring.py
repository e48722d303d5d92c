"""Township and village scores and ranks (circular.md §Score), computed from the findings in SQL.

得分 = 100 × (w_must × (1 − HM/H) + w_should × (1 − HN/H)), rounded half up to 0.1, where H is the
number of households, HM those with at least one 必改 finding and HN those with at least one 非必改
finding; the weights are cfg.weights (auditor.toml [score], default 0.8 / 0.2).
Ranked by 得分 descending, ties by 必改问题数 ascending, then name (code-point order, so the order
is the same on every machine). A unit without households (a township of the configured list with no
rows in the export, or one whose rows carry no 户编号) is listed after the ranked ones with no score
and no rank. Villages are ranked within their township.

A township's rank says where it stands in its county, so it is only given when it was computed among
the county's townships (`county_ranks`): in a county-wide run, or, for a run of one township (a
township's own export, --township, the self-check), from the county-wide run of the same period in
the history store. Otherwise the rank is None and `RankBasis.note` says why: ranked 1 of 1, every
township that checks itself would be told it is first.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from fractions import Fraction

from ..config import Config
from ..fmt import UNNAMED, UNNAMED_VILLAGE, stamp_text
from ..prepare import Prepared


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


@dataclass(frozen=True)
class UnitScore:
    """A township's or village's figures, score and rank (the keys of summary.json's entries)."""

    name: str
    households: int
    persons: int
    must_fix: int
    should_check: int
    problem_households: int
    must_fix_households: int
    should_check_households: int
    must_fix_per_100: float | None
    should_check_per_100: float | None
    score: float | None
    rank: int | None = None


def rank(units: list[UnitScore]) -> list[UnitScore]:
    """Rank 1..n the units with a score (circular.md order); unscored units follow, rank None."""
    ranked = sorted((u for u in units if u.score is not None), key=lambda u: (-u.score, u.must_fix, u.name))
    rest = sorted((u for u in units if u.score is None), key=lambda u: u.name)
    return ([dataclasses.replace(u, rank=i) for i, u in enumerate(ranked, start=1)]
            + [dataclasses.replace(u, rank=None) for u in rest])


_OPTIONAL = {"omit_if_none": True}  # not in summary.json when None (run/summary.py)


@dataclass(frozen=True)
class RankBasis:
    """Where the townships' ranks come from (summary.json `rank_basis`)."""

    kind: str  # "county": this run, county-wide; "history": the county-wide run of the period; "none"
    note: str  # one line, for the reader of the workbook, the terminal, the web page
    ranked: int = 0  # townships ranked in the county
    run_id: int | None = field(default=None, metadata=_OPTIONAL)  # "history": the run the ranks come from
    recorded_at: str | None = field(default=None, metadata=_OPTIONAL)


def county_ranks(units: list[UnitScore], covered: list[str], county_run=None) -> tuple[list[UnitScore], RankBasis]:
    """The townships with their county rank. `covered`: the townships the run covers, [] when it
    covers the county; `county_run`: the history's county-wide run of the same period (a RunInfo)."""
    if not covered:
        n = sum(1 for u in units if u.rank)
        return units, RankBasis("county", f"在全县 {n} 个乡镇之间排名", n)
    if county_run is not None:
        ranks = {t["name"]: t.get("rank") for t in county_run.summary.get("townships", [])}
        n = sum(1 for r in ranks.values() if r)
        when = stamp_text(county_run.recorded_at)
        note = (f"全县排名取自历史库中 {county_run.period} 的全县审核（{when} 记入，{n} 个乡镇参加排名），"
                "得分按本次数据计算")
        return ([dataclasses.replace(u, rank=ranks.get(u.name)) for u in units],
                RankBasis("history", note, n, county_run.run_id, county_run.recorded_at))
    note = (f"本次只审核了{'、'.join(covered)}的数据，没有与全县其他乡镇比较，不排名；"
            "县里把本月的全县审核记入历史库后，再次自查即可显示全县排名")
    return [dataclasses.replace(u, rank=None) for u in units], RankBasis("none", note)


def _unit(name: str, households: int, persons: int, must: int, should: int, hm: int, hn: int, hp: int,
          cfg: Config) -> UnitScore:
    return UnitScore(name, households, persons, must, should, hp, hm, hn, _per_100(must, households),
                     _per_100(should, households), score(households, hm, hn, cfg.weights))


def _counts(prep: Prepared, village: bool) -> list[tuple]:
    """Per township (and village): persons, households, 必改, 非必改 and the problem households."""
    cols = "t, v" if village else "t"
    member_keys = "coalesce(乡镇, '') AS t" + (", coalesce(村, '') AS v" if village else "")
    finding_keys = "乡镇 AS t" + (", 行政村 AS v" if village else "")
    return prep.con.execute(f"""
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


def township_scores(prep: Prepared, cfg: Config, listed: bool = True) -> list[UnitScore]:
    """The townships, ranked. `listed`: add the townships of the configured list (county.townships)
    that have no rows."""
    units = [_unit(t or UNNAMED, h, p, m, s, hm, hn, hp, cfg) for t, p, h, m, s, hm, hn, hp in _counts(prep, False)]
    present = {u.name for u in units}
    units += [_unit(t, 0, 0, 0, 0, 0, 0, 0, cfg) for t in dict.fromkeys(cfg.townships if listed else ())
              if t not in present]
    return rank(units)


def village_scores(prep: Prepared, cfg: Config) -> list[tuple[str, UnitScore]]:
    """Per township (by label, in name order) its villages, ranked within it."""
    by_town: dict[str, list[UnitScore]] = {}
    for t, v, p, h, m, s, hm, hn, hp in _counts(prep, True):
        by_town.setdefault(t or UNNAMED, []).append(_unit(v or UNNAMED_VILLAGE, h, p, m, s, hm, hn, hp, cfg))
    return [(town, unit) for town in sorted(by_town) for unit in rank(by_town[town])]
