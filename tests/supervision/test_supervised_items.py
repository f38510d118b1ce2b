"""Supervised items (督办事项): progress in percent, 办结 only when every task is done, the public
progress page (published items, public notes only), warnings set by the same scheduled job as
the cases, and staff outside the item's area kept out."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from supervision.dispatch_models import SupervisedItem, SupervisedNote, SupervisedTask
from supervision.services import dispatch
from tests import factories
from villages.models import Role

# Items are created now; the job is run on dates counted from today.
TODAY = timezone.localdate()


def make_item(area, *, published=True, deadline=None, tasks=((3, True), (1, False)), **fields):
    item = SupervisedItem.objects.create(
        title=fields.pop("title", "城区管道天然气供应"),
        source=SupervisedItem.Source.INSPECTION,
        area=area,
        description="巡察发现城区部分小区管道天然气长期未通气。",
        owner_unit="县住建局",
        owner_leader="王某某（副县长）",
        deadline=deadline or TODAY + datetime.timedelta(days=60),
        published=published,
        public_summary="城区管道天然气供应整改。",
        **fields,
    )
    for n, (weight, done) in enumerate(tasks, start=1):
        SupervisedTask.objects.create(
            item=item,
            sort_order=n,
            title=f"任务{n}",
            due_on=TODAY + datetime.timedelta(days=30),
            done_on=TODAY if done else None,
            milestone=n == 1,
            weight=weight,
        )
    return item


@pytest.fixture
def petition(tree):
    return factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)


def test_percent_weighs_done_tasks(tree):
    item = make_item(tree.tanchang, tasks=[(3, True), (1, False)])
    assert dispatch.percent(item) == 75
    item = make_item(tree.tanchang, tasks=[(1, True), (1, False), (1, False)])
    assert dispatch.percent(item) == 33  # rounded down: 100 only when everything is done


def test_complete_refuses_while_a_task_is_open(tree, petition):
    item = make_item(tree.tanchang, tasks=[(1, True), (1, False)])
    with pytest.raises(ValidationError) as refused:
        dispatch.complete(item, petition)
    assert "任务2" in " ".join(refused.value.messages)
    item.refresh_from_db()
    assert item.status == SupervisedItem.Status.OPEN
    SupervisedTask.objects.filter(item=item).update(done_on=TODAY)
    dispatch.complete(item, petition, today=TODAY)
    item.refresh_from_db()
    assert (item.status, item.completed_on) == (SupervisedItem.Status.DONE, TODAY)
    assert dispatch.percent(item) == 100


def test_public_page_shows_published_items_and_public_notes_only(client, tree, petition):
    shown = make_item(tree.tanchang)
    hidden = make_item(tree.tanchang, published=False, title="未公开的内部督办事项")
    dispatch.add_note(shown, petition, "燃气公司已进场施工，完成主管网铺设。", public=True)
    dispatch.add_note(shown, petition, "内部：施工方资质存疑，另行核查。", public=False)

    listing = client.get("/supervised/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "城区管道天然气供应" in text and "未公开的内部督办事项" not in text
    assert "完成 75%" in text
    assert not listing.cookies  # an anonymous reader gets no cookie

    page = client.get(f"/supervised/{shown.pk}/")
    body = page.content.decode()
    assert "燃气公司已进场施工" in body
    assert "施工方资质存疑" not in body
    assert 'value="75"' in body and "任务1" in body  # the milestone
    assert client.get(f"/supervised/{hidden.pk}/").status_code == 404


def test_an_unpublished_area_hides_the_item(client, tree):
    item = make_item(tree.tanchang)
    tree.tanchang.unpublish()
    assert client.get(f"/supervised/{item.pk}/").status_code == 404
    assert not dispatch.is_public(item)


def test_check_deadlines_warns_overdue_items_and_is_idempotent(tree):
    overdue = make_item(tree.tanchang, deadline=TODAY - datetime.timedelta(days=1))
    fine = make_item(tree.tanchang, title="按期推进")
    SupervisedNote.objects.create(item=fine, text="本周进展", at=timezone.now())
    SupervisedNote.objects.create(item=overdue, text="本周进展", at=timezone.now())
    with open(os.devnull, "w") as quiet:
        call_command("check_deadlines", today=TODAY.isoformat(), stdout=quiet)
    overdue.refresh_from_db()
    fine.refresh_from_db()
    assert overdue.warning == dispatch.RED
    assert fine.warning == ""
    assert any("超过办结时限" in r.text for r in dispatch.reasons(overdue, TODAY))
    again = dispatch.refresh_warnings(TODAY)
    assert again == {"red": 0, "yellow": 0, "none": 0}  # nothing changes the second time
    overdue.refresh_from_db()
    assert overdue.warning == dispatch.RED


def test_a_missing_progress_note_turns_the_item_yellow(tree, petition):
    item = make_item(tree.tanchang, rhythm=SupervisedItem.Rhythm.WEEKLY)
    created = timezone.localdate(item.created_at)
    dispatch.refresh_warnings(created + datetime.timedelta(days=7))
    item.refresh_from_db()
    assert item.warning == ""
    dispatch.refresh_warnings(created + datetime.timedelta(days=8))
    item.refresh_from_db()
    assert item.warning == dispatch.YELLOW
    reasons = dispatch.reasons(item, created + datetime.timedelta(days=8))
    assert any("未报送进展" in r.text for r in reasons)


def test_a_late_task_warns(tree):
    item = make_item(tree.tanchang, tasks=[(1, False)])
    due = item.tasks.get().due_on
    SupervisedNote.objects.create(item=item, text="进展", at=timezone.now())
    dispatch.refresh_warnings(due + datetime.timedelta(days=2), items=SupervisedItem.objects.all())
    item.refresh_from_db()
    assert item.warning in (dispatch.YELLOW, dispatch.RED)
    dispatch.refresh_warnings(due + datetime.timedelta(days=dispatch.WARN_TASK_RED_DAYS + 1))
    item.refresh_from_db()
    assert item.warning == dispatch.RED


def test_staff_outside_the_area_are_kept_out(client, tree, petition):
    item = make_item(tree.tanchang)
    outsider = factories.staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu)
    client.force_login(outsider)
    assert client.get(f"/admin/supervised-items/inspect/{item.pk}/").status_code in (403, 404)
    assert client.get(f"/admin/supervised-items/edit/{item.pk}/").status_code in (403, 404)
    response = client.post(f"/admin/supervised-items/{item.pk}/notes/", {"text": "越权"})
    assert response.status_code == 404
    assert not item.notes.exists()
    # The township discipline committee of the area reads the county's item, not edits it.
    jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    client.force_login(jiwei)
    assert client.get(f"/admin/supervised-items/inspect/{item.pk}/").status_code == 200
    assert client.get(f"/admin/supervised-items/edit/{item.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/supervised-items/{item.pk}/notes/", {"text": "越权"})
    assert not item.notes.exists()


def test_staff_of_the_area_write_notes_from_the_item_page(client, tree, petition):
    item = make_item(tree.tanchang)
    client.force_login(petition)
    page = client.get(f"/admin/supervised-items/inspect/{item.pk}/")
    assert page.status_code == 200 and "报送进展" in page.content.decode()
    client.post(
        f"/admin/supervised-items/{item.pk}/notes/", {"text": "完成入户安装", "public": "on"}
    )
    note = item.notes.get()
    assert note.public and note.by == petition
    listing = client.get("/admin/supervised-items/")
    assert listing.status_code == 200 and "城区管道天然气供应" in listing.content.decode()


def test_the_petition_office_creates_an_item_with_its_task_table(client, tree, petition):
    client.force_login(petition)
    form = client.get("/admin/supervised-items/new/").content.decode()
    assert "阿坞镇" in form and "武都区" not in form  # areas of the user's jurisdiction only
    due = (TODAY + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        "/admin/supervised-items/new/",
        {
            "title": "城区管道天然气供应",
            "source": "inspection",
            "source_detail": "",
            "area": tree.tanchang.pk,
            "description": "巡察发现部分小区未通气。",
            "owner_unit": "县住建局",
            "owner_leader": "王某某",
            "deadline": due,
            "rhythm": "weekly",
            "public_summary": "",
            "tasks-TOTAL_FORMS": "2",
            "tasks-INITIAL_FORMS": "0",
            "tasks-MIN_NUM_FORMS": "1",
            "tasks-MAX_NUM_FORMS": "1000",
            "tasks-0-sort_order": "1",
            "tasks-0-title": "制定改造方案",
            "tasks-0-due_on": due,
            "tasks-0-done_on": TODAY.isoformat(),
            "tasks-0-weight": "1",
            "tasks-0-ORDER": "1",
            "tasks-1-sort_order": "2",
            "tasks-1-title": "完成管网铺设",
            "tasks-1-due_on": due,
            "tasks-1-weight": "1",
            "tasks-1-ORDER": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    item = SupervisedItem.objects.get()
    assert item.created_by == petition and item.tasks.count() == 2
    assert dispatch.percent(item) == 50


def test_the_dashboard_and_the_list_show_red_items(client, tree, petition):
    late = make_item(
        tree.tanchang, title="超期的督办事项", deadline=TODAY - datetime.timedelta(days=3)
    )
    make_item(tree.tanchang, title="按期推进的督办事项")
    dispatch.refresh_warnings(TODAY)
    client.force_login(petition)
    dashboard = client.get("/admin/").content.decode()
    assert "超期的督办事项" in dashboard and "按期推进的督办事项" not in dashboard
    red = client.get("/admin/supervised-items/", {"warning": "red"}).content.decode()
    assert "超期的督办事项" in red and "按期推进的督办事项" not in red
    page = client.get(f"/admin/supervised-items/inspect/{late.pk}/").content.decode()
    assert "已超过办结时限 3 天" in page


def test_a_read_only_role_leaves_no_file_and_an_internal_attachment_is_not_public(
    client, tree, django_user_model
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    from supervision.models import SupervisedItem

    office = factories.staff_user("office_t", Role.COUNTY_PETITION, tree.tanchang)
    auditor = factories.staff_user("auditor_t", Role.AUDITOR, tree.city)
    item = SupervisedItem.objects.create(
        title="村道硬化",
        source="inspection",
        area=tree.tanchang,
        description="说明",
        owner_unit="县交通局",
        owner_leader="王某",
        deadline=datetime.date(2030, 1, 1),
    )
    url = reverse("supervised_items:note", args=[item.pk])
    Document = get_document_model()

    client.force_login(auditor)
    client.post(url, {"text": "x", "attachment": SimpleUploadedFile("x.html", b"<script>")})
    assert not Document.objects.exists() and not item.notes.exists()

    client.force_login(office)
    client.post(url, {"text": "进展", "attachment": SimpleUploadedFile("x.html", b"<script>")})
    assert not Document.objects.exists()  # not an allowed document type
    client.post(url, {"text": "内部进展", "attachment": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    document = Document.objects.get()
    assert CollectionViewRestriction.objects.filter(collection=document.collection).exists()
