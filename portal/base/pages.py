"""The base page every public page type of the portal extends, and page helpers that know only
Wagtail (never an app of ours)."""

from __future__ import annotations

import copy
from http import HTTPMethod

from django.conf import settings
from django.db import models
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.log import log_response
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class BasePage(Page):
    """Common ground for every page type of the portal.

    Subclasses must state parent_page_types, subpage_types and page_description
    (enforced by the system check in portal/base/checks.py).
    """

    name_en = models.CharField(
        _("英文名称"),
        max_length=120,
        blank=True,
        help_text=_("英文界面显示的名称，例如 Awu Town；留空则显示中文名称。"),
    )

    content_panels = [*Page.content_panels, FieldPanel("name_en")]
    search_fields = Page.search_fields
    # The public site is read-only: OPTIONS answers `Allow: GET, HEAD, OPTIONS` and anything else
    # gets 405 (Wagtail's default also advertises POST, PUT, PATCH, DELETE). portal/base/http.py
    # does the same for the function views.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    class Meta:
        abstract = True

    def allowed_http_method_names_for(self, request) -> list[str]:
        """The page's own methods, or those of the routable sub-URL being served when its view
        says otherwise (a form posting to itself: portal/base/http.py `accepts_post`)."""
        match = getattr(request, "routable_resolver_match", None)
        methods = getattr(match.func, "allowed_http_methods", None) if match else None
        return list(methods) if methods else self.allowed_http_method_names()

    def check_request_method(self, request, *args, **kwargs):
        allowed = self.allowed_http_method_names_for(request)
        if request.method not in allowed:
            response = HttpResponseNotAllowed(allowed)
            log_response(
                "Method Not Allowed (%s): %s",
                request.method,
                request.path,
                request=request,
                response=response,
            )
            return response
        return None

    def handle_options_request(self, request, *args, **kwargs):
        return HttpResponse(
            headers={"Allow": ", ".join(self.allowed_http_method_names_for(request))}
        )

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors (checked before every page is
        served). Which pages carry one is remembered per process until one of them changes
        (`page_cache.remembered`; a restriction set or lifted changes its page's tag): with none,
        an empty queryset that makes no query instead of Wagtail's two."""
        from wagtail.models import PageViewRestriction

        from . import page_cache

        if not getattr(settings, "PAGE_MEMORY_ENABLED", True):
            return super().get_view_restrictions()
        page_ids = page_cache.remembered(
            ("restricted", self.path),
            page_cache.page_tags(self),
            lambda: sorted(set(Page.get_view_restrictions(self).values_list("page_id", flat=True))),
        )
        if not page_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=page_ids)

    @property
    def display_name(self) -> str:
        """The name to show in the active language (Chinese is always the official name)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.title


def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors below the tree root, home first. Their titles are enough in Chinese (one
    query); the English interface needs each page's English name, so it loads the specific
    pages (one more query per page type). Once per process and language until one of them
    changes (page_cache.remembered)."""
    from . import page_cache

    english = (get_language() or "").startswith("en")

    def load():
        ancestors = page.get_ancestors().filter(depth__gt=1)
        return list(ancestors.specific()) if english else list(ancestors)

    return page_cache.remembered(
        ("breadcrumbs", page.path, english), page_cache.page_tags(page), load
    )


def page_row(page) -> tuple | None:
    """What `page_from_row` needs to build a fresh copy of ``page`` (its specific class and the
    values of its concrete fields), or None for no page."""
    if page is None:
        return None
    model = type(page)
    names = [f.attname for f in model._meta.concrete_fields]
    return (model, page._state.db, names, [getattr(page, name) for name in names])


def page_from_row(row) -> Page | None:
    """A new instance from `page_row`'s values: no query, and nothing a request caches on it
    (`specific`, child relations, `_wagtail_cached_site_root_paths`) is seen by another."""
    if row is None:
        return None
    model, db, names, values = row
    # A JSON field's dict or list is copied: a request that changes it must not change others.
    values = [copy.deepcopy(v) if isinstance(v, (dict, list)) else v for v in values]
    return model.from_db(db, names, values)
