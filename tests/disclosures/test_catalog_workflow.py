"""A township editor changes a step in the county catalog; after approval every village of the
county shows it, and a village's own addition is untouched."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests import factories
from tests.factories import staff_user
from villages.models import Role


@pytest.fixture
def setup(tree):
    catalog = factories.catalog(tree.tanchang)
    item = factories.power_item(
        catalog,
        "2",
        "低保申请审批",
        steps=[
            {"actor": "申请人", "action": "提出书面申请"},
            {"actor": "村民委员会", "action": "入户调查", "office": "deputy"},
        ],
    )
    addition = factories.power_item(tree.awu_village, "村1", "光伏电站收益分配", "assets")
    return {
        "catalog": catalog,
        "item": item,
        "addition": addition,
        "editor": staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu),
        "reviewer": staff_user("county", Role.COUNTY_PETITION, tree.tanchang),
        "far_editor": staff_user("far", Role.TOWNSHIP_EDITOR, tree.puchi),
    }


def item_form(item, **step_changes):
    steps = []
    for order, step in enumerate(item.steps.all()):
        steps.append(
            {
                "id": step.pk,
                "key": step.key,
                "actor": step.actor,
                "office": step.office_id or "",
                "action": step_changes.get(step.key, step.action),
                "time_limit": step.time_limit or "",
                "time_unit": step.time_unit,
                "document": step.document,
                "branch_condition": step.branch_condition,
                "branch_target": step.branch_target,
                "ORDER": order,
            }
        )
    return nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "number": item.number,
            "category": item.category_id,
            "steps": inline_formset(steps, initial=len(steps)),
            "risks": inline_formset([]),
        }
    )


def test_editor_change_to_catalog_goes_live_everywhere_after_county_approval(client, tree, setup):
    item = setup["item"]
    client.force_login(setup["editor"])
    data = item_form(item, **{"2": "村民委员会入户核查并组织民主评议"})
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{item.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]

    village_url = tree.xigu.url + "power/2/"
    assert "入户核查并组织民主评议" not in client.get(village_url).content.decode()

    state = WorkflowState.objects.get(object_id=str(item.pk))
    client.force_login(setup["reviewer"])
    url = f"/admin/pages/workflow/action/{item.pk}/approve/{state.current_task_state.pk}/"
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    client.logout()
    for village in (tree.awu_village, tree.xigu, tree.hadapu_village):
        body = client.get(village.url + "power/2/").content.decode()
        assert "村民委员会入户核查并组织民主评议" in body, village.title
    awu_list = client.get(tree.awu_village.url + "power/").content.decode()
    assert "光伏电站收益分配" in awu_list


def test_editor_of_another_county_cannot_touch_the_catalog(client, tree, setup):
    client.force_login(setup["far_editor"])
    assert client.get(f"/admin/pages/{setup['item'].pk}/edit/").status_code in (302, 403)


def test_editor_cannot_edit_another_villages_addition(client, tree, setup):
    other_editor = staff_user("hadapu", Role.TOWNSHIP_EDITOR, tree.hadapu)
    client.force_login(other_editor)
    assert client.get(f"/admin/pages/{setup['addition'].pk}/edit/").status_code in (302, 403)


def test_a_branch_to_a_missing_step_is_refused_in_the_editor(client, tree, setup):
    item = setup["item"]
    client.force_login(setup["reviewer"])
    data = item_form(item)
    data["steps-1-branch_condition"] = "不符合条件"
    data["steps-1-branch_target"] = "9"
    response = client.post(f"/admin/pages/{item.pk}/edit/", data)
    assert response.status_code == 200
    assert "不存在的步骤“9”" in response.content.decode()
    item.refresh_from_db()
    assert not item.steps.filter(branch_target="9").exists()


def test_a_duplicate_number_is_refused_in_the_editor(client, tree, setup):
    client.force_login(setup["reviewer"])
    other = factories.power_item(setup["catalog"], "3", "宅基地审批", "homestead")
    data = item_form(other)
    data["number"] = "2"
    response = client.post(f"/admin/pages/{other.pk}/edit/", data)
    assert response.status_code == 200
    assert "已被使用" in response.content.decode()


def test_a_village_addition_may_not_reuse_a_catalog_number(client, tree, setup):
    client.force_login(setup["editor"])
    data = item_form(setup["addition"])
    data["number"] = "2"
    response = client.post(f"/admin/pages/{setup['addition'].pk}/edit/", data)
    assert response.status_code == 200
    assert "已被使用" in response.content.decode()


def test_township_editors_cannot_lock_the_county_catalog(setup, tree):
    """A lock by one township would block every other township's editors (issue 6, part 5)."""
    item = setup["item"]
    assert not item.permissions_for_user(setup["editor"]).can_lock()
    assert item.permissions_for_user(setup["editor"]).can_edit()
    assert item.permissions_for_user(setup["reviewer"]).can_lock()
    # Their own township's pages stay theirs to lock while they edit.
    assert tree.awu_village.permissions_for_user(setup["editor"]).can_lock()


def test_a_resync_takes_back_a_lock_permission_granted_earlier(setup):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from villages.services.roles import ensure_roles, grant_page_permissions

    editors = Group.objects.get(name__contains="阿坞镇·乡镇编辑")
    grant_page_permissions(editors, setup["catalog"], ["lock_page"])
    assert setup["item"].permissions_for_user(setup["editor"]).can_lock()
    ensure_roles()
    assert not GroupPagePermission.objects.filter(
        group=editors, page=setup["catalog"], permission__codename="lock_page"
    ).exists()
