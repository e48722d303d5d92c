"""Inline SVG charts of the circular: no script, no external resource, readable in print (grey-safe).

Every text is escaped here (the templates insert the SVG as markup); sizes are in viewBox units so a
chart scales with the page, and the font sizes are chosen to stay legible at 360 px wide.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

INK = "#1a1a1a"
GRID = "#c8c8c8"
TOP = "#1f4e79"
NORMAL = "#7d8fa3"
BOTTOM = "#b3261e"


@dataclass
class Bar:
    label: str
    value: float | None  # None: not ranked, shown as —
    mark: str = ""  # "top" | "bottom" | ""


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


AXIS_STARTS = (95, 90, 85, 80, 70, 60, 50, 0)  # where the score axis may start, each with five even steps


def axis_start(values: list[float]) -> int:
    """Where the score axis starts: the highest of AXIS_STARTS at least one point below the lowest
    score, so that scores of 92.4–96.8 are not five bars of the same length (an axis from 0)."""
    low = min(values, default=0)
    return next(a for a in AXIS_STARTS if a <= low - 1 or a == 0)


def score_bars(bars: list[Bar], title: str = "各乡镇得分") -> Markup:
    """Horizontal bars of 得分, one row per township in rank order, on an axis from axis_start() to
    100; an axis that does not start at 0 is drawn broken (a zig-zag) and says so under the chart."""
    width, row, bar_h, top = 400, 24, 14, 30
    label_chars = min(max((len(b.label) for b in bars), default=2), 7)
    label_w = label_chars * 13 + 10
    x0, x1 = label_w, width - 42
    start = axis_start([b.value for b in bars if b.value is not None])
    note = 16 if start else 0
    height = top + row * len(bars) + 8 + note
    bottom = height - 8 - note
    scale = (x1 - x0) / (100 - start)
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}（横轴从{start}分起）">',
             f"<title>{escape(title)}</title>"]
    step = (100 - start) // 5
    for tick in range(start, 101, step):
        x = x0 + (tick - start) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" '
                     f'stroke-width="0.6"/>')
        parts.append(f'<text x="{x:.1f}" y="{top - 10}" font-size="10" fill="#555" text-anchor="middle" '
                     f'>{tick}</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        cy = y + row / 2
        parts.append(f'<text x="{x0 - 6}" y="{cy + 4.5:.1f}" font-size="13" fill="{INK}" text-anchor="end" '
                     f'>{escape(_clip(b.label, label_chars))}<title>{escape(b.label)}</title></text>')
        if b.value is None:
            parts.append(f'<text x="{x0 + 4}" y="{cy + 4.5:.1f}" font-size="12" fill="#555">—（无户数据）</text>')
            continue
        color = TOP if b.mark == "top" else BOTTOM if b.mark == "bottom" else NORMAL
        w = max((b.value - start) * scale, 0.8)
        parts.append(f'<rect x="{x0}" y="{cy - bar_h / 2:.1f}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
        parts.append(f'<text x="{x0 + w + 4:.1f}" y="{cy + 4.5:.1f}" font-size="12" fill="{INK}">'
                     f"{_fmt(b.value)}</text>")
    parts.append(f'<line x1="{x0}" y1="{top - 6}" x2="{x0}" y2="{bottom}" stroke="{INK}" stroke-width="1"/>')
    if start:
        zig = f"{x0 - 4},{top - 2} {x0 + 4},{top + 1} {x0 - 4},{top + 4} {x0 + 4},{top + 7}"
        parts.append(f'<polyline points="{zig}" fill="none" stroke="{INK}" stroke-width="1"/>')
        parts.append(f'<text x="{width / 2:.0f}" y="{height - 6}" font-size="11" fill="#555" text-anchor="middle">'
                     f"注：为显示差别，横轴从 {start} 分起，不从 0 开始</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass
class Series:
    label: str
    periods: list[str]  # YYYY-MM, oldest first
    findings: list[int | None]
    must_fix: list[int | None]


def _month(period: str) -> str:
    year, _, month = period.partition("-")
    return f"{year[2:]}年{int(month)}月" if month.isdigit() else period


def trend_panel(series: Series) -> Markup:
    """A small line chart of one unit: 问题数 (solid) and 必改 (dashed) over the periods."""
    width, height = 240, 130
    left, right, top, bottom = 34, 30, 26, 24
    n = len(series.periods)
    values = [v for v in (*series.findings, *series.must_fix) if v is not None]
    vmax = max(values, default=0)
    # an even, round upper bound so the middle grid line is a whole number too
    vtop = next(t for t in sorted(m * 10**e for e in range(9) for m in (1, 2, 4, 6, 8)) if t >= max(2, vmax) and t % 2 == 0)

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + ((width - left - right) * (i / (n - 1)) if n > 1 else (width - left - right) / 2)
        y = top + (height - top - bottom) * (1 - v / vtop)
        return x, y

    parts = [f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(series.label)} 问题数趋势">',
             f'<text x="4" y="15" font-size="13" font-weight="bold" fill="{INK}">{escape(series.label)}</text>']
    for frac in (0, 0.5, 1):
        y = top + (height - top - bottom) * (1 - frac)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
                     f'stroke-width="0.6"/>')
        label = f"{vtop * frac:g}"
        parts.append(f'<text x="{left - 4}" y="{y + 3.5:.1f}" font-size="10" fill="#555" text-anchor="end" '
                     f'>{label}</text>')
    last_labels = []
    for values_, color, dash in ((series.findings, TOP, ""), (series.must_fix, BOTTOM, ' stroke-dasharray="4 3"')):
        points = [xy(i, v) for i, v in enumerate(values_) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for x, y in points:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{color}"/>')
        if points:
            last_labels.append([points[-1][0], points[-1][1], next(v for v in reversed(values_) if v is not None),
                                color])
    if len(last_labels) == 2 and abs(last_labels[0][1] - last_labels[1][1]) < 11:  # keep the two labels apart
        mid = (last_labels[0][1] + last_labels[1][1]) / 2
        last_labels[0][1], last_labels[1][1] = mid - 5.5, mid + 5.5
    for x, y, value, color in last_labels:
        parts.append(f'<text x="{x + 5:.1f}" y="{y + 3.5:.1f}" font-size="10" fill="{color}">{value}</text>')
    every = max(1, -(-22 * (n - 1) // (width - left - right))) if n > 1 else 1  # labels ≥ 22 units apart
    shown_year = None
    for i, period in enumerate(series.periods):
        if i % every:
            continue
        x, _ = xy(i, 0)
        year = period[:4]
        label = _month(period) if year != shown_year else f"{int(period[5:7])}月" if period[5:7].isdigit() else period
        shown_year = year
        parts.append(f'<text x="{x:.1f}" y="{height - 6}" font-size="9" fill="#555" text-anchor="middle">'
                     f"{escape(label)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_legend() -> Markup:
    return Markup(
        f'<svg class="legend" viewBox="0 0 230 18" aria-hidden="true">'
        f'<line x1="2" y1="9" x2="26" y2="9" stroke="{TOP}" stroke-width="2"/>'
        f'<text x="32" y="13" font-size="12" fill="{INK}">问题总数</text>'
        f'<line x1="102" y1="9" x2="126" y2="9" stroke="{BOTTOM}" stroke-width="2" stroke-dasharray="4 3"/>'
        f'<text x="132" y="13" font-size="12" fill="{INK}">必改问题数</text></svg>')
