"""What a villager sees on the public site, in Chinese and in English."""

import re

import pytest

from tests import factories
from tests.queries import render_queries


def test_home_lists_the_counties_in_chinese(client, tree):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in body
    assert "宕昌县" in body and "武都区" in body
    assert 'href="/en/"' in body  # the language switch


def test_home_page_in_english(client, tree):
    response = client.get("/en/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert "Tanchang County" in body
    assert 'href="/en/621200/621223/"' in body


def test_village_page_shows_station_and_breadcrumbs(client, tree):
    body = client.get(tree.awu_village.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', body, re.S).group(0)
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "首页",
        "陇南市",
        "宕昌县",
        "阿坞镇",
        "阿坞村",
    ]
    assert "阿坞村纪检监察工作联络站" in body
    assert 'href="tel:0939-5606205"' in body
    assert "阿坞村村委会一楼" in body


def test_staff_mobiles_are_masked_on_the_public_page(client, tree):
    body = client.get(tree.awu_village.url).content.decode()
    assert "13909390000" not in body
    assert "139****0000" in body


def test_english_village_page_uses_english_names(client, tree):
    body = client.get("/en" + tree.awu_village.url).content.decode()
    assert "<h1>Awu Village</h1>" in body
    assert "Tanchang County" in body


def test_unknown_page_is_a_chinese_404(client, tree):
    response = client.get("/no-such-village/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_public_pages_carry_a_strict_content_security_policy(client, tree):
    response = client.get(tree.awu_village.url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script" not in response.content.decode()
    assert "style=" not in response.content.decode()


def test_sitemap_lists_every_live_village(client, tree):
    body = client.get("/sitemap.xml").content.decode()
    for village in (tree.awu_village, tree.xigu, tree.hadapu_village, tree.pingershang):
        assert village.url in body
        assert village.url + "power/" in body and village.url + "risks/" in body


def test_draft_village_is_not_public(client, tree):
    draft = factories.village(tree.awu, title="草稿村", division_code="621223106209", live=False)
    assert client.get(draft.url).status_code == 404
    assert "草稿村" not in client.get(tree.awu.url).content.decode()
    assert draft.url not in client.get("/sitemap.xml").content.decode()


def test_search_finds_villages_by_two_chinese_characters(client, tree):
    body = client.get("/search/", {"q": "阿坞"}).content.decode()
    assert "阿坞村" in body and "阿坞镇" in body
    assert "坪儿上村" not in body


def test_search_without_results_says_so(client, tree):
    body = client.get("/search/", {"q": "不存在的村"}).content.decode()
    assert "找到 0 条" in body


def test_village_page_queries_do_not_grow_with_its_data(client, tree):
    small = factories.village(tree.awu, members=1, title="小村", division_code="621223106210")
    large = factories.village(tree.hadapu, members=4, title="大村", division_code="621223101210")
    counts = {render_queries(client, p.url) for p in (small, large, tree.pingershang)}
    assert len(counts) == 1, counts
    assert counts.pop() <= 8


def test_township_page_queries_do_not_grow_with_its_villages(client, tree):
    before = render_queries(client, tree.awu.url)
    for n in range(5):
        factories.village(tree.awu, title=f"新村{n}", division_code=f"62122310622{n}")
    assert render_queries(client, tree.awu.url) == before


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_every_public_page_has_a_skip_link_and_landmarks(client, tree, path):
    body = client.get(path).content.decode()
    assert 'href="#main-content"' in body
    assert '<main id="main-content"' in body
    assert 'role="search"' in body
    assert "<nav" in body and "aria-label=" in body


def test_english_interface_is_translated(client, tree):
    body = client.get("/en" + tree.awu_village.url).content.decode()
    assert "Phone" in body and "Skip to main content" in body
    assert "跳到正文" not in body and "电话" not in body


def test_public_pages_are_cacheable_and_revalidate_with_304(client, tree):
    response = client.get(tree.awu_village.url)
    assert response["Cache-Control"].startswith("public, max-age=")
    etag = response["ETag"]
    again = client.get(tree.awu_village.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_pages_seen_by_a_logged_in_user_are_not_publicly_cacheable(admin_client, tree):
    response = admin_client.get(tree.awu_village.url)
    assert "public" not in response.get("Cache-Control", "")


def test_server_error_page_is_chinese_and_needs_no_database(db, rf, django_assert_num_queries):
    from portal.base.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in body and 'lang="zh-Hans"' in body


def test_every_page_describes_itself_for_search_engines_in_its_language(client, tree):
    """A search engine's snippet of a village page names the village and what it publishes."""

    def description(url):
        body = client.get(url).content.decode()
        return re.search(r'<meta name="description" content="([^"]+)">', body).group(1)

    assert description(tree.awu_village.url).startswith("阿坞村：小微权力清单")
    assert description("/en" + tree.awu_village.url).startswith("Awu Village: power list")
    assert "信访举报" in description("/")
    village = tree.xigu
    village.search_description = "西固村的清单与村务公开"
    village.save_revision().publish()
    assert description(village.url) == "西固村的清单与村务公开"  # the editor's own wins
