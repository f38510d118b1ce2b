"""Bad input gets an answer, never a 500: NUL bytes and junk codes, HEAD and OPTIONS on every
public URL (issue 6, part 4). PostgreSQL refuses a NUL in a text parameter, so this file is
also run against PostgreSQL in CI."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

GUARD = "portal.base.middleware.RejectControlCharactersMiddleware"
READ_ONLY = {"GET", "HEAD", "OPTIONS"}


def allowed(response) -> set[str]:
    return {m.strip() for m in response["Allow"].split(",")}


def api_url(code):
    return f"/api/v1/villages/{code}/lists/"


@pytest.mark.parametrize(
    "url",
    ["/search/?village=%00", "/search/?q=%00", "/search/?q=低保&village=6212%0023", "/6212%0023/"],
)
def test_nul_bytes_are_refused_before_any_view_runs(client, tree, settings, url):
    settings.MIDDLEWARE = [GUARD, *(m for m in settings.MIDDLEWARE if m != GUARD)]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert queries.captured_queries == []


@pytest.mark.parametrize("url", ["/", "/search/?q=低保"])
def test_ordinary_requests_pass_the_guard(client, tree, settings, url):
    settings.MIDDLEWARE = [GUARD, *settings.MIDDLEWARE]
    assert client.get(url).status_code == 200


def code_lookups(queries) -> list[str]:
    """Queries that look a page up by division code (where a NUL byte would reach PostgreSQL)."""
    return [q["sql"] for q in queries if re.search(r'"division_code" (=|IN)', q["sql"])]


@pytest.fixture
def without_guard(settings):
    """The views' own checks, as if the NUL guard in front were missing (defence in depth)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != GUARD]


@pytest.mark.parametrize("code", ["%00", "6212%0023", "62122310620%00", "abc", "6212231062051"])
def test_a_malformed_village_code_in_the_api_is_404_before_any_lookup(
    client, tree, code, without_guard
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(api_url(code))
    assert response.status_code == 404
    assert code_lookups(queries) == []


@pytest.mark.parametrize("code", ["%00", "6212%0023", "not-a-code"])
def test_a_malformed_village_in_search_is_ignored_before_any_lookup(
    client, tree, code, without_guard
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/search/?q=低保&village={code}")
    assert response.status_code == 200
    assert code_lookups(queries) == []
    # The same search with the real code does look the village up.
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/search/?q=低保&village={tree.awu_village.division_code}")
    assert code_lookups(queries)


def test_head_is_answered_on_search_and_the_api(client, tree):
    for url in ("/search/?q=低保", api_url(tree.awu_village.division_code)):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url


@pytest.mark.parametrize(
    "suffix", ["", "power/", "risks/", "power/999/"], ids=["page", "list", "risks", "missing"]
)
def test_options_on_a_page_advertises_only_what_exists(client, tree, suffix):
    response = client.options(tree.awu_village.url + suffix)
    assert response.status_code == 200
    assert allowed(response) == READ_ONLY


def test_options_on_the_api_advertises_only_what_exists(client, tree):
    response = client.options(api_url(tree.awu_village.division_code))
    assert response.status_code == 200 and allowed(response) == READ_ONLY


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_get_405_with_the_same_allow(client, tree, method):
    for url in (tree.awu_village.url, api_url(tree.awu_village.division_code)):
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
        assert allowed(response) == READ_ONLY, url


def test_search_does_not_advertise_methods_it_lacks(client, tree):
    response = client.options("/search/")
    assert response.status_code in (200, 405)
    assert allowed(response) <= READ_ONLY
    assert settings.ROOT_URLCONF  # the site's real URLs


def test_a_stale_form_gets_a_page_in_chinese_and_nothing_is_saved(tree):
    """A complaint form left open past its token (or with cookies off) is refused with a page
    that says what happened and leads back to the form; no case is written."""
    from django.test import Client

    from supervision.models import Complaint

    form_url = tree.xigu.url + "complaint/"
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/track/",
        {"code": "ABCD-EFGH-JKLM", "pin": "123456"},
        HTTP_REFERER="http://testserver" + form_url,
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期，请重新提交" in page and "没有被保存" in page
    assert f'href="http://testserver{form_url}"' in page
    assert "no-store" in response["Cache-Control"]
    client.post(form_url, {"description": "补贴没有公示。"}, HTTP_REFERER="https://evil.example/")
    assert not Complaint.objects.exists()


def test_a_stale_form_never_links_back_to_another_site(client, tree):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/track/", {"code": "x"}, HTTP_REFERER="https://evil.example/phish"
    )
    assert response.status_code == 403 and "evil.example" not in response.content.decode()
