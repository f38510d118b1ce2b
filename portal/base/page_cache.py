"""A shared server-side cache of whole public pages, invalidated by tags (docs/architecture.md
"Page cache (Part 9)").

An anonymous GET or HEAD of a public page is answered from Django's default cache (Redis in
production, local memory otherwise) by `PageCacheMiddleware`, which sits before the session,
auth and Wagtail's site lookup: a hit makes no database query. A response is stored only when
the rest of the stack already made it `Cache-Control: public`, it sets no cookie, used no CSRF
token, answers 200 with HTML, and its view said what it depends on (`depend_on`). Every Wagtail
page of the portal says so in `BasePage.serve`; a function view that says nothing is never
stored.

Invalidation is by tag. A tag is a short string ("page:000100010002", "catalog:00010001",
"supervised"); its *version* is a random token kept in the same shared cache. An entry records
the versions of its tags when its view declared them, before rendering, and is a hit only while
every one is unchanged; `invalidate(*tags)` gives each tag a new token, so one call in any
process makes every process miss at once. Apps decide which tags a change touches, in their own
signal handlers, through `invalidate`; this module knows only Wagtail.
"""

from __future__ import annotations

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language_from_path
from wagtail.models import Page

# Every entry depends on it: `invalidate(SITE)` empties the page cache (a deploy, a setting).
SITE = "site"
# Any Wagtail page published, unpublished, moved, deleted or restricted anywhere: for views
# that list pages from the whole site (search).
ANY_PAGE = "pages"

KEY_PREFIX = "pagecache:"
# Query-string variants of one path stored at once. Each path with no query is always stored;
# past this many other variants of it (?q=…, ?p=…, or made-up parameters) answers are still
# rendered but not stored, so a client sending random query strings cannot fill the cache.
VARIANTS_PER_PATH = 30
REQUEST_TAGS = "_page_cache_tags"
HIT_HEADER = "X-Page-Cache"
# A stored response may vary only by these: the language is in the path, and requests with a
# cookie other than the CSRF one are never served from here.
HARMLESS_VARY = {"accept-language", "cookie"}


def _store():
    """The cache pages live in: `PAGE_CACHE_ALIAS` ("pages" when PAGE_CACHE_URL names a Redis
    of their own, whose evictions then never touch rate limits or sessions; else "default")."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True) and settings.PAGE_CACHE_SECONDS > 0


# --- tags ------------------------------------------------------------------------------------


def _tag_key(tag: str) -> str:
    return f"{KEY_PREFIX}tag:{tag}"


def _new_version() -> str:
    return uuid.uuid4().hex[:16]


def tag_versions(tags) -> dict[str, str]:
    """The current version of each tag; a tag never seen (or evicted) gets one now, so an entry
    stored against it goes stale if the tag is later evicted and recreated."""
    tags = sorted(set(tags))
    if not tags:
        return {}
    found = _store().get_many([_tag_key(t) for t in tags])
    versions = {}
    for tag in tags:
        version = found.get(_tag_key(tag))
        if version is None:
            version = _new_version()
            if not _store().add(_tag_key(tag), version, None):
                version = _store().get(_tag_key(tag)) or version
        versions[tag] = version
    return versions


def invalidate(*tags: str) -> None:
    """Every stored page depending on one of ``tags`` is stale from now on, in every process
    sharing the cache. Cheap: one cache write for all the tags."""
    tags = {t for t in tags if t}
    if tags:
        _store().set_many({_tag_key(t): _new_version() for t in tags}, None)


def depend_on(request, *tags: str) -> None:
    """The response to ``request`` shows what ``tags`` name: store it (if it is otherwise fit)
    under the tags' versions as of now, before the content is read, so that a change committed
    while the page renders leaves the entry stale rather than stored as new."""
    if request is None or not enabled():
        return
    known = getattr(request, REQUEST_TAGS, None)
    if known is None:
        return  # not a request the page cache looks at
    new = [t for t in tags if t and t not in known]
    if new:
        known.update(tag_versions(new))


# Per-process memory of what public pages are built from (tree lists, breadcrumbs, a village's
# items), valid while its tags keep their versions: `remembered`.
_memory: dict = {}
MEMORY_ENTRIES = 4000


def remembered(key, tags, compute):
    """``compute()``'s value, computed once per process while every tag in ``tags`` keeps its
    version (one cache read instead of the queries; the page cache's own invalidation makes it
    stale in every process at once). The value is shared by later requests of this process:
    only for read-only data, never for anything per user. Works with the page cache off too."""
    if not getattr(settings, "PAGE_MEMORY_ENABLED", True):
        return compute()
    versions = tag_versions(tags)
    found = _memory.get(key)
    now = time.monotonic()
    # Never older than a stored page may be: an invalidation lost while the shared cache was
    # unreachable leaves this process stale for at most PAGE_CACHE_SECONDS, as it does pages.
    if found is not None and found[0] == versions and now - found[2] < _max_age():
        return found[1]
    value = compute()
    if len(_memory) >= MEMORY_ENTRIES:
        _memory.clear()
    _memory[key] = (versions, value, now)
    return value


def _max_age() -> float:
    return float(getattr(settings, "PAGE_CACHE_SECONDS", 600) or 600)


def page_tags(page) -> list[str]:
    """What a Wagtail page shows of the tree: itself and its ancestors (titles in breadcrumbs,
    their content), and the live pages below it (lists of children). Built from the page's
    materialized path, no query."""
    path, step = page.path, page.steplen
    ancestors = [f"page:{path[:i]}" for i in range(step, len(path) + 1, step)]
    return [*ancestors, f"below:{path}"]


def page_changed_tags(path: str, step: int = 4) -> list[str]:
    """What a change to the page at ``path`` makes stale: the page and everything below it
    (they show its title), every page above it (they may list it), and site-wide lists."""
    above = [f"below:{path[:i]}" for i in range(step, len(path) + 1, step)]
    return [f"page:{path}", *above, ANY_PAGE]


def invalidate_on_commit(*tags: str) -> None:
    """`invalidate` now and again once the current transaction commits: a process that renders
    the page between the two reads the old rows and stores them under the first new version,
    which the second then makes stale."""
    invalidate(*tags)
    transaction.on_commit(lambda: invalidate(*tags))


# --- what Wagtail itself changes ------------------------------------------------------------


def _page_changed(sender, instance, **kwargs):
    invalidate_on_commit(*page_changed_tags(instance.path, instance.steplen))


def _page_saved(sender, instance, raw=False, **kwargs):
    """Any page row saved: a draft, a publish, or a page created live by code (imports, the
    demo seed) that never sends `page_published`."""
    if not raw and isinstance(instance, Page) and instance.path:
        _page_changed(sender, instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page = Page.objects.filter(pk=instance.page_id).only("path").first()
        if page is not None:
            _page_changed(sender, page)


def _site_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        invalidate_on_commit(SITE)


def connect_wagtail_signals() -> None:
    """Any page saved, published, unpublished, moved (before and after: its old and new place)
    or deleted, a view restriction set or lifted, a site changed. Apps add their own domain tags
    (a county's catalog, supervised items, statistics) in their signal handlers."""
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    uid = "page_cache_"
    page_published.connect(_page_changed, dispatch_uid=uid + "published")
    page_unpublished.connect(_page_changed, dispatch_uid=uid + "unpublished")
    pre_page_move.connect(_page_changed, dispatch_uid=uid + "pre_move")
    post_page_move.connect(_page_changed, dispatch_uid=uid + "post_move")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid=uid + "deleted")
    post_save.connect(_page_saved, dispatch_uid=uid + "saved")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + signal_name(signal)
        )
        signal.connect(_site_changed, sender=Site, dispatch_uid=uid + "site" + signal_name(signal))


def signal_name(signal) -> str:
    return "saved" if signal is post_save else "deleted"


def serve_page_hook(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook (registered in portal/wagtail_hooks.py): every page of
    the tree, and its routed sub-URLs, depends on its place in the tree."""
    depend_on(request, *page_tags(page))


# --- the middleware --------------------------------------------------------------------------


def _excluded(path: str) -> bool:
    language = get_language_from_path(path)
    if language:
        path = path[len(language) + 1 :]
    return path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def _anonymous(request) -> bool:
    """No cookie but the CSRF one (which changes no page that carries no form), no credentials."""
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _key(request) -> str | None:
    try:
        host = request.get_host()  # validates ALLOWED_HOSTS; a bad host is answered below
    except Exception:
        return None
    raw = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}page:{digest}"


def _variant_allowed(request) -> bool:
    """The bare path always; a query-string variant while its path has fewer than
    VARIANTS_PER_PATH stored in the last PAGE_CACHE_SECONDS (a counter in the cache)."""
    if not request.META.get("QUERY_STRING"):
        return True
    digest = hashlib.sha256(request.path.encode("utf-8", "surrogateescape")).hexdigest()
    key = f"{KEY_PREFIX}variants:{digest}"
    store = _store()
    store.add(key, 0, settings.PAGE_CACHE_SECONDS)
    try:
        return store.incr(key) <= VARIANTS_PER_PATH
    except ValueError:  # evicted or expired in between, or the cache unreachable: do not store
        return False


def _storable(request, response) -> bool:
    from .middleware import is_publicly_cacheable, must_stay_private

    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if not is_publicly_cacheable(response) or must_stay_private(request, response):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    # Belt and braces: a form's token in a page must never reach another visitor.
    return b"csrfmiddlewaretoken" not in response.content


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD of public pages from the shared cache. Placed after whitenoise
    (static files never come here) and SecurityMiddleware (its HTTPS redirect still applies),
    before the session, CSRF, auth and everything that may query the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not enabled()
            or not _anonymous(request)
            or _excluded(request.path)
        ):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        entry = _store().get(key)
        if entry is not None:
            content, headers, versions = entry
            current = _store().get_many([_tag_key(t) for t in versions])
            if all(current.get(_tag_key(t)) == v for t, v in versions.items()):
                return self._hit(request, content, headers)
        setattr(request, REQUEST_TAGS, tag_versions([SITE]))
        response = self.get_response(request)
        tags = getattr(request, REQUEST_TAGS)
        if (
            request.method == "GET"
            and len(tags) > 1
            and _storable(request, response)
            and _variant_allowed(request)
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() != HIT_HEADER.lower()]
            _store().set(key, (response.content, headers, tags), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    def _hit(self, request, content: bytes, headers: list[tuple[str, str]]):
        response = HttpResponse(content, headers=dict(headers))
        response[HIT_HEADER] = "hit"
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        if conditional is not response:
            return conditional
        if request.method == "HEAD":
            response.content = b""
            response["Content-Length"] = str(len(content))
        return response
