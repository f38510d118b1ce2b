from django.contrib.auth.models import Permission
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from . import account_views, admin_guards, review, two_factor_views  # noqa: F401  (admin_guards registers copy/move hooks)
from .models import Role
from .services.dashboard import townships_of, village_shortcuts
from .services.jurisdiction import jurisdiction_of
from .viewsets import staff_profile_viewset


@hooks.register("register_admin_viewset")
def register_staff_profiles():
    return staff_profile_viewset


class JurisdictionPanel(Component):
    """Tells a staff user, first thing on the dashboard, what they work on."""

    name = "jurisdiction"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        node = jurisdiction_of(self.user)
        if node is None:
            return ""
        profile = self.user.staff_profile
        ancestors = "".join(p.title for p in node.get_ancestors().filter(depth__gt=2))
        return format_html(
            '<section class="panel"><h2>{}</h2><p>{}<strong>{}{}</strong> · {}</p></section>',
            _("我的管辖范围"),
            _("%(role)s：") % {"role": profile.get_role_display()},
            ancestors,
            node.title,
            _("只能查看和处理此范围内的事项。"),
        )


def role_of(user) -> str | None:
    profile = getattr(user, "staff_profile", None) if jurisdiction_of(user) else None
    return profile.role if profile else None


class VillageShortcutsPanel(Component):
    """Township editors and the township's discipline committee: each village's 联络站 and
    村干部 tabs and its own items, one click from the dashboard."""

    name = "village_shortcuts"
    order = 60
    template_name = "villages/admin/village_shortcuts_panel.html"

    def __init__(self, node):
        self.node = node

    def get_context_data(self, parent_context=None):
        return {"villages": village_shortcuts(self.node)}


class TownshipsPanel(Component):
    """A county role: the county's townships (public pages). Apps that hang on the tree add
    their own panels for the county (e.g. its catalog) through the same hook."""

    name = "townships"
    order = 70
    template_name = "villages/admin/townships_panel.html"

    def __init__(self, county, request):
        self.county = county
        self.request = request

    def get_context_data(self, parent_context=None):
        townships = [(t.title, t.get_url(self.request)) for t in townships_of(self.county)]
        return {"county": self.county, "townships": townships}


# Roles whose own screens come in later parts (complaints: Part 5, ledgers: Part 8). Until
# then their dashboard says so and links to the public page of their area, and shows no control
# that would only answer "no permission" (see hide_page_search below).
COMING_SOON = {
    Role.STATION_OPERATOR: (
        gettext_lazy("目前联络站账号还不能在后台办理业务。"),
        gettext_lazy(
            "即将开通：在这里登记群众来访、来电反映的问题，查询办理进度和答复期限。"
            "开通后会另行通知。"
        ),
        gettext_lazy("查看本村公开页面（联络站信息和四张清单）"),
    ),
    Role.AUDITOR: (
        gettext_lazy("目前审计账号还不能在后台查看台账。"),
        gettext_lazy(
            "即将开通：在这里只读查看管辖范围内的信访举报台账、办理记录和月度分析报表。"
            "开通后会另行通知。"
        ),
        gettext_lazy("查看管辖范围的公开页面"),
    ),
    Role.LEADER: (
        gettext_lazy("目前包案领导账号还不能在后台办理案件。"),
        gettext_lazy("即将开通：在这里查看和督办包案的信访举报件。开通后会另行通知。"),
        gettext_lazy("查看管辖范围的公开页面"),
    ),
    Role.CITY_DISCIPLINE: (
        gettext_lazy("目前市纪委监委账号还不能在后台查看办理情况。"),
        gettext_lazy("即将开通：在这里查看全市的信访举报办理情况和一月一分析。"),
        gettext_lazy("查看全市公开页面"),
    ),
}


class ComingSoonPanel(Component):
    name = "coming_soon"
    order = 60
    template_name = "villages/admin/coming_soon_panel.html"

    def __init__(self, role, node, request):
        self.texts = COMING_SOON[role]
        self.node = node
        self.request = request

    def get_context_data(self, parent_context=None):
        today, coming, area_link = self.texts
        return {
            "today": today,
            "coming": coming,
            "area_link": area_link,
            "area_url": self.node.specific_deferred.get_url(self.request)
            if self.node.live
            else None,
        }


@hooks.register("construct_homepage_panels")
def add_jurisdiction_panel(request, panels):
    panels.insert(0, JurisdictionPanel(request.user))
    role, node = role_of(request.user), jurisdiction_of(request.user)
    if role in (Role.TOWNSHIP_EDITOR, Role.TOWNSHIP_DISCIPLINE):
        panels.append(VillageShortcutsPanel(node))
    elif role == Role.COUNTY_PETITION:
        panels.append(TownshipsPanel(node, request))
    elif role in COMING_SOON:
        panels.append(ComingSoonPanel(role, node, request))


# --- review that shows what changed (villages/review.py) -------------------------------------


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    panels[:] = [
        review.AwaitingReviewPanel() if panel.name == "workflow_objects_to_moderate" else panel
        for panel in panels
    ]
    panels.append(review.ReviewResultsPanel(request.user))


@hooks.register("construct_page_action_menu")
def arrange_page_action_menu(menu_items, request, context):
    review.arrange_page_action_menu(menu_items, request, context)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/<int:pk>/", review.ReviewView.as_view(), name="villages_review")]


# --- staff accounts: login lockouts (设置 → 登录锁定) ---------------------------------------


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("lockouts/", account_views.lockout_list, name="villages_lockouts"),
        path("lockouts/unlock/", account_views.lockout_unlock, name="villages_lockouts_unlock"),
    ]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return account_views.can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(
        gettext_lazy("登录锁定"),
        reverse_lazy("villages_lockouts"),
        name="lockouts",
        icon_name="lock",
        order=650,
    )


@hooks.register("register_permissions")
def register_unlock_permission():
    # Lets a group be given "解除登录锁定" (axes.delete_accessattempt) in 设置 → 用户组.
    app_label, codename = account_views.UNLOCK_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


# --- 两步验证: each staff user's own two-factor screens (two_factor_views.py) ----------------


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor_views.overview, name="villages_two_factor"),
        path("two-factor/setup/", two_factor_views.setup, name="villages_two_factor_setup"),
        path("two-factor/setup/qr.svg", two_factor_views.setup_qr, name="villages_two_factor_qr"),
        path("two-factor/verify/", two_factor_views.verify, name="villages_two_factor_verify"),
        path("two-factor/disable/", two_factor_views.disable, name="villages_two_factor_disable"),
        path(
            "two-factor/reset/<int:user_id>/",
            two_factor_views.reset,
            name="villages_two_factor_reset",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def register_two_factor_reset_button(user, request_user):
    """设置 → 用户: a superuser's 重置两步验证 in each other user's 更多 menu."""
    if two_factor_views.may_reset(request_user, user):
        yield Button(
            _("重置两步验证"),
            reverse("villages_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("villages_two_factor"),
        "label": _("两步验证"),
        "help_text": _("用手机验证器（TOTP）登录时再输入一次验证码，账号被盗用也不会被登录。"),
    }


# --- 删除用户: a user some kept record names cannot be deleted; say so and point to 停用 ---------


@hooks.register("before_bulk_action")
def keep_users_that_records_name_in_bulk(request, action_type, objects, action):
    """The users listing's bulk 删除: refused as a whole, naming who is kept and why, when any
    selected user is named by kept records (else it would fail with a server error)."""
    from django.contrib import messages
    from django.contrib.auth import get_user_model
    from django.shortcuts import redirect

    from .services.accounts import records_keeping

    if action_type != "delete" or getattr(action, "model", None) is not get_user_model():
        return None
    kept = {user.get_username(): records_keeping(user) for user in objects}
    kept = {name: held for name, held in kept.items() if held}
    if not kept:
        return None
    records = sorted({record for held in kept.values() for record in held})
    messages.error(
        request,
        _(
            "没有删除任何账号：%(names)s 有%(records)s按规定保留。"
            "请改为停用这些账号（编辑用户，取消勾选“有效”）。"
        )
        % {"names": "、".join(sorted(kept)), "records": "、".join(records)},
    )
    return redirect(action.next_url)


@hooks.register("before_delete_user")
def keep_users_that_records_name(request, user):
    """The audit log, the identity access log and case history name their staff user and are
    kept by rule (on_delete=PROTECT): deleting such a user would fail. Before the confirmation
    page (and again on its POST) the superuser is told which records hold the user and sent to
    the user's edit page to deactivate the account instead (取消勾选"有效")."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .services.accounts import records_keeping

    held = records_keeping(user)
    if not held:
        return None
    messages.error(
        request,
        _(
            "%(name)s 不能删除：%(records)s按规定保留并记着这个账号。"
            "请改为停用：在下面取消勾选“有效”并保存，该账号即不能再登录。"
        )
        % {"name": user.get_username(), "records": "、".join(held)},
    )
    return redirect("wagtailusers_users:edit", user.pk)
