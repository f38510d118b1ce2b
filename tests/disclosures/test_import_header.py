"""导入导出 is a button in the catalog's header (listing and edit view), not an entry of the ⋯
menu beside 取消发布 (portal/base/admin_header.py)."""

import re

import pytest

from tests import factories
from tests.factories import staff_user
from villages.models import Role


@pytest.fixture
def catalog(tree):
    return factories.catalog(tree.tanchang)


def header_actions(html: str) -> tuple[str, str]:
    """The header's actions: (what is shown at the top level, what is inside the ⋯ dropdown)."""
    nav = re.search(r'<nav[^>]*id="w-slim-header-buttons".*?</nav>', html, re.S)
    assert nav, "the header has actions"
    actions = nav.group(0)
    dropdown = re.search(r'<div[^>]*data-controller="w-dropdown".*', actions, re.S)
    inside = dropdown.group(0) if dropdown else ""
    return actions[: len(actions) - len(inside)], inside


@pytest.mark.parametrize("view", ["explore", "edit"])
def test_import_export_is_a_header_button_not_a_menu_item(client, tree, catalog, view):
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    url = f"/admin/pages/{catalog.pk}/" + ("edit/" if view == "edit" else "")
    html = client.get(url).content.decode()
    top, menu = header_actions(html)
    link = f'href="/admin/catalog/{catalog.pk}/import/"'
    assert link in top and "导入导出" in top
    assert link not in menu
    if view == "explore":
        assert "取消发布" in menu, "Wagtail's own actions stay in the ⋯ menu"


def test_other_pages_have_no_import_button(client, tree, catalog):
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    html = client.get(f"/admin/pages/{tree.tanchang.pk}/").content.decode()
    assert "/import/" not in html
