"""Review that shows what changed: the editor's 提交审核, the reviewer's comparison with
批准并发布 and 退回修改, the answer on both dashboards and by e-mail (issue 7 part 2)."""

import re

import pytest
from django.core import mail
from wagtail.models import Page, WorkflowState

from portal.base.revisions import ensure_live_revisions
from tests.factories import staff_user
from tests.villages.test_moderation import submit_change
from villages.models import Role


@pytest.fixture
def people(tree):
    editor = staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu)
    editor.email = "editor@example.invalid"
    editor.save()
    return {
        "editor": editor,
        "jiwei": staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "other_jiwei": staff_user("other", Role.TOWNSHIP_DISCIPLINE, tree.puchi),
    }


def footer_actions(html: str) -> list[str]:
    """The page's action menu, in the order shown: the main button first."""
    footer = html[html.index('<footer class="footer') :]
    return re.findall(r'(?:name="(action-[a-z-]+)"|href="(/admin/review/\d+/)")', footer)


def first_action(html: str) -> str:
    name, href = footer_actions(html)[0]
    return name or href


def test_the_editors_main_button_is_a_plain_submit_for_review(client, tree, people):
    client.force_login(people["editor"])
    html = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    assert first_action(html) == "action-submit"
    assert ">提交审核<" in html.replace("</svg>", ">")
    assert "公开内容审核" not in html[html.index('<footer class="footer') :]


def test_the_reviewer_opens_the_comparison_first_and_risky_actions_come_last(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")

    client.force_login(people["jiwei"])
    html = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    actions = [name or href for name, href in footer_actions(html)]
    assert actions[0] == f"/admin/review/{tree.awu_village.pk}/"
    assert "查看改动并审核" in html
    for risky in ("action-unpublish", "action-cancel-workflow"):
        if risky in actions:
            assert actions.index(risky) > 1, actions


def test_the_review_screen_shows_the_change_and_the_two_decisions(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")

    client.force_login(people["jiwei"])
    dashboard = client.get("/admin/").content.decode()
    review_url = f"/admin/review/{tree.awu_village.pk}/"
    assert review_url in dashboard and "查看改动" in dashboard

    html = client.get(review_url).content.decode()
    comparison = html[html.index('class="comparison') :]
    assert "5606205" in comparison and "5600000" in comparison  # old → new, side by side
    assert "批准并发布" in html and "退回修改" in html
    assert "预览待审核的页面" in html


def test_approving_publishes_says_so_and_tells_the_editor(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")
    mail.outbox.clear()

    client.force_login(people["jiwei"])
    response = client.post(
        f"/admin/review/{tree.awu_village.pk}/", {"action": "approve"}, follow=True
    )
    assert "已批准并发布" in response.content.decode()
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5600000"
    assert [message.to for message in mail.outbox] == [["editor@example.invalid"]]

    client.force_login(people["editor"])
    dashboard = client.get("/admin/").content.decode()
    assert "我提交的审核结果" in dashboard
    assert "已批准并发布" in dashboard and tree.awu_village.title in dashboard


def test_sending_back_needs_a_reason_and_the_editor_reads_it(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")
    review_url = f"/admin/review/{tree.awu_village.pk}/"

    client.force_login(people["jiwei"])
    response = client.post(review_url, {"action": "reject", "comment": ""}, follow=True)
    assert "请写明要改什么" in response.content.decode()
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS

    client.post(review_url, {"action": "reject", "comment": "电话号码写错了"})
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(people["editor"])
    dashboard = client.get("/admin/").content.decode()
    assert "已退回修改" in dashboard and "电话号码写错了" in dashboard
    html = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    assert "重新提交审核" in html


def test_another_townships_committee_cannot_decide(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")

    client.force_login(people["other_jiwei"])
    response = client.post(f"/admin/review/{tree.awu_village.pk}/", {"action": "approve"})
    assert response.status_code in (302, 403)
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.station_phone == "0939-5606205"
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_the_preview_under_review_is_marked_and_links_back(client, tree, people):
    client.force_login(people["editor"])
    submit_change(client, tree.awu_village, station_phone="0939-5600000")
    state = WorkflowState.objects.get()

    client.force_login(people["jiwei"])
    task_id = state.current_task_state.task_id
    url = f"/admin/pages/workflow/preview/{tree.awu_village.pk}/{task_id}/"
    html = client.get(url).content.decode()
    assert "预览·待审核" in html
    assert f'href="/admin/review/{tree.awu_village.pk}/"' in html
    assert "预览·待审核" not in client.get(tree.awu_village.url).content.decode()


def test_a_new_page_is_not_autosaved_while_being_filled_in(client, tree, people):
    client.force_login(people["editor"])
    html = client.get(f"/admin/pages/add/villages/villagepage/{tree.awu.pk}/").content.decode()
    assert "data-w-autosave-interval-value" not in html
    edit = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    assert "data-w-autosave-interval-value" in edit  # editing keeps Wagtail's autosave


def test_every_live_page_gets_one_live_revision_once(tree):
    assert Page.objects.filter(live=True, depth__gt=1, live_revision__isnull=True).exists()
    created = ensure_live_revisions()
    assert created > 0
    assert not Page.objects.filter(live=True, live_revision__isnull=True).exists()
    tree.awu_village.refresh_from_db()
    assert tree.awu_village.live_revision.as_object().station_phone == "0939-5606205"
    assert ensure_live_revisions() == 0
