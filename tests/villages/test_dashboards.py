"""Every role's dashboard: shortcuts for the township, the county catalog for the petition office,
and for roles whose screens come later an honest note and a link to their area, never a control
that only answers "no permission" (docs/architecture.md "A home for every role")."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.factories import staff_user
from villages.models import Role, VillagePage

pytestmark = pytest.mark.django_db

SIDEBAR_PROPS = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def links(html: str) -> set[str]:
    """Every link a user can follow: the page's and the sidebar menu's (JS builds it from JSON)."""
    hrefs = {unescape(h) for h in re.findall(r'href="([^"#][^"]*)"', html)}
    sidebar = SIDEBAR_PROPS.search(html)
    if sidebar:
        hrefs |= set(re.findall(r'"url": "([^"]+)"', sidebar.group(1)))
    return {h.split("#")[0] for h in hrefs if not h.startswith(("/static/", "http"))}


def assert_every_link_answers(client, html):
    for href in links(html) - {reverse("wagtailadmin_logout")}:
        assert client.get(href, follow=True).status_code == 200, href


@pytest.mark.parametrize(
    ("role", "node", "says", "area"),
    [
        # Their complaint screens are here (supervision/admin_hooks.py) ...
        (Role.STATION_OPERATOR, "awu_village", "我登记的信访举报", "阿坞村"),
        # ... and the leader's owned cases (我的包案, Part 6).
        (Role.LEADER, "tanchang", "查看我的包案", "宕昌县"),
    ],
)
def test_station_and_leader_dashboards_say_what_they_do_and_meet_no_refusal(
    client, tree, role, node, says, area
):
    page = getattr(tree, node)
    html = dashboard(client, staff_user("someone", role, page))
    assert says in html
    # A link to the public page of their village or area.
    assert f'href="{page.url}"' in html
    # No page search box (it answered 对不起，你没有权限访问).
    assert 'role="search"' not in html
    assert_every_link_answers(client, html)
    assert client.get(page.url).status_code == 200
    assert area in client.get(page.url).content.decode()


def test_the_auditor_s_dashboard_leads_to_the_identity_log_and_meets_no_refusal(client, tree):
    html = dashboard(client, staff_user("someone", Role.AUDITOR, tree.city))
    assert "身份查看记录" in html and "即将开通：在这里只读查看" not in html
    assert 'role="search"' not in html
    assert_every_link_answers(client, html)


@pytest.mark.parametrize("role", [Role.TOWNSHIP_EDITOR, Role.TOWNSHIP_DISCIPLINE])
def test_township_staff_get_each_village_s_station_office_holders_and_items(client, tree, role):
    html = dashboard(client, staff_user("clerk", role, tree.awu))
    edit = reverse("wagtailadmin_pages:edit", args=[tree.xigu.pk])
    # The tab anchors are the ids of the edit view's tabs.
    edit_view = client.get(edit).content.decode()
    for tab in ("联络站", "村干部"):
        anchor = re.search(rf'href="{edit}(#tab-[^"]+)"[^>]*>{tab}<', html).group(1)
        assert f'id="{anchor[1:]}"' in edit_view
        assert re.search(rf'aria-labelledby="tab-label-{anchor[5:]}"', edit_view)
    assert f'href="{reverse("wagtailadmin_explore", args=[tree.xigu.pk])}"' in html
    # Only their own township's villages.
    assert "西固村" in html and "哈达铺村" not in html
    assert 'role="search"' in html
    assert_every_link_answers(client, html)


def test_village_shortcuts_take_one_query_whatever_the_number_of_villages(client, tree):
    from villages.services.dashboard import village_shortcuts

    for i in range(10):
        factories.village(tree.awu, title=f"新村{i}", division_code=f"6212231062{50 + i}")
    VillagePage.get_edit_handler()  # built once per process, as in a running server
    with CaptureQueriesContext(connection) as queries:
        shortcuts = village_shortcuts(tree.awu)
    assert len(queries) == 1
    assert len(shortcuts) == 12


def test_the_petition_office_gets_its_county_catalog_and_townships(client, tree):
    catalog = factories.catalog(tree.tanchang)
    html = dashboard(client, staff_user("petition", Role.COUNTY_PETITION, tree.tanchang))
    assert f'href="{reverse("disclosures_catalog_import", args=[catalog.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[catalog.pk])}"' in html
    assert "阿坞镇" in html and "哈达铺镇" in html and "蒲池乡" not in html
    assert_every_link_answers(client, html)


def test_the_township_committee_sees_pages_awaiting_its_review_in_chinese(client, tree):
    from tests.villages.test_moderation import submit_change

    editor = staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu)
    client.force_login(editor)
    submit_change(client, tree.awu_village, station_phone="0939-5600000")
    html = dashboard(client, staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu))
    review = html.split('id="awaiting-review-section"')[1].split("</section>")[0]
    assert "待我审核" in review and "阿坞村" in review and "查看改动" in review
    assert 'id="village-shortcuts-title"' in html


def test_the_catalog_s_responsibility_section_says_where_office_holders_are_entered(client, tree):
    catalog = factories.catalog(tree.tanchang)
    client.force_login(staff_user("petition", Role.COUNTY_PETITION, tree.tanchang))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[catalog.pk])).content.decode()
    assert "在该村页面的“村干部”标签中填写" in html
