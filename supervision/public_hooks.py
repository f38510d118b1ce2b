"""What supervision hangs on the village page (villages/hooks.py): the 我要监督 form as the
village's `complaint/` sub-URL, a link to the site-wide 进度查询 (/track/), and where "有疑问?"
on a disclosure leads (the same form, told what the question is about).

Neither is in the sitemap: a form and a lookup are nothing for a search engine to index.
"""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from villages.hooks import VILLAGE_QUESTION_URL, VILLAGE_ROUTES, VILLAGE_SECTIONS, VillageSection

from . import dispatch_views, views


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
