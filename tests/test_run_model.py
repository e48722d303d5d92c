"""The declared run model: the workspace holds only the tables of run/tables.py, each created by its
declared module; the typed Summary serialises to summary.json's contract; the settings are frozen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from auditing import record_history, run_audit
from conftest import write_export
from factory import household, make_id, person

from auditor.config import Config
from auditor.run.tables import BY_NAME, RUN_TABLES

PACKAGE = Path(__file__).resolve().parents[1] / "auditor"
# The keys of summary.json (cli.md), in order, without and with a history store.
SUMMARY_KEYS = [
    "county", "period", "period_note", "ref_date", "generated_at", "ruleset_version", "files", "sheets", "rows",
    "persons", "inactive_rows", "households", "poverty_alleviated_households", "monitored_households",
    "unremoved_households", "findings", "must_fix", "should_check", "problem_households", "by_dimension",
    "townships", "villages", "unknown_townships", "rules", "not_run", "structure_issues", "notes", "rules_run",
    "weights", "deadline", "issuer", "doc_number", "parameters", "columns_present", "category_overrides", "config",
    "rank_basis",
]
TOWNSHIP_KEYS = ["name", "households", "persons", "must_fix", "should_check", "problem_households",
                 "must_fix_households", "should_check_households", "must_fix_per_100", "should_check_per_100",
                 "score", "rank"]
TRACKING_KEYS = ["previous", "fixed", "gone", "new", "rebound", "persisting", "fix_rate", "rank_change"]


def _workspace_tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def _month(period: str, ethnicity: str) -> list[dict]:
    return (household(hid="H1", members=[person(name="甲", 证件号码=make_id(seq=1), 民族=ethnicity)])
            + household(hid="H2", members=[person(name="乙", 证件号码=make_id(seq=2), 劳动技能="劳力")]))


@pytest.fixture(scope="module")
def two_months(tmp_path_factory):
    """A month recorded, then the next audited against it with every output and every secondary table."""
    tmp = tmp_path_factory.mktemp("run_model")
    store = str(tmp / "历史库.sqlite")
    may = run_audit([write_export(tmp / "涞源县_2024-05", _month("2024-05", ""))], Config(), "2024-05", history=store)
    record_history(may)
    extras = [write_export(tmp / "work", [{"户编号": "H1", "姓名": "甲", "证件号码": make_id(seq=1), "开始时间": "202401",
                                             "是否已务工": "是", "务工所在地": "省外务工"}], sheet="务工监测表"),
              write_export(tmp / "plan", [{"户编号": "H2", "姓名": "乙", "证件号码": make_id(seq=2), "是否计划务工": "是",
                                             "就业服务需求": "技能培训"}], sheet="计划外出务工表"),
              write_export(tmp / "villages", [{"乡": "涞源镇", "村": "东关村", "农民人均纯收入": "9000"}], sheet="行政村表")]
    medical = write_export(tmp / "医保", [{"姓名": "外人", "身份证号": make_id(seq=9), "乡镇": "涞源镇", "村": "东关村",
                                            "个人自付金额": "30000", "推送日期": "2024-06-05"}], sheet="医保")
    feedback = write_export(tmp / "反馈", [{"问题编码": "2_01_004", "问题描述": "与户主关系与性别逻辑错误", "户编号": "H1",
                                           "证件号码": make_id(seq=1), "姓名": "甲"}], sheet="反馈")
    june = run_audit([write_export(tmp / "涞源县_2024-06", _month("2024-06", "汉族")), *extras], Config(), "2024-06",
                     history=store, lists=[f"医保={medical}"], feedback=str(feedback))
    june.write(tmp / "out", tables=True)
    yield may, june
    june.close()


def test_the_workspace_holds_only_declared_tables(two_months):
    _, june = two_months
    found = _workspace_tables(june.prep.con)
    assert found - set(BY_NAME) == set(), "undeclared tables in the workspace"
    scratch = {t.name for t in RUN_TABLES if not t.kept}
    assert found & scratch == set(), "scratch tables its stage should have dropped"
    assert {"members", "households", "findings", "hits", "prev_findings", "fixed_findings", "work", "lists", "clues",
            "feedback_items"} <= found
    assert june.prep.con.execute("SELECT count(*) FROM clues").fetchone()[0] == 1


_CREATE = re.compile(r"CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(?:TABLE|VIEW) (?:IF NOT EXISTS )?([^\s(]+)")
_REGISTER = re.compile(r"""\.(?:register|create)\(\s*(f?)["']([^"']+)["']""")


def _names(pattern: str, is_f: bool) -> list[str]:
    """The declared names a source name (an f-string's `{…}` matching anything) stands for."""
    regex = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(pattern)) + "$") if is_f or "{" in pattern else None
    return [n for n in BY_NAME if (regex.match(n) if regex else n == pattern)]


def test_every_table_is_created_by_its_declared_stage():
    """CREATE / register / create statements of the package name declared tables of their module
    (statements on another database — the history store's, GX's SQLite copy, the web server's
    web.sqlite — are left out)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
        if module in ("history.store", "web.store"):
            continue  # the history store's and the web server's own databases
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if "lite." not in line)
        names = [(m.group(1), False) for m in _CREATE.finditer(text)]
        names += [(m.group(2), bool(m.group(1))) for m in _REGISTER.finditer(text)]
        for name, is_f in names:
            matches = _names(name.strip('"'), is_f)
            assert matches, f"{module} creates {name!r}, which run/tables.py does not declare"
            assert any(BY_NAME[m].stage == module for m in matches), f"{name!r} is created by {module}"


def test_summary_serialises_to_the_contract(two_months):
    may, june = two_months
    assert list(may.summary_json) == [*SUMMARY_KEYS, "history", "trend", "risk"]
    assert list(june.summary_json["townships"][0]) == TOWNSHIP_KEYS + TRACKING_KEYS
    alone = run_audit([write_export(Path(june.out_dir) / "alone", _month("2024-06", ""))], Config(), "2024-06")
    assert list(alone.summary_json) == [*SUMMARY_KEYS, "risk"]
    assert list(alone.summary_json["townships"][0]) == TOWNSHIP_KEYS
    off = run_audit([write_export(Path(june.out_dir) / "off", _month("2024-06", ""))],
                    Config(risk={**Config().risk, "circular": False}), "2024-06")
    assert list(off.summary_json) == SUMMARY_KEYS
    assert june.summary.township("涞源镇").tracking.fixed == june.summary_json["townships"][0]["fixed"] == 1


def test_settings_are_frozen():
    cfg = Config()
    with pytest.raises(TypeError):
        cfg.params["child_age"] = 17
    with pytest.raises(AttributeError):
        cfg.county = "涞源县"
    changed = cfg.with_params(child_age=17)
    assert changed.params["child_age"] == 17 and cfg.params["child_age"] == 16


def test_derived_columns_are_declared(two_months):
    """Every column of the prepared tables is a canonical field or a declared derived column, and the
    declared ones exist; expectations/README.md documents each by name."""
    from auditor.fields import MAIN_FIELDS, SECONDARY_FIELDS
    from auditor.prepare.columns import derived_columns

    _, june = two_months
    declared = derived_columns()
    canonical = {"members": {f.name for f in MAIN_FIELDS},
                 "households": {f.name for f in MAIN_FIELDS if f.level == "户"},
                 "work": {f.name for f in SECONDARY_FIELDS["务工监测表"]},
                 "plan": {f.name for f in SECONDARY_FIELDS["计划外出务工表"]},
                 "villages": {f.name for f in SECONDARY_FIELDS["行政村表"]}}
    readme = (PACKAGE.parent / "expectations" / "README.md").read_text(encoding="utf-8")
    for table, fields in canonical.items():
        columns = set(june.prep.con.sql(f"SELECT * FROM {table} LIMIT 0").columns)
        derived = columns - fields
        assert derived == {name for t, name in declared if t == table}, table
        undocumented = sorted(c for c in derived if f"`{c}`" not in readme and not c.startswith(("数_", "月_", "日_", "有_", "空行_")))
        assert not undocumented, f"expectations/README.md does not document {undocumented}"


def test_rules_show_names_every_place(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import cli

    out = CliRunner().invoke(cli, ["rules", "show", "E08"]).output
    for place in ("expectations/rules.csv 第", "expectations/households.E.json", "checks/E08.sql",
                  "本表有务工（members：auditor/prepare/members.py）", "tests/rules/test_E.py::test_E08_"):
        assert place in out, place
    assert "模板" in CliRunner().invoke(cli, ["rules", "show", "B09"]).output
