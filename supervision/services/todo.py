"""我的待办: the cases waiting for a user, in sections, each a queryset of `cases_for(user)`.

A section lists only cases the user may act on now, by the roles of workflow.TRANSITIONS (the
petition office accepts, visits back, closes or reopens; the handler works on what was assigned
to them; the owning leader closes what was visited back satisfied), as querysets: counting a
section costs one query, whatever the number of cases. Red first, then yellow, then by due date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy

from villages.models import Role

from ..models import Complaint, ReturnVisit
from .access import cases_for, role_of
from .ownership import open_q
from .workflow import HANDLERS, PETITION_OFFICE

State = Complaint.State
W = Complaint.Warning

# What a handler works on (workflow: start, feedback, extend, conclude; review answers).
HANDLING_STATES = (
    State.ASSIGNED,
    State.IN_PROGRESS,
    State.EXTENDED,
    State.REVIEW,
    State.RE_REVIEW,
)
SATISFIED = (ReturnVisit.Result.SATISFIED, ReturnVisit.Result.BASIC)
# Who has a to-do at all: the roles of the transitions, and the leader owning cases.
TODO_ROLES = frozenset({*HANDLERS, Role.LEADER})


@dataclass
class Section:
    key: str
    label: str
    cases: QuerySet


def may_have_todo(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in TODO_ROLES


def with_last_visit(queryset: QuerySet) -> QuerySet:
    """Annotate `last_visit`: the result of the case's latest return visit (as
    workflow._last_visit_unsatisfied reads it, newest `at` then `pk`)."""
    latest = ReturnVisit.objects.filter(case=OuterRef("pk")).order_by("-at", "-pk")
    return queryset.annotate(last_visit=Subquery(latest.values("result")[:1]))


def urgent_first(queryset: QuerySet) -> QuerySet:
    """Red, then yellow, then the rest; each by due date (none last)."""
    rank = Case(
        When(warning=W.RED, then=Value(0)),
        When(warning=W.YELLOW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.annotate(urgency=rank).order_by(
        "urgency", F("due_date").asc(nulls_last=True), "pk"
    )


def todo_for(user) -> list[Section]:
    """The sections of `user`'s to-do; empty for a role that acts on no case."""
    if not may_have_todo(user):
        return []
    visible = with_last_visit(cases_for(user))
    role = role_of(user)
    office = user.is_superuser or role in PETITION_OFFICE
    sections: list[Section] = []
    if office:
        sections += [
            Section("accept", gettext_lazy("待受理"), visible.filter(state=State.REGISTERED)),
            Section(
                "unsatisfied",
                gettext_lazy("回访不满意待处理"),
                visible.filter(state=State.VISITED, last_visit=ReturnVisit.Result.UNSATISFIED),
            ),
            Section("visit", gettext_lazy("待回访"), visible.filter(state=State.CONCLUDED)),
            Section(
                "close",
                gettext_lazy("待销号"),
                visible.filter(state=State.VISITED, last_visit__in=SATISFIED),
            ),
        ]
    mine = visible.filter(handler=user)
    sections.append(
        Section("handle", gettext_lazy("待办理"), mine.filter(state__in=HANDLING_STATES))
    )
    if not office:
        # The handler visits back the cases they concluded (the office sees all of them above).
        sections.append(
            Section("visit", gettext_lazy("待回访"), mine.filter(state=State.CONCLUDED))
        )
    if role == Role.LEADER or user.is_superuser:
        owned = visible.filter(owner_leader=user)
        sections += [
            Section(
                "owned_close",
                gettext_lazy("包案待销号"),
                owned.filter(state=State.VISITED, last_visit__in=SATISFIED),
            ),
            Section("owned_open", gettext_lazy("包案在办"), owned.filter(open_q())),
        ]
    for section in sections:
        section.cases = urgent_first(section.cases.select_related("village", "category"))
    return sections


def counts(section: Section) -> dict[str, int]:
    """A section's total, red and yellow cases, in one query."""
    return section.cases.order_by().aggregate(
        total=Count("pk"),
        red=Count("pk", filter=Q(warning=W.RED)),
        yellow=Count("pk", filter=Q(warning=W.YELLOW)),
    )
