"""Each role sees and edits only what lies under its jurisdiction, by Wagtail's own checks."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import staff_user
from villages.models import Role, VillagePage
from villages.services.jurisdiction import can_act_on, villages_for
from villages.services.roles import assign_role


@pytest.fixture
def awu_editor(tree):
    return staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_township_editor_can_open_own_village_in_the_editor(client, tree, awu_editor):
    client.force_login(awu_editor)
    response = client.get(edit_url(tree.awu_village))
    assert response.status_code == 200
    assert "阿坞村" in response.content.decode()


def test_township_editor_cannot_edit_a_village_of_another_township(client, tree, awu_editor):
    client.force_login(awu_editor)
    for other in (tree.hadapu_village, tree.pingershang):
        response = client.get(edit_url(other))
        assert response.status_code in (302, 403), other.title
        saved = client.post(edit_url(other), {"title": "篡改", "slug": other.slug})
        assert saved.status_code in (302, 403)
        other.refresh_from_db()
        assert other.title != "篡改"
        assert other.get_latest_revision() is None


def test_township_editor_cannot_add_a_village_to_another_township(client, tree, awu_editor):
    client.force_login(awu_editor)
    response = client.get(f"/admin/pages/add/villages/villagepage/{tree.hadapu.pk}/")
    assert response.status_code in (302, 403)


def test_explorer_starts_at_the_editors_township(client, tree, awu_editor):
    client.force_login(awu_editor)
    response = client.get(f"/admin/pages/{tree.awu.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "西固村" in body and "阿坞村" in body
    assert client.get(f"/admin/pages/{tree.puchi.pk}/").status_code in (302, 403)


def test_villages_for_follows_the_jurisdiction_node(tree):
    county_officer = staff_user("county", Role.COUNTY_PETITION, tree.tanchang)
    station = staff_user("station", Role.STATION_OPERATOR, tree.awu_village)
    city = staff_user("city", Role.CITY_DISCIPLINE, tree.city)

    assert set(villages_for(county_officer)) == {tree.awu_village, tree.xigu, tree.hadapu_village}
    assert list(villages_for(station)) == [tree.awu_village]
    assert set(villages_for(city)) == set(VillagePage.objects.all())
    assert can_act_on(county_officer, tree.hadapu_village)
    assert not can_act_on(county_officer, tree.pingershang)
    assert not can_act_on(station, tree.xigu)


def test_a_user_without_a_role_acts_on_nothing(tree, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw")
    assert not villages_for(nobody).exists()
    assert not can_act_on(nobody, tree.awu_village)


def test_a_role_must_sit_at_its_level(tree, django_user_model):
    user = django_user_model.objects.create_user("misplaced", password="pw")
    with pytest.raises(ValidationError) as error:
        assign_role(user, Role.STATION_OPERATOR, tree.awu)
    assert "村" in str(error.value)


def test_station_operator_cannot_edit_pages(client, tree):
    station = staff_user("station", Role.STATION_OPERATOR, tree.awu_village)
    client.force_login(station)
    assert client.get("/admin/").status_code == 200  # may use the admin (complaints, later)
    assert client.get(edit_url(tree.awu_village)).status_code in (302, 403)


def test_dashboard_tells_staff_their_jurisdiction(client, tree, awu_editor):
    client.force_login(awu_editor)
    body = client.get("/admin/").content.decode()
    assert "我的管辖范围" in body
    assert "陇南市宕昌县阿坞镇" in body


def test_superuser_assigns_a_role_in_the_admin_and_groups_follow(
    admin_client, tree, django_user_model
):
    user = django_user_model.objects.create_user("newcomer", password="pw")
    response = admin_client.post(
        "/admin/staff_profiles/new/",
        {
            "user": user.pk,
            "role": Role.TOWNSHIP_EDITOR,
            "jurisdiction": tree.puchi.pk,
            "title": "干事",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert can_act_on(user, tree.pingershang)
    assert not can_act_on(user, tree.awu_village)
    assert user.groups.filter(name__contains="蒲池乡·乡镇编辑").exists()


def test_township_editor_cannot_manage_staff_profiles(client, tree, awu_editor):
    client.force_login(awu_editor)
    assert client.get("/admin/staff_profiles/").status_code in (302, 403)
