"""The deadline now running on a case, for the progress lookup and the case page.

Part 5 knows one deadline: the decision on acceptance (15 days from receipt for a petition,
信访工作条例 2022 art. 24; 15 working days for a real-name discipline report, 检举控告工作规则
2020 art. 20, counted from the day after receipt). Part 6 (issue 9) replaces this with the
data-driven clock; callers ask only `running_deadline(case)`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import chinese_calendar
from django.utils.translation import gettext as _

from ..models import Complaint


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime.date
    provisional: bool  # computed on weekends alone: the year's official schedule is not known


def _is_working_day(day: datetime.date) -> tuple[bool, bool]:
    """(working?, known?) from the official calendar with 调休; weekends alone past its end."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_working_days(start: datetime.date, days: int) -> tuple[datetime.date, bool]:
    """The `days`-th working day after `start` (counting starts the next day)."""
    day, counted, provisional = start, 0, False
    while counted < days:
        day += datetime.timedelta(days=1)
        working, known = _is_working_day(day)
        provisional = provisional or not known
        if working:
            counted += 1
    return day, provisional


def running_deadline(case: Complaint) -> Deadline | None:
    if case.state != Complaint.State.REGISTERED:
        return None
    if case.kind == Complaint.Kind.ACCUSATION and case.real_name:
        due, provisional = add_working_days(case.received_on, 15)
        return Deadline(_("告知是否受理"), due, provisional)
    return Deadline(_("告知是否受理"), case.received_on + datetime.timedelta(days=15), False)
