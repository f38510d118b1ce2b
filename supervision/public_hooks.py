"""What supervision hangs on the village page (villages/hooks.py): the 我要监督 form as the
village's `complaint/` sub-URL, a link to the site-wide 进度查询 (/track/), where "有疑问?"
on a disclosure leads (the same form, told what the question is about), and the panel with the
village's township's public figures of the last complete month (public_stats.py).

Neither is in the sitemap: a form and a lookup are nothing for a search engine to index.
"""

from urllib.parse import urlencode

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from villages.hooks import (
    VILLAGE_PANELS,
    VILLAGE_QUESTION_URL,
    VILLAGE_ROUTES,
    VILLAGE_SECTIONS,
    VillageSection,
)
from villages.models import TownshipPage

from . import dispatch_views, public_stats, views
from .services.stats import PUBLIC_FIGURES

# The panel's figures are of a finished month: kept ten minutes, like the public statistics
# page and its JSON (Cache-Control max-age=600).
PANEL_SECONDS = 600


@hooks.register(VILLAGE_ROUTES)
def supervision_routes():
    return [
        path("complaint/", views.complaint, name="complaint"),
        path("reception/", dispatch_views.village_reception, name="reception"),
    ]


def track_url(village) -> str:
    # Reversed in the active language: /track/ in Chinese, /en/track/ in English.
    return reverse("track")


@hooks.register(VILLAGE_SECTIONS)
def supervision_sections():
    return [
        VillageSection(
            _("我要监督"),
            _("在网上反映问题：不用注册，可以匿名，提交后得到回执码"),
            route="complaint",
            order=60,
        ),
        VillageSection(
            _("进度查询"),
            _("凭回执码和查询密码查看办理进度"),
            url=track_url,
            order=70,
        ),
        VillageSection(
            _("领导接访"),
            _("本乡镇、本区县领导近期接访的时间和地点"),
            route="reception",
            order=75,
        ),
    ]


@hooks.register(VILLAGE_QUESTION_URL)
def complaint_question_url(village, about: str, line: int | None = None) -> str:
    """The village's complaint form, told which disclosure (and row) the question is about; the
    form checks both again (supervision/services/questions.py), so a hand-made link gains
    nothing."""
    if not str(about or "").startswith("disclosure:"):
        return ""
    query = {"about": about}
    if line is not None:
        query["line"] = line
    return f"{village.url}{village.reverse_subpage('complaint')}?{urlencode(query)}"


@hooks.register(VILLAGE_PANELS)
def township_figures_panel(village, request) -> str | None:
    """The public figures of the village's own township for the last complete month, with a
    link to the statistics page. One stats.report (no breakdowns), then cached: a village page
    costs one cache read."""
    period = public_stats.last_complete_month()
    township_path = village.path[: -village.steplen]
    key = f"stats-panel:{township_path}:{period.from_key}:{translation.get_language()}"
    html = cache.get(key)
    if html is None:
        township = TownshipPage.objects.filter(path=township_path, live=True).first()
        if township is None:
            return None
        data = public_stats.build(township, period, request, children=False)
        html = render_to_string(
            "supervision/includes/township_stats_panel.html",
            {
                "data": data,
                "rows": list(zip(data.total.cells, PUBLIC_FIGURES, strict=True)),
                "page_url": public_stats.page_url(township, period),
            },
        )
        cache.set(key, html, PANEL_SECONDS)
    return html
