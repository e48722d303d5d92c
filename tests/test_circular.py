"""通报.html: content, masking, escaping, self-containment, optional history sections."""

import copy
import re

import pytest
from auditing import run_audit, write_outputs
from conftest import write_export
from factory import household, person, spouse

from auditor.config import Config
from auditor.report.circular import circular_context, marks, render_circular
from auditor.report.mask import mask_id, mask_name, mask_phone, mask_text

NAMES = ["欧阳修远", "张三丰", "司马相如", "李小龙", "王大锤"]
EVIL_TOWN = "<script>alert(1)</script>"
EVIL_VILLAGE = '"><img src=x onerror=alert(2)>'


def export_rows() -> list[dict]:
    return (household(hid="A1", town="涞源镇", village="东关村",
                      members=[person(name=NAMES[0], 民族=""), spouse(name=NAMES[1], 成员联系电话="13987654321")])
            + household(hid="A2", town="涞源镇", village="西关村", members=[person(name=NAMES[2])], 家庭人口数="3",
                        工资性收入="30000", 家庭纯收入="36000")  # B08 only: incomes agree with the declared size
            + household(hid="B1", town="王安镇", village="王安村", members=[person(name=NAMES[3], 劳动技能="会干活")])
            + household(hid="C1", town=EVIL_TOWN, village=EVIL_VILLAGE, members=[person(name=NAMES[4], 民族="")])
            + household(hid="D1", town="银坊镇", village="银坊村", members=[person(name="赵钱孙")]))


@pytest.fixture
def run(tmp_path):
    def go(rows=None, cfg=None, period="2024-06"):
        path = write_export(tmp_path / "export", rows or export_rows())
        cfg = cfg or Config()
        result = run_audit([str(path)], cfg, period)
        out = tmp_path / "out"
        write_outputs(result, out)
        return result, (out / "通报.html").read_text(encoding="utf-8")

    return go


def test_written_with_everything_circular_md_lists(run):
    result, html = run()
    assert "涞源县防返贫监测信息系统" in html and "数据质量通报" in html and "（2024年6月）" in html
    assert "2024年6月30日" in html  # 数据截至
    assert "export.xlsx" in html and result.summary_json["ruleset_version"] in html
    for heading in ("总体情况", "乡镇排名", "问题类型分布", "各乡镇明细", "整改要求", "附注"):
        assert heading in html
    assert "2024年7月31日" in html  # default deadline: the next period's data date
    assert "得分 = 100 ×（0.8 ×（1 − HM ÷ H）+ 0.2 ×（1 − HN ÷ H））" in html
    for rule in ("C01", "C03", "B08"):
        assert rule in html
    for history_word in ("上期问题数", "整改率", "排名变化", "问题数变化趋势"):
        assert history_word not in html
    assert html.count('class="chart bars"') == 1


def test_county_name_and_deadline_from_config(run, tmp_path):
    cfg = Config(county="易县", deadline="2024-07-10")
    _, html = run(cfg=cfg)
    assert "易县防返贫监测信息系统" in html and "涞源县防返贫" not in html
    assert "2024年7月10日" in html


def test_no_full_id_name_or_phone_anywhere(run):
    result, html = run()
    con = result.prep.con
    ids = [r[0] for r in con.execute("SELECT 证件号码 FROM raw WHERE 证件号码 IS NOT NULL").fetchall()]
    phones = [r[0] for r in con.execute("SELECT 户联系电话 FROM raw UNION SELECT 成员联系电话 FROM raw").fetchall() if r[0]]
    assert ids and phones
    for value in ids + phones + NAMES + ["赵钱孙"]:
        assert value not in html, value
    assert not re.search(r"\d{17}[\dXx]", html)
    assert not re.search(r"1[3-9]\d{9}", html)
    # the examples are there, masked
    assert "欧阳*" in html and "王*" in html
    assert re.search(r"130630\*{8}[\dX]{4}", html)


def test_escaping(run):
    _, html = run()
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img" in html  # (normalisation drops the blanks inside the village name)


def test_self_contained(run):
    _, html = run()
    lowered = html.lower()
    for needle in ("http:", "https:", "//cdn", "<link", "<script", "@import", "url(", "src=\""):
        assert needle not in lowered, needle
    assert "<style>" in html and "@media print" in html and "@page" in html
    assert 'name="viewport"' in html


def test_masking_functions():
    assert mask_id("13063019800101123X") == "130630********123X"
    assert mask_id("130630800101123") == "130630*****1123"
    assert mask_name("张三丰") == "张*" and mask_name("欧阳修") == "欧阳*" and mask_name("欧阳") == "欧*"
    assert mask_name("司马相如") == "司马*" and mask_name("王") == "*" and mask_name("") == ""
    assert mask_phone("13812345678") == "*******5678"
    text = mask_text("与 张三丰（13063019800101123X，电话 13812345678，账号 6222020200112233445）重复", ["张三丰"])
    assert text == "与 张*（130630********123X，电话 *******5678，账号 622202*********3445）重复"


def test_top_and_bottom_marks():
    def towns(n):
        return [{"name": f"镇{i}", "rank": i} for i in range(1, n + 1)]

    assert marks(towns(8)) == {"镇1": "top", "镇2": "top", "镇3": "top", "镇6": "bottom", "镇7": "bottom",
                               "镇8": "bottom"}
    assert marks(towns(4)) == {"镇1": "top", "镇2": "top", "镇3": "bottom", "镇4": "bottom"}
    assert marks(towns(1)) == {}
    assert marks([*towns(2), {"name": "空镇", "rank": None}]) == {"镇1": "top", "镇2": "bottom"}


def test_ranking_table_marks_and_unranked_township(run):
    cfg = Config(townships=["涞源镇", "王安镇", "银坊镇", "空镇"])
    result, html = run(cfg=cfg)
    table = html[html.index('class="rank-table"'):]
    table = table[:table.index("</table>")]
    names = re.findall(r'<td class="name"><span class="nm">([^<]+)', table)
    assert names == [t["name"].replace("<", "&lt;").replace(">", "&gt;") for t in result.summary_json["townships"]]
    assert names[-1] == "空镇"
    assert table.count("前三名") == 2 and table.count("后三名") == 2  # 4 ranked: two of each
    assert "无户数据的乡镇列出但不参加排名" in html


def with_history(summary: dict) -> dict:
    summary = copy.deepcopy(summary)
    for i, t in enumerate(summary["townships"]):
        t.update({"previous": 10 + i, "fixed": 7, "new": 2, "persisting": 2 + i, "gone": 1, "fix_rate": 7 / (10 + i),
                  "rank_change": [1, -2, 0, None][i % 4]})
    summary["trend"] = [{"period": p, "township": t["name"], "findings": n + i, "must_fix": n}
                        for p, n in (("2024-04", 9), ("2024-05", 6)) for i, t in enumerate(summary["townships"])]
    return summary


def test_history_sections_appear_with_history_data(run):
    result, _ = run()
    summary = with_history(result.summary_json)
    html = render_circular(circular_context(summary, result.prep.con)).replace("<br>", "")
    for word in ("上期问题数", "已整改数", "整改率", "新增问题数", "排名变化", "问题数变化趋势", "新增问题", "未整改"):
        assert word in html, word
    assert "↑1" in html and "↓2" in html and "持平" in html
    assert html.count('class="chart trend"') == len(summary["townships"]) + 1  # + 全县合计
    assert "70.0%" in html  # 7 / 10 for the first township
    previous = sum(t["previous"] for t in summary["townships"])
    assert f"上期问题{previous}条中已整改{7 * len(summary['townships'])}条" in html
    panel = html[html.index('class="chart trend"'):]
    panel = panel[:panel.index("</svg>")]
    assert re.findall(r">(\d+年\d+月|\d+月)<", panel) == ["24年4月", "5月", "6月"]  # every month labelled
    assert "<script" not in html.lower()


def test_trend_also_accepted_per_township(run):
    result, _ = run()
    summary = copy.deepcopy(result.summary_json)
    summary["townships"][0].update({"previous": 3, "fixed": 1, "new": 0, "persisting": 2, "fix_rate": 1 / 3,
                                    "rank_change": None,
                                    "trend": [{"period": "2024-05", "findings": 3, "must_fix": 2}]})
    html = render_circular(circular_context(summary, result.prep.con))
    assert html.count('class="chart trend"') == 2  # 全县合计 and the one township
    assert "33.3%" in html


def test_clean_export_renders(run):
    rows = household(hid="Z1", members=[person(name="周某某")])
    _, html = run(rows=rows)
    assert "本期未发现数据质量问题" in html
    assert "周某某" not in html


def test_deadline_from_auditor_toml(tmp_path):
    from auditor.config import load_config
    from auditor.errors import InputError

    toml = tmp_path / "auditor.toml"
    toml.write_text('[county]\nname = "易县"\n[report]\ndeadline = "2024-07-10"\n', encoding="utf-8")
    cfg = load_config(toml)
    assert (cfg.county, cfg.deadline) == ("易县", "2024-07-10")
    toml.write_text('[report]\ndeadline = "下月10日"\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_config(toml)


def test_names_and_numbers_inside_a_finding_note_are_masked(run):
    result, _ = run()
    con = result.prep.con
    other_id = con.execute(f"SELECT 证件号码 FROM raw WHERE 姓名 = '{NAMES[2]}'").fetchall()[0][0]
    con.execute(f"UPDATE findings SET 说明 = '与{NAMES[2]}（{other_id}，电话13987654321）重复' WHERE 规则编号 = 'C01'")
    html = render_circular(circular_context(result.summary_json, con))
    assert NAMES[2] not in html and other_id not in html and "13987654321" not in html
    assert "与司马*（130630********" in html and "*******4321" in html


def test_the_fix_figures_add_up_on_the_page(run):
    result, _ = run()
    summary = with_history(result.summary_json)
    summary["history"] = {"rollup_households": 3}
    html = render_circular(circular_context(summary, result.prep.con)).replace("<br>", "")
    towns = summary["townships"]
    prev, fixed = sum(t["previous"] for t in towns), 7 * len(towns)
    persisting, gone = sum(t["persisting"] for t in towns), len(towns)
    assert prev == fixed + persisting + gone
    assert f"上期问题{prev}条中已整改{fixed}条、未整改{persisting}条、对象已不在册{gone}条" in html
    assert "对象已不在册" in html and "对象已不在册数" in html  # the figure, the table column, the note
    assert "上期问题仍未整改的涉及3户，已在各乡镇自查表中按户列出，不重复计入问题数" in html


def test_an_official_document_with_issuer_date_and_number(run, tmp_path):
    from auditor.config import load_config
    from auditor.errors import InputError

    _, html = run()
    signature = html[html.index('class="signature"'):]
    assert "涞源县乡村振兴局" in signature[:200] and re.search(r"\d{4}年\d{1,2}月\d{1,2}日", signature[:300])
    assert 'class="doc-number"' not in html
    toml = tmp_path / "auditor.toml"
    toml.write_text('[county]\nname = "易县"\nissuer = "易县农业农村局"\ndoc_number = "易农〔2024〕12号"\n',
                    encoding="utf-8")
    _, html = run(cfg=load_config(toml))
    assert "易县农业农村局" in html[html.index('class="signature"'):] and "易县乡村振兴局" not in html
    masthead = html[:html.index('class="red-rule"')]
    assert '<p class="doc-number">易农〔2024〕12号</p>' in masthead
    toml.write_text('[county]\nissuer_name = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="issuer_name"):
        load_config(toml)


def test_the_score_axis_shows_the_differences():
    from auditor.report.charts import Bar, axis_start, score_bars

    assert (axis_start([92.4, 96.8]), axis_start([99.5]), axis_start([81.0]), axis_start([40.0]), axis_start([])) == (
        90, 95, 80, 0, 0)
    svg = str(score_bars([Bar("甲镇", 96.8, "top"), Bar("乙镇", 92.4, "bottom")]))
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] > 2 * widths[1]  # 6.8 and 2.4 points above 90, not 96.8 and 92.4 of 100
    assert "横轴从 90 分起，不从 0 开始" in svg and ">90<" in svg and ">100<" in svg
    low = str(score_bars([Bar("甲镇", 96.8), Bar("乙镇", 30.0)]))
    assert "不从 0 开始" not in low and ">0<" in low
