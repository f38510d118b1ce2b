"""A signed-in editor finds an edit link on the village's public pages; nobody else does, and the
anonymous page stays public, cacheable and the same byte for byte."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import staff_user
from villages.models import Role

pytestmark = pytest.mark.django_db

PAGES = ["", "power/", "responsibilities/", "risks/"]


@pytest.fixture
def urls(tree):
    factories.catalog(tree.tanchang)
    return [tree.awu_village.url + suffix for suffix in PAGES]


def test_anonymous_visitors_get_no_edit_link_and_a_public_page(client, tree, urls):
    edit = reverse("wagtailadmin_pages:edit", args=[tree.awu_village.pk])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert edit not in response.content.decode(), url
        assert "public" in response["Cache-Control"], url


def test_an_editor_of_the_township_gets_the_link_on_a_private_page(client, tree, urls):
    anonymous = [client.get(url).content for url in urls]
    client.force_login(staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu))
    edit = reverse("wagtailadmin_pages:edit", args=[tree.awu_village.pk])
    for url, before in zip(urls, anonymous, strict=True):
        response = client.get(url)
        html = response.content.decode()
        assert f'href="{edit}' in html, url
        assert "public" not in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
        # The link is the only difference.
        link = html[html.index('<p class="staff-edit">') :].split("</p>")[0] + "</p>"
        assert html.replace(link, "", 1).encode() == before, url
    # The responsibility list's link opens the 村干部 tab of the edit view.
    html = client.get(urls[2]).content.decode()
    anchor = html.split(f'href="{edit}')[1].split('"')[0]
    assert anchor.startswith("#tab-")
    assert f'id="{anchor[1:]}"' in client.get(edit).content.decode()
    assert (
        "村干部" in client.get(edit).content.decode().split(f'id="tab-label-{anchor[5:]}"')[1][:300]
    )


def test_staff_who_may_not_edit_the_village_get_no_link(client, tree, urls):
    for user in (
        staff_user("other", Role.TOWNSHIP_EDITOR, tree.hadapu),
        staff_user("station", Role.STATION_OPERATOR, tree.awu_village),
    ):
        client.force_login(user)
        edit = reverse("wagtailadmin_pages:edit", args=[tree.awu_village.pk])
        for url in urls:
            response = client.get(url)
            assert edit not in response.content.decode(), (user, url)
            assert "public" not in response["Cache-Control"]
