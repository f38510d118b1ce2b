from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.base import views as base_views
from portal.home import views as home_views

handler404 = "portal.base.views.page_not_found"
handler500 = "portal.base.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz", base_views.healthz, name="healthz"),
    path("healthz/ready", base_views.healthz_ready, name="healthz_ready"),
    path("favicon.ico", base_views.favicon, name="favicon"),
    path("", include("disclosures.urls")),
    path("", include("supervision.urls")),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Media in development, as nginx serves it in production (README "Production"): every
    # file but Wagtail's documents/, which go only through /documents/<id>/ (Wagtail's view,
    # which checks a collection's view restriction) or a download view of ours.
    urlpatterns += [
        re_path(
            r"^media/(?!documents/)(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}
        )
    ]

# Public pages: Chinese at /, English at /en/ (the language switch is a plain link).
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("supervision.public_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
