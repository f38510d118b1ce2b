"""A view restriction (password, login) hides a page on every public path at once: the village's
lists, item page, item PDF, booklet, responsibility and risk lists, the JSON API, search and the
sitemap; and nothing restricted is ever `Cache-Control: public` (issue 6, part 2)."""

import pytest
from wagtail.models import PageViewRestriction

from disclosures.models import OfficeDuty
from disclosures.services import pdf, pdf_store
from tests import factories

# Stored PDFs of each test only; cache.clear() runs for every test (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdfs_in_tmp")

SECRET = "低保审批内部事项"  # the restricted item's name
SECRET_RISK = "内部风险点"


@pytest.fixture
def lists(tree):
    catalog = factories.catalog(tree.tanchang)
    open_item = factories.power_item(
        catalog,
        "1",
        "村级重大事项决策",
        category_code="decision",
        steps=[{"actor": "村两委", "action": "商议", "office": "secretary"}],
        risks=[{"description": "少数人说了算", "level": "high"}],
    )
    secret = factories.power_item(
        catalog,
        "2",
        SECRET,
        steps=[{"actor": "村委会", "action": "内部审核", "office": "deputy"}],
        risks=[{"description": SECRET_RISK, "level": "high"}],
    )
    addition = factories.power_item(tree.awu_village, "村1", "光伏电站收益分配", "assets")
    OfficeDuty.objects.create(
        catalog=catalog, office=factories.office("deputy"), duties="协助主任工作"
    )
    return {"catalog": catalog, "open": open_item, "secret": secret, "addition": addition}


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="mima" if kind == "password" else ""
    )


def sub(village, suffix=""):
    return village.url + suffix


def api(client, village):
    return client.get(f"/api/v1/villages/{village.division_code}/lists/")


def not_public(response):
    return "public" not in response.get("Cache-Control", "")


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


# --- one item restricted ----------------------------------------------------------------------


def test_a_restricted_item_is_missing_from_every_list_and_route(client, tree, lists):
    village = tree.awu_village
    restrict(lists["secret"])
    for suffix in ("power/", "risks/", "responsibilities/"):
        response = client.get(sub(village, suffix))
        body = response.content.decode()
        assert response.status_code == 200, suffix
        assert SECRET not in body and SECRET_RISK not in body, suffix
    assert "村级重大事项决策" in client.get(sub(village, "power/")).content.decode()
    assert client.get(sub(village, "power/2/")).status_code == 404
    assert client.get(sub(village, "power/2/pdf/")).status_code == 404
    assert client.get(sub(village, "power/1/")).status_code == 200


def test_a_restricted_item_is_missing_from_the_booklet_api_search_and_sitemap(client, tree, lists):
    village = tree.awu_village
    restrict(lists["secret"])
    context = pdf.booklet_context(village)
    printed = [entry["item"].title for entry in context["entries"]]
    assert "村级重大事项决策" in printed and SECRET not in printed
    linked = [i.title for row in context["responsibilities"] for i in row.items]
    assert SECRET not in linked
    assert SECRET_RISK not in {row.risk.description for row in context["risks"]}

    data = api(client, village).json()
    assert [i["number"] for i in data["power_list"]] == ["1", "村1"]
    assert all("2" not in row["power_items"] for row in data["responsibility_list"])
    assert SECRET_RISK not in {r["description"] for r in data["risk_list"]}

    assert SECRET not in client.get("/search/", {"q": "低保"}).content.decode()
    urls = sitemap(client)
    assert lists["secret"].url not in urls and lists["open"].url in urls


def test_the_items_own_url_asks_for_the_password_and_is_never_public(client, tree, lists):
    restrict(lists["secret"])
    response = client.get(lists["secret"].url)
    assert response.status_code == 200 and "password" in response.content.decode()
    assert SECRET_RISK not in response.content.decode()
    assert not_public(response)
    # The catalog page lists its public items only.
    catalog_page = client.get(lists["catalog"].url).content.decode()
    assert "村级重大事项决策" in catalog_page and SECRET not in catalog_page


def test_a_booklet_built_before_the_restriction_is_not_served(client, tree, lists, monkeypatch):
    from disclosures import tasks

    village = tree.awu_village
    pdf_store.refresh_booklet(village)  # printed while the item was still public
    restrict(lists["secret"])
    # The worker is busy: the new booklet is not built yet.
    monkeypatch.setattr(tasks, "request_booklet", lambda *a, **k: None)
    response = client.get(sub(village, "booklet/"))
    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")


# --- the whole catalog behind a login -------------------------------------------------------


def test_a_catalog_behind_a_login_gives_the_public_no_catalog_items(client, tree, lists):
    village = tree.awu_village
    restrict(lists["catalog"], PageViewRestriction.LOGIN)
    body = client.get(sub(village, "power/")).content.decode()
    assert "光伏电站收益分配" in body  # the village's own addition stays
    assert "村级重大事项决策" not in body and SECRET not in body
    assert client.get(sub(village, "power/1/")).status_code == 404
    assert client.get(sub(village, "power/1/pdf/")).status_code == 404
    responsibilities = client.get(sub(village, "responsibilities/")).content.decode()
    assert "协助主任工作" not in responsibilities  # the catalog's duties are the catalog's
    assert "少数人说了算" not in client.get(sub(village, "risks/")).content.decode()

    context = pdf.booklet_context(village)
    assert context["catalog"] is None
    assert [e["item"].number for e in context["entries"]] == ["村1"]

    data = api(client, village).json()
    assert data["catalog"] is None
    assert [i["number"] for i in data["power_list"]] == ["村1"]

    urls = sitemap(client)
    assert lists["catalog"].url not in urls and lists["open"].url not in urls
    login = client.get(lists["open"].url)
    assert login.status_code == 302 and not_public(login)


def test_a_restricted_township_catalog_does_not_hand_its_villages_to_the_county(
    client, tree, lists
):
    township_catalog = factories.catalog(tree.awu, title="阿坞镇清单")
    factories.power_item(township_catalog, "1", "乡镇统一事项")
    restrict(township_catalog, PageViewRestriction.LOGIN)
    body = client.get(sub(tree.awu_village, "power/")).content.decode()
    assert "乡镇统一事项" not in body and "村级重大事项决策" not in body
    # Villages of another township still read the county's catalog.
    assert "村级重大事项决策" in client.get(sub(tree.hadapu_village, "power/")).content.decode()


# --- a restricted village -------------------------------------------------------------------


VILLAGE_ROUTES = ["", "power/", "power/1/", "power/1/pdf/", "risks/", "responsibilities/"]


@pytest.mark.parametrize("suffix", [*VILLAGE_ROUTES, "booklet/"])
def test_every_sub_url_of_a_restricted_village_asks_for_the_password(client, tree, lists, suffix):
    restrict(tree.awu_village)
    response = client.get(sub(tree.awu_village, suffix))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "password" in body and "光伏电站收益分配" not in body and "村级重大事项决策" not in body
    assert not_public(response)


def test_a_restricted_village_is_missing_from_the_api_search_and_sitemap(client, tree, lists):
    village = tree.awu_village
    restrict(village)
    assert api(client, village).status_code == 404
    body = client.get("/search/", {"q": "光伏", "village": village.division_code})
    assert "光伏电站收益分配" not in body.content.decode()
    urls = sitemap(client)
    assert village.url not in urls and tree.xigu.url in urls
    assert tree.xigu.url + "power/" in urls


def test_the_password_opens_the_village_lists_but_never_for_a_shared_cache(client, tree, lists):
    village = tree.awu_village
    restriction = restrict(village)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{village.pk}/",
        {"password": "mima", "return_url": sub(village, "power/")},
    )
    assert response.status_code == 302
    for suffix in ("", "power/", "power/村1/"):
        response = client.get(sub(village, suffix))
        assert response.status_code == 200, suffix
        assert "password" not in response.content.decode(), suffix
        assert not_public(response), suffix
    assert "光伏电站收益分配" in client.get(sub(village, "power/")).content.decode()
    # The catalog's restricted item stays hidden even then (its restriction is its own).
    restrict(lists["secret"])
    assert client.get(sub(village, "power/2/")).status_code == 404
