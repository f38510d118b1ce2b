"""The demo loads once, loads again without change, and sets up roles by code."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, WorkflowPage

from villages.demo.builder import DEMO_USERS
from villages.models import CityPage, CountyPage, StaffProfile, TownshipPage, VillagePage


@pytest.fixture
def deferred_tasks(settings):
    """Seeding saves ~600 pages; Wagtail queues a search- and a reference-index task for each.
    What these tests check does not depend on those indexes, so the tasks are queued, not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def snapshot():
    return {
        "counties": CountyPage.objects.count(),
        "townships": TownshipPage.objects.count(),
        "villages": VillagePage.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "township_workflows": WorkflowPage.objects.filter(
            page__in=TownshipPage.objects.all()
        ).count(),
    }


@pytest.mark.django_db
def test_seed_demo_builds_longnan_and_a_second_run_changes_nothing(deferred_tasks):
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()

    longnan = CityPage.objects.get(division_code="621200")
    assert longnan.title == "陇南市"
    # Names read family name first in the admin's review and history screens ("王某某").
    from wagtail.admin.utils import get_user_display_name

    editor = get_user_model().objects.get(username="editor_awu")
    assert get_user_display_name(editor) == "王某某"
    assert set(CountyPage.objects.values_list("division_code", flat=True)) == {
        "621202",
        "621221",
        "621222",
        "621223",
        "621224",
        "621225",
        "621226",
        "621227",
        "621228",
    }
    for county in CountyPage.objects.all():
        assert TownshipPage.objects.child_of(county).count() >= 3, county.title
    awu = TownshipPage.objects.get(division_code="621223106")
    assert {
        "西固村",
        "各竜村",
        "别竜沟村",
        "别竜村",
        "阿坞村",
        "哈达村",
        "麻界村",
        "叶扎村",
    } <= set(VillagePage.objects.child_of(awu).values_list("title", flat=True))
    assert first["villages"] >= 150
    # Every village has its liaison station with a public phone and staff.
    assert not VillagePage.objects.filter(station_phone="").exists()
    assert not VillagePage.objects.filter(station_members__isnull=True).exists()
    # One township editors' group, discipline group and workflow per township.
    assert first["township_workflows"] == first["townships"]
    # One demo user per role, each with a jurisdiction.
    assert StaffProfile.objects.count() == len(DEMO_USERS)
    assert {p.role for p in StaffProfile.objects.all()} == {d.role for d in DEMO_USERS}

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert snapshot() == first
    assert "无需改动" in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_reset_rebuilds_a_damaged_tree(deferred_tasks):
    call_command("seed_demo", stdout=StringIO())
    before = snapshot()
    # A village of 成县: 阿坞镇's villages carry demo disclosures, whose tables the disclosure
    # pages protect, so the tree cannot lose one of them by a plain delete.
    damaged = VillagePage.objects.get(division_code="621221100201")
    damaged.delete()
    get_user_model().objects.filter(username="editor_awu").delete()
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert snapshot() == before
    assert VillagePage.objects.filter(division_code="621221100201", title=damaged.title).exists()
    assert get_user_model().objects.get(username="editor_awu").staff_profile.role


def test_setup_roles_is_idempotent_and_covers_new_townships(tree):
    call_command("setup_roles", stdout=StringIO())
    first = snapshot()
    call_command("setup_roles", stdout=StringIO())
    assert snapshot() == first
    # A township added later gets its groups and workflow at once (signal), before setup_roles.
    from tests import factories

    new = factories.township(tree.wudu, title="汉王镇", division_code="621202102")
    assert WorkflowPage.objects.filter(page=new).exists()
    assert Group.objects.filter(name__contains="汉王镇·乡镇编辑").exists()


def test_group_names_do_not_depend_on_the_admin_users_language(tree):
    from django.utils import translation

    from villages.services.roles import ensure_roles

    ensure_roles()
    before = Group.objects.count()
    with translation.override("en"):
        ensure_roles()
    assert Group.objects.count() == before
