"""我的待办 (services/todo.py): each role's sections list exactly the cases it may act on now,
within its jurisdiction and never a case it is recused from; red and yellow first."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from supervision.models import Complaint
from supervision.services import ownership, todo, workflow
from tests import factories
from villages.models import Role

State = Complaint.State

# Who takes each step (workflow.TRANSITIONS): the office accepts and assigns, the handler works.
OFFICE_STEPS = {"accept", "assign", "reopen", "close"}


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "jiwei2": factories.staff_user("jiwei2", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "other_leader": factories.staff_user("leader2", Role.LEADER, tree.tanchang),
        "station": factories.staff_user("station", Role.STATION_OPERATOR, tree.xigu),
    }


def advance(case, people, *steps, handler=None, visit="satisfied"):
    data = {
        "assign": {"unit": "阿坞镇纪委", "handler": handler or people["jiwei"]},
        "conclude": {"public_text": "已办结。"},
        "return_visit": {"result": visit, "method": "phone"},
        "reopen": {"public_text": "重新核实。"},
    }
    for step in steps:
        actor = people["petition"] if step in OFFICE_STEPS else (handler or people["jiwei"])
        workflow.perform(actor, case, step, data.get(step, {}))
    case.refresh_from_db()
    return case


HANDLED = ("accept", "assign", "start", "conclude")


@pytest.fixture
def cases(tree, people):
    """One case per place on the path, in 西固村 (阿坞镇, 宕昌县), and two outside what most see."""
    new = lambda village=tree.xigu, **kw: factories.complaint(village, **kw).case  # noqa: E731
    made = {
        "registered": new(),
        "accepted": advance(new(), people, "accept"),
        "assigned": advance(new(), people, "accept", "assign"),
        "in_progress": advance(new(), people, "accept", "assign", "start"),
        "other_handler": advance(
            new(), people, "accept", "assign", "start", handler=people["jiwei2"]
        ),
        "concluded": advance(new(), people, *HANDLED),
        "unsatisfied": advance(new(), people, *HANDLED, "return_visit", visit="unsatisfied"),
        "satisfied": advance(new(), people, *HANDLED, "return_visit"),
        "other_county": new(tree.pingershang),
        "hadapu": new(tree.hadapu_village),
    }
    recused = new()
    recused.accused_users.add(people["petition"], people["jiwei"], people["leader"])
    made["recused"] = recused
    ownership.assign_leader(people["petition"], made["satisfied"], people["leader"], "county")
    ownership.assign_leader(people["petition"], made["in_progress"], people["leader"], "township")
    return made


def sections_of(user) -> dict[str, set[str]]:
    return {s.key: {c.number for c in s.cases} for s in todo.todo_for(user)}


def numbers(cases, *names) -> set[str]:
    return {cases[n].number for n in names}


def test_the_petition_office_sees_what_it_accepts_visits_back_and_closes(people, cases):
    found = sections_of(people["petition"])
    assert found["accept"] == numbers(cases, "registered", "hadapu")
    assert found["unsatisfied"] == numbers(cases, "unsatisfied")
    assert found["visit"] == numbers(cases, "concluded")
    assert found["close"] == numbers(cases, "satisfied")
    assert found["handle"] == set()  # the office handles nothing itself here
    # Another county's case and a case the user is recused from appear nowhere.
    everything = set().union(*found.values())
    assert cases["other_county"].number not in everything
    assert cases["recused"].number not in everything


def test_a_handler_sees_only_the_cases_assigned_to_them(people, cases):
    found = sections_of(people["jiwei"])
    assert found == {
        "handle": numbers(cases, "assigned", "in_progress"),
        "visit": numbers(cases, "concluded"),
    }
    assert sections_of(people["jiwei2"])["handle"] == numbers(cases, "other_handler")


def test_a_leader_sees_the_cases_they_own(people, cases):
    found = sections_of(people["leader"])
    assert found == {
        "handle": set(),
        "visit": set(),
        "owned_close": numbers(cases, "satisfied"),
        "owned_open": numbers(cases, "in_progress"),
    }
    assert not set().union(*sections_of(people["other_leader"]).values())
    # The station operator and a recused leader have nothing of these to do.
    assert todo.todo_for(people["station"]) == []


def test_a_recused_handler_does_not_see_their_case(people, cases, tree):
    case = factories.complaint(tree.xigu).case
    advance(case, people, "accept", "assign")
    case.accused_users.add(people["jiwei"])
    assert case.number not in sections_of(people["jiwei"])["handle"]


def test_red_and_yellow_come_first(people, cases, tree):
    later = factories.complaint(tree.xigu).case
    today = timezone.localdate()
    Complaint.objects.filter(pk=cases["registered"].pk).update(
        due_date=today + datetime.timedelta(days=20), warning=""
    )
    Complaint.objects.filter(pk=cases["hadapu"].pk).update(
        due_date=today + datetime.timedelta(days=2), warning=Complaint.Warning.YELLOW
    )
    Complaint.objects.filter(pk=later.pk).update(
        due_date=today - datetime.timedelta(days=1), warning=Complaint.Warning.RED
    )
    section = next(s for s in todo.todo_for(people["petition"]) if s.key == "accept")
    assert [c.number for c in section.cases] == [
        later.number,
        cases["hadapu"].number,
        cases["registered"].number,
    ]
    assert todo.counts(section) == {"total": 3, "red": 1, "yellow": 1}
