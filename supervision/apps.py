from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Complaints and reports (信访举报) and their handling under statutory deadlines."""

    name = "supervision"
    verbose_name = _("监督")

    def ready(self):
        # checks register on import; the city commission's permissions on partners and
        # categories follow the tree's role setup (villages/signals.py), connected at start-up
        # so setup_roles grants them too.
        from . import calendar_signals, checks, signal_handlers  # noqa: F401

        calendar_signals.connect()

        # The apps below (a 低保 list's deadline) count working days by this same calendar.
        from portal.base import workdays as shared_workdays

        from .services.workdays import add_working_days

        shared_workdays.register(lambda start, days: add_working_days(start, days).date)
