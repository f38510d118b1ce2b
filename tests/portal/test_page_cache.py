"""The shared page cache (portal/base/page_cache.py): an anonymous visitor's repeat of a public
page costs no database query, a change shows at once on every page that shows it, and nothing
personal, no form and no other language is ever handed out from it (Part 9)."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from portal.base import page_cache
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_MEMORY_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()


def served_from_cache(response) -> bool:
    return response.get(page_cache.HIT_HEADER) == "hit"


def test_a_repeat_visit_is_a_hit_with_no_query_and_the_same_body(
    client, tree, django_assert_num_queries
):
    first, body = fetch(client, tree.awu_village.url)
    assert first.status_code == 200 and first[page_cache.HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = client.get(tree.awu_village.url)
    assert served_from_cache(again)
    assert again.content.decode() == body
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    # A browser's revalidation is answered from the cache too.
    with django_assert_num_queries(0):
        not_modified = client.get(tree.awu_village.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304


def test_the_query_string_and_the_language_are_part_of_the_address(client, tree):
    zh = tree.awu_village.url
    en = "/en" + zh
    chinese, zh_body = fetch(client, zh)
    english, en_body = fetch(client, en)
    assert not served_from_cache(english)
    assert english["Content-Language"] == "en" and chinese["Content-Language"] == "zh-hans"
    assert 'lang="en"' in en_body and 'lang="zh-Hans"' in zh_body
    assert served_from_cache(client.get(en))
    zh_again = client.get(zh)
    assert served_from_cache(zh_again) and zh_again.content.decode() == zh_body
    # An Accept-Language header never changes what the unprefixed (Chinese) address answers.
    assert client.get(zh, HTTP_ACCEPT_LANGUAGE="en").content.decode() == zh_body
    assert not served_from_cache(client.get(zh + "?x=1"))


def publish(page, **changes):
    page = page.specific.__class__.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_publishing_a_page_shows_at_once_on_it_on_its_children_and_above_it(client, tree):
    urls = [tree.awu.url, tree.awu_village.url, tree.tanchang.url, "/"]
    for url in urls:
        client.get(url)
    assert all(served_from_cache(client.get(url)) for url in urls)
    other = client.get(tree.pingershang.url)  # another county's village: untouched
    publish(tree.awu, title="阿坞新镇")
    for url in [tree.awu.url, tree.awu_village.url, tree.tanchang.url]:
        response, body = fetch(client, url)
        assert not served_from_cache(response), url
        assert "阿坞新镇" in body, url
    assert served_from_cache(client.get(tree.pingershang.url))
    assert client.get(tree.pingershang.url).content == other.content


def test_unpublishing_a_village_takes_it_off_at_once(client, tree):
    assert "西固村" in fetch(client, tree.awu.url)[1]
    client.get(tree.xigu.url)
    assert served_from_cache(client.get(tree.xigu.url))
    tree.xigu.unpublish()
    assert client.get(tree.xigu.url).status_code == 404
    assert "西固村" not in fetch(client, tree.awu.url)[1]


def test_a_county_catalog_item_changes_every_village_page_that_shows_it(client, tree):
    catalog = factories.catalog(tree.tanchang)
    item = factories.power_item(catalog, "1", "村级重大事项决策")
    villages = [tree.awu_village, tree.xigu, tree.hadapu_village]
    lists = [village.url + "power/" for village in villages] + [tree.awu_village.url + "power/1/"]
    for url in lists:
        assert "村级重大事项决策" in fetch(client, url)[1], url
        assert served_from_cache(client.get(url)), url
    publish(item, title="村级重大事项民主决策")
    for url in lists:
        response, body = fetch(client, url)
        assert not served_from_cache(response), url
        assert "村级重大事项民主决策" in body, url
    publish(item).unpublish()
    for village in villages:
        assert "村级重大事项民主决策" not in fetch(client, village.url + "power/")[1]


def test_a_corrected_disclosure_shows_its_correction_at_once(client, tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(3))
    affairs = tree.awu_village.url + "affairs/"
    for url in (page.url, affairs):
        client.get(url)
        assert served_from_cache(client.get(url)), url
    factories.correct(page, factories.subsidy_values(4), "第4户漏报，已补上")
    response, body = fetch(client, page.url)
    assert not served_from_cache(response)
    assert "第4户漏报，已补上" in body and "共 4 行" in body
    assert not served_from_cache(client.get(affairs))


def test_a_supervised_item_change_shows_at_once(client, tree):
    url = reverse("supervised_list")
    client.get(url)
    assert served_from_cache(client.get(url))
    page_cache.invalidate("supervised")
    assert not served_from_cache(client.get(url))


# --- never cached: anything personal, any form, the progress lookup, the admin ---------------


def test_a_signed_in_user_is_never_served_from_the_cache_nor_stored(client, tree, admin):
    anonymous = client.get(tree.awu_village.url)
    client.force_login(admin)
    mine = client.get(tree.awu_village.url)
    assert not served_from_cache(mine) and page_cache.HIT_HEADER not in mine
    assert "public" not in mine.get("Cache-Control", "")
    client.logout()
    for _ in range(2):
        again = client.get(tree.awu_village.url)
        assert again.content == anonymous.content  # never the staff member's page (edit link)


def test_a_session_cookie_or_credentials_bypass_the_cache(client, tree):
    client.get(tree.awu_village.url)
    assert served_from_cache(client.get(tree.awu_village.url))
    assert not served_from_cache(client.get(tree.awu_village.url, HTTP_COOKIE="sessionid=abc"))
    assert not served_from_cache(client.get(tree.awu_village.url, HTTP_AUTHORIZATION="Token x"))
    assert not served_from_cache(client.get(tree.awu_village.url, HTTP_COOKIE="messages=x"))
    # The CSRF cookie alone changes nothing on a page without a form.
    assert served_from_cache(client.get(tree.awu_village.url, HTTP_COOKIE="csrftoken=x"))


@pytest.mark.parametrize("route", ["complaint/", "track"])
def test_forms_and_the_progress_lookup_are_never_stored(client, tree, route):
    url = tree.awu_village.url + route if route != "track" else reverse("track")
    first, body = fetch(client, url)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in body
    second = client.get(url)
    assert page_cache.HIT_HEADER not in second and page_cache.HIT_HEADER not in first
    # Another visitor gets a token of their own, not the first one's page.
    other = Client().get(url)
    assert page_cache.HIT_HEADER not in other
    assert other.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_the_admin_and_posts_are_never_cached(client, tree, admin):
    client.force_login(admin)
    assert page_cache.HIT_HEADER not in client.get("/admin/")
    client.logout()
    assert page_cache.HIT_HEADER not in client.get("/admin/login/")
    assert page_cache.HIT_HEADER not in client.get("/admin/login/")
    assert page_cache.HIT_HEADER not in client.post(tree.awu_village.url)


def test_a_restricted_page_is_never_stored_and_a_new_restriction_applies_at_once(client, tree):
    from wagtail.models import PageViewRestriction

    client.get(tree.xigu.url)
    assert served_from_cache(client.get(tree.xigu.url))
    PageViewRestriction.objects.create(page=tree.xigu, restriction_type="password", password="p")
    response, body = fetch(client, tree.xigu.url)
    assert not served_from_cache(response) and "csrfmiddlewaretoken" in body
    assert page_cache.HIT_HEADER not in client.get(tree.xigu.url)


def test_a_view_that_declares_nothing_is_never_stored(client, tree):
    assert page_cache.HIT_HEADER not in client.get("/healthz")
    assert page_cache.HIT_HEADER not in client.get("/sitemap.xml")  # no tags declared


@override_settings(PAGE_CACHE_ENABLED=False)
def test_turned_off_it_neither_stores_nor_serves(client, tree):
    client.get(tree.awu_village.url)
    assert page_cache.HIT_HEADER not in client.get(tree.awu_village.url)


def test_remembered_values_last_while_their_tags_hold_and_never_longer_than_a_page(
    settings, monkeypatch
):
    """Per-process memory: kept while its tags keep their versions, dropped when one changes,
    and recomputed after PAGE_CACHE_SECONDS even if no change reached this process (an
    invalidation lost while the shared cache was unreachable)."""
    settings.PAGE_MEMORY_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    key, tags = ("test-remembered", "x"), ["page:test-remembered"]
    assert page_cache.remembered(key, tags, compute) == 1
    clock[0] += 599
    assert page_cache.remembered(key, tags, compute) == 1
    page_cache.invalidate(*tags)
    assert page_cache.remembered(key, tags, compute) == 2
    clock[0] += 601
    assert page_cache.remembered(key, tags, compute) == 3


def test_made_up_query_strings_cannot_fill_the_cache(client, tree, monkeypatch):
    """Each path keeps at most VARIANTS_PER_PATH query-string variants at a time: past that an
    answer is rendered as usual but not stored, while the path itself is always stored."""
    monkeypatch.setattr(page_cache, "VARIANTS_PER_PATH", 3)
    url = tree.awu_village.url
    stored = [client.get(f"{url}?junk={n}") for n in range(3)]
    assert all(r[page_cache.HIT_HEADER] == "miss" for r in stored)
    flood = client.get(f"{url}?junk=99")
    assert flood.status_code == 200 and "阿坞村" in flood.content.decode()
    assert page_cache.HIT_HEADER not in flood  # rendered, not stored
    assert not served_from_cache(client.get(f"{url}?junk=99"))
    assert served_from_cache(client.get(f"{url}?junk=1"))  # the first ones still serve
    assert client.get(url)[page_cache.HIT_HEADER] == "miss" and served_from_cache(client.get(url))
    # Another path has its own allowance.
    assert client.get(f"{tree.xigu.url}?junk=99")[page_cache.HIT_HEADER] == "miss"


def test_pages_may_live_in_a_cache_of_their_own(client, tree, settings):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-of-their-own",
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    caches["pages"].clear()
    first = client.get(tree.awu_village.url)
    assert first[page_cache.HIT_HEADER] == "miss"
    caches["default"].clear()  # what the default cache holds (rate limits…) is not the pages
    assert served_from_cache(client.get(tree.awu_village.url))
    caches["pages"].clear()
    assert not served_from_cache(client.get(tree.awu_village.url))
