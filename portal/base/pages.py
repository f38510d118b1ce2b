"""The base page every public page type of the portal extends, and page helpers that know only
Wagtail (never an app of ours)."""

from __future__ import annotations

from http import HTTPMethod

from django.db import models
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

    @property
    def display_name(self) -> str:
        """The name to show in the active language (Chinese is always the official name)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.title


def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors below the tree root, home first. Their titles are enough in Chinese (one
    query); the English interface needs each page's English name, so it loads the specific
    pages (one more query per page type)."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    if (get_language() or "").startswith("en"):
        return list(ancestors.specific())
    return list(ancestors)
