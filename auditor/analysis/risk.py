"""规模性返贫风险隐患: early warning of clustered relapse risk by village and township.

The county work plan asks offices to spot large-scale relapse risks early — disasters, failing jobs
or industry projects, idle labour at 易地扶贫搬迁 resettlement sites — and to watch the villages and
townships where many monitored households still carry an unremoved risk. This module computes, in
SQL over the prepared tables, per village and township: households and persons, monitored and
unremoved households, the unremoved share, new identifications of the period, households by risk
type and by 因自然灾害子项, resettled households; then four warnings, each with the numbers behind it:

(a) 未消除风险户占比偏高: a village's or township's share of unremoved monitored households is at
    least `share_ratio` × the county's and it has at least `share_min_households` of them;
(b) 同类风险集中新增: at least `cluster_min_households` households newly identified in the period in
    one village carry the same risk of `cluster_types`;
(c) 新识别户数环比骤增 (township; needs a history store): the period's new identifications are at
    least `jump_min_households` and at least `jump_ratio` × the previous run's (from its snapshot);
(d) 搬迁安置点就业不足: in a resettlement site, at least `resettlement_share` of the resettled
    households with working-age able members, and at least `resettlement_min_households`, have no
    member of working age with work months or public-welfare-job months.

Definitions (rules.md §8 where it has them): 监测户, 未消除 and R(户) as the prepared tables;
新识别 = 监测户 whose ym(户值(识别监测时间)) is the period month; 户数/人数 count households by their
户值(乡)/户值(村) and their active members (rows without 户编号 belong to no household and are not
counted). A 搬迁户 has at least one active member with 是否异地扶贫搬迁人口 = 是; the export carries no
安置点, so a household's site is the 行政村 it is registered in. 无务工 means 务工时间（月） and
公益性岗位(月数) are both blank or 0 (a non-numeric value is unknown, so the household is not counted
as without work). A warning whose inputs the export lacks is not judged, and the result says why.
No name, ID or phone is read: only counts leave this module.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..config import Config
from ..fmt import month_index, pct, period_text, town_key, town_label, village_key, village_label
from ..history import RunInfo
from ..prepare import Prepared

KINDS = {
    "a": "未消除风险户占比偏高",
    "b": "同类风险集中新增",
    "c": "新识别户数环比骤增",
    "d": "搬迁安置点就业不足",
}
# The columns each part needs (rules.md §10.1: a missing column is not a blank one).
NEEDS = {
    "a": ("监测对象类别", "风险是否已消除"),
    "b": ("监测对象类别", "识别监测时间", "致贫/返贫风险1"),
    "c": ("监测对象类别", "识别监测时间"),
    "d": ("是否异地扶贫搬迁人口", "劳动技能", "务工时间（月）", "证件号码"),
}
_STAT_NEEDS = {"monitored": ("监测对象类别",), "unremoved": NEEDS["a"], "unremoved_share": NEEDS["a"],
               "new": NEEDS["c"], "resettled": ("是否异地扶贫搬迁人口",)}


def _missing(prep: Prepared, kind: str) -> list[str]:
    cols = set(prep.present)
    missing = [c for c in NEEDS[kind] if c not in cols]
    if kind == "d" and "证件号码" in missing and "出生日期" in cols:
        missing.remove("证件号码")  # age comes from the ID, else from 出生日期
    return missing


def _households(prep: Prepared, cfg: Config) -> None:
    """_risk_hh: one row per household with the flags every figure is counted from."""
    r = cfg.risk
    age = f"年龄 BETWEEN {int(r['working_age_min'])} AND {int(r['working_age_max'])} AND 有劳动力 = 1"
    idle = ("(务工月数 = 0 OR (务工月数 IS NULL AND \"务工时间（月）\" IS NULL)) AND "
            "(岗位月数 = 0 OR (岗位月数 IS NULL AND \"公益性岗位(月数)\" IS NULL))")
    prep.con.execute(f"""
    CREATE OR REPLACE TEMP TABLE _risk_hh AS
    SELECT h.户编号, coalesce(h.乡镇, '') AS t, coalesce(h.村, '') AS v, h.成员数 AS persons,
           h.监测户 AS monitored, h.未消除 AS unremoved,
           CAST(h.监测户 = 1 AND coalesce(h.月_识别监测时间 = {month_index(prep.period.month)}, false) AS INTEGER) AS new,
           h.风险集合 AS risks, h.因自然灾害子项 AS disaster,
           coalesce(m.resettled, 0) AS resettled, coalesce(m.able, 0) AS able, coalesce(m.idle, 0) AS idle
    FROM households h LEFT JOIN (
        SELECT 户编号, max(CAST(coalesce(是否异地扶贫搬迁人口 = '是', false) AS INTEGER)) AS resettled,
               count_if({age}) AS able, count_if({age} AND {idle}) AS idle
        FROM members WHERE 户编号 IS NOT NULL GROUP BY 户编号) m USING (户编号)
    """)


def _units(prep: Prepared) -> tuple[dict, list[dict], list[dict]]:
    """County totals, townships and villages with their counts (GROUPING SETS over _risk_hh)."""
    rows = prep.con.execute("""
    SELECT grouping(t), grouping(v), t, v, count(*), sum(persons), sum(monitored), sum(unremoved), sum(new),
           sum(resettled), count_if(resettled = 1 AND able > 0), count_if(resettled = 1 AND able > 0 AND idle = able)
    FROM _risk_hh GROUP BY GROUPING SETS ((t, v), (t), ()) ORDER BY 1 DESC, 2 DESC, 3, 4
    """).fetchall()
    types = _items(prep, "risks")
    disasters = _items(prep, "disaster")
    county: dict = {}
    towns: list[dict] = []
    villages: list[dict] = []
    for gt, gv, t, v, h, p, mon, unr, new, res, res_able, res_idle in rows:
        key = (None if gt else t, None if gv else v)
        unit = {"households": h, "persons": int(p or 0), "monitored": int(mon or 0), "unremoved": int(unr or 0),
                "unremoved_share": round(unr / h, 4) if h else None, "new": int(new or 0),
                "resettled": int(res or 0), "resettled_with_able": res_able, "resettled_idle": res_idle,
                "risk_types": types.get(key, {}), "disaster_subtypes": disasters.get(key, {})}
        if gt:
            county = unit
        elif gv:
            towns.append({"township": town_label(t), **unit})
        else:
            villages.append({"township": town_label(t), "village": village_label(v), **unit})
    return county, towns, villages


def _items(prep: Prepared, column: str) -> dict[tuple, dict[str, dict[str, int]]]:
    """Per unit key (t, v) (None = all), per item of a multi-valued column: unremoved and new households."""
    rows = prep.con.execute(f"""
    WITH items AS (SELECT DISTINCT 户编号, t, v, unremoved, new, unnest(string_split({column}, ',')) AS item
                   FROM _risk_hh WHERE {column} IS NOT NULL)
    SELECT grouping(t), grouping(v), t, v, item, sum(unremoved), sum(new) FROM items WHERE item <> ''
    GROUP BY GROUPING SETS ((t, v, item), (t, item), (item)) ORDER BY 5
    """).fetchall()
    out: dict[tuple, dict[str, dict[str, int]]] = {}
    for gt, gv, t, v, item, unr, new in rows:
        if unr or new:
            out.setdefault((None if gt else t, None if gv else v), {})[item] = {"unremoved": int(unr), "new": int(new)}
    return out


def _blank_missing(prep: Prepared, units: list[dict]) -> None:
    """Figures whose columns the export lacks are unknown (None), not 0."""
    for key, cols in _STAT_NEEDS.items():
        if any(c not in prep.present for c in cols):
            for u in units:
                u[key] = None
    if "致贫/返贫风险1" not in prep.present:
        for u in units:
            u["risk_types"] = {}


def _place(unit: dict) -> str:
    return f"{unit['village']}（{unit['township']}）" if "village" in unit else unit["township"]


def _warn_share(county: dict, units: list[dict], r: dict, label: str) -> list[dict]:
    """(a) per township and village: share ≥ ratio × county share and ≥ N unremoved households."""
    total, unremoved = county["households"], county["unremoved"]
    if not total or not unremoved:
        return []
    ratio = Fraction(str(r["share_ratio"]))
    out = []
    for u in units:
        h, n = u["households"], u["unremoved"]
        if n < r["share_min_households"] or Fraction(n, h) < ratio * Fraction(unremoved, total):
            continue
        times = Fraction(n, h) / Fraction(unremoved, total)
        level = "村" if "village" in u else "乡镇"
        out.append(_warning("a", u, float(times / ratio), {
            "unremoved": n, "households": h, "share": round(n / h, 4), "county_unremoved": unremoved,
            "county_households": total, "county_share": round(unremoved / total, 4), "times": round(float(times), 2),
        }, f"{_place(u)}未消除风险的监测户{n}户，占该{'村' if level == '村' else '乡镇'}{h}户的{pct(n, h)}，"
           f"是{label}平均水平{pct(unremoved, total)}（{total}户中{unremoved}户）的{float(times):.1f}倍"
           f"（预警门槛：达到{label}平均水平的{r['share_ratio']:g}倍且不少于{r['share_min_households']}户）。"
           f"建议逐户核实风险是否仍然存在、帮扶措施是否落实，排查是否存在共同的返贫风险因素。"))
    return out


def _warn_cluster(prep: Prepared, cfg: Config, villages: dict[tuple, dict]) -> list[dict]:
    """(b) per village and risk type of cluster_types: ≥ k new households in the period."""
    r = cfg.risk
    types = list(dict.fromkeys(r["cluster_types"]))
    if not types:
        return []
    marks = ", ".join("'" + t.replace("'", "''") + "'" for t in types)
    rows = prep.con.execute(f"""
    WITH hit AS (SELECT DISTINCT 户编号, t, v, disaster, unnest(string_split(risks, ',')) AS item
                 FROM _risk_hh WHERE new = 1)
    SELECT t, v, item, count(*) FROM hit WHERE item IN ({marks})
    GROUP BY 1, 2, 3 HAVING count(*) >= {int(r['cluster_min_households'])} ORDER BY 1, 2, 3
    """).fetchall()
    out = []
    for t, v, item, n in rows:
        unit = villages[(t, v)]
        subs = prep.con.execute("""
            WITH hit AS (SELECT DISTINCT 户编号, unnest(string_split(disaster, ',')) AS sub FROM _risk_hh
                         WHERE new = 1 AND t = ? AND v = ? AND risks LIKE ? AND disaster IS NOT NULL)
            SELECT sub, count(*) FROM hit WHERE sub <> '' GROUP BY 1 ORDER BY 2 DESC, 1""",
                                [t, v, f"%,{item},%"]).fetchall() if item == "因自然灾害" else []
        detail = "（其中" + "、".join(f"{s}{c}户" for s, c in subs) + "）" if subs else ""
        out.append(_warning("b", unit, n / r["cluster_min_households"], {
            "risk_type": item, "new_households": n, "subtypes": dict(subs), "village_households": unit["households"],
            "village_new": unit["new"],
        }, f"{_place(unit)}本期（{period_text(prep.period.month)}）新识别的监测户中，有{n}户的致贫/返贫风险含“{item}”{detail}，"
           f"同一村同一月集中出现（预警门槛：同村同月不少于{r['cluster_min_households']}户）。"
           f"建议核实风险影响范围，排查同村其他农户是否受到同样影响，及早落实针对性帮扶。"))
    return out


def _prev_new(prep: Prepared, previous: RunInfo) -> dict[str, int] | None:
    """New identifications per township in the previous run's snapshot; None when it did not record them."""
    total, known = prep.con.execute("SELECT count(*), count(ident_month) FROM prev_households").fetchall()[0]
    if total and not known:
        return None
    rows = prep.con.execute("""
        SELECT township, count(*) FROM prev_households
        WHERE (removed = 1 OR unremoved = 1) AND ident_month = ? GROUP BY 1""", [previous.period]).fetchall()
    return {t: n for t, n in rows}


def _warn_jump(prep: Prepared, towns: list[dict], previous: RunInfo, prev_new: dict[str, int]) -> list[dict]:
    """(c) per township: new ≥ jump_min and new ≥ jump_ratio × the previous run's new."""
    r = prep.cfg.risk
    ratio = Fraction(str(r["jump_ratio"]))
    out = []
    for u in towns:
        cur = u["new"]
        before = prev_new.get(town_key(u["township"]), 0)
        if cur < r["jump_min_households"] or cur < ratio * before:
            continue
        bar = max(Fraction(r["jump_min_households"]), ratio * before) or Fraction(1)
        change = (f"{before}户，增加{cur - before}户，是上期的{cur / before:.1f}倍" if before
                  else "没有新识别的监测户")
        out.append(_warning("c", u, float(cur / bar), {
            "new": cur, "previous_new": before, "previous_period": previous.period, "increase": cur - before,
        }, f"{u['township']}本期（{period_text(prep.period.month)}）新识别监测户{cur}户，上期（{period_text(previous.period)}）"
           f"{change}（预警门槛：本期不少于{r['jump_min_households']}户且达到上期的"
           f"{r['jump_ratio']:g}倍）。建议分析新增识别户的风险类型和分布，判断是否出现区域性、规模性返贫风险。"))
    return out


def _warn_resettlement(cfg: Config, villages: list[dict]) -> list[dict]:
    """(d) per resettlement site (village): idle share ≥ resettlement_share and ≥ N idle households."""
    r = cfg.risk
    share = Fraction(str(r["resettlement_share"]))
    lo, hi = int(r["working_age_min"]), int(r["working_age_max"])
    out = []
    for u in villages:
        base, idle = u["resettled_with_able"], u["resettled_idle"]
        if not base or idle < r["resettlement_min_households"] or Fraction(idle, base) < share:
            continue
        out.append(_warning("d", u, float(Fraction(idle, base) / share) if share else float(idle), {
            "resettled": u["resettled"], "with_able": base, "idle": idle, "share": round(idle / base, 4),
        }, f"{_place(u)}有易地扶贫搬迁户{u['resettled']}户，其中有{lo}–{hi}岁有劳动力成员的{base}户中，{idle}户的"
           f"这些成员既无务工月数、也无公益性岗位月数，占{pct(idle, base)}（预警门槛：不低于{float(share):.0%}"
           f"且不少于{r['resettlement_min_households']}户）。建议核实搬迁群众就业情况，落实就业帮扶和后续扶持措施。"))
    return out


def _warning(kind: str, unit: dict, severity: float, figures: dict[str, Any], text: str) -> dict:
    return {"kind": kind, "name": KINDS[kind], "level": "村" if "village" in unit else "乡镇",
            "township": unit["township"], "village": unit.get("village", ""), "severity": round(severity, 4),
            "figures": figures, "explanation": text}


def assess(prep: Prepared, cfg: Config, previous: RunInfo | None = None, whole_county: bool = True) -> dict:
    """The risk picture of one run: thresholds, per-unit figures, ranked warnings, what was not judged.

    `previous`: the history run whose snapshot is registered as prev_households (tracking.load_previous).
    `whole_county`: False when the run covers only some townships (the baseline is then theirs).
    """
    r = cfg.risk
    label = "全县" if whole_county else "所查乡镇"
    _households(prep, cfg)
    county, towns, villages = _units(prep)
    county = county or {"households": 0, "persons": 0, "monitored": 0, "unremoved": 0, "unremoved_share": None,
                        "new": 0, "resettled": 0, "resettled_with_able": 0, "resettled_idle": 0,
                        "risk_types": {}, "disaster_subtypes": {}}
    by_village = {(town_key(v["township"]), village_key(v["village"])): v for v in villages}
    warnings: list[dict] = []
    not_judged: list[dict] = []

    def judge(kind: str, run) -> None:
        missing = _missing(prep, kind)
        if missing:
            not_judged.append({"kind": kind, "name": KINDS[kind], "reason": f"导出中没有 {'、'.join(missing)} 列"})
        else:
            warnings.extend(run())

    judge("a", lambda: _warn_share(county, towns + villages, r, label))
    judge("b", lambda: _warn_cluster(prep, cfg, by_village))
    if previous is None:
        not_judged.append({"kind": "c", "name": KINDS["c"], "reason": "没有更早一期的审核记录可供比较（各期审核记入同一历史库后才能计算环比）"})
    else:
        prev_new = _prev_new(prep, previous)
        if prev_new is None:
            not_judged.append({"kind": "c", "name": KINDS["c"],
                               "reason": f"上期（{period_text(previous.period)}）的历史记录没有识别监测时间，无法比较"})
        else:
            judge("c", lambda: _warn_jump(prep, towns, previous, prev_new))
    judge("d", lambda: _warn_resettlement(cfg, villages))
    order = list(KINDS)
    warnings.sort(key=lambda w: (-w["severity"], order.index(w["kind"]), w["township"], w["village"]))
    for i, w in enumerate(warnings, start=1):
        w["rank"] = i
    _blank_missing(prep, [county, *towns, *villages])
    prep.con.execute("DROP TABLE IF EXISTS _risk_hh")
    return {"period": prep.period.month, "baseline": label,
            "thresholds": {k: v for k, v in r.items() if k != "circular"}, "total": county,
            "townships": towns, "villages": villages, "warnings": warnings, "not_judged": not_judged,
            "previous_period": previous.period if previous else None}


def threshold_texts(t: dict, baseline: str) -> list[str]:
    """The four warnings' thresholds in words, printed under the warnings so a reader can recompute them."""
    return [
        f"未消除风险户占比偏高：村或乡镇未消除风险的监测户占户数的比例达到{baseline}平均水平的{t['share_ratio']:g}倍，"
        f"且不少于{t['share_min_households']}户。",
        f"同类风险集中新增：同一行政村本期新识别的监测户中，风险类型含同一项（{'、'.join(t['cluster_types'])}）的不少于"
        f"{t['cluster_min_households']}户。",
        f"新识别户数环比骤增：乡镇本期新识别监测户不少于{t['jump_min_households']}户，且达到上期的{t['jump_ratio']:g}倍"
        f"（需要历史库）。",
        f"搬迁安置点就业不足：行政村内有{t['working_age_min']}–{t['working_age_max']}岁有劳动力成员的易地扶贫搬迁户中，"
        f"这些成员均无务工月数和公益性岗位月数的户占比不低于{t['resettlement_share']:.0%}，且不少于"
        f"{t['resettlement_min_households']}户。",
    ]
