"""The clean households of the test factory trigger no rule at all (so rule tests isolate their rule)."""

from factory import household, person, pupil, spouse


def test_clean_households_have_no_findings(audit):
    rows = (household("脱贫户") + household("一般农户") + household("监测户") + household("已消除")
            + household("脱贫户", members=[person()]) + household("监测户", members=[person(), spouse()])
            + household("已消除", members=[person(), spouse(), pupil(), pupil(name="次子", birth="20120601")]))
    result = audit(rows)
    assert result.findings == []
    assert result.result.summary_json["households"] == 7
