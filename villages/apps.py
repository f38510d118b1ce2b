from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    """The administrative tree (市 → 区县 → 乡镇 → 村), liaison stations, staff roles and
    jurisdiction. Apps hang their pages on the village through villages/hooks.py."""

    name = "villages"
    verbose_name = _("行政区划与村")

    def ready(self):
        # Receivers, including the copy/move guards on the model (admin_guards), connect at
        # start-up so that management commands are guarded too, not only admin requests.
        from . import admin_guards, signal_handlers  # noqa: F401
