from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Complaints and reports (信访举报) and their handling under statutory deadlines."""

    name = "supervision"
    verbose_name = _("监督")

    def ready(self):
        from . import calendar_signals, checks  # noqa: F401  (checks register on import)

        calendar_signals.connect()
