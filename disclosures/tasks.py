"""Background work of the lists: building PDF booklets and item sheets (django-tasks;
`manage.py db_worker` runs them, tests run them at once). A request never builds a PDF itself
(docs/architecture.md "PDFs"): it asks for one here and serves the last good one, or a "being
built" page, meanwhile.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from portal.base import page_cache
from villages.models import VillagePage

from .services import lists, pdf_store

# How long a requested build counts as under way: requests in that time do not queue it again.
# After it, a build lost with a stopped worker is queued by the next request.
BUILD_MARK_SECONDS = 10 * 60


@task()
def build_booklet(village_id: int) -> str | None:
    """Build and file one village's booklet (nothing if its current version is filed)."""
    village = VillagePage.objects.live().filter(pk=village_id).first()
    if village is None:
        return None
    return pdf_store.refresh_booklet(village)


@task()
def build_item_sheet(village_id: int, number: str) -> str | None:
    """Build and file one item sheet of a village (nothing if its current version is filed)."""
    village = VillagePage.objects.live().filter(pk=village_id).first()
    item = lists.village_item(village, number) if village is not None else None
    if item is None:
        return None
    return pdf_store.refresh_item_sheet(village, item)


def request_item_sheet(village, item) -> None:
    """Queue a build of the item's sheet at its current version, once however many ask."""
    version = pdf_store.item_version(village, item)
    if cache.add(f"pdf-build:item:{village.pk}:{item.pk}:{version}", 1, BUILD_MARK_SECONDS):
        build_item_sheet.enqueue(village.pk, item.number)


@task()
def refresh_booklets(page_id: int) -> int:
    """After `page` was published, unpublished or restricted: rebuild the filed booklets that
    print it. Villages never asked for a booklet are left for their first request."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    rebuilt = 0
    for village in pdf_store.villages_printing(page):
        if pdf_store.has_booklet(village):
            pdf_store.refresh_booklet(village)
            rebuilt += 1
    return rebuilt


def request_booklet(village, version: pdf_store.Version) -> None:
    """Queue a build of `village`'s booklet at `version`, once however many visitors ask."""
    if cache.add(f"pdf-build:{village.pk}:{version.digest}", 1, BUILD_MARK_SECONDS):
        enqueue_build(village.pk)


def enqueue_build(village_id: int) -> None:
    build_booklet.enqueue(village_id)


def refresh_booklets_after_commit(page_id: int) -> None:
    """Queue `refresh_booklets` once the change is committed, so the worker reads it."""
    transaction.on_commit(lambda: refresh_booklets.enqueue(page_id))


@task()
def build_disclosure_pdf(page_id: int) -> str | None:
    """Build and file one disclosure's PDF (nothing if its current version is filed); nothing
    for a disclosure that is not public (portal/base/visibility.py)."""
    from .affairs_models import DisclosurePage
    from .services import affairs

    page = DisclosurePage.objects.live().filter(pk=page_id).first()
    if page is None or not affairs.public_disclosure(page):
        return None
    return pdf_store.refresh_disclosure_pdf(page)


def request_disclosure_pdf(page) -> None:
    """Queue a build of the disclosure's PDF at its current version, once however many ask."""
    version = pdf_store.disclosure_version(page)
    if cache.add(f"pdf-build:disclosure:{page.pk}:{version}", 1, BUILD_MARK_SECONDS):
        build_disclosure_pdf.enqueue(page.pk)


@task()
def recompute_due_dates(county_id: int | None = None) -> int:
    """After a schedule rule changed: every disclosure it governs gets its due date again (the
    county's pages, or with the default rule every page). Written with `update()`, so no page
    gets a revision for it; idempotent. Returns how many changed."""
    from villages.models import CountyPage

    from .models import DisclosurePage
    from .services import schedule

    pages = DisclosurePage.objects.all()
    if county_id is not None:
        county = CountyPage.objects.filter(pk=county_id).first()
        if county is None:
            return 0
        pages = pages.descendant_of(county)
    rules = schedule.Rules()
    counties: dict[str, int | None] = {}
    changed = 0
    for page in pages.only(
        "path", "depth", "kind", "period_type", "period_start", "event_date", "due_on"
    ).iterator(chunk_size=500):
        village_path = page.path[: -page.steplen]
        if village_path not in counties:
            village = VillagePage.objects.filter(path=village_path).first()
            counties[village_path] = schedule.county_id_of(village) if village else None
        rule = rules.rule(counties[village_path], page.kind)
        due = schedule.due_date(rule, page.period_type, page.period_start, page.event_date)
        if due != page.due_on:
            DisclosurePage.objects.filter(pk=page.pk).update(due_on=due)
            changed += 1
    if changed:
        # Rows written with update(): no page signal; the on-time marks on public pages follow.
        page_cache.invalidate_on_commit(page_cache.SITE)
    return changed
