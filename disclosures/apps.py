from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Village affairs disclosure (村务公开): finance, assets, subsidies, projects."""

    name = "disclosures"
    verbose_name = _("村务公开")
