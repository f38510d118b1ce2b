"""The disclosures app's own URLs outside the page tree: the read-only JSON API (docs/api.md).

The code segment takes any text, so that a bad code is answered here (404, checked by
`api.public_village` before any query) instead of falling through to the page tree."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/villages/<str:code>/lists/", api.village_lists, name="api_village_lists"),
]
