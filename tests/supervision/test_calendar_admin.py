"""设置 → 节假日安排: the city commission adds next year's holiday schedule with its 调休 days;
the rows are checked in Chinese; open cases' provisional deadlines are replayed by the task
worker; past years stay; other roles cannot open it (issue 9, brief C item 1)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from supervision.calendar_models import WorkCalendarYear
from tests import factories
from villages.models import Role

D = datetime.date


@pytest.fixture
def city(tree):
    return factories.staff_user("city_longnan", Role.CITY_DISCIPLINE, tree.city)


def year_data(year, days, source="国办发明电〔2026〕×号"):
    return nested_form_data(
        {
            "year": year,
            "source": source,
            "days": inline_formset(
                [{"date": day, "kind": kind, "name": name} for day, kind, name in days]
            ),
        }
    )


SPRING_2027 = [
    ("2027-01-01", "holiday", "元旦"),
    *[(f"2027-02-{d:02d}", "holiday", "春节") for d in range(5, 12)],
    ("2027-02-13", "workday", "春节"),  # a Saturday worked instead
]


def test_adding_2027_makes_a_provisional_deadline_final_once_the_worker_ran(
    client, tree, city, django_capture_on_commit_callbacks
):
    # A real-name discipline report received at the end of 2026: 15 working days into 2027.
    late = factories.complaint(
        tree.xigu,
        kind="accusation",
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
        received_on=D(2026, 12, 28),
    ).case
    assert (late.due_date, late.due_provisional) == (D(2027, 1, 18), True)

    client.force_login(city)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/work-calendar/new/", year_data(2027, SPRING_2027))
    assert response.status_code == 302
    year = WorkCalendarYear.objects.get(year=2027)
    assert year.days.filter(kind="holiday").count() == 8
    assert list(year.days.filter(kind="workday").values_list("date", flat=True)) == [D(2027, 2, 13)]

    late.refresh_from_db()
    assert (late.due_date, late.due_provisional) == (D(2027, 1, 19), False)  # 元旦 not counted
    listing = client.get(response["Location"]).content.decode()
    assert "已保存，暂定期限将在几分钟内重新计算" in listing
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*2027(?:(?!</tr>).)*</tr>", listing, re.S).group(0)
    cells = [re.sub(r"\s+", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[-2:] == ["8", "1"]  # 8 days off, 1 make-up day
    assert "已公布" in row


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ([("2028-01-01", "holiday", "元旦")], "2028-01-01 不在 2027 年内"),
        (
            [("2027-10-01", "holiday", "国庆节"), ("2027-10-01", "holiday", "国庆节")],
            "2027-10-01 填了两次",
        ),
        ([("2027-02-10", "workday", "春节")], "调休上班日应是周六或周日"),
    ],
    ids=["outside the year", "twice", "make-up day on a weekday"],
)
def test_a_wrong_row_is_refused_in_chinese_and_what_was_typed_stays(client, city, days, message):
    client.force_login(city)
    response = client.post(
        "/admin/work-calendar/new/", year_data(2027, days, source="国办发明电〔2026〕7号")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "国办发明电〔2026〕7号" in body
    assert not WorkCalendarYear.objects.filter(year=2027).exists()


def test_a_holiday_on_a_weekend_is_fine(client, city):
    client.force_login(city)
    response = client.post(
        "/admin/work-calendar/new/", year_data(2027, [("2027-02-06", "holiday", "春节")])
    )
    assert response.status_code == 302
    assert WorkCalendarYear.objects.get(year=2027).days.get().date == D(2027, 2, 6)


def test_only_a_year_ahead_may_be_deleted(client, city):
    this_year = WorkCalendarYear.objects.get(year=timezone.localdate().year)  # seeded
    ahead = WorkCalendarYear.objects.create(year=timezone.localdate().year + 1, source="测试")
    client.force_login(city)
    assert (
        "/delete/" not in client.get(f"/admin/work-calendar/edit/{this_year.pk}/").content.decode()
    )
    client.post(f"/admin/work-calendar/delete/{this_year.pk}/")
    assert WorkCalendarYear.objects.filter(pk=this_year.pk).exists()
    response = client.post(f"/admin/work-calendar/delete/{ahead.pk}/")
    assert response.status_code == 302
    assert not WorkCalendarYear.objects.filter(pk=ahead.pk).exists()


def test_the_city_staff_are_told_when_next_year_is_missing(client, city):
    next_year = timezone.localdate().year + 1
    WorkCalendarYear.objects.filter(year=next_year).delete()
    client.force_login(city)
    warning = f"尚未录入 {next_year} 年的法定节假日安排"
    assert warning in client.get("/admin/").content.decode()
    assert warning in client.get("/admin/work-calendar/").content.decode()
    WorkCalendarYear.objects.create(year=next_year, source="测试")
    assert warning not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("role", "node"),
    [(Role.STATION_OPERATOR, "awu_village"), (Role.TOWNSHIP_EDITOR, "awu")],
)
def test_a_station_operator_and_a_township_editor_cannot_open_it(client, tree, role, node):
    user = factories.staff_user("someone", role, getattr(tree, node))
    client.force_login(user)
    home = client.get("/admin/").content.decode()
    assert "/admin/work-calendar/" not in home and "尚未录入" not in home
    assert client.get("/admin/work-calendar/").status_code == 302
    response = client.post("/admin/work-calendar/new/", year_data(2027, SPRING_2027))
    assert response.status_code == 302
    assert not WorkCalendarYear.objects.filter(year=2027).exists()
