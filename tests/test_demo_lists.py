"""The demo's department lists and feedback list: every planted 账账不符, clue and feedback status is
found exactly, no more, no less, together with the export's own planted problems."""

from __future__ import annotations

from collections import Counter

from auditor import demo
from auditor.api import Audit, AuditOptions
from auditor.catalogue import rules_by_id
from auditor.demo.lists import plant_lists


def test_demo_lists_findings_clues_and_feedback_are_exactly_the_planted(tmp_path):
    data = demo.generate(households=600, seed=7)
    path = demo.write_export(data, tmp_path / demo.export_name(data.period))
    lists = plant_lists(data, tmp_path / "部门清单", seed=7)
    result = Audit(AuditOptions((str(path),), period=None, lists=tuple(lists.specs), feedback=str(lists.feedback))).run()
    rules = rules_by_id()
    con = result.prep.con
    found = Counter((r, h, n if rules[r].level == "人" else "") for r, h, n in
                    con.execute("SELECT 规则编号, 户编号, 姓名 FROM findings").fetchall())
    planted = Counter((p.rule_id, p.hid, p.name) for p in [*data.planted, *lists.planted])
    assert found == planted
    assert {p.rule_id for p in lists.planted} >= {"L01", "L02", "L03", "L05", "L06", "L08", "L09", "L10"}
    clues = Counter(con.execute("SELECT 清单, 姓名 FROM clues").fetchall())
    assert clues == Counter((c.kind, c.name) for c in lists.clues)
    status = dict(con.execute("SELECT 来源行号, 整改状态 FROM feedback_items").fetchall())
    assert status == lists.feedback_status
    assert set(status.values()) == {"仍存在", "已整改", "待人工核对", "对象已不在册"}
    kinds = {i.kind for i in result.prep.issues}
    assert "清单证件号码无法使用" in kinds  # the ID Excel mangled
    result.close()
