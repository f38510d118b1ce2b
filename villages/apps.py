from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    """The administrative tree (市 → 区县 → 乡镇 → 村), liaison stations, staff roles and
    jurisdiction. Apps hang their pages on the village through villages/hooks.py."""

    name = "villages"
    verbose_name = _("行政区划与村")

    def ready(self):
        from . import signal_handlers  # noqa: F401  (connects the receivers)
