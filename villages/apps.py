from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("行政区划与村")

    def ready(self):
        from . import signals

        signals.connect_catalog_signal()
