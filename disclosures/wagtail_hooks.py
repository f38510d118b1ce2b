from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.base import page_cache
from villages.hooks import (
    VILLAGE_CHILD_PAGE_TYPES,
    VILLAGE_ROUTES,
    VILLAGE_SECTIONS,
    VillageSection,
)
from villages.models import Role
from villages.services.jurisdiction import jurisdiction_of

from . import (  # noqa: F401  (admin_guards registers hooks)
    admin_guards,
    admin_views,
    affairs_admin,
    affairs_admin_views,
    affairs_views,
    views,
)
from .models import DisclosurePage, Office, PowerCatalogPage, PowerCategory
from .services import catalog_io, tables

# --- the shared page cache (portal/base/page_cache.py; signal_handlers.py bumps the tags) -----


@hooks.register("before_serve_page")
def depends_on_catalogs_above(page, request, serve_args, serve_kwargs):
    """A village's lists show the catalogs of its county and township; any page of the tree
    depends on the catalogs above it (built from its path, no query)."""
    path, step = page.path, page.steplen
    page_cache.depend_on(request, *(f"catalog:{path[:i]}" for i in range(step, len(path), step)))


# --- what the lists hang on the village page (villages/hooks.py) ------------------------------


@hooks.register(VILLAGE_ROUTES)
def village_list_routes():
    return [
        path("power/", views.village_power_list, name="power_list"),
        path("power/<str:number>/", views.village_power_item, name="power_item"),
        path("power/<str:number>/pdf/", views.village_power_item_pdf, name="power_item_pdf"),
        path("responsibilities/", views.village_responsibilities, name="responsibilities"),
        path("risks/", views.village_risks, name="risks"),
        path("booklet/", views.village_booklet, name="booklet"),
        path("affairs/", affairs_views.village_affairs, name="affairs"),
    ]


@hooks.register(VILLAGE_SECTIONS)
def village_list_sections():
    return [
        VillageSection(
            _("权力清单"),
            _("村里每项小微权力的依据、流程图和时限"),
            route="power_list",
            order=10,
            in_sitemap=True,
        ),
        VillageSection(
            _("责任清单"),
            _("村干部各自的职责和责任追究情形"),
            route="responsibilities",
            order=20,
            in_sitemap=True,
        ),
        VillageSection(
            _("风险防控清单"),
            _("容易出问题的环节和防控措施"),
            route="risks",
            order=30,
            in_sitemap=True,
        ),
        VillageSection(
            _("打印版（PDF）"), _("四张清单合订本，可张贴到公开栏"), route="booklet", order=40
        ),
        VillageSection(
            _("村务公开"),
            _("财务收支、三资、惠民补贴、工程项目等公开，是否按时公开"),
            route="affairs",
            order=50,
            in_sitemap=True,
        ),
    ]


@hooks.register(VILLAGE_CHILD_PAGE_TYPES)
def village_child_page_types():
    # A village's own power items (本村增补) and its affairs disclosures (村务公开).
    return ["disclosures.PowerItemPage", "disclosures.DisclosurePage"]


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
        path(
            "catalog/imports/<int:job_id>/",
            admin_views.import_job,
            name="disclosures_catalog_import_job",
        ),
        path(
            "catalog/imports/<int:job_id>/confirm/",
            admin_views.import_job_confirm,
            name="disclosures_catalog_import_confirm",
        ),
    ]


@hooks.register("register_page_header_buttons")
def catalog_io_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, PowerCatalogPage)
        and page.permissions_for_user(user).can_edit()
    ):
        # A HeaderButton: shown in the header itself (portal/base/admin_header.py).
        yield HeaderButton(
            _("导入导出"),
            url=reverse("disclosures_catalog_import", args=[page.pk]),
            icon_name="table",
            priority=40,
        )


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    """An item's history says which import wrote it: file and user (catalog_io.apply_plan)."""

    @actions.register_action(catalog_io.IMPORT_LOG_ACTION)
    class ImportedFromFile(LogFormatter):
        label = _("导入更新")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            values = {
                "file": data.get("file") or "—",
                "user": data.get("user") or "—",
                "n": data.get("changes", 0),
            }
            if data.get("created"):
                return _("由 %(user)s 从文件“%(file)s”导入新增") % values
            return _("由 %(user)s 从文件“%(file)s”导入更新（%(n)s 处变化）") % values


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


# --- the county petition office's dashboard --------------------------------------------------


class CountyCatalogPanel(Component):
    """The county's catalog: edit it (its 责任清单 too), its items, and 导入导出."""

    name = "county_catalog"
    order = 55
    template_name = "disclosures/admin/county_catalog_panel.html"

    def __init__(self, county):
        self.county = county

    def get_context_data(self, parent_context=None):
        catalog = PowerCatalogPage.objects.child_of(self.county).only("title").first()
        return {"catalog": catalog}


@hooks.register("construct_homepage_panels")
def add_county_catalog_panel(request, panels):
    node = jurisdiction_of(request.user)
    if node is not None and request.user.staff_profile.role == Role.COUNTY_PETITION:
        panels.append(CountyCatalogPanel(node))


# --- village affairs disclosures for staff (disclosures/affairs_admin.py) ----------------------


@hooks.register("register_admin_viewset")
def register_affairs_settings():
    return affairs_admin.AffairsSettingsGroup()


@hooks.register("register_admin_urls")
def register_affairs_admin_urls():
    return [
        path(
            "disclosures/progress/",
            affairs_admin.progress_view,
            name="disclosures_affairs_progress",
        ),
        path(
            "disclosures/<int:page_id>/rows/",
            affairs_admin.rows_view,
            name="disclosures_affairs_rows",
        ),
        path(
            "disclosures/<int:page_id>/versions/",
            affairs_admin.versions_view,
            name="disclosures_affairs_versions",
        ),
        path(
            "disclosures/<int:page_id>/rows/<int:line>/raw/",
            affairs_admin.raw_view,
            name="disclosures_affairs_raw",
        ),
    ]


class AffairsProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return affairs_admin.may_see_progress(request.user)


@hooks.register("register_admin_menu_item")
def register_affairs_progress_menu_item():
    return AffairsProgressMenuItem(
        _("村务公开进度"), reverse("disclosures_affairs_progress"), icon_name="time", order=250
    )


@hooks.register("construct_homepage_panels")
def add_affairs_progress_panel(request, panels):
    if affairs_admin.may_see_progress(request.user) and not request.user.is_superuser:
        panels.append(affairs_admin.ProgressPanel(request.user))


@hooks.register("register_page_header_buttons")
def affairs_rows_button(page, user, view_name, next_url=None):
    page = page.specific_deferred
    if (
        isinstance(page, DisclosurePage)
        and page.table_id
        and page.permissions_for_user(user).can_edit()
    ):
        yield HeaderButton(
            _("查看明细"),
            url=reverse("disclosures_affairs_rows", args=[page.pk]),
            icon_name="table",
            priority=45,
        )


# --- importing a disclosure's table rows (issue 10, part 4) -----------------------------------


@hooks.register("register_admin_urls")
def register_disclosure_import_urls():
    return [
        path(
            "disclosures/<int:page_id>/import/",
            affairs_admin_views.disclosure_import,
            name="disclosures_affairs_import",
        ),
        path(
            "disclosures/<int:page_id>/import/template.xlsx",
            affairs_admin_views.disclosure_import_template,
            name="disclosures_affairs_import_template",
        ),
        path(
            "disclosures/imports/<int:job_id>/",
            affairs_admin_views.import_job,
            name="disclosures_affairs_import_job",
        ),
        path(
            "disclosures/imports/<int:job_id>/confirm/",
            affairs_admin_views.import_job_confirm,
            name="disclosures_affairs_import_confirm",
        ),
    ]


@hooks.register("register_page_header_buttons")
def disclosure_import_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred
    if (
        isinstance(specific, DisclosurePage)
        and tables.spec_for_kind(specific.kind) is not None
        and page.permissions_for_user(user).can_edit()
    ):
        yield HeaderButton(
            _("导入明细"),
            url=reverse("disclosures_affairs_import", args=[page.pk]),
            icon_name="table",
            priority=40,
        )


@hooks.register("register_page_header_buttons")
def disclosure_versions_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred
    if (
        isinstance(specific, DisclosurePage)
        and page.live
        and page.permissions_for_user(user).can_publish()
    ):
        yield HeaderButton(
            _("已公开版本"),
            url=reverse("disclosures_affairs_versions", args=[page.pk]),
            icon_name="history",
            priority=50,
        )
