"""附表.xlsx read back and checked cell by cell against an independent recomputation in Python from
the hand-built export rows (and findings.parquet for the figures that depend on findings).

The export: households of every kind in three named townships and one without 乡, period 2024-06.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from factory import household, person, pupil, spouse

from auditor import codes
from auditor.config import Config
from auditor.fields import DEV_MEASURES, MEASURES, RISKS
from auditor.report.mask import mask_name
from auditor.run.outputs import MARKER
from auditor.tables import SHEETS, stat_sheet, write_tables
from auditor.tables.compute import MEASURE_GROUPS, ROLLBACK_RULES, town_label, township_order
from auditor.tables.model import Column, StatTable

PERIOD_MONTH = "202406"
CATEGORIES = ("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")
ABLE = {"普通劳动力", "技能劳动力", "弱劳动力或半劳动力"}
UNABLE = [person(劳动技能="无劳动力", 务工所在地="", **{"务工时间（月）": ""}),
          spouse(劳动技能="丧失劳动力")]


def export_rows() -> list[dict]:
    """Every kind of household the tables tell apart; the comments say what each one is for."""
    return (
        # 涞源镇
        household("脱贫户", hid="A1", village="东关村")  # clean, not monitored
        + household("脱贫户", hid="A2", village="东关村", 是否危房户="是")  # housing problem (F02)
        + household("监测户", hid="A3", village="西关村", 识别监测时间=PERIOD_MONTH,
                    **{"致贫/返贫风险2": "因学"})  # new, 脱贫不稳定户, 因病 + 因学
        + household("监测户", hid="A4", village="西关村", 识别监测时间="202406.0", 户类型="一般农户",
                    监测对象类别="边缘易致贫户", 因自然灾害子项="洪涝灾害",
                    **{"致贫/返贫风险1": "因自然灾害,因婚", "致贫/返贫风险2": ""})  # new; an item off the list
        + household("已消除", hid="A5", village="东关村", 是否危房户="是", 是否解决安全饮用水="否")  # roll back: I09, I10
        + household("已消除", hid="A6", village="西关村",
                    members=[person(name="欧阳修"), spouse(是否参加城乡居民基本医疗保险="否")])  # roll back: I11
        # 银坊镇
        + household("监测户", hid="B1", town="银坊镇", village="南村", 就业帮扶="", 综合保障="低保")  # 一兜了之
        + household("已消除", hid="B2", town="银坊镇", village="南村", members=UNABLE)  # roll back: I02
        + household("已消除", hid="B3", town="银坊镇", village="北村", 风险消除方式="自然消除")
        + household("监测户", hid="B4", town="银坊镇", village="北村", 监测对象类别="突发严重困难户",
                    识别监测时间=PERIOD_MONTH, 是否义务教育阶段适龄儿童少年失学辍学="是")  # new; education problem
        + household("脱贫户", hid="B5", town="银坊镇", village="北村", 是否解决安全饮用水="否")  # water problem
        # 王安镇
        + household("已消除", hid="C1", town="王安镇", village="王安村", 人均纯收入="7000")  # roll back: I01
        + household("监测户", hid="C2", town="王安镇", village="王安村", **dict.fromkeys(MEASURES, ""))  # no measure
        + household("监测户", hid="C3", town="王安镇", village="王安村", 监测对象类别="一般监测户",
                    识别监测时间="202405", members=[person(), spouse(), pupil(), pupil(name="小妹", sex="女")])
        # no 乡
        + household("脱贫户", hid="D1", town="", village="")
        + household("监测户", hid="D2", town="", village="", **{"致贫/返贫风险1": ""})  # no risk (H01)
    )


# ---- an independent recomputation from the rows ---------------------------------------------

def households_of(rows: list[dict]) -> dict[str, dict]:
    """户编号 → {fields of the head row, 'rows': the member rows} (the factory repeats household fields)."""
    out: dict[str, dict] = {}
    for r in rows:
        hh = out.setdefault(r["户编号"], {**r, "rows": []})
        hh["rows"].append(r)
    return out


def risks(hh: dict) -> set[str]:
    return {item for r in hh["rows"] for f in RISKS for item in r.get(f, "").split(",") if item}


def monitored(hh: dict) -> bool:
    return bool(hh["监测对象类别"])


def removed(hh: dict) -> bool:
    return monitored(hh) and hh["风险是否已消除"] == "是"


def by_town(rows: list[dict], keep, figures) -> dict[str, dict]:
    """Per township (label as the sheet writes it): the sum of `figures(hh)` over kept households."""
    out: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for hh in households_of(rows).values():
        town = town_label(hh["乡"])
        out[town]  # every township has a row
        if keep(hh):
            for key, value in figures(hh).items():
                out[town][key] += int(value)
    return out


def category_figures(hh: dict) -> dict:
    n = len(hh["rows"])
    cat = hh["监测对象类别"] if hh["监测对象类别"] in CATEGORIES else "类别填写有误"
    out = {}
    for c in (*CATEGORIES, "类别填写有误"):
        out[f"{c}/户数"] = c == cat
        out[f"{c}/人数"] = n if c == cat else 0
    return out


def risk_figures(hh: dict, group: str) -> dict:
    items = risks(hh)
    out = {f"{group}/{r}": r in items for r in codes.RISK_TYPES}
    out[f"{group}/代码表外的风险项"] = bool(items - set(codes.RISK_TYPES))
    out[f"{group}/未填写风险类型"] = not items
    return out


RISK_GROUP = "致贫/返贫风险类型（户数，一户可有多项）"


def expected_new(rows):
    def figures(hh):
        return {"新增监测对象/户数": 1, "新增监测对象/人数": len(hh["rows"]), **category_figures(hh),
                **risk_figures(hh, RISK_GROUP)}
    return by_town(rows, lambda hh: monitored(hh) and hh["识别监测时间"].split(".")[0] == PERIOD_MONTH, figures)


def rollback_reasons(findings) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for rule, hid in zip(findings["规则编号"], findings["户编号"], strict=True):
        if rule in ROLLBACK_RULES:
            out[hid].add(rule)
    return out


def expected_rollback(rows, reasons):
    group = "回退原因（户数，一户可有多个原因）"

    def figures(hh):
        back = reasons.get(hh["户编号"], set())
        out = {"已消除风险户数": 1, "需要回退/户数": bool(back), "需要回退/人数": len(hh["rows"]) if back else 0}
        for rid, label in ROLLBACK_RULES.items():
            out[f"{group}/{rid}\n{label}"] = rid in back
        return out
    return by_town(rows, removed, figures)


def uninsured(hh):
    return any(r.get("是否参加城乡居民基本医疗保险") != "是" and r.get("是否参加城镇职工基本医疗保险") != "是"
               for r in hh["rows"])


PROBLEMS = {
    "义务教育": lambda hh: hh.get("是否义务教育阶段适龄儿童少年失学辍学") == "是",
    "基本医疗": uninsured,
    "住房安全": lambda hh: hh.get("是否危房户") == "是",
    "饮水安全": lambda hh: hh.get("是否解决安全饮用水") == "否",
}


def expected_guarantees(rows, previous: dict[str, dict] | None = None):
    group = "问题户数（当前状态，无上期数据）"

    def figures(hh):
        now = {k: f(hh) for k, f in PROBLEMS.items()}
        if previous is None:
            return {**{f"{group}/{k}": v for k, v in now.items()}, f"{group}/有任一问题": any(now.values())}
        before = previous.get(hh["户编号"])
        new = {k: v and not (before is not None and PROBLEMS[k](before)) for k, v in now.items()}
        out = {}
        for k in PROBLEMS:
            out[f"{k}/现有户数"] = now[k]
            out[f"{k}/其中本期新增"] = new[k]
        out["有任一问题/现有户数"] = any(now.values())
        out["有任一问题/其中本期新增"] = any(new.values())
        return out
    return by_town(rows, lambda hh: True, figures)


def expected_info(rows, must_fix: set[str]):
    status, way, quality = "风险消除情况", "已消除户的消除方式（户数）", "数据质量（户数）"

    def figures(hh):
        n, gone = len(hh["rows"]), removed(hh)
        return {"监测对象/户数": 1, "监测对象/人数": n, **category_figures(hh),
                f"{status}/未消除户数": not gone, f"{status}/未消除人数": 0 if gone else n,
                f"{status}/已消除户数": gone, f"{status}/已消除人数": n if gone else 0,
                f"{way}/帮扶消除": gone and hh["风险消除方式"] == "帮扶消除",
                f"{way}/自然消除": gone and hh["风险消除方式"] == "自然消除",
                f"{way}/未填或有误": gone and hh["风险消除方式"] not in ("帮扶消除", "自然消除"),
                **risk_figures(hh, RISK_GROUP),
                f"{quality}/有必改问题": hh["户编号"] in must_fix, f"{quality}/无必改问题": hh["户编号"] not in must_fix}
    return by_town(rows, monitored, figures)


def expected_measures(rows):
    able_group = "有劳动力的户（户数）"

    def has(hh, cols):
        return any(r.get(c) for r in hh["rows"] for c in cols)

    def figures(hh):
        out = {"未消除风险监测对象/户数": 1, "未消除风险监测对象/人数": len(hh["rows"])}
        for group, label, cols in MEASURE_GROUPS:
            out[f"{group}（户数）/{label}"] = has(hh, cols)
        dev = has(hh, DEV_MEASURES)
        out["开发式帮扶措施（户数）/有任一开发式措施"] = dev
        out["措施落实（户数）/有帮扶措施"] = has(hh, MEASURES)
        out["措施落实（户数）/无任何帮扶措施"] = not has(hh, MEASURES)
        able = any(r["劳动技能"] in ABLE for r in hh["rows"])
        out[f"{able_group}/户数"] = able
        out[f"{able_group}/无开发式帮扶措施"] = able and not dev
        out[f"{able_group}/其中仅有兜底措施（一兜了之）"] = able and not dev and has(hh, ("综合保障", "社会帮扶"))
        return out
    return by_town(rows, lambda hh: monitored(hh) and not removed(hh), figures)


# ---- reading the workbook back ---------------------------------------------------------------

def read_table(path: Path, sheet: str) -> tuple[dict, dict[str, dict], list[str]]:
    """(合计 row, {township: row}, township order) of a statistical sheet, cells keyed 'group/leaf'."""
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    groups, leaves = rows[3], rows[4]
    keys, group = [], ""
    for j, leaf in enumerate(leaves):
        if leaf is None:  # an ungrouped column: its name spans both header rows
            keys.append(groups[j])
            continue
        group = groups[j] if groups[j] is not None else group
        keys.append(f"{group}/{leaf}")
    assert rows[5][0] == "合计"
    total = dict(zip(keys[1:], rows[5][1:], strict=True))
    body, order = {}, []
    for r in rows[6:]:
        if r[0] is None or str(r[0]).startswith("说明"):
            break
        body[r[0]] = dict(zip(keys[1:], r[1:], strict=True))
        order.append(r[0])
    return total, body, order


def assert_table(path: Path, sheet: str, expected: dict[str, dict]) -> dict[str, dict]:
    total, body, _ = read_table(path, sheet)
    assert set(body) == set(expected)
    for town, values in body.items():
        want = {k: int(expected[town].get(k, 0)) for k in values}
        assert values == want, (sheet, town)
    for key, value in total.items():  # 合计 = the sum of its column
        column = [row[key] for row in body.values()]
        if value == "—":
            assert set(column) == {"—"}, key
        else:
            assert value == sum(column), key
    return body


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One audit of the export, written with the tables (audit --tables path): (result, out folder, rows)."""
    tmp = tmp_path_factory.mktemp("tables")
    rows = export_rows()
    path = write_export(tmp / "export", rows)
    cfg = Config()
    result = run_audit([str(path)], cfg, "2024-06")
    write_outputs(result, tmp / "out", tables=True)
    return result, tmp / "out", rows


def test_the_export_has_the_findings_the_tables_rely_on(run):
    _, out, _ = run
    findings = pq.read_table(out / "findings.parquet").to_pydict()
    assert rollback_reasons(findings) == {"A5": {"I09", "I10"}, "A6": {"I11"}, "B2": {"I02"}, "C1": {"I01"}}
    assert "J02" in {r for r, h in zip(findings["规则编号"], findings["户编号"], strict=True) if h == "B1"}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MARKER, "findings.csv", "findings.parquet", "summary.json", "通报.html", "自查", "附表.xlsx", "入户核实表"])


def test_sheets_and_layout(run):
    _, out, _ = run
    wb = openpyxl.load_workbook(out / "附表.xlsx")
    assert wb.sheetnames == ["附表2 新增监测对象", "附表3-1 需要回退监测对象统计", "附表3-2 需要回退监测对象明细",
                             "附表4 三保障和饮水安全问题", "附表5 监测对象信息情况", "附表9 未消除风险户帮扶措施", "风险隐患",
                             "说明"]
    ws = wb["附表2 新增监测对象"]
    assert ws["A1"].value == "附表2"
    assert ws["A2"].value == "涞源县新增监测对象统计表"
    assert ws["A3"].value == "填报单位（盖章）：涞源县"
    assert any(c.value == "统计周期：2024年6月（数据截至2024年6月30日）" for c in ws[3])
    assert "A4:A5" in {str(m) for m in ws.merged_cells.ranges}  # 乡镇 spans the two header rows
    assert "B4:C4" in {str(m) for m in ws.merged_cells.ranges}  # 新增监测对象 over 户数, 人数
    assert ws["B6"].value.startswith("=SUM(B7:B")  # 合计 is a formula
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # fit to one page wide (1 is the default, left out)
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$4:$5"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("填表人：") for t in texts)
    assert any("识别监测时间所在月份为统计周期月份（2024年6月）" in t for t in texts)


def test_township_order():
    assert township_order([], ["王安镇", "", "银坊镇", "南马庄乡", "城关街道", "涞源镇"]) == \
        ["城关街道", "涞源镇", "王安镇", "银坊镇", "南马庄乡", ""]
    assert township_order(["银坊镇", "乌龙沟乡", "涞源镇"], ["涞源镇", "王安镇", "银坊镇"]) == \
        ["银坊镇", "乌龙沟乡", "涞源镇", "王安镇"]


def test_every_table_lists_the_townships_in_the_same_stable_order(run):
    _, out, _ = run
    for sheet in ("附表2 新增监测对象", "附表3-1 需要回退监测对象统计", "附表4 三保障和饮水安全问题",
                  "附表5 监测对象信息情况", "附表9 未消除风险户帮扶措施"):
        assert read_table(out / "附表.xlsx", sheet)[2] == ["涞源镇", "王安镇", "银坊镇", "（未填乡镇）"]


def test_new_monitored(run):
    _, out, rows = run
    body = assert_table(out / "附表.xlsx", "附表2 新增监测对象", expected_new(rows))
    assert body["涞源镇"]["新增监测对象/户数"] == 2 and body["银坊镇"]["突发严重困难户/户数"] == 1
    assert body["涞源镇"][f"{RISK_GROUP}/代码表外的风险项"] == 1  # 因婚
    assert body["王安镇"]["新增监测对象/户数"] == 0  # C3 was identified in 202405


def test_rollback_counts(run):
    _, out, rows = run
    reasons = rollback_reasons(pq.read_table(out / "findings.parquet").to_pydict())
    body = assert_table(out / "附表.xlsx", "附表3-1 需要回退监测对象统计", expected_rollback(rows, reasons))
    assert body["涞源镇"]["需要回退/户数"] == 2 and body["涞源镇"]["需要回退/人数"] == 5


def test_rollback_detail_masked_with_rule_ids(run):
    _, out, rows = run
    ws = openpyxl.load_workbook(out / "附表.xlsx", data_only=True)["附表3-2 需要回退监测对象明细"]
    table = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert table[0] == ["序号", "乡镇", "行政村", "户编号", "户主姓名", "人数", "监测对象类别", "风险消除方式",
                        "消除监测时间", "回退原因（规则编号 规则名称）"]
    body = []
    for r in table[2:]:
        if r[0] == "合计":
            total = r
            break
        body.append(r)
    households = households_of(rows)
    reasons = rollback_reasons(pq.read_table(out / "findings.parquet").to_pydict())
    assert [r[3] for r in body] == ["A5", "A6", "C1", "B2"]  # township order, then village, 户编号
    for i, r in enumerate(body, start=1):
        hh = households[r[3]]
        assert r[0] == i
        assert r[1:3] == [town_label(hh["乡"]), hh["村"]]
        assert r[4] == mask_name(hh["户主姓名"]) and r[4].endswith("*")
        assert r[5] == len(hh["rows"])
        assert r[6:9] == [hh["监测对象类别"], hh["风险消除方式"], hh["消除监测时间"]]
        assert [x.split(" ")[0] for x in r[9].split("；")] == sorted(reasons[r[3]])
    assert body[1][4] == "欧阳*"
    assert "I09 已消除风险的监测对象住危房" in body[0][9]
    assert total[3] == 4 and total[5] == sum(r[5] for r in body)


def test_guarantees_current_state(run):
    _, out, rows = run
    assert_table(out / "附表.xlsx", "附表4 三保障和饮水安全问题", expected_guarantees(rows))
    ws = openpyxl.load_workbook(out / "附表.xlsx")["附表4 三保障和饮水安全问题"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("当前状态，不是动态新增数" in t for t in texts)


def test_monitored_info(run):
    _, out, rows = run
    findings = pq.read_table(out / "findings.parquet").to_pydict()
    must = {h for h, c in zip(findings["户编号"], findings["类别"], strict=True) if c == "必改" and h}
    body = assert_table(out / "附表.xlsx", "附表5 监测对象信息情况", expected_info(rows, must))
    assert body["王安镇"]["类别填写有误/户数"] == 1
    assert body["（未填乡镇）"][f"{RISK_GROUP}/未填写风险类型"] == 1


def test_measures(run):
    _, out, rows = run
    body = assert_table(out / "附表.xlsx", "附表9 未消除风险户帮扶措施", expected_measures(rows))
    assert body["银坊镇"]["有劳动力的户（户数）/其中仅有兜底措施（一兜了之）"] == 1
    assert body["王安镇"]["措施落实（户数）/无任何帮扶措施"] == 1


def test_notes_sheet(run):
    _, out, _ = run
    ws = openpyxl.load_workbook(out / "附表.xlsx")["说明"]
    lines = {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert lines["县"] == "涞源县"
    assert "入户核实表" in lines["入户核实表"] and "不随本表上报" in lines["入户核实表"]
    assert lines["未执行的回退规则"] == "无"


def test_no_full_name_or_id_in_the_workbook(run):
    """附表.xlsx is submitted upward: no full name, no ID number (only the visit forms carry them)."""
    _, out, rows = run
    wb = openpyxl.load_workbook(out / "附表.xlsx")
    cells = {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    text = "\n".join(cells)
    for r in rows:
        assert r["证件号码"] not in text
        assert r["姓名"] not in cells and f"{r['姓名']}（" not in text


def test_missing_columns_are_dashes_not_zeros(tmp_path):
    rows = [{k: v for k, v in r.items() if k not in ("是否危房户", "搬迁", "住房安全保障", *RISKS)}
            for r in export_rows()]
    path = write_export(tmp_path / "export", rows)
    result = run_audit([str(path)], Config(), "2024-06")
    write_tables(result, tmp_path)
    book = tmp_path / "附表.xlsx"
    total, body, _ = read_table(book, "附表4 三保障和饮水安全问题")
    group = "问题户数（当前状态，无上期数据）"
    assert total[f"{group}/住房安全"] == "—" and body["涞源镇"][f"{group}/住房安全"] == "—"
    assert body["涞源镇"][f"{group}/饮水安全"] == 1
    _, body, _ = read_table(book, "附表2 新增监测对象")
    assert body["涞源镇"][f"{RISK_GROUP}/因病"] == "—" and body["涞源镇"]["新增监测对象/户数"] == 2
    _, body, _ = read_table(book, "附表9 未消除风险户帮扶措施")
    assert body["银坊镇"]["其他帮扶措施（户数）/住房（含搬迁）"] == "—"


def test_rules_not_run_leave_dashes_and_a_note(tmp_path):
    cfg = Config(disabled=frozenset({"I09"}))
    path = write_export(tmp_path / "export", export_rows())
    result = run_audit([str(path)], cfg, "2024-06")
    write_tables(result, tmp_path)
    total, body, _ = read_table(tmp_path / "附表.xlsx", "附表3-1 需要回退监测对象统计")
    key = "回退原因（户数，一户可有多个原因）/I09\n住房不安全（危房）"
    assert total[key] == "—" and body["涞源镇"][key] == "—"
    assert body["涞源镇"]["需要回退/户数"] == 2  # A5 still has I10
    ws = openpyxl.load_workbook(tmp_path / "附表.xlsx")["说明"]
    lines = {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert lines["未执行的回退规则"] == "I09（配置停用）"


def test_configured_townships_come_first_even_without_rows(tmp_path):
    cfg = Config(townships=["银坊镇", "乌龙沟乡", "涞源镇"])
    path = write_export(tmp_path / "export", export_rows())
    result = run_audit([str(path)], cfg, "2024-06")
    write_tables(result, tmp_path)
    _, body, order = read_table(tmp_path / "附表.xlsx", "附表5 监测对象信息情况")
    assert order == ["银坊镇", "乌龙沟乡", "涞源镇", "王安镇", "（未填乡镇）"]
    assert set(body["乌龙沟乡"].values()) == {0}


def test_one_more_sheet_can_be_added(tmp_path, monkeypatch):
    """The 风险隐患 engineer's hook: one more writer in SHEETS becomes one more sheet, before 说明."""

    def extra(ctx):
        rows = [[town_label(t), 1] for t in ctx.towns]
        return StatTable("附表X 测试", "附表X", ctx.title("测试统计表"), [Column("乡镇", total=""), Column("户数")], rows)

    monkeypatch.setattr("auditor.tables.SHEETS", [*SHEETS, stat_sheet(extra)])
    path = write_export(tmp_path / "export", export_rows())
    write_tables(run_audit([str(path)], Config(), "2024-06"), tmp_path)
    wb = openpyxl.load_workbook(tmp_path / "附表.xlsx", data_only=True)
    assert wb.sheetnames[-2:] == ["附表X 测试", "说明"]
    total, body, _ = read_table(tmp_path / "附表.xlsx", "附表X 测试")
    assert body["涞源镇"] == {"户数": 1} and total == {"户数": 4} and wb["附表X 测试"]["A2"].value == "涞源县测试统计表"
