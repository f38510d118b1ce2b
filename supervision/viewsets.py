"""Supervision's admin screens as Wagtail viewsets (docs/architecture.md "Complaints in the
admin"): the case list and page, intake, the identity-access log, Open311 partners and complaint
categories, grouped under one menu item 信访举报.

Who may do what is decided by permission policies registered here, and they ask
supervision/services/access.py (the case rule, with jurisdiction and recusal) rather than Django
model permissions: a case is never added, edited or deleted through a generic view. Partners and
categories are configuration and use model permissions, granted to the city commission's group
by supervision/signal_handlers.py; nobody deletes either (cases refer to them).
"""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.menus import MenuItem as UIMenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from villages.models import Role, StaffProfile
from villages.viewsets import (
    ReadOnlyModelViewSet,
    StaffActionViewSet,
    StaffChoiceFilter,
    staff_label,
)

from . import (
    admin_actions,
    admin_analysis,
    admin_lists,
    admin_views,
    case_list,
    dispatch_viewsets,
    ledger_views,
)
from .admin_forms import CategoryForm, PartnerForm
from .case_list import CASE_LIST_ROLES, CaseFilterSet, may_list_cases
from .models import (
    Complaint,
    ComplaintCategory,
    IdentityAccess,
    Open311Partner,
)
from .services.access import (
    can_view_case,
    cases_for,
    intake_channels_for,
    role_of,
)

# --- who may do what ------------------------------------------------------------------------

# Roles that read the identity-access log (§47: whoever looked at a reporter's identity).
IDENTITY_LOG_ROLES = {Role.AUDITOR, Role.CITY_DISCIPLINE}


def may_read_identity_log(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in IDENTITY_LOG_ROLES


def identity_log_for(user):
    """The identity-access log rows `user` may read: those of the cases they may see."""
    if not may_read_identity_log(user):
        return IdentityAccess.objects.none()
    return IdentityAccess.objects.filter(case__in=cases_for(user))


def _staff_with_roles(roles):
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(
        Q(is_superuser=True) | Q(pk__in=StaffProfile.objects.filter(role__in=roles).values("user"))
    )


class CasePolicy(BasePermissionPolicy):
    """Cases are viewed, never added, changed or deleted through a generic view: intake is its
    own screen (services/intake.py) and Part 6 adds the handling actions."""

    def user_has_permission(self, user, action):
        return action == "view" and may_list_cases(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return _staff_with_roles(CASE_LIST_ROLES)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can_view_case(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return cases_for(user) if "view" in actions else Complaint.objects.none()


class IdentityLogPolicy(BasePermissionPolicy):
    """The identity-access log is read-only for everyone; rows are written only by
    services/identity.reveal_identity."""

    def user_has_permission(self, user, action):
        return action == "view" and may_read_identity_log(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return _staff_with_roles(IDENTITY_LOG_ROLES)

    def instances_user_has_any_permission_for(self, user, actions):
        return identity_log_for(user) if "view" in actions else IdentityAccess.objects.none()


class NoDeletePolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody deletes: cases refer to partners and categories
    (deactivate them instead)."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "delete"])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


# Registered at import, before anything asks for a fallback policy (wagtail.permissions).
register_permission_policy(Complaint, CasePolicy(Complaint))
register_permission_policy(IdentityAccess, IdentityLogPolicy(IdentityAccess))
register_permission_policy(Open311Partner, NoDeletePolicy(Open311Partner))
register_permission_policy(ComplaintCategory, NoDeletePolicy(ComplaintCategory))


# --- cases ----------------------------------------------------------------------------------


def real_name_label(case) -> str:
    return _("实名") if case.real_name else _("匿名")


# The export: the list's columns and a little more, never identity, PIN or the accused
# (docs/architecture.md "Complaints in the admin").
EXPORT_COLUMNS = [
    ("number", gettext_lazy("编号"), lambda c: c.number or ""),
    ("received_on", gettext_lazy("收到日期"), lambda c: c.received_on),
    ("village", gettext_lazy("所涉村（社区）"), lambda c: c.village.title),
    ("category", gettext_lazy("问题类别"), lambda c: c.category.name),
    ("kind", gettext_lazy("性质"), lambda c: c.get_kind_display()),
    ("channel", gettext_lazy("来源渠道"), lambda c: c.get_channel_display()),
    ("state", gettext_lazy("状态"), lambda c: c.get_state_display()),
    ("real_name", gettext_lazy("实名或匿名"), real_name_label),
    ("created_at", gettext_lazy("登记时间"), lambda c: c.created_at),
]
FORMULA_START = ("=", "+", "-", "@")


class WarningColumn(StatusTagColumn):
    """预警 as a status tag, and an empty cell when there is none."""

    cell_template_name = "supervision/admin/includes/warning_cell.html"


class CaseIndexView(generic.IndexView):
    """信访举报件: only `cases_for(user)`, which already applies jurisdiction, the operator's
    own cases and recusal; filters, search and export all start from it."""

    def get_base_queryset(self):
        return cases_for(self.request.user).select_related("village", "category")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return case_list.search(queryset, self.search_query)

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if intake_channels_for(self.request.user):
            buttons.append(
                HeaderButton(
                    _("登记信访举报"), url=reverse("supervision_intake:index"), icon_name="plus"
                )
            )
        # 导出台账: the official ledger of exactly the cases listed (services/ledger.py).
        params = self.request.GET.copy()
        for key in ledger_views.NOT_FILTERS:
            params.pop(key, None)
        for file_format, label in (("xlsx", _("导出台账（Excel）")), ("csv", _("导出台账（CSV）"))):
            params["format"] = file_format
            buttons.append(
                HeaderButton(
                    label,
                    url=f"{reverse('supervision_ledger:export')}?{params.urlencode()}",
                    icon_name="download",
                )
            )
        if admin_lists.may_bulk_assign(self.request.user):
            buttons.append(
                HeaderButton(
                    _("批量交办"),
                    url=reverse("supervision_bulk_assign:index"),
                    icon_name="group",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        return [
            UIMenuItem(_("查看"), url=self.get_inspect_url(instance), icon_name="view", priority=10)
        ]

    # The export writes EXPORT_COLUMNS, whatever a column's model field would print.
    def to_row_dict(self, item):
        return {key: value(item) for key, _label, value in EXPORT_COLUMNS}

    def get_heading(self, queryset, field):
        return str(next(label for key, label, _value in EXPORT_COLUMNS if key == field))

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value
        return value


class CaseViewSet(ReadOnlyModelViewSet):
    model = Complaint
    icon = "mail"
    menu_label = gettext_lazy("信访举报件")
    name = "cases"
    index_view_class = CaseIndexView
    inspect_view_class = admin_actions.CasePage
    inspect_view_enabled = True
    filterset_class = CaseFilterSet
    search_fields = ["number", "receipt_code", "description"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "number",
        Column(
            "received_on",
            label=gettext_lazy("收到日期"),
            accessor=lambda case: f"{case.received_on:%Y-%m-%d}",
            sort_key="received_on",
        ),
        Column("village", label=gettext_lazy("所涉村（社区）"), accessor="village.title"),
        Column("category", label=gettext_lazy("问题类别"), accessor="category.name"),
        Column(
            "channel",
            label=gettext_lazy("来源渠道"),
            accessor="get_channel_display",
            sort_key="channel",
        ),
        StatusTagColumn(
            "state",
            label=gettext_lazy("状态"),
            accessor="get_state_display",
            primary=lambda case: case.state == Complaint.State.REGISTERED,
            sort_key="state",
        ),
        Column("real_name", label=gettext_lazy("实名或匿名"), accessor=real_name_label),
        Column(
            "due_date",
            label=gettext_lazy("期限"),
            accessor=admin_lists.deadline_text,
            sort_key="due_date",
        ),
        WarningColumn(
            "warning",
            label=gettext_lazy("预警"),
            accessor=admin_lists.warning_text,
            primary=lambda case: case.warning == Complaint.Warning.RED,
            sort_key="warning",
        ),
    ]
    list_export = [key for key, _label, _value in EXPORT_COLUMNS]
    export_filename = "cases"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/act/<str:name>/",
                self.construct_view(admin_actions.ActView, **self.get_inspect_view_kwargs()),
                name="act",
            ),
            path(
                "<int:pk>/leader/",
                self.construct_view(admin_actions.LeaderView, **self.get_inspect_view_kwargs()),
                name="leader",
            ),
            path(
                "<int:pk>/flags/<str:flag>/",
                self.construct_view(admin_actions.FlagView, **self.get_inspect_view_kwargs()),
                name="flag",
            ),
            path(
                "<int:pk>/repeats/<int:candidate>/",
                self.construct_view(admin_actions.RepeatView, **self.get_inspect_view_kwargs()),
                name="repeat",
            ),
            path(
                "<int:pk>/holds/",
                self.construct_view(admin_actions.HoldView, **self.get_inspect_view_kwargs()),
                name="hold",
            ),
            path(
                "<int:pk>/holds/<int:hold>/lift/",
                self.construct_view(admin_actions.LiftHoldView, **self.get_inspect_view_kwargs()),
                name="lift_hold",
            ),
            path(
                "<int:pk>/attachments/<int:attachment_pk>/",
                admin_views.case_attachment,
                name="attachment",
            ),
        ]


# --- intake: a screen of its own, not a generic create view ---------------------------------


class IntakeViewSet(ViewSet):
    """登记信访举报 for stations and petition offices (admin_views.intake)."""

    name = "supervision_intake"
    url_prefix = "intake"
    icon = "plus"
    menu_label = gettext_lazy("登记信访举报")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class IntakeMenuItem(MenuItem):
            def is_shown(self, request):
                return bool(intake_channels_for(request.user))

        return IntakeMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.intake, name="index"),
            path("receipt/<str:key>/", admin_views.intake_receipt, name="receipt"),
            path("receipt/<str:key>/print/", admin_views.intake_receipt_print, name="print"),
        ]


# --- the identity-access log ----------------------------------------------------------------


def _identity_log_users(request):
    if request is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(pk__in=identity_log_for(request.user).values("user"))
        .order_by("username")
    )


class IdentityLogFilterSet(WagtailFilterSet):
    case = django_filters.CharFilter(
        label=gettext_lazy("案件编号"), field_name="case__number", lookup_expr="icontains"
    )
    user = StaffChoiceFilter(label=gettext_lazy("查看人"), queryset=_identity_log_users)
    at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("查看日期"), widget=DateRangePickerWidget
    )

    class Meta:
        model = IdentityAccess
        fields = []


def _user_role(row) -> str:
    try:
        return row.user.staff_profile.get_role_display()
    except StaffProfile.DoesNotExist:
        return _("系统管理员") if row.user.is_superuser else ""


class IdentityLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        return identity_log_for(self.request.user).select_related(
            "case", "user", "user__staff_profile"
        )

    # The export names the case by number and the user by name, as the list does.
    def to_row_dict(self, item):
        return {
            "at": item.at,
            "case": item.case.number,
            "user": staff_label(item.user),
            "role": _user_role(item),
            "context": item.context,
        }


class IdentityLogViewSet(ReadOnlyModelViewSet):
    model = IdentityAccess
    icon = "view"
    menu_label = gettext_lazy("身份查看记录")
    name = "identity_log"
    url_prefix = "identity-log"
    index_view_class = IdentityLogIndexView
    filterset_class = IdentityLogFilterSet
    list_per_page = 50
    list_display = [
        Column(
            "at",
            label=gettext_lazy("查看时间"),
            accessor=lambda row: f"{timezone.localtime(row.at):%Y-%m-%d %H:%M}",
            sort_key="at",
        ),
        TitleColumn(
            "case",
            label=gettext_lazy("案件"),
            accessor="case.number",
            get_url=lambda row: reverse("cases:inspect", args=[row.case_id]),
        ),
        Column("user", label=gettext_lazy("查看人"), accessor=lambda row: staff_label(row.user)),
        Column("role", label=gettext_lazy("角色"), accessor=_user_role),
        Column("context", label=gettext_lazy("查看场合")),
    ]
    list_export = ["at", "case", "user", "role", "context"]
    export_headings = {
        "at": gettext_lazy("查看时间"),
        "case": gettext_lazy("案件"),
        "user": gettext_lazy("查看人"),
        "role": gettext_lazy("角色"),
        "context": gettext_lazy("查看场合"),
    }
    export_filename = "identity-access-log"


# --- configuration: Open311 partners and complaint categories -------------------------------


class NoDeleteModelViewSet(ModelViewSet):
    """Add and edit, never delete (NoDeletePolicy): no delete URL, and no delete permission
    offered in 设置 → 用户组, where it would change nothing."""

    add_to_reference_index = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename__startswith="delete_")


class PartnerViewSet(NoDeleteModelViewSet):
    """开放接口对接方: the key is issued on create (and by 重新签发密钥) and shown once; the list
    shows only its last characters."""

    model = Open311Partner
    icon = "link"
    menu_label = gettext_lazy("开放接口对接方")
    name = "open311_partners"
    url_prefix = "open311-partners"
    add_view_class = admin_views.PartnerCreateView
    edit_view_class = admin_views.PartnerEditView
    list_display = [
        "name",
        Column("jurisdiction", label=gettext_lazy("可提交范围"), accessor="jurisdiction.title"),
        Column("key_hint", label=gettext_lazy("密钥尾号"), accessor=lambda p: f"…{p.key_hint}"),
        StatusTagColumn(
            "active",
            label=gettext_lazy("状态"),
            accessor=lambda p: _("启用") if p.active else _("停用"),
            primary=lambda p: p.active,
        ),
        Column(
            "last_used_at",
            label=gettext_lazy("最近使用"),
            accessor=lambda p: (
                f"{timezone.localtime(p.last_used_at):%Y-%m-%d %H:%M}"
                if p.last_used_at
                else _("从未使用")
            ),
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            PageChooserPanel(
                "jurisdiction",
                page_type=["villages.CityPage", "villages.CountyPage", "villages.TownshipPage"],
            ),
            FieldPanel("contact"),
            FieldPanel("active"),
        ],
        base_form_class=PartnerForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/key/", admin_views.partner_key, name="key"),
            path("<int:pk>/reissue/", admin_views.partner_reissue, name="reissue"),
        ]


class CategoryViewSet(NoDeleteModelViewSet):
    """问题类别: data, the Open311 services list. Deactivate rather than delete."""

    model = ComplaintCategory
    icon = "tag"
    menu_label = gettext_lazy("问题类别")
    name = "complaint_categories"
    url_prefix = "complaint-categories"
    list_display = [
        "name",
        Column("code", label=gettext_lazy("代码")),
        Column("sort_order", label=gettext_lazy("排序"), sort_key="sort_order"),
        Column(
            "retention_years",
            label=gettext_lazy("保存年限"),
            accessor=lambda c: _("%(n)d 年") % {"n": c.retention_years},
        ),
        StatusTagColumn(
            "active",
            label=gettext_lazy("状态"),
            accessor=lambda c: _("启用") if c.active else _("停用"),
            primary=lambda c: c.active,
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("code"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
            FieldPanel("retention_years"),
            FieldPanel("active"),
        ],
        base_form_class=CategoryForm,
    )


class SupervisionViewSetGroup(ViewSetGroup):
    """One menu item 信访举报: each entry shows only to those its policy (or, for intake,
    access.intake_channels_for) lets in; with none, the group itself is hidden."""

    menu_label = gettext_lazy("信访举报")
    menu_icon = "mail"
    menu_name = "supervision"
    menu_order = 150
    items = (
        IntakeViewSet,
        admin_lists.TodoViewSet,
        admin_lists.OwnedViewSet,
        CaseViewSet,
        admin_analysis.AnalysisViewSet,
        admin_lists.BulkAssignViewSet,
        ledger_views.LedgerViewSet,
        dispatch_viewsets.SupervisedItemViewSet,
        dispatch_viewsets.ReceptionDayViewSet,
        IdentityLogViewSet,
        # 操作日志 (villages: the audit log of staff actions), beside the identity-access log.
        StaffActionViewSet,
        PartnerViewSet,
        CategoryViewSet,
    )
