"""Public views of a village's lists. They gather data through disclosures.services.lists and hand
it to templates; the PDF uses the very same context builders."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .models import RiskPoint
from .services import lists, pdf
from .services.items import item_context


def _get_item(village, number):
    item = lists.village_item(village, number)
    if item is None:
        raise Http404
    return item


def village_power_list(village, request):
    catalog = lists.catalog_for(village)
    items = lists.village_items(village, catalog, details=False)
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
    catalog = lists.catalog_for(village)
    items = lists.village_items(village, catalog)
    return TemplateResponse(
        request,
        "disclosures/village_responsibilities.html",
        {
            "page": village,
            "rows": lists.responsibility_rows(village, items, catalog),
            "power_base": village.url + village.reverse_subpage("power_list"),
            "trail": [(_("责任清单"), None)],
        },
    )


def village_risks(village, request):
    catalog = lists.catalog_for(village)
    items = lists.village_items(village, catalog)
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


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    return response


def village_booklet(village, request):
    from urllib.parse import quote

    content = pdf.booklet_pdf(village, base_url=request.build_absolute_uri("/"))
    return _pdf_response(content, quote(f"{village.title}小微权力清单.pdf"))


def village_power_item_pdf(village, request, number):
    from urllib.parse import quote

    item = _get_item(village, number)
    content = pdf.item_pdf(village, item, base_url=request.build_absolute_uri("/"))
    return _pdf_response(content, quote(f"{village.title}-{item.number}-{item.title}.pdf"))
