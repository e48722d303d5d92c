"""Hypothesis strategy: small exports of tests/factory.py households with random mutations.

Clean households trigger no rule; the mutations push them over the rules' edges: blanks, junk,
values of the wrong field, boundary ages around every age parameter, incomes around the poverty
line and the wage limits, months around the period, repeated and broken ID numbers, and a
household field changed on one member only or on all of them. Used by the engine differential test,
where what matters is that every engine finds exactly the same rows, not which rows they are.
"""

from __future__ import annotations

import datetime as dt

from factory import household, make_id, person, pupil, spouse
from hypothesis import strategies as st

REF = dt.date(2024, 6, 30)  # ref_date of the test period 2024-06
SCHOOL_REF = dt.date(2023, 9, 1)


def _birth(ref: dt.date, years: int, days: int) -> str:
    day = ref.replace(year=ref.year - years) + dt.timedelta(days=days)
    return day.strftime("%Y%m%d")


BIRTHS = [_birth(ref, y, d) for ref in (REF, SCHOOL_REF) for y in (6, 11, 14, 15, 16, 17, 18, 20, 22, 60, 70)
          for d in (-1, 0, 1)] + ["", "19800231", "1980-01-01", "198001", "20250101", "18991231"]
MONEY = ["", "0", "-5", "1", "499", "500", "501", "7299", "7300", "7301", "7300.5", "14600", "19999", "20000",
         "20001", "99999999999", "1e3", "１２００", "约5000", "abc"]
MONTHS = ["", "202310", "202312", "202401", "202404", "202405", "202406", "202407", "202501", "2023-10", "202313",
          "0", "10", "12", "13", "-1", "6.0"]
CODES = ["", "是", "否", "1", "0", "户主", "配偶", "之子", "之女", "之父", "之孙子", "其他", "男", "女", "汉族", "汉",
         "健康", "残疾", "长期慢性病", "患大病", "普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力",
         "无劳动力", "脱贫户", "一般农户", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "因病", "因学", "因灾",
         "帮扶消除", "自然消除", "小学", "初中", "高中", "大专", "文盲或半文盲", "学前教育", "七年级", "八年级",
         "高职高专", "县外省内务工", "省外务工", "乡镇内务工", "享受低保", "不享受", "特困供养", "已实施", "未实施",
         "义务教育有保障", "住房安全有保障", "就业服务", "医疗救助", "群众", "中共党员", "身份证", "残疾人证",
         "视力残疾", "肢体残疾", "?", "不详", "-"]
JUNK = ["", " ", "abc", "不详", "0", "——", "NULL", "1"]
FIELD_VALUES = {"出生日期": BIRTHS, "识别监测时间": MONTHS, "消除监测时间": MONTHS, "务工时间（月）": MONTHS,
                "公益性岗位(月数)": MONTHS, "家庭人口数": ["", "0", "1", "2", "3", "4", "5", "3.0", "十"]}
MONEY_FIELDS = ("收入", "支出", "工资", "理赔")


def _values(field: str) -> st.SearchStrategy[str]:
    if field in FIELD_VALUES:
        return st.sampled_from(FIELD_VALUES[field])
    if any(word in field for word in MONEY_FIELDS):
        return st.sampled_from(MONEY)
    return st.one_of(st.sampled_from(CODES), st.sampled_from(JUNK), st.sampled_from(MONEY), st.sampled_from(MONTHS))


@st.composite
def households(draw, index: int) -> list[dict]:
    """One household (its member rows) with 1–4 mutations."""
    kind = draw(st.sampled_from(["脱贫户", "一般农户", "监测户", "已消除"]))
    extra = draw(st.lists(st.sampled_from(["elder", "child", "pupil", "spouse"]), max_size=3))
    members = [person(), spouse(), pupil()][: draw(st.integers(1, 3))]
    for kind_of in extra:
        members.append({"elder": lambda: person(rel="之父", birth="19500101", 劳动技能="无劳动力", 务工所在地="",
                                                **{"务工时间（月）": ""}),
                        "child": lambda: person(rel="之女", sex="女", birth="20200101", 文化程度="学前教育",
                                                劳动技能="无劳动力", 务工所在地="", **{"务工时间（月）": ""}),
                        "pupil": pupil, "spouse": spouse}[kind_of]())
    town, village = draw(st.sampled_from([("涞源镇", "东关村"), ("涞源镇", "西关村"), ("银坊镇", "银坊村")]))
    rows = household(kind, hid=f"1306301{index:09d}", members=members, town=town, village=village)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["set", "set", "set", "all", "copy_id", "bad_id", "drop_row"]))
        i = draw(st.integers(0, len(rows) - 1))
        if how == "copy_id" and len(rows) > 1:
            rows[i]["证件号码"] = rows[(i + 1) % len(rows)]["证件号码"]
        elif how == "bad_id":
            good = rows[i]["证件号码"] or make_id()
            rows[i]["证件号码"] = draw(st.sampled_from([good[:17], good[:17] + ("1" if good[-1] != "1" else "2"),
                                                      good.lower() + "0", make_id("20300101"), ""]))
        elif how == "drop_row" and len(rows) > 1:
            rows.pop(i)
        else:
            field = draw(st.sampled_from(sorted(rows[i])))
            value = draw(_values(field))
            for row in rows if how == "all" else [rows[i]]:
                row[field] = value
    return rows


@st.composite
def exports(draw, min_households: int = 1, max_households: int = 8) -> list[dict]:
    """The rows of one small export: a few mutated households, sometimes one repeated under another 户编号."""
    n = draw(st.integers(min_households, max_households))
    rows = [r for i in range(n) for r in draw(households(i))]
    if n > 1 and draw(st.booleans()):
        twin = draw(st.integers(0, n - 1))
        rows += [{**r, "户编号": "1306309999999"} for r in rows if r["户编号"] == f"1306301{twin:09d}"]
    return rows
