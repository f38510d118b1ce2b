"""Public views of a village's lists. They gather data through disclosures.services.lists and hand
it to templates; the PDF uses the very same context builders.

Each view is a sub-URL of the village page: Wagtail has already enforced the village's own
view restrictions (password, login) before calling it, and the lists show only what the public
may see (portal/base/visibility.py), so a restricted item is missing here as everywhere.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.base import page_cache
from portal.base.ratelimit import rate_limited
from villages.services.dashboard import OFFICE_HOLDERS_TAB, edit_tab_anchor

from . import tasks
from .models import RiskPoint
from .services import lists, pdf_store
from .services.items import item_context


def _village_tags(village) -> list[str]:
    """What a village's lists show: the village and the pages above it, the catalogs above it,
    its own items, and the categories and offices (site-wide)."""
    path, step = village.path, village.steplen
    catalogs = [f"catalog:{path[:i]}" for i in range(step, len(path), step)]
    return [*page_cache.page_tags(village), *catalogs, page_cache.SITE]


def _catalog_and_items(village, details: bool):
    """The village's public catalog and items, once per process until one of them changes
    (portal/base/page_cache.py `remembered`; signal_handlers.py bumps the catalog tags)."""

    def load():
        catalog = lists.public_catalog_for(village)
        return catalog, lists.village_items(village, catalog, details=details)

    return page_cache.remembered(
        ("village_items", village.path, details), _village_tags(village), load
    )


def _get_item(village, number):
    item = page_cache.remembered(
        ("village_item", village.path, number),
        _village_tags(village),
        lambda: lists.village_item(village, number),
    )
    if item is None:
        raise Http404
    return item


def village_power_list(village, request):
    catalog, items = _catalog_and_items(village, details=False)
    return TemplateResponse(
        request,
        "disclosures/village_power_list.html",
        {
            "page": village,
            "catalog": catalog,
            "groups": lists.items_by_category(items),
            "item_count": len(items),
            # One URL computation for the page, not one per item.
            "power_base": village.url + village.reverse_subpage("power_list"),
            "trail": [(_("权力清单"), None)],
        },
    )


def village_power_item(village, request, number):
    item = _get_item(village, number)
    context = item_context(item, village)
    context.update(
        {
            "page": village,
            "trail": [
                (_("权力清单"), village.url + village.reverse_subpage("power_list")),
                (item.title, None),
            ],
        }
    )
    return TemplateResponse(request, "disclosures/village_power_item.html", context)


def village_responsibilities(village, request):
    catalog, items = _catalog_and_items(village, details=True)
    return TemplateResponse(
        request,
        "disclosures/village_responsibilities.html",
        {
            "page": village,
            "rows": lists.responsibility_rows(village, items, catalog),
            "power_base": village.url + village.reverse_subpage("power_list"),
            "trail": [(_("责任清单"), None)],
            # A signed-in editor's link goes straight to where office holders are entered.
            "office_holders_tab": edit_tab_anchor(OFFICE_HOLDERS_TAB),
        },
    )


def village_risks(village, request):
    _catalog, items = _catalog_and_items(village, details=True)
    level = request.GET.get("level", "")
    category = request.GET.get("category", "")
    if level not in RiskPoint.Level.values:
        level = ""
    categories = [g.category for g in lists.items_by_category(items)]
    if category not in {c.code for c in categories}:
        category = ""
    return TemplateResponse(
        request,
        "disclosures/village_risks.html",
        {
            "page": village,
            "rows": lists.risk_rows(items, level=level, category=category),
            "levels": RiskPoint.Level.choices,
            "categories": categories,
            "level": level,
            "category": category,
            "trail": [(_("风险防控清单"), None)],
        },
    )


# How long a visitor waits before the "being built" page asks again (a booklet takes seconds).
PDF_RETRY_SECONDS = 10


def _pdf_response(content: bytes, filename: str, fresh: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    if not fresh:
        # The last good booklet while the new one is built: keep, but ask again next time.
        response["Cache-Control"] = "no-cache"
    return response


def _pdf_pending(request, village, label: str) -> TemplateResponse:
    """The PDF is being built in the worker: say so, refresh by itself, never cached."""
    response = TemplateResponse(
        request,
        "disclosures/pdf_pending.html",
        {"page": village, "retry_after": PDF_RETRY_SECONDS, "trail": [(label, None)]},
        status=202,
    )
    response["Retry-After"] = str(PDF_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _stored_pdf(request, village, filename: str, label: str, read, queue, last_good):
    """Serve a stored PDF by one rule (booklets and item sheets alike): the current version if
    filed; else queue its build and serve the last good one (revalidated next time), or a "being
    built" page. With the immediate backend (tests, a single process) the build is done inside
    `queue`, so the current version is there at once."""
    content = read()
    if content is None:
        queue()
        content = read()
    if content is not None:
        return _pdf_response(content, filename)
    content = last_good()
    if content is not None:
        return _pdf_response(content, filename, fresh=False)
    return _pdf_pending(request, village, label)


@rate_limited("pdf")
def village_booklet(village, request):
    """The village's booklet; never built in the request (docs/architecture.md "PDFs")."""
    version = pdf_store.booklet_version(village)
    return _stored_pdf(
        request,
        village,
        f"{village.title}小微权力清单.pdf",
        _("打印版（PDF）"),
        read=lambda: pdf_store.read_booklet(village, version),
        queue=lambda: tasks.request_booklet(village, version),
        last_good=lambda: pdf_store.last_good_booklet(village, version),
    )


@rate_limited("pdf")
def village_power_item_pdf(village, request, number):
    """The item's one-page sheet, by the same rule as the booklet."""
    item = _get_item(village, number)
    return _stored_pdf(
        request,
        village,
        f"{village.title}-{item.number}-{item.title}.pdf",
        item.title,
        read=lambda: pdf_store.read_item_sheet(village, item),
        queue=lambda: tasks.request_item_sheet(village, item),
        last_good=lambda: pdf_store.last_good_item_sheet(village, item),
    )
