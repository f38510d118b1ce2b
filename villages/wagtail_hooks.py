from django.contrib.auth.models import Permission
from django.urls import path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import account_views, admin_guards, review  # noqa: F401  (admin_guards registers copy/move hooks)
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


@hooks.register("construct_homepage_panels")
def add_jurisdiction_panel(request, panels):
    panels.insert(0, JurisdictionPanel(request.user))


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
