"""Site search: the one public view that looks across every app."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from villages.models import VillagePage

from .search import search_portal


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    code = request.GET.get("village", "").strip()
    village = (
        VillagePage.objects.live().public().filter(division_code=code).first() if code else None
    )
    results = search_portal(query, village=village) if query else []
    return render(
        request,
        "portal/search.html",
        {"query": query, "results": results, "village": village},
    )
