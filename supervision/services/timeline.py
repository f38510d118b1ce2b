"""What the holder of a receipt code and PIN may see of a case: the public timeline.

One builder (docs/architecture.md "One builder per view model") for /track/, the station
operator's view of the cases they logged, the printable slip and Open311's status notes: states,
dates, the deadline now running and the public text of each event. Never internal notes, the
accused, the reporter's contact or anyone's name.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import CaseEvent, Complaint
from .clock import Deadline, stored_deadline
from .receipts import format_code

# Events a resident sees; internal notes and attachments added by staff are not among them.
PUBLIC_EVENT_KINDS = {
    CaseEvent.Kind.SUBMITTED,
    CaseEvent.Kind.LOGGED,
    CaseEvent.Kind.STATE,
    CaseEvent.Kind.FEEDBACK,
    CaseEvent.Kind.REPLY,
}


@dataclass(frozen=True)
class PublicEntry:
    at: datetime.datetime
    label: str
    text: str


@dataclass(frozen=True)
class PublicCase:
    code: str
    number: str
    state: str
    state_label: str
    kind_label: str
    category: str
    village: str
    channel_label: str
    received_on: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime
    deadline: Deadline | None
    entries: list[PublicEntry] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES


CLOSED_STATES = {
    Complaint.State.NOT_ACCEPTED,
    Complaint.State.CONCLUDED,
    Complaint.State.VISITED,
    Complaint.State.CLOSED,
    Complaint.State.FINAL,
    Complaint.State.TRANSFERRED,
}


def _label(event: CaseEvent) -> str:
    if event.kind == CaseEvent.Kind.STATE and event.to_state:
        return Complaint.State(event.to_state).label
    if event.kind in (CaseEvent.Kind.SUBMITTED, CaseEvent.Kind.LOGGED):
        return _("已收到")
    return event.get_kind_display()


def public_entries(case: Complaint) -> list[PublicEntry]:
    events = case.events.filter(kind__in=PUBLIC_EVENT_KINDS).only(
        "at", "kind", "to_state", "public_text"
    )
    return [PublicEntry(e.at, str(_label(e)), e.public_text) for e in events]


def public_case(case: Complaint) -> PublicCase:
    return PublicCase(
        code=format_code(case.receipt_code),
        number=case.number or "",
        state=case.state,
        state_label=str(case.get_state_display()),
        kind_label=str(case.get_kind_display()),
        category=case.category.name,
        village=case.village.title,
        channel_label=str(case.get_channel_display()),
        received_on=case.received_on,
        created_at=timezone.localtime(case.created_at),
        updated_at=timezone.localtime(case.updated_at),
        deadline=stored_deadline(case),
        entries=public_entries(case),
    )
