import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import StaffProfileForm
from .models import AREA_MODELS, Role, StaffAction, StaffProfile
from .services import audit


class StaffProfileViewSet(ModelViewSet):
    """Who works where: a role and one jurisdiction node per staff user. Superusers (and anyone
    given the villages.*_staffprofile permissions) manage it under Settings."""

    model = StaffProfile
    icon = "group"
    menu_label = _("工作人员与管辖范围")
    add_to_settings_menu = True
    list_display = ["user", "role", "jurisdiction", "title"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "title"]
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("role"),
            PageChooserPanel(
                "jurisdiction", page_type=[f"villages.{m.__name__}" for m in AREA_MODELS]
            ),
            FieldPanel("title"),
        ],
        base_form_class=StaffProfileForm,
    )


staff_profile_viewset = StaffProfileViewSet("staff_profiles")


# --- 操作日志: the audit log of staff actions, read-only (services/audit.py) -----------------


class StaffActionPolicy(BasePermissionPolicy):
    """Read by the auditor (within their jurisdiction) and superusers; written only by
    services/audit.record; nobody adds, edits or deletes a row through any screen."""

    def user_has_permission(self, user, action):
        return action == "view" and audit.may_read(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(pk__in=StaffProfile.objects.filter(role__in=audit.READER_ROLES).values("user"))
            )
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and audit.actions_for(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return audit.actions_for(user) if "view" in actions else StaffAction.objects.none()


register_permission_policy(StaffAction, StaffActionPolicy(StaffAction))


def staff_label(user) -> str:
    """王某某（jiwei_awu）: the name staff know, and the login that is unique. Every staff chooser
    and list of the admin labels a user this way."""
    full = user.get_full_name().strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def _action_users(request):
    if request is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(pk__in=audit.actions_for(request.user).values("user"))
        .order_by("username")
    )


class StaffChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return staff_label(obj)


class StaffChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


class StaffActionFilterSet(WagtailFilterSet):
    user = StaffChoiceFilter(label=_("用户"), queryset=_action_users)
    action = django_filters.ChoiceFilter(label=_("操作"), choices=list(audit.ACTION_LABELS.items()))
    at = django_filters.DateFromToRangeFilter(label=_("日期"), widget=DateRangePickerWidget)

    class Meta:
        model = StaffAction
        fields = []


def action_label(row) -> str:
    return str(audit.ACTION_LABELS.get(row.action, row.action))


def role_label(row) -> str:
    if row.role == "superuser":
        return str(_("系统管理员"))
    return str(Role(row.role).label) if row.role in Role.values else row.role


def _when(row) -> str:
    return f"{timezone.localtime(row.at):%Y-%m-%d %H:%M:%S}"


class StaffActionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return audit.actions_for(self.request.user).select_related("user", "jurisdiction")

    def to_row_dict(self, item):
        return {
            "at": _when(item),
            "username": item.username,
            "role": role_label(item),
            "jurisdiction": item.jurisdiction.title if item.jurisdiction else "",
            "action": action_label(item),
            "method": item.method,
            "path": item.path,
            "view_name": item.view_name,
            "object_repr": item.object_repr,
            "status_code": item.status_code,
            "ip_address": item.ip_address or "",
        }


class ReadOnlyModelViewSet(ModelViewSet):
    """A listing (and an optional page per row) and nothing else: no add, edit, copy, delete,
    history or usage URL exists at all."""

    add_to_reference_index = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_permissions_to_register(self):
        # Decided by the policy from the user's role, not by group permissions: offering them
        # in 设置 → 用户组 would suggest a checkbox changes something.
        return super().get_permissions_to_register().none()

    def register_admin_url_finder(self):
        """Registers nothing: there is no edit URL for Wagtail's admin URL finder to find."""


class StaffActionViewSet(ReadOnlyModelViewSet):
    """操作日志: a listing with filters, search and CSV/XLSX export; no add, edit, copy, delete,
    history or usage URL exists at all. Shown in the 信访举报 menu next to 身份查看记录
    (supervision/viewsets.py lists it in its group)."""

    model = StaffAction
    icon = "history"
    menu_label = _("操作日志")
    name = "staff_actions"
    url_prefix = "staff-actions"
    index_view_class = StaffActionIndexView
    filterset_class = StaffActionFilterSet
    search_fields = ["username", "path", "view_name", "object_repr"]
    list_per_page = 50
    list_display = [
        Column("at", label=_("时间"), accessor=_when, sort_key="at"),
        Column("username", label=_("登录名")),
        Column("role", label=_("角色"), accessor=role_label),
        Column("action", label=_("操作"), accessor=action_label),
        Column("view_name", label=_("功能")),
        Column("object_repr", label=_("对象")),
        Column("status_code", label=_("结果代码")),
        Column("ip_address", label=_("IP 地址")),
    ]
    list_export = [
        "at",
        "username",
        "role",
        "jurisdiction",
        "action",
        "method",
        "path",
        "view_name",
        "object_repr",
        "status_code",
        "ip_address",
    ]
    export_headings = {
        "at": _("时间"),
        "username": _("登录名"),
        "role": _("角色"),
        "jurisdiction": _("管辖范围"),
        "action": _("操作"),
        "method": _("请求方式"),
        "path": _("地址"),
        "view_name": _("功能"),
        "object_repr": _("对象"),
        "status_code": _("结果代码"),
        "ip_address": _("IP 地址"),
    }
    export_filename = "staff-actions"
