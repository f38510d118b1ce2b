from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import StaffProfileForm
from .models import AREA_MODELS, StaffProfile


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
