"""Figures about complaints, each computed in one place so every screen shows the same number.

`complaints_by_disclosure_kind`: how many complaints came through "有疑问?" on each kind of
village affairs disclosure (issue 10, part 8), for the county petition office's dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from disclosures.affairs_models import Kind


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


def complaints_by_disclosure_kind(cases) -> list[KindCount]:
    """Per disclosure kind (in the kinds' order), the complaints of `cases` (a queryset the
    caller already limited to what the user may see) linked to a disclosure of that kind.
    Kinds without a complaint are left out; an empty list when there is none at all."""
    counts = dict(
        cases.filter(disclosure__isnull=False)
        .values_list("disclosure__kind")
        .annotate(n=Count("pk"))
        .values_list("disclosure__kind", "n")
    )
    return [
        KindCount(kind.value, str(kind.label), counts[kind.value])
        for kind in Kind
        if counts.get(kind.value)
    ]
