"""村务公开进度 (issue 10, part 5): the township dashboard lists what is due soon, overdue and
published late, as the schedule says, for the user's villages only, with a frozen clock.

The constructed case: one rule, finance monthly by the 10th of the next month, from 2026-06-01.
阿坞村 published July's finance on 2026-08-11 (a day late), August's on 2026-09-10 at 23:30
Beijing time (the due day: on time), and nothing for June or September."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosures.affairs_models import DisclosurePage, DisclosureSchedule
from disclosures.services import schedule
from tests import factories
from tests.factories import staff_user
from villages.models import Role

URL = "/admin/disclosures/progress/"


def published(page, day: datetime.date, hour=10, minute=0):
    at = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))
    DisclosurePage.objects.filter(pk=page.pk).update(first_published_at=at)


@pytest.fixture
def case(tree):
    DisclosureSchedule.objects.all().delete()
    DisclosureSchedule.objects.create(
        kind="finance", period_type="month", due_day=10, effective_from=datetime.date(2026, 6, 1)
    )
    july = factories.disclosure(
        tree.awu_village,
        kind="finance",
        period_type="month",
        period_start=datetime.date(2026, 7, 1),
    )
    published(july, datetime.date(2026, 8, 11), hour=0, minute=5)
    august = factories.disclosure(
        tree.awu_village,
        kind="finance",
        period_type="month",
        period_start=datetime.date(2026, 8, 1),
    )
    published(august, datetime.date(2026, 9, 10), hour=23, minute=30)
    return {"july": july, "august": august}


def on(monkeypatch, day: datetime.date):
    monkeypatch.setattr(schedule, "today", lambda: day)


def section(body: str, list_id: str) -> str:
    match = re.search(
        rf'<section[^>]*aria-labelledby="{list_id}-title">(.*?)</section>', body, re.S
    )
    assert match, f"no section {list_id}"
    return match.group(1)


def rows(body: str, list_id: str) -> list[tuple[str, str]]:
    """(village, period, days) of each row of one list."""
    found = []
    for tr in re.findall(r"<tr>(.*?)</tr>", section(body, list_id), re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        found.append((cells[0], cells[2], cells[-2]))
    return found


def test_boundaries_due_today_is_due_soon_tomorrow_overdue_and_late_by_one_day(
    client, tree, case, editor, monkeypatch
):
    client.force_login(editor)
    on(monkeypatch, datetime.date(2026, 10, 9))
    body = client.get(URL).content.decode()
    assert ("阿坞村", "2026年9月", "1 天") in rows(body, "due-soon")  # due tomorrow
    assert ("西固村", "2026年9月", "1 天") in rows(body, "due-soon")

    on(monkeypatch, datetime.date(2026, 10, 10))
    body = client.get(URL).content.decode()
    assert ("阿坞村", "2026年9月", "0 天") in rows(body, "due-soon")  # due today: not overdue yet
    assert all(period != "2026年9月" for _v, period, _d in rows(body, "overdue"))

    on(monkeypatch, datetime.date(2026, 10, 11))
    body = client.get(URL).content.decode()
    overdue = rows(body, "overdue")
    assert ("阿坞村", "2026年9月", "1 天") in overdue  # the day after: overdue by one day
    assert ("阿坞村", "2026年6月", "93 天") in overdue  # never published
    assert all(
        period not in ("2026年7月", "2026年8月") for v, period, _d in overdue if v == "阿坞村"
    )
    # Published at 00:05 on the day after the due day: late by one day. August, published at
    # 23:30 on its due day (Beijing time), is on time and not listed.
    assert rows(body, "late") == [("阿坞村", "2026年7月", "1 天")]
    assert "2026年9月" not in section(body, "due-soon")


def test_rows_link_to_the_village_and_the_disclosure(client, tree, case, editor, monkeypatch):
    client.force_login(editor)
    on(monkeypatch, datetime.date(2026, 10, 11))
    body = client.get(URL).content.decode()
    late = section(body, "late")
    assert reverse("wagtailadmin_explore", args=[tree.awu_village.pk]) in late
    assert reverse("wagtailadmin_pages:edit", args=[case["july"].pk]) in late


def test_filters_by_village_and_kind(client, tree, case, editor, monkeypatch):
    client.force_login(editor)
    on(monkeypatch, datetime.date(2026, 10, 11))
    body = client.get(URL, {"village": tree.xigu.pk}).content.decode()
    assert {v for v, _p, _d in rows(body, "overdue")} == {"西固村"}
    assert rows(body, "late") == []
    body = client.get(URL, {"kind": "party"}).content.decode()
    assert rows(body, "overdue") == [] and rows(body, "late") == []


def test_each_role_sees_its_own_villages_only(client, tree, case, monkeypatch):
    on(monkeypatch, datetime.date(2026, 10, 11))
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    client.force_login(petition)
    villages = {v for v, _p, _d in rows(client.get(URL).content.decode(), "overdue")}
    assert villages == {"阿坞村", "西固村", "哈达铺村"}  # the whole county, not 坪儿上村

    discipline = staff_user("jiwei_hadapu", Role.TOWNSHIP_DISCIPLINE, tree.hadapu)
    client.force_login(discipline)
    villages = {v for v, _p, _d in rows(client.get(URL).content.decode(), "overdue")}
    assert villages == {"哈达铺村"}

    for role, node in [(Role.STATION_OPERATOR, tree.awu_village), (Role.AUDITOR, tree.city)]:
        client.force_login(staff_user(f"u_{role}", role, node))
        refused = client.get(URL)  # the admin's refusal: back to the dashboard, with a message
        assert refused.status_code == 302 and refused.url == "/admin/"


def test_dashboard_panel_counts_in_its_heading(client, tree, case, editor, monkeypatch):
    client.force_login(editor)
    on(monkeypatch, datetime.date(2026, 10, 11))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    # Overdue: June and September for 阿坞村; June to September for 西固村. Late: July.
    assert "村务公开进度：逾期未公开 6 · 即将到期 0 · 公开较晚 1" in body
    assert URL in body
