"""Hooks the village page offers to the apps that hang on it.

The tree knows nothing of what hangs on it (docs/architecture.md "Layers"): the apps above it
fill these hooks in their own `wagtail_hooks.py`, the way Wagtail's own contrib apps fill hooks
that core defines. `VillagePage` builds its sub-URLs, its section links, its sitemap
entries and its allowed child page types from what is registered here.

- ``register_village_routes``: a function returning a list of ``django.urls.path(...)`` patterns.
  Each view is called as ``view(village, request, *args, **kwargs)`` (a routable page binds the
  page as the first argument). Routes are read once per process, when the village page first
  resolves a URL: register them in ``wagtail_hooks.py``, never in a test.
- ``register_village_sections``: a function returning a list of :class:`VillageSection`, the links
  on the village page ("公开与监督").
- ``register_village_child_page_types``: a function returning model strings ("app.Model") of page
  types an editor may add under a village.
- ``register_village_question_url``: a function ``(village, about, line) -> str | None`` giving
  the link a "有疑问?" button on something published for the village leads to (the complaint form,
  with `about` — e.g. ``"disclosure:42"`` — and a table row's `line` linked). The first non-empty
  answer wins; with none registered there is no button (disclosures never import complaints).
- ``register_village_panels``: a function ``(village, request) -> str | None`` returning a
  rendered block of HTML (``render_to_string``) shown on the village page below its sections,
  or None to show nothing (e.g. supervision's figures of the village's township). Called on
  every render of the village page: keep it to a query or two, or cache it.
- ``register_audited_downloads``: a function returning URL names ("namespace:name") of admin
  views whose GET hands out case data (a ledger file, a report PDF, an attachment). The audit
  log records each such download as a staff action (villages/middleware.py AuditMiddleware),
  as it records every admin POST; an index view's ``?export=`` is recorded without registering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

VILLAGE_ROUTES = "register_village_routes"
VILLAGE_SECTIONS = "register_village_sections"
VILLAGE_CHILD_PAGE_TYPES = "register_village_child_page_types"
VILLAGE_QUESTION_URL = "register_village_question_url"
VILLAGE_PANELS = "register_village_panels"
AUDITED_DOWNLOADS = "register_audited_downloads"


@dataclass(frozen=True)
class VillageSection:
    """One link on the village page.

    ``route`` names a registered village route (the link is the village's own sub-URL); or
    ``url`` builds the link from the village (for a URL outside the village, such as a site-wide
    lookup form). With neither, the section is listed without a link (e.g. "即将开通").
    """

    label: str
    description: str = ""
    route: str = ""
    url: Callable | None = None
    order: int = 100
    in_sitemap: bool = False

    def href(self, village) -> str:
        if self.route:
            return village.url + village.reverse_subpage(self.route)
        if self.url is not None:
            return self.url(village)
        return ""


def _collect(hook_name: str) -> list:
    found: list = []
    for fn in hooks.get_hooks(hook_name):
        found.extend(fn())
    return found


def village_routes() -> list:
    return _collect(VILLAGE_ROUTES)


def village_sections() -> list[VillageSection]:
    return sorted(_collect(VILLAGE_SECTIONS), key=lambda s: s.order)


def village_child_page_types() -> list[str]:
    return list(dict.fromkeys(_collect(VILLAGE_CHILD_PAGE_TYPES)))


def question_url(village, about: str, line: int | None = None) -> str:
    """Where "有疑问?" about `about` (and a row's `line`) leads, or "" if no app takes questions."""
    for fn in hooks.get_hooks(VILLAGE_QUESTION_URL):
        url = fn(village, about, line)
        if url:
            return url
    return ""


def village_panels(village, request) -> list[str]:
    """The rendered panels the apps hang on the village page, in registration order."""
    panels = []
    for fn in hooks.get_hooks(VILLAGE_PANELS):
        html = fn(village, request)
        if html:
            panels.append(html)
    return panels


def audited_downloads() -> frozenset[str]:
    return frozenset(_collect(AUDITED_DOWNLOADS))
