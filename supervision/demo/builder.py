"""Builds (and removes) the demo complaints over the Longnan demo villages
(villages/demo/builder.py, disclosures/demo/builder.py run first).

Every case goes through supervision.services.intake.submit, as every real channel does, and its
files through check_uploads. Idempotent: a case's submission key is "demo:<key>" and a case
already there is skipped, so loading the demo again creates nothing new.

What the builder adds after `submit`, in the same transaction, and why:
- **Dates.** A demo is more useful with three months of history than with 25 cases logged in
  the same second, so a case's `created_at`, first event and attachments are moved back to the
  (invented) day it was logged. The event is rewritten with the base QuerySet's `update()`,
  going around CaseEvent's guard on purpose: the row was written a moment ago in this very
  transaction and no one has read it. Nothing else in the code may do this.
- **The receipt.** The retried-submit window is over for a case from last month, so the sealed
  PIN is forgotten, as `manage.py cleanup_receipts` would have done.
- **One published code and PIN** (complaint_data.TRACK_CODE/TRACK_PIN, listed in the README).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone

from disclosures.models import Office
from disclosures.services.lists import village_item
from villages.models import CityPage, VillagePage

from ..models import (
    CaseAttachment,
    CaseEvent,
    Complaint,
    ComplaintCategory,
    IdentityAccess,
    LegalHold,
    Open311Partner,
    ReturnVisit,
)
from ..services import partners, receipts
from ..services.access import can_log_for
from ..services.attachments import check_uploads
from ..services.clock import add_working_days
from ..services.intake import IntakeData, submit
from . import complaint_data, files
from .complaint_data import DemoCase

SUBMISSION_PREFIX = "demo:"

# The demo's station operator (赵某某, 阿坞村联络站站长) is also 阿坞村's 村务监督委员会主任, as is
# usual for a village station's head; linking the office to the login shows recusal at work.
STATION_HOLDER = {"village": complaint_data.AWU, "office": "supervisor", "user": "station_awu"}


def build_complaints(report) -> None:
    """Create the demo cases that are missing (and the demo Open311 partner)."""
    partner = _demo_partner(report)
    _link_station_head(report)
    today = timezone.localdate()
    for spec in complaint_data.CASES:
        if spec.channel == Complaint.Channel.OPEN311 and partner is None:
            continue
        if Complaint.objects.filter(submission_key=SUBMISSION_PREFIX + spec.key).exists():
            continue
        _build_case(spec, today, partner)
        report.count("complaint")


def _demo_partner(report) -> Open311Partner | None:
    """The 12345 hotline's demo key exists only where demo data is allowed (not under
    `seed_demo --allow-production`, which benchmarks use with production settings)."""
    if not settings.DEMO_DATA_ALLOWED:
        return None
    existed = Open311Partner.objects.filter(name=partners.DEMO_PARTNER_NAME).exists()
    partner = partners.ensure_demo_partner()
    if not existed:
        report.count("open311partner")
    return partner


def _working_day_on_or_before(day: datetime.date) -> datetime.date:
    # A visit or call to an office happens on a working day (add_working_days knows 调休).
    start = day - datetime.timedelta(days=10)
    candidate = start
    while True:
        following, _ = add_working_days(candidate, 1)
        if following > day:
            return candidate
        candidate = following


def _dates(spec: DemoCase, today: datetime.date) -> tuple[datetime.date, datetime.datetime]:
    received = today - datetime.timedelta(days=spec.days_ago)
    staff_logged = spec.actor != ""
    if staff_logged:
        received = _working_day_on_or_before(received)
    logged_on = received
    if spec.logged_after:
        logged_on, _ = add_working_days(received, spec.logged_after)
    hour, minute = (int(part) for part in spec.time.split(":"))
    logged_at = timezone.make_aware(
        datetime.datetime.combine(logged_on, datetime.time(hour, minute))
    )
    return received, min(logged_at, timezone.now() - datetime.timedelta(minutes=5))


def _uploads(spec: DemoCase):
    return check_uploads(
        [SimpleUploadedFile(name, files.BUILDERS[kind]()) for kind, name in spec.files]
    )


@transaction.atomic
def _build_case(spec: DemoCase, today: datetime.date, partner) -> Complaint:
    village = VillagePage.objects.get(division_code=spec.village)
    actor = get_user_model().objects.get(username=spec.actor) if spec.actor else None
    if actor is not None and not can_log_for(actor, village, spec.channel):
        raise ValueError(f"demo case {spec.key}: {spec.actor} may not log {spec.channel} here")
    received, logged_at = _dates(spec, today)
    name, contact = spec.reporter or ("", "")
    data = IntakeData(
        village=village,
        category=ComplaintCategory.objects.get(code=spec.category),
        description=spec.description,
        kind=spec.kind,
        place=spec.place,
        real_name=spec.reporter is not None,
        reporter_name=name,
        reporter_contact=contact,
        reporter_address=spec.reporter_address,
        power_item=_power_item(village, spec.power_item),
        accused_office=Office.objects.get(code=spec.accused_office)
        if spec.accused_office
        else None,
        received_on=received,
        intake_mode=spec.intake_mode,
        consent_recorded=spec.channel == Complaint.Channel.STATION,
        partner_reference=spec.partner_reference,
        files=_uploads(spec),
    )
    result = submit(
        data,
        channel=spec.channel,
        actor=actor,
        actor_label=spec.actor_label,
        partner=partner if spec.channel == Complaint.Channel.OPEN311 else None,
        submission_key=SUBMISSION_PREFIX + spec.key,
    )
    case = result.case
    extra = {}
    if spec.key == complaint_data.TRACK_CASE_KEY:
        extra = {
            "receipt_code": complaint_data.TRACK_CODE,
            "pin_digest": receipts.pin_digest(complaint_data.TRACK_CODE, complaint_data.TRACK_PIN),
        }
    Complaint.objects.filter(pk=case.pk).update(
        created_at=logged_at,
        updated_at=logged_at,
        sealed_pin=None,
        receipt_reshow_until=None,
        **extra,
    )
    # See the module docstring: the event was born in this transaction; only its time moves.
    models.QuerySet.update(CaseEvent.objects.filter(case=case), at=logged_at)
    CaseAttachment.objects.filter(case=case).update(uploaded_at=logged_at)
    return case


def _power_item(village: VillagePage, number: str):
    if not number:
        return None
    item = village_item(village, number)
    if item is None:
        raise LookupError(f"demo complaint: {village.title} has no power item {number}")
    return item


def _link_station_head(report) -> None:
    """Make the demo's station operator 阿坞村's holder of STATION_HOLDER's office. Through a
    published revision, so the next edit of the village (which starts from its latest
    revision) keeps the link; never over an editor's unpublished draft."""
    user = get_user_model().objects.filter(username=STATION_HOLDER["user"]).first()
    village = VillagePage.objects.filter(division_code=STATION_HOLDER["village"]).first()
    if user is None or village is None or village.has_unpublished_changes:
        return
    holders = list(village.office_holders.select_related("office"))
    mine = [h for h in holders if h.office.code == STATION_HOLDER["office"]]
    if not mine or any(h.user_id == user.pk for h in mine):
        return
    for holder in mine:
        holder.user = user
        holder.name = user.first_name or holder.name
    village.office_holders.set(holders)
    village.save_revision().publish()
    report.count("officeholder")


def delete_complaints() -> int:
    """Remove every complaint about a demo village, with its events, identity-access log and
    attachment files, and the Open311 partners registered over the demo tree: `seed_demo
    --reset` must clear them before the tree and the demo logins can go (all three protect
    their case). Returns the number of cases removed.

    CaseEvent and IdentityAccess refuse deletion through the ORM (the ledger and the §47 access
    log must never lose a row in normal work). Wiping a demo database is the one exception, so
    it goes around their guard with the QuerySet's `_raw_delete` (one DELETE statement, no
    signals), here and nowhere else.
    """
    city = CityPage.objects.filter(division_code=partners.DEMO_JURISDICTION_CODE).first()
    if city is None:
        return 0
    cases = Complaint.objects.filter(village__path__startswith=city.path)
    case_ids = list(cases.values_list("pk", flat=True))
    storage = CaseAttachment._meta.get_field("file").storage
    with transaction.atomic():
        cases.exclude(repeat_of=None).update(repeat_of=None)  # repeats protect their first case
        for i in range(0, len(case_ids), 500):
            batch = case_ids[i : i + 500]
            IdentityAccess.objects.filter(case_id__in=batch)._raw_delete(IdentityAccess.objects.db)
            LegalHold.objects.filter(case_id__in=batch).delete()
            CaseEvent.objects.filter(case_id__in=batch)._raw_delete(CaseEvent.objects.db)
            ReturnVisit.objects.filter(case_id__in=batch).delete()
            attachments = CaseAttachment.objects.filter(case_id__in=batch)
            names = list(attachments.values_list("file", flat=True))
            attachments.delete()
            Complaint.objects.filter(pk__in=batch).delete()
            # Files last: if anything above fails, the rows still point at existing files.
            transaction.on_commit(lambda names=names: _delete_files(storage, names))
        Open311Partner.objects.filter(jurisdiction__path__startswith=city.path).delete()
    return len(case_ids)


def _delete_files(storage, names) -> None:
    for name in names:
        if name:
            storage.delete(name)
