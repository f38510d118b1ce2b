"""A catalog item page links to every village copy of the item, by township, and to a PDF."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from disclosures.services.village_copies import item_copies
from tests import factories
from tests.queries import render_queries


@pytest.fixture
def item(tree):
    catalog = factories.catalog(tree.tanchang)
    factories.catalog(tree.wudu)
    return factories.power_item(catalog, "1", "村级重大事项决策（四议两公开）")


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def copies_section(body: str) -> str:
    match = re.search(r'<section aria-labelledby="village-copies">(.*?)</section>', body, re.S)
    return match.group(1) if match else ""


def township_groups(body: str) -> dict[str, list[str]]:
    groups = re.findall(r"<summary>(\S+).*?</summary>(.*?)</details>", copies_section(body), re.S)
    return {name: re.findall(r'<a href="[^"]*">([^<]+)</a>', links) for name, links in groups}


def test_the_item_page_lists_the_village_copies_by_township(client, tree, item):
    body = page(client, item.url)
    assert township_groups(body) == {"阿坞镇": ["阿坞村", "西固村"], "哈达铺镇": ["哈达铺村"]}
    assert f'href="{tree.xigu.url}power/1/"' in body
    assert "坪儿上村" not in body  # another county's village


def test_villages_of_a_township_with_its_own_catalog_are_not_listed(client, tree, item):
    own = factories.catalog(tree.hadapu)
    own_item = factories.power_item(own, "1", "哈达铺镇自定事项")
    assert township_groups(page(client, item.url)) == {"阿坞镇": ["阿坞村", "西固村"]}
    assert township_groups(page(client, own_item.url)) == {"哈达铺镇": ["哈达铺村"]}


def test_only_public_villages_are_listed(client, tree, item):
    tree.xigu.unpublish()
    PageViewRestriction.objects.create(
        page=tree.hadapu, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert township_groups(page(client, item.url)) == {"阿坞镇": ["阿坞村"]}


def test_the_pdf_link_is_the_first_village_sheet_and_says_so(client, tree, item):
    body = page(client, item.url)
    assert f'href="{tree.awu_village.url}power/1/pdf/"' in body
    assert "打印版以阿坞村为例" in body


def test_no_pdf_and_no_list_when_no_village_shows_the_item(client, tree):
    wudu_item = factories.power_item(tree.wudu.get_children().first(), "1", "低保申请审批")
    tree.pingershang.unpublish()
    body = page(client, wudu_item.url)
    assert "/pdf/" not in body
    assert not copies_section(body)


def test_a_village_addition_lists_only_its_village(client, tree, item):
    addition = factories.power_item(tree.awu_village, "村1", "光伏电站收益分配")
    assert township_groups(page(client, addition.url)) == {"阿坞镇": ["阿坞村"]}


def test_the_copies_cost_the_same_queries_however_many_villages(client, tree, item):
    before = render_queries(client, item.url)
    for i in range(5):
        factories.village(tree.awu, title=f"新村{i}", division_code=f"62122310630{i}")
    factories.township(tree.tanchang, title="新城子藏族乡", division_code="621223209")
    assert len(township_groups(page(client, item.url))["阿坞镇"]) == 7
    assert render_queries(client, item.url) == before


def test_the_copies_take_one_or_two_queries(tree, item):
    """The villages with their townships' names in one query (plus the view restrictions, if
    the visibility rule ever needs them loaded first)."""
    assert tree.awu_village.url  # warm the site-root cache, as any running server has
    with CaptureQueriesContext(connection) as queries:
        townships = item_copies(item)
    assert [t.township.display_name for t in townships] == ["阿坞镇", "哈达铺镇"]
    assert len(queries) <= 2
