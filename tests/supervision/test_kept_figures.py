"""Kept figures (stats.kept, Part 9): the dashboard's figures are counted once per data mark
and served again until a case, an event, a return visit or a reception record is added; what
is served is exactly what counting gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from supervision.services import analysis, stats
from tests import factories

pytestmark = pytest.mark.django_db


def this_month() -> stats.Period:
    today = timezone.localdate()
    return stats.Period.month(today.year, today.month)


def test_kept_report_is_the_report_and_counts_once(tree):
    factories.complaint(tree.awu_village)
    factories.complaint(tree.pingershang)
    period = this_month()
    counted = stats.report(tree.city, period, with_breakdowns=("category", "area"))
    kept = stats.kept_report(tree.city, period, with_breakdowns=("category", "area"))
    assert kept.figures == counted.figures
    assert kept.breakdowns == counted.breakdowns
    assert kept["received"].value == 2
    with CaptureQueriesContext(connection) as again:
        served = stats.kept_report(tree.city, period, with_breakdowns=("category", "area"))
    assert len(again) == 1  # the data mark only
    assert served.figures == counted.figures


def test_a_new_case_is_counted_at_once(tree):
    factories.complaint(tree.awu_village)
    period = this_month()
    assert stats.kept_report(tree.city, period)["received"].value == 1
    assert [m.received for m in stats.kept_trend(tree.city, period)][-1] == 1
    factories.complaint(tree.xigu)
    assert stats.kept_report(tree.city, period)["received"].value == 2
    assert [m.received for m in stats.kept_trend(tree.city, period)][-1] == 2
    assert stats.kept_report(tree.tanchang, period)["received"].value == 2
    assert stats.kept_report(tree.wudu, period)["received"].value == 0


def test_kept_per_reader_and_period(tree, admin):
    factories.complaint(tree.awu_village)
    period = this_month()
    earlier = period.year_earlier()
    assert stats.kept_report(tree.city, period, user=admin)["received"].value == 1
    assert stats.kept_report(tree.city, earlier, user=admin)["received"].value == 0
    flags = {f["flag"]: f["count"] for f in analysis.flag_counts(tree.city, admin)}
    counted = stats.area_cases(tree.city, admin)
    assert flags == {
        flag: counted.filter(analysis.flag_q(flag)).count() for flag in analysis.FLAG_LABELS
    }


def test_data_mark_moves_with_every_kind_of_row(tree):
    before = stats.data_mark()
    result = factories.complaint(tree.awu_village)
    after_case = stats.data_mark()
    assert after_case != before
    from supervision.models import CaseEvent

    CaseEvent.objects.create(case=result.case, kind=CaseEvent.Kind.NOTE, internal_text="备注")
    assert stats.data_mark() != after_case


def test_trend_counts_each_month_in_one_pass(tree):
    """The 12-month trend (received and concluded grouped together in one scan) gives each
    month's received, concluded and year-earlier received as counted by hand."""
    import datetime

    from supervision.models import Complaint

    dates = {
        "a": (datetime.date(2025, 3, 10), datetime.date(2026, 2, 5)),
        "b": (datetime.date(2026, 2, 1), None),
        "c": (datetime.date(2026, 3, 31), datetime.date(2026, 3, 31)),
        "d": (datetime.date(2024, 12, 1), None),
        "e": (datetime.date(2023, 3, 1), datetime.date(2025, 3, 2)),  # before the window
    }
    for received, concluded in dates.values():
        case = factories.complaint(tree.awu_village)
        Complaint.objects.filter(pk=case.case.pk).update(
            received_on=received, first_concluded_on=concluded
        )
    months = stats.trend(
        stats.area_cases(tree.city), stats.Period.month(2026, 3), today=datetime.date(2026, 6, 1)
    )
    table = {f"{m.month:%Y-%m}": (m.received, m.concluded, m.received_year_earlier) for m in months}
    assert (len(table), min(table), max(table)) == (12, "2025-04", "2026-03")
    assert table["2026-03"] == (1, 1, 1)  # c; c; a a year earlier
    assert table["2026-02"] == (1, 1, 0)  # b; a
    assert table["2025-12"] == (0, 0, 1)  # d a year earlier
    assert sum(m.concluded for m in months) == 2  # e concluded before the window
