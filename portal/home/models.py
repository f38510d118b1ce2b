"""The home page: the top of the public tree, listing each city with its counties."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.base import page_cache
from portal.base.pages import BasePage, page_from_row, page_row
from villages.services.tree import county_directory

# Paths whose page HomePage.route keeps per process (a page's sub-URLs count one each).
ROUTES_REMEMBERED = 5000


class HomePage(BasePage):
    intro = models.TextField(
        _("简介"),
        blank=True,
        help_text=_("首页顶部的一段说明文字。"),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["villages.CityPage"]
    page_description = _("门户首页：列出各市及其区县。")
    max_count = 1
    template = "portal/home_page.html"

    class Meta:
        app_label = "portal"
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = county_directory(self)
        return context

    def route(self, request, path_components):
        """Resolve a deep path (/county/township/village/) in two queries instead of two per
        level: find the deepest page whose url_path matches a prefix of the request path and let
        it route the rest (so routable child pages keep working)."""
        if not path_components:
            return super().route(request, path_components)
        deepest = page_from_row(self._deepest_row(tuple(path_components)))
        if deepest is None:
            raise Http404
        return deepest.route(request, path_components[deepest.depth - self.depth :])

    def _deepest_row(self, path_components: tuple) -> tuple | None:
        """The deepest page for a prefix of the path, as a `page_row` of its specific page,
        remembered per process until any page or the site changes (page_cache.remembered): a
        page served again is routed without a query. At most ROUTES_REMEMBERED paths (misses
        included) per process, so that made-up addresses cannot grow it without bound."""
        routes = page_cache.remembered(
            ("routes", self.path), [page_cache.SITE, page_cache.ANY_PAGE], dict
        )
        if path_components in routes:
            return routes[path_components]
        prefixes = [
            self.url_path + "/".join(path_components[:i]) + "/"
            for i in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        row = page_row(deepest.specific) if deepest is not None else None
        if len(routes) < ROUTES_REMEMBERED:
            routes[path_components] = row
        return row
