"""The cross-period rules G15, I16, J04, K01, K02, through a real history store (a SQLite file).

Each test audits two or three months in turn, recording every run, as `auditor audit --history`
does; the rules of the last month read the snapshots of the earlier runs (prev_*, lag_*, stale_*).
Members are built once and reused across months, so their person keys (ID numbers) match.
"""

from __future__ import annotations

import itertools
import sqlite3
from decimal import Decimal

import sqlglot
from auditing import record_history, run_audit
from conftest import Audit, write_export
from factory import drop, household, income, make_id, person, spouse

from auditor.catalogue import rules_by_id
from auditor.catalogue.compile import rule_sql, run_parameters
from auditor.config import Config
from auditor.history import SCHEMA_VERSION, Store
from auditor.period import resolve_period

CROSS_PERIOD = ("G15", "I16", "J04", "K01", "K02")
_files = itertools.count()


def months(tmp_path, *runs: tuple[str, list[dict]], record_last: bool = True, **config) -> Audit:
    """Audit each (period, rows) in turn through one history store; the findings of the last run.

    `config`: params=…, categories=… of a fresh Config per run (the last run's matters).
    """
    store = str(tmp_path / "历史库.sqlite")
    found = None
    for i, (period, rows) in enumerate(runs):
        cfg = Config(categories=config.get("categories", {})).with_params(**config.get("params", {}))
        path = write_export(tmp_path / f"涞源县_{period}_{next(_files)}", rows)
        result = run_audit([str(path)], cfg, period, history=store)
        if record_last or i < len(runs) - 1:
            record_history(result)
        found = Audit(result)
        result.close()
    return found



def heads(*hids: str) -> dict[str, dict]:
    """One head of household per id, the same person in every month."""
    return {h: person(name=f"户主{h}") for h in hids}


# ---- G15 ---------------------------------------------------------------------------------------------


def test_G15_per_capita_change_against_exactly_twelve_months_before(tmp_path):
    h = heads("up", "edge_up", "down", "edge_down", "zero", "text", "blank", "new")

    def export(values: dict[str, str]) -> list[dict]:
        return [r for hid, v in values.items() for r in household(hid=hid, members=[h[hid]], 人均纯收入=v)]

    year_ago = export({"up": "10000", "edge_up": "10000", "down": "10000", "edge_down": "10000", "zero": "0",
                       "text": "不详", "blank": "10000"})
    # last month: were it the comparison, up would pass and edge_up would be flagged
    last_month = export({"up": "15000", "edge_up": "1000", "down": "10000", "edge_down": "10000", "zero": "0",
                         "text": "9000", "blank": "10000"})
    now = export({"up": "15000.01", "edge_up": "15000", "down": "4999.99", "edge_down": "5000", "zero": "9000",
                  "text": "9000", "blank": "", "new": "99999"})
    found = months(tmp_path, ("2023-06", year_ago), ("2024-05", last_month), ("2024-06", now))
    assert found.households("G15") == {"up", "down"}
    notes = {f["户编号"]: f for f in found.of("G15")}
    assert notes["up"]["说明"] == "人均纯收入 15000.01 元，12 个月前的导出为 10000 元，增加约 50%，变化超过对比期的 50%，请核实"
    assert notes["down"]["说明"].startswith("人均纯收入 4999.99 元，12 个月前的导出为 10000 元，减少约 50%")
    assert (notes["up"]["问题字段"], notes["up"]["当前值"], notes["up"]["类别"]) == ("人均纯收入", "15000.01", "非必改")


def test_G15_change_parameter_and_lag(tmp_path):
    h = heads("a", "b")
    rows = {p: [r for hid, v in values.items() for r in household(hid=hid, members=[h[hid]], 人均纯收入=v)]
            for p, values in (("2024-03", {"a": "10000", "b": "10000"}), ("2024-06", {"a": "13000", "b": "12000"}))}
    found = months(tmp_path, ("2024-03", rows["2024-03"]), ("2024-06", rows["2024-06"]),
                   params={"g15_lag_months": 3, "g15_change": 0.2})
    assert found.households("G15") == {"a"}
    assert found.of("G15")[0]["说明"].startswith("人均纯收入 13000 元，3 个月前的导出为 10000 元，增加约 30%，变化超过对比期的 20%")


# ---- I16 ---------------------------------------------------------------------------------------------


def _removed(hid: str, members: list[dict], **over) -> list[dict]:
    return household("已消除", hid=hid, members=members, **over)


def test_I16_new_risk_signals_after_removal(tmp_path):
    h = heads("ia", "ia_below", "ia_above", "ib", "ib_blank", "ib_same", "ic", "ic_same", "id", "ie", "ie_same",
              "ie_new", "prev_open", "now_open", "multi")
    ill = {k: spouse(name=f"配偶{k}", 健康状况=v) for k, v in
           (("ie", "健康"), ("ie_same", "患有大病"), ("multi", "长期慢性病"))}
    newcomer = spouse(name="新成员", 健康状况="患有大病")

    def month(now: bool) -> list[dict]:
        pick = (lambda before, after: after) if now else (lambda before, after: before)
        return (_removed("ia", [h["ia"]], 人均纯收入=pick("7300", "7299.99"))
                + _removed("ia_below", [h["ia_below"]], 人均纯收入=pick("7299.99", "7000"))
                + _removed("ia_above", [h["ia_above"]], 人均纯收入=pick("8000", "7300"))
                + _removed("ib", [h["ib"]], 是否危房户=pick("否", "是"))
                + _removed("ib_blank", [h["ib_blank"]], 是否危房户=pick("", "是"))
                + _removed("ib_same", [h["ib_same"]], 是否危房户="是")
                + _removed("ic", [h["ic"]], 是否解决安全饮用水=pick("是", "否"))
                + _removed("ic_same", [h["ic_same"]], 是否解决安全饮用水="否")
                + _removed("id", [h["id"]], 是否义务教育阶段适龄儿童少年失学辍学=pick("否", "是"))
                + _removed("ie", [h["ie"], {**ill["ie"], "健康状况": pick("健康", "患有大病")}])
                + _removed("ie_same", [h["ie_same"], {**ill["ie_same"], "健康状况": pick("患有大病", "长期慢性病,患有大病")}])
                + _removed("ie_new", [h["ie_new"], *([newcomer] if now else [])])
                # not removed last month / not removed now: not this rule's business
                + household(pick("监测户", "已消除"), hid="prev_open", members=[h["prev_open"]], 是否危房户=pick("否", "是"))
                + household(pick("已消除", "监测户"), hid="now_open", members=[h["now_open"]], 是否危房户=pick("否", "是"))
                + _removed("multi", [h["multi"], {**ill["multi"], "健康状况": pick("长期慢性病", "患有大病")}],
                           是否危房户=pick("否", "是"), 是否解决安全饮用水=pick("", "否")))

    found = months(tmp_path, ("2024-05", month(False)), ("2024-06", month(True)))
    assert found.households("I16") == {"ia", "ib", "ib_blank", "ic", "id", "ie", "multi"}
    notes = {f["户编号"]: f for f in found.of("I16")}
    assert notes["ia"]["说明"] == ("风险已消除，但与上期导出相比出现新的风险信号：人均纯收入由上期 7300 元降至 7299.99 元，"
                                  "低于监测线 7300 元。请核实是否需要风险再标注或回退")
    assert notes["ib_blank"]["说明"].endswith("新的风险信号：是否危房户由 空 变为 是。请核实是否需要风险再标注或回退")
    assert notes["multi"]["说明"] == ("风险已消除，但与上期导出相比出现新的风险信号：是否危房户由 否 变为 是；"
                                     "是否解决安全饮用水由 空 变为 否；成员 配偶multi 的健康状况新增 患有大病。"
                                     "请核实是否需要风险再标注或回退")
    assert notes["multi"]["问题字段"] == "是否危房户、是否解决安全饮用水"
    assert notes["ie"]["问题字段"] == ""


def test_I16_signals_of_columns_the_previous_export_lacked_are_not_judged(tmp_path):
    h = heads("ib", "ic", "ie")
    sick = spouse(name="配偶", 健康状况="患有大病")
    before = drop(_removed("ib", [h["ib"]]) + _removed("ic", [h["ic"]]) + _removed("ie", [h["ie"], sick]),
                  "是否危房户", "健康状况")
    now = (_removed("ib", [h["ib"]], 是否危房户="是") + _removed("ic", [h["ic"]], 是否解决安全饮用水="否")
           + _removed("ie", [h["ie"], sick]))
    found = months(tmp_path, ("2024-05", before), ("2024-06", now))
    assert found.households("I16") == {"ic"}


# ---- J04 ---------------------------------------------------------------------------------------------


def test_J04_measures_unchanged_since_the_latest_export_at_least_six_months_old(tmp_path):
    h = heads("same", "changed", "reordered", "per_member", "empty", "removed_then", "removed_now")
    wife = {k: spouse(name=f"配偶{k}") for k in ("per_member",)}

    def month(period: str) -> list[dict]:
        old, now = period == "2023-11", period == "2024-06"
        pm = [{**h["per_member"], "就业帮扶": "就业服务"}, {**wife["per_member"], "就业帮扶": "就业服务" if now else ""}]
        return (household("监测户", hid="same", members=[h["same"]], 产业帮扶="产业奖补" if old else "")
                + household("监测户", hid="changed", members=[h["changed"]], 产业帮扶="产业奖补" if now else "")
                + household("监测户", hid="reordered", members=[h["reordered"]],
                            健康帮扶="慢病签约、医疗救助" if now else "医疗救助,慢病签约")
                + household("监测户", hid="per_member", members=pm)
                + household("监测户", hid="empty", members=[h["empty"]],
                            **{m: "" for m in ("就业帮扶", "健康帮扶", "义务教育保障", "住房安全保障", "饮水安全保障")})
                + household("已消除" if not now else "监测户", hid="removed_then", members=[h["removed_then"]])
                + household("已消除" if now else "监测户", hid="removed_now", members=[h["removed_now"]]))

    # 2023-12 is the latest export at least 6 months before 2024-06; 2023-11 is older and not used
    found = months(tmp_path, *((p, month(p)) for p in ("2023-11", "2023-12", "2024-06")))
    assert found.households("J04") == {"same", "reordered", "per_member", "empty"}
    notes = {f["户编号"]: f["说明"] for f in found.of("J04")}
    assert notes["same"] == ("风险未消除，帮扶措施与 6 个月及以上之前的导出完全相同（义务教育保障：义务教育有保障；"
                             "住房安全保障：住房安全有保障；健康帮扶：医疗救助；就业帮扶：就业服务；饮水安全保障：饮水安全有保障），"
                             "请核实帮扶措施是否已更新")
    assert "两期均无任何帮扶措施" in notes["empty"]
    assert "健康帮扶：医疗救助,慢病签约" in notes["reordered"]


def test_J04_not_run_without_an_export_old_enough(tmp_path):
    h = heads("a")
    rows = household("监测户", hid="a", members=[h["a"]])
    found = months(tmp_path, ("2024-01", rows), ("2024-06", rows))
    assert found.skipped()["J04"] == "缺少输入：上期导出（历史库中没有足够早的历史期的审核结果）"
    found = months(tmp_path, ("2023-12", rows), ("2024-06", rows))  # same store: now 2023-12 is old enough
    assert found.households("J04") == {"a"}


# ---- K01 ---------------------------------------------------------------------------------------------


def test_K01_members_changed_but_size_or_per_capita_not(tmp_path):
    names = ("size", "pc", "pc_over", "decimal", "updated", "same", "not_integer")
    h = heads(*names)
    extra = {k: spouse(name=f"配偶{k}") for k in names}

    def month(now: bool) -> list[dict]:
        def hh(hid: str, grow: bool, size_now: str, pc_before: str, pc_now: str) -> list[dict]:
            before_members = [h[hid]] if grow else [h[hid], extra[hid]]
            now_members = [h[hid], extra[hid]] if grow else [h[hid]]
            members = now_members if now else before_members
            size = size_now if now else str(len(before_members))
            return household(hid=hid, members=members, 家庭人口数=size, 人均纯收入=pc_now if now else pc_before)

        return (hh("size", True, "1", "12000", "9000")  # a member added, 家庭人口数 still 1
                + hh("pc", False, "1", "12000", "12001")  # a member left, per capita within 1 yuan
                + hh("pc_over", False, "1", "12000", "12001.01")
                + hh("decimal", False, "1", "7300.1", "7301.1")  # exactly 1 yuan apart: compared as decimals
                + hh("updated", True, "2", "12000", "9000")
                + household(hid="same", members=[h["same"]], 家庭人口数="1", 人均纯收入="12000")
                + hh("not_integer", True, "1.5", "12000", "9000"))

    found = months(tmp_path, ("2024-05", month(False)), ("2024-06", month(True)))
    assert found.households("K01") == {"size", "pc", "decimal"}
    notes = {f["户编号"]: f for f in found.of("K01")}
    assert notes["size"]["说明"] == "户内成员行数由上期 1 变为本期 2，但家庭人口数仍为 1"
    assert notes["size"]["问题字段"] == "家庭人口数"
    assert notes["pc"]["说明"] == "户内成员行数由上期 2 变为本期 1，但人均纯收入未随之更新（上期 12000 元，本期 12001 元）"
    assert notes["pc"]["问题字段"] == "人均纯收入"


def test_K01_both_unchanged_names_both_fields(tmp_path):
    h = person(name="户主")
    before = household(hid="k", members=[h, spouse(name="配偶")], 家庭人口数="2", 人均纯收入="9000")
    now = household(hid="k", members=[h], 家庭人口数="2", 人均纯收入="9000")
    found = months(tmp_path, ("2024-05", before), ("2024-06", now))
    assert found.of("K01")[0]["问题字段"] == "家庭人口数、人均纯收入"
    assert found.of("K01")[0]["说明"] == ("户内成员行数由上期 2 变为本期 1，但家庭人口数仍为 2，"
                                         "人均纯收入未随之更新（上期 9000 元，本期 9000 元）")


# ---- K02 ---------------------------------------------------------------------------------------------


def _k02_months() -> tuple[list[dict], list[dict]]:
    """Last month and this month: which problems persist."""
    p = {k: person(name=n) for k, n in (("keep", "张三"), ("fixed", "李四"), ("new", "王五"), ("k03", "赵六"),
                                         ("moved", "钱七"), ("other", "孙八"))}
    p["soft"] = person(name="周九", 证件号码=make_id(region="990630", seq=901))  # A08 (非必改): not a province code

    def month(now: bool) -> list[dict]:
        # C01 + B08, both 必改 (incomes consistent with 5 persons, so G02 does not follow B08)
        return (household(hid="keep", members=[{**p["keep"], "民族": ""}], **{**income("脱贫户", 5), "家庭人口数": "5"})
                + household(hid="fixed", members=[{**p["fixed"], "民族": "汉族" if now else ""}])
                + household(hid="new", members=[{**p["new"], "民族": "" if now else "汉族"}])
                + household(hid="soft", members=[p["soft"]])
                + household(hid="k03", members=[p["k03"]], 年度="2023")  # K03 persists: K01–K03 are not compared
                # 钱七 moves to another household: the person key follows the person
                + household(hid="moved_to" if now else "moved_from", members=[{**p["moved"], "民族": ""}])
                + household(hid="other", members=[p["other"]]))

    return month(False), month(True)


def test_K02_problems_of_the_previous_period_still_present(tmp_path):
    before, now = _k02_months()
    found = months(tmp_path, ("2024-05", before), ("2024-06", now))
    assert found.households("K02") == {"keep", "moved_to"}
    notes = {f["户编号"]: f for f in found.of("K02")}
    assert notes["keep"]["说明"] == ("上期已发现的 2 个问题本期仍未整改：B08 家庭人口数与成员行数不一致；"
                                    "C01 民族为空（张三）")
    assert notes["keep"]["类别"] == "必改"
    assert notes["moved_to"]["说明"] == "上期已发现的 1 个问题本期仍未整改：C01 民族为空（钱七）"
    assert found.households("K03") == {"k03"} and found.households("A08") == {"soft"}


def test_K02_non_mandatory_rules_when_configured(tmp_path):
    before, now = _k02_months()
    found = months(tmp_path, ("2024-05", before), ("2024-06", now), params={"k02_include_nonmandatory": True})
    assert found.households("K02") == {"keep", "moved_to", "soft"}
    by_hh = {f["户编号"]: f for f in found.of("K02")}
    assert by_hh["soft"]["类别"] == "非必改"  # produced by a non-mandatory rule only
    assert by_hh["soft"]["说明"] == "上期已发现的 1 个问题本期仍未整改：A08 证件号码区划代码异常（提示）（周九）"
    assert by_hh["keep"]["类别"] == "必改"
    assert found.result.summary_json["should_check"] == len([f for f in found.findings if f["类别"] == "非必改"])


def test_K02_compares_with_this_period_s_category(tmp_path):
    before, now = _k02_months()
    found = months(tmp_path, ("2024-05", before), ("2024-06", now), categories={"C01": "非必改"})
    assert found.households("K02") == {"keep"}
    assert found.of("K02")[0]["说明"] == "上期已发现的 1 个问题本期仍未整改：B08 家庭人口数与成员行数不一致"
    found = months(tmp_path, ("2024-06", now), categories={"K02": "非必改"}, record_last=False)
    assert {f["类别"] for f in found.of("K02")} == {"非必改"}  # the configured category of K02 itself wins


def test_K02_lists_five_problems_and_counts_the_rest(tmp_path):
    members = [person(name=f"成员{i}", rel="户主" if i == 0 else "之子", 民族="", birth="19900101", sex="男")
               for i in range(7)]
    rows = household(hid="many", members=members)
    found = months(tmp_path, ("2024-05", rows), ("2024-06", rows))
    note = found.of("K02")[0]["说明"]
    assert note.startswith("上期已发现的 ")
    listed = note.split("：", 1)[1]
    assert listed.count("；") == 4 and listed.endswith(f" 等 {note.split(' ')[1]} 项")


# ---- not run: no comparison export, or it lacks the rule's fields --------------------------------------


def test_not_run_without_the_comparison_exports(tmp_path):
    rows = household("已消除", hid="a")
    alone = Audit(run_audit([str(write_export(tmp_path / "涞源县_2024-06", rows))], Config(), "2024-06"))
    for rule_id, kind in (("G15", "上年同期"), ("I16", "上期"), ("J04", "足够早的历史期"), ("K01", "上期"), ("K02", "上期")):
        assert alone.skipped()[rule_id] == f"缺少输入：上期导出（历史库中没有{kind}的审核结果）"
    first = months(tmp_path, ("2024-06", rows))
    assert set(CROSS_PERIOD) <= set(first.skipped())
    second = months(tmp_path, ("2024-06", rows), ("2024-07", rows))  # same store: 2024-06 is the last month
    assert {r for r in CROSS_PERIOD if r in second.skipped()} == {"G15", "J04"}
    assert second.result.summary_json["rules_run"] == first.result.summary_json["rules_run"] + 3


def test_not_run_when_the_comparison_export_lacks_the_rule_s_fields(tmp_path):
    h = person(name="户主")
    before = drop(household("已消除", hid="a", members=[h]), "风险是否已消除", "家庭人口数", "人均纯收入")
    now = household("已消除", hid="a", members=[h])
    found = months(tmp_path, ("2024-05", before), ("2024-06", now))
    assert found.skipped()["I16"] == "缺少字段：上期导出中没有 风险是否已消除"
    assert found.skipped()["K01"] == "缺少字段：上期导出中 家庭人口数、人均纯收入 都不存在"
    assert "K02" not in found.skipped()
    now_lacking = drop(now, "家庭人口数", "人均纯收入")
    found = months(tmp_path, ("2024-07", now_lacking))
    assert found.skipped()["K01"] == "缺少字段：家庭人口数、人均纯收入 都不存在"


# ---- portability: the same rows on SQLite; the SQL transpiles to every engine --------------------------


def _all_rules_fire(tmp_path) -> Audit:
    """Three months after which each of the five rules flags one household."""
    h = heads("g15", "i16", "j04", "k01", "k02")
    kid = spouse(name="配偶k01")

    def month(period: str) -> list[dict]:
        now = period == "2024-06"
        return (household(hid="g15", members=[h["g15"]], 人均纯收入="20000" if now else "10000")
                + household("已消除", hid="i16", members=[h["i16"]], 是否危房户="是" if now else "否")
                + household("监测户", hid="j04", members=[h["j04"]])
                + household(hid="k01", members=[h["k01"], *([kid] if now else [])], 家庭人口数="1")
                + household(hid="k02", members=[{**h["k02"], "民族": ""}]))

    return months(tmp_path, *((p, month(p)) for p in ("2023-06", "2024-05", "2024-06")))


def test_cross_period_rules_give_the_same_rows_on_sqlite(tmp_path):
    found = _all_rules_fire(tmp_path)
    con = found.result.prep.con
    lite = sqlite3.connect(":memory:")
    tables = ("members", "households", "findings", "prev_findings", "prev_households", "prev_persons",
              "prev_fields", "lag_households", "stale_households")
    for table in tables:
        cur = con.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        rows = [[float(v) if isinstance(v, Decimal) else v for v in row] for row in cur.fetchall()]
        lite.execute(f"CREATE TABLE {table} ({', '.join(chr(34) + c + chr(34) for c in cols)})")
        lite.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", rows)
    cfg = Config()
    params = run_parameters(cfg, resolve_period("2024-06", [], cfg))
    rules = rules_by_id()
    for rule_id in CROSS_PERIOD:
        duck = sorted(con.execute(rule_sql(rules[rule_id], params, "duckdb")).fetchall())
        assert duck, rule_id
        assert sorted(lite.execute(rule_sql(rules[rule_id], params, "sqlite")).fetchall()) == duck, rule_id
        for dialect in ("postgres", "spark"):
            sqlglot.parse_one(rule_sql(rules[rule_id], params, dialect), read=dialect)
    assert {f["规则编号"] for f in found.findings + found.rollups} >= set(CROSS_PERIOD)


# ---- the store: versions 3 to 5 add run_households.per_capita_text, the persons' names, the matches, the clues ---------------------------------------


def test_a_version_2_store_is_upgraded_and_its_runs_still_compared(tmp_path, store_target):
    h = person(name="户主")
    path = write_export(tmp_path / "涞源县_2023-06", household(hid="a", members=[h], 人均纯收入="10000"))
    result = run_audit([str(path)], Config(), "2023-06", history=store_target)
    record_history(result)
    result.close()
    old = Store(store_target)  # make it what the auditor before this wrote: schema 2, no per_capita_text
    old.execute("ALTER TABLE run_households DROP COLUMN per_capita_text")
    for column in ("name", "relation", "id_number"):  # nor version 4's persons' names and the matches
        old.execute(f"ALTER TABLE run_persons DROP COLUMN {column}")
    old.execute("DROP TABLE run_person_matches")
    old.execute("DROP TABLE run_clues")  # nor version 5's clues (reconcile)
    old.execute("UPDATE auditor_meta SET value = '2' WHERE key = 'schema_version'")
    old.close()

    store = Store(store_target)
    version = store.execute("SELECT value FROM auditor_meta WHERE key = 'schema_version'").fetchone()[0]
    assert int(version) == SCHEMA_VERSION == 5
    assert store.child("run_clues", store.runs()[0].run_id).num_rows == 0
    kept = store.child("run_households", store.runs()[0].run_id).to_pylist()
    assert [(r["household"], r["per_capita"], r["per_capita_text"]) for r in kept] == [("a", Decimal("10000"), None)]
    store.close()

    path = write_export(tmp_path / "涞源县_2024-06", household(hid="a", members=[h], 人均纯收入="16000"))
    result = run_audit([str(path)], Config(), "2024-06", history=store_target)
    found = Audit(result)
    record_history(result)
    result.close()
    assert found.households("G15") == {"a"}
    assert found.of("G15")[0]["说明"].startswith("人均纯收入 16000 元，12 个月前的导出为 10000.000000 元")
    again = Store(store_target)
    texts = {r.period: again.child("run_households", r.run_id).column("per_capita_text").to_pylist()
             for r in again.runs()}
    assert texts == {"2023-06": [None], "2024-06": ["16000"]}
