"""Village affairs disclosures for staff (issue 10, parts 1, 3 and 5; docs/architecture.md
"Disclosures for staff"):

- 公开时限规则: the schedule as a `ModelViewSet` in the 村务公开设置 menu. A county petition
  office edits only its own county's rules (the county is fixed to theirs); the default rules
  (no county) only the city commission and superusers (`SchedulePolicy`).
- 村务公开进度: what is due soon, overdue and published late in the user's villages, from
  `schedule.township_report` (the one place that decides), as a dashboard panel and a page.
- A disclosure's rows as staff see them (masked, as the public does) and, for the roles
  `raw_values.can_view_raw` allows, one row's raw values behind a required reason, each look
  logged by `raw_values.read_raw`; the log itself (原始信息查看记录) for auditors and superusers.
"""

from __future__ import annotations

import functools

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.base.ratelimit import client_address
from villages.models import CountyPage, Role
from villages.services.jurisdiction import can_act_on, jurisdiction_of, villages_for

from .affairs_models import (
    DisclosurePage,
    DisclosureSchedule,
    DisclosureTable,
    Kind,
    RawValueAccess,
)
from .services import raw_values, schedule, tables

ROWS_PER_PAGE = 50
PANEL_ITEMS = 5


def role_of(user) -> str | None:
    return user.staff_profile.role if jurisdiction_of(user) is not None else None


# --- 公开时限规则 ------------------------------------------------------------------------------


class SchedulePolicy(ModelPermissionPolicy):
    """Model permissions (granted to the county petition office's and the city commission's
    groups by signal_handlers.py), narrowed by county: a county petition office acts only on
    its own county's rules; the default rules (no county) are the city's and superusers'."""

    def _county_of(self, user):
        if user.is_superuser or role_of(user) == Role.CITY_DISCIPLINE:
            return None  # every rule
        if role_of(user) == Role.COUNTY_PETITION:
            return jurisdiction_of(user)
        return False  # no rule at all

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        county = self._county_of(user)
        if county is None:
            return True
        return county is not False and instance.county_id == county.pk

    def instances_user_has_any_permission_for(self, user, actions):
        qs = super().instances_user_has_any_permission_for(user, actions)
        county = self._county_of(user)
        if county is None:
            return qs
        if county is False:
            return qs.none()
        return qs.filter(county=county)


register_permission_policy(DisclosureSchedule, SchedulePolicy(DisclosureSchedule))


class ScheduleForm(WagtailAdminModelForm):
    """The county is fixed to theirs for a county petition office; the model's `clean` gives
    the rule's own checks; a second rule for the same county and kind is refused in Chinese."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fixed_county = None
        field = self.fields.get("county")
        if field is None or for_user is None:
            return
        field.queryset = CountyPage.objects.all()
        county = SchedulePolicy(DisclosureSchedule)._county_of(for_user)
        if county not in (None, False):
            self.fixed_county = county.specific
            field.queryset = CountyPage.objects.filter(pk=county.pk)
            field.disabled = True
            field.required = True
            self.initial["county"] = county.pk
            field.help_text = _("您只能编辑本县的规则。")

    def clean(self):
        # The error on `kind` also keeps the model's constraint check (in English words when
        # it names the conditional default constraint) from repeating it.
        cleaned = super().clean()
        if self.fixed_county is not None:
            cleaned["county"] = self.fixed_county
        kind = cleaned.get("kind")
        county = cleaned.get("county")
        if kind:
            others = DisclosureSchedule.objects.filter(kind=kind, county=county)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                where = county.title if county else _("默认规则")
                self.add_error(
                    "kind",
                    _("%(where)s已有“%(kind)s”的规则，请直接修改那一条。")
                    % {"where": where, "kind": Kind(kind).label},
                )
        return cleaned


class ScheduleIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = SchedulePolicy(DisclosureSchedule)
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]
        ).select_related("county")


class OwnRulesOnly:
    """Edit and delete find only the rules the user may act on: another county's is a 404."""

    def get_queryset(self):
        policy = SchedulePolicy(DisclosureSchedule)
        return policy.instances_user_has_permission_for(self.request.user, self.permission_required)


class ScheduleEditView(OwnRulesOnly, generic.EditView):
    """Edit one rule of the user's county (or any rule, for the city)."""


class ScheduleDeleteView(OwnRulesOnly, generic.DeleteView):
    """Delete one rule of the user's county: the county then follows the default again."""


def county_label(rule) -> str:
    return rule.county.title if rule.county_id else _("默认（所有区县）")


def rule_deadline(rule) -> str:
    if rule.period_type == "once":
        text = _("事项发生后 %(n)s 个工作日内") % {"n": rule.due_working_days}
        if rule.display_working_days:
            text += _("，公示 %(n)s 个工作日") % {"n": rule.display_working_days}
        return text
    return _("期满后下月 %(n)s 日前") % {"n": rule.due_day}


class ScheduleViewSet(ModelViewSet):
    model = DisclosureSchedule
    icon = "date"
    menu_label = gettext_lazy("公开时限规则")
    name = "disclosure_schedule"
    url_prefix = "disclosure-schedule"
    index_view_class = ScheduleIndexView
    edit_view_class = ScheduleEditView
    delete_view_class = ScheduleDeleteView
    list_display = [
        "kind",
        Column("county", label=gettext_lazy("区县"), accessor=county_label),
        "period_type",
        Column("deadline", label=gettext_lazy("时限"), accessor=rule_deadline),
        "effective_from",
    ]
    list_filter = ["kind"]
    list_per_page = 50

    def get_edit_handler(self):
        handler = ObjectList(DisclosureSchedule.panels, base_form_class=ScheduleForm)
        return handler.bind_to_model(self.model)


# --- 原始信息查看记录 --------------------------------------------------------------------------


class RawAccessPolicy(BasePermissionPolicy):
    """The log is read by auditors and superusers; nobody writes it here (read_raw does)."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or role_of(user) == Role.AUDITOR

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        qs = self.model.objects.all()
        if not user.is_superuser:
            node = jurisdiction_of(user)
            qs = qs.filter(table__village__path__startswith=node.path)
        return qs

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


register_permission_policy(RawValueAccess, RawAccessPolicy(RawValueAccess))


def _viewer(access) -> str:
    user = access.user
    full = user.get_full_name().strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def _disclosure_title(access) -> str:
    page = access.table.page
    return f"{page.title}（{page.period_label}）" if page else "—"


class RawAccessIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            RawAccessPolicy(RawValueAccess)
            .instances_user_has_permission_for(self.request.user, "view")
            .select_related("user", "table__village", "table__page")
        )

    def get_edit_url(self, instance):
        return None  # an immutable record: nothing to edit


class RawAccessViewSet(ModelViewSet):
    model = RawValueAccess
    icon = "view"
    menu_label = gettext_lazy("原始信息查看记录")
    name = "raw_value_access"
    url_prefix = "raw-value-access"
    index_view_class = RawAccessIndexView
    add_to_admin_menu = False
    form_fields = ["reason"]
    list_display = [
        Column("viewed_at", label=gettext_lazy("查看时间"), accessor="viewed_at"),
        Column("user", label=gettext_lazy("查看人"), accessor=_viewer),
        Column("village", label=gettext_lazy("村"), accessor=lambda a: a.table.village.title),
        Column("disclosure", label=gettext_lazy("所属公开"), accessor=_disclosure_title),
        Column("line", label=gettext_lazy("行号"), accessor="line"),
        Column("reason", label=gettext_lazy("查看事由"), accessor="reason"),
        Column("ip_address", label=gettext_lazy("IP 地址"), accessor="ip_address"),
    ]
    list_per_page = 50


class AffairsSettingsGroup(ViewSetGroup):
    items = (ScheduleViewSet, RawAccessViewSet)
    menu_icon = "doc-full"
    menu_label = gettext_lazy("村务公开设置")
    menu_name = "affairs-settings"


# --- 村务公开进度 ------------------------------------------------------------------------------

PROGRESS_ROLES = {Role.TOWNSHIP_EDITOR, Role.TOWNSHIP_DISCIPLINE, Role.COUNTY_PETITION}


def may_see_progress(user) -> bool:
    return user.is_active and (user.is_superuser or role_of(user) in PROGRESS_ROLES)


def progress_villages(user):
    """The villages of the user's jurisdiction (a county petition office: the whole county)."""
    return villages_for(user).order_by("path").only("title", "path", "depth", "numchild")


def progress_report(user, village_id=None, kind=""):
    """The schedule's report on the user's villages today, narrowed by village and kind."""
    villages = list(progress_villages(user))
    if village_id:
        villages = [v for v in villages if v.pk == village_id]
    report = schedule.township_report(villages, schedule.today())
    if kind:
        for name in ("due_soon", "overdue", "late"):
            setattr(report, name, [e for e in getattr(report, name) if e.kind == kind])
    return report


class ProgressFilterForm(forms.Form):
    village = forms.TypedChoiceField(label=gettext_lazy("村"), required=False, coerce=int)
    kind = forms.ChoiceField(label=gettext_lazy("公开类别"), required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", _("全部")), *((v.pk, v.title) for v in villages)]
        self.fields["kind"].choices = [("", _("全部")), *Kind.choices]


def progress_view(request):
    """/admin/disclosures/progress/: the whole report, with filters by village and kind."""
    if not may_see_progress(request.user):
        raise PermissionDenied
    villages = list(progress_villages(request.user))
    form = ProgressFilterForm(request.GET or None, villages=villages)
    village_id, kind = None, ""
    if form.is_bound and form.is_valid():
        village_id = form.cleaned_data["village"] or None
        kind = form.cleaned_data["kind"]
    report = progress_report(request.user, village_id, kind)
    on = report.today
    lists = [
        {
            "mode": "overdue",
            "id": "overdue",
            "title": _("逾期未公开"),
            "days_label": _("逾期天数"),
            "empty": _("没有逾期未公开的。"),
            "items": [{"item": e, "days": (on - e.due_on).days} for e in report.overdue],
        },
        {
            "mode": "due_soon",
            "id": "due-soon",
            "title": _("即将到期"),
            "days_label": _("距截止还有几天"),
            "empty": _("近期没有到期的。"),
            "items": [{"item": e, "days": (e.due_on - on).days} for e in report.due_soon],
        },
        {
            "mode": "late",
            "id": "late",
            "title": _("公开较晚"),
            "days_label": _("晚了几天"),
            "empty": _("没有公开较晚的。"),
            "items": [{"item": e, "days": e.late_days} for e in report.late],
        },
    ]
    return TemplateResponse(
        request,
        "disclosures/admin/affairs_progress.html",
        {"report": report, "lists": lists, "form": form},
    )


class ProgressPanel(Component):
    """村务公开进度 on the dashboard: the counts in the heading, the first overdue items."""

    name = "affairs_progress"
    order = 58
    template_name = "disclosures/admin/affairs_progress_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        report = progress_report(self.user)
        return {
            "report": report,
            "overdue": report.overdue[:PANEL_ITEMS],
            "more_overdue": max(len(report.overdue) - PANEL_ITEMS, 0),
            "progress_url": reverse("disclosures_affairs_progress"),
        }


# --- rows and raw values ----------------------------------------------------------------------


class Refused(Exception):
    """Answered with a plain 403 (not the admin's redirect to the dashboard): a raw value's
    refusal must be unambiguous, also to a script."""


def refusing(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused:
            response = HttpResponseForbidden(_("您无权查看。"), content_type="text/plain")
            add_never_cache_headers(response)
            return response

    return wrapper


def _staff_page(request, page_id: int) -> DisclosurePage:
    """A disclosure of the user's jurisdiction (any staff role), or 404/403."""
    page = get_object_or_404(DisclosurePage.objects.select_related("table"), pk=page_id)
    user = request.user
    if not (user.is_superuser or (jurisdiction_of(user) is not None and can_act_on(user, page))):
        raise Refused
    # Staff check the rows a reviewer is asked to approve: the latest revision's table (a new
    # import is a draft until approved), if it is one of this page's tables.
    latest_id = page.latest_revision.content.get("table") if page.latest_revision_id else None
    if latest_id and latest_id != page.table_id:
        latest = DisclosureTable.objects.filter(pk=latest_id, page=page).first()
        if latest is not None:
            page.table = latest
    return page


@refusing
def rows_view(request, page_id: int):
    """/admin/disclosures/<id>/rows/: the current table, masked as the public sees it."""
    page = _staff_page(request, page_id)
    village = page.get_parent().specific
    context = {"page": page, "village": village, "header_icon": "table"}
    if page.table_id:
        spec = tables.spec_of(page.table)
        paginator = Paginator(tables.rows_of(page.table), ROWS_PER_PAGE)
        rows = paginator.get_page(request.GET.get("p"))
        context.update(
            spec=spec,
            rows=rows,
            cells=[(row, [tables.cell_value(row, c) for c in spec.columns]) for row in rows],
            totals=tables.totals_of(page.table),
            can_view_raw=raw_values.can_view_raw(request.user, page.table),
        )
    return TemplateResponse(request, "disclosures/admin/affairs_rows.html", context)


class RawReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("查看事由"),
        max_length=200,
        help_text=gettext_lazy("例如：核对发放对象。每次查看都会记录查看人、时间和事由。"),
        error_messages={"required": gettext_lazy("请写明查看事由。查看会被记录。")},
    )


@refusing
def raw_view(request, page_id: int, line: int):
    """核对原始信息 of one row: a reason first (POST), then the values, never cached."""
    page = _staff_page(request, page_id)
    if page.table_id is None or not raw_values.can_view_raw(request.user, page.table):
        raise Refused
    spec = tables.spec_of(page.table)
    row = get_object_or_404(spec.model.objects.defer("raw"), table=page.table, line=line)
    form = RawReasonForm(request.POST or None)
    values = None
    if request.method == "POST" and form.is_valid():
        try:
            values = raw_values.read_raw(
                request.user,
                page.table,
                line,
                form.cleaned_data["reason"],
                ip_address=client_address(request) or None,
            )
        except ValueError as error:
            form.add_error("reason", str(error))
    labels = {c.name: c.label for c in spec.columns}
    labels.update(RAW_LABELS)
    response = TemplateResponse(
        request,
        "disclosures/admin/affairs_raw.html",
        {
            "page": page,
            "row": row,
            "form": form,
            "values": [(labels.get(k, k), v) for k, v in values.items()]
            if values is not None
            else None,
            "header_icon": "view",
        },
    )
    add_never_cache_headers(response)  # Cache-Control: no-store (and private, max-age=0)
    return response


RAW_LABELS = {
    "id_number": gettext_lazy("身份证号"),
    "bank_card": gettext_lazy("银行卡号"),
    "phone": gettext_lazy("手机号"),
}


# --- published versions: withdrawing one from public view ----------------------------------------


@refusing
def versions_view(request, page_id: int):
    """/admin/disclosures/<id>/versions/: every published version; an earlier one can be taken
    out of public view (撤下) with a public reason by someone who may publish the page."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .services import affairs

    page = _staff_page(request, page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise Refused
    may_withdraw = page.permissions_for_user(request.user).can_publish()
    error, typed = "", {}
    if request.method == "POST":
        try:
            revision_id = int(request.POST.get("revision", ""))
        except ValueError:
            revision_id = 0
        typed = {"revision": revision_id, "reason": request.POST.get("reason", "")}
        try:
            affairs.withdraw_version(page, revision_id, request.user, typed["reason"])
        except PermissionDenied:
            raise Refused from None
        except ValueError as problem:
            error = str(problem)
        else:
            messages.success(request, _("已撤下，公开页面上这个版本只显示撤下原因。"))
            return redirect("disclosures_affairs_versions", page.pk)
    context = {
        "page": page,
        "versions": affairs.published_versions(page),
        "may_withdraw": may_withdraw,
        "error": error,
        "typed": typed,
    }
    response = TemplateResponse(request, "disclosures/admin/affairs_versions.html", context)
    add_never_cache_headers(response)
    return response
