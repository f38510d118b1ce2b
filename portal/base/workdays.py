"""Working days for apps that sit below the official calendar.

The calendar staff keep (节假日安排, with 调休 make-up days) lives in `supervision/`, above the
disclosures in the layers (docs/architecture.md "Layers"). A disclosure deadline counted in
working days (低保 preliminary lists: within 10 working days) must use the same calendar without
the disclosures importing supervision, so the calendar is handed down: the app that owns it
registers its arithmetic here at start-up (`supervision/apps.py`), and every app below asks this
module. Without a registered calendar (an app used alone) Monday to Friday are working days.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

_add_working_days: Callable[[datetime.date, int], datetime.date] | None = None


def register(add_working_days: Callable[[datetime.date, int], datetime.date]) -> None:
    """Use `add_working_days(start, n)` (the n-th working day after `start`) from now on."""
    global _add_working_days
    _add_working_days = add_working_days


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (counting begins the day after)."""
    if _add_working_days is not None:
        return _add_working_days(start, days)
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        counted += day.weekday() < 5
    return day
