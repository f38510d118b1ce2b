"""URLs under `make bench` only (config.settings.bench): the production URLs plus the trivial
view every page's speed is compared against. Never part of the production URL list."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    """The smallest Django response: the ceiling `make bench` compares real pages against."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial, name="bench_trivial"), *portal_urlpatterns]

handler404 = "portal.base.views.page_not_found"
handler500 = "portal.base.views.server_error"
