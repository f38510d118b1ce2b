"""Working days (工作日) by the official calendar with 调休 make-up days: one place for the
arithmetic every deadline uses (docs/domain.md: "Working days follow the official Chinese
calendar, including make-up workdays").

The calendar is read once per process and kept until it changes: saving a year bumps a version
in the shared cache (Redis in production), so every process reloads on its next question; where
the cache is per process (local memory), a copy is also dropped after RELOAD_AFTER seconds.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache

from ..calendar_models import WorkCalendarDay, WorkCalendarYear

VERSION_KEY = "supervision:workdays:version"
RELOAD_AFTER = 300


@dataclass(frozen=True)
class Calendar:
    years: frozenset[int]
    holidays: frozenset[datetime.date]
    workdays: frozenset[datetime.date]

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def knows(self, year: int) -> bool:
        return year in self.years


_lock = threading.Lock()
_loaded: tuple[object, float, Calendar] | None = None


def current_calendar() -> Calendar:
    global _loaded
    version = cache.get(VERSION_KEY, 0)
    loaded = _loaded
    if loaded is not None and loaded[0] == version and time.monotonic() - loaded[1] < RELOAD_AFTER:
        return loaded[2]
    years = frozenset(WorkCalendarYear.objects.values_list("year", flat=True))
    holidays, workdays = set(), set()
    for day, kind in WorkCalendarDay.objects.values_list("date", "kind"):
        (workdays if kind == WorkCalendarDay.Kind.WORKDAY else holidays).add(day)
    calendar = Calendar(years, frozenset(holidays), frozenset(workdays))
    with _lock:
        _loaded = (version, time.monotonic(), calendar)
    return calendar


def calendar_changed() -> None:
    """Called when a year or day is saved or deleted (supervision/calendar_signals.py)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    forget_calendar()


def forget_calendar() -> None:
    """Drop this process's copy (also used by the tests between tests)."""
    global _loaded
    _loaded = None


class DueDate(NamedTuple):
    date: datetime.date
    provisional: bool  # some day counted lies in a year whose schedule is not published yet


def add_working_days(start: datetime.date, days: int) -> DueDate:
    """The `days`-th working day after `start` (counting begins the day after, as the rules
    say "自收到之日起" is counted from the next day)."""
    calendar = current_calendar()
    day, counted, provisional = start, 0, False
    while counted < days:
        day += datetime.timedelta(days=1)
        provisional = provisional or not calendar.knows(day.year)
        if calendar.is_working_day(day):
            counted += 1
    return DueDate(day, provisional)


def add_calendar_days(start: datetime.date, days: int) -> DueDate:
    return DueDate(start + datetime.timedelta(days=days), False)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    calendar = current_calendar()
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def missing_years(today: datetime.date) -> list[int]:
    """This year and next, where their schedule is not in the calendar yet."""
    calendar = current_calendar()
    return [y for y in (today.year, today.year + 1) if not calendar.knows(y)]
