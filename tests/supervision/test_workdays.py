"""Working-day arithmetic by the official calendar (放假 and 调休上班), and a year not yet
published counted provisionally, then recomputed once staff add it."""

import datetime
from unittest import mock

import pytest

from supervision import checks
from supervision.calendar_models import WorkCalendarDay, WorkCalendarYear
from supervision.services.workdays import add_working_days, working_days_between

D = datetime.date


@pytest.mark.django_db
def test_spring_festival_is_skipped_and_its_make_up_saturdays_count():
    # Received Thursday 12 February 2026: the 春节 holiday runs 15-23 February, and Saturdays 14
    # and 28 February are worked. Counting weekdays alone would say 5 March.
    due = add_working_days(D(2026, 2, 12), 15)
    assert due.date == D(2026, 3, 11)
    assert not due.provisional


@pytest.mark.django_db
def test_national_day_week_and_its_make_up_saturday():
    assert add_working_days(D(2026, 9, 30), 5).date == D(2026, 10, 13)


@pytest.mark.django_db
def test_a_make_up_sunday_is_a_working_day():
    assert add_working_days(D(2026, 9, 18), 1).date == D(2026, 9, 20)
    assert working_days_between(D(2026, 9, 18), D(2026, 9, 21)) == 2


@pytest.mark.django_db
def test_an_unpublished_year_is_provisional_until_staff_add_it():
    before = add_working_days(D(2026, 12, 28), 15)
    assert before == type(before)(D(2027, 1, 18), True)

    year = WorkCalendarYear.objects.create(year=2027, source="国办发明电〔2026〕测试号")
    WorkCalendarDay.objects.create(calendar=year, date=D(2027, 1, 1), kind="holiday", name="元旦")

    after = add_working_days(D(2026, 12, 28), 15)
    assert after.date == D(2027, 1, 19)
    assert not after.provisional


@pytest.mark.django_db
def test_the_system_check_warns_while_next_year_is_missing():
    with mock.patch.object(checks.timezone, "localdate", return_value=D(2026, 11, 27)):
        warnings = checks.next_year_calendar(databases=["default"])
        assert [w.id for w in warnings] == ["supervision.W001"]
        assert "2027" in warnings[0].msg
        WorkCalendarYear.objects.create(year=2027, source="国办发明电〔2026〕测试号")
        assert checks.next_year_calendar(databases=["default"]) == []
