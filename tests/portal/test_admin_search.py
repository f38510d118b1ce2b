"""The admin's page search finds power items and villages by Chinese words.

Wagtail's database backends do not split Chinese (a search for 低保 finds nothing in
"低保申请审批流程"); pages index jieba-split words and queries are split the same way
(portal/base/chinese_words.py, portal/base/search_backend.py). Runs on SQLite and, with
DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from disclosures.models import OfficeHolder
from tests import factories
from tests.factories import staff_user
from villages.models import Role

pytestmark = pytest.mark.django_db


def search(client, query: str) -> str:
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def editor_client(client, tree):
    client.force_login(staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu))
    return client


def test_a_word_inside_an_item_name_finds_the_item(editor_client, tree):
    factories.power_item(tree.awu_village, "村1", "低保申请审批流程")
    factories.power_item(tree.awu_village, "村2", "宅基地审批", slug="zhaiji")

    html = search(editor_client, "低保")
    assert "低保申请审批流程" in html
    assert "宅基地审批" not in html
    # Words of the name in another order, and a word from the steps only.
    assert "低保申请审批流程" in search(editor_client, "审批 低保")
    assert "低保申请审批流程" in search(editor_client, "低保审批")
    assert "宅基地审批" in search(editor_client, "宅基")
    assert "低保申请审批流程" in search(editor_client, "办理")


def test_an_office_holders_name_finds_their_village(editor_client, tree):
    village = tree.xigu
    village.office_holders.add(OfficeHolder(office=factories.office(), name="王建军"))
    village.office_holders.add(OfficeHolder(office=factories.office("clerk"), name="李某某"))
    village.save_revision().publish()

    for name in ("王建军", "李某某"):
        html = search(editor_client, name)
        assert "西固村" in html, name
        assert "阿坞村" not in html, name
    # The station's staff too (the factory's 成员0某某 belong to every village).
    assert "西固村" in search(editor_client, "成员1某某")


def test_a_search_with_no_match_says_so(editor_client, tree):
    factories.power_item(tree.awu_village, "村1", "低保申请审批流程")
    assert "低保申请审批流程" not in search(editor_client, "林地")
