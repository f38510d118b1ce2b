"""The village page's 我要监督 and 进度查询 sections (villages/hooks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from villages.hooks import VILLAGE_SECTIONS, VillageSection


@hooks.register(VILLAGE_SECTIONS)
def supervision_sections():
    return [
        VillageSection(
            _("我要监督"),
            _("在线反映即将开通；现在可到联络站或拨打上面的电话反映。"),
            order=60,
        ),
        VillageSection(_("进度查询"), _("凭回执码查询办理进度，即将开通。"), order=70),
    ]
