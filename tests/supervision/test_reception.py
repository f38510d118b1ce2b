"""Leader reception days (领导接访): the public schedule shows published days only, upcoming first
then recent sessions with "接访 N 批 M 人次"; one record per day; a matter logged from a day
becomes a case with channel 领导接访 linked to it (and may go to the day's leader); staff
outside the day's area are kept out."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from supervision.dispatch_models import ReceptionDay, ReceptionRecord
from supervision.models import Complaint, ComplaintCategory
from supervision.services import reception
from tests import factories
from villages.models import Role

TODAY = timezone.localdate()


def make_day(area, days_from_today, *, published=True, **fields):
    return ReceptionDay.objects.create(
        area=area,
        leader_name=fields.pop("leader_name", "李某某"),
        leader_title=fields.pop("leader_title", "县委副书记"),
        date=TODAY + datetime.timedelta(days=days_from_today),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        place=fields.pop("place", "县信访接待中心"),
        topics="征地拆迁、惠民补贴",
        published=published,
        **fields,
    )


@pytest.fixture
def petition(tree):
    return factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)


def test_schedule_shows_published_days_and_recent_records(client, tree, petition):
    make_day(tree.tanchang, 3, place="宕昌县信访局一楼")
    make_day(tree.awu, 5, place="不公布的接访地点", published=False)
    past = make_day(tree.wudu, -10, place="武都区接待中心", leader_title="区长")
    reception.record(
        past,
        12,
        30,
        "反映集中在惠民补贴。",
        factories.staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu),
    )

    page = client.get("/reception/")
    text = page.content.decode()
    assert page.status_code == 200 and not page.cookies
    assert "宕昌县信访局一楼" in text
    assert "不公布的接访地点" not in text
    assert "接访 12 批 30 人次" in text

    filtered = client.get("/reception/", {"county": tree.wudu.pk}).content.decode()
    assert "宕昌县信访局一楼" not in filtered and "接访 12 批 30 人次" in filtered


def test_the_village_page_lists_its_township_and_county_days(client, tree):
    make_day(tree.awu, 2, place="阿坞镇政府会议室")
    make_day(tree.tanchang, 4, place="宕昌县信访局一楼")
    make_day(tree.wudu, 4, place="武都区接待中心")
    village_page = client.get(tree.awu_village.url).content.decode()
    assert "领导接访" in village_page
    text = client.get(tree.awu_village.url + "reception/").content.decode()
    assert "阿坞镇政府会议室" in text and "宕昌县信访局一楼" in text
    assert "武都区接待中心" not in text


def test_one_record_per_day_and_only_after_it(tree, petition):
    day = make_day(tree.tanchang, -1)
    reception.record(day, 3, 5, "", petition)
    reception.record(day, 4, 6, "更正", petition)
    assert ReceptionRecord.objects.get(day=day).persons == 6
    assert ReceptionRecord.objects.count() == 1
    with pytest.raises(Exception, match="还没有举行"):
        reception.record(make_day(tree.tanchang, 2), 1, 1, "", petition)
    outsider = factories.staff_user("jiwei_puchi", Role.TOWNSHIP_DISCIPLINE, tree.puchi)
    with pytest.raises(PermissionDenied):
        reception.record(day, 1, 1, "", outsider)


def intake_post(village, **extra):
    return {
        "village": village.pk,
        "channel": "leader_reception",
        "kind": "petition",
        "category": ComplaintCategory.objects.get(code="subsidy").pk,
        "description": "接访时反映：二组的惠民补贴名单没有公示。",
        "identity": "anonymous",
        "received_on": TODAY.isoformat(),
        "submission_key": "r" * 24,
        **extra,
    }


def test_a_matter_logged_from_a_day_becomes_a_case(client, tree, petition):
    leader = factories.staff_user("leader", Role.LEADER, tree.tanchang)
    day = make_day(tree.awu, 0, leader=leader)
    client.force_login(petition)
    form = client.get(f"/admin/reception-days/{day.pk}/intake/").content.decode()
    assert "阿坞村" in form and "哈达铺村" not in form  # only villages of the day's area
    assert "由接访领导" in form
    response = client.post(
        f"/admin/reception-days/{day.pk}/intake/",
        intake_post(tree.awu_village, make_owner="on"),
    )
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.channel == Complaint.Channel.LEADER_RECEPTION
    assert case.reception == day
    assert case.owner_leader == leader
    page = client.get(f"/admin/reception-days/inspect/{day.pk}/").content.decode()
    assert case.number in page


def test_a_village_outside_the_day_is_refused(client, tree, petition):
    day = make_day(tree.awu, 0)
    client.force_login(petition)
    client.post(f"/admin/reception-days/{day.pk}/intake/", intake_post(tree.hadapu_village))
    assert not Complaint.objects.exists()


def test_staff_outside_the_area_are_kept_out(client, tree):
    day = make_day(tree.tanchang, -1)
    outsider = factories.staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu)
    client.force_login(outsider)
    assert client.get(f"/admin/reception-days/inspect/{day.pk}/").status_code == 404
    assert client.get(f"/admin/reception-days/edit/{day.pk}/").status_code == 404
    assert client.get(f"/admin/reception-days/{day.pk}/intake/").status_code == 404
    client.post(f"/admin/reception-days/{day.pk}/record/", {"batches": 1, "persons": 1})
    assert not ReceptionRecord.objects.exists()
    # The township committee manages its own township's days only.
    jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    client.force_login(jiwei)
    assert client.get(f"/admin/reception-days/inspect/{day.pk}/").status_code == 404
    own = make_day(tree.awu, -1)
    client.post(f"/admin/reception-days/{own.pk}/record/", {"batches": 2, "persons": 3})
    assert ReceptionRecord.objects.get(day=own).batches == 2


def test_the_township_committee_adds_days_for_its_township_only(client, tree):
    jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    client.force_login(jiwei)
    form = client.get("/admin/reception-days/new/").content.decode()
    assert "阿坞镇" in form and "哈达铺镇" not in form
    day = (TODAY + datetime.timedelta(days=7)).isoformat()
    data = {
        "date": day,
        "start_time": "09:00",
        "end_time": "11:30",
        "place": "阿坞镇政府一楼",
        "leader_title": "镇党委书记",
        "leader_name": "张某某",
        "topics": "",
        "published": "on",
    }
    client.post("/admin/reception-days/new/", {**data, "area": tree.hadapu.pk})
    assert not ReceptionDay.objects.exists()
    response = client.post("/admin/reception-days/new/", {**data, "area": tree.awu.pk})
    assert response.status_code == 302
    assert ReceptionDay.objects.get().area_id == tree.awu.pk


def test_the_list_filters_past_days_by_record(client, tree, petition):
    recorded = make_day(tree.awu, -3, place="已记录的接访地点")
    make_day(tree.awu, -2, place="未记录的接访地点")
    make_day(tree.awu, 3, place="将来的接访地点")
    reception.record(recorded, 2, 4, "", petition)
    client.force_login(petition)
    past = client.get("/admin/reception-days/", {"when": "past", "recorded": "0"}).content.decode()
    assert "未记录的接访地点" in past
    assert "已记录的接访地点" not in past and "将来的接访地点" not in past
    everything = client.get("/admin/reception-days/").content.decode()
    assert "接访 2 批 4 人次" in everything
