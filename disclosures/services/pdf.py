"""Printable PDFs (WeasyPrint, A4) built from the same services and includes as the web pages.

Chinese text is set in a real CJK font (WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, or
Noto Sans CJK) found through fontconfig and embedded, so the text extracts with pdftotext.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import lists
from .flowchart import render_flowchart


def absolute(url: str, base_url: str | None) -> str:
    root = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return root + url


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2)


PRINT_FLOWCHART_MM = 66


def item_context(village, item, print_width_mm: float | None = None) -> dict:
    steps = list(item.steps.all())
    return {
        "item": item,
        "steps": steps,
        "risks": list(item.risks.all()),
        "flowchart": render_flowchart(item, steps, print_width_mm),
        "village": village,
    }


def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=finders.find("disclosures/css/print.css"))


def _render(template: str, context: dict, base_url: str | None) -> bytes:
    from weasyprint import HTML

    # Print is always the official Chinese text.
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=base_url or settings.WAGTAILADMIN_BASE_URL).write_pdf(
        stylesheets=[_stylesheet()]
    )


def booklet_context(village, base_url: str | None = None) -> dict:
    catalog = lists.catalog_for(village)
    items = lists.village_items(village, catalog)
    village_url = absolute(village.url, base_url)
    ancestors = list(village.get_ancestors().filter(depth__gt=2))
    return {
        "village": village,
        "place": "".join(a.title for a in ancestors) + village.title,
        "catalog": catalog,
        "groups": lists.items_by_category(items),
        "entries": [item_context(village, item, PRINT_FLOWCHART_MM) for item in items],
        "responsibilities": lists.responsibility_rows(village, items, catalog),
        "risks": lists.risk_rows(items),
        "today": timezone.localdate(),
        "village_url": village_url,
        "qr": qr_svg(village_url),
    }


def booklet_pdf(village, base_url: str | None = None) -> bytes:
    return _render("disclosures/pdf/booklet.html", booklet_context(village, base_url), base_url)


def item_pdf(village, item, base_url: str | None = None) -> bytes:
    url = absolute(
        village.url + village.reverse_subpage("power_item", args=[item.number]), base_url
    )
    context = item_context(village, item, PRINT_FLOWCHART_MM)
    context.update({"today": timezone.localdate(), "item_url": url, "qr": qr_svg(url)})
    return _render("disclosures/pdf/item.html", context, base_url)
