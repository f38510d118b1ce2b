"""Charts drawn on the server as inline SVG (the 一月一分析 dashboard and its monthly PDF).

Our own small module, in the manner of the power flowchart (disclosures/services/flowchart.py),
rather than pygal: the same markup has to render in a browser with JavaScript off and in
WeasyPrint (which ignores pygal's scripts and styles its CSS poorly), every bar may be a link to
the cases behind it, and every value is printed as text on the chart (readable aloud, and it
survives pdftotext). Two shapes cover what the dashboard needs: horizontal bars with labels and
values (breakdowns), and paired monthly bars with a line (the trend: this year, a year earlier,
concluded). No app of ours is imported here (bottom layer).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
# Fixed palette, each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 for graphics).
INK = "#1a1a1a"
PRIMARY = "#1f3a5f"  # this period
SECONDARY = "#5f6b78"  # a year earlier
ACCENT = "#9b1c1c"  # the line (concluded)
GRID = "#d0d4d9"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None  # the cases behind the bar
    previous: float | None = None  # a year earlier, drawn thinner under the bar
    previous_href: str | None = None


@dataclass(frozen=True)
class TrendPoint:
    label: str  # "3月"
    value: int  # this year
    previous: int  # the same month a year earlier
    line: int  # a second series drawn as a line (concluded)


def text_width(text: str, size: float) -> float:
    """Approximate rendered width: CJK and full-width characters one em, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value)}"


def _text(x, y, content, size=12, anchor="start", fill=INK, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}" font-family="{FONT}">{escape(str(content))}</text>'
    )


def _linked(shape: str, href: str | None, tip: str) -> str:
    titled = f"<title>{escape(tip)}</title>"
    if not href:
        return f"<g>{titled}{shape}</g>"
    return f'<a href="{escape(href)}" aria-label="{escape(tip)}">{titled}{shape}</a>'


def _svg(width: float, height: float, title: str, desc: str, body: list[str], css_class: str):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"<desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def bar_chart(
    bars: list[Bar],
    title: str,
    desc: str = "",
    width: int = 560,
    legend: tuple[str, str] | None = None,
) -> str:
    """Horizontal bars, largest first as given, label on the left and value on the right; with
    `previous` values a thinner grey bar under each (legend: the two series' names)."""
    size, row = 12, 30 if any(b.previous is not None for b in bars) else 22
    label_w = min(max([text_width(b.label, size) for b in bars] + [24]) + 8, width * 0.35)
    top = 22 if legend else 4
    plot_w = width - label_w - 60
    peak = max([b.value for b in bars] + [b.previous or 0 for b in bars] + [1])
    body = []
    if legend:
        body += [
            f'<rect x="{label_w:.1f}" y="4" width="10" height="10" fill="{PRIMARY}"/>',
            _text(label_w + 14, 13, legend[0], 11),
            f'<rect x="{label_w + 30 + text_width(legend[0], 11):.1f}" y="4" width="10" '
            f'height="10" fill="{SECONDARY}"/>',
            _text(label_w + 44 + text_width(legend[0], 11), 13, legend[1], 11),
        ]
    for i, bar in enumerate(bars):
        y = top + i * row
        label = bar.label
        while text_width(label, size) > label_w - 8 and len(label) > 2:
            label = label[:-2] + "…"
        body.append(_text(label_w - 6, y + 13, label, size, "end"))
        w = plot_w * bar.value / peak
        shape = (
            f'<rect x="{label_w:.1f}" y="{y + 3:.1f}" width="{max(w, 1):.1f}" '
            f'height="13" fill="{PRIMARY}"/>'
        )
        shape += _text(label_w + w + 4, y + 14, _number(bar.value), 11)
        body.append(_linked(shape, bar.href, f"{bar.label}：{_number(bar.value)}"))
        if bar.previous is not None:
            pw = plot_w * bar.previous / peak
            shape = (
                f'<rect x="{label_w:.1f}" y="{y + 18:.1f}" width="{max(pw, 1):.1f}" '
                f'height="7" fill="{SECONDARY}"/>'
                + _text(label_w + pw + 4, y + 25, _number(bar.previous), 9, fill=SECONDARY)
            )
            tip = f"{bar.label}（{legend[1] if legend else ''}）：{_number(bar.previous)}"
            body.append(_linked(shape, bar.previous_href, tip))
    body.append(
        f'<line x1="{label_w:.1f}" y1="{top}" x2="{label_w:.1f}" '
        f'y2="{top + len(bars) * row:.1f}" stroke="{INK}" stroke-width="1"/>'
    )
    height = top + max(len(bars), 1) * row + 4
    return _svg(width, height, title, desc, body, "chart--bars")


def trend_chart(
    points: list[TrendPoint],
    title: str,
    desc: str = "",
    legend: tuple[str, str, str] = ("", "", ""),
    width: int = 680,
    height: int = 240,
) -> str:
    """Monthly paired bars (this year dark, a year earlier grey) with a line for a third series,
    each value printed: above the bars, and on the line's points."""
    left, right, top, bottom = 28, 8, 26, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([max(p.value, p.previous, p.line) for p in points] + [1]) * 1.15
    slot = plot_w / max(len(points), 1)
    bar_w = min(slot * 0.36, 22)

    def y_of(value):
        return top + plot_h - plot_h * value / peak

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
    ]
    x = left
    for colour, name in zip((PRIMARY, SECONDARY, ACCENT), legend, strict=True):
        if name:
            body.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>')
            body.append(_text(x + 14, 15, name, 11))
            x += 30 + text_width(name, 11)
    line = []
    for i, point in enumerate(points):
        cx = left + slot * i + slot / 2
        for value, colour, dx, size in (
            (point.value, PRIMARY, -bar_w, 9),
            (point.previous, SECONDARY, 0, 8),
        ):
            y = y_of(value)
            body.append(
                f'<rect x="{cx + dx:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{top + plot_h - y:.1f}" fill="{colour}"/>'
            )
            body.append(_text(cx + dx + bar_w / 2, y - 2, _number(value), size, "middle", colour))
        body.append(_text(cx, top + plot_h + 14, point.label, 11, "middle"))
        line.append((cx, y_of(point.line), point.line))
    if line:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in line)
        body.append(f'<polyline points="{coords}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
        for x, y, value in line:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{ACCENT}"/>')
            body.append(_text(x, y + 12, _number(value), 8, "middle", ACCENT))
    return _svg(width, height, title, desc, body, "chart--trend")
