"""Admin screens of the monthly dispatch (一月一调度) under 信访举报: supervised items (督办事项)
and leader reception days (领导接访). Who may do what is decided by services/dispatch.py and
services/reception.py, through the permission policies registered here; the pages' own POST
actions (a progress note, 办结, a session's record, a matter logged as a case) call the same
services."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from villages.models import Role
from villages.services.jurisdiction import jurisdiction_of

from . import admin_views
from .admin_forms import IntakeForm
from .dispatch_models import ReceptionDay, SupervisedItem
from .services import dispatch, reception
from .services.access import cases_for
from .services.intake import submit
from .services.ownership import assign_leader

# --- who may do what ------------------------------------------------------------------------


class RulePolicy(BasePermissionPolicy):
    """Add, change and view decided by a service's rules, given as functions; nobody deletes
    (an item's notes and a day's cases refer to it: unpublish instead).

    `may(user, action)`: whether the user may take the action at all; `listed(user, action)`:
    the instances they may take it on; `roles_for(actions)`: the roles that may."""

    def __init__(self, model, *, may, listed, roles_for):
        super().__init__(model)
        self.may, self.listed, self.roles_for = may, listed, roles_for

    def user_has_permission(self, user, action):
        return action != "delete" and self.may(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(
            Q(is_superuser=True) | Q(staff_profile__role__in=self.roles_for(actions))
        )

    def instances_user_has_any_permission_for(self, user, actions):
        found = self.model.objects.none()
        for action in actions:
            if action != "delete":
                found = found | self.listed(user, action)
        return found

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "delete" and self.listed(user, action).filter(pk=instance.pk).exists()


def _reads(action) -> bool:
    return action == "view"


register_permission_policy(
    SupervisedItem,
    RulePolicy(
        SupervisedItem,
        may=lambda user, action: (
            dispatch.may_read_any(user) if _reads(action) else dispatch.may_edit_any(user)
        ),
        listed=lambda user, action: (
            dispatch.items_for(user) if _reads(action) else dispatch.editable_items_for(user)
        ),
        roles_for=lambda actions: dispatch.READ_ROLES if "view" in actions else dispatch.EDIT_ROLES,
    ),
)
register_permission_policy(
    ReceptionDay,
    RulePolicy(
        ReceptionDay,
        may=lambda user, action: reception.may_manage_any(user),
        listed=lambda user, action: reception.days_for(user),
        roles_for=lambda actions: reception.MANAGE_ROLES,
    ),
)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Indented by level, so a county's townships read under it.
        return "　" * max(obj.depth - 3, 0) + obj.title


def _area_field(form, user, help_text):
    field = AreaChoiceField(
        queryset=dispatch.area_choices(user),
        label=form.fields["area"].label,
        help_text=help_text,
        empty_label=_("请选择"),
    )
    if form.instance.pk and form.instance.area_id:
        field.initial = form.instance.area_id
    form.fields["area"] = field


# --- supervised items -----------------------------------------------------------------------


class SupervisedItemForm(WagtailAdminModelForm):
    """An item: its area only among the areas of the user's jurisdiction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "area" in self.fields:
            _area_field(self, self.for_user, self.fields["area"].help_text)

    def clean(self):
        data = super().clean()
        if self.instance.status == SupervisedItem.Status.DONE and self.has_changed():
            # An item closed stays as it was closed; its tasks and notes are the record.
            raise ValidationError(_("督办事项已办结，不能再修改。"))
        return data


class ItemFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"), choices=SupervisedItem.Status.choices
    )
    warning = django_filters.ChoiceFilter(
        label=gettext_lazy("预警"),
        choices=[
            ("red", gettext_lazy("红色预警")),
            ("yellow", gettext_lazy("黄色预警")),
            ("none", gettext_lazy("未预警")),
        ],
        method="filter_warning",
    )
    area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所属地区"),
        queryset=lambda request: dispatch.area_choices(getattr(request, "user", None)),
        method="filter_area",
    )

    class Meta:
        model = SupervisedItem
        fields = []

    def filter_warning(self, queryset, name, value):
        return queryset.filter(warning="" if value == "none" else value)

    def filter_area(self, queryset, name, value):
        # The area and everything under it.
        return queryset.filter(area__path__startswith=value.path) if value else queryset


class ItemIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            dispatch.items_for(self.request.user).select_related("area").prefetch_related("tasks")
        )


class ItemCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        instance = super().save_instance()
        dispatch.refresh_warnings(items=SupervisedItem.objects.filter(pk=instance.pk))
        return instance


class ItemEditView(generic.EditView):
    def get_object(self, queryset=None):
        # Only an item the user may change: anyone else gets the 404 of a missing one.
        return get_object_or_404(dispatch.editable_items_for(self.request.user), pk=self.object_pk)

    def save_instance(self):
        instance = super().save_instance()
        dispatch.refresh_warnings(items=SupervisedItem.objects.filter(pk=instance.pk))
        return instance


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("进展情况"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("请填写进展情况。")},
    )
    public = forms.BooleanField(
        label=gettext_lazy("在公开的督办进展页上显示这条进展"), required=False
    )
    attachment = forms.FileField(
        label=gettext_lazy("附件（可不选）"),
        required=False,
        help_text=gettext_lazy("保存为文档库中的文档；公开的进展附带的文件任何人都能下载。"),
    )


class ItemPage(generic.InspectView):
    """An item's page: facts, percent, warnings, the task table, every note (public and
    internal), the note form and 办结."""

    template_name = "supervision/admin/dispatch/item.html"
    any_permission_required = ["view"]

    def get_object(self, queryset=None):
        return get_object_or_404(
            dispatch.items_for(self.request.user).select_related("area"), pk=self.pk
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            item=item,
            percent=dispatch.percent(item),
            reasons=dispatch.reasons(item),
            tasks=list(item.tasks.all()),
            notes=list(item.notes.select_related("by", "attachment")),
            can_edit=dispatch.can_edit(self.request.user, item),
            note_form=kwargs.get("note_form") or NoteForm(),
            public=dispatch.is_public(item),
        )
        return context


@require_POST
def add_note(request, pk):
    item = get_object_or_404(dispatch.items_for(request.user), pk=pk)
    if not dispatch.can_edit(request.user, item):
        # Checked before anything is stored: a read-only role leaves no file behind.
        messages.error(request, _("您只能查看这个督办事项，不能报送进展。"))
        return redirect("supervised_items:inspect", item.pk)
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid():
        attachment = None
        upload = form.cleaned_data["attachment"]
        if upload:
            attachment = get_document_model()(
                title=f"{item.title} · {upload.name}"[:255],
                file=upload,
                uploaded_by_user=request.user,
                collection=dispatch.attachment_collection(public=form.cleaned_data["public"]),
            )
            try:
                attachment.full_clean()  # WAGTAILDOCS_EXTENSIONS, like the admin's own upload
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("supervised_items:inspect", item.pk)
            attachment.save()
        try:
            dispatch.add_note(
                item,
                request.user,
                form.cleaned_data["text"],
                public=form.cleaned_data["public"],
                attachment=attachment,
            )
        except PermissionDenied as refused:
            if attachment is not None:
                attachment.file.delete(save=False)
                attachment.delete()
            messages.error(request, str(refused))
        else:
            messages.success(request, _("进展已报送。"))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("supervised_items:inspect", item.pk)


@require_POST
def complete_item(request, pk):
    item = get_object_or_404(dispatch.items_for(request.user), pk=pk)
    try:
        dispatch.complete(item, request.user)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("督办事项已办结。"))
    return redirect("supervised_items:inspect", item.pk)


TASK_PANELS = [
    FieldPanel("sort_order"),
    FieldPanel("title"),
    FieldPanel("owner_unit"),
    FieldPanel("due_on"),
    FieldPanel("done_on"),
    FieldPanel("milestone"),
    FieldPanel("weight"),
]


class SupervisedItemViewSet(ModelViewSet):
    model = SupervisedItem
    icon = "tasks"
    menu_label = gettext_lazy("督办事项")
    name = "supervised_items"
    url_prefix = "supervised-items"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ItemIndexView
    add_view_class = ItemCreateView
    edit_view_class = ItemEditView
    inspect_view_class = ItemPage
    filterset_class = ItemFilterSet
    search_fields = ["title", "owner_unit", "source_detail"]
    search_backend_name = None
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("督办事项"),
            get_url=lambda item: reverse("supervised_items:inspect", args=[item.pk]),
        ),
        Column("area", label=gettext_lazy("所属地区"), accessor="area.title"),
        Column(
            "deadline",
            label=gettext_lazy("办结时限"),
            accessor=lambda item: f"{item.deadline:%Y-%m-%d}",
            sort_key="deadline",
        ),
        Column(
            "percent",
            label=gettext_lazy("完成比例"),
            accessor=lambda item: f"{dispatch.percent(item)}%",
        ),
        StatusTagColumn(
            "status",
            label=gettext_lazy("状态"),
            accessor="get_status_display",
            primary=lambda item: item.status == SupervisedItem.Status.OPEN,
            sort_key="status",
        ),
        StatusTagColumn(
            "warning",
            label=gettext_lazy("预警"),
            accessor=dispatch.warning_label,
            primary=lambda item: item.warning == dispatch.RED,
            sort_key="warning",
        ),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("source"),
                    FieldPanel("source_detail"),
                    FieldPanel("area"),
                    FieldPanel("description"),
                ],
                heading=gettext_lazy("事项"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("owner_unit"),
                    FieldPanel("owner_leader"),
                    FieldPanel("deadline"),
                    FieldPanel("rhythm"),
                ],
                heading=gettext_lazy("责任和时限"),
            ),
            InlinePanel("tasks", panels=TASK_PANELS, heading=gettext_lazy("任务表"), min_num=1),
            MultiFieldPanel(
                [FieldPanel("published"), FieldPanel("public_summary")],
                heading=gettext_lazy("公开"),
            ),
        ],
        base_form_class=SupervisedItemForm,
    )

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("delete",)]
        return [
            *patterns,
            path("<int:pk>/notes/", add_note, name="note"),
            path("<int:pk>/complete/", complete_item, name="complete"),
        ]

    def get_permissions_to_register(self):
        # Decided by services/dispatch.py from the user's role, not by group permissions.
        return super().get_permissions_to_register().none()


# --- leader reception days ------------------------------------------------------------------


class ReceptionDayForm(WagtailAdminModelForm):
    """A reception day: its area among the user's; its leader account among the leaders
    working there or above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "area" in self.fields:
            _area_field(self, user, self.fields["area"].help_text)
        if "leader" in self.fields:
            leaders = get_user_model().objects.filter(
                is_active=True, staff_profile__role=Role.LEADER
            )
            node = jurisdiction_of(user) if user is not None else None
            if user is not None and not user.is_superuser:
                if node is None:
                    leaders = leaders.none()
                else:
                    above = [*node.get_ancestors(), node]
                    leaders = leaders.filter(
                        Q(staff_profile__jurisdiction__path__startswith=node.path)
                        | Q(staff_profile__jurisdiction__in=above)
                    )
            self.fields["leader"] = LeaderField(
                queryset=leaders.order_by("username"),
                required=False,
                label=self.fields["leader"].label,
                help_text=self.fields["leader"].help_text,
            )


class LeaderField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        full = obj.get_full_name().strip()
        return f"{full}（{obj.get_username()}）" if full else obj.get_username()


class DayFilterSet(WagtailFilterSet):
    area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("所属地区"),
        queryset=lambda request: dispatch.area_choices(getattr(request, "user", None)),
        method="filter_area",
    )
    when = django_filters.ChoiceFilter(
        label=gettext_lazy("时间"),
        choices=[("upcoming", gettext_lazy("今天及以后")), ("past", gettext_lazy("已过去"))],
        method="filter_when",
    )
    recorded = django_filters.ChoiceFilter(
        label=gettext_lazy("接访记录"),
        choices=[("1", gettext_lazy("已记录")), ("0", gettext_lazy("未记录"))],
        method="filter_recorded",
    )

    class Meta:
        model = ReceptionDay
        fields = []

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path) if value else queryset

    def filter_when(self, queryset, name, value):
        return queryset.filter(reception.area_filter_q(value, timezone.localdate()))

    def filter_recorded(self, queryset, name, value):
        return queryset.filter(record__isnull=value != "1")


class DayEditView(generic.EditView):
    def get_object(self, queryset=None):
        return get_object_or_404(reception.days_for(self.request.user), pk=self.object_pk)


class DayIndexView(generic.IndexView):
    def get_base_queryset(self):
        return reception.days_for(self.request.user).select_related("area", "record")


class RecordForm(forms.Form):
    batches = forms.IntegerField(label=gettext_lazy("接待批次"), min_value=0)
    persons = forms.IntegerField(label=gettext_lazy("接待人次"), min_value=0)
    summary = forms.CharField(
        label=gettext_lazy("接访情况"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("反映的主要问题和处理意见，不写来访人姓名。"),
    )


class DayPage(generic.InspectView):
    """A reception day: facts, its record (and the form to write or correct it), the cases
    logged from it, and 登记接访事项."""

    template_name = "supervision/admin/dispatch/day.html"
    any_permission_required = ["view"]

    def get_object(self, queryset=None):
        return get_object_or_404(
            reception.days_for(self.request.user).select_related("area", "leader"), pk=self.pk
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = self.object
        entry = reception.record_of(day)
        initial = (
            {"batches": entry.batches, "persons": entry.persons, "summary": entry.summary}
            if entry
            else {}
        )
        context.update(
            day=day,
            entry=entry,
            record_text=reception.record_text(day),
            held=day.date <= timezone.localdate(),
            record_form=kwargs.get("record_form") or RecordForm(initial=initial),
            cases=list(reception.cases_of(day, cases_for(self.request.user))),
            may_log=reception.may_log_matters(self.request.user, day),
            is_public=reception.public_days().filter(pk=day.pk).exists(),
        )
        return context


@require_POST
def record_day(request, pk):
    day = get_object_or_404(reception.days_for(request.user), pk=pk)
    form = RecordForm(request.POST)
    if form.is_valid():
        try:
            reception.record(
                day,
                form.cleaned_data["batches"],
                form.cleaned_data["persons"],
                form.cleaned_data["summary"],
                request.user,
            )
        except (PermissionDenied, ValidationError) as error:
            texts = error.messages if isinstance(error, ValidationError) else [str(error)]
            messages.error(request, " ".join(texts))
        else:
            messages.success(request, _("接访记录已保存。"))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("reception_days:inspect", day.pk)


class ReceptionIntakeForm(IntakeForm):
    """登记接访事项: the staff intake form with channel 领导接访 and the day fixed, and, when the
    day's leader has an account, an offer to make them the case's 包案领导."""

    make_owner = forms.BooleanField(required=False)

    def __init__(self, *args, user, day, **kwargs):
        super().__init__(*args, user=user, reception=day, **kwargs)
        self.owner = reception.owner_offer(day, user)
        if self.owner is None:
            del self.fields["make_owner"]
        else:
            name = self.owner.get_full_name().strip() or self.owner.get_username()
            self.fields["make_owner"].label = _("由接访领导%(name)s包案（领导包案）") % {
                "name": name
            }
            self.fields["make_owner"].initial = True


@require_http_methods(["GET", "POST"])
def intake_at_reception(request, pk):
    """登记接访事项: a matter received at the day becomes a case (channel 领导接访, linked to the
    day) through the one intake service."""
    day = get_object_or_404(reception.days_for(request.user).select_related("area"), pk=pk)
    if not reception.may_log_matters(request.user, day):
        raise PermissionDenied
    form = ReceptionIntakeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
        day=day,
    )
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["submission_key"]
        result = submit(
            form.intake_data(),
            channel=form.cleaned_data["channel"],
            actor=request.user,
            actor_label=admin_views.actor_label(request.user),
            submission_key=admin_views.scoped_key(request.user, key),
        )
        if form.owner is not None and form.cleaned_data.get("make_owner"):
            try:
                assign_leader(
                    request.user,
                    result.case,
                    form.owner,
                    reception.leader_level(day),
                    note=str(day),
                )
            except (PermissionDenied, ValidationError) as error:
                texts = error.messages if isinstance(error, ValidationError) else [str(error)]
                messages.warning(request, _("已登记，但未能交由接访领导包案：") + " ".join(texts))
        url = reverse("supervision_intake:receipt", args=[key])
        return redirect(url + ("?repeated=1" if result.repeated else ""))
    return TemplateResponse(
        request,
        "supervision/admin/intake.html",
        {
            "form": form,
            "reception_day": day,
            "files_lost": request.method == "POST" and bool(request.FILES),
            "error_count": sum(len(e) for e in form.errors.values()) if form.is_bound else 0,
        },
    )


class ReceptionDayViewSet(ModelViewSet):
    model = ReceptionDay
    icon = "user"
    menu_label = gettext_lazy("领导接访")
    name = "reception_days"
    url_prefix = "reception-days"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DayIndexView
    edit_view_class = DayEditView
    inspect_view_class = DayPage
    filterset_class = DayFilterSet
    search_fields = ["leader_name", "place", "topics"]
    search_backend_name = None
    list_display = [
        TitleColumn(
            "date",
            label=gettext_lazy("接访日期"),
            accessor=lambda day: f"{day.date:%Y-%m-%d} {day.start_time:%H:%M}",
            get_url=lambda day: reverse("reception_days:inspect", args=[day.pk]),
            sort_key="date",
        ),
        Column("area", label=gettext_lazy("所属地区"), accessor="area.title"),
        Column(
            "leader",
            label=gettext_lazy("接访领导"),
            accessor=lambda day: f"{day.leader_title} {day.leader_name}",
        ),
        Column("place", label=gettext_lazy("接访地点")),
        Column("record", label=gettext_lazy("接访记录"), accessor=reception.record_text),
        StatusTagColumn(
            "published",
            label=gettext_lazy("公布"),
            accessor=lambda day: _("已公布") if day.published else _("未公布"),
            primary=lambda day: day.published,
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("area"),
            FieldPanel("date"),
            FieldPanel("start_time"),
            FieldPanel("end_time"),
            FieldPanel("place"),
            FieldPanel("leader_title"),
            FieldPanel("leader_name"),
            FieldPanel("leader"),
            FieldPanel("topics"),
            FieldPanel("published"),
        ],
        base_form_class=ReceptionDayForm,
    )

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in ("delete",)]
        return [
            *patterns,
            path("<int:pk>/record/", record_day, name="record"),
            path("<int:pk>/intake/", intake_at_reception, name="intake"),
        ]

    def get_permissions_to_register(self):
        # Decided by services/reception.py from the user's role, not by group permissions.
        return super().get_permissions_to_register().none()
