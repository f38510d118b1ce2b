"""Cases placed in a month for the statistics API and page tests: the dates the figures count
are written on the case row directly (as clock.refresh would have), so each test says exactly
what happened when."""

from __future__ import annotations

import datetime

from supervision.models import Complaint
from supervision.public_stats import last_complete_month
from tests import factories


def cases_in(village, n: int, period=None, concluded: int = 0, late: int = 0) -> list[int]:
    """`n` cases of `village` received on the 3rd of `period` (default: the last complete
    month); the first `concluded` of them concluded on the 6th, on time, and `late` more
    concluded on the 20th, after their deadline."""
    period = period or last_complete_month()
    pks = [factories.complaint(village).case.pk for _ in range(n)]
    start = period.start
    Complaint.objects.filter(pk__in=pks).update(
        received_on=start + datetime.timedelta(days=2),
        accepted_on=start + datetime.timedelta(days=2),
        conclusion_due_on=start + datetime.timedelta(days=15),
    )
    Complaint.objects.filter(pk__in=pks[:concluded]).update(
        first_concluded_on=start + datetime.timedelta(days=5), conclusion_days=3
    )
    Complaint.objects.filter(pk__in=pks[concluded : concluded + late]).update(
        first_concluded_on=start + datetime.timedelta(days=19), conclusion_days=17
    )
    return pks
