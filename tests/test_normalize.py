"""norm (rules.md §6.1), header normalisation (fields.md §2.1), canon helpers and ym/ymd (§6.6)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from auditor.normalize import canon_fn, map_distinct, norm_array, norm_header, split_items, ym, ymd

TOKENS = ["nan", "none", "null", "#n/a"]


def norm(*values: str) -> list[str | None]:
    return norm_array(pa.array(list(values), pa.string()), TOKENS).to_pylist()


@pytest.mark.parametrize(("raw", "expected"), [
    ("乡（镇）内务工", "乡(镇)内务工"),           # NFKC: full-width brackets
    ("１３０６３０ＡＢｘ", "130630ABx"),           # full-width digits and letters
    ("张　三", "张三"),                          # U+3000 inside
    (" \t张\n三\r\n ", "张三"),                  # every whitespace, not only at the ends
    ("\u200b张\u200c\u200d三\ufeff", "张三"),     # zero-width characters
    ("1306\xa0301", "1306301"),                  # no-break space
    ('="130630198001011234"', "130630198001011234"),
    ('  ="0123"  ', "0123"),                    # trimmed before the wrapper is recognised
    ('="0 1 2"', "012"),
    ('＝＂0123＂', "0123"),                       # full-width wrapper becomes ASCII first
    ("'130630198001011234", "130630198001011234"),
    ("''0123", "'0123"),                        # only one apostrophe
    ('="\'0123"', "0123"),                      # wrapper, then apostrophe
    ("＇0123", "0123"),                          # full-width apostrophe
    ('="', '="'),                               # not a wrapper
    ('="a"b"', 'a"b'),
    ("nan1", "nan1"),
    ("null 值", "null值"),
])
def test_norm(raw, expected):
    assert norm(raw) == [expected]


@pytest.mark.parametrize("raw", ["", " ", "\u3000", "\t\n", "\u200b", "nan", "NaN", " NULL ", "None", "#N/A",
                                 '="nan"', "'", '=""', "'\u3000"])
def test_norm_blank(raw):
    assert norm(raw) == [None]


def test_norm_keeps_nulls_and_needs_no_tokens():
    assert norm_array(pa.array(["x", None, "nan"], pa.string()), []).to_pylist() == ["x", None, "nan"]


@pytest.mark.parametrize(("text", "expected"), [
    ("工资性收入（元）", "工资性收入(元)"),
    ("＊ 姓名", "姓名"),
    ("*★户编号", "户编号"),
    ("与户主\u3000关系\n", "与户主关系"),
    ("务工时间（月）", "务工时间(月)"),
    ("", ""),
    (None, ""),
])
def test_norm_header(text, expected):
    assert norm_header(text) == expected


def test_split_and_canon():
    assert split_items("残疾,,长期慢性病、;因病;") == ["残疾", "长期慢性病", "因病"]
    multi = canon_fn({"务工就业不稳": "因务工就业不稳", "因缺劳动力": "缺劳动力"}, multi=True)
    assert multi("因病、务工就业不稳;因缺劳动力") == "因病,因务工就业不稳,缺劳动力"
    single = canon_fn({"普通劳动": "普通劳动力"}, multi=False)
    assert single("普通劳动") == "普通劳动力"
    assert single("普通劳动,弱劳动力") == "普通劳动,弱劳动力"  # a separator in a single-valued field
    assert canon_fn(None, multi=False)("x") == "x"


def test_map_distinct():
    calls = []

    def fn(v: str) -> int:
        calls.append(v)
        return len(v)

    out = map_distinct(pa.array(["ab", None, "ab", "c"], pa.string()), fn, pa.int32())
    assert out.to_pylist() == [2, None, 2, 1]
    assert sorted(calls) == ["ab", "c"]
    assert map_distinct(pa.array([], pa.string()), fn, pa.int32()).to_pylist() == []


def months(y: int, m: int) -> int:
    return y * 12 + m


@pytest.mark.parametrize(("text", "expected"), [
    ("202208", months(2022, 8)),
    ("202208.0", months(2022, 8)),
    ("202208.00", months(2022, 8)),
    ("2022-08", months(2022, 8)),
    ("2022/8", months(2022, 8)),
    ("2022年8月", months(2022, 8)),
    ("2022年08", months(2022, 8)),
    ("2022.10", months(2022, 10)),
    ("2022.1", None),                  # may be October with its 0 lost
    ("2022.01", months(2022, 1)),
    ("2022-1", months(2022, 1)),
    ("20220815", months(2022, 8)),
    ("20220815.0", months(2022, 8)),
    ("2022-08-01", months(2022, 8)),
    ("2022-08-0100:00:00", months(2022, 8)),
    ("2022年8月1日", months(2022, 8)),
    ("202213", None),
    ("202200", None),
    ("189912", None),
    ("210101", None),
    ("20220230", None),                # full dates must be valid
    ("2022-02-30", None),
    ("202208.5", None),
    ("2022-08-01T00:00", None),
    ("22-08", None),
    ("٢٠٢٢٠٨", None),                  # only ASCII digits are digits
    ("", None),
    ("abc", None),
])
def test_ym(text, expected):
    assert ym(text) == expected


def days(y: int, m: int, d: int) -> int:
    return (dt.date(y, m, d) - dt.date(1970, 1, 1)).days


@pytest.mark.parametrize(("text", "expected"), [
    ("19800101", days(1980, 1, 1)),
    ("19800101.0", days(1980, 1, 1)),
    ("1980-01-01", days(1980, 1, 1)),
    ("1980-1-1", days(1980, 1, 1)),
    ("1980/01/01", days(1980, 1, 1)),
    ("1980.1.1", days(1980, 1, 1)),
    ("1980年1月1日", days(1980, 1, 1)),
    ("1980-01-0112:30:00", days(1980, 1, 1)),
    ("1980-1-112:30", days(1980, 1, 1)),
    ("2000-02-29", days(2000, 2, 29)),
    ("1960-01-01", days(1960, 1, 1)),  # before 1970: negative days
    ("1900-02-29", None),
    ("19800230", None),
    ("18991231", None),
    ("2101-01-01", None),
    ("198001", None),
    ("1980-01-01 12:30", None),        # norm has removed the space before ymd sees it
    ("1980-13-01", None),
    ("１９８００１０１", None),          # NFKC happens in norm, not here
])
def test_ymd(text, expected):
    assert ymd(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("6", "6.000000"),
    ("6.0", "6.000000"),
    ("-1500", "-1500.000000"),
    ("12,000.50", "12000.500000"),
    ("1,2345", None),            # not a thousands pattern: the comma stays, so not a number
    ("¥3000元", "3000.000000"),
    ("1.5e3", "1500.000000"),
    (".5", "0.500000"),
    ("+7", "7.000000"),
    ("0.0000005", "0.000000"),   # six places, half to even
    ("0.0000015", "0.000002"),
    ("1e40", None),              # beyond the decimal range of the prepared tables
    ("12000元整", None),
    ("", None),
    ("-", None),
    ("٣", None),                 # only ASCII digits are digits
])
def test_num(text, expected):
    from auditor.normalize import num

    got = num(text)
    assert (None if got is None else str(got)) == expected
