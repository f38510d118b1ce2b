from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services.search import search_portal


@require_GET
def search(request):
    from villages.models import VillagePage

    query = request.GET.get("q", "").strip()[:100]
    code = request.GET.get("village", "").strip()
    village = (
        VillagePage.objects.live().public().filter(division_code=code).first() if code else None
    )
    results = search_portal(query, village=village) if query else []
    return render(
        request,
        "portal/search.html",
        {"query": query, "results": results, "village": village},
    )


@never_cache
def healthz(request):
    """Liveness for the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


def trivial(request):
    """The smallest Django response: the ceiling `make bench` compares real pages against."""
    return HttpResponse(b"ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors, which may touch the database, and the
    # error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
