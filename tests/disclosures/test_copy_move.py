"""Copying or moving a power item refuses a number that would clash at the destination, with a
form error naming the clash, instead of a duplicate that later fails to publish with a 500."""

import pytest
from django.core.exceptions import ValidationError

from disclosures.models import PowerItemPage
from tests.factories import catalog, power_item


@pytest.fixture
def lists(tree):
    tanchang = catalog(tree.tanchang)
    wudu = catalog(tree.wudu)
    return {
        "tanchang": tanchang,
        "wudu": wudu,
        "four_two": power_item(tanchang, "1", "四议两公开"),
        "subsidy": power_item(tanchang, "2", "低保申请"),
        "wudu_item": power_item(wudu, "5", "宅基地审批"),
        "wudu_seven": power_item(wudu, "7", "集体资产出租"),
        "addition": power_item(tree.awu_village, "7", "本村护林巡查"),
    }


def copy(client, page, parent):
    data = {"new_title": page.title, "new_slug": f"{page.slug}-copy", "new_parent_page": parent.pk}
    return client.post(f"/admin/pages/{page.pk}/copy/", data)


@pytest.mark.parametrize("user", ["admin", "editor"])
def test_copying_a_catalog_item_into_a_village_that_reads_the_catalog_is_refused(
    client, tree, lists, user, request
):
    client.force_login(request.getfixturevalue(user))
    before = PowerItemPage.objects.count()

    response = copy(client, lists["four_two"], tree.awu_village)

    assert response.status_code == 200, "the copy form again, with the error"
    text = response.content.decode()
    assert "编号 1 在“宕昌县村级小微权力清单”中已被事项“四议两公开”使用" in text
    assert "不能复制到“阿坞村”" in text
    assert PowerItemPage.objects.count() == before


def test_copying_an_item_within_its_own_catalog_is_refused(client, lists, admin):
    client.force_login(admin)
    before = PowerItemPage.objects.count()
    response = copy(client, lists["subsidy"], lists["tanchang"])
    assert response.status_code == 200
    assert "编号 2 在“宕昌县村级小微权力清单”中已被事项“低保申请”使用" in response.content.decode()
    assert PowerItemPage.objects.count() == before


def test_copying_into_a_catalog_whose_village_uses_the_number_is_refused(client, lists, admin):
    client.force_login(admin)
    response = copy(client, lists["wudu_seven"], lists["tanchang"])
    assert response.status_code == 200
    assert "村“阿坞村”已有本村增补事项“本村护林巡查”使用编号 7" in response.content.decode()
    assert not PowerItemPage.objects.child_of(lists["tanchang"]).filter(number="7").exists()


def test_a_copy_with_a_free_number_goes_ahead(client, lists, admin):
    client.force_login(admin)
    response = copy(client, lists["subsidy"], lists["wudu"])
    assert response.status_code == 302
    assert PowerItemPage.objects.child_of(lists["wudu"]).filter(number="2").exists()


def test_moving_an_item_into_a_village_whose_catalog_has_its_number_is_refused(
    client, tree, lists, admin
):
    client.force_login(admin)
    item = lists["wudu_item"]
    power_item(lists["tanchang"], "5", "宅基地审批（宕昌）")
    url = f"/admin/pages/{item.pk}/move/{tree.awu_village.pk}/confirm/"

    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert "编号 5 在“宕昌县村级小微权力清单”中已被事项“宅基地审批（宕昌）”使用" in (
        response.content.decode()
    )
    assert item.get_parent().pk == lists["wudu"].pk


def test_moving_an_item_out_of_its_catalog_into_a_village_is_allowed(client, tree, lists, admin):
    # Its own number leaves the catalog with it, so nothing clashes.
    client.force_login(admin)
    item = lists["subsidy"]
    response = client.post(f"/admin/pages/{item.pk}/move/{tree.xigu.pk}/confirm/")
    assert response.status_code == 302
    assert PowerItemPage.objects.get(pk=item.pk).get_parent().pk == tree.xigu.pk


def test_code_paths_outside_the_admin_get_a_validation_error(tree, lists):
    with pytest.raises(ValidationError, match="编号 1"):
        lists["four_two"].copy(to=tree.awu_village, update_attrs={"slug": "copy"}, keep_live=False)
    with pytest.raises(ValidationError, match="编号 5"):
        power_item(lists["tanchang"], "5", "重复")
        lists["wudu_item"].move(tree.awu_village, pos="last-child")
    assert not PowerItemPage.objects.child_of(tree.awu_village).filter(number__in="15").exists()


def test_bulk_publishing_an_invalid_draft_names_it_instead_of_failing(client, tree, lists, admin):
    # A duplicate stored before these guards existed (or by a raw update) cannot be published.
    draft = lists["addition"]
    PowerItemPage.objects.filter(pk=draft.pk).update(number="1")
    draft.refresh_from_db()
    draft.save_revision(clean=False)
    client.force_login(admin)
    back = f"/admin/pages/{tree.awu_village.pk}/"
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}&next={back}"

    response = client.post(url, {"include_descendants": ""}, follow=True)

    assert response.status_code == 200
    assert "以下页面有错误，未发布任何页面" in response.content.decode()
    assert "本村护林巡查" in response.content.decode()
