"""Repeat detection: same person by the keyed hash, or same accused with similar text."""

import pytest
from django.core.exceptions import PermissionDenied

from supervision.models import RepeatCandidate
from supervision.services import repeats
from tests import factories
from villages.models import Role

TEXT = "村里二〇二五年的惠民补贴一卡通发放名单没有公示，有人冒领补贴。"


def _named(tree, name, phone, text=TEXT, village=None):
    return factories.complaint(
        village or tree.xigu,
        real_name=True,
        reporter_name=name,
        reporter_contact=phone,
        description=text,
    ).case


def test_the_same_person_matches_however_the_phone_is_written(tree):
    first = _named(tree, "张某某", "13800001234")
    second = _named(tree, "张某某", "+86 138 0000 1234")
    assert [c.earlier for c in second.repeat_candidates.all()] == [first]
    reasons = set(second.repeat_candidates.values_list("reason", flat=True))
    assert reasons == {RepeatCandidate.Reason.SAME_PERSON}


def test_two_people_on_one_phone_never_match(tree):
    _named(tree, "张某某", "13800001234")
    other = _named(tree, "李某某", "13800001234")
    assert not other.repeat_candidates.exists()


def test_anonymous_reports_match_on_accused_village_and_similar_text(tree):
    first = factories.complaint(tree.xigu, accused_name="王某某", description=TEXT).case
    similar = factories.complaint(
        tree.xigu,
        accused_name="王某某",
        description="惠民补贴一卡通发放名单没有公示，怀疑冒领补贴。",
    ).case
    unrelated = factories.complaint(
        tree.xigu, accused_name="王某某", description="村里修路的工程款去向不明，账目没有公开。"
    ).case
    elsewhere = factories.complaint(tree.pingershang, accused_name="王某某", description=TEXT).case
    assert [c.earlier for c in similar.repeat_candidates.all()] == [first]
    assert not unrelated.repeat_candidates.exists()
    assert not elsewhere.repeat_candidates.exists()


def test_confirming_links_to_the_first_case_of_the_matter(tree):
    petition = factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)
    station = factories.staff_user("station", Role.STATION_OPERATOR, tree.xigu)
    first = _named(tree, "张某某", "13800001234")
    second = _named(tree, "张某某", "13800001234")
    third = _named(tree, "张某某", "13800001234")
    repeats.decide(petition, second.repeat_candidates.get(), confirm=True)
    with pytest.raises(PermissionDenied):
        repeats.decide(station, third.repeat_candidates.get(earlier=second), confirm=True)
    repeats.decide(petition, third.repeat_candidates.get(earlier=second), confirm=True)
    third.refresh_from_db()
    assert third.repeat_of == first  # not the second: the first case of the matter
    assert third.events.filter(kind="repeat").count() == 1
