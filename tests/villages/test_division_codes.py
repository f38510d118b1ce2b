"""Division codes (统计用区划代码) are validated, nested under their parent and unique."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories
from villages.models import TownshipPage, VillagePage


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("62122310620", "12 位数字"),  # one digit short
        ("6212231062011", "12 位数字"),  # one digit long
        ("62122310620A", "12 位数字"),  # not a digit
        ("621202201201", "621223106"),  # belongs to another township
    ],
)
def test_bad_village_code_is_refused_with_a_clear_reason(tree, code, message):
    page = VillagePage(title="新村", slug="xincun", division_code=code)
    page.path = tree.awu.path + "9999"  # placed under 阿坞镇 for the parent check
    page.depth = tree.awu.depth + 1
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert message in str(error.value.message_dict["division_code"])


def test_a_code_already_used_is_refused(tree):
    duplicate = VillagePage(title="重复村", slug="chongfu", division_code=tree.xigu.division_code)
    with pytest.raises(ValidationError) as error:
        tree.awu.add_child(instance=duplicate)
    assert "已被" in str(error.value) or "already exists" in str(error.value)


def test_the_database_refuses_a_duplicate_code_even_past_validation(tree):
    with transaction.atomic(), pytest.raises(IntegrityError):
        VillagePage.objects.filter(pk=tree.xigu.pk).update(
            division_code=tree.awu_village.division_code
        )


def test_the_database_refuses_a_malformed_code(tree):
    with transaction.atomic(), pytest.raises(IntegrityError):
        TownshipPage.objects.filter(pk=tree.awu.pk).update(division_code="62122310X")


def test_a_county_code_may_not_repeat_the_city_code(tree):
    clash = factories.CountyPage(title="假县", slug="jia", division_code="621200")
    with pytest.raises(ValidationError) as error:
        tree.city.add_child(instance=clash)
    assert "621200" in str(error.value)


def test_the_admin_form_checks_the_code_against_the_parent(tree, admin_client):
    response = admin_client.post(
        f"/admin/pages/add/villages/villagepage/{tree.awu.pk}/",
        {
            "title": "错码村",
            "slug": "cuoma",
            "division_code": "621202201209",  # a 蒲池乡 code under 阿坞镇
            "kind": "village",
            "station_members-TOTAL_FORMS": "0",
            "station_members-INITIAL_FORMS": "0",
            "station_members-MIN_NUM_FORMS": "0",
            "station_members-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200  # the form comes back with the error
    assert "不属于上级 621223106" in response.content.decode()
    assert not VillagePage.objects.filter(title="错码村").exists()
