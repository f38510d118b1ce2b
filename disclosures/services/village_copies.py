"""Which villages show a catalog item, and where each village's own copy of it is.

A catalog item is not copied into villages: each village reads the catalog that applies to it
(`lists.catalog_for`: its township's catalog if the township publishes one, else its county's).
So the villages that show an item of a county catalog are the county's villages *minus* those
whose township has its own catalog; those of a township catalog are the township's villages. A
village's copy is its `power/<number>/` route, and its printable sheet `power/<number>/pdf/`.

Used by the catalog item page (its village copies, by township) and by site search ("choose your
village" for an item several counties publish). One query whatever the number of villages or
catalogs: the public villages (`portal.base.visibility`), with the catalog rule as one SQL
condition and each village bringing its township's name and code along.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Substr

from disclosures.models import PowerCatalogPage, PowerItemPage
from portal.base.pages import BasePage
from portal.base.visibility import public_pages
from villages.models import TownshipPage, VillagePage

STEPLEN = VillagePage.steplen


def _ancestor_path(levels_up: int, outer: bool = False):
    """SQL for the tree path `levels_up` levels above a row (of the outer query if `outer`);
    a materialised path is `depth * STEPLEN` characters long."""
    ref = OuterRef if outer else F
    return Substr(ref("path"), 1, (ref("depth") - levels_up) * STEPLEN)


@dataclass
class Township:
    """A township as the copy lists name it, read along with its villages (not a page query)."""

    path: str
    title: str
    name_en: str
    division_code: str

    display_name = property(BasePage.display_name.fget)  # the pages' one naming rule


@dataclass
class VillageCopy:
    village: VillagePage
    url: str
    pdf_url: str


@dataclass
class TownshipCopies:
    township: Township
    copies: list[VillageCopy] = field(default_factory=list)


def _uses_catalog_of(owner_paths: Collection[str]) -> Q:
    """Villages whose list comes from a catalog published by one of `owner_paths` (the county or
    township pages that hold the catalogs): the township publishes it, or the county does and
    the village's township has no live catalog of its own (the rule of `lists.catalog_for`)."""
    township_catalog = (
        PowerCatalogPage.objects.live()
        .filter(depth=OuterRef("depth"))  # a township's catalog sits level with its villages
        .annotate(owner_path=_ancestor_path(1))
        .filter(owner_path=_ancestor_path(1, outer=True))
    )
    owners = sorted(set(owner_paths))
    return Q(township_path__in=owners) | (Q(county_path__in=owners) & ~Exists(township_catalog))


def village_copies(
    number: str, owner_paths: Collection[str], within_path: str, extra: Q | None = None
) -> list[TownshipCopies]:
    """The public villages under `within_path` (a city, county or township) that show item
    `number` of the catalogs held by `owner_paths`, grouped by township in tree order, each with
    the URL of its copy and of its printable sheet. `extra` adds villages by another rule (OR).
    One query (the villages with their townships' names)."""
    if not owner_paths and extra is None:
        return []
    rule = _uses_catalog_of(owner_paths) if owner_paths else Q(pk__in=[])
    if extra is not None:
        rule |= extra
    # The township's name and code come along in the same query; a township is public whenever
    # a village under it is (a restriction covers the whole subtree), so only `live` is asked.
    township = TownshipPage.objects.live().filter(path=_ancestor_path(1, outer=True))
    villages = (
        public_pages(VillagePage.objects.filter(path__startswith=within_path))
        .annotate(
            township_path=_ancestor_path(1),
            county_path=_ancestor_path(2),
            township_title=Subquery(township.values("title")[:1]),
            township_name_en=Subquery(township.values("name_en")[:1]),
            township_code=Subquery(township.values("division_code")[:1]),
        )
        .filter(rule)
        .order_by("path")
    )
    townships: dict[str, TownshipCopies] = {}
    for village in villages:
        if village.township_title is None:  # its township is not live: nobody can reach it
            continue
        group = townships.get(village.township_path)
        if group is None:
            group = townships[village.township_path] = TownshipCopies(
                Township(
                    path=village.township_path,
                    title=village.township_title,
                    name_en=village.township_name_en,
                    division_code=village.township_code,
                )
            )
        base = village.url
        group.copies.append(
            VillageCopy(
                village=village,
                url=base + village.reverse_subpage("power_item", args=[number]),
                pdf_url=base + village.reverse_subpage("power_item_pdf", args=[number]),
            )
        )
    return [group for group in townships.values() if group.copies]


def item_copies(item: PowerItemPage) -> list[TownshipCopies]:
    """The village copies of one item page, by township (one query). An item of a catalog is
    shown by the villages that use the catalog; a village's own addition only by its village."""
    parent_path = item.path[:-STEPLEN]
    owner_path = parent_path[:-STEPLEN]
    in_a_catalog = Q(Exists(PowerCatalogPage.objects.filter(path=parent_path)))
    return village_copies(
        item.number,
        owner_paths=[],
        within_path=owner_path,
        extra=Q(path=parent_path) | (in_a_catalog & _uses_catalog_of([owner_path])),
    )


def item_copies_context(item: PowerItemPage) -> dict:
    """What the item page adds: its village copies by township, their number, and the sheet to
    print (the first village's: a sheet carries a village's name and station phone, so there is
    no village-less PDF; the page says which village it is)."""
    townships = item_copies(item)
    first = townships[0].copies[0] if townships else None
    return {
        "copy_townships": townships,
        "copy_count": sum(len(t.copies) for t in townships),
        "sample_copy": first,
    }
