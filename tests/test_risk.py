"""规模性返贫风险隐患 (auditor/risk.py): each warning fires on its cluster and not on a near miss, and
every figure equals what Python recomputes from the prepared tables."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from auditing import record_history, run_audit, write_outputs
from click.testing import CliRunner
from conftest import write_export
from factory import household, person

from auditor.api import run_risk
from auditor.cli import cli
from auditor.config import DEFAULT_RISK, Config, load_config
from auditor.errors import InputError
from auditor.history import SCHEMA_VERSION, Store

PERIOD = "2024-06"


def one(kind: str = "脱贫户", town: str = "涞源镇", village: str = "东关村", members=None, **over) -> list[dict]:
    """A one-person household (small exports; only counts matter here)."""
    return household(kind, town=town, village=village, members=members or [person()], **over)


def unremoved(n: int, town: str, village: str, **over) -> list[dict]:
    return [r for _ in range(n) for r in one("监测户", town, village, **over)]


def plain(n: int, town: str, village: str) -> list[dict]:
    return [r for _ in range(n) for r in one("脱贫户", town, village)]


def new(n: int, town: str, village: str, risk: str, column: str = "致贫/返贫风险1", **over) -> list[dict]:
    return unremoved(n, town, village, 识别监测时间="202406", **{"致贫/返贫风险1": "", column: risk}, **over)


def config(**risk) -> Config:
    return Config(risk={**Config().risk, **risk})


def assess_rows(tmp_path: Path, rows: list[dict], cfg: Config | None = None, period: str = PERIOD,
                history: str | None = None, name: str = "export"):
    path = write_export(tmp_path / name, rows)
    return run_risk([str(path)], cfg or Config(), period, history)


def fired(risk: dict, kind: str) -> dict[tuple[str, str], dict]:
    return {(w["township"], w["village"]): w for w in risk["warnings"] if w["kind"] == kind}


# ---- figures recomputed in Python from the prepared tables ------------------------------------------
def recompute(prep, period: str = PERIOD) -> dict:
    """Per (township, village) and per township: the figures of auditor/risk.py, in plain Python."""
    month = int(period[:4]) * 12 + int(period[5:7])
    hh = prep.con.execute("SELECT 户编号, coalesce(乡镇, ''), coalesce(村, ''), 成员数, 监测户, 未消除, "
                          "月_识别监测时间, 风险集合, 因自然灾害子项 FROM households").fetchall()
    members = defaultdict(list)
    for hid, res, age, able, months, raw_months, job, raw_job in prep.con.execute(
            "SELECT 户编号, 是否异地扶贫搬迁人口, 年龄, 有劳动力, 务工月数, \"务工时间（月）\", 岗位月数, \"公益性岗位(月数)\" "
            "FROM members").fetchall():
        members[hid].append((res, age, able, months, raw_months, job, raw_job))
    units: dict[tuple, Counter] = defaultdict(Counter)
    types: dict[tuple, Counter] = defaultdict(Counter)
    disasters: dict[tuple, Counter] = defaultdict(Counter)
    for hid, t, v, size, mon, unr, ident, risks, disaster in hh:
        is_new = int(mon == 1 and ident == month)
        working = [m for m in members[hid] if m[1] is not None and 16 <= m[1] <= 59 and m[2] == 1]
        idle = [m for m in working if (m[3] == 0 or (m[3] is None and m[4] is None))
                and (m[5] == 0 or (m[5] is None and m[6] is None))]
        resettled = int(any(m[0] == "是" for m in members[hid]))
        for key in ((t, v), (t, None), (None, None)):
            u = units[key]
            u.update(households=1, persons=size, monitored=mon, unremoved=unr, new=is_new, resettled=resettled,
                     resettled_with_able=int(resettled and bool(working)),
                     resettled_idle=int(resettled and bool(working) and len(idle) == len(working)))
            for item in {i for i in risks.split(",") if i}:
                types[key][(item, "unremoved")] += unr
                types[key][(item, "new")] += is_new
            for item in {i for i in (disaster or "").split(",") if i}:
                disasters[key][(item, "unremoved")] += unr
                disasters[key][(item, "new")] += is_new
    return {"units": units, "types": types, "disasters": disasters}


def check_figures(prep, risk: dict) -> None:
    want = recompute(prep, risk["period"])
    got = {(None, None): risk["total"]}
    got.update({(t["township"], None): t for t in risk["townships"]})
    got.update({(v["township"], v["village"]): v for v in risk["villages"]})
    assert len(got) == len(want["units"])
    for key, counts in want["units"].items():
        unit = got[key]
        for field in ("households", "persons", "monitored", "unremoved", "new", "resettled", "resettled_with_able",
                      "resettled_idle"):
            assert unit[field] == counts[field], (key, field)
        assert unit["unremoved_share"] == round(counts["unremoved"] / counts["households"], 4)
        for got_items, want_items in ((unit["risk_types"], want["types"][key]),
                                      (unit["disaster_subtypes"], want["disasters"][key])):
            flat = Counter({(k, part): n for k, parts in got_items.items() for part, n in parts.items()})
            assert +flat == +want_items, key


# ---- (a) share of unremoved households -------------------------------------------------------------
def test_share_warning_fires_at_twice_the_county_share_and_not_below(tmp_path):
    rows = (unremoved(3, "甲镇", "高村") + plain(1, "甲镇", "高村")        # 3/4 = 75%
            + unremoved(4, "乙镇", "齐村") + plain(2, "乙镇", "齐村")      # 4/6: exactly 2 × 1/3
            + unremoved(3, "乙镇", "近村") + plain(2, "乙镇", "近村")      # 3/5 = 60%: below 2 × 1/3
            + unremoved(2, "丙镇", "小村")                                 # 100% but only 2 households
            + plain(19, "丁镇", "大村"))                                   # county: 12 of 36 = 1/3
    prep, risk = assess_rows(tmp_path, rows, config(share_min_households=3))
    check_figures(prep, risk)
    assert risk["total"]["unremoved"] == 12 and risk["total"]["households"] == 36
    got = fired(risk, "a")
    assert set(got) == {("甲镇", "高村"), ("乙镇", "齐村"), ("甲镇", "")}
    w = got[("甲镇", "高村")]
    assert w["level"] == "村" and w["figures"]["unremoved"] == 3 and w["figures"]["households"] == 4
    assert w["figures"]["county_share"] == round(12 / 36, 4) and w["figures"]["times"] == 2.25
    assert "高村（甲镇）未消除风险的监测户3户，占该村4户的75.0%" in w["explanation"]
    assert "全县平均水平33.3%（36户中12户）的2.2倍" in w["explanation"]
    assert got[("甲镇", "")]["level"] == "乡镇"


def test_share_default_minimum_is_ten_households(tmp_path):
    rows = unremoved(9, "甲镇", "九村") + unremoved(10, "乙镇", "十村") + plain(60, "丙镇", "大村")
    _, risk = assess_rows(tmp_path, rows)
    assert risk["thresholds"]["share_min_households"] == DEFAULT_RISK["share_min_households"] == 10
    assert set(fired(risk, "a")) == {("乙镇", "十村"), ("乙镇", "")}


def test_removed_households_are_not_unremoved(tmp_path):
    rows = [r for _ in range(4) for r in one("已消除", "甲镇", "消村")] + unremoved(1, "乙镇", "乙村") + plain(5, "乙镇", "乙村")
    prep, risk = assess_rows(tmp_path, rows, config(share_min_households=1))
    check_figures(prep, risk)
    assert set(fired(risk, "a")) == set()
    assert {v["village"]: v["monitored"] for v in risk["villages"]} == {"消村": 4, "乙村": 1}


# ---- (b) same-risk new households in one village -------------------------------------------------
def test_cluster_warning_by_risk_type_in_the_period(tmp_path):
    rows = (new(2, "甲镇", "灾村", "因自然灾害", 因自然灾害子项="洪涝灾害")
            + new(1, "甲镇", "灾村", "因自然灾害", "致贫/返贫风险3", 因自然灾害子项="地质灾害")  # any of the five columns
            + new(2, "甲镇", "工村", "务工就业不稳") + new(1, "甲镇", "工村", "因产业失败")     # variants → canonical
            + new(2, "乙镇", "产村", "因产业失败") + new(1, "乙镇", "产村", "因产业项目失败")
            + unremoved(3, "乙镇", "旧村", **{"致贫/返贫风险1": "因自然灾害", "因自然灾害子项": "旱灾",
                                             "识别监测时间": "202405"})                           # last month
            + new(3, "丙镇", "病村", "因病")                                                      # not a cluster type
            + plain(30, "丁镇", "大村"))
    prep, risk = assess_rows(tmp_path, rows)
    check_figures(prep, risk)
    got = fired(risk, "b")
    assert set(got) == {("甲镇", "灾村"), ("乙镇", "产村")}
    w = got[("甲镇", "灾村")]
    assert w["figures"]["risk_type"] == "因自然灾害" and w["figures"]["new_households"] == 3
    assert w["figures"]["subtypes"] == {"洪涝灾害": 2, "地质灾害": 1}
    assert "有3户的致贫/返贫风险含“因自然灾害”（其中洪涝灾害2户、地质灾害1户）" in w["explanation"]
    assert got[("乙镇", "产村")]["figures"]["risk_type"] == "因产业项目失败"
    village = {v["village"]: v for v in risk["villages"]}
    assert village["灾村"]["disaster_subtypes"] == {"洪涝灾害": {"unremoved": 2, "new": 2},
                                                  "地质灾害": {"unremoved": 1, "new": 1}}
    assert village["旧村"]["new"] == 0 and village["工村"]["new"] == 3


def test_cluster_types_and_minimum_are_configurable(tmp_path):
    rows = new(2, "甲镇", "病村", "因病") + plain(5, "乙镇", "大村")
    _, risk = assess_rows(tmp_path, rows, config(cluster_types=["因病"], cluster_min_households=2))
    assert set(fired(risk, "b")) == {("甲镇", "病村")}


# ---- (c) month-over-month jump of new identifications -----------------------------------------------
def _month_rows(counts: dict[str, int], ident: str) -> list[dict]:
    rows = plain(10, "大镇", "大村")
    for town, n in counts.items():
        rows += unremoved(n, town, f"{town}村", **{"识别监测时间": ident, "致贫/返贫风险1": "因病"})
    return rows


def _record(tmp_path: Path, rows: list[dict], period: str, store: str) -> None:
    path = write_export(tmp_path / f"涞源县_{period}", rows)
    result = run_audit([str(path)], Config(), period, history=store)
    record_history(result)
    result.close()


def test_jump_warning_against_the_previous_run(tmp_path):
    store = str(tmp_path / "历史库.sqlite")
    _record(tmp_path, _month_rows({"跳镇": 2, "平镇": 3, "少镇": 0, "零镇": 0}, "202405"), "2024-05", store)
    # 跳镇 2 → 5 fires (5 ≥ 5, 5 ≥ 2 × 2); 平镇 3 → 5 does not (5 < 6); 少镇 0 → 4 does not (< 5);
    # 零镇 0 → 5 fires. Last month's households stay, identified in 2024-05: not new now.
    rows = _month_rows({"跳镇": 2, "平镇": 3}, "202405") + _month_rows({"跳镇": 5, "平镇": 5, "少镇": 4, "零镇": 5},
                                                                     "202406")
    prep, risk = assess_rows(tmp_path, rows, history=store)
    check_figures(prep, risk)
    assert risk["previous_period"] == "2024-05"
    got = fired(risk, "c")
    assert set(got) == {("跳镇", ""), ("零镇", "")}
    assert got[("跳镇", "")]["figures"] == {"new": 5, "previous_new": 2, "previous_period": "2024-05", "increase": 3}
    assert "跳镇本期（2024年6月）新识别监测户5户，上期（2024年5月）2户，增加3户，是上期的2.5倍" in got[("跳镇", "")]["explanation"]
    assert "上期（2024年5月）没有新识别的监测户" in got[("零镇", "")]["explanation"]
    assert not [n for n in risk["not_judged"] if n["kind"] == "c"]


def test_jump_not_judged_without_history(tmp_path):
    _, risk = assess_rows(tmp_path, _month_rows({"零镇": 8}, "202406"))
    assert fired(risk, "c") == {}
    assert [n["kind"] for n in risk["not_judged"]] == ["c"]
    assert "历史" in risk["not_judged"][0]["reason"]


def _v1_store(path: Path) -> None:
    """A store as auditor wrote it before ident_month existed (schema version 1)."""
    con = sqlite3.connect(path)
    con.executescript("""
    CREATE TABLE auditor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO auditor_meta VALUES ('schema_version', '1');
    CREATE TABLE runs (run_id INTEGER PRIMARY KEY, period TEXT NOT NULL, scope TEXT NOT NULL, recorded_at TEXT NOT NULL,
        ruleset_version TEXT NOT NULL, parameters TEXT NOT NULL, summary TEXT NOT NULL, UNIQUE (period, scope));
    CREATE TABLE run_findings (run_id BIGINT NOT NULL, finding_key TEXT, rule_id TEXT, rule_name TEXT, category TEXT,
        dimension TEXT, level TEXT, township TEXT, village TEXT, household TEXT, head_name TEXT, name TEXT,
        id_number TEXT, field TEXT, value TEXT, note TEXT, source_file TEXT, source_line BIGINT, person_key TEXT,
        status TEXT);
    CREATE TABLE run_entities (run_id BIGINT NOT NULL, kind TEXT, entity_key TEXT, township TEXT);
    CREATE TABLE run_households (run_id BIGINT NOT NULL, household TEXT, township TEXT, village TEXT, members BIGINT,
        declared_size DOUBLE PRECISION, per_capita DOUBLE PRECISION, removed INTEGER, unremoved INTEGER,
        unsafe_house TEXT, safe_water TEXT, dropout TEXT, measures TEXT);
    CREATE TABLE run_persons (run_id BIGINT NOT NULL, person_key TEXT, household TEXT, township TEXT,
        serious_illness INTEGER);
    INSERT INTO runs VALUES (1, '2024-05', '涞源县|全县', '2024-06-01T00:00:00', 'old', '{}', '{"townships": []}');
    INSERT INTO run_households VALUES (1, 'H1', '零镇', '零镇村', 1, 1, 6000, 0, 1, '否', '是', '否', '');
    """)
    con.commit()
    con.close()


def test_old_store_gains_ident_month_and_its_runs_are_not_compared(tmp_path):
    store = tmp_path / "旧历史库.sqlite"
    _v1_store(store)
    _, risk = assess_rows(tmp_path, _month_rows({"零镇": 8}, "202406"), history=str(store))
    assert fired(risk, "c") == {}
    assert [n["kind"] for n in risk["not_judged"]] == ["c"]
    assert "没有识别监测时间" in risk["not_judged"][0]["reason"]
    con = sqlite3.connect(store)
    assert con.execute("SELECT value FROM auditor_meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert "ident_month" in [r[1] for r in con.execute("PRAGMA table_info(run_households)")]
    con.close()
    Store(str(store)).close()  # opening a migrated store again changes nothing


def test_store_of_version_1_is_migrated(store_target):
    """On SQLite and PostgreSQL: a version-1 store gains ident_month (and later columns) and the version, once."""
    s = Store(store_target)
    s.execute("ALTER TABLE run_households DROP COLUMN ident_month")
    s.execute("ALTER TABLE run_households DROP COLUMN per_capita_text")
    s.execute("UPDATE auditor_meta SET value = '1' WHERE key = 'schema_version'")
    s.close()
    for _ in range(2):
        s = Store(store_target)
        assert s.execute("SELECT value FROM auditor_meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert s.execute("SELECT count(ident_month) FROM run_households").fetchone()[0] == 0
        s.close()


def test_snapshot_records_ident_month(tmp_path):
    store = str(tmp_path / "历史库.sqlite")
    rows = _month_rows({"甲镇": 1}, "202406") + unremoved(1, "甲镇", "甲镇村", 识别监测时间="")
    _record(tmp_path, rows, "2024-06", store)
    s = Store(store)
    months = Counter(s.child("run_households", s.runs()[0].run_id).column("ident_month").to_pylist())
    s.close()
    assert months == {"": 11, "2024-06": 1}


# ---- (d) resettlement sites without work -----------------------------------------------------------
def mover(birth: str = "19800101", **over) -> dict:
    """A resettled person of working age, able to work, with no work recorded."""
    return person(birth=birth, **{"是否异地扶贫搬迁人口": "是", "务工所在地": "", "务工时间（月）": "", **over})


def resettled(n: int, town: str, village: str, **over) -> list[dict]:
    return [r for _ in range(n) for r in one("脱贫户", town, village, members=[mover(**over)])]


def test_resettlement_warning_and_its_near_misses(tmp_path):
    working = person(birth="19850101", 是否异地扶贫搬迁人口="否")  # works 10 months; 否 in a resettled household
    rows = (resettled(2, "甲镇", "安置村") + resettled(1, "甲镇", "安置村", **{"务工时间（月）": "0"})
            + one("脱贫户", "甲镇", "安置村", members=[mover(), working])         # someone works: not idle
            + resettled(1, "甲镇", "安置村", birth="20080101")                    # age 16: working age, idle
            # 乙镇: 3 idle of 7 (43%) — below half
            + resettled(3, "乙镇", "半村") + resettled(4, "乙镇", "半村", **{"务工时间（月）": "6", "务工所在地": "省外务工"})
            # 丙镇: not counted as idle or not of working age
            + resettled(1, "丙镇", "边村", birth="19640101")                      # age 60
            + resettled(1, "丙镇", "边村", **{"务工时间（月）": "十个月"})        # unknown (non-numeric)
            + resettled(1, "丙镇", "边村", **{"公益性岗位类型": "护林员", "公益性岗位(月数)": "6"})  # welfare job
            + resettled(1, "丙镇", "边村", 劳动技能="无劳动力")                   # cannot work
            + resettled(1, "丙镇", "边村")                                        # idle: 1 of 3 with able members
            + plain(5, "丁镇", "大村"))
    prep, risk = assess_rows(tmp_path, rows)
    check_figures(prep, risk)
    got = fired(risk, "d")
    assert set(got) == {("甲镇", "安置村")}
    assert got[("甲镇", "安置村")]["figures"] == {"resettled": 5, "with_able": 5, "idle": 4, "share": 0.8}
    assert "有易地扶贫搬迁户5户，其中有16–59岁有劳动力成员的5户中，4户的这些成员既无务工月数、也无公益性岗位月数，占80.0%" \
        in got[("甲镇", "安置村")]["explanation"]
    edge = {v["village"]: v for v in risk["villages"]}["边村"]
    assert (edge["resettled"], edge["resettled_with_able"], edge["resettled_idle"]) == (5, 3, 1)


# ---- not judged, thresholds, ranking --------------------------------------------------------------
def test_missing_columns_are_not_judged_and_figures_unknown(tmp_path):
    rows = [{k: v for k, v in r.items() if k not in ("风险是否已消除", "是否异地扶贫搬迁人口")}
            for r in unremoved(12, "甲镇", "甲村") + plain(40, "乙镇", "乙村")]
    _, risk = assess_rows(tmp_path, rows)
    assert {n["kind"]: n["reason"] for n in risk["not_judged"] if n["kind"] != "c"} == {
        "a": "导出中没有 风险是否已消除 列", "d": "导出中没有 是否异地扶贫搬迁人口 列"}
    assert risk["warnings"] == []
    assert risk["total"]["unremoved"] is None and risk["total"]["unremoved_share"] is None
    assert risk["total"]["monitored"] == 12 and risk["total"]["resettled"] is None


def test_warnings_are_ranked_by_how_far_they_exceed_their_threshold(tmp_path):
    rows = (resettled(4, "甲镇", "安置村")                          # (d) 100% / 50% = 2.0
            + new(3, "乙镇", "灾村", "因自然灾害", 因自然灾害子项="旱灾")  # (b) 3 / 3 = 1.0
            + new(6, "丙镇", "工村", "因务工就业不稳")               # (b) 6 / 3 = 2.0, then by kind: (b) before (d)
            + plain(60, "丁镇", "大村"))
    _, risk = assess_rows(tmp_path, rows)
    assert [(w["rank"], w["kind"], w["village"]) for w in risk["warnings"]] == [
        (1, "b", "工村"), (2, "d", "安置村"), (3, "b", "灾村")]


def test_risk_section_of_auditor_toml(tmp_path):
    toml = tmp_path / "auditor.toml"
    toml.write_text('[risk]\nshare_ratio = 1.5\ncluster_types = ["因病"]\ncircular = false\n', encoding="utf-8")
    cfg = load_config(toml)
    assert cfg.risk["share_ratio"] == 1.5 and cfg.risk["cluster_types"] == ["因病"] and cfg.risk["circular"] is False
    assert cfg.risk["jump_min_households"] == DEFAULT_RISK["jump_min_households"]
    for bad, word in (("share_raito = 2", "未知参数 share_raito"), ("share_min_households = 2.5", "不小于 0 的整数"),
                      ("circular = 1", "true 或 false"), ("cluster_types = \"因病\"", "文本列表"),
                      ("working_age_min = 70", "working_age_min 不能大于")):
        toml.write_text(f"[risk]\n{bad}\n", encoding="utf-8")
        with pytest.raises(InputError, match=word):
            load_config(toml)


# ---- outputs: the command, the circular -------------------------------------------------------------
NAMES = ("欧阳修远", "司马相如")


def _named_rows() -> list[dict]:
    rows = unremoved(2, "甲镇", "高村") + plain(8, "乙镇", "大村")
    rows += one("监测户", "甲镇", "高村", members=[person(name=NAMES[0]), person(rel="配偶", sex="女", birth="19820101",
                                                                        name=NAMES[1])])
    return rows


def test_risk_command_writes_page_and_json(tmp_path, monkeypatch):
    path = write_export(tmp_path / "涞源县_2024年6月", _named_rows())
    toml = tmp_path / "auditor.toml"
    toml.write_text("[risk]\nshare_min_households = 3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["risk", str(path), "--out", "结果", "--config", str(toml)])
    assert res.exit_code == 0, res.output
    assert "预警 2 条" in res.output and "未消除风险户占比偏高" in res.output
    doc = json.loads((tmp_path / "结果" / "risk.json").read_text(encoding="utf-8"))
    assert doc["county"] == "涞源县" and doc["period"] == "2024-06" and doc["files"] == [path.name]
    assert {(w["kind"], w["township"], w["village"]) for w in doc["warnings"]} == {("a", "甲镇", "高村"), ("a", "甲镇", "")}
    page = (tmp_path / "结果" / "风险隐患.html").read_text(encoding="utf-8")
    assert "涞源县规模性返贫" in page and "高村（甲镇）未消除风险的监测户3户" in page and "各行政村风险情况" in page
    text = page + json.dumps(doc, ensure_ascii=False)
    assert not any(n in text for n in NAMES) and "130630" not in text


def test_risk_command_bad_input_is_one_chinese_line(tmp_path):
    res = CliRunner().invoke(cli, ["risk", str(tmp_path / "没有这个文件.xlsx"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "错误：" in res.output


def test_circular_has_the_section_unless_turned_off(tmp_path):
    path = write_export(tmp_path / "export", _named_rows())
    for on in (True, False):
        cfg = config(share_min_households=3, circular=on)
        result = run_audit([str(path)], cfg, PERIOD)
        write_outputs(result, tmp_path / f"out{on}")
        html = (tmp_path / f"out{on}" / "通报.html").read_text(encoding="utf-8")
        assert ("、风险隐患</h2>" in html) is on and ("risk" in result.summary_json) is on
        if on:
            section = html[html.index('<section id="risk">'):html.index('<section id="requirements"')]
            assert "高村（甲镇）未消除风险的监测户3户" in section and "各乡镇风险情况" in section
            assert not any(n in section for n in NAMES) and "130630" not in section


# ---- the demo: one planted cluster of each kind, each warning once, no rule finding from them ---------
def test_demo_series_shows_each_warning_once_and_no_extra_finding(tmp_path):
    from auditor import demo
    from auditor.catalogue import rules_by_id

    store = str(tmp_path / "历史库.sqlite")
    series = demo.generate_series(households=1500, seed=2024, months=2)
    rules = rules_by_id()
    previous: set = set()
    for data in series:
        path = demo.write_export(data, tmp_path / demo.export_name(data.period))
        result = run_audit([str(path)], Config(), data.period, history=store)
        record_history(result)
        result.close()
        found = Counter()
        k02 = {hid for (hid,) in result.prep.con.execute("SELECT 户编号 FROM rollups WHERE 规则编号 = 'K02'").fetchall()}
        for rule_id, hid, name in result.prep.con.execute("SELECT 规则编号, 户编号, 姓名 FROM findings").fetchall():
            if not rules[rule_id].needs:  # the manifest lists the planted problems; the cross-period
                found[(rule_id, hid, name if rules[rule_id].level == "人" else "")] += 1  # rules follow
        planted = {(p.rule_id, p.hid, p.name) for p in data.planted}
        assert found == Counter((p.rule_id, p.hid, p.name) for p in data.planted)
        # K02: exactly the households whose planted 必改 problem was already there last month.
        assert k02 == {hid for rule_id, hid, _ in planted & previous if rules[rule_id].category == "必改"}
        previous = planted
        risk = result.summary_json["risk"]
        check_figures(result.prep, risk)
        kinds = Counter(w["kind"] for w in risk["warnings"])
        last = data is series[-1]
        assert kinds == Counter({"a": 1, "b": 1, "d": 1, **({"c": 1} if last else {})}), risk["warnings"]
        by_kind = {w["kind"]: w for w in risk["warnings"]}
        assert by_kind["a"]["township"] == data.risk_towns["a"][0]
        assert by_kind["b"]["township"] == data.risk_towns["b"][-1]
        assert by_kind["b"]["figures"]["new_households"] == 3 and by_kind["b"]["figures"]["subtypes"] == {"洪涝灾害": 3}
        assert by_kind["d"]["figures"]["idle"] == demo.RISK_RESETTLED
        if last:
            assert by_kind["c"]["township"] == data.risk_towns["c"][0]
            assert by_kind["c"]["figures"]["new"] == demo.RISK_JUMP and by_kind["c"]["figures"]["previous_new"] == 0
        else:
            assert [n["kind"] for n in risk["not_judged"]] == ["c"]
