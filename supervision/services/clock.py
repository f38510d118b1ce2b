"""The deadline now running on a case, for the progress lookup and the case page.

Part 5 knows one deadline: the decision on acceptance (15 days from receipt for a petition,
信访工作条例 2022 art. 24; 15 working days for a real-name discipline report, 检举控告工作规则
2020 art. 20, counted from the day after receipt). Part 6 (issue 9) replaces this with the
data-driven clock; callers ask only `running_deadline(case)`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Complaint
from .workdays import add_working_days


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime.date
    provisional: bool  # computed on weekends alone: the year's official schedule is not known


def running_deadline(case: Complaint) -> Deadline | None:
    if case.state != Complaint.State.REGISTERED:
        return None
    if case.kind == Complaint.Kind.ACCUSATION and case.real_name:
        due = add_working_days(case.received_on, 15)
        return Deadline(_("告知是否受理"), due.date, due.provisional)
    return Deadline(_("告知是否受理"), case.received_on + datetime.timedelta(days=15), False)
