"""The clock's data in 设置 (docs/architecture.md "The clock: working days"): 节假日安排 (the
State Council's holiday schedule, one year at a time), 办理时限 (the deadline rules) and 通知模板
(the texts of notices).

The city commission's group edits them (model permissions granted by
supervision/signal_handlers.py), and superusers. Rules and templates are seeded by migrations
and only edited (no add, no delete); a year of the calendar is added, edited, and deleted only
while it lies ahead (see CalendarPolicy). Any change replays the running deadline of every open
case in the task worker (supervision/tasks.recompute_deadlines), never inside the request.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .calendar_models import WorkCalendarDay, WorkCalendarYear
from .models import DeadlineRule, MessageTemplate
from .services.notices import placeholders_for, template_errors
from .services.workdays import missing_years
from .tasks import recompute_deadlines

RECOMPUTE_MESSAGE = gettext_lazy("已保存，暂定期限将在几分钟内重新计算。")
RULE_DAYS_MAX = 365


def recompute_after_commit() -> None:
    """Queue the replay of open cases' deadlines once the change is committed; and the due
    dates of the disclosures, since a 低保 list's is counted in working days too."""
    from disclosures.tasks import recompute_due_dates

    transaction.on_commit(lambda: recompute_deadlines.enqueue())
    transaction.on_commit(lambda: recompute_due_dates.enqueue(None))


# --- who may do what ------------------------------------------------------------------------


class CalendarPolicy(ModelPermissionPolicy):
    """Model permissions; a year is deleted only while it lies ahead. This year's and past
    years' schedules counted the deadlines already shown to staff and complainants (and the
    replay of a closed case's history): deleting one would silently move them. A wrong day is
    corrected by editing the year instead."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.year <= timezone.localdate().year:
            return False
        return self.user_has_permission(user, action)


class EditOnlyPolicy(ModelPermissionPolicy):
    """Seeded by migrations, so only changed: nothing is added or deleted."""

    def user_has_permission(self, user, action):
        return action in ("change", "view") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [a for a in actions if a in ("change", "view")]
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(WorkCalendarYear, CalendarPolicy(WorkCalendarYear))
register_permission_policy(DeadlineRule, EditOnlyPolicy(DeadlineRule))
register_permission_policy(MessageTemplate, EditOnlyPolicy(MessageTemplate))


# --- 节假日安排 -----------------------------------------------------------------------------


class CalendarYearForm(WagtailAdminModelForm):
    """A year and its days: every date in that year, no date twice, a 调休上班 day on a weekend
    (the day's own check, WorkCalendarDay.clean). A holiday on a weekend is fine (the schedule
    lists the whole break)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The rows belong to this year; to move them, delete the (future) year and add anew.
            self.fields["year"].disabled = True
            self.fields["year"].help_text = _("已保存的年份不能修改。")

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        formset = self.formsets.get("days")
        if formset is None:
            return cleaned
        formset.is_valid()  # cleans every row, so each row's own errors come first
        seen: dict[datetime.date, object] = {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            day = data.get("date") or _typed_date(form)
            if not day or data.get("DELETE") or "date" in form.errors:
                continue
            if year and day.year != year:
                form.add_error(
                    "date",
                    _("%(date)s 不在 %(year)d 年内。") % {"date": day.isoformat(), "year": year},
                )
            elif day in seen:
                form.add_error(
                    "date", _("%(date)s 填了两次，请删掉一行。") % {"date": day.isoformat()}
                )
            else:
                seen[day] = form
        if any(f.errors for f in formset.forms):
            self.add_error(None, _("有日期需要修改，请看下面标出的行。"))
        return cleaned


def _typed_date(form) -> datetime.date | None:
    """The date typed in a row, also when the formset's own uniqueness check took it out of
    cleaned_data (a duplicate)."""
    try:
        return form.fields["date"].clean(form["date"].data)
    except forms.ValidationError:
        return None


class CalendarIndexView(generic.IndexView):
    template_name = "supervision/admin/calendar_index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                holiday_count=Count("days", filter=Q(days__kind=WorkCalendarDay.Kind.HOLIDAY)),
                workday_count=Count("days", filter=Q(days__kind=WorkCalendarDay.Kind.WORKDAY)),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing_years"] = missing_years(timezone.localdate())
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            context["add_url"] = reverse("work_calendar:add")
        return context


class RecomputeOnSaveMixin:
    """After a save: the worker replays open cases' deadlines, and the user is told so."""

    def save_instance(self):
        instance = super().save_instance()
        recompute_after_commit()
        return instance

    def get_success_message(self, *args):
        return str(RECOMPUTE_MESSAGE)


class CalendarCreateView(RecomputeOnSaveMixin, generic.CreateView):
    """Adding a year: the mixin queues the recompute of provisional deadlines."""


class CalendarEditView(RecomputeOnSaveMixin, generic.EditView):
    """Correcting a year: the mixin queues the recompute of open deadlines."""


class CalendarDeleteView(generic.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def delete_action(self):
        super().delete_action()
        recompute_after_commit()

    def get_success_message(self):
        return _("已删除 %(year)d 年的节假日安排，暂定期限将在几分钟内重新计算。") % {
            "year": self.object.year
        }


class CalendarViewSet(ModelViewSet):
    """节假日安排 in 设置: a year is added when the State Council publishes it."""

    model = WorkCalendarYear
    icon = "date"
    menu_label = gettext_lazy("节假日安排")
    name = "work_calendar"
    url_prefix = "work-calendar"
    add_to_settings_menu = True
    menu_order = 610
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = CalendarIndexView
    add_view_class = CalendarCreateView
    edit_view_class = CalendarEditView
    delete_view_class = CalendarDeleteView
    list_display = [
        "year",
        StatusTagColumn(
            "status",
            label=gettext_lazy("状态"),
            accessor=lambda y: _("已公布"),
            primary=lambda y: True,
        ),
        Column("holiday_count", label=gettext_lazy("放假天数")),
        Column("workday_count", label=gettext_lazy("调休上班天数")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("source"),
            InlinePanel(
                "days", heading=gettext_lazy("放假和调休上班的日期"), label=gettext_lazy("日期")
            ),
        ],
        base_form_class=CalendarYearForm,
    )

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename__startswith="view_")


# --- 办理时限 and 通知模板: edit only ---------------------------------------------------------


class DeadlineRuleForm(WagtailAdminModelForm):
    def clean_days(self):
        days = self.cleaned_data.get("days")
        if days is not None and not 1 <= days <= RULE_DAYS_MAX:
            raise forms.ValidationError(
                _("天数应为 1 到 %(max)d 之间的整数。") % {"max": RULE_DAYS_MAX}
            )
        return days


class MessageTemplateForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.code:
            names = "、".join("{" + n + "}" for n in placeholders_for(self.instance.code))
            self.fields["text"].help_text = _(
                "可用的占位符：%(names)s，发送时换成实际内容。"
                "要写大括号本身，请连写两个：{{ 或 }}。"
            ) % {"names": names}

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        errors = template_errors(self.instance.code, text)
        if errors:
            raise forms.ValidationError(errors)
        return text


class RuleEditView(RecomputeOnSaveMixin, generic.EditView):
    def get_page_subtitle(self):
        return str(self.object.get_code_display())

    def get_success_message(self, *args):
        return _("已保存，在办件的期限将在几分钟内按新规定重新计算。")


class TemplateEditView(generic.EditView):
    def get_success_message(self, *args):
        return _("已保存通知模板“%(name)s”，之后发出的通知使用新内容。") % {
            "name": self.object.get_code_display()
        }


class EditOnlyModelViewSet(ModelViewSet):
    """A list and an edit page (with its history and usage): no add or delete URL."""

    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in ("add", "delete")]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__startswith="change_")


def _case_kind_label(rule) -> str:
    return rule.get_case_kind_display() if rule.case_kind else _("全部")


class DeadlineRuleViewSet(EditOnlyModelViewSet):
    model = DeadlineRule
    icon = "time"
    menu_label = gettext_lazy("办理时限")
    name = "deadline_rules"
    url_prefix = "deadline-rules"
    menu_order = 611
    edit_view_class = RuleEditView
    list_display = [
        Column("code", label=gettext_lazy("期限"), accessor="get_code_display"),
        Column("case_kind", label=gettext_lazy("适用性质"), accessor=_case_kind_label),
        Column("days", label=gettext_lazy("天数")),
        Column("unit", label=gettext_lazy("计算方式"), accessor="get_unit_display"),
        Column("basis", label=gettext_lazy("依据")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("days"), FieldPanel("unit"), FieldPanel("starts"), FieldPanel("basis")],
        base_form_class=DeadlineRuleForm,
    )


class MessageTemplateViewSet(EditOnlyModelViewSet):
    model = MessageTemplate
    icon = "mail"
    menu_label = gettext_lazy("通知模板")
    name = "message_templates"
    url_prefix = "message-templates"
    menu_order = 612
    edit_view_class = TemplateEditView
    list_display = [
        Column("code", label=gettext_lazy("通知"), accessor="get_code_display"),
        Column("text", label=gettext_lazy("内容")),
    ]
    edit_handler = ObjectList([FieldPanel("text")], base_form_class=MessageTemplateForm)


CONFIG_VIEWSETS = (CalendarViewSet, DeadlineRuleViewSet, MessageTemplateViewSet)
