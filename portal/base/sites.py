"""Wagtail's site lookup without its query on every request.

`Site.find_for_request` runs, for every page served, a query that orders all sites by how well
they match the host and joins the root page (`select_related`): building that SQL is the
single most expensive step of a small page (profiled in Part 9, docs/benchmarks.md). The
answer changes only when a site or a page changes, so `CachedSiteMiddleware` keeps, per
process, the rows of the site found for each host and port, valid while the page cache's
`site` and `pages` tags are unchanged (portal/base/page_cache.py: a site saved, any page
published, moved or deleted, in any process, gives them new versions). Each request gets
fresh instances built from those rows: nothing one request caches on its page (`.specific`)
is seen by another.
"""

from __future__ import annotations

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from . import page_cache
from .pages import page_from_row, page_row

_SITE_FIELDS = [f.attname for f in Site._meta.concrete_fields]
# (hostname, port) -> (tag versions, site row, root page row); a dict is safe across threads
# for these single assignments and reads. The root page is kept as its specific page (the home
# page), which Wagtail's `serve` asks for next (`root_page.localized.specific`): one query less.
_remembered: dict[tuple[str, int], tuple[dict, list, tuple]] = {}


def find_site(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    versions = page_cache.tag_versions([page_cache.SITE, page_cache.ANY_PAGE])
    remembered = _remembered.get((hostname, port))
    if remembered is not None and remembered[0] == versions:
        _versions, site_row, page_row_ = remembered
        site = Site.from_db("default", _SITE_FIELDS, site_row)
        site.root_page = page_from_row(page_row_)
        return site
    site = Site._find_for_request(request)
    if site is not None:
        root = site.root_page.specific
        _remembered[(hostname, port)] = (
            versions,
            [getattr(site, name) for name in _SITE_FIELDS],
            page_row(root),
        )
    return site


class CachedSiteMiddleware:
    """Sets the request's Wagtail site (what `Site.find_for_request` reads first) from the
    per-process memory above. Public pages only: the admin keeps Wagtail's own lookup. Off with
    PAGE_MEMORY_ENABLED."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_MEMORY_ENABLED and not request.path.startswith(
            ("/admin/", "/django-admin/")
        ):
            request._wagtail_site = find_site(request)
        return self.get_response(request)
