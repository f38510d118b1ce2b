"""Leaders owning hard cases (领导包案, four levels) and the hard-case flags (积案, 久拖不决, 越级,
骨头案). Each change writes an event; the computed flags are defined once here and used by the
case list filters, the case page, 我的包案 and the figures.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from villages.models import Role

from ..models import CaseEvent, Complaint
from .access import cases_for, role_of
from .notices import notify_staff
from .timeline import CLOSED_STATES
from .workflow import PETITION_OFFICE

FLAG_LABELS = {
    "backlog": gettext_lazy("积案"),
    "long_pending": gettext_lazy("久拖不决"),
    "skipped_level": gettext_lazy("越级"),
    "hard_case": gettext_lazy("骨头案"),
}
SETTABLE_FLAGS = ("hard_case", "skipped_level")


def backlog_days() -> int:
    return getattr(settings, "SUPERVISION_BACKLOG_DAYS", 90)


def long_pending_days() -> int:
    return getattr(settings, "SUPERVISION_LONG_PENDING_DAYS", 30)


def open_q() -> Q:
    return ~Q(state__in=CLOSED_STATES)


def flag_q(flag: str, today: datetime.date | None = None) -> Q:
    """The cases carrying `flag` as a query (for list filters and figures)."""
    today = today or timezone.localdate()
    if flag == "backlog":  # 积案: still open after SUPERVISION_BACKLOG_DAYS
        return open_q() & Q(received_on__lt=today - datetime.timedelta(days=backlog_days()))
    if flag == "long_pending":  # 久拖不决: overdue by more than SUPERVISION_LONG_PENDING_DAYS
        return open_q() & Q(due_date__lt=today - datetime.timedelta(days=long_pending_days()))
    if flag in SETTABLE_FLAGS:
        return Q(**{flag: True})
    raise ValueError(flag)


def flags_of(case: Complaint, today: datetime.date | None = None) -> list[str]:
    """The labels of the flags `case` carries now."""
    today = today or timezone.localdate()
    found = []
    is_open = case.state not in CLOSED_STATES
    if is_open and case.received_on < today - datetime.timedelta(days=backlog_days()):
        found.append("backlog")
    if (
        is_open
        and case.due_date
        and case.due_date < today - datetime.timedelta(days=long_pending_days())
    ):
        found.append("long_pending")
    found += [flag for flag in SETTABLE_FLAGS if getattr(case, flag)]
    return found


def may_manage(user) -> bool:
    """Whether `user`'s role may assign leaders and set flags (on the cases they see): the case
    page shows the controls only then."""
    return user.is_superuser or role_of(user) in PETITION_OFFICE


def _check_office(user, case: Complaint) -> None:
    if not may_manage(user):
        raise PermissionDenied(_("只有信访室可以办理此项。"))
    if not cases_for(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("您无权办理此件。"))


def leader_candidates(case: Complaint):
    """Leaders whose jurisdiction covers the village, never one the case is hidden from."""
    ancestors = list(case.village.get_ancestors(inclusive=True))
    leaders = get_user_model().objects.filter(
        is_active=True, staff_profile__role=Role.LEADER, staff_profile__jurisdiction__in=ancestors
    )
    return [u for u in leaders if cases_for(u).filter(pk=case.pk).exists()]


def assign_leader(user, case: Complaint, leader, level: str, note: str = "") -> CaseEvent:
    """Give a case to a leader (包案); they see it on 我的包案 until it is closed (逐件销号)."""
    _check_office(user, case)
    errors = {}
    if leader is None or leader.pk not in {u.pk for u in leader_candidates(case)}:
        errors["leader"] = _("请选择管辖此村的包案领导。")
    if level not in Complaint.LeaderLevel.values:
        errors["level"] = _("请选择包案层级。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=case.pk)
        earlier = case.events.filter(kind=CaseEvent.Kind.OWNER).order_by("-at", "-pk").first()
        if (current.owner_leader_id, current.owner_level) == (leader.pk, level) and earlier:
            return earlier  # the same leader again (a double click): nothing more is written
        now = timezone.now()
        Complaint.objects.filter(pk=case.pk).update(
            owner_leader=leader, owner_level=level, updated_at=now
        )
        event = CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.OWNER,
            at=now,
            actor=user,
            actor_label=user.get_full_name() or user.get_username(),
            internal_text=note.strip()[:2000],
            changes={
                "leader": leader.pk,
                "leader_name": leader.get_full_name() or leader.get_username(),
                "level": level,
            },
        )
        case.owner_leader, case.owner_level = leader, level
        transaction.on_commit(
            lambda: notify_staff(
                case, leader, "assigned", key=f"owner:{event.pk}", due=str(case.due_date or "")
            )
        )
    return event


def set_flag(user, case: Complaint, flag: str, value: bool, note: str = "") -> CaseEvent | None:
    """Set or clear a flag staff decide (骨头案, 越级); None when it was so already."""
    _check_office(user, case)
    if flag not in SETTABLE_FLAGS:
        raise ValidationError(_("没有这个标记。"))
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=case.pk)
        if getattr(current, flag) == value:
            return None  # already so (a double click): nothing more is written
        now = timezone.now()
        Complaint.objects.filter(pk=case.pk).update(**{flag: value, "updated_at": now})
        setattr(case, flag, value)
        return CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.FLAG,
            at=now,
            actor=user,
            actor_label=user.get_full_name() or user.get_username(),
            internal_text=note.strip()[:2000],
            changes={"flag": flag, "value": value},
        )


# Channels by which a resident reaches the county or city directly (越级 when nothing lower saw
# the matter first).
DIRECT_CHANNELS = {
    Complaint.Channel.VISIT,
    Complaint.Channel.LETTER,
    Complaint.Channel.LEADER_RECEPTION,
}


def skipped_level_on_intake(case: Complaint, actor) -> bool:
    """Whether a new case came to the county or city without passing the village or township:
    logged there directly, and no earlier case of the same person was logged lower down."""
    if case.channel not in DIRECT_CHANNELS or role_of(actor) not in PETITION_OFFICE:
        return False
    if not case.identity_hash:
        return True
    return not Complaint.objects.filter(
        identity_hash=case.identity_hash,
        created_at__lt=case.created_at,
        channel__in=[Complaint.Channel.STATION, Complaint.Channel.ONLINE],
    ).exists()
