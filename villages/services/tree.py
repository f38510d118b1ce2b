"""Read-side queries for the public tree pages, each in a fixed number of SQL queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Page

from portal.base import page_cache
from villages.models import CityPage, CountyPage, TownshipPage, VillagePage


@dataclass
class CityDirectory:
    city: CityPage
    counties: list[CountyPage] = field(default_factory=list)


def county_directory(home: Page) -> list[CityDirectory]:
    """Cities under the home page with their live counties: two queries whatever the size, once
    per process until a page below the home page changes (portal/base/page_cache.py)."""
    return page_cache.remembered(
        ("county_directory", home.path), page_cache.page_tags(home), lambda: _directory(home)
    )


def _directory(home: Page) -> list[CityDirectory]:
    cities = list(CityPage.objects.child_of(home).live().public().order_by("path"))
    if not cities:
        return []
    by_path = {city.path: CityDirectory(city) for city in cities}
    counties = CountyPage.objects.live().public().filter(depth=cities[0].depth + 1).order_by("path")
    for county in counties:
        parent = by_path.get(county.path[: -CountyPage.steplen])
        if parent is not None:
            parent.counties.append(county)
    return list(by_path.values())


def live_children(page: Page, model):
    return model.objects.child_of(page).live().public().order_by("path")


def remembered_children(page: Page, model) -> list:
    """`live_children` as a list, once per process until a page below ``page`` changes."""
    return page_cache.remembered(
        ("live_children", page.path, model._meta.label),
        page_cache.page_tags(page),
        lambda: list(live_children(page, model)),
    )


def townships_of(county: CountyPage):
    return live_children(county, TownshipPage)


def villages_of(township: TownshipPage):
    return live_children(township, VillagePage)
