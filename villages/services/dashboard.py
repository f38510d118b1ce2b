"""What each role's admin dashboard offers (villages/wagtail_hooks.py renders it).

Bounded queries: one for a township's villages (up to ~30), one for a county's townships."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from villages.models import TownshipPage, VillagePage

# Headings of the village edit view's tabs (VillagePage.edit_handler) the shortcuts open.
STATION_TAB = "联络站"
OFFICE_HOLDERS_TAB = "村干部"


def edit_tab_anchor(heading: str) -> str:
    """`#tab-…` of a village edit view's tab: Wagtail derives the id from the heading
    (`u8054u7edcu7ad9` for 联络站), so ask the edit handler rather than spelling it here."""
    handler = VillagePage.get_edit_handler()
    # The headings are lazy translations: compare them in Chinese, whatever language the page
    # is rendered in (an English public page links staff to the tab too).
    with translation.override(settings.LANGUAGE_CODE):
        headings = [str(child.heading) for child in handler.children]
    if heading not in headings:
        raise LookupError(heading)
    return f"#tab-{handler.child_identifiers[headings.index(heading)]}"


@dataclass
class VillageShortcut:
    title: str
    station_url: str
    office_holders_url: str
    items_url: str


def village_shortcuts(node: Page) -> list[VillageShortcut]:
    """One row per village under `node`: its station tab, its office holders tab and its own
    items (the explorer of the village, where 添加子页面 adds a 权力事项). One query."""
    station, holders = edit_tab_anchor(STATION_TAB), edit_tab_anchor(OFFICE_HOLDERS_TAB)
    villages = VillagePage.objects.descendant_of(node, inclusive=True).order_by("path")
    shortcuts = []
    for pk, title in villages.values_list("pk", "title"):
        edit = reverse("wagtailadmin_pages:edit", args=[pk])
        shortcuts.append(
            VillageShortcut(
                title=title,
                station_url=edit + station,
                office_holders_url=edit + holders,
                items_url=reverse("wagtailadmin_explore", args=[pk]),
            )
        )
    return shortcuts


def townships_of(node: Page) -> list[Page]:
    """The townships under a county, with their public page (one query)."""
    return list(
        TownshipPage.objects.descendant_of(node).live().order_by("path").only("title", "url_path")
    )
