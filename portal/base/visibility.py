"""What the public may see: one rule, asked by every public path.

A page is public when it is live and neither it nor any ancestor carries a view restriction
(password, login or group: Wagtail's `PageViewRestriction`). Every list, item page, PDF, booklet,
JSON API, sitemap entry and search result asks this module, so a restriction set on a catalog
item, or on a whole catalog, hides it everywhere at once (issue 6, part 2).
"""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction


def public_pages(queryset):
    """The pages of `queryset` (a PageQuerySet) that anyone may see."""
    return queryset.live().public()


def restricted_paths() -> list[str]:
    """Tree paths of every restricted page (a restriction covers the page's whole subtree)."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_public(page: Page) -> bool:
    """The same rule for one page already loaded: live and outside every restricted subtree.
    One query (the restrictions on the page's ancestors, itself included)."""
    if not page.live:
        return False
    steplen = page.steplen
    ancestor_paths = [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]
    return not PageViewRestriction.objects.filter(page__path__in=ancestor_paths).exists()
