"""Township editors submit; the same township's discipline committee approves and publishes."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import staff_user
from villages.models import Role


@pytest.fixture
def people(tree):
    return {
        "editor": staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu),
        "jiwei": staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "other_jiwei": staff_user("other", Role.TOWNSHIP_DISCIPLINE, tree.puchi),
    }


def village_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "division_code": page.division_code,
        "name_en": page.name_en,
        "kind": page.kind,
        "station_phone": page.station_phone,
        "station_head": page.station_head,
        "station_members": inline_formset([]),
        "office_holders": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


def submit_change(client, page, **changes):
    data = village_form(page, **changes)
    data["action-submit"] = "1"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_editor_cannot_publish_and_a_change_goes_to_approval(client, tree, people):
    client.force_login(people["editor"])
    response = submit_change(client, tree.awu_village, station_phone="0939-5600000")
    assert response.status_code == 302

    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5606205", "live page must not change yet"
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(tree.awu_village.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert (
        people["jiwei"]
        .groups.filter(pk__in=state.current_task_state.task.specific.groups.all())
        .exists()
    )

    # Publishing directly is refused for the editor.
    data = village_form(tree.awu_village, station_phone="0939-5611111")
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{tree.awu_village.pk}/edit/", data)
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5606205"


def test_township_discipline_committee_approves_and_the_change_goes_live(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")
    state = WorkflowState.objects.get(object_id=str(tree.awu_village.pk))

    # Another township's committee may not approve it.
    client.force_login(people["other_jiwei"])
    url = (
        f"/admin/pages/workflow/action/{tree.awu_village.pk}/approve/{state.current_task_state.pk}/"
    )
    client.post(url, {"comment": ""})
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5606205"

    client.force_login(people["jiwei"])
    response = client.post(url, {"comment": "同意"})
    assert response.status_code in (200, 302)
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5600000"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert "0939-5600000" in client.get(tree.awu_village.url).content.decode()
