import re
from urllib.parse import unquote

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control


def _personal(request) -> bool:
    """The request is someone's in particular: any session cookie (a visitor who gave a page's
    password has one; a stale or forged one is about to be deleted with a Set-Cookie), or a
    signed-in user."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    return _signed_in(request)


def _signed_in(request) -> bool:
    return getattr(getattr(request, "user", None), "is_authenticated", False)


def is_publicly_cacheable(response) -> bool:
    directives = [d.strip().lower() for d in response.get("Cache-Control", "").split(",")]
    return "public" in directives or any(d.startswith("s-maxage") for d in directives)


def must_stay_private(request, response) -> bool:
    """A response a shared cache must not keep: it sets a cookie, answers someone in particular,
    or carries a CSRF token (the CSRF middleware is about to send its cookie)."""
    return bool(
        response.cookies or _personal(request) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def make_private(response) -> None:
    del response["Cache-Control"]
    add_never_cache_headers(response)


class PublicCacheMiddleware:
    """Public pages are the same for every anonymous visitor and set no cookie: let browsers and
    a proxy in front keep them for a few minutes, and answer a repeat visit with 304 (the ETag
    comes from Django's ConditionalGetMiddleware). Saves villagers' data on weak networks.

    Middleware outside this one (sessions, CSRF, messages) may still add a cookie on the way
    out, so this one also stays away from requests they will answer with one: a session cookie
    sent, a CSRF token used. `PublicCacheGuardMiddleware`, first in MIDDLEWARE, has the final
    word on the response as it leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if must_stay_private(request, response):
            # Also a view's own `public` (the JSON API sets one).
            if is_publicly_cacheable(response):
                make_private(response)
            elif _signed_in(request) and "Cache-Control" not in response.headers:
                # A public page made for one signed-in user (it may carry their edit link,
                # portal_tags.staff_edit_link) is for their browser only.
                patch_cache_control(response, private=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.path.startswith(("/admin/", "/django-admin/"))
            and "Cache-Control" not in response.headers
        ):
            response.headers["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
        return response


class PublicCacheGuardMiddleware:
    """The final word on shared caching, FIRST in MIDDLEWARE so it sees the response after every
    other middleware has added its cookies (response processing runs in reverse order: the
    session middleware deletes a bad session cookie after the inner middleware have decided).

    A response that sets a cookie, or answers a signed-in user or a request with a session, is
    never `Cache-Control: public`: a proxy would hand one person's cookie or page to everyone.
    Such a response is downgraded to `private, no-store` (Django's never-cache headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_publicly_cacheable(response) and must_stay_private(request, response):
            make_private(response)
        return response


# A NUL byte in a text parameter makes PostgreSQL refuse the query (a 500) wherever a view forgets
# to check. Other control characters (a newline pasted into a search box) are left to the views.
CONTROL_CHARACTERS = re.compile(r"\x00")


class RejectControlCharactersMiddleware:
    """Answers 404 (the site's Chinese "page not found") to a path or query string holding a NUL
    byte, before any view (or Wagtail's page routing) turns it into a database query: such an
    address names nothing on this site (issue 6: "any NUL or invalid code: 404 or ignored")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if CONTROL_CHARACTERS.search(request.path) or CONTROL_CHARACTERS.search(query):
            response = render(request, "404.html", status=404)
            add_never_cache_headers(response)
            return response
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Strict Content-Security-Policy on the public site (the Wagtail admin needs its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", settings.PORTAL_CSP)
            response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=()")
        return response
