"""What the public may see: one rule, asked by every public path.

A page is public when it is live and neither it nor any ancestor carries a view restriction
(password, login or group: Wagtail's `PageViewRestriction`). Every list, item page, PDF, booklet,
JSON API, sitemap entry and search result asks this module, so a restriction set on a catalog
item, or on a whole catalog, hides it everywhere at once (issue 6, part 2; docs/architecture.md
"What the public may see").

The rule is a correlated subquery (`NOT EXISTS` a restriction whose page's path is a prefix of
the row's path), so filtering a list costs no query of its own and a page keeps its fixed query
count. Wagtail's own `.public()` first loads every restriction in the site (one query per call)
and then builds one condition per restriction.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def _ancestor_paths(page: Page) -> list[str]:
    steplen = page.steplen
    return [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]


def restricted_q(path_field: str = "path", checked: Page | None = None) -> Exists:
    """True for rows whose page (its tree path in `path_field`) lies in a restricted subtree:
    some restriction's page path is a prefix of this path (the page itself included).

    `checked`: a page whose own and ancestors' restrictions Wagtail has already enforced for
    this request (the village a sub-URL such as `power/` was routed to). Those restrictions are
    not held against the pages listed under it, so a visitor who gave a restricted village's
    password sees its lists; restrictions anywhere else (on an item, on the catalog) still hide.
    """
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_field), 1, Length("page__path"))
    )
    if checked is not None:
        covering = covering.exclude(page__path__in=_ancestor_paths(checked))
    return Exists(covering)


def public_q(path_field: str = "path", checked: Page | None = None) -> Q:
    """The visibility filter as a Q, for combining with others (`public_pages` adds live)."""
    return Q(~restricted_q(path_field, checked))


def public_pages(queryset, checked: Page | None = None):
    """The pages of `queryset` (a PageQuerySet) that anyone may see: live and unrestricted
    (`checked`: see `restricted_q`)."""
    return queryset.live().filter(public_q(checked=checked))


def restricted_paths(request=None) -> list[str]:
    """Tree paths of every restricted page (a restriction covers the page's whole subtree).
    With a request, loaded once per request (a sitemap asks for every village)."""
    if request is not None:
        cached = getattr(request, "_portal_restricted_paths", None)
        if cached is not None:
            return cached
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if request is not None:
        request._portal_restricted_paths = paths
    return paths


def is_public(page: Page, request=None) -> bool:
    """The same rule for one page already loaded: live and outside every restricted subtree.
    One query (the restrictions on the page's ancestors, itself included); with a request, one
    query per request whatever the number of pages asked about."""
    if not page.live:
        return False
    if request is not None:
        return not any(page.path.startswith(p) for p in restricted_paths(request))
    return not PageViewRestriction.objects.filter(page__path__in=_ancestor_paths(page)).exists()
