"""Intake: the one way a complaint enters the system, whatever the channel (village page form,
liaison station, petition office, Open311).

All or nothing: the case, its first event and its attachments are written in one transaction,
after every file has been checked. A double submit makes one case: the submission key (the
form's one-time key, or an API idempotency key) is unique, and the second submit gets the first
case back, with its PIN while the receipt may still be shown again (RESHOW_WINDOW).
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from villages.models import Role, VillagePage

from ..models import CaseAttachment, CaseEvent, Complaint, ComplaintCategory, Open311Partner
from . import clock, ownership, repeats
from .access import role_of
from .attachments import CheckedFile
from .identity import identity_hashes
from .receipts import new_pin, new_receipt_code, pin_digest

# How long a retried submit may show the same receipt again (the first answer may have been
# lost on a weak network). After that the PIN is forgotten for good.
RESHOW_WINDOW = datetime.timedelta(hours=2)


@dataclass
class IntakeData:
    village: VillagePage
    category: ComplaintCategory
    description: str
    kind: str = Complaint.Kind.PETITION
    place: str = ""
    real_name: bool = False
    reporter_name: str = ""
    reporter_contact: str = ""
    reporter_id_number: str = ""
    reporter_address: str = ""
    power_item: object | None = None
    accused_name: str = ""
    accused_office: object | None = None
    received_on: datetime.date | None = None
    intake_mode: str = ""
    consent_recorded: bool = False
    partner_reference: str = ""
    files: list[CheckedFile] = field(default_factory=list)
    # "有疑问?" on a village affairs disclosure: the disclosure, its table line and that line's
    # masked text as the villager saw it (supervision/services/questions.py).
    disclosure: object | None = None
    disclosure_line: int | None = None
    disclosure_row: str = ""
    # A matter received at a leader's reception day (领导接访): the day it was received at.
    reception: object | None = None


@dataclass(frozen=True)
class IntakeResult:
    case: Complaint
    pin: str | None  # None when a repeat submit comes after the receipt can no longer be shown
    repeated: bool


FIRST_PUBLIC_TEXT = {
    Complaint.Channel.ONLINE: (
        "您的反映已收到。我们会在规定期限内告知是否受理，请凭回执码和查询密码查看进度。"
    ),
    Complaint.Channel.STATION: (
        "联络站已代为登记您的反映，并转县纪委监委信访室。请凭回执码和查询密码查看进度。"
    ),
    Complaint.Channel.OPEN311: "您的反映已由对接平台转来登记。请凭回执码和查询密码查看进度。",
}
DEFAULT_PUBLIC_TEXT = "您的反映已登记。请凭回执码和查询密码查看进度。"


def submit(
    data: IntakeData,
    *,
    channel: str,
    actor=None,
    actor_label: str = "",
    partner: Open311Partner | None = None,
    submission_key: str | None = None,
) -> IntakeResult:
    if submission_key:
        existing = _existing(submission_key)
        if existing is not None:
            return existing
    try:
        return _create(data, channel, actor, actor_label, partner, submission_key)
    except IntegrityError:
        # Two copies of the same submit raced; the other one won. Return its case.
        if submission_key:
            existing = _existing(submission_key)
            if existing is not None:
                return existing
        raise


def _existing(submission_key: str) -> IntakeResult | None:
    case = Complaint.objects.filter(submission_key=submission_key).first()
    if case is None:
        return None
    pin = None
    if case.receipt_reshow_until and case.receipt_reshow_until > timezone.now():
        pin = case.sealed_pin or None
    return IntakeResult(case=case, pin=pin, repeated=True)


# Where a case entered, for the figures' "received by level": the station's village, the
# logging staff member's level, or online (the village page form and partner systems).
LEVEL_OF_ROLE = {
    Role.STATION_OPERATOR: Complaint.IntakeLevel.VILLAGE,
    Role.TOWNSHIP_DISCIPLINE: Complaint.IntakeLevel.TOWNSHIP,
    Role.COUNTY_PETITION: Complaint.IntakeLevel.COUNTY,
    Role.LEADER: Complaint.IntakeLevel.COUNTY,
    Role.CITY_DISCIPLINE: Complaint.IntakeLevel.CITY,
}


def intake_level(channel: str, actor) -> str:
    if channel in (Complaint.Channel.ONLINE, Complaint.Channel.OPEN311):
        return Complaint.IntakeLevel.ONLINE
    if channel == Complaint.Channel.STATION:
        return Complaint.IntakeLevel.VILLAGE
    role = role_of(actor) if actor is not None else None
    return LEVEL_OF_ROLE.get(role, Complaint.IntakeLevel.COUNTY)


def _unique_code() -> str:
    while True:
        code = new_receipt_code()
        if not Complaint.objects.filter(receipt_code=code).exists():
            return code


def _create(data, channel, actor, actor_label, partner, submission_key) -> IntakeResult:
    """The case, its event and its files, all or nothing: a failure anywhere (a full disk while
    a file is written, the database gone before the commit) rolls the rows back and removes the
    files this attempt wrote, so no case lacks its attachment and no file lacks its case."""
    saved: list = []
    try:
        with transaction.atomic():
            return _write(data, channel, actor, actor_label, partner, submission_key, saved)
    except BaseException:
        for field_file in saved:
            field_file.storage.delete(field_file.name)
        raise


def _write(data, channel, actor, actor_label, partner, submission_key, saved) -> IntakeResult:
    now = timezone.now()
    code, pin = _unique_code(), new_pin()
    real_name = bool(data.real_name)
    identity_hash, id_number_hash = (
        identity_hashes(data.reporter_name, data.reporter_contact, data.reporter_id_number)
        if real_name
        else ("", "")
    )
    case = Complaint.objects.create(
        receipt_code=code,
        pin_digest=pin_digest(code, pin),
        kind=data.kind,
        channel=channel,
        village=data.village,
        category=data.category,
        power_item=data.power_item,
        disclosure=data.disclosure,
        disclosure_line=data.disclosure_line if data.disclosure is not None else None,
        disclosure_row=data.disclosure_row[:300] if data.disclosure is not None else "",
        accused_name=data.accused_name.strip(),
        accused_office=data.accused_office,
        description=data.description.strip(),
        place=data.place.strip(),
        real_name=real_name,
        # An anonymous report keeps no identity, even if the form had some typed in.
        reporter_name=data.reporter_name.strip() if real_name else "",
        reporter_contact=data.reporter_contact.strip() if real_name else "",
        reporter_id_number=data.reporter_id_number.strip() if real_name else "",
        reporter_address=data.reporter_address.strip() if real_name else "",
        identity_hash=identity_hash,
        id_number_hash=id_number_hash,
        intake_mode=data.intake_mode,
        consent_recorded=data.consent_recorded,
        received_on=data.received_on or timezone.localdate(now),
        created_at=now,
        updated_at=now,
        logged_by=actor if actor is not None and actor.is_authenticated else None,
        partner=partner,
        partner_reference=data.partner_reference[:64],
        submission_key=submission_key or None,
        sealed_pin=pin,
        receipt_reshow_until=now + RESHOW_WINDOW,
        open311_token=secrets.token_hex(16) if channel == Complaint.Channel.OPEN311 else None,
        intake_level=intake_level(channel, actor),
        reception=data.reception,
    )
    county_code = data.village.division_code[:6]
    case.number = f"{county_code}-{case.received_on.year}-{case.pk:06d}"
    Complaint.objects.filter(pk=case.pk).update(number=case.number)

    for checked in data.files:
        attachment = CaseAttachment(
            case=case,
            original_name=checked.original_name,
            content_type=checked.content_type,
            extension=checked.extension,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_at=now,
            uploaded_by=case.logged_by,
        )
        attachment.file.save(checked.sha256 + checked.extension, checked.upload, save=False)
        saved.append(attachment.file)
        attachment.save()

    logged = channel not in (Complaint.Channel.ONLINE, Complaint.Channel.OPEN311)
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.LOGGED if logged else CaseEvent.Kind.SUBMITTED,
        at=now,
        actor=case.logged_by,
        actor_label=actor_label or (partner.name if partner else _("村民网上提交")),
        to_state=Complaint.State.REGISTERED,
        public_text=FIRST_PUBLIC_TEXT.get(channel, DEFAULT_PUBLIC_TEXT),
        internal_text="",
        changes={
            "channel": channel,
            "received_on": case.received_on.isoformat(),
            "attachments": len(data.files),
            **({"intake_mode": data.intake_mode} if data.intake_mode else {}),
            **({"consent_recorded": True} if data.consent_recorded else {}),
        },
    )
    clock.refresh(case)
    repeats.suggest(case)
    if actor is not None and ownership.skipped_level_on_intake(case, actor):
        Complaint.objects.filter(pk=case.pk).update(skipped_level=True)
        case.skipped_level = True
    return IntakeResult(case=case, pin=pin, repeated=False)
