"""One builder for what a power item shows: the catalog's item page, the village's copy, the
item PDF and each booklet entry all take their data from `item_context`, and the flowchart is
drawn once per build (docs/architecture.md "The four lists")."""

from __future__ import annotations

import base64

from .flowchart import render_flowchart


def item_context(item, village=None, print_width_mm: float | None = None) -> dict:
    """Steps, risks and the flowchart of `item` (its steps and risks prefetched or not).

    For print (`print_width_mm`), the SVG is also given as an image source: WeasyPrint then
    draws it without running the HTML cascade over every box and label."""
    steps = list(item.steps.all())
    flowchart = render_flowchart(item, steps, print_width_mm)
    return {
        "item": item,
        "steps": steps,
        "risks": list(item.risks.all()),
        "flowchart": flowchart,
        "flowchart_src": (
            "data:image/svg+xml;base64," + base64.b64encode(flowchart.encode()).decode()
            if print_width_mm
            else ""
        ),
        "village": village,
    }
