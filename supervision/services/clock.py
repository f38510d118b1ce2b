"""The clock: which deadline is running on a case, when it falls due, and its warning colour.

Deadlines are concluded from the event log (docs/architecture.md "The clock"): replaying a
case's events gives the dates it was received, accepted, extended, concluded, asked for review;
the rules (`DeadlineRule`, data) turn those into due dates, counted in calendar days or in
working days by the official calendar (services/workdays.py). The same replay over the same log
always gives the same deadlines. `refresh()` stores the result on the case row, so lists, the
warning job and figures can filter without replaying.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from ..models import CaseEvent, Complaint, DeadlineRule
from .workdays import DueDate, add_calendar_days, add_working_days

State = Complaint.State
Code = DeadlineRule.Code


@dataclass(frozen=True)
class Deadline:
    code: str
    label: str
    due: datetime.date
    provisional: bool  # counts days of a year whose holiday schedule is not published yet


@dataclass
class Facts:
    """What the event log says about a case's dates."""

    state: str = State.REGISTERED
    received_on: datetime.date | None = None
    accepted_on: datetime.date | None = None
    concluded_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    review_on: datetime.date | None = None
    re_review_on: datetime.date | None = None
    transferred_on: datetime.date | None = None
    not_accepted_on: datetime.date | None = None
    first_concluded_on: datetime.date | None = None
    resolved_on: datetime.date | None = None
    contested_on: datetime.date | None = None
    extension_days: int = 0
    events: list[CaseEvent] = field(default_factory=list)


def rule_for(code: str, kind: str) -> DeadlineRule:
    """The rule for `code`: the one for this case kind if there is one, else the general one."""
    rules = _rules()
    return rules.get((code, kind)) or rules[(code, "")]


def _rules() -> dict[tuple[str, str], DeadlineRule]:
    return {(r.code, r.case_kind): r for r in DeadlineRule.objects.all()}


def due_by_rule(rule: DeadlineRule, start: datetime.date, extra_days: int = 0) -> DueDate:
    if rule.unit == DeadlineRule.Unit.WORKING:
        due = add_working_days(start, rule.days)
        return DueDate(due.date + datetime.timedelta(days=extra_days), due.provisional)
    return add_calendar_days(start, rule.days + extra_days)


def replay(case: Complaint, events=None) -> Facts:
    events = list(case.events.all()) if events is None else list(events)
    facts = Facts(received_on=case.received_on, events=events)
    for event in events:
        day = timezone.localdate(event.at)
        if event.kind != CaseEvent.Kind.STATE or not event.to_state:
            continue
        facts.state = event.to_state
        action = (event.changes or {}).get("action", "")
        if event.to_state == State.ACCEPTED and facts.accepted_on is None:
            facts.accepted_on = day
        elif event.to_state == State.EXTENDED:
            facts.extension_days += int((event.changes or {}).get("days", 0))
        elif event.to_state == State.CONCLUDED:
            facts.concluded_on = day
            facts.first_concluded_on = facts.first_concluded_on or day
        elif event.to_state == State.CLOSED:
            facts.closed_on = day
            facts.resolved_on = facts.resolved_on or day
        elif event.to_state == State.FINAL:
            facts.resolved_on = facts.resolved_on or day
        elif event.to_state == State.NOT_ACCEPTED:
            facts.not_accepted_on = facts.not_accepted_on or day
        elif event.to_state == State.REVIEW:
            facts.review_on = day
        elif event.to_state == State.RE_REVIEW:
            facts.re_review_on = day
        elif event.to_state == State.TRANSFERRED:
            facts.transferred_on = day
        if action == "reopen":
            facts.concluded_on = None
        if action == "reopen" or event.to_state in (State.REVIEW, State.RE_REVIEW):
            facts.contested_on = facts.contested_on or day
    return facts


def running_deadline(case: Complaint, facts: Facts | None = None) -> Deadline | None:
    """The deadline staff must meet now, or None when nothing is running."""
    facts = facts or replay(case)
    code, start, extra = _running(case, facts)
    if code is None or start is None:
        return None
    rule = rule_for(code, case.kind)
    due = due_by_rule(rule, start, extra)
    return Deadline(code, str(rule.get_code_display()), due.date, due.provisional)


def _running(case: Complaint, facts: Facts) -> tuple[str | None, datetime.date | None, int]:
    state = facts.state
    if state == State.REGISTERED:
        return Code.ACCEPTANCE, facts.received_on, 0
    if state in (State.ACCEPTED, State.ASSIGNED, State.IN_PROGRESS, State.EXTENDED):
        return Code.CONCLUSION, facts.accepted_on, facts.extension_days
    if state == State.CONCLUDED:
        return Code.RETURN_VISIT, facts.concluded_on, 0
    if state == State.REVIEW:
        return Code.REVIEW_ANSWER, facts.review_on, 0
    if state == State.RE_REVIEW:
        return Code.RE_REVIEW_ANSWER, facts.re_review_on, 0
    return None, None, 0


def stored_deadline(case: Complaint) -> Deadline | None:
    """The running deadline as `refresh()` last stored it on the row: no query, for lists, the
    API and every page that shows a case (the row is refreshed after every event, by the warning
    job, and when a calendar year is added)."""
    if not case.due_date or not case.due_kind:
        return None
    label = str(DeadlineRule.Code(case.due_kind).label)
    return Deadline(case.due_kind, label, case.due_date, case.due_provisional)


def review_window(case: Complaint, facts: Facts | None = None) -> Deadline | None:
    """Until when the complainant may ask for 复查 (after a conclusion) — shown on /track/."""
    facts = facts or replay(case)
    if facts.state not in (State.CONCLUDED, State.VISITED) or facts.concluded_on is None:
        return None
    code = Code.RE_REVIEW_APPLY if facts.review_on else Code.REVIEW_APPLY
    rule = rule_for(code, case.kind)
    due = due_by_rule(rule, facts.concluded_on)
    return Deadline(code, str(rule.get_code_display()), due.date, due.provisional)


def warning_for(due: datetime.date | None, today: datetime.date | None = None) -> str:
    """Red when overdue; yellow within SUPERVISION_WARNING_DAYS calendar days of the due date."""
    if due is None:
        return Complaint.Warning.NONE
    today = today or timezone.localdate()
    if today > due:
        return Complaint.Warning.RED
    if (due - today).days <= getattr(settings, "SUPERVISION_WARNING_DAYS", 3):
        return Complaint.Warning.YELLOW
    return Complaint.Warning.NONE


CLOCK_FIELDS = [
    "accepted_on",
    "concluded_on",
    "closed_on",
    "extension_days",
    "due_kind",
    "due_date",
    "due_provisional",
    "warning",
    "not_accepted_on",
    "transferred_on",
    "first_concluded_on",
    "conclusion_due_on",
    "conclusion_days",
    "contested_on",
    "resolved_on",
]


def conclusion_due(case: Complaint, facts: Facts) -> datetime.date | None:
    """办结期限: acceptance + the conclusion rule + approved extensions (None before acceptance)."""
    if facts.accepted_on is None:
        return None
    rule = rule_for(Code.CONCLUSION, case.kind)
    return due_by_rule(rule, facts.accepted_on, facts.extension_days).date


def refresh(case: Complaint, today: datetime.date | None = None, save: bool = True) -> bool:
    """Recompute the clock fields from the log; returns whether anything changed."""
    facts = replay(case)
    deadline = running_deadline(case, facts)
    values = {
        "accepted_on": facts.accepted_on,
        "concluded_on": facts.concluded_on,
        "closed_on": facts.closed_on,
        "extension_days": facts.extension_days,
        "due_kind": deadline.code if deadline else "",
        "due_date": deadline.due if deadline else None,
        "due_provisional": deadline.provisional if deadline else False,
        "warning": warning_for(deadline.due if deadline else None, today),
        # The facts the figures count (services/stats.py).
        "not_accepted_on": facts.not_accepted_on,
        "transferred_on": facts.transferred_on,
        "first_concluded_on": facts.first_concluded_on,
        "conclusion_due_on": conclusion_due(case, facts),
        "conclusion_days": (
            (facts.first_concluded_on - facts.accepted_on).days
            if facts.first_concluded_on and facts.accepted_on
            else None
        ),
        "contested_on": facts.contested_on,
        "resolved_on": facts.resolved_on,
    }
    changed = {k: v for k, v in values.items() if getattr(case, k) != v}
    for name, value in changed.items():
        setattr(case, name, value)
    if changed and save:
        Complaint.objects.filter(pk=case.pk).update(**changed)
    return bool(changed)
