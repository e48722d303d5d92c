"""Value normalisation for checking (rules.md §6). The original text is never changed.

norm(v) (§6.1): NFKC, trim, strip a `="…"` wrapper and one leading apostrophe, delete every
whitespace (Unicode White_Space) and zero-width character, blank tokens → blank. It runs vectorised
over whole columns (pyarrow's utf8proc NFKC and RE2), because IDs and names have as many distinct
values as there are persons. canon (§6.2, §6.3) and the month/date parsers (§6.6) run once per
distinct value, which for code, month and date columns is a few hundred values at most.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

import pyarrow as pa
import pyarrow.compute as pc

# Unicode White_Space, spelled out so Python and RE2 agree, plus the zero-width characters of §6.1.
_WS = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u200b-\u200d\ufeff"
_WS_RE2 = r"[\t\n\x{0B}\x{0C}\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{200B}-\x{200D}\x{FEFF}]"
_SPACE = re.compile(f"[{_WS}]+")
_SPLIT = re.compile(r"[,、;]")
_WS_CHARS = "".join(
    chr(c) for c in (*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
                     0x202F, 0x205F, 0x3000, 0x200B, 0x200C, 0x200D, 0xFEFF)
)


def norm_array(arr: pa.Array, blank_tokens: Iterable[str]) -> pa.Array:
    """norm() over a text column; blank results become null (so SQL `IS NULL` means blank)."""
    v = pc.utf8_normalize(arr, "NFKC")
    v = pc.utf8_trim(v, _WS_CHARS)
    v = pc.replace_substring_regex(v, r'(?s)^="(.*)"$', r"\1")
    v = pc.replace_substring_regex(v, r"^'", "")
    v = pc.replace_substring_regex(v, _WS_RE2 + "+", "")
    tokens = [t.lower() for t in blank_tokens]
    blank = pc.equal(v, "")
    if tokens:
        blank = pc.or_(blank, pc.is_in(pc.utf8_lower(v), pa.array(tokens, pa.string())))
    return pc.if_else(blank, pa.scalar(None, pa.string()), v)


def norm_header(text: str) -> str:
    """Header text as matched against the alias table (fields.md §2.1)."""
    h = _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))
    return h.lstrip("*★")


def split_items(value: str) -> list[str]:
    """The items of a normalised multi-valued cell (§6.3), empty items dropped."""
    return [item for item in _SPLIT.split(value) if item]


def map_values(arr: pa.Array, fn: Callable[[str], object], out_type: pa.DataType) -> pa.Array:
    """Apply a per-value function to each element (nulls stay null); for arrays of distinct values."""
    return pa.array([None if v is None else fn(v) for v in arr.to_pylist()], out_type)


def map_distinct(arr: pa.Array, fn: Callable[[str], object], out_type: pa.DataType) -> pa.Array:
    """Apply a per-value function once per distinct value (nulls stay null)."""
    if len(arr) == 0:
        return pa.array([], out_type)
    encoded = pc.dictionary_encode(arr)
    return pc.take(map_values(encoded.dictionary, fn, out_type), encoded.indices)


def canon_fn(variants: Mapping[str, str] | None, multi: bool) -> Callable[[str], str]:
    """canon(F, ·) for one field: its variant map, applied per item for multi-valued fields."""
    table = dict(variants or {})
    if multi:  # items are a set (rules.md §6.3): mapped, de-duplicated, in their first order
        return lambda v: ",".join(dict.fromkeys(table.get(item, item) for item in split_items(v)))
    return lambda v: table.get(v, v)


# ---- numbers (§6.5) ------------------------------------------------------------------------
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", re.ASCII)
_NUM_LIMIT = Decimal(10) ** 32


def num(v: str) -> Decimal | None:
    """num(v): the decimal value of a normalised cell (¥ / 元 / thousands separators allowed)."""
    if v.startswith("¥"):
        v = v[1:]
    if v.endswith("元"):
        v = v[:-1]
    if _THOUSANDS.match(v):
        v = v.replace(",", "")
    if not _NUMBER.match(v):
        return None
    with localcontext(prec=80):
        value = Decimal(v)
        if not value.is_finite() or abs(value) >= _NUM_LIMIT:
            return None
        return value.quantize(_SIX_PLACES, rounding=ROUND_HALF_EVEN)


_SIX_PLACES = Decimal("0.000001")


# ---- months and dates (§6.6) ----------------------------------------------------------------
# ASCII digits only (as in RE2 and the spec's regexes): Python's \d would also take ٢٠٢٢ and the like.
_YM = (
    re.compile(r"^(\d{4})(\d{2})$", re.ASCII),
    re.compile(r"^(\d{4})(\d{2})\.0+$", re.ASCII),
    re.compile(r"^(\d{4})([-/.年])(\d{1,2})月?$", re.ASCII),
)
_YMD = (
    re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0+)?$", re.ASCII),
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\d{2}:\d{2}(?::\d{2})?)?$", re.ASCII),
)


def ymd(v: str) -> int | None:
    """A full date as days since 1970-01-01 (a DATE for Arrow), or None when unparseable."""
    for pattern in _YMD:
        m = pattern.match(v)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]:
                return _days(y, mo, d)
            return None
    return None


def ym(v: str) -> int | None:
    """A year-month as year*12+month (so month differences are subtractions), or None."""
    m = _YM[0].match(v) or _YM[1].match(v)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return y * 12 + mo if 1900 <= y <= 2100 and 1 <= mo <= 12 else None
    m = _YM[2].match(v)
    if m:
        y, sep, month_text = int(m.group(1)), m.group(2), m.group(3)
        if sep == "." and month_text == "1":
            return None  # YYYY.1 may be October with its 0 lost
        mo = int(month_text)
        return y * 12 + mo if 1900 <= y <= 2100 and 1 <= mo <= 12 else None
    day = ymd(v)
    if day is None:
        return None
    d = _EPOCH + dt.timedelta(days=day)
    return d.year * 12 + d.month


def _days(y: int, m: int, d: int) -> int:
    return (dt.date(y, m, d) - _EPOCH).days


_EPOCH = dt.date(1970, 1, 1)
