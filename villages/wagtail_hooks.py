from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

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
