from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """What is published for every village: the four lists (the county's standard catalog of
    power items with steps, flowcharts and risk points; each village's office holders and own
    additions), their PDFs, import/export and JSON API; village affairs disclosure (村务公开)
    comes in a later part. Hangs its pages on the village through villages/hooks.py."""

    name = "disclosures"
    verbose_name = _("公开清单与村务公开")

    def ready(self):
        # Receivers, including the copy/move guards on the model (admin_guards), connect at
        # start-up so that management commands are guarded too, not only admin requests.
        from portal.base.admin_header import promote_header_buttons

        from . import admin_guards, signal_handlers  # noqa: F401

        # 导入导出 is a HeaderButton: shown in the catalog's header, not in its ⋯ menu.
        promote_header_buttons()
