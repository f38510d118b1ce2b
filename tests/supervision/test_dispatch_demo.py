"""The demo's supervised items and reception days (supervision/demo/dispatch.py): after
`seed_demo` the public pages show the gas item at 60% and the reception schedule, the unpublished
overdue item is red, each past session has its record and cases; a second seed adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from supervision.dispatch_models import ReceptionDay, SupervisedItem, SupervisedNote
from supervision.models import Complaint
from supervision.services import dispatch, reception

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_db_blocker.unblock(), override_settings(TASKS=dummy), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_items_and_days_as_the_readme_says(seeded, client):
    gas = SupervisedItem.objects.get(title="城区管道天然气供应")
    assert dispatch.is_public(gas) and dispatch.percent(gas) == 60
    assert gas.tasks.filter(milestone=True).count() == 2
    late = SupervisedItem.objects.get(title="村级集体经济项目资金拨付滞后")
    assert not dispatch.is_public(late) and late.warning == dispatch.RED
    page = client.get(f"/supervised/{gas.pk}/").content.decode()
    assert "完成 60%" in page and "施工资质复核" not in page

    past = [d for d in ReceptionDay.objects.all() if reception.record_of(d)]
    assert {d.area.title for d in past} == {"武都区", "阿坞镇"}
    for day in past:
        assert Complaint.objects.filter(reception=day, channel="leader_reception").exists()
    schedule = client.get("/reception/").content.decode()
    assert "接访 8 批 15 人次" in schedule and "宕昌县信访接待中心" in schedule


def test_a_second_seed_adds_nothing(seeded):
    before = (
        SupervisedItem.objects.count(),
        SupervisedNote.objects.count(),
        ReceptionDay.objects.count(),
        Complaint.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    after = (
        SupervisedItem.objects.count(),
        SupervisedNote.objects.count(),
        ReceptionDay.objects.count(),
        Complaint.objects.count(),
    )
    assert after == before
