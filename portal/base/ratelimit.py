"""Per-client rate limits for expensive or abusable public URLs (PDFs, search, the API).

A fixed window counter in the shared cache (Redis in production, so the limit holds across
server processes). Limits are settings (`RATE_LIMITS`, "count/seconds"), so a county behind one
NAT'd address can be given more room without a code change. A refused request gets 429 with a
Chinese explanation and `Retry-After`, and is never cached by a proxy.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

DEFAULT_LIMITS = {
    "pdf": "20/60",  # a villager prints a few PDFs; a crawler loop stops here
    "search": "60/60",
    "api": "120/60",
    "open311": "120/60",  # per partner key, or per client address without one
    # Online complaints (supervision/views.py): accepted submissions per client; the form's GET,
    # a post with errors and a retried post of the same form are not counted.
    "complaint": "5/600",
    # Progress lookups (/track/) per client, and per receipt code whatever the client: ten tries
    # an hour make guessing a 6-digit PIN from many addresses hopeless.
    "track": "30/600",
    "track_code": "10/3600",
}


def limit_for(scope: str) -> tuple[int, int]:
    spec = {**DEFAULT_LIMITS, **getattr(settings, "RATE_LIMITS", {})}[scope]
    count, seconds = spec.split("/")
    return int(count), int(seconds)


def client_address(request) -> str:
    """The client's address. Behind N trusted proxies (TRUSTED_PROXY_COUNT), the N-th address
    from the right of X-Forwarded-For; otherwise REMOTE_ADDR (a client can forge the header)."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str) -> int:
    """Count one request of `key` in `scope` against `RATE_LIMITS`; returns 0 if allowed, else
    seconds to wait."""
    limit, window = limit_for(scope)
    return count_hit(scope, key, limit, window)


def count_hit(scope: str, key: str, limit: int, window: int) -> int:
    """The fixed window counter itself: count one request of `key`; 0 if it is within `limit`
    requests per `window` seconds, else the seconds until the next window. Also used by the
    password-reset throttle (villages/services/throttle.py)."""
    now = int(time.time())
    bucket = now // window
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{bucket}"
    cache.add(cache_key, 0, window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, window + 1)
        count = 1
    if count > limit:
        return window - (now % window) or 1
    return 0


def too_many_requests(request, retry_after: int, hint: str = ""):
    """The Chinese 429 page; `hint` replaces its general advice with what to do instead (e.g.
    where else a complaint can be made)."""
    response = render(
        request,
        "portal/ratelimited.html",
        {"retry_after": retry_after, "hint": hint},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(scope: str):
    """Decorator for a view (or a routable page's view function taking (page, request, ...))."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            request = next(a for a in args if hasattr(a, "META"))
            wait = hit(scope, client_address(request))
            if wait:
                return too_many_requests(request, wait)
            return view(*args, **kwargs)

        return wrapper

    return decorator
