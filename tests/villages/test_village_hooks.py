"""The village page is built from what the apps register (villages/hooks.py): it knows nothing
of the lists or of complaints, yet shows their links and serves their sub-URLs."""

from wagtail import hooks

from villages.hooks import VILLAGE_SECTIONS, VillageSection
from villages.models import VillagePage


def test_routes_come_from_the_apps(client, tree):
    names = {route.name for route in VillagePage.get_subpage_urls()}
    assert {"power_list", "power_item", "power_item_pdf", "responsibilities", "risks"} <= names
    assert client.get(tree.awu_village.url + "power/").status_code == 200


def test_sections_come_from_the_apps_in_their_order(client, tree):
    body = client.get(tree.awu_village.url).content.decode()
    power = body.index(tree.awu_village.url + "power/")
    assert power < body.index(tree.awu_village.url + "risks/") < body.index("我要监督")


def test_a_new_section_appears_without_touching_the_tree(client, tree):
    def extra():
        return [VillageSection("村务公开·财务", "本月收支", url=lambda v: v.url + "#finance")]

    with hooks.register_temporarily(VILLAGE_SECTIONS, extra):
        body = client.get(tree.awu_village.url).content.decode()
    assert "村务公开·财务" in body
    assert f'href="{tree.awu_village.url}#finance"' in body


def test_child_page_types_come_from_the_apps(tree):
    allowed = {m._meta.label for m in VillagePage.clean_subpage_models()}
    assert allowed == {"disclosures.PowerItemPage", "disclosures.DisclosurePage"}


def test_sitemap_lists_the_registered_list_pages(client, tree):
    body = client.get("/sitemap.xml").content.decode()
    village = tree.awu_village.full_url
    for suffix in ("power/", "responsibilities/", "risks/"):
        assert f"<loc>{village}{suffix}</loc>" in body
    assert f"<loc>{village}booklet/</loc>" not in body
