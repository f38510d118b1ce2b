"""/open311/v2/…: each resource in the format its name ends with (GeoReport v2 "Format
Support"). Anything else under the prefix gets the spec's 404 rather than the site's page."""

from django.urls import path, re_path

from . import views

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    re_path(rf"^services\.{FMT}$", views.services, name="open311_services"),
    re_path(
        rf"^services/(?P<code>[^/]+)\.{FMT}$",
        views.service_definition,
        name="open311_service_definition",
    ),
    re_path(rf"^requests\.{FMT}$", views.requests_collection, name="open311_requests"),
    re_path(
        rf"^requests/(?P<request_id>[^/]+)\.{FMT}$",
        views.request_detail,
        name="open311_request",
    ),
    re_path(rf"^tokens/(?P<token>[^/]+)\.{FMT}$", views.token, name="open311_token"),
    path("<path:path>", views.not_found, name="open311_not_found"),
    path("", views.not_found, {"path": ""}),
]
