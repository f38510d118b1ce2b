"""Flowcharts drawn on the server as SVG from a power item's steps.

The same markup goes into the web page and the PDF (WeasyPrint renders inline SVG), so the two can
never differ. Boxes hold real <text> (selectable, readable aloud); the page also gives the steps as
an ordered list for screen readers and JS-off phones. The drawing is 340 units wide so it is legible
on a 360 px phone at 1:1; wider screens scale it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _

from .validation import END

WIDTH = 340
BOX_X, BOX_W = 8, 222
LANE_X = BOX_X + BOX_W  # branches run to the right of the boxes
LINE_H = 18
FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
INK, FRAME, BRANCH, SOFT = "#1a1a1a", "#1f3a5f", "#9b1c1c", "#f6f3ee"


def text_width(text: str, size: float) -> float:
    """Approximate rendered width: CJK and full-width characters are one em, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def wrap(text: str, max_width: float, size: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if text_width(line + ch, size) > max_width and line:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    if line:
        lines.append(line)
    return lines or [""]


@dataclass
class Box:
    key: str
    y: float
    height: float
    lines: list[tuple[str, float, str]]  # text, font size, weight

    @property
    def mid(self) -> float:
        return self.y + self.height / 2


def _text(x, y, content, size=13, weight="normal", anchor="start", fill=INK):
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="{fill}" font-family="{FONT}">{escape(content)}</text>'
    )


def _arrow_down(x, y, fill=FRAME):
    return f'<polygon points="{x - 5},{y - 8} {x + 5},{y - 8} {x},{y}" fill="{fill}"/>'


def _line_down(x, y1, y2):
    return f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{FRAME}" stroke-width="1.5"/>'


def _arrow_left(x, y, fill=BRANCH):
    return f'<polygon points="{x + 8},{y - 5} {x + 8},{y + 5} {x},{y}" fill="{fill}"/>'


def _arrow_right(x, y, fill=BRANCH):
    return f'<polygon points="{x - 8},{y - 5} {x - 8},{y + 5} {x},{y}" fill="{fill}"/>'


def _terminal(cx, y, label, width=96):
    return (
        f'<rect x="{cx - width / 2:.0f}" y="{y}" width="{width}" height="28" rx="14" '
        f'fill="{SOFT}" stroke="{FRAME}" stroke-width="1.5"/>'
        + _text(cx, y + 19, label, 13, "bold", "middle")
    )


def step_lines(step) -> list[tuple[str, float, str]]:
    inner = BOX_W - 16
    lines = [(line, 13, "bold") for line in wrap(f"{step.key}. {step.actor}", inner, 13)]
    lines += [(line, 13, "normal") for line in wrap(step.action, inner, 13)]
    if step.time_limit:
        lines += [
            (line, 12, "normal")
            for line in wrap(_("时限：%(t)s") % {"t": step.time_limit_text}, inner, 12)
        ]
    if step.document:
        lines += [
            (line, 12, "normal")
            for line in wrap(_("形成：%(d)s") % {"d": step.document}, inner, 12)
        ]
    return lines


def render_flowchart(item, steps=None, print_width_mm: float | None = None) -> str:
    """SVG markup for the item's steps (top to bottom), branches to the right.

    On the web the SVG scales with CSS from its viewBox; for print, `print_width_mm` gives it a
    physical size (WeasyPrint does not derive the height from the viewBox)."""
    steps = list(steps if steps is not None else item.steps.all())
    parts: list[str] = []
    cx = BOX_X + BOX_W / 2
    y = 8
    parts.append(_terminal(cx, y, _("开始")))
    y += 28
    boxes: dict[str, Box] = {}
    order: list[Box] = []
    for step in steps:
        y += 26
        parts.append(_line_down(cx, y - 26, y - 2))
        parts.append(_arrow_down(cx, y))
        lines = step_lines(step)
        height = 12 + len(lines) * LINE_H
        box = Box(step.key, y, height, lines)
        boxes[step.key] = box
        order.append(box)
        parts.append(
            f'<rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{height}" rx="4" fill="#fff" '
            f'stroke="{FRAME}" stroke-width="1.5"/>'
        )
        ty = y + 6
        for text, size, weight in lines:
            ty += LINE_H
            parts.append(_text(BOX_X + 8, ty - 4, text, size, weight))
        y += height
    y += 26
    parts.append(_line_down(cx, y - 26, y - 2))
    parts.append(_arrow_down(cx, y))
    parts.append(_terminal(cx, y, _("办结")))
    bottom = y + 28

    lane = 0
    for step in steps:
        target = (step.branch_target or "").strip()
        if not target:
            continue
        source = boxes[step.key]
        sy = source.y + 14
        label = wrap(step.branch_condition or "", 96, 11)
        for i, text in enumerate(label):
            parts.append(
                _text(
                    LANE_X + 6, sy - 6 - (len(label) - 1 - i) * 13, text, 11, "normal", fill=BRANCH
                )
            )
        if target == END or target not in boxes:
            ex = LANE_X + 56
            parts.append(
                f'<polyline points="{LANE_X},{sy} {ex},{sy} {ex},{sy + 14}" fill="none" '
                f'stroke="{BRANCH}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            parts.append(_arrow_down(ex, sy + 14, BRANCH))
            parts.append(
                f'<rect x="{LANE_X + 14}" y="{sy + 14}" width="84" height="40" rx="14" '
                f'fill="{SOFT}" stroke="{BRANCH}" stroke-width="1.5"/>'
            )
            parts.append(_text(ex, sy + 30, _("结束"), 12, "bold", "middle"))
            parts.append(_text(ex, sy + 46, _("书面告知理由"), 10, "normal", "middle"))
            bottom = max(bottom, sy + 60)
        else:
            dest = boxes[target]
            dy = dest.y + dest.height - 14  # enter the target box low on its right edge
            lx = WIDTH - 8 - lane * 10
            lane = (lane + 1) % 4
            parts.append(
                f'<polyline points="{LANE_X},{sy} {lx},{sy} {lx},{dy} {LANE_X + 8},{dy}" '
                f'fill="none" stroke="{BRANCH}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            parts.append(_arrow_left(LANE_X, dy))
            parts.append(
                _text(
                    LANE_X + 12,
                    dy + 14,
                    _("转步骤 %(key)s") % {"key": target},
                    10,
                    "normal",
                    fill=BRANCH,
                )
            )

    height = bottom + 8
    title = escape(_("%(title)s流程图") % {"title": item.title})
    hint = escape(_("（文字版见下方步骤列表）"))
    size = ""
    if print_width_mm:
        print_height = print_width_mm * height / WIDTH
        size = f'width="{print_width_mm}mm" height="{print_height:.1f}mm" '
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-svg" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" '
        f'{size}role="img" aria-label="{title}{hint}">'
        f"<title>{title}</title>" + "".join(parts) + "</svg>"
    )
