"""The lists staff work from (Part 6): 我的待办 (services/todo.py), the leader's 我的包案 with its
ledger export, bulk assignment (批量交办) and the staff notices read from the dashboard.

Views only ask the services: the cases come from `access.cases_for(user)`, assignment is
`workflow.perform(..., "assign")`, the flags are ownership's. Menu entries are the viewsets at
the end of this module, grouped under 信访举报 by supervision/viewsets.py.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.viewsets.base import ViewSet

from villages.models import Role, StaffProfile
from villages.services.jurisdiction import jurisdiction_of

from .models import CaseEvent, Complaint, Notice
from .services import todo, workflow
from .services.access import cases_for, role_of
from .services.ownership import FLAG_LABELS, flags_of, open_q
from .services.timeline import CLOSED_STATES

State = Complaint.State
W = Complaint.Warning
SECTION_LIMIT = 50
NOTICE_LIMIT = 5
BULK_LIMIT = 200
FORMULA_START = ("=", "+", "-", "@")


def person(user) -> str:
    """王某某（jiwei_awu）, as the admin's other lists name staff."""
    full = user.get_full_name().strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def deadline_text(case: Complaint) -> str:
    """The stored due date, marked 暂定 when counted without the year's holiday schedule."""
    if not case.due_date:
        return ""
    text = f"{case.due_date:%Y-%m-%d}"
    return text + _("（暂定）") if case.due_provisional else text


def warning_text(case: Complaint) -> str:
    return case.get_warning_display() if case.warning else ""


# --- 我的待办 -------------------------------------------------------------------------------


def may_see_todo(user) -> bool:
    return todo.may_have_todo(user)


def todo_view(request):
    """我的待办: each section's most urgent cases (red, yellow, then by due date)."""
    if not may_see_todo(request.user):
        raise PermissionDenied
    sections = []
    for section in todo.todo_for(request.user):
        figures = todo.counts(section)
        sections.append(
            {
                "key": section.key,
                "label": section.label,
                "cases": list(section.cases[:SECTION_LIMIT]),
                "more": max(figures["total"] - SECTION_LIMIT, 0),
                **figures,
            }
        )
    return TemplateResponse(
        request,
        "supervision/admin/todo.html",
        {"sections": sections, "cases_url": reverse("cases:index")},
    )


def unread_notices(user):
    """The user's unread admin notices about cases they may still see (recusal may have come
    after the notice)."""
    return Notice.objects.filter(
        user=user,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        read_at__isnull=True,
        case__in=cases_for(user),
    )


NOTICES_PER_PAGE = 50


def staff_notices(user):
    """All of the user's admin notices, read or not, about cases they may still see."""
    return Notice.objects.filter(
        user=user,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        case__in=cases_for(user),
    )


def notices_view(request):
    """我的通知: every admin notice of the user, newest first, unread ones marked; the
    dashboard panel shows the latest few."""
    from django.core.paginator import Paginator

    paginator = Paginator(staff_notices(request.user).select_related("case"), NOTICES_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "supervision/admin/notices.html",
        {"page": page, "unread": unread_notices(request.user).count()},
    )


@require_POST
def notices_read(request):
    """全部标为已读: marks every unread admin notice of the user, then back to where they were."""
    count = Notice.objects.filter(
        user=request.user,
        audience=Notice.Audience.STAFF,
        channel=Notice.Channel.ADMIN,
        read_at__isnull=True,
    ).update(read_at=timezone.now())
    messages.success(request, _("已将 %(n)d 条通知标为已读。") % {"n": count})
    target = request.POST.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("wagtailadmin_home")
    return redirect(target)


# --- 我的包案 -------------------------------------------------------------------------------


def may_see_owned(user) -> bool:
    return role_of(user) == Role.LEADER


def owned_cases(user):
    """The leader's owned cases, open ones first (red, yellow, then by due date), then the
    rest, newest first; closed ones stay listed (逐件销号). With the last event, no extra query
    per row."""
    latest = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at", "-pk")
    return (
        cases_for(user)
        .filter(owner_leader=user)
        .select_related("village", "category")
        .annotate(
            is_open=Case(
                When(open_q(), then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            urgency=Case(
                When(warning=W.RED, then=Value(0)),
                When(warning=W.YELLOW, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            last_at=Subquery(latest.values("at")[:1]),
            last_kind=Subquery(latest.values("kind")[:1]),
            last_to_state=Subquery(latest.values("to_state")[:1]),
        )
        .order_by("is_open", "urgency", "due_date", "-received_on", "-pk")
    )


def last_progress(case: Complaint) -> str:
    if not case.last_at:
        return ""
    if case.last_kind == CaseEvent.Kind.STATE and case.last_to_state:
        label = State(case.last_to_state).label
    else:
        label = CaseEvent.Kind(case.last_kind).label
    return f"{timezone.localtime(case.last_at):%Y-%m-%d} {label}"


# The ledger (台账): the screen's columns and the export's, never identity or the accused.
LEDGER_COLUMNS = [
    (gettext_lazy("编号"), lambda c: c.number or ""),
    (gettext_lazy("村"), lambda c: c.village.title),
    (gettext_lazy("类别"), lambda c: c.category.name),
    (gettext_lazy("包案层级"), lambda c: c.get_owner_level_display()),
    (gettext_lazy("状态"), lambda c: c.get_state_display()),
    (gettext_lazy("期限"), deadline_text),
    (gettext_lazy("预警"), warning_text),
    (gettext_lazy("标记"), lambda c: "、".join(str(FLAG_LABELS[f]) for f in flags_of(c))),
    (gettext_lazy("最近进展"), last_progress),
    (
        gettext_lazy("销号日期"),
        lambda c: f"{c.closed_on:%Y-%m-%d}" if c.state == State.CLOSED and c.closed_on else "",
    ),
]


def ledger_rows(cases) -> list[list[str]]:
    return [[str(value(case)) for _label, value in LEDGER_COLUMNS] for case in cases]


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + value if value.startswith(FORMULA_START) else value


def ledger_export(rows: list[list[str]], export_format: str) -> HttpResponse:
    headings = [str(label) for label, _value in LEDGER_COLUMNS]
    stamp = f"{timezone.localdate():%Y%m%d}"
    if export_format == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("包案台账"))
        sheet.append(headings)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="owned-cases-{stamp}.xlsx"'
        return response
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 Chinese only with the mark
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="owned-cases-{stamp}.csv"'
    return response


def owned_view(request):
    """我的包案: the leader's ledger; ?export=csv or xlsx downloads the same columns."""
    if not may_see_owned(request.user):
        raise PermissionDenied
    cases = list(owned_cases(request.user))
    rows = ledger_rows(cases)
    export_format = request.GET.get("export")
    if export_format in ("csv", "xlsx"):
        return ledger_export(rows, export_format)
    open_count = sum(1 for case in cases if case.state not in CLOSED_STATES)
    return TemplateResponse(
        request,
        "supervision/admin/owned.html",
        {
            "headings": [label for label, _value in LEDGER_COLUMNS],
            "rows": list(zip(cases, rows, strict=True)),
            "open_count": open_count,
            "closed_count": sum(1 for case in cases if case.state == State.CLOSED),
            "total": len(cases),
        },
    )


def owned_figures(user) -> dict[str, int]:
    owned = cases_for(user).filter(owner_leader=user)
    return {
        "open": owned.filter(open_q()).count(),
        "red": owned.filter(open_q(), warning=W.RED).count(),
        "yellow": owned.filter(open_q(), warning=W.YELLOW).count(),
    }


# --- 批量交办 -------------------------------------------------------------------------------


def may_bulk_assign(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in workflow.PETITION_OFFICE


def handler_choices(user):
    """Discipline staff who could handle cases of the user's jurisdiction: those working
    within it and those over it (workflow.handler_candidates checks each case's village)."""
    people = get_user_model().objects.filter(
        is_active=True,
        staff_profile__role__in=[Role.TOWNSHIP_DISCIPLINE, Role.COUNTY_PETITION],
    )
    if not user.is_superuser:
        node = jurisdiction_of(user)
        if node is None:
            return people.none()
        ancestors = list(node.get_ancestors(inclusive=True))
        people = people.filter(
            Q(staff_profile__jurisdiction__path__startswith=node.path)
            | Q(staff_profile__jurisdiction__in=ancestors)
        )
    return people.select_related("staff_profile__jurisdiction").order_by(
        "staff_profile__role", "username"
    )


class HandlerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        try:
            profile = obj.staff_profile
            return f"{person(obj)} · {profile.jurisdiction.title}"
        except StaffProfile.DoesNotExist:
            return person(obj)


class CaseChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} · {obj.village.title} · {obj.category.name}"


class BulkAssignForm(forms.Form):
    cases = CaseChoices(
        label=gettext_lazy("要交办的件"),
        queryset=Complaint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("请至少选择一件。")},
    )
    unit = forms.CharField(
        label=gettext_lazy("承办单位"),
        max_length=100,
        error_messages={"required": gettext_lazy("请填写承办单位。")},
    )
    handler = HandlerField(
        label=gettext_lazy("承办人"),
        queryset=get_user_model().objects.none(),
        empty_label=gettext_lazy("请选择"),
        error_messages={"required": gettext_lazy("请选择承办人。")},
    )
    internal_text = forms.CharField(
        label=gettext_lazy("内部说明（选填）"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = todo.urgent_first(
            cases_for(user).filter(state=State.ACCEPTED).select_related("village", "category")
        )
        self.fields["handler"].queryset = handler_choices(user)


class BulkAssignError(Exception):
    """One case of a bulk assignment was refused: the whole transaction is rolled back."""


def assign_all(user, cases, unit: str, handler, internal_text: str = "") -> int:
    """Assign every case, or none: the first refusal rolls all back and names the case."""
    with transaction.atomic():
        for case in cases:
            try:
                workflow.perform(
                    user,
                    case,
                    "assign",
                    {"unit": unit, "handler": handler, "internal_text": internal_text},
                )
            except (PermissionDenied, ValidationError) as error:
                reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise BulkAssignError(
                    _("%(number)s：%(reason)s 一件都没有交办，请改正后再提交。")
                    % {"number": case.number, "reason": " ".join(reasons)}
                ) from error
    return len(cases)


@require_http_methods(["GET", "POST"])
def bulk_assign_view(request):
    """批量交办: several 已受理 cases to one unit and one handler, in one transaction."""
    if not may_bulk_assign(request.user):
        raise PermissionDenied
    form = BulkAssignForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cases = sorted(data["cases"], key=lambda c: c.pk)
        try:
            count = assign_all(
                request.user, cases, data["unit"].strip(), data["handler"], data["internal_text"]
            )
        except BulkAssignError as failure:
            error = str(failure)
        else:
            messages.success(
                request,
                _("已将 %(n)d 件交办给 %(unit)s %(handler)s。")
                % {"n": count, "unit": data["unit"].strip(), "handler": person(data["handler"])},
            )
            return redirect("supervision_bulk_assign:index")
    choices = form.fields["cases"].queryset
    return TemplateResponse(
        request,
        "supervision/admin/bulk_assign.html",
        {
            "form": form,
            "error": error,
            "cases": list(choices[:BULK_LIMIT]),
            "more": max(choices.count() - BULK_LIMIT, 0),
            "selected": {str(v) for v in (form["cases"].value() or [])},
        },
    )


# --- menu entries ---------------------------------------------------------------------------


def _menu_item(test):
    from wagtail.admin.menu import MenuItem

    class ShownMenuItem(MenuItem):
        def is_shown(self, request):
            return test(request.user)

    return ShownMenuItem


class TodoViewSet(ViewSet):
    name = "supervision_todo"
    url_prefix = "todo"
    icon = "tasks"
    menu_label = gettext_lazy("我的待办")

    @cached_property
    def menu_item_class(self):
        return _menu_item(may_see_todo)

    def get_urlpatterns(self):
        return [
            path("", todo_view, name="index"),
            path("notices/", notices_view, name="notices"),
            path("notices/read/", notices_read, name="notices_read"),
        ]


class OwnedViewSet(ViewSet):
    name = "supervision_owned"
    url_prefix = "my-cases"
    icon = "user"
    menu_label = gettext_lazy("我的包案")

    @cached_property
    def menu_item_class(self):
        return _menu_item(may_see_owned)

    def get_urlpatterns(self):
        return [path("", owned_view, name="index")]


class BulkAssignViewSet(ViewSet):
    name = "supervision_bulk_assign"
    url_prefix = "bulk-assign"
    icon = "group"
    menu_label = gettext_lazy("批量交办")

    @cached_property
    def menu_item_class(self):
        return _menu_item(may_bulk_assign)

    def get_urlpatterns(self):
        return [path("", bulk_assign_view, name="index")]
