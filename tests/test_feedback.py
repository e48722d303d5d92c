"""The province's feedback list: each item matched to its person or household, its problem mapped to
rules ([feedback.map], else the catalogue's ref codes and messages), its status; coverage."""

from __future__ import annotations

from pathlib import Path

from conftest import write_export
from exportfiles import write_xlsx
from factory import household, person
from listfiles import reconcile

from auditor.config import load_config

HEADER = ["序号", "问题编码", "问题描述", "必改/非必改", "乡镇", "村", "户编号", "证件号码", "姓名"]


def _run(tmp_path, rows, items, toml: str = "", numeric_households=()):
    export = write_export(tmp_path / "export", rows)
    grid = [["省级反馈问题清单"], HEADER] + [[i + 1, *item] for i, item in enumerate(items)]
    for r in numeric_households:  # 户编号 typed into Excel as a number
        grid[2 + r][6] = float(grid[2 + r][6])
    path = write_xlsx(tmp_path / "反馈.xlsx", {"Sheet1": grid})
    cfg = None
    if toml:
        (tmp_path / "auditor.toml").write_text(toml, encoding="utf-8")
        cfg = load_config(Path(tmp_path / "auditor.toml"))
    result = reconcile([export], [], config=cfg, feedback=str(path))
    items = result.prep.con.execute("SELECT 来源行号, 整改状态, 对应规则, 说明 FROM feedback_items ORDER BY 来源行号").fetchall()
    return result, {line: (status, rules, note) for line, status, rules, note in items}


def test_each_status(tmp_path):
    head = person(name="户主")
    son = person(name="儿子", rel="之子", sex="男", birth="20050101", 性别="女")  # 之子 but 女: B05
    fine = person(name="没问题")
    rows = household(hid="H1", members=[head, son]) + household(hid="H2", members=[fine])
    code, name = "2_01_004", "脱贫人口与户主关系与性别指标值逻辑错误"
    items = [
        [code, name, "必改", "涞源镇", "东关村", "H1", son["证件号码"], "儿子"],       # B05 flags 儿子 now
        [code, name, "必改", "涞源镇", "东关村", "H2", fine["证件号码"], "没问题"],     # fixed
        ["9_99_001", "新的问题类型", "非必改", "涞源镇", "东关村", "H2", "", ""],        # no rule
        [code, name, "必改", "涞源镇", "东关村", "H9", "", ""],                          # household gone
        ["2-01-004", f"{name}（请核实）", "必改", "涞源镇", "东关村", "H1", "", "儿子"],  # code spelt 2-01-004; by 户编号+姓名
    ]
    result, got = _run(tmp_path, rows, items)
    assert [got[line][0] for line in range(3, 8)] == ["仍存在", "已整改", "待人工核对", "对象已不在册", "仍存在"]
    assert got[3][1] == "B05"
    fb = result.summary_json["reconcile"]["feedback"]
    assert fb["coverage"] == {"covered_items": 4, "share": 0.8}
    assert fb["never_found"] == [{"code": "9_99_001", "type": "新的问题类型", "items": 1}]
    town = fb["by_township"][0]
    assert (town["township"], town["items"], town["fix_rate"]) == ("涞源镇", 5, round(1 / 3, 4))


def test_the_config_maps_a_province_code(tmp_path):
    rows = household(hid="H1", members=[person(name="甲", 政治面貌="")])  # C07: 政治面貌 blank
    toml = '[feedback.map]\n"9_01_001" = "C07"\n'
    _, got = _run(tmp_path, rows, [["9_01_001", "政治面貌为空", "非必改", "涞源镇", "东关村", "H1", "", "甲"]], toml)
    assert got[3][:2] == ("仍存在", "C07")


def test_an_id_or_household_number_excel_mangled_is_for_a_person_to_check(tmp_path):
    rows = household(hid="13063010100100001", members=[person(name="甲")])
    items = [["2_01_004", "关系与性别", "必改", "涞源镇", "东关村", "13063010100100001", "", ""],
             ["2_01_004", "关系与性别", "必改", "涞源镇", "东关村", "", "1.30630E+17", ""]]
    _, got = _run(tmp_path, rows, items, numeric_households=[0])
    assert got[3][0] == "待人工核对" and "户编号以数值存储" in got[3][2]
    assert got[4][0] == "待人工核对" and "无法使用" in got[4][2]
