"""Every process forgets its copy of the working-day calendar when a year or day changes."""

from django.db.models.signals import post_delete, post_save

from .calendar_models import WorkCalendarDay, WorkCalendarYear
from .services.workdays import calendar_changed


def _changed(sender, **kwargs):
    calendar_changed()


def connect() -> None:
    for model in (WorkCalendarYear, WorkCalendarDay):
        post_save.connect(_changed, sender=model, dispatch_uid=f"workdays-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"workdays-{model.__name__}-del")
