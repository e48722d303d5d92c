"""Group K: cross-period and timeliness (K03; K01 and K02 need the previous export and are not here)."""

from factory import drop, household


def _years(*values: str) -> list[dict]:
    rows = []
    for i, year in enumerate(values):
        rows += household("脱贫户", hid=f"K03_{i}", 年度=year)
    return rows


def test_K03_year_stale_or_invalid(audit):
    # 2024-06: past the grace months, so the data year must be 2024
    values = ("2024", "2023", "2025", "", "2024.0", "24", "二〇二四", "20240", "2024年")
    found = audit(_years(*values), rules={"K03"})
    flagged = {values[int(h.split("_")[1])] for h in found.households("K03")}
    assert flagged == {"2023", "2025", "", "24", "二〇二四", "20240", "2024年"}
    notes = {values[int(x["户编号"].split("_")[1])]: x["说明"] for x in found.of("K03")}
    assert notes["2023"] == "年度 2023 早于应更新到的年度 2024，数据未及时更新"
    assert notes["2025"] == "年度 2025 晚于数据期末所在年份 2024"
    assert notes[""] == "年度为空"
    assert notes["24"] == "年度 24 不是4位整数"
    assert found.of("K03")[0]["问题字段"] == "年度"


def test_K03_grace_months(audit):
    values = ("2022", "2023", "2024", "2025")
    march = audit(_years(*values), period="2024-03", rules={"K03"})  # month 3 ≤ k03_grace_months: 2023 is still current
    assert {values[int(h.split("_")[1])] for h in march.households("K03")} == {"2022", "2025"}
    april = audit(_years(*values), period="2024-04", rules={"K03"})
    assert {values[int(h.split("_")[1])] for h in april.households("K03")} == {"2022", "2023", "2025"}


def test_K03_applies_to_every_household(audit):
    rows = household("监测户", hid="m", 年度="2023") + household("一般农户", hid="g", 年度="2023")
    found = audit(rows, rules={"K03"})
    assert found.households("K03") == {"m", "g"}


def test_K03_not_run_without_the_year_column(audit):
    found = audit(drop(household("脱贫户", hid="K03"), "年度"))
    assert "K03" in found.skipped()
