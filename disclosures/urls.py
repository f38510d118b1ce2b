"""The disclosures app's own URLs outside the page tree: the read-only JSON API (docs/api.md).

The code segment takes any text, so that a bad code is answered here (404, checked by
`api.public_village` before any query) instead of falling through to the page tree."""

from django.urls import path, re_path

from . import affairs_views, api

urlpatterns = [
    path("api/v1/villages/<str:code>/lists/", api.village_lists, name="api_village_lists"),
    # A disclosure's open data under file names (Wagtail's page URLs cannot hold a dot): served
    # by the page's own `csv/` and `json/` routes, through Wagtail (restrictions included).
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)data\.(?P<fmt>csv|json)$",
        affairs_views.download_by_name,
        name="disclosure_data",
    ),
]
