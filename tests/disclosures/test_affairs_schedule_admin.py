"""公开时限规则 in the admin (issue 10, part 1): a county petition office edits only its own
county's rules, its county fixed; the default rules only the city commission and superusers;
the model's own checks come back in Chinese."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from disclosures.affairs_models import DisclosureSchedule
from tests.factories import staff_user
from villages.models import Role


def text(response) -> str:
    return html.unescape(response.content.decode())


def rule_data(**fields):
    return {
        "kind": "finance",
        "period_type": "month",
        "due_day": "5",
        "due_working_days": "",
        "display_working_days": "",
        "effective_from": "2026-01-01",
        "basis": "本县规定",
        **fields,
    }


@pytest.fixture
def petition(tree):
    return staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)


@pytest.fixture
def rules(tree):
    own = DisclosureSchedule.objects.create(
        county=tree.tanchang, kind="party", period_type="quarter", due_day=15
    )
    other = DisclosureSchedule.objects.create(
        county=tree.wudu, kind="party", period_type="quarter", due_day=25
    )
    default = DisclosureSchedule.objects.get(county=None, kind="finance")
    return own, other, default


def test_county_office_lists_and_edits_only_its_own_rules(client, tree, petition, rules):
    own, other, default = rules
    client.force_login(petition)
    index = text(client.get(reverse("disclosure_schedule:index")))
    assert reverse("disclosure_schedule:edit", args=[own.pk]) in index
    assert reverse("disclosure_schedule:edit", args=[other.pk]) not in index
    assert reverse("disclosure_schedule:edit", args=[default.pk]) not in index
    assert client.get(reverse("disclosure_schedule:edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("disclosure_schedule:edit", args=[default.pk])).status_code == 404
    response = client.post(
        reverse("disclosure_schedule:edit", args=[default.pk]), rule_data(due_day="1")
    )
    assert response.status_code == 404
    assert DisclosureSchedule.objects.get(pk=default.pk).due_day == 10
    assert client.post(reverse("disclosure_schedule:delete", args=[other.pk])).status_code == 404
    assert DisclosureSchedule.objects.filter(pk=other.pk).exists()


def test_county_is_fixed_to_the_offices_own(client, tree, petition, rules):
    client.force_login(petition)
    response = client.post(reverse("disclosure_schedule:add"), rule_data(county=tree.wudu.pk))
    assert response.status_code == 302
    rule = DisclosureSchedule.objects.get(kind="finance", county__isnull=False)
    assert rule.county_id == tree.tanchang.pk and rule.due_day == 5


def test_chinese_validation_from_the_model_and_for_a_second_rule(client, tree, petition, rules):
    client.force_login(petition)
    once = client.post(
        reverse("disclosure_schedule:add"), rule_data(kind="relief", period_type="once", due_day="")
    )
    assert "逐项公开的规则要写明事项发生后几个工作日内公开。" in text(once)
    twice = client.post(reverse("disclosure_schedule:add"), rule_data(kind="party"))
    assert "宕昌县已有“党务公开”的规则，请直接修改那一条。" in text(twice)
    assert DisclosureSchedule.objects.filter(county=tree.tanchang).count() == 1


def test_city_edits_the_default_rules(client, tree, rules):
    _own, _other, default = rules
    city = staff_user("jiwei_city", Role.CITY_DISCIPLINE, tree.city)
    client.force_login(city)
    response = client.post(
        reverse("disclosure_schedule:edit", args=[default.pk]), rule_data(due_day="12")
    )
    assert response.status_code == 302
    assert DisclosureSchedule.objects.get(pk=default.pk).due_day == 12


def test_township_staff_have_no_rules_screen(client, tree, editor, rules):
    client.force_login(editor)
    response = client.get(reverse("disclosure_schedule:index"))
    assert response.status_code == 302 and response.url == "/admin/"
