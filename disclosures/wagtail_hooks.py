from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Office, PowerCatalogPage, PowerCategory


@hooks.register("register_admin_urls")
def register_catalog_io_urls():
    return [
        path(
            "catalog/<int:page_id>/import/",
            admin_views.catalog_import,
            name="disclosures_catalog_import",
        ),
        path(
            "catalog/<int:page_id>/export/",
            admin_views.catalog_export,
            name="disclosures_catalog_export",
        ),
    ]


@hooks.register("register_page_header_buttons")
def catalog_io_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, PowerCatalogPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield PageMenuItem(
            _("导入导出"),
            reverse("disclosures_catalog_import", args=[page.pk]),
            icon_name="table",
            priority=40,
            page=page,
        )


class PowerCategoryViewSet(SnippetViewSet):
    model = PowerCategory
    icon = "tag"
    menu_label = _("权力事项类别")
    list_display = ["name", "code", "sort_order"]


class OfficeViewSet(SnippetViewSet):
    model = Office
    icon = "user"
    menu_label = _("村级职务")
    list_display = ["name", "code", "sort_order"]


class ListsSettingsGroup(SnippetViewSetGroup):
    items = (PowerCategoryViewSet, OfficeViewSet)
    menu_icon = "list-ul"
    menu_label = _("清单设置")
    menu_name = "lists-settings"


register_snippet(ListsSettingsGroup)
