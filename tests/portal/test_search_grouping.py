"""Site search groups a standard item that many counties publish into one result, and leads the
visitor to their own village's copy with plain links (issue 6, part 6)."""

import html
import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests import factories
from tests.queries import render_queries

DECISION = "村级重大事项决策（四议两公开）"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Search is rate limited per address; every test client is 127.0.0.1."""
    cache.clear()


def standard_catalog(parent, extra=()):
    """A catalog with the city's standard items, as every demo county publishes."""
    catalog = factories.catalog(parent)
    factories.power_item(
        catalog,
        "1",
        DECISION,
        category_code="decision",
        steps=[{"actor": "村党组织", "action": "按四议两公开程序提议"}],
    )
    factories.power_item(catalog, "2", "低保申请审批")
    for number, title in extra:
        factories.power_item(catalog, number, title)
    return catalog


@pytest.fixture
def catalogs(tree):
    return standard_catalog(tree.tanchang), standard_catalog(tree.wudu)


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def result_items(body: str) -> list[str]:
    results = re.search(r'<ol class="results">(.*)</ol>', body, re.S).group(1)
    return results.split('<li class="result')[1:]


def link(body: str, text: str) -> str:
    """The href of the link whose text starts with `text` (as a browser would follow it)."""
    match = re.search(r'<a href="([^"]*)">\s*' + re.escape(text), body)
    assert match, f"no link {text!r}"
    return html.unescape(match.group(1))


def follow(client, href: str) -> str:
    return get(client, href if href.startswith("/") else "/search/" + href)


def test_a_standard_item_of_two_counties_is_one_result_naming_both(client, tree, catalogs):
    body = get(client, "/search/", {"q": "四议两公开"})
    assert body.count(f"1. {DECISION}") == 1
    (result,) = [r for r in result_items(body) if DECISION in r]
    assert "宕昌县" in result and "武都区" in result
    assert "找到 1 条" in body


def test_the_chooser_leads_from_the_result_to_a_village_copy_without_javascript(
    client, tree, catalogs
):
    results = get(client, "/search/", {"q": "四议两公开"})
    # The result's title opens the chooser; its <details> lists the counties (no script).
    counties = follow(client, link(results, f"1. {DECISION}"))
    assert "选择您所在的村" in counties
    assert "<script" not in counties
    townships = follow(client, link(counties, "宕昌县"))
    assert "阿坞镇" in townships and "哈达铺镇" in townships
    assert "坪儿上村" not in townships and "蒲池乡" not in townships
    villages = follow(client, link(townships, "阿坞镇"))
    assert "阿坞村" in villages and "西固村" in villages and "哈达铺村" not in villages
    copy_url = link(villages, "西固村")
    assert copy_url == f"{tree.xigu.url}power/1/"
    copy = follow(client, copy_url)
    assert f"1. {DECISION}" in copy and "西固村" in copy


def test_the_details_of_a_result_open_each_county_step(client, tree, catalogs):
    body = get(client, "/search/", {"q": "四议两公开"})
    details = re.search(r"<details class=\"places\">(.*?)</details>", body, re.S).group(1)
    wudu = follow(client, link(details, "武都区"))
    assert "蒲池乡" in wudu and "阿坞镇" not in wudu


def test_a_township_with_its_own_catalog_is_its_own_place(client, tree, catalogs):
    """哈达铺镇 publishes its own catalog: its villages read that one, not the county's."""
    own = factories.catalog(tree.hadapu)
    factories.power_item(own, "5", "哈达铺镇自定事项")
    body = get(client, "/search/", {"q": "四议两公开"})
    townships = follow(client, link(body, "宕昌县"))
    assert "阿坞镇" in townships and "哈达铺镇" not in townships
    # The same standard item in the township's catalog: the township is named as a place.
    factories.power_item(own, "1", DECISION, category_code="decision")
    body = get(client, "/search/", {"q": "四议两公开"})
    (result,) = [r for r in result_items(body) if DECISION in r]
    assert "宕昌县哈达铺镇" in result
    hadapu = follow(client, link(result, "宕昌县哈达铺镇"))
    assert link(hadapu, "哈达铺村") == f"{tree.hadapu_village.url}power/1/"


def test_a_village_addition_stays_its_own_result_linking_to_the_village(client, tree, catalogs):
    factories.power_item(tree.awu_village, "村1", "四议两公开会议记录归档")
    body = get(client, "/search/", {"q": "四议两公开"})
    (result,) = [r for r in result_items(body) if "会议记录归档" in r]
    assert f'href="{tree.awu_village.url}power/%E6%9D%911/"' in result or (
        f'href="{tree.awu_village.url}power/村1/"' in result
    )
    assert "阿坞村" in result


def test_village_scoped_search_is_unchanged(client, tree, catalogs):
    body = get(client, "/search/", {"q": "四议两公开", "village": tree.pingershang.division_code})
    assert f'href="{tree.pingershang.url}power/1/"' in body
    assert "<details" not in body


def test_names_still_rank_first(client, tree, catalogs):
    body = get(client, "/search/", {"q": "低保"})
    assert body.count("2. 低保申请审批") == 1


def add_counties(tree, count: int):
    for i in range(count):
        code = f"62129{i}"
        county = factories.county(tree.city, title=f"测试{i}县", division_code=code, slug=code)
        township = factories.township(county, title=f"测试{i}镇", division_code=f"{code}101")
        factories.village(township, title=f"测试{i}村", division_code=f"{code}101201")
        standard_catalog(county)


def test_search_and_chooser_queries_do_not_grow_with_the_number_of_catalogs(client, tree, catalogs):
    search_url = "/search/?q=%E5%9B%9B%E8%AE%AE%E4%B8%A4%E5%85%AC%E5%BC%80"  # 四议两公开
    chooser_url = search_url + f"&item={catalogs[0].get_children().first().pk}&area=621223"
    two = render_queries(client, search_url), render_queries(client, chooser_url)
    add_counties(tree, 7)
    body = get(client, search_url)
    assert body.count("测试6县") == 1 and "找到 1 条" in body
    nine = render_queries(client, search_url), render_queries(client, chooser_url)
    assert nine == two


@pytest.mark.parametrize(
    "params",
    [
        {"item": "abc", "area": "621223"},
        {"item": "1\x00", "area": "621223"},
        {"item": "99999", "area": "6212\x0023"},
        {"item": "1", "area": "' OR 1=1"},
    ],
)
def test_bad_chooser_parameters_fall_back_to_the_search(client, tree, catalogs, params, settings):
    # The view's own checks, without the NUL guard in front (that answers 404 first).
    guard = "portal.base.middleware.RejectControlCharactersMiddleware"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != guard]
    body = get(client, "/search/", {"q": "四议两公开", **params})
    assert "找到 1 条" in body


@override_settings(RATE_LIMITS={"search": "2/60"})
def test_search_is_rate_limited(client, tree):
    for _ in range(2):
        assert client.get("/search/", {"q": "阿坞"}).status_code == 200
    response = client.get("/search/", {"q": "阿坞"})
    assert response.status_code == 429
    assert response["Retry-After"]
