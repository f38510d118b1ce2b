"""Leaders owning cases and the hard-case flags."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from supervision.models import Complaint
from supervision.services import ownership, workflow
from tests import factories
from villages.models import Role


@pytest.fixture
def staff(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "far_leader": factories.staff_user("far", Role.LEADER, tree.wudu),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
    }


def test_a_leader_owns_a_case_and_may_close_it(tree, staff):
    case = factories.complaint(tree.xigu).case
    petition, leader, jiwei = staff["petition"], staff["leader"], staff["jiwei"]
    with pytest.raises(ValidationError):
        ownership.assign_leader(petition, case, staff["far_leader"], "county")
    with pytest.raises(PermissionDenied):
        ownership.assign_leader(jiwei, case, leader, "county")
    ownership.assign_leader(petition, case, leader, "county")
    case.refresh_from_db()
    assert case.owner_leader == leader and case.get_owner_level_display() == "县级"
    for name, data in [
        ("accept", {}),
        ("assign", {"unit": "阿坞镇纪委", "handler": jiwei}),
        ("start", {}),
        ("conclude", {"public_text": "已办结"}),
        ("return_visit", {"result": "basic", "method": "phone"}),
    ]:
        workflow.perform(
            jiwei if name in ("start", "conclude", "return_visit") else petition, case, name, data
        )
    workflow.perform(leader, case, "close")  # 逐件销号 by the owning leader
    case.refresh_from_db()
    assert case.state == Complaint.State.CLOSED


def test_flags_backlog_long_pending_and_staff_flags(tree, staff):
    case = factories.complaint(
        tree.xigu, received_on=datetime.date.today() - datetime.timedelta(days=120)
    ).case
    case.refresh_from_db()
    today = datetime.date.today()
    flags = ownership.flags_of(case, today)
    assert "backlog" in flags  # open 120 days
    assert "long_pending" in flags  # acceptance was due 105 days ago
    assert Complaint.objects.filter(ownership.flag_q("backlog", today)).count() == 1
    ownership.set_flag(staff["petition"], case, "hard_case", True, "多次反映，涉及多户")
    case.refresh_from_db()
    assert "hard_case" in ownership.flags_of(case, today)


def test_a_county_visit_straight_to_the_petition_office_is_skipped_level(tree, staff):
    case = factories.complaint(
        tree.xigu,
        channel="visit",
        actor=staff["petition"],
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
    ).case
    assert case.skipped_level
    online = factories.complaint(
        tree.xigu, real_name=True, reporter_name="李某某", reporter_contact="13900001234"
    ).case
    later = factories.complaint(
        tree.xigu,
        channel="visit",
        actor=staff["petition"],
        real_name=True,
        reporter_name="李某某",
        reporter_contact="13900001234",
    ).case
    assert not online.skipped_level and not later.skipped_level


def test_a_double_click_on_leader_or_flag_writes_once(tree, staff):
    from supervision.models import CaseEvent

    case = factories.complaint(tree.xigu).case
    petition, leader = staff["petition"], staff["leader"]
    first = ownership.assign_leader(petition, case, leader, "county")
    assert ownership.assign_leader(petition, case, leader, "county") == first
    assert ownership.set_flag(petition, case, "hard_case", True) is not None
    assert ownership.set_flag(petition, case, "hard_case", True) is None
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count(CaseEvent.Kind.OWNER) == 1 and kinds.count(CaseEvent.Kind.FLAG) == 1
    ownership.assign_leader(petition, case, leader, "township")  # a real change is written
    assert case.events.filter(kind=CaseEvent.Kind.OWNER).count() == 2
