"""Shared caching is never wrong: no response that sets a cookie, carries a CSRF token or
answers someone in particular is `Cache-Control: public` (issue 6, part 3)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.models import PageViewRestriction

from portal.base.middleware import PublicCacheGuardMiddleware

GUARD = "portal.base.middleware.PublicCacheGuardMiddleware"


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()


def with_guard_first():
    return [GUARD, *(m for m in settings.MIDDLEWARE if m != GUARD)]


def not_public(response):
    return "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("guard", [False, True])
def test_a_stale_session_cookie_gets_no_public_caching(client, tree, settings, guard):
    if guard:
        settings.MIDDLEWARE = with_guard_first()
    client.cookies.load("csrftoken=x; sessionid=garbage")
    for url in (tree.awu_village.url, f"/api/v1/villages/{tree.awu_village.division_code}/lists/"):
        response = client.get(url, HTTP_COOKIE="csrftoken=x; sessionid=garbage")
        assert response.status_code == 200, url
        assert "sessionid" in response.cookies, url  # the bad cookie is deleted...
        assert not_public(response), url  # ...so no proxy may keep this answer


def test_the_same_page_without_cookies_is_public(client, tree):
    response = client.get(tree.awu_village.url)
    assert response["Cache-Control"].startswith("public, max-age=")
    assert not response.cookies


def test_a_page_with_a_form_and_its_csrf_cookie_is_not_public(client, tree):
    PageViewRestriction.objects.create(page=tree.xigu, restriction_type="password", password="pw")
    response = client.get(tree.xigu.url)  # the password form
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not_public(response)


def test_the_guard_has_the_final_word_on_cookies_set_by_outer_middleware(rf):
    """Whatever an inner middleware or view decided, a response that leaves with a cookie is
    downgraded."""

    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "public, max-age=300"
        response.set_cookie("messages", "x")
        return response

    response = PublicCacheGuardMiddleware(view)(rf.get("/"))
    assert not_public(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def public_view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "public, max-age=300"
        return response

    untouched = PublicCacheGuardMiddleware(public_view)(rf.get("/"))
    assert untouched["Cache-Control"] == "public, max-age=300"


def test_the_guard_in_front_keeps_staff_pages_private(admin_client, tree, settings):
    settings.MIDDLEWARE = with_guard_first()
    response = admin_client.get(f"/api/v1/villages/{tree.awu_village.division_code}/lists/")
    assert response.status_code == 200 and not_public(response)


def test_the_api_etag_is_stable_and_revalidates_with_304(client, tree):
    url = f"/api/v1/villages/{tree.awu_village.division_code}/lists/"
    first = client.get(url)
    second = client.get(url)
    assert first["ETag"] == second["ETag"]
    assert "generated_at" not in first.json()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
