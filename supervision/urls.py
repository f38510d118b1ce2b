"""Site-level URLs of supervision outside the language prefix: the Open311 API and the
statistics API (docs/api.md)."""

from django.urls import include, path

from . import api_stats

urlpatterns = [
    path("open311/v2/", include("supervision.open311.urls")),
    path("api/v1/stats/", api_stats.staff_stats, name="api_stats"),
    path("api/v1/public-stats/", api_stats.public_stats_json, name="api_public_stats"),
]
