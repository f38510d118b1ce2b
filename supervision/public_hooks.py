"""What supervision hangs on the village page (villages/hooks.py): the 我要监督 form as the
village's `complaint/` sub-URL, and a link to the site-wide 进度查询 (/track/).

Neither is in the sitemap: a form and a lookup are nothing for a search engine to index.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from villages.hooks import VILLAGE_ROUTES, VILLAGE_SECTIONS, VillageSection

from . import views


@hooks.register(VILLAGE_ROUTES)
def supervision_routes():
    return [path("complaint/", views.complaint, name="complaint")]


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
    ]
