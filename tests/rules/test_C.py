"""Group C: member attributes (completeness and code lists)."""

from factory import household, person


def test_C01_blank_ethnicity(audit):
    bad = household(hid="H1", members=[person(name="张三", 民族="")])
    ok = household(hid="H2", members=[person(name="李四", 民族="汉")])  # variant 汉 → 汉族
    found = audit(bad + ok)
    assert found.names("C01") == {"张三"}
