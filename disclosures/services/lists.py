"""The village's lists, assembled from the catalog that applies to it plus its own additions, each
in a fixed number of queries whatever the number of items (one path for the page, the PDF and the
JSON so they never disagree).

Everything here that feeds a public page, PDF or the API shows only what the public may see
(portal/base/visibility.py): a restricted item, or every item of a restricted catalog, is left
out of the lists, the item pages, the PDFs and the JSON alike.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from disclosures.models import (
    OfficeDuty,
    OfficeHolder,
    PowerCatalogPage,
    PowerCategory,
    PowerItemPage,
    PowerStep,
    RiskPoint,
)
from portal.base.visibility import public_pages, restricted_q


def _catalogs_over(village):
    township_path = village.path[: -village.steplen]
    county_path = township_path[: -village.steplen]
    return PowerCatalogPage.objects.filter(
        Q(path__startswith=township_path, depth=village.depth)
        | Q(path__startswith=county_path, depth=village.depth - 1)
    ).order_by("-depth")


def catalog_for(village) -> PowerCatalogPage | None:
    """The catalog that governs the village whatever its visibility: the township's if it has
    one, else the county's (one query). For the admin's checks (numbers may not clash with a
    catalog even while it is restricted); what the public sees comes from `public_catalog_for`.
    """
    return _catalogs_over(village).live().first()


def public_catalog_for(village) -> PowerCatalogPage | None:
    """The governing catalog if the public may see it, else None: a restricted catalog means no
    catalog items and no catalog duties for the public; it never hands the village over to the
    county's catalog instead (one query). Restrictions on the village itself are Wagtail's to
    enforce on the village's URLs (`checked`, portal/base/visibility.py)."""
    governing = (
        _catalogs_over(village).live().annotate(restricted=restricted_q(checked=village)).first()
    )
    return None if governing is None or governing.restricted else governing


def _items_under(q: Q, details: bool = True, checked=None):
    items = public_pages(PowerItemPage.objects.filter(q), checked).select_related("category")
    if details:
        items = items.prefetch_related(
            # pk breaks ties: rows created outside a form may share a sort_order.
            Prefetch(
                "steps",
                queryset=PowerStep.objects.select_related("office").order_by("sort_order", "pk"),
            ),
            Prefetch("risks", queryset=RiskPoint.objects.order_by("sort_order", "pk")),
        )
    else:  # a list of names needs none of the long texts
        items = items.only("id", "path", "depth", "title", "number", "category", "url_path", "live")
    return items.order_by("category__sort_order", "path")


def items_of(catalog: PowerCatalogPage) -> list[PowerItemPage]:
    """The catalog page's own list. Wagtail has checked the catalog's restrictions before
    serving it; an item restricted on its own is left out."""
    scope = Q(path__startswith=catalog.path, depth=catalog.depth + 1)
    return sort_items(_items_under(scope, checked=catalog))


def village_scope(village, catalog: PowerCatalogPage | None) -> Q:
    """ "This village's items": its own additions plus the items of the catalog that applies to
    it. The one definition, used by the lists, the item pages, the PDFs, the API and search."""
    q = Q(path__startswith=village.path, depth=village.depth + 1)
    if catalog is not None:
        q |= Q(path__startswith=catalog.path, depth=catalog.depth + 1)
    return q


_LOOK_UP = object()


def village_items(village, catalog=_LOOK_UP, details: bool = True) -> list[PowerItemPage]:
    """The public catalog items then the village's own additions, by category and number;
    `details` loads their steps and risks too. `catalog`: from `public_catalog_for` (None: no
    catalog items), looked up when not given."""
    if catalog is _LOOK_UP:
        catalog = public_catalog_for(village)
    items = list(_items_under(village_scope(village, catalog), details, checked=village))
    for item in items:
        item.is_village_addition = item.path.startswith(village.path)
    return sort_items(items)


def village_item(village, number: str) -> PowerItemPage | None:
    """One public item of the village's list by number, with its steps and risks (four
    queries)."""
    scope = village_scope(village, public_catalog_for(village))
    item = _items_under(scope & Q(number=number), checked=village).first()
    if item is not None:
        item.is_village_addition = item.path.startswith(village.path)
    return item


def number_key(number: str):
    """Natural order: 2 before 10, 村1 after the numbered catalog items."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return (not number.isdigit(), int(digits) if digits else 0, number)


def sort_items(items) -> list[PowerItemPage]:
    return sorted(items, key=lambda i: (i.category.sort_order, number_key(i.number)))


@dataclass
class CategoryGroup:
    category: PowerCategory
    items: list[PowerItemPage] = field(default_factory=list)


def items_by_category(items) -> list[CategoryGroup]:
    groups: OrderedDict[int, CategoryGroup] = OrderedDict()
    for item in items:
        groups.setdefault(item.category_id, CategoryGroup(item.category)).items.append(item)
    return list(groups.values())


@dataclass
class RiskRow:
    item: PowerItemPage
    risk: RiskPoint


def risk_rows(items, level: str = "", category: str = "") -> list[RiskRow]:
    order = {"high": 0, "medium": 1, "low": 2}
    rows = [
        RiskRow(item, risk)
        for item in items
        if not category or item.category.code == category
        for risk in item.risks.all()
        if not level or risk.level == level
    ]
    return sorted(rows, key=lambda r: order.get(r.risk.level, 9))


@dataclass
class ResponsibilityRow:
    office_name: str
    holders: list[OfficeHolder]
    duties: list[str]
    accountability: list[str]
    items: list[PowerItemPage]


def responsibility_rows(
    village, items, catalog: PowerCatalogPage | None
) -> list[ResponsibilityRow]:
    """Each office: who holds it in this village, its duties (from the catalog) and the power
    items whose steps it acts in (derived from the steps, never typed twice)."""
    holders = list(OfficeHolder.objects.filter(village=village).select_related("office"))
    duties = (
        list(OfficeDuty.objects.filter(catalog=catalog).select_related("office"))
        if catalog is not None
        else []
    )
    offices = OrderedDict()
    for duty in duties:
        offices.setdefault(duty.office_id, duty.office)
    for holder in holders:
        offices.setdefault(holder.office_id, holder.office)
    by_office_items: dict[int, list] = {}
    for item in items:
        for office_id in {s.office_id for s in item.steps.all() if s.office_id}:
            by_office_items.setdefault(office_id, []).append(item)
    duty_by_office = {d.office_id: d for d in duties}
    rows = []
    for office_id, office in sorted(offices.items(), key=lambda kv: kv[1].sort_order):
        duty = duty_by_office.get(office_id)
        rows.append(
            ResponsibilityRow(
                office_name=office.name,
                holders=[h for h in holders if h.office_id == office_id],
                duties=_lines(duty.duties) if duty else [],
                accountability=_lines(duty.accountability) if duty else [],
                items=by_office_items.get(office_id, []),
            )
        )
    return rows


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
