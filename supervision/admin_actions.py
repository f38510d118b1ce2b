"""The case page's handling (Part 6): the clock at the top, one button per transition the user
may take now, repeat suggestions to confirm or reject, the leader who owns the case and the
flags staff set.

Nothing here decides a rule. The buttons are `workflow.available(user, case)`; each form has
exactly its transition's `fields` and posts to `act`, which calls `workflow.perform()`: its
ValidationError comes back next to the fields (what was typed kept, that form open), its
PermissionDenied as a message with the reason. Leaders and flags go through
services/ownership.py, repeats through services/repeats.py; their controls show only where
those services would allow them. Every case is looked up through `cases_for(user)` (the inspect
view's `get_object`): a case the user may not see is a 404.

A double submit writes once: every action form carries a one-time token that `perform()` keeps
in the event's `changes` and looks for under the row lock (docs/architecture.md "The case path").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .admin_views import CaseView
from .models import CaseEvent, Complaint, DeadlineRule, LegalHold, RepeatCandidate, ReturnVisit
from .services import clock, ownership, repeats, retention, workflow
from .services.access import cases_for

State = Complaint.State


def person_label(user) -> str:
    """王某某（jiwei_awu）: the name staff know, and the login that is unique."""
    full = user.get_full_name().strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    """A user from the list; anything else is None, for the service to refuse in its words."""

    def label_from_instance(self, obj):
        return person_label(obj)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            return None


class OpenChoiceField(forms.ChoiceField):
    """Choices to render; whether the posted value is one is the service's to say."""

    def validate(self, value):
        return None  # no check here: workflow.perform() judges the value, in its own words


# --- the forms ------------------------------------------------------------------------------

UNIT_LABELS = {"assign": gettext_lazy("承办单位"), "transfer": gettext_lazy("转往机关")}
SUCCESS = {
    "not_accept": gettext_lazy("已决定不予受理，并告知反映人。"),
    "feedback": gettext_lazy("已添加阶段反馈。"),
    "answer_re_review": gettext_lazy("已作复核答复，此件终结。"),
}


class ActionForm(forms.Form):
    """The form of one transition: its `fields`, an optional internal note and the one-time
    token. It never refuses anything itself: whether a value is allowed is `workflow.perform()`'s
    to say; this form only turns the posted text into values (a user, a number)."""

    def __init__(self, *args, transition: workflow.Transition, case: Complaint, **kwargs):
        super().__init__(*args, prefix=transition.name, **kwargs)
        self.transition = transition
        for name in transition.fields:
            self.fields[name] = self._field(name, case)
        if "public_text" in self.fields:
            self.fields["public_text"].shown_required = transition.public_text_required
        self.fields["internal_text"] = forms.CharField(
            label=_("内部说明"),
            required=False,
            help_text=_("只有办理人员能看到。"),
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["token"] = forms.CharField(
            required=False, initial=uuid.uuid4().hex, widget=forms.HiddenInput
        )
        for bound in self.fields.values():
            if getattr(bound, "shown_required", False):
                bound.widget.attrs["aria-required"] = "true"

    def _field(self, name: str, case: Complaint) -> forms.Field:
        if name == "unit":
            made = forms.CharField(
                label=UNIT_LABELS.get(self.transition.name, _("单位")), required=False
            )
        elif name == "handler":
            made = PersonChoiceField(
                label=_("承办人"),
                queryset=workflow.handler_candidates(case),
                required=False,
                empty_label=_("请选择"),
            )
        elif name == "days":
            maximum = clock.rule_for(DeadlineRule.Code.EXTENSION, case.kind).days
            made = forms.CharField(
                label=_("延期天数"),
                required=False,
                help_text=_("最多 %(max)d 日。") % {"max": maximum},
                widget=forms.NumberInput(attrs={"min": 1, "max": maximum, "inputmode": "numeric"}),
            )
        elif name == "approver":
            made = PersonChoiceField(
                label=_("批准领导"),
                queryset=workflow.approver_candidates(case),
                required=False,
                empty_label=_("请选择"),
            )
        elif name == "result":
            made = OpenChoiceField(
                label=_("回访结果"),
                choices=ReturnVisit.Result.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        elif name == "method":
            made = OpenChoiceField(
                label=_("回访方式"),
                choices=ReturnVisit.Method.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        elif name == "public_text":
            made = forms.CharField(
                label=_("公开说明（反映人可见）"),
                required=False,
                help_text=_("会显示在进度查询页。"),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        else:  # a field added to the table without a form field here
            raise ValueError(name)
        made.shown_required = name != "public_text"
        return made

    def perform(self, user, case: Complaint) -> CaseEvent:
        data = {k: v for k, v in self.cleaned_data.items() if k != "token"}
        if (data.get("days") or "").strip().isdecimal():
            data["days"] = int(data["days"])
        return workflow.perform(
            user, case, self.transition.name, data, token=self.cleaned_data.get("token") or ""
        )


class LeaderForm(forms.Form):
    """领导包案: a leader over the village, the level, a note."""

    leader = OpenChoiceField(label=gettext_lazy("包案领导"), required=False)
    level = OpenChoiceField(
        label=gettext_lazy("包案层级"),
        choices=[("", gettext_lazy("请选择")), *Complaint.LeaderLevel.choices],
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case: Complaint, **kwargs):
        super().__init__(*args, prefix="leader", **kwargs)
        self.candidates = {u.pk: u for u in ownership.leader_candidates(case)}
        self.fields["leader"].choices = [
            ("", _("请选择")),
            *((pk, person_label(u)) for pk, u in self.candidates.items()),
        ]
        for name in ("leader", "level"):
            self.fields[name].shown_required = True
            self.fields[name].widget.attrs["aria-required"] = "true"
        if case.owner_leader_id in self.candidates and not self.is_bound:
            self.initial = {"leader": case.owner_leader_id, "level": case.owner_level}

    def assign(self, user, case: Complaint) -> CaseEvent:
        chosen = self.cleaned_data.get("leader") or ""
        leader = self.candidates.get(int(chosen)) if chosen.isdecimal() else None
        return ownership.assign_leader(
            user, case, leader, self.cleaned_data.get("level") or "", self.cleaned_data["note"]
        )


class HoldForm(forms.Form):
    """法律保全: place a hold, with its reason."""

    reason = forms.CharField(
        label=gettext_lazy("保全原因"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("例如审查、诉讼或复查的案号。保全期间，到期也不抹去反映人身份。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="hold", **kwargs)
        self.fields["reason"].shown_required = True
        self.fields["reason"].widget.attrs["aria-required"] = "true"


class LiftForm(forms.Form):
    """Lift one hold, with the reason."""

    lift_reason = forms.CharField(
        label=gettext_lazy("解除原因"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, hold: LegalHold, **kwargs):
        super().__init__(*args, prefix=f"lift{hold.pk}", **kwargs)
        self.hold = hold
        self.fields["lift_reason"].shown_required = True
        self.fields["lift_reason"].widget.attrs["aria-required"] = "true"


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to the fields they name (the rest at the top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- what the page shows --------------------------------------------------------------------


@dataclass
class Clock:
    deadline: clock.Deadline | None
    warning: str
    warning_label: str
    days_left: int | None
    review_window: clock.Deadline | None
    extension: dict | None  # days, approver_name from the 延期 event
    flags: list[str]
    visits: list = field(default_factory=list)

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def clock_of(case: Complaint) -> Clock:
    """The running deadline and everything about time and responsibility the page shows at its
    top, from the event log (one replay)."""
    facts = clock.replay(case)
    deadline = clock.running_deadline(case, facts)
    warning = clock.warning_for(deadline.due if deadline else None)
    extension = None
    for event in facts.events:
        if event.kind == CaseEvent.Kind.STATE and event.to_state == State.EXTENDED:
            extension = event.changes or {}
    return Clock(
        deadline=deadline,
        warning=warning,
        warning_label=str(Complaint.Warning(warning).label),
        days_left=(deadline.due - timezone.localdate()).days if deadline else None,
        review_window=clock.review_window(case, facts),
        extension=extension,
        flags=[str(ownership.FLAG_LABELS[f]) for f in ownership.flags_of(case)],
        visits=list(case.return_visits.all()),
    )


@dataclass
class ActionButton:
    transition: workflow.Transition
    form: ActionForm
    open: bool = False


def handling_context(
    request, case: Complaint, *, bound: ActionForm | None = None, leader_form=None
) -> dict:
    user = request.user
    buttons = []
    for transition in workflow.available(user, case):
        if bound is not None and bound.transition.name == transition.name:
            buttons.append(ActionButton(transition, bound, open=True))
        else:
            buttons.append(ActionButton(transition, ActionForm(transition=transition, case=case)))
    if bound is not None and not any(b.open for b in buttons):
        # The action is no longer available (the state moved on): show why with the form.
        buttons.append(ActionButton(bound.transition, bound, open=True))
    candidates = list(
        case.repeat_candidates.filter(status=RepeatCandidate.Status.SUGGESTED).select_related(
            "earlier"
        )
    )
    first = repeats.first_case(case) if case.repeat_of_id else None
    linked = {c.earlier_id for c in candidates} | ({first.pk} if first else set())
    visible = set(cases_for(user).filter(pk__in=linked).values_list("pk", flat=True))
    manage = ownership.may_manage(user)
    return {
        "clock": clock_of(case),
        "buttons": buttons,
        "repeat_candidates": candidates,
        "may_decide_repeats": repeats.may_decide(user),
        "first_case": first,
        "visible_linked": visible,
        "may_manage": manage,
        "leader_form": leader_form or (LeaderForm(case=case) if manage else None),
        "flags": [
            (flag, ownership.FLAG_LABELS[flag], getattr(case, flag))
            for flag in ownership.SETTABLE_FLAGS
        ],
    }


def retention_context(
    user, case: Complaint, *, hold_form: HoldForm | None = None, lift_form: LiftForm | None = None
) -> dict:
    """The retention date and the legal holds; the forms only for who may place and lift."""
    holds = list(case.legal_holds.select_related("placed_by", "lifted_by"))
    may_hold = retention.may_hold(user, case)
    rows = []
    for hold in holds:
        form = None
        if may_hold and hold.active:
            form = lift_form if lift_form and lift_form.hold.pk == hold.pk else LiftForm(hold=hold)
        rows.append((hold, form))
    return {
        "holds": rows,
        "hold_active": any(h.active for h in holds),
        "may_hold": may_hold,
        "hold_form": (
            (hold_form or HoldForm()) if may_hold and not case.identity_erased_on else None
        ),
        "erase_on": retention.erase_on(case),
        "retention_years": case.category.retention_years,
    }


# --- the views ------------------------------------------------------------------------------


class CasePage(CaseView):
    """The case page with its handling (registered as the cases viewset's inspect view)."""

    bound_action: ActionForm | None = None
    bound_leader: LeaderForm | None = None
    bound_hold: HoldForm | None = None
    bound_lift: LiftForm | None = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_operator:
            context.update(
                handling_context(
                    self.request,
                    self.object,
                    bound=self.bound_action,
                    leader_form=self.bound_leader,
                )
            )
            context.update(
                retention_context(
                    self.request.user,
                    self.object,
                    hold_form=self.bound_hold,
                    lift_form=self.bound_lift,
                )
            )
        return context

    def back(self):
        return redirect("cases:inspect", self.object.pk)


class ActView(CasePage):
    """POST cases/<pk>/act/<name>/: take one transition."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        case = self.object
        transition = workflow.BY_NAME.get(kwargs["name"])
        if transition is None:
            raise Http404
        form = ActionForm(request.POST, transition=transition, case=case)
        if form.is_valid():
            try:
                form.perform(request.user, case)
            except PermissionDenied as refused:
                messages.error(request, str(refused) or _("您不能办理此项。"))
                return self.back()
            except ValidationError as error:
                add_errors(form, error)
            else:
                message = SUCCESS.get(transition.name) or _("已%(action)s。") % {
                    "action": transition.label
                }
                messages.success(request, str(message))
                return self.back()
        self.bound_action = form
        return self.render_to_response(self.get_context_data())


class LeaderView(CasePage):
    """POST cases/<pk>/leader/: 领导包案."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        case = self.object
        form = LeaderForm(request.POST, case=case)
        if form.is_valid():
            try:
                event = form.assign(request.user, case)
            except PermissionDenied as refused:
                messages.error(request, str(refused))
                return self.back()
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("已由%(leader)s包案。") % {"leader": event.changes["leader_name"]},
                )
                return self.back()
        self.bound_leader = form
        return self.render_to_response(self.get_context_data())


class FlagView(CasePage):
    """POST cases/<pk>/flags/<flag>/ with value=1 or 0: 骨头案, 越级."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        flag, value = kwargs["flag"], request.POST.get("value") == "1"
        try:
            ownership.set_flag(request.user, self.object, flag, value)
        except (PermissionDenied, ValidationError) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            label = ownership.FLAG_LABELS[flag]
            text = _("已标记为%(flag)s。") if value else _("已取消%(flag)s标记。")
            messages.success(request, text % {"flag": label})
        return self.back()


class RepeatView(CasePage):
    """POST cases/<pk>/repeats/<candidate>/ with decision=confirm or reject."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        candidate = get_object_or_404(
            RepeatCandidate.objects.select_related("earlier"),
            case=self.object,
            pk=kwargs["candidate"],
        )
        confirm = request.POST.get("decision") == "confirm"
        try:
            repeats.decide(request.user, candidate, confirm)
        except PermissionDenied as refused:
            messages.error(request, str(refused))
        else:
            self.object.refresh_from_db()
            if confirm:
                first = repeats.first_case(self.object)
                messages.success(request, _("已认定为重复件，首件：%(n)s。") % {"n": first.number})
            else:
                messages.success(
                    request, _("已认定不是 %(n)s 的重复件。") % {"n": candidate.earlier.number}
                )
        return self.back()


class HoldView(CasePage):
    """POST cases/<pk>/holds/: place a legal hold (法律保全)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = HoldForm(request.POST)
        if form.is_valid():
            try:
                retention.place_hold(request.user, self.object, form.cleaned_data["reason"])
            except PermissionDenied as refused:
                messages.error(request, str(refused))
                return self.back()
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已设置法律保全：保全期间不抹去反映人身份。"))
                return self.back()
        self.bound_hold = form
        return self.render_to_response(self.get_context_data())


class LiftHoldView(CasePage):
    """POST cases/<pk>/holds/<hold>/lift/: lift a legal hold."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        hold = get_object_or_404(self.object.legal_holds, pk=kwargs["hold"])
        form = LiftForm(request.POST, hold=hold)
        if form.is_valid():
            try:
                retention.lift_hold(request.user, hold, form.cleaned_data["lift_reason"])
            except PermissionDenied as refused:
                messages.error(request, str(refused))
                return self.back()
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已解除法律保全。"))
                return self.back()
        self.bound_lift = form
        return self.render_to_response(self.get_context_data())
