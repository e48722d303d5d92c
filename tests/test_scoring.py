"""Township and village scores and ranking (circular.md §Score) on a hand-built export."""

import pytest
from factory import household, person

from auditor.analysis.scoring import score
from auditor.config import Config, load_config
from auditor.errors import InputError


def clean(town: str, n: int, village: str = "一村", tag: str = "") -> list[dict]:
    return [row for i in range(n) for row in household(town=town, village=village, hid=f"{town}{tag}{i}",
                                                         members=[person()])]


def blank_ethnicity(town: str, hid: str, people: int = 1, village: str = "一村") -> list[dict]:
    """One household with `people` members whose 民族 is blank: `people` C01 findings, HM += 1."""
    members = [person(民族="")] + [person(rel="之子", birth="20000101", 民族="") for _ in range(people - 1)]
    return household(town=town, village=village, hid=hid, members=members, 家庭人口数=str(people))


def bad_labour(town: str, hid: str, village: str = "一村") -> list[dict]:
    return household(town=town, village=village, hid=hid, members=[person(劳动技能="会干活")])


def ranked(summary: dict) -> list[tuple]:
    return [(t["name"], t["score"], t["must_fix"], t["rank"]) for t in summary["townships"]]


def test_ranking_order_and_ties(audit):
    rows = (clean("甲镇", 4)
            # 北镇 and 南镇: same score, same 必改 count → by name (code point: 北 U+5317 < 南 U+5357)
            + clean("南镇", 3) + blank_ethnicity("南镇", "南1")
            + clean("北镇", 3) + blank_ethnicity("北镇", "北1")
            # 东镇: same score as 北/南 (one household with 必改) but 2 findings → after them
            + clean("东镇", 3) + blank_ethnicity("东镇", "东1", people=2)
            # 西镇: one household with a 非必改 finding only (C03 made 非必改 below)
            + clean("西镇", 4) + bad_labour("西镇", "西1"))
    cfg = Config(categories={"C03": "非必改"})
    summary = audit(rows, config=cfg).result.summary_json
    assert ranked(summary) == [
        ("甲镇", 100.0, 0, 1),
        ("西镇", 96.0, 0, 2),  # 100 × (0.8 × 1 + 0.2 × (1 − 1/5))
        ("北镇", 80.0, 1, 3),  # 100 × (0.8 × (1 − 1/4) + 0.2)
        ("南镇", 80.0, 1, 4),
        ("东镇", 80.0, 2, 5),
    ]
    west = next(t for t in summary["townships"] if t["name"] == "西镇")
    assert (west["should_check"], west["should_check_households"], west["problem_households"]) == (1, 1, 1)
    assert west["should_check_per_100"] == 20.0
    east = next(t for t in summary["townships"] if t["name"] == "东镇")
    assert (east["households"], east["persons"], east["must_fix_households"], east["must_fix_per_100"]) == (4, 5, 1, 50.0)
    for t in summary["townships"]:  # cli.md contract
        assert {"name", "households", "persons", "must_fix", "should_check", "problem_households", "score",
                "rank"} <= set(t)


def test_score_is_rounded_half_up_exactly():
    weights = {"must_fix": 0.8, "should_check": 0.2}
    assert score(80, 0, 7, weights) == 98.3  # exactly 98.25; float round() would give 98.2
    assert score(3, 1, 1, weights) == 66.7
    assert score(4, 4, 4, weights) == 0.0
    assert score(0, 0, 0, weights) is None


def test_weights_come_from_auditor_toml(tmp_path, audit):
    toml = tmp_path / "auditor.toml"
    toml.write_text("[score]\nmust_fix = 0.5\nshould_check = 0.5\n", encoding="utf-8")
    cfg = load_config(toml)
    assert cfg.weights == {"must_fix": 0.5, "should_check": 0.5}
    summary = audit(clean("甲镇", 1) + blank_ethnicity("甲镇", "甲X"), config=cfg).result.summary_json
    assert summary["townships"][0]["score"] == 75.0  # 100 × (0.5 × (1 − 1/2) + 0.5)
    assert summary["weights"] == {"must_fix": 0.5, "should_check": 0.5}


@pytest.mark.parametrize("body", ["must_fix = 0.9\n", "must_fix = -1\nshould_check = 2\n", "bonus = 1\n",
                                  "must_fix = '高'\n"])
def test_bad_weights_are_refused(tmp_path, body):
    toml = tmp_path / "auditor.toml"
    toml.write_text("[score]\n" + body, encoding="utf-8")
    with pytest.raises(InputError):
        load_config(toml)


def test_configured_township_without_households_is_listed_unranked(audit):
    cfg = Config(townships=["甲镇", "乙镇", "空镇"])
    summary = audit(clean("甲镇", 2) + clean("乙镇", 1) + blank_ethnicity("乙镇", "乙1"), config=cfg).result.summary_json
    assert ranked(summary) == [("甲镇", 100.0, 0, 1), ("乙镇", 60.0, 1, 2), ("空镇", None, 0, None)]


def test_an_export_of_one_township_is_that_township_s_run(audit):
    """Its rank would be 1 of 1: none (test_rank_basis.py), and the county's other townships unlisted."""
    cfg = Config(townships=["甲镇", "空镇"])
    found = audit(clean("甲镇", 2), config=cfg).result
    assert ranked(found.summary_json) == [("甲镇", 100.0, 0, None)]
    assert found.covered == ("甲镇",) and found.scope.endswith("|甲镇")


def test_township_filter_does_not_list_other_configured_townships(tmp_path):
    from auditing import run_audit
    from conftest import write_export

    cfg = Config(townships=["甲镇", "乙镇", "空镇"])
    path = write_export(tmp_path / "x", clean("甲镇", 2) + clean("乙镇", 2))
    summary = run_audit([str(path)], cfg, "2024-06", townships=["甲镇"]).summary_json
    assert [t["name"] for t in summary["townships"]] == ["甲镇"]


def test_villages_are_ranked_within_their_township(audit):
    rows = (clean("甲镇", 2, "好村") + clean("甲镇", 1, "差村", tag="b") + blank_ethnicity("甲镇", "甲差", village="差村")
            + clean("乙镇", 1, "乙村"))
    villages = audit(rows).result.summary_json["villages"]
    assert [(v["township"], v["name"], v["score"], v["rank"]) for v in villages] == [
        ("乙镇", "乙村", 100.0, 1), ("甲镇", "好村", 100.0, 1), ("甲镇", "差村", 60.0, 2)]
