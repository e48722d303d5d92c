"""The demo county: clean households across the townships, one or more months of them, with problems
planted by the injectors of `problems` (each listed in the manifest with the findings it must give)
and one cluster of each 风险隐患 warning (auditor risk), which give those warnings once each and no
finding.
"""

from __future__ import annotations

import copy
import math

from ..config import DEFAULT_RISK
from ..fmt import months_before
from .households import PERIOD, TOWNSHIPS, VILLAGE_STEMS, Demo, Gen, Household, adult, household, identify
from .problems import INJECTORS, Site


def generate(households: int = 3000, seed: int = 2024, problems_per_rule: int = 2, period: str = PERIOD) -> Demo:
    """Clean households across the townships, then `problems_per_rule` planted problems per rule."""
    g = Gen(seed)
    kinds = (["脱贫户"] * 70 + ["脱贫不稳定户"] * 6 + ["边缘易致贫户"] * 6 + ["突发严重困难户"] * 3
             + ["脱贫不稳定户已消除"] * 8 + ["边缘易致贫户已消除"] * 5 + ["突发严重困难户已消除"] * 2)
    villages = {t: [f"{s}村" for s in g.rng.sample(VILLAGE_STEMS, g.rng.randint(3, 6))] for t in TOWNSHIPS}
    out: list[Household] = []
    for i in range(households):
        town = TOWNSHIPS[i % len(TOWNSHIPS)] if i < len(TOWNSHIPS) * 3 else g.rng.choice(TOWNSHIPS)
        t_index = TOWNSHIPS.index(town)
        code = (100 + t_index) if town.endswith("镇") else (200 + t_index - 9)
        village = g.rng.choice(villages[town])
        v_index = villages[town].index(village)
        hid = f"130630{code:03d}{v_index + 1:03d}{i:05d}"
        out.append(household(g, hid, town, village, g.rng.choice(kinds)))
    out[5].members.append({**adult(g, "之父", "男", "19400305", works=False), "成员状态": "死亡"})
    demo = Demo(out, period=period, clean={h.hid: copy.deepcopy(h) for h in out}, notes=[
        "标题行两行（表名、数据截至日期）和结尾注释行", "部分表头为别名（乡(镇)、行政村、工资性收入（元）、务工时长(月)…）",
        "部分户的性别写作代码 1/2、劳动技能写作“普通劳动”、民族写作“汉”", "部分识别监测时间写作 202208.0",
        "部分务工所在地为全角括号", "部分户编号写作 =\"…\"", "部分乡镇名称带省市县前缀", "一名已死亡成员（成员状态 死亡）",
    ])
    demo.gen = g
    plant_risk_clusters(demo)
    for rule_id in sorted(INJECTORS):
        for _ in range(problems_per_rule):
            _plant(demo, rule_id)
    return demo


def _plant(demo: Demo, rule_id: str) -> None:
    """Plant one problem of `rule_id` in a clean household (never one of each township's first three).

    The injector picks, among the free households, one it can use; with none usable it plants nothing.
    A series ends at PERIOD and keeps unfixed problems: the injector's choice must hold until then.
    """
    problem = {p.hid for p in demo.planted}
    free = [hh for hh in demo.households[len(TOWNSHIPS) * 3:] if hh.hid not in problem and hh.hid not in demo.reserved]
    demo.planted.extend(INJECTORS[rule_id](Site(free, demo.gen, demo.period, last=max(demo.period, PERIOD))))


# ---- risk clusters (auditor risk, 风险隐患) -------------------------------------------------------
# One planted cluster per warning of auditor/risk.py at the default thresholds (config.DEFAULT_RISK),
# each in a township of its own, so each warning fires once. Cluster households are made by
# _household (clean by construction) and reserved: no rule problem is planted in them, so they add
# no finding. Below about 1500 households a township is too small to hold cluster (a) without its
# own share crossing the threshold too.
RISK_OLD_IDENT = "202303"  # cluster (a): identified long ago, so not new in any demo month
RISK_SHARE = 0.4  # cluster (a): the village's share of unremoved households after planting
RISK_RESETTLED = 4  # cluster (d): resettled households without work, in one village
RISK_JUMP = 6  # cluster (c): new households of one township in the last month, at most 2 per village


def plant_risk_clusters(demo: Demo) -> None:
    """Clusters (a) high unremoved share, (b) same-risk new households, (d) idle resettlement site."""
    g = demo.gen
    towns = _by_township(demo)
    # (a) in the largest township, whose own share then stays below the threshold
    town_a = max(sorted(towns), key=lambda t: len(towns[t]))
    villages = _by_village(demo, town_a)
    need = {v: max(int(DEFAULT_RISK["share_min_households"]) + 2, math.ceil(RISK_SHARE * len(hs)))
            - _unremoved(demo, hs) for v, hs in villages.items()}
    village = min(sorted(villages), key=lambda v: need[v])
    for i in [i for i in _free(demo, villages[village]) if not demo.households[i].fields["监测对象类别"]][:need[village]]:
        hh = household(g, demo.households[i].hid, town_a, village, "脱贫不稳定户")
        identify(hh, RISK_OLD_IDENT)
        _reserve(demo, i, hh)
    demo.risk_towns["a"] = [town_a]
    _cluster_new_risk(demo)
    # (d) the biggest village of another township becomes a resettlement site with idle labour
    town_d = g.rng.choice(sorted(set(towns) - _used(demo)))
    villages = _by_village(demo, town_d)
    village = max(sorted(villages), key=lambda v: len(villages[v]))
    for i in [i for i in _free(demo, villages[village]) if _idle_candidate(demo.households[i])][:RISK_RESETTLED]:
        hh = copy.deepcopy(demo.households[i])
        for m in hh.members:
            m.update({"是否异地扶贫搬迁人口": "是", "务工所在地": "", "务工时间（月）": ""})
        _reserve(demo, i, hh)
    demo.risk_towns["d"] = [town_d]


def plant_new_clusters(demo: Demo, last: bool) -> None:
    """A later month of the series: a new cluster (b) elsewhere, and in the last month the jump (c)."""
    _cluster_new_risk(demo)
    if last:
        town = demo.gen.rng.choice(sorted(set(_by_township(demo)) - _used(demo)))
        villages = sorted(_by_village(demo, town))
        for k in range(RISK_JUMP):
            _append(demo, town, villages[k % len(villages)], "边缘易致贫户")
        demo.risk_towns["c"] = [town]


def _cluster_new_risk(demo: Demo) -> None:
    """(b) newly identified 边缘易致贫户 of one village, all 因自然灾害 (洪涝灾害), in this month."""
    town = demo.gen.rng.choice(sorted(set(_by_township(demo)) - _used(demo)))
    villages = _by_village(demo, town)
    village = min(sorted(villages), key=lambda v: _unremoved(demo, villages[v]))
    for _ in range(int(DEFAULT_RISK["cluster_min_households"])):
        _append(demo, town, village, "边缘易致贫户", {"致贫/返贫风险1": "因自然灾害", "因自然灾害子项": "洪涝灾害"})
    demo.risk_towns.setdefault("b", []).append(town)


def _append(demo: Demo, town: str, village: str, kind: str, fields: dict[str, str] | None = None) -> None:
    """A household entering the register this month (identified in demo.period), reserved."""
    prefix = next(h.hid for h in demo.households if h.fields["乡"] == town and h.fields["村"] == village)[:12]
    taken = {h.hid for h in demo.households}
    n = len(demo.households)
    while f"{prefix}{n:05d}" in taken:
        n += 1
    demo.households.append(household(demo.gen, f"{prefix}{n:05d}", town, village, kind))
    hh = demo.households[-1]
    identify(hh, demo.period.replace("-", ""))
    hh.fields.update(fields or {})
    _reserve(demo, len(demo.households) - 1, hh)


def _reserve(demo: Demo, index: int, hh: Household) -> None:
    demo.households[index] = hh
    demo.reserved.add(hh.hid)
    demo.clean[hh.hid] = copy.deepcopy(hh)


def _used(demo: Demo) -> set[str]:
    return {t for towns in demo.risk_towns.values() for t in towns}


def _free(demo: Demo, indices: list[int]) -> list[int]:
    """Households a cluster may use: not a township's first three, no planted problem, not reserved."""
    taken = {p.hid for p in demo.planted} | demo.reserved
    return [i for i in indices if i >= len(TOWNSHIPS) * 3 and demo.households[i].hid not in taken]


def _by_township(demo: Demo) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, h in enumerate(demo.households):
        out.setdefault(h.fields["乡"], []).append(i)
    return out


def _by_village(demo: Demo, town: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, h in enumerate(demo.households):
        if h.fields["乡"] == town:
            out.setdefault(h.fields["村"], []).append(i)
    return out


def _unremoved(demo: Demo, indices: list[int]) -> int:
    return sum(1 for i in indices if demo.households[i].fields["监测对象类别"]
               and demo.households[i].fields["风险是否已消除"] != "是")


def _idle_candidate(hh: Household) -> bool:
    """A 脱贫户 not monitored, with a member of working age (16–59 in every demo month) able to work."""
    return not hh.fields["监测对象类别"] and any(
        1966 <= int(m["出生日期"][:4]) <= 2007 and m["劳动技能"] != "无劳动力" for m in hh.members)


def generate_series(households: int = 3000, seed: int = 2024, months: int = 3) -> list[Demo]:
    """Monthly exports ending at PERIOD: each month about half of the problems are fixed, one problem
    household leaves the register, and new problems appear (for fix tracking and the trend chart)."""
    periods = [months_before(PERIOD, months - 1 - i) for i in range(months)]
    series = [generate(households, seed, period=periods[0])]
    for period in periods[1:]:
        prev = series[-1]
        demo = copy.deepcopy(prev)
        demo.period = period
        rng = demo.gen.rng
        problem_hids = sorted({p.hid for p in demo.planted})
        fixed = set(rng.sample(problem_hids, len(problem_hids) // 2))
        gone = rng.choice(sorted(set(problem_hids) - fixed))
        demo.households = [copy.deepcopy(demo.clean[h.hid]) if h.hid in fixed else h
                           for h in demo.households if h.hid != gone]
        demo.planted = [p for p in demo.planted if p.hid not in fixed and p.hid != gone]
        for rule_id in rng.sample(sorted(INJECTORS), max(1, len(INJECTORS) // 3)):
            _plant(demo, rule_id)
        plant_new_clusters(demo, last=period == periods[-1])
        series.append(demo)
    return series
