"""Printable PDFs (WeasyPrint, A4) built from the same services and includes as the web pages.

Chinese text is set in a real CJK font (WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, or
Noto Sans CJK) found through fontconfig and embedded, so the text extracts with pdftotext.
"""

from __future__ import annotations

import functools
import hashlib

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import lists
from .items import item_context


def absolute(url: str, base_url: str | None) -> str:
    root = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return root + url


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2)


PRINT_FLOWCHART_MM = 66


@functools.cache
def _print_setup():
    """The stylesheet and font configuration, parsed and loaded once per process (fontconfig
    and the CJK font are the slow part of a small PDF)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = CSS(filename=finders.find("disclosures/css/print.css"), font_config=font_config)
    return css, font_config


def _render(template: str, context: dict, base_url: str | None) -> bytes:
    from weasyprint import HTML

    # Print is always the official Chinese text.
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    css, font_config = _print_setup()
    return HTML(string=html, base_url=base_url or settings.WAGTAILADMIN_BASE_URL).write_pdf(
        stylesheets=[css], font_config=font_config
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
        "entries": [item_context(item, village, PRINT_FLOWCHART_MM) for item in items],
        "responsibilities": lists.responsibility_rows(village, items, catalog),
        "risks": lists.risk_rows(items),
        "today": timezone.localdate(),
        "village_url": village_url,
        "qr": qr_svg(village_url),
    }


BOOKLET_CACHE_SECONDS = 60 * 60


def booklet_stamp(village, base_url: str | None = None) -> str:
    """Changes whenever anything printed in the booklet is republished: the village (its office
    holders), its catalog (office duties) or any item under either; and every day (the cover's
    print date). One aggregate query."""
    from django.db.models import Count, Max, Q
    from wagtail.models import Page

    catalog = lists.catalog_for(village)
    scope = Q(path__startswith=village.path)
    if catalog is not None:
        scope |= Q(path__startswith=catalog.path)
    latest = Page.objects.filter(scope, live=True).aggregate(
        changed=Max("last_published_at"), pages=Count("id"), newest=Max("id")
    )
    parts = [village.pk, latest["changed"], latest["pages"], latest["newest"]]
    parts += [timezone.localdate(), base_url or ""]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def booklet_pdf(village, base_url: str | None = None, use_cache: bool = True) -> bytes:
    """The village's booklet. Building one takes seconds, so it is cached until anything in it
    is republished (and for an hour at most): a villager's tap on "打印版" must not tie up a
    server worker each time."""
    key = f"booklet:{village.pk}:{booklet_stamp(village, base_url)}"
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    content = _render("disclosures/pdf/booklet.html", booklet_context(village, base_url), base_url)
    cache.set(key, content, BOOKLET_CACHE_SECONDS)
    return content


def item_pdf(village, item, base_url: str | None = None) -> bytes:
    url = absolute(
        village.url + village.reverse_subpage("power_item", args=[item.number]), base_url
    )
    context = item_context(item, village, PRINT_FLOWCHART_MM)
    context.update({"today": timezone.localdate(), "item_url": url, "qr": qr_svg(url)})
    return _render("disclosures/pdf/item.html", context, base_url)
