"""Site search: the one public view that looks across every app."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.base import page_cache
from portal.base.ratelimit import rate_limited
from portal.base.visibility import public_pages
from villages.models import VillagePage
from villages.validators import validate_division_code

from .search import choose_village, search_portal


def chosen_village(code: str):
    """The public village named by `?village=`; a code that is not 12 digits (a NUL byte, junk)
    is ignored and never reaches the database."""
    try:
        validate_division_code(code, "village")
    except ValidationError:
        return None
    return public_pages(VillagePage.objects.filter(division_code=code)).first()


@require_safe
@rate_limited("search")
def search(request):
    # Results come from pages all over the site.
    page_cache.depend_on(request, page_cache.ANY_PAGE)
    query = request.GET.get("q", "").strip()[:100]
    code = request.GET.get("village", "").strip()
    village = chosen_village(code) if code else None
    # ?item=<id>[&area=<code>]: "choose your village" for an item several places publish.
    chooser = choose_village(request.GET.get("item", ""), request.GET.get("area", ""))
    results = search_portal(query, village=village) if query and chooser is None else []
    return render(
        request,
        "portal/search.html",
        {"query": query, "results": results, "village": village, "chooser": chooser},
    )
