"""The figures (supervision/services/stats.py) against answers worked out by hand
(tests/supervision/stats_dataset.py explains each one)."""

from __future__ import annotations

import datetime

import pytest

from supervision.models import Complaint
from supervision.services import stats
from tests import factories
from villages.models import Role

from .stats_dataset import TANCHANG_MARCH, TODAY, build

MARCH = stats.Period.month(2026, 3)


@pytest.fixture
def data(tree):
    return build(tree)


def numbers(report):
    return {key: (f.value, f.previous, f.change) for key, f in report.figures.items()}


def test_every_figure_of_a_county_month_matches_the_hand_answers(data):
    report = stats.report(data.tree.tanchang, MARCH, today=TODAY)
    assert report.as_of == datetime.date(2026, 3, 31)
    assert report.previous_period == stats.Period.month(2025, 3)
    assert report.previous_as_of == datetime.date(2025, 3, 31)
    assert numbers(report) == TANCHANG_MARCH


def test_the_cases_behind_each_number_are_the_ones_the_hand_answers_name(data):
    report = stats.report(data.tree.tanchang, MARCH, today=TODAY)
    cases = stats.area_cases(data.tree.tanchang)
    by_pk = {case.pk: name for name, case in data.cases.items()}

    def behind(key):
        qs = stats.cases_behind(cases, key, report.period, report.as_of)
        return sorted(by_pk[pk] for pk in qs.values_list("pk", flat=True))

    assert behind("received") == ["A1", "A3", "A7", "A8"]
    assert behind("concluded_late") == ["A2", "A5", "A6"]
    assert behind("overdue_open") == ["A4"]
    assert behind("due") == ["A11", "A2"]
    assert behind("resolved") == ["A2"]
    assert behind("backlog_start") == ["A5", "A6"]
    assert behind("backlog_end") == ["A4", "A5"]
    for key in stats.LISTABLE:
        assert len(behind(key)) == report.figures[key].value, key


def test_the_city_counts_every_county_and_a_staff_user_only_what_they_may_see(data):
    city = stats.report(data.tree.city, MARCH, today=TODAY)
    assert city["received"].value == 5  # A12 of 武都区 too
    assert city["reception_batches"].value == 3 + 5
    wudu = stats.report(data.tree.wudu, MARCH, today=TODAY, user=data.wudu_petition)
    assert wudu["received"].value == 1
    # The county petition office sees all of 宕昌县: the same figures as the public count.
    mine = stats.report(data.tree.tanchang, MARCH, today=TODAY, user=data.petition)
    assert numbers(mine) == TANCHANG_MARCH
    # A station operator counts only the cases they logged (A8).
    station = stats.report(data.tree.tanchang, MARCH, today=TODAY, user=data.station)
    assert station["received"].value == 1
    # A user outside 宕昌县 counts nothing there.
    nothing = stats.report(data.tree.tanchang, MARCH, today=TODAY, user=data.wudu_petition)
    assert nothing["received"].value == 0


def test_breakdowns_by_township_category_channel_and_level(data):
    report = stats.report(data.tree.tanchang, MARCH, today=TODAY)

    def table(name, key="received"):
        return {
            g.label: (g.figures[key].value, g.figures[key].previous)
            for g in report.breakdowns[name]
        }

    assert table("area") == {"阿坞镇": (3, 3), "哈达铺镇": (1, 2)}
    assert table("area", "concluded") == {"阿坞镇": (4, 2), "哈达铺镇": (1, 0)}
    assert table("channel") == {"网上": (2, 5), "来访": (1, 0), "联络站代录": (1, 0)}
    assert table("level") == {"网上及接口": (2, 5), "乡镇": (1, 0), "村级（联络站）": (1, 0)}
    assert table("category")["惠民补贴"] == (3, 3)  # A1 A3 A8 | B1 B2 B6
    assert table("category")["作风问题"] == (1, 1)  # A7 | B4
    township = {g.label: g for g in report.breakdowns["area"]}["阿坞镇"]
    assert township.filter_params == {"area": data.tree.awu.division_code}
    assert township.figures["on_time_rate"].value == 50.0  # A1, A11 on time; A2, A6 late


def test_a_range_of_months_and_the_running_month(data):
    quarter = stats.Period.parse("2026-01", "2026-03")
    report = stats.report(data.tree.tanchang, quarter, today=TODAY)
    # A1 A2 A3 A7 A8 A9 A10 A11 | B1 B2 B3 B4 B5 B6
    assert report["received"].value == 8 and report["received"].previous == 6
    # A month still running is counted to today, and its year-earlier month to the same day.
    running = stats.report(data.tree.tanchang, MARCH, today=datetime.date(2026, 3, 12))
    assert running.as_of == datetime.date(2026, 3, 12)
    assert running.previous_as_of == datetime.date(2025, 3, 12)
    assert running["received"].value == 2  # A1, A3 (A7, A8 come later)
    assert running["received"].previous == 2  # B1, B2 (B4 on the 15th)
    # A5 on the 5th, A2 on the 10th, A11 on the 12th (the day counts) | B3 on 2025-03-10
    assert (running["concluded"].value, running["concluded"].previous) == (3, 1)


def test_a_past_month_does_not_move_when_a_case_is_reopened_later(data):
    before = numbers(stats.report(data.tree.tanchang, MARCH, today=TODAY))
    data.step("A2", "2026-04-05", "request_review")  # A2's complainant contests in April
    after = numbers(stats.report(data.tree.tanchang, MARCH, today=TODAY))
    assert after == before  # March still counts A2 as resolved
    april = stats.report(data.tree.tanchang, stats.Period.month(2026, 4), today=TODAY)
    # On 30 April, received before 30 January and unresolved: A4, A5 (contested), A10 (open),
    # A11 (contested in March) and now A2.
    assert april["backlog_end"].value == 5


def test_public_figures_suppress_small_counts_and_rates_built_on_them(data):
    report = stats.report(data.tree.tanchang, MARCH, today=TODAY)
    public = stats.public_figures(report)
    assert set(public) == {
        "received",
        "concluded",
        "on_time_rate",
        "resolution_rate",
        "satisfaction_rate",
    }
    assert public["received"]["value"] == "<5"  # 4
    assert public["received"]["previous"] == 5
    assert public["received"]["change"] is None  # one side suppressed
    assert public["concluded"]["value"] == 5 and public["concluded"]["change"] is None
    assert public["on_time_rate"]["value"] is None  # 2 of 5: the 2 is below 5
    assert public["satisfaction_rate"]["value"] is None  # 3 of 4


def test_periods_are_checked_with_messages_for_the_user():
    with pytest.raises(stats.PeriodError, match="年-月"):
        stats.Period.parse("2026-13", None)
    with pytest.raises(stats.PeriodError, match="不能晚于"):
        stats.Period.parse("2026-05", "2026-03")
    with pytest.raises(stats.PeriodError, match="36"):
        stats.Period.parse("2020-01", "2026-03")
    assert stats.Period.parse(None, None, today=datetime.date(2026, 2, 10)) == stats.Period(
        datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)
    )
    leap = stats.Period.month(2024, 2).year_earlier()
    assert leap.end == datetime.date(2023, 2, 28)


def test_the_case_list_lists_the_cases_behind_a_number(client, data):
    report = stats.report(data.tree.tanchang, MARCH, today=TODAY)
    client.force_login(data.petition)
    url = stats.case_list_url("concluded_late", report)
    html = client.get(url).content.decode()
    for name in ("A2", "A5", "A6"):
        assert data.cases[name].number in html
    for name in ("A1", "A11", "A4"):
        assert data.cases[name].number not in html
    narrowed = stats.case_list_url("received", report, **report.breakdowns["area"][0].filter_params)
    html = client.get(narrowed).content.decode()
    shown = [n for n, c in data.cases.items() if c.number in html]
    assert sorted(shown) == ["A1", "A3", "A7"]


def test_refresh_clocks_fills_in_facts_missing_after_an_upgrade(data):
    case = data.cases["A6"]
    Complaint.objects.filter(pk=case.pk).update(
        first_concluded_on=None, resolved_on=None, conclusion_due_on=None, intake_level=""
    )
    from django.core.management import call_command

    call_command("refresh_clocks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case.refresh_from_db()
    assert case.first_concluded_on == datetime.date(2026, 3, 15)
    assert case.resolved_on == datetime.date(2026, 3, 20)
    assert case.conclusion_due_on == datetime.date(2025, 11, 1)
    assert case.intake_level == Complaint.IntakeLevel.ONLINE


def test_intake_level_follows_who_logged_the_case(tree):
    office = factories.staff_user("office", Role.COUNTY_PETITION, tree.tanchang)
    case = factories.complaint(tree.xigu, channel="letter", actor=office).case
    assert case.intake_level == Complaint.IntakeLevel.COUNTY


def test_narrowing_the_scan_never_drops_a_case_a_figure_counts(data):
    """`within_reach` lets the counts skip old settled cases: every case any figure of any
    month counts must be within reach of that month."""
    cases = stats.area_cases(data.tree.city)
    for year, month in [(y, m) for y in (2025, 2026) for m in range(1, 13)]:
        period = stats.Period.month(year, month)
        as_of = period.as_of(TODAY)
        reach = set(cases.filter(stats.within_reach(period, as_of)).values_list("pk", flat=True))
        for key in stats.LISTABLE:
            behind = set(stats.cases_behind(cases, key, period, as_of).values_list("pk", flat=True))
            assert behind <= reach, (year, month, key)
    # And it does narrow: in June 2026 the long-settled cases of 2025 are out of reach.
    june = stats.Period.month(2026, 6)
    reach = cases.filter(stats.within_reach(june, june.as_of(TODAY)))
    assert not reach.filter(pk=data.cases["B1"].pk).exists()


def _report(**counts) -> stats.Report:
    """A report made of raw counts (the rest zero), this year and a year earlier alike."""
    raw = dict.fromkeys(stats.COUNT_LABELS, 0) | {"visits_content": 0}
    raw |= {"average_days": None, "median_days": None} | counts
    return stats.Report(
        None,
        MARCH,
        MARCH.end,
        MARCH.year_earlier(),
        MARCH.year_earlier().end,
        stats.build_figures(raw, raw),
        raw,
        dict(raw),
    )


def test_a_rate_is_withheld_when_what_it_leaves_out_is_a_small_count():
    # 10 of 12 on time would tell the public that 2 were late.
    public = stats.public_figures(_report(concluded=12, concluded_on_time=10))
    assert public["concluded"]["value"] == 12
    assert public["on_time_rate"]["value"] is None
    # All on time leaves nobody out; 20 of 30 leaves 10.
    assert (
        stats.public_figures(_report(concluded=12, concluded_on_time=12))["on_time_rate"]["value"]
        == 100.0
    )
    assert (
        stats.public_figures(_report(concluded=30, concluded_on_time=20))["on_time_rate"]["value"]
        == 66.7
    )


def test_one_hidden_division_beside_a_published_total_hides_the_next_smallest_too():
    total = _report(received=31)
    parts = [_report(received=3), _report(received=8), _report(received=20)]
    published = stats.public_figures_of_parts(total, parts)
    # 31 − 8 − 20 would give the 3 away: the 8 is withheld as well (not "<5": it is 8).
    assert [p["received"]["value"] for p in published] == ["<5", None, 20]
    assert published[1]["received"]["change"] is None
    # Two divisions already hidden: their sum is all that can be worked out.
    parts = [_report(received=3), _report(received=2), _report(received=26)]
    published = stats.public_figures_of_parts(total, parts)
    assert [p["received"]["value"] for p in published] == ["<5", "<5", 26]


def test_an_as_of_day_before_the_period_is_refused_not_a_server_error(client, data):
    with pytest.raises(stats.PeriodError):
        stats.parse_as_of("0001-01-01", MARCH)
    client.force_login(data.petition)
    response = client.get(
        "/admin/cases/",
        {
            "figure": "received",
            "period_from": "2026-03",
            "period_to": "2026-03",
            "as_of": "0001-01-01",
        },
    )
    assert response.status_code == 200
    assert data.cases["A1"].number not in response.content.decode()
