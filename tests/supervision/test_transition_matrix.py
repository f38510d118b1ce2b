"""Every transition of the case path against every kind of user: who may take it is written out
here by hand from docs/domain.md "Case path" (not read back from the code's table), so a change to
workflow.TRANSITIONS that lets the wrong person act fails this test.

Each transition is tried from its first source state by each user in a savepoint that is always
rolled back, so one case serves the whole row; `available()` (the case page's buttons) must
agree with what `perform()` accepts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from supervision.models import Complaint
from supervision.services import ownership, workflow
from tests import factories
from villages.models import Role

State = Complaint.State

OFFICE = {"petition", "city"}  # the county petition office and the city commission
# Who may take each transition. "handler" is the township discipline user the case was assigned
# to, "jiwei" another township discipline user of the same township, "owner" the leader who owns
# the case (包案), "leader" a leader of the same county who does not, "complainant" the
# villager online with code and PIN.
ALLOWED = {
    "accept": OFFICE,
    "not_accept": OFFICE,
    "transfer": OFFICE,
    "assign": OFFICE,
    "start": OFFICE | {"handler"},
    "feedback": OFFICE | {"handler", "jiwei"},
    "extend": OFFICE | {"handler"},
    "conclude": OFFICE | {"handler"},
    "return_visit": OFFICE | {"handler", "jiwei", "complainant"},
    "reopen": OFFICE,
    "close": OFFICE | {"owner"},
    "request_review": OFFICE,
    "answer_review": OFFICE,
    "request_re_review": OFFICE,
    "answer_re_review": OFFICE,
}
# Never allowed anything, whatever the state: the station operator (logs cases, does not handle
# them), the township editor, the auditor (read-only), a leader who does not own the case, and
# the petition office of another county.
NOBODY_ELSE = {"station", "editor", "auditor", "leader", "other_county"}

# The steps that bring a fresh case to each state, taken by the petition office and the handler.
PATH = {
    State.REGISTERED: [],
    State.ACCEPTED: ["accept"],
    State.ASSIGNED: ["accept", "assign"],
    State.IN_PROGRESS: ["accept", "assign", "start"],
    State.CONCLUDED: ["accept", "assign", "start", "conclude"],
    State.VISITED: ["accept", "assign", "start", "conclude", "return_visit"],
    State.REVIEW: ["accept", "assign", "start", "conclude", "request_review"],
    State.RE_REVIEW: [
        *["accept", "assign", "start", "conclude", "request_review", "answer_review"],
        "request_re_review",
    ],
}


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "city": factories.staff_user("city", Role.CITY_DISCIPLINE, tree.city),
        "handler": factories.staff_user("handler", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "owner": factories.staff_user("owner", Role.LEADER, tree.tanchang),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "station": factories.staff_user("station", Role.STATION_OPERATOR, tree.xigu),
        "editor": factories.staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu),
        "auditor": factories.staff_user("auditor", Role.AUDITOR, tree.city),
        "other_county": factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu),
        "complainant": None,
    }


def _data(name: str, people) -> dict:
    return {
        "not_accept": {"public_text": "属于法院处理的事项。"},
        "transfer": {"unit": "宕昌县民政局"},
        "assign": {"unit": "阿坞镇纪委", "handler": people["handler"]},
        "extend": {"days": 10, "approver": people["owner"], "public_text": "需调取银行流水。"},
        "return_visit": {"result": "satisfied", "method": "phone"},
    }.get(name, {"public_text": "已到村核实。"})


# A case reaches 复核 only after 复查: its start is a concluded case whose review was answered.
START = {"request_re_review": [*PATH[State.REVIEW], "answer_review"]}


def _case_in(state, tree, people, steps=None) -> Complaint:
    case = factories.complaint(
        tree.xigu, real_name=True, reporter_name="张某某", reporter_contact="13800001234"
    ).case
    ownership.assign_leader(people["petition"], case, people["owner"], "county")
    for step in PATH[state] if steps is None else steps:
        workflow.perform(people["petition"], case, step, _data(step, people))
    case.refresh_from_db()
    assert case.state == state
    return case


class Rollback(Exception):
    """Raised inside the savepoint after a transition succeeded, so it is undone."""


def _who_may(case, name, people) -> tuple[set[str], set[str]]:
    """(who perform() lets take `name`, who sees it among available())."""
    performed, offered = set(), set()
    for who, user in people.items():
        if user is not None and name in {t.name for t in workflow.available(user, case)}:
            offered.add(who)
        try:
            with transaction.atomic():
                workflow.perform(user, case, name, _data(name, people))
                raise Rollback
        except Rollback:
            performed.add(who)
        except PermissionDenied:
            continue  # refused: neither performed nor written
        finally:
            case.refresh_from_db()
    return performed, offered


def test_the_table_names_every_transition():
    assert set(ALLOWED) == set(workflow.BY_NAME)


def test_each_transition_is_taken_only_by_its_roles(tree, people):
    for name, transition in workflow.BY_NAME.items():
        case = _case_in(transition.sources[0], tree, people, START.get(name))
        events = case.events.count()
        performed, offered = _who_may(case, name, people)
        assert performed == ALLOWED[name], name
        assert not performed & NOBODY_ELSE, name
        # The buttons match what is accepted (the complainant has no admin page).
        assert offered == ALLOWED[name] - {"complainant"}, name
        case.refresh_from_db()
        assert case.state == transition.sources[0] and case.events.count() == events


def test_no_transition_is_taken_from_a_state_outside_its_sources(tree, people):
    """From each state, only the transitions listed for it succeed, even for the office."""
    for state in PATH:
        case = _case_in(state, tree, people)
        for name, transition in workflow.BY_NAME.items():
            if state in transition.sources:
                continue
            with pytest.raises(PermissionDenied, match="不能"):
                workflow.perform(people["petition"], case, name, _data(name, people))
        case.refresh_from_db()
        assert case.state == state
