"""Site search. Names of places are matched as substrings so two-character Chinese words work on
every database; the list items of later issues join the same entry point."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from villages.models import AREA_MODELS

MAX_RESULTS = 50


@dataclass
class SearchResult:
    title: str
    url: str
    kind: str
    context: str


def search_portal(query: str) -> list[SearchResult]:
    results: list[SearchResult] = []
    for model in AREA_MODELS:
        pages = (
            model.objects.live()
            .public()
            .filter(Q(title__icontains=query) | Q(name_en__icontains=query))
            .order_by("path")[:MAX_RESULTS]
        )
        for page in pages:
            results.append(
                SearchResult(
                    title=page.display_name,
                    url=page.url,
                    kind=str(model._meta.verbose_name),
                    context=page.division_code,
                )
            )
    # Exact name matches first, then shorter names (阿坞村 before 阿坞村一组).
    results.sort(key=lambda r: (r.title != query, len(r.title)))
    return results[:MAX_RESULTS]
