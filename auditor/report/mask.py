"""Masking of personal data for circulated outputs (fields.md §8, architecture.md decision 9).

ID numbers keep the 6-digit region code and the last 4 characters (`130630********123X`), names
keep the surname (`张*`, compound surnames `欧阳*`), phones only their last 4 digits
(`*******5678`). `mask_text` masks free text (a finding's 说明): every long digit run (IDs, phones,
bank accounts) and the given names wherever they occur.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Two-character (复姓) surnames, from the 百家姓 and common usage.
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯", "轩辕", "令狐",
    "钟离", "闻人", "澹台", "公冶", "太叔", "申屠", "端木", "万俟", "濮阳", "淳于", "单于", "呼延", "赫连", "百里", "东郭", "南宫",
    "西门", "独孤", "拓跋", "完颜", "南门", "羊舌", "微生", "梁丘", "左丘", "东门", "谷梁", "宰父", "乐正", "公良", "漆雕", "壤驷",
    "公西", "巫马", "仲孙", "叔孙", "鲜于", "闾丘", "亓官", "司寇", "子车", "颛孙", "段干", "第五",
))

_ID_RUN = re.compile(r"(?<![0-9A-Za-z])(\d{14,21}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)(\d{11,})(?!\d)")


def mask_id(value: object) -> str:
    """`130630198001011234` → `130630********1234`; shorter values keep less (never the whole)."""
    text = "" if value is None else str(value).strip()
    n = len(text)
    if n == 0:
        return ""
    if n >= 15:
        return text[:6] + "*" * (n - 10) + text[-4:]
    if n >= 8:
        return text[:2] + "*" * (n - 4) + text[-2:]
    return "*" * n


def mask_name(value: object) -> str:
    """`张三丰` → `张*`, `欧阳修` → `欧阳*`; a one-character value → `*`."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if len(text) == 1:
        return "*"
    if len(text) > 2 and text[:2] in COMPOUND_SURNAMES:
        return text[:2] + "*"
    return text[0] + "*"


def mask_phone(value: object) -> str:
    """Only the last 4 digits: `13812345678` → `*******5678`."""
    digits = re.sub(r"\D", "", "" if value is None else str(value))
    if not digits:
        return ""
    keep = digits[-4:] if len(digits) > 4 else ""
    return "*" * (len(digits) - len(keep)) + keep


def mask_text(text: object, names: Iterable[str] = ()) -> str:
    """Free text with IDs, phones, other long numbers and the given full names masked."""
    out = "" if text is None else str(text)
    out = _ID_RUN.sub(lambda m: mask_id(m.group(1)), out)
    out = _PHONE.sub(lambda m: mask_phone(m.group(1)), out)
    out = _LONG_DIGITS.sub(lambda m: mask_id(m.group(1)), out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    return out
