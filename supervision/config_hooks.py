"""设置 → 节假日安排, 办理时限, 通知模板 (supervision/config_viewsets.py), and the dashboard
notice that next year's holiday schedule is missing, for those who can add it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .calendar_models import WorkCalendarYear
from .config_viewsets import CONFIG_VIEWSETS, CalendarPolicy
from .services.workdays import missing_years


@hooks.register("register_admin_viewset")
def register_config_viewsets():
    return [viewset() for viewset in CONFIG_VIEWSETS]


class CalendarMissingPanel(Component):
    """The system check W001 (supervision/checks.py) in words the city staff act on."""

    name = "supervision_calendar_missing"
    order = 5
    template_name = "supervision/admin/includes/calendar_missing.html"

    def __init__(self, years: list[int]):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"missing_years": self.years, "add_url": reverse("work_calendar:add")}


@hooks.register("construct_homepage_panels")
def add_calendar_missing_panel(request, panels):
    if not CalendarPolicy(WorkCalendarYear).user_has_permission(request.user, "add"):
        return
    if years := missing_years(timezone.localdate()):
        panels.append(CalendarMissingPanel(years))
