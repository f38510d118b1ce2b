"""Keeping no more than needed: a sealed PIN is forgotten once its reshow window is over, and a
reporter's identity once its case's retention period is over (unless a legal hold stands).

Intake keeps the PIN, encrypted, for RESHOW_WINDOW (supervision/services/intake.py) so that a
retried submit whose first answer was lost can show the same receipt again. After that nobody
may see it again (only its keyed digest is needed to check a lookup), so `manage.py
cleanup_receipts` wipes it. Intake already ignores an expired sealed PIN; this makes sure it is
not in the database (or its backups) either.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from villages.models import Role

from ..models import CaseEvent, Complaint, ComplaintCategory, LegalHold
from .access import can_view_case, role_of

logger = logging.getLogger(__name__)


def forget_expired_pins(now=None) -> int:
    """Wipe every sealed PIN whose window has passed (or that has no window); return how many."""
    now = now or timezone.now()
    expired = Q(receipt_reshow_until__lte=now) | Q(
        receipt_reshow_until__isnull=True, sealed_pin__isnull=False
    )
    return Complaint.objects.filter(expired).update(sealed_pin=None, receipt_reshow_until=None)


# --- the reporter's identity after the retention period, and legal holds ---------------------
#
# docs/security.md "Retention and legal holds (Part 9)". A case that has ended keeps its
# reporter's identity for its category's `retention_years` after the day it ended; then
# `manage.py apply_retention` erases the name, contact, ID number and address, the keyed hashes
# made from them and any sealed PIN, and sets `identity_erased_on`. Everything else stays: the
# case's facts, dates and events (the figures count them), its attachments (the case's evidence:
# which file shows a person cannot be told reliably, and the files are kept with the case), the
# receipt code and the log of who looked at the identity. A case under an active legal hold is
# skipped until the hold is lifted.

# When a case ended, by its end state: the date the retention period runs from.
ENDED_ON = {
    Complaint.State.CLOSED: "closed_on",
    Complaint.State.FINAL: "resolved_on",
    Complaint.State.NOT_ACCEPTED: "not_accepted_on",
    Complaint.State.TRANSFERRED: "transferred_on",
}
# Who may place and lift a hold: the roles that handle cases, on a case they may see. Others
# who see the case (leaders, the auditor) see its holds, read-only.
HOLD_ROLES = {Role.COUNTY_PETITION, Role.CITY_DISCIPLINE, Role.TOWNSHIP_DISCIPLINE}
RETENTION_ACTOR = "保存期限到期"  # the erasure event's actor label (stored, Chinese)


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def years_after(day: datetime.date, years: int) -> datetime.date:
    return years_before(day, -years)


def ended_on(case: Complaint) -> datetime.date | None:
    date_field = ENDED_ON.get(case.state)
    return getattr(case, date_field) if date_field else None


def erase_on(case: Complaint) -> datetime.date | None:
    """The day the reporter's identity is due to be erased (None while the case is open)."""
    end = ended_on(case)
    return years_after(end, case.category.retention_years) if end else None


def has_identity_q() -> Q:
    """Something of the reporter is still stored. An anonymous case keeps its identity fields
    empty (""; encryption leaves an empty value as it is), so it has none to erase."""
    stored = Q()
    for name in ("reporter_name", "reporter_contact", "reporter_id_number", "reporter_address"):
        stored |= Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})
    return stored | ~Q(identity_hash="") | ~Q(id_number_hash="")


def active_hold_q() -> Q:
    return Q(Exists(LegalHold.objects.filter(case=OuterRef("pk"), lifted_at__isnull=True)))


def past_retention_q(today: datetime.date) -> Q:
    """Ended cases whose category's retention period is over by `today`."""
    due = Q(pk__in=[])
    for category in ComplaintCategory.objects.all():
        cutoff = years_before(today, category.retention_years)
        for state, date_field in ENDED_ON.items():
            due |= Q(category=category, state=state, **{f"{date_field}__lte": cutoff})
    return due


def due_for_erasure(today: datetime.date) -> QuerySet[Complaint]:
    """Ended cases past their category's retention period whose identity is still kept,
    without an active legal hold."""
    return (
        Complaint.objects.filter(past_retention_q(today), identity_erased_on__isnull=True)
        .filter(has_identity_q())
        .exclude(active_hold_q())
    )


def held_past_retention(today: datetime.date) -> QuerySet[Complaint]:
    """Cases that would be erased but for an active hold (the dry run names them)."""
    return Complaint.objects.filter(
        past_retention_q(today), has_identity_q(), active_hold_q(), identity_erased_on__isnull=True
    )


@dataclass
class Erasure:
    by_category: dict[str, int] = field(default_factory=dict)
    held: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_category.values())


def erase_expired_identities(
    today: datetime.date | None = None, *, dry_run: bool = False
) -> Erasure:
    """Erase the reporter identity of every case due (see above); idempotent. Each erasure
    writes an internal event naming the rule, never the person. With `dry_run`, only counts."""
    today = today or timezone.localdate()
    result = Erasure(held=held_past_retention(today).count())
    for pk in due_for_erasure(today).values_list("pk", flat=True):
        with transaction.atomic():
            case = (
                due_for_erasure(today)
                .select_for_update()
                .select_related("category")
                .filter(pk=pk)
                .first()
            )
            if case is None:
                continue  # a hold placed, or erased by another run, meanwhile
            name = case.category.name
            result.by_category[name] = result.by_category.get(name, 0) + 1
            if dry_run:
                continue
            Complaint.objects.filter(pk=pk).update(
                reporter_name=None,
                reporter_contact=None,
                reporter_id_number=None,
                reporter_address=None,
                identity_hash="",
                id_number_hash="",
                sealed_pin=None,
                receipt_reshow_until=None,
                identity_erased_on=today,
            )
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.NOTE,
                actor_label=RETENTION_ACTOR,
                internal_text=(
                    f"反映人身份信息（姓名、联系方式、身份证号、地址）已按“{name}”类保存期限"
                    f"（销号等办结后 {case.category.retention_years} 年）抹去。"
                ),
                changes={"retention": "identity_erased", "years": case.category.retention_years},
            )
    if not dry_run and result.total:
        logger.info(
            "retention: erased the reporter identity of %d case(s); %d held",
            result.total,
            result.held,
        )
    return result


def may_hold(user, case: Complaint) -> bool:
    """Whether `user` may place or lift a legal hold on `case`."""
    return role_of(user) in HOLD_ROLES and can_view_case(user, case)


def _actor(user) -> str:
    return user.get_full_name() or user.get_username()


def place_hold(user, case: Complaint, reason: str) -> LegalHold:
    """Put `case` under a legal hold: retention erases nothing of it until lifted."""
    if not may_hold(user, case):
        raise PermissionDenied(_("只有能办理此件的纪检、信访人员可以设置法律保全。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请写明保全原因（例如审查、诉讼、复查的案号）。")})
    if case.identity_erased_on:
        raise ValidationError(
            {
                "reason": _("反映人身份已于 %(day)s 按保存期限抹去，无法再保全。")
                % {"day": case.identity_erased_on.isoformat()}
            }
        )
    with transaction.atomic():
        Complaint.objects.select_for_update().filter(pk=case.pk).first()
        same = case.legal_holds.filter(lifted_at__isnull=True, reason=reason).first()
        if same:
            return same  # a double submit: one hold
        hold = LegalHold.objects.create(case=case, reason=reason[:2000], placed_by=user)
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            actor=user,
            actor_label=_actor(user),
            internal_text=f"设置法律保全：{reason[:1900]}",
            changes={"legal_hold": "placed", "hold": hold.pk},
        )
    return hold


def lift_hold(user, hold: LegalHold, reason: str) -> LegalHold:
    """Lift `hold`; the case's retention applies again from the next run."""
    if not may_hold(user, hold.case):
        raise PermissionDenied(_("只有能办理此件的纪检、信访人员可以解除法律保全。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"lift_reason": _("请写明解除原因。")})
    with transaction.atomic():
        current = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if current.lifted_at is not None:
            return current  # lifted already (a double submit)
        current.lifted_at, current.lifted_by, current.lift_reason = (
            timezone.now(),
            user,
            reason[:2000],
        )
        current.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        CaseEvent.objects.create(
            case=current.case,
            kind=CaseEvent.Kind.NOTE,
            actor=user,
            actor_label=_actor(user),
            internal_text=f"解除法律保全：{reason[:1900]}",
            changes={"legal_hold": "lifted", "hold": current.pk},
        )
    return current
