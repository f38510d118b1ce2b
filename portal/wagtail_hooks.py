"""The admin as the portal's own: nothing in its menus points outside the portal.

Wagtail's help menu links to its English editor guide and release notes on guide.wagtail.org,
and its settings menu ends with "Wagtail v8.0.1"; township clerks need neither (issue 7).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

from portal.base import page_cache

# Help menu entries that open guide.wagtail.org; the keyboard-shortcuts entry stays.
OUTSIDE_HELP_ITEMS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def keep_help_inside_the_portal(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(OUTSIDE_HELP_ITEMS)]


@hooks.register("construct_main_menu")
def settings_menu_without_version_footer(request, menu_items):
    for index, item in enumerate(menu_items):
        if item.name == "settings" and type(item) is not SubmenuMenuItem:
            menu_items[index] = SubmenuMenuItem(
                item.label,
                item.menu,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                order=item.order,
            )


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    # The admin on a phone: sticky save bar and messages, whole text fields (issue 7 part 5).
    return format_html('<link rel="stylesheet" href="{}">', static("portal/admin.css"))


# The shared page cache (portal/base/page_cache.py): every page of the tree depends on its place
# in it.
hooks.register("before_serve_page", page_cache.serve_page_hook)
