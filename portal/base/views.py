"""Views every site needs whatever hangs on it: health, favicon, error pages."""

from django.db import connection
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness for the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def healthz_ready(request):
    """Readiness for the load balancer and monitoring: database, cache and task worker, each
    with its own answer (portal/base/health.py); 503 when any fails."""
    from portal.base import health

    ok, checks = health.readiness()
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form posted with a stale or missing CSRF token (a page left open on a weak network, or
    cookies off): say so in the user's language and offer the way back, instead of Django's
    English technical page. Nothing was saved. The admin keeps its own sign-in flow: its forms
    land here too, and the link leads back to the form (same-site referrers only)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    back_url = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    response = render(request, "403_csrf.html", {"back_url": back_url}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def server_error(request):
    # Rendered without the request's context processors, which may touch the database, and the
    # error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
