"""The disclosures app's own URLs outside the page tree: the read-only JSON API (docs/api.md)."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/villages/<str:code>/lists/", api.village_lists, name="api_village_lists"),
]
