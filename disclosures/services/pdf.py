"""Printable PDFs (WeasyPrint, A4) built from the same services and includes as the web pages.

Chinese text is set in a real CJK font (WenQuanYi Micro Hei from Debian's fonts-wqy-microhei, or
Noto Sans CJK) found through fontconfig and embedded, so the text extracts with pdftotext.
"""

from __future__ import annotations

import functools

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import lists
from .items import item_context


def absolute(url: str) -> str:
    """An absolute URL on the site's configured address (WAGTAILADMIN_BASE_URL), never the
    address a request happened to use: a PDF is built once, in the task worker, for everyone."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=2)


PRINT_FLOWCHART_MM = 66


PRINT_CSS = "disclosures/css/print.css"


@functools.cache
def _print_setup(stylesheet: str = PRINT_CSS):
    """The stylesheet and font configuration, parsed and loaded once per process (fontconfig
    and the CJK font are the slow part of a small PDF)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = CSS(filename=finders.find(stylesheet), font_config=font_config)
    return css, font_config


def render_pdf(template: str, context: dict, stylesheet: str = PRINT_CSS) -> bytes:
    """An A4 PDF of `template`, Chinese font embedded (the one WeasyPrint set-up of the site:
    the lists' booklets here, supervision's monthly report too)."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    css, font_config = _print_setup(stylesheet)
    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL).write_pdf(
        stylesheets=[css], font_config=font_config
    )


_render = render_pdf


def booklet_context(village) -> dict:
    """Everything the booklet prints, from the same services as the web pages: only what the
    public may see (disclosures.services.lists)."""
    # Print is always the official Chinese text (page URLs included).
    with translation.override(settings.LANGUAGE_CODE):
        catalog = lists.public_catalog_for(village)
        items = lists.village_items(village, catalog)
        village_url = absolute(village.url)
        ancestors = list(village.get_ancestors().filter(depth__gt=2))
        return {
            "village": village,
            "place": "".join(a.title for a in ancestors) + village.title,
            "catalog": catalog,
            "groups": lists.items_by_category(items),
            "entries": [item_context(item, village, PRINT_FLOWCHART_MM) for item in items],
            "responsibilities": lists.responsibility_rows(village, items, catalog),
            "risks": lists.risk_rows(items),
            "updated": _latest_publish(village, catalog, items),
            "village_url": village_url,
            "qr": qr_svg(village_url),
        }


def _latest_publish(*pages_and_lists):
    """The newest publication among what is printed: the booklet's "更新日期". A date of the
    content, not of the build, so the same content always prints the same booklet."""
    dates = []
    for entry in pages_and_lists:
        for page in entry if isinstance(entry, list) else [entry]:
            if page is not None and page.last_published_at:
                dates.append(page.last_published_at)
    return timezone.localtime(max(dates)).date() if dates else None


def render_booklet(village) -> bytes:
    """Build the village's A4 booklet now (seconds: run it in the task worker, see
    disclosures/tasks.py and services/pdf_store.py)."""
    context = booklet_context(village)
    with translation.override(settings.LANGUAGE_CODE):
        return _render("disclosures/pdf/booklet.html", context)


def booklet_pdf(village, base_url: str | None = None, use_cache: bool = False) -> bytes:
    """The booklet built now, for the benchmark (tests/bench) and scripts. Kept with its old
    signature: `base_url` and `use_cache` are ignored (URLs come from WAGTAILADMIN_BASE_URL;
    stored booklets are services/pdf_store.py's)."""
    return render_booklet(village)


def render_item(village, item) -> bytes:
    """The one-page sheet of `item` for the village's bulletin board."""
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute(village.url + village.reverse_subpage("power_item", args=[item.number]))
        context = item_context(item, village, PRINT_FLOWCHART_MM)
        context.update(
            {"updated": _latest_publish(village, item), "item_url": url, "qr": qr_svg(url)}
        )
        return _render("disclosures/pdf/item.html", context)


# --- village affairs disclosures (issue 10) ----------------------------------------------------

# More rows than fit a notice board: the PDF prints a summary and the QR to the full list.
BOARD_MAX_ROWS = 1000
# What a long table is summarised by, per row kind (counts and exact sums).
SUMMARY_COLUMNS = {
    "subsidy": ("group", "item"),
    "assets": ("category",),
    "finance": (),
    "project": (),
}


def disclosure_summary(table) -> list[dict]:
    """A long table summarised by its summary columns (村民小组, 补贴项目): each group's row
    count and exact sums of the money columns, by the database."""
    from django.db.models import Count, Sum

    from . import tables

    spec = tables.spec_of(table)
    by = SUMMARY_COLUMNS.get(table.row_kind, ())
    if not by:
        return []
    sums = {c.name: Sum(c.name) for c in spec.total_columns}
    rows = (
        spec.model.objects.filter(table=table)
        .values(*by)
        .annotate(rows=Count("pk"), **sums)
        .order_by(*by)
    )
    return [
        {
            "keys": [row[name] for name in by],
            "rows": row["rows"],
            "sums": [(row[c.name] or 0) for c in spec.total_columns],
        }
        for row in rows
    ]


def disclosure_context(page) -> dict:
    """What a disclosure's bulletin-board PDF prints: only its public columns."""
    from . import affairs, tables

    village = page.get_parent().specific
    table = page.table
    spec = tables.spec_of(table) if table else None
    url = absolute(page.url)
    long_table = table is not None and table.row_count > BOARD_MAX_ROWS
    totals = tables.totals_of(table) if table else {}
    summary_by = SUMMARY_COLUMNS.get(table.row_kind, ()) if table else ()
    return {
        "page": page,
        "village": village,
        "place": "".join(a.title for a in village.get_ancestors().filter(depth__gt=2))
        + village.title,
        "publisher": affairs.publisher_of(page, village),
        "published_on": affairs.schedule.published_on(page),
        "spec": spec,
        "table": table,
        "rows": [] if table is None or long_table else tables.rows_of(table).iterator(),
        "long_table": long_table,
        "summary_labels": [spec.column(name).label for name in summary_by] if spec else [],
        "summary": disclosure_summary(table) if long_table else [],
        "totals": [(c, totals.get(c.name) if c.total else None) for c in spec.columns]
        if spec
        else [],
        "total_columns": spec.total_columns if spec else (),
        "total_sums": [totals.get(c.name) for c in spec.total_columns] if spec else [],
        "landscape": bool(spec and spec.landscape),
        "page_url": url,
        "qr": qr_svg(url),
    }


def render_disclosure(page) -> bytes:
    """Build a disclosure's A4 notice (landscape for a wide table) now; the task worker does it
    (disclosures/tasks.py, services/pdf_store.py)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _render("disclosures/pdf/disclosure.html", disclosure_context(page))
