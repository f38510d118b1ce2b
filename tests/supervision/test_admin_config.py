"""Open311 partners and complaint categories in the admin: the city commission (and superusers)
add and change them, nobody deletes them; a partner's key is shown once, then only its last
characters; a category's code is fixed once created."""

from __future__ import annotations

import re

import pytest

from supervision.models import ComplaintCategory, Open311Partner
from supervision.services.partners import key_digest, partner_for_key
from tests.factories import UserFactory, staff_user
from villages.models import Role


@pytest.fixture
def city(tree):
    return staff_user("city_longnan", Role.CITY_DISCIPLINE, tree.city)


def add_partner(client, tree, name="12345热线", jurisdiction=None):
    return client.post(
        "/admin/open311-partners/new/",
        {
            "name": name,
            "jurisdiction": (jurisdiction or tree.city).pk,
            "contact": "",
            "active": "on",
        },
    )


def shown_key(html: str) -> str:
    return re.search(r"<code[^>]*>(o311-[\w-]+)</code>", html).group(1)


def test_a_new_partner_s_key_is_shown_once_and_then_only_its_hint(client, tree, city):
    client.force_login(city)
    response = add_partner(client, tree)
    assert response.status_code == 302
    partner = Open311Partner.objects.get()
    assert partner.created_by == city
    page = client.get(response["Location"]).content.decode()
    key = shown_key(page)
    assert partner_for_key(key) == partner and partner.key_digest == key_digest(key)
    assert key not in client.get(response["Location"]).content.decode()
    listing = client.get("/admin/open311-partners/").content.decode()
    assert key not in listing and f"…{key[-4:]}" in listing


def test_reissuing_a_key_makes_the_old_one_stop_working(client, tree, city):
    client.force_login(city)
    old = shown_key(client.get(add_partner(client, tree)["Location"]).content.decode())
    partner = Open311Partner.objects.get()
    assert (
        "重新签发密钥" in client.get(f"/admin/open311-partners/edit/{partner.pk}/").content.decode()
    )
    response = client.post(f"/admin/open311-partners/{partner.pk}/reissue/")
    new = shown_key(client.get(response["Location"]).content.decode())
    assert new != old
    assert partner_for_key(old) is None and partner_for_key(new) == partner


def test_a_deactivated_partner_s_key_stops_working(client, tree, city):
    client.force_login(city)
    key = shown_key(client.get(add_partner(client, tree)["Location"]).content.decode())
    partner = Open311Partner.objects.get()
    client.post(
        f"/admin/open311-partners/edit/{partner.pk}/",
        {"name": partner.name, "jurisdiction": tree.city.pk, "contact": ""},
    )
    assert not Open311Partner.objects.get().active
    assert partner_for_key(key) is None


def test_a_partner_s_jurisdiction_is_an_area_above_the_village(client, tree, city):
    client.force_login(city)
    response = add_partner(client, tree, jurisdiction=tree.xigu)
    assert "请选择市、区县或乡镇页面" in response.content.decode()
    assert not Open311Partner.objects.exists()


@pytest.mark.parametrize(
    ("role", "node"),
    [
        (Role.COUNTY_PETITION, "tanchang"),
        (Role.AUDITOR, "city"),
        (Role.STATION_OPERATOR, "awu_village"),
    ],
)
def test_other_roles_manage_neither_partners_nor_categories(client, tree, role, node):
    client.force_login(staff_user("someone", role, getattr(tree, node)))
    home = client.get("/admin/").content.decode()
    assert "/admin/open311-partners/" not in home and "/admin/complaint-categories/" not in home
    assert client.get("/admin/open311-partners/").status_code == 302
    assert add_partner(client, tree).status_code == 302
    assert client.get("/admin/complaint-categories/").status_code == 302
    assert not Open311Partner.objects.exists()


def test_nobody_deletes_a_partner_or_a_category(client, tree, city):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    category = ComplaintCategory.objects.get(code="subsidy")
    for user in (city, admin):
        client.force_login(user)
        add_partner(client, tree, name=f"对接方{user.pk}")
        partner = Open311Partner.objects.latest("pk")
        for url in (
            f"/admin/open311-partners/delete/{partner.pk}/",
            f"/admin/complaint-categories/delete/{category.pk}/",
        ):
            client.post(url)
    assert Open311Partner.objects.count() == 2
    assert ComplaintCategory.objects.filter(pk=category.pk).exists()


def test_a_category_s_code_is_fixed_once_created(client, tree, city):
    client.force_login(city)
    response = client.post(
        "/admin/complaint-categories/new/",
        {
            "name": "环境卫生",
            "code": "sanitation",
            "description": "",
            "sort_order": 90,
            "retention_years": 10,
            "active": "on",
        },
    )
    assert response.status_code == 302
    category = ComplaintCategory.objects.get(code="sanitation")
    edit = f"/admin/complaint-categories/edit/{category.pk}/"
    assert "创建后不能修改" in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "name": "人居环境",
            "code": "changed",
            "description": "",
            "sort_order": 90,
            "retention_years": 6,
            "active": "on",
        },
    )
    category.refresh_from_db()
    assert (category.name, category.code) == ("人居环境", "sanitation")
    # Its retention period (docs/security.md "Retention and legal holds") is data too.
    assert category.retention_years == 6
    assert "6 年" in client.get("/admin/complaint-categories/").content.decode()
