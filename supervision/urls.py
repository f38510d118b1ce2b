"""Site-level URLs of supervision outside the language prefix: the Open311 API (docs/api.md)."""

from django.urls import include, path

urlpatterns = [
    path("open311/v2/", include("supervision.open311.urls")),
]
