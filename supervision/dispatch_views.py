"""Public pages of the monthly dispatch: supervised items' progress (/supervised/) and the
leader reception schedule (/reception/, and a village's own list of the days it can go to).

What the public sees comes only from services/dispatch.public_items (and its public notes) and
services/reception.public_days; none of these pages uses the session, so an anonymous reader
gets no cookie."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.base import page_cache
from portal.base.visibility import is_public

from .services import dispatch, reception


def supervised_list(request):
    page_cache.depend_on(request, page_cache.ANY_PAGE, "supervised")
    items = list(dispatch.public_items().select_related("area").prefetch_related("tasks"))
    for item in items:
        item.percent = dispatch.percent(item)
    return TemplateResponse(
        request,
        "supervision/supervised_list.html",
        {"items": items, "trail": [(_("督办进展"), None)]},
    )


def supervised_detail(request, pk: int):
    page_cache.depend_on(request, page_cache.ANY_PAGE, "supervised")
    item = get_object_or_404(dispatch.public_items().select_related("area"), pk=pk)
    tasks = list(item.tasks.all())
    return TemplateResponse(
        request,
        "supervision/supervised_detail.html",
        {
            "item": item,
            "percent": dispatch.percent(item),
            "milestones": [task for task in tasks if task.milestone],
            "notes": list(dispatch.public_notes(item)),
            "trail": [(_("督办进展"), reverse("supervised_list")), (item.title, None)],
        },
    )


def reception_schedule(request):
    page_cache.depend_on(request, page_cache.ANY_PAGE, "reception")
    counties = list(reception.public_counties())
    chosen = None
    county = request.GET.get("county", "")
    if county:
        chosen = next((c for c in counties if str(c.pk) == county), None)
    schedule = reception.public_schedule(area=chosen)
    for day in schedule.recent:
        day.record_text = reception.record_text(day)
    return TemplateResponse(
        request,
        "supervision/reception_schedule.html",
        {
            "schedule": schedule,
            "counties": counties,
            "chosen": chosen,
            "trail": [(_("领导接访"), None)],
        },
    )


def village_reception(village, request):
    """A village's sub-URL reception/: the upcoming days of its township, county and city."""
    page_cache.depend_on(request, "reception")
    if not is_public(village, request):
        raise Http404
    return TemplateResponse(
        request,
        "supervision/village_reception.html",
        {
            "page": village,
            "days": reception.upcoming_for_village(village),
            "schedule_url": reverse("reception_schedule"),
        },
    )
