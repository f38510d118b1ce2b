"""Copying or moving an area page answers with a Chinese explanation, never a 500: a copy would
duplicate the division code, and a move must keep the code under its new parent's prefix."""

import pytest
from django.core.exceptions import ValidationError

from villages.models import TownshipPage, VillagePage


def copy(client, page, parent, **extra):
    data = {
        "new_title": f"{page.title}（副本）",
        "new_slug": f"{page.slug}-copy",
        "new_parent_page": parent.pk,
        **extra,
    }
    return client.post(f"/admin/pages/{page.pk}/copy/", data, follow=True)


@pytest.mark.parametrize("user", ["admin", "editor"])
def test_copying_a_village_under_its_own_township_is_refused_with_a_reason(
    client, tree, user, request
):
    client.force_login(request.getfixturevalue(user))
    before = VillagePage.objects.count()

    response = copy(client, tree.awu_village, tree.awu)

    assert response.status_code == 200
    text = response.content.decode()
    assert "“阿坞村”是村（社区）页面，有自己的区划代码 621223106205，不能复制" in text
    assert "新建" in text
    assert VillagePage.objects.count() == before


def test_the_copy_form_of_a_village_is_not_even_offered(client, tree, admin):
    client.force_login(admin)
    response = client.get(f"/admin/pages/{tree.awu_village.pk}/copy/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{tree.awu.pk}/"


def test_copying_a_township_with_its_villages_is_refused(client, tree, admin):
    client.force_login(admin)
    before = TownshipPage.objects.count(), VillagePage.objects.count()

    response = copy(client, tree.awu, tree.tanchang, copy_subpages="on")

    assert "“阿坞镇”是乡镇页面" in response.content.decode()
    assert (TownshipPage.objects.count(), VillagePage.objects.count()) == before


def test_moving_a_village_to_another_township_is_refused_when_its_code_does_not_fit(
    client, tree, admin
):
    client.force_login(admin)
    url = f"/admin/pages/{tree.awu_village.pk}/move/{tree.hadapu.pk}/confirm/"

    for response in (client.get(url, follow=True), client.post(url, follow=True)):
        assert response.status_code == 200
        text = response.content.decode()
        assert "不能把“阿坞村”（区划代码 621223106205）移到“哈达铺镇”下" in text
        assert "621223101" in text

    tree.awu_village.refresh_from_db()
    assert tree.awu_village.get_parent().pk == tree.awu.pk


def test_moving_a_township_to_another_county_is_refused(client, tree, admin):
    client.force_login(admin)
    url = f"/admin/pages/{tree.awu.pk}/move/{tree.wudu.pk}/confirm/"
    response = client.post(url, follow=True)
    assert "不能把“阿坞镇”" in response.content.decode()
    assert tree.awu.get_parent().pk == tree.tanchang.pk


def test_code_paths_outside_the_admin_get_a_validation_error_not_an_integrity_error(tree):
    with pytest.raises(ValidationError, match="621223106205"):
        tree.awu_village.copy(to=tree.awu, update_attrs={"slug": "copy"}, keep_live=False)
    with pytest.raises(ValidationError, match="哈达铺镇"):
        tree.awu_village.move(tree.hadapu, pos="last-child")
    assert VillagePage.objects.filter(division_code="621223106205").count() == 1
    assert tree.awu_village.get_parent().pk == tree.awu.pk
