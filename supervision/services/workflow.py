"""The case path (docs/domain.md "Case path"): which transitions exist, who may take them, and
taking one.

Mechanism: a transition table as data in this module, not a state-machine library
(docs/architecture.md "The case path" says why): each `Transition` names its source states, its
target, the roles allowed, and the fields it needs. `perform()` is the only code that changes a
case's state: it locks the row, checks the state, the role, the jurisdiction and the rule's own
conditions, writes one immutable `CaseEvent`, updates the case and refreshes its clock, all in
one transaction. Notices to the complainant follow from the event (services/notices.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from villages.models import Role

from ..models import CaseEvent, Complaint, DeadlineRule, ReturnVisit
from ..tasks import send_complainant_notice, send_staff_notice
from . import clock
from .access import cases_for, role_of, without_recused

State = Complaint.State
OPEN_HANDLING = (State.ACCEPTED, State.ASSIGNED, State.IN_PROGRESS, State.EXTENDED)

PETITION_OFFICE = frozenset({Role.COUNTY_PETITION, Role.CITY_DISCIPLINE})
HANDLERS = frozenset({Role.COUNTY_PETITION, Role.CITY_DISCIPLINE, Role.TOWNSHIP_DISCIPLINE})
HANDLER = "handler"  # pseudo-role: the user the case is assigned to, whatever their role
OWNER = "owner"  # pseudo-role: the leader who owns the case (领导包案)
# Pseudo-role: the complainant, online, proven by receipt code and PIN (the caller checks them);
# `perform(None, ...)`. Only a return visit (网上评价) is theirs to take.
COMPLAINANT = "complainant"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state stays (staged feedback)
    roles: frozenset
    # Form fields the transition needs, beyond the optional internal note.
    fields: tuple[str, ...] = ()
    public_text_required: bool = False
    notice: str = ""  # MessageTemplate code sent to a real-name complainant
    button_class: str = ""
    help: str = ""
    extra: dict = field(default_factory=dict)


TRANSITIONS: list[Transition] = [
    Transition(
        "accept",
        gettext_lazy("受理"),
        (State.REGISTERED,),
        State.ACCEPTED,
        PETITION_OFFICE,
        notice="accepted",
        help=gettext_lazy("受理后开始计算 60 日办结期限，并告知实名反映人。"),
    ),
    Transition(
        "not_accept",
        gettext_lazy("不予受理"),
        (State.REGISTERED,),
        State.NOT_ACCEPTED,
        PETITION_OFFICE,
        fields=("public_text",),
        public_text_required=True,
        notice="not_accepted",
        button_class="warning",
        help=gettext_lazy("须写明理由（如属法院、仲裁、行政复议处理的事项），告知反映人。"),
    ),
    Transition(
        "transfer",
        gettext_lazy("转办"),
        (State.REGISTERED, State.ACCEPTED),
        State.TRANSFERRED,
        PETITION_OFFICE,
        fields=("unit",),
        notice="transferred",
        help=gettext_lazy("属其他机关职责的，自收到之日起 5 个工作日内转送。"),
    ),
    Transition(
        "assign",
        gettext_lazy("交办"),
        (State.ACCEPTED,),
        State.ASSIGNED,
        PETITION_OFFICE,
        fields=("unit", "handler"),
        help=gettext_lazy("交承办单位和承办人办理，办结期限不变。"),
    ),
    Transition(
        "start",
        gettext_lazy("开始办理"),
        (State.ASSIGNED,),
        State.IN_PROGRESS,
        frozenset({HANDLER, *PETITION_OFFICE}),
    ),
    Transition(
        "feedback",
        gettext_lazy("阶段反馈"),
        (State.ASSIGNED, State.IN_PROGRESS, State.EXTENDED, State.REVIEW, State.RE_REVIEW),
        None,
        frozenset({HANDLER, *HANDLERS}),
        fields=("public_text",),
        public_text_required=True,
        notice="feedback",
        help=gettext_lazy("公开说明会显示在进度查询页，并告知实名反映人。"),
    ),
    Transition(
        "extend",
        gettext_lazy("延期"),
        (State.IN_PROGRESS,),
        State.EXTENDED,
        frozenset({HANDLER, *PETITION_OFFICE}),
        fields=("days", "approver", "public_text"),
        public_text_required=True,
        notice="extended",
        help=gettext_lazy("只能延期一次，最多 30 日；须写明原因并由领导批准，原因告知反映人。"),
    ),
    Transition(
        "conclude",
        gettext_lazy("办结"),
        (State.IN_PROGRESS, State.EXTENDED),
        State.CONCLUDED,
        frozenset({HANDLER, *PETITION_OFFICE}),
        fields=("public_text",),
        public_text_required=True,
        notice="result",
        help=gettext_lazy("公开说明即答复意见，显示在进度查询页，并告知实名反映人。"),
    ),
    Transition(
        "return_visit",
        gettext_lazy("回访"),
        (State.CONCLUDED,),
        State.VISITED,
        frozenset({HANDLER, COMPLAINANT, *HANDLERS}),
        fields=("result", "method"),
        help=gettext_lazy("记录反映人对办理结果满意、基本满意或不满意。"),
    ),
    Transition(
        "reopen",
        gettext_lazy("重新办理"),
        (State.VISITED,),
        State.IN_PROGRESS,
        PETITION_OFFICE,
        fields=("public_text",),
        public_text_required=True,
        notice="feedback",
        help=gettext_lazy("回访不满意、确需重新办理的，退回承办人。"),
    ),
    Transition(
        "close",
        gettext_lazy("销号"),
        (State.VISITED,),
        State.CLOSED,
        frozenset({OWNER, *PETITION_OFFICE}),
        button_class="secondary",
        help=gettext_lazy("回访满意或基本满意后逐件销号。"),
    ),
    Transition(
        "request_review",
        gettext_lazy("受理复查申请"),
        (State.CONCLUDED, State.VISITED),
        State.REVIEW,
        PETITION_OFFICE,
        help=gettext_lazy("反映人对处理意见不服，自收到之日起 30 日内可申请复查。"),
    ),
    Transition(
        "answer_review",
        gettext_lazy("复查答复"),
        (State.REVIEW,),
        State.CONCLUDED,
        PETITION_OFFICE,
        fields=("public_text",),
        public_text_required=True,
        notice="result",
    ),
    Transition(
        "request_re_review",
        gettext_lazy("受理复核申请"),
        (State.CONCLUDED, State.VISITED),
        State.RE_REVIEW,
        PETITION_OFFICE,
        help=gettext_lazy("对复查意见不服，自收到之日起 30 日内可申请复核。"),
    ),
    Transition(
        "answer_re_review",
        gettext_lazy("复核答复（终结）"),
        (State.RE_REVIEW,),
        State.FINAL,
        PETITION_OFFICE,
        fields=("public_text",),
        public_text_required=True,
        notice="result",
        help=gettext_lazy("复核后，同一事实和理由不再受理。"),
    ),
]
BY_NAME = {t.name: t for t in TRANSITIONS}


def _roles_of(user, case: Complaint) -> set[str]:
    if user is None:
        return {COMPLAINANT}
    roles: set[str] = set()
    role = role_of(user)
    if role:
        roles.add(role)
    if case.handler_id and case.handler_id == user.pk:
        roles.add(HANDLER)
    if case.owner_leader_id and case.owner_leader_id == user.pk:
        roles.add(OWNER)
    return roles


def _history(case: Complaint) -> clock.Facts:
    return clock.replay(case)


def blocked_reason(user, case: Complaint, transition: Transition, facts=None) -> str | None:
    """Why `user` may not take `transition` on `case` now, or None if they may."""
    if case.state not in transition.sources:
        return _("当前状态“%(state)s”不能%(action)s。") % {
            "state": case.get_state_display(),
            "action": transition.label,
        }
    superuser = user is not None and user.is_superuser
    if not (superuser or _roles_of(user, case) & set(transition.roles)):
        return _("您的角色不能对此件%(action)s。") % {"action": transition.label}
    facts = facts or _history(case)
    if transition.name == "extend" and facts.extension_days:
        return _("此件已延期过一次，不能再延期。")
    if transition.name == "request_review" and (facts.review_on or facts.re_review_on):
        return _("此件已复查过；对复查意见不服的，应申请复核。")
    if transition.name == "request_re_review" and not facts.review_on:
        return _("须先经复查，才能申请复核。")
    if transition.name == "request_re_review" and facts.re_review_on:
        return _("此件已复核，不再受理。")
    if transition.name in ("request_review", "request_re_review"):
        window = clock.review_window(case, facts)
        if window and timezone.localdate() > window.due:
            return _("已超过申请期限（%(due)s）。") % {"due": window.due.isoformat()}
    if transition.name == "close" and _last_visit_unsatisfied(case):
        return _("回访不满意，不能销号；请重新办理或受理复查申请。")
    return None


def _last_visit_unsatisfied(case: Complaint) -> bool:
    visit = case.return_visits.order_by("-at", "-pk").first()
    return visit is not None and visit.result == ReturnVisit.Result.UNSATISFIED


def available(user, case: Complaint) -> list[Transition]:
    """The transitions `user` may take on `case` now (the case page's buttons)."""
    if not cases_for(user).filter(pk=case.pk).exists():
        return []
    facts = _history(case)
    return [t for t in TRANSITIONS if blocked_reason(user, case, t, facts) is None]


def handler_candidates(case: Complaint):
    """Who a case may be assigned to: active discipline staff whose jurisdiction covers the
    village (township discipline committee, county petition office, city)."""
    User = get_user_model()
    ancestors = list(case.village.get_ancestors(inclusive=True))
    staff = User.objects.filter(
        is_active=True,
        staff_profile__role__in=[Role.TOWNSHIP_DISCIPLINE, Role.COUNTY_PETITION],
        staff_profile__jurisdiction__in=ancestors,
    )
    return without_recused(staff, case).order_by("staff_profile__role", "username")


def approver_candidates(case: Complaint):
    """Who may approve an extension: leaders and the petition office over the village."""
    User = get_user_model()
    ancestors = list(case.village.get_ancestors(inclusive=True))
    staff = User.objects.filter(
        is_active=True,
        staff_profile__role__in=[Role.LEADER, Role.COUNTY_PETITION, Role.CITY_DISCIPLINE],
        staff_profile__jurisdiction__in=ancestors,
    )
    return without_recused(staff, case)


def _check_data(case: Complaint, transition: Transition, data: dict, facts) -> dict:
    """Validate the transition's own fields; return what goes into the event's `changes`."""
    errors: dict[str, str] = {}
    changes: dict = {"action": transition.name}
    if "unit" in transition.fields:
        unit = (data.get("unit") or "").strip()
        if not unit:
            errors["unit"] = (
                _("请填写承办单位。") if transition.name == "assign" else _("请填写转往的机关。")
            )
        elif len(unit) > 100:
            errors["unit"] = _("单位名称不能超过 100 个字。")
        changes["unit"] = unit
    if "handler" in transition.fields:
        handler = data.get("handler")
        if handler is None or not handler_candidates(case).filter(pk=handler.pk).exists():
            errors["handler"] = _("请选择管辖此村的纪检监察工作人员作为承办人。")
        else:
            changes["handler"] = handler.pk
            changes["handler_name"] = handler.get_full_name() or handler.username
    if "days" in transition.fields:
        maximum = clock.rule_for(DeadlineRule.Code.EXTENSION, case.kind).days
        days = data.get("days")
        if not isinstance(days, int) or not 1 <= days <= maximum:
            errors["days"] = _("延期天数应为 1 到 %(max)d 日。") % {"max": maximum}
        changes["days"] = days
    if "approver" in transition.fields:
        approver = data.get("approver")
        if approver is None or not approver_candidates(case).filter(pk=approver.pk).exists():
            errors["approver"] = _("请选择批准延期的领导。")
        else:
            changes["approver"] = approver.pk
            changes["approver_name"] = approver.get_full_name() or approver.username
    if "result" in transition.fields:
        if data.get("result") not in ReturnVisit.Result.values:
            errors["result"] = _("请选择回访结果。")
        if data.get("method") not in ReturnVisit.Method.values:
            errors["method"] = _("请选择回访方式。")
        changes["result"] = data.get("result")
        changes["method"] = data.get("method")
    if transition.public_text_required and not (data.get("public_text") or "").strip():
        errors["public_text"] = _("请填写公开说明（反映人会看到）。")
    if len(data.get("public_text") or "") > 2000:
        errors["public_text"] = _("公开说明不能超过 2000 字。")
    if len(data.get("internal_text") or "") > 5000:
        errors["internal_text"] = _("内部说明不能超过 5000 字。")
    if errors:
        raise ValidationError(errors)
    return changes


def perform(
    user,
    case: Complaint,
    name: str,
    data: dict | None = None,
    *,
    at: datetime.datetime | None = None,
    actor_label: str = "",
    token: str = "",
) -> CaseEvent:
    """Take transition `name` on `case` as `user`. Raises PermissionDenied (not allowed) or
    ValidationError (field errors, in Chinese); writes nothing then.

    `token` is a form's one-time token: a second call with the same token on the same case (a
    double-clicked button, a resent form) returns the first call's event and writes nothing,
    even for staged feedback, which leaves the state as it was."""
    data = data or {}
    transition = BY_NAME.get(name)
    if transition is None:
        raise ValidationError(_("没有这个办理环节。"))
    with transaction.atomic():
        if user is not None:
            visible = cases_for(user).filter(pk=case.pk).exists()
            if not visible:
                raise PermissionDenied(_("您无权办理此件。"))
        elif transition.name == "return_visit":
            data = {**data, "method": ReturnVisit.Method.ONLINE}
        case = Complaint.objects.select_for_update().get(pk=case.pk)
        if token:
            # Under the row lock: of two identical posts, the second waits and finds the first.
            done = case.events.filter(
                changes__token=token, changes__action=transition.name, actor=user
            ).first()
            if done is not None:
                return done
        facts = clock.replay(case)
        reason = blocked_reason(user, case, transition, facts)
        if reason:
            raise PermissionDenied(reason)
        changes = _check_data(case, transition, data, facts)
        if token:
            changes["token"] = token
        now = at or timezone.now()
        event = CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.FEEDBACK if transition.target is None else CaseEvent.Kind.STATE,
            at=now,
            actor=user,
            actor_label=actor_label
            or (_("反映人（网上评价）") if user is None else user.get_full_name())
            or user.get_username(),
            from_state=case.state,
            to_state=transition.target or "",
            public_text=(data.get("public_text") or "").strip(),
            internal_text=(data.get("internal_text") or "").strip(),
            changes=changes,
        )
        update: dict = {"updated_at": now}
        if transition.target:
            update["state"] = transition.target
        if transition.name == "assign":
            update["assigned_unit"] = changes["unit"]
            update["handler_id"] = changes["handler"]
        elif transition.name == "transfer":
            update["transferred_to"] = changes["unit"]
        elif transition.name == "return_visit":
            ReturnVisit.objects.create(
                case=case,
                at=now,
                result=changes["result"],
                method=changes["method"],
                note=(data.get("internal_text") or "").strip(),
                by=user,
            )
        Complaint.objects.filter(pk=case.pk).update(**update)
        for key, value in update.items():
            setattr(case, key, value)
        clock.refresh(case)
        if transition.name == "assign":
            # The handler learns of the case (admin notice and e-mail, in the worker), as a
            # leader does of a case given to them (ownership.assign_leader).
            handler_id, due = changes["handler"], str(case.due_date or "")
            transaction.on_commit(
                lambda: send_staff_notice.enqueue(
                    case.pk, handler_id, "assigned", f"assign:{event.pk}", {"due": due}
                )
            )
        if transition.notice:
            notice = transition.notice
            transaction.on_commit(
                lambda: send_complainant_notice.enqueue(case.pk, event.pk, notice)
            )
    return event
