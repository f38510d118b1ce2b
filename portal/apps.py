from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("门户")

    def ready(self):
        from .base import (
            checks,  # noqa: F401  (registers system checks)
            page_cache,
            translations,
        )

        page_cache.connect_wagtail_signals()
        translations.remember_lookups()
