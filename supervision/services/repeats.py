"""Repeat detection (重复件, docs/domain.md "Repeat"): same person and same matter, or for an
anonymous report the same accused and village with similar text.

On intake, `suggest()` lists earlier cases within the window (SUPERVISION_REPEAT_WINDOW_DAYS):
- the same complainant, by the keyed identity hash of Part 5 (name + phone, or name + ID
  number, normalised: "+86 138 0000 1234" is 13800001234; two different people never share a
  hash, even on one phone);
- the same accused (name, or office) in the same village, with text at least
  SUPERVISION_REPEAT_SIMILARITY alike (Jaccard over jieba words).
Staff confirm or reject each suggestion; a confirmed one links the case to the first case of the
matter (`repeat_of`), and figures count it as 重复件.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.base.chinese_words import content_words

from ..models import CaseEvent, Complaint, RepeatCandidate
from .access import cases_for, role_of
from .identity import normalize_name
from .workflow import PETITION_OFFICE


def similarity(a: str, b: str) -> float:
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def _window() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "SUPERVISION_REPEAT_WINDOW_DAYS", 365))


def _threshold() -> float:
    return getattr(settings, "SUPERVISION_REPEAT_SIMILARITY", 0.35)


def find(case: Complaint) -> list[tuple[Complaint, str, float]]:
    """Earlier cases that may be the same matter: (case, reason, text similarity)."""
    earlier = Complaint.objects.filter(
        created_at__lt=case.created_at,
        received_on__gte=case.received_on - _window(),
    ).exclude(pk=case.pk)
    found: dict[int, tuple[Complaint, str, float]] = {}
    person = Q()
    if case.identity_hash:
        person |= Q(identity_hash=case.identity_hash)
    if case.id_number_hash:
        person |= Q(id_number_hash=case.id_number_hash)
    if person:
        for other in earlier.filter(person).only("pk", "description"):
            found[other.pk] = (
                other,
                RepeatCandidate.Reason.SAME_PERSON,
                similarity(case.description, other.description),
            )
    accused = Q()
    if case.accused_name.strip():
        accused |= Q(accused_name__iexact=case.accused_name.strip())
    if case.accused_office_id:
        accused |= Q(accused_office_id=case.accused_office_id)
    if accused:
        threshold = _threshold()
        for other in earlier.filter(accused, village_id=case.village_id).only(
            "pk", "description", "accused_name"
        ):
            if other.pk in found:
                continue
            names = normalize_name(other.accused_name), normalize_name(case.accused_name)
            if all(names) and names[0] != names[1]:
                continue  # the same office, but held by someone else then
            score = similarity(case.description, other.description)
            if score >= threshold:
                found[other.pk] = (other, RepeatCandidate.Reason.SAME_ACCUSED, score)
    return sorted(found.values(), key=lambda item: -item[2])


def suggest(case: Complaint) -> list[RepeatCandidate]:
    """Record the suggestions for `case` (idempotent)."""
    suggestions = []
    for other, reason, score in find(case):
        candidate, _created = RepeatCandidate.objects.get_or_create(
            case=case, earlier=other, defaults={"reason": reason, "score": round(score, 3)}
        )
        suggestions.append(candidate)
    return suggestions


def first_case(case: Complaint) -> Complaint:
    """The first case of the matter a case repeats (following links back)."""
    seen = set()
    while case.repeat_of_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.repeat_of
    return case


def may_decide(user) -> bool:
    """Whether `user`'s role may confirm or reject suggestions (on the cases they see)."""
    return user.is_superuser or role_of(user) in PETITION_OFFICE


def decide(user, candidate: RepeatCandidate, confirm: bool) -> RepeatCandidate:
    """Confirm or reject a suggestion (petition office or city, within jurisdiction)."""
    if not may_decide(user):
        raise PermissionDenied(_("只有信访室可以认定重复件。"))
    if not cases_for(user).filter(pk=candidate.case_id).exists():
        raise PermissionDenied(_("您无权办理此件。"))
    with transaction.atomic():
        candidate = RepeatCandidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status != RepeatCandidate.Status.SUGGESTED:
            return candidate  # decided already (a second click): nothing more is written
        case = Complaint.objects.select_for_update().get(pk=candidate.case_id)
        now = timezone.now()
        candidate.status = (
            RepeatCandidate.Status.CONFIRMED if confirm else RepeatCandidate.Status.REJECTED
        )
        candidate.decided_by, candidate.decided_at = user, now
        candidate.save(update_fields=["status", "decided_by", "decided_at"])
        first = first_case(candidate.earlier) if confirm else None
        if confirm:
            Complaint.objects.filter(pk=case.pk).update(repeat_of=first, updated_at=now)
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.REPEAT,
            at=now,
            actor=user,
            actor_label=user.get_full_name() or user.get_username(),
            internal_text=(
                _("认定为 %(number)s 的重复件。") % {"number": first.number}
                if confirm
                else _("认定不是 %(number)s 的重复件。") % {"number": candidate.earlier.number}
            ),
            changes={"repeat_of": first.pk if first else None, "candidate": candidate.pk},
        )
    return candidate
