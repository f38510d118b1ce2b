"""The case page's handling: the buttons are exactly workflow.available() for the user, each form
posts one transition (errors next to the fields, what was typed kept), a double submit writes
once, the clock is at the top, repeats are confirmed or rejected, leaders and flags set."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from supervision.models import CaseEvent, Complaint, RepeatCandidate
from supervision.services import workflow
from tests import factories
from tests.factories import staff_user
from villages.models import Role

State = Complaint.State
SUMMARY_RE = re.compile(r'<summary class="button[^"]*">([^<]+)</summary>')


@pytest.fixture
def people(tree):
    return {
        "petition": staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": staff_user("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": staff_user("leader_tanchang", Role.LEADER, tree.tanchang),
        "auditor": staff_user("auditor", Role.AUDITOR, tree.city),
        "station": staff_user("station_xigu", Role.STATION_OPERATOR, tree.xigu),
        "wudu": staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu),
    }


@pytest.fixture
def case(tree, people):
    """A new case for 西固村, logged by its station (so the operator sees it too)."""
    return factories.complaint(
        tree.xigu,
        channel="station",
        actor=people["station"],
        intake_mode="visit",
        consent_recorded=True,
        description="西固村三组低保评定没有张榜公示。",
    ).case


def page(client, case) -> str:
    response = client.get(f"/admin/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def act(client, case, name, follow=False, **data):
    fields = {f"{name}-{key}": value for key, value in data.items()}
    return client.post(f"/admin/cases/{case.pk}/act/{name}/", fields, follow=follow)


def buttons(html: str) -> set[str]:
    return set(SUMMARY_RE.findall(html))


def accepted_and_assigned(client, case, people):
    client.force_login(people["petition"])
    act(client, case, "accept")
    act(client, case, "assign", unit="阿坞镇纪委", handler=people["jiwei"].pk)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("petition", {"受理", "不予受理", "转办"}),
        ("jiwei", set()),
        ("auditor", set()),
        ("station", set()),
    ],
)
def test_the_buttons_are_what_the_user_may_do_now(client, case, people, name, expected):
    user = people[name]
    client.force_login(user)
    html = page(client, case)
    assert buttons(html) == expected
    assert expected == {str(t.label) for t in workflow.available(user, case)}
    if not expected:
        assert "case-actions-title" not in html and "确认" not in html


def test_the_handler_sees_start_and_feedback_once_the_case_is_theirs(client, case, people):
    accepted_and_assigned(client, case, people)
    client.force_login(people["jiwei"])
    assert buttons(page(client, case)) == {"开始办理", "阶段反馈"}


def test_accept_then_assign_moves_the_case_and_the_page_shows_handler_and_deadline(
    client, case, people
):
    client.force_login(people["petition"])
    assert client.post(f"/admin/cases/{case.pk}/act/approve_all/").status_code == 404
    response = act(client, case, "accept", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/admin/cases/{case.pk}/"
    assert "已受理。" in html
    case.refresh_from_db()
    assert case.state == State.ACCEPTED

    response = act(
        client, case, "assign", follow=True, unit="阿坞镇纪委", handler=people["jiwei"].pk
    )
    html = response.content.decode()
    case.refresh_from_db()
    assert case.state == State.ASSIGNED and case.handler == people["jiwei"]
    assert "已交办。" in html and "阿坞镇纪委" in html and "jiwei_awu" in html
    due = timezone.localdate() + datetime.timedelta(days=60)
    clock = html.split('id="case-clock-title"', 1)[1].split("</section>", 1)[0]
    assert "办结" in clock and f"{due:%Y-%m-%d} 前" in clock and "还剩 60 日" in clock


def test_a_missing_public_text_keeps_what_was_typed_and_says_what_is_missing(client, case, people):
    client.force_login(people["petition"])
    response = act(client, case, "not_accept", public_text="  ", internal_text="电话核实过")
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写公开说明（反映人会看到）。" in html
    assert re.search(r'<details class="sv-action" id="action-not_accept" open>', html)
    assert re.search(r"<textarea[^>]*not_accept-internal_text[^>]*>\s*电话核实过</textarea>", html)
    case.refresh_from_db()
    assert case.state == State.REGISTERED
    assert not case.events.filter(kind=CaseEvent.Kind.STATE).exists()


def test_a_wrong_handler_is_refused_next_to_the_field(client, case, people):
    client.force_login(people["petition"])
    act(client, case, "accept")
    response = act(client, case, "assign", unit="", handler=people["leader"].pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请填写承办单位。" in html and "请选择管辖此村的纪检监察工作人员作为承办人。" in html
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_a_user_who_cannot_see_the_case_gets_404_and_nothing_is_written(client, case, people):
    client.force_login(people["wudu"])
    assert client.get(f"/admin/cases/{case.pk}/").status_code == 404
    assert act(client, case, "accept").status_code == 404
    for path in ("leader/", "flags/hard_case/"):
        assert client.post(f"/admin/cases/{case.pk}/{path}", {"value": "1"}).status_code == 404
    case.refresh_from_db()
    assert case.state == State.REGISTERED and not case.hard_case
    assert case.events.count() == 1  # the intake's own


@pytest.mark.parametrize("name", ["jiwei", "auditor"])
def test_a_forbidden_action_posted_directly_is_refused_with_the_reason(client, case, people, name):
    client.force_login(people[name])
    response = act(client, case, "accept", follow=True)
    assert "您的角色不能对此件受理。" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.REGISTERED and case.events.count() == 1


def test_a_double_posted_form_writes_once(client, case, people):
    accepted_and_assigned(client, case, people)
    client.force_login(people["jiwei"])
    html = page(client, case)
    token = re.search(r'name="feedback-token" value="([0-9a-f]{32})"', html).group(1)
    for _ in range(2):
        response = act(client, case, "feedback", public_text="已到村核实名单。", token=token)
        assert response.status_code == 302
    assert case.events.filter(kind=CaseEvent.Kind.FEEDBACK).count() == 1
    # A new form (a new token) is a new feedback.
    act(client, case, "feedback", public_text="已约谈村干部。", token="f" * 32)
    assert case.events.filter(kind=CaseEvent.Kind.FEEDBACK).count() == 2
    # A state change posted twice: the second finds the first, and says it is done.
    act(client, case, "start", token="a" * 32)
    response = act(client, case, "start", token="a" * 32, follow=True)
    assert "已开始办理。" in response.content.decode()
    assert case.events.filter(to_state=State.IN_PROGRESS).count() == 1


def test_the_clock_shows_warning_extension_and_return_visit(client, case, people):
    accepted_and_assigned(client, case, people)
    jiwei = people["jiwei"]
    workflow.perform(jiwei, case, "start")
    client.force_login(jiwei)
    act(client, case, "extend", days="30", approver=people["leader"].pk, public_text="需调取流水。")
    case.refresh_from_db()
    assert case.state == State.EXTENDED and case.extension_days == 30
    html = page(client, case)
    assert "30 日，leader_tanchang批准" in html

    act(client, case, "conclude", public_text="经核实，已补评。")
    act(client, case, "return_visit", result="satisfied", method="phone")
    html = page(client, case)
    assert "可申请复查至" in html and "电话回访" in html and "满意" in html
    assert case.return_visits.count() == 1


def test_a_late_case_shows_the_red_tag_and_days_overdue(client, tree, people):
    received = timezone.localdate() - datetime.timedelta(days=120)
    case = factories.complaint(tree.xigu, received_on=received).case
    client.force_login(people["petition"])
    html = page(client, case)
    assert "红色预警（已超期）" in html and re.search(r"已超期 \d+ 日", html)


def test_repeats_are_confirmed_or_rejected_on_the_page(client, tree, people):
    def named(text):
        return factories.complaint(
            tree.xigu,
            real_name=True,
            reporter_name="张某某",
            reporter_contact="13800001234",
            description=text,
        ).case

    first, second, third = named("低保评定不公。"), named("低保评定仍不公。"), named("又来反映。")
    client.force_login(people["petition"])
    html = page(client, third)
    assert "疑似重复件" in html and first.number in html and second.number in html
    assert "同一反映人" in html and "确认重复" in html

    to_first = third.repeat_candidates.get(earlier=first)
    to_second = third.repeat_candidates.get(earlier=second)
    url = f"/admin/cases/{third.pk}/repeats/"
    client.post(f"{url}{to_second.pk}/", {"decision": "reject"})
    response = client.post(f"{url}{to_first.pk}/", {"decision": "confirm"}, follow=True)
    html = response.content.decode()
    assert f'重复件，首件：<a href="/admin/cases/{first.pk}/">{first.number}</a>' in html
    assert "确认重复" not in html  # nothing left to decide
    to_first.refresh_from_db(), to_second.refresh_from_db()
    assert to_first.status == RepeatCandidate.Status.CONFIRMED
    assert to_second.status == RepeatCandidate.Status.REJECTED
    # Clicked again: nothing more is written.
    client.post(f"{url}{to_first.pk}/", {"decision": "reject"})
    to_first.refresh_from_db()
    assert to_first.status == RepeatCandidate.Status.CONFIRMED
    assert third.events.filter(kind=CaseEvent.Kind.REPEAT).count() == 2

    # The handler may not decide: no buttons, and a direct post is refused.
    client.force_login(people["jiwei"])
    fourth = named("第四次反映。")
    assert "确认重复" not in page(client, fourth) and "疑似重复件" in page(client, fourth)
    candidate = fourth.repeat_candidates.first()
    response = client.post(
        f"/admin/cases/{fourth.pk}/repeats/{candidate.pk}/", {"decision": "confirm"}, follow=True
    )
    assert "只有信访室可以认定重复件。" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == RepeatCandidate.Status.SUGGESTED


def test_a_leader_is_assigned_and_a_flag_toggled(client, case, people):
    petition, leader = people["petition"], people["leader"]
    client.force_login(petition)
    url = f"/admin/cases/{case.pk}/"
    response = client.post(url + "leader/", {"leader-leader": leader.pk, "leader-note": "重点"})
    html = response.content.decode()
    assert response.status_code == 200 and "请选择包案层级。" in html
    assert re.search(rf'<option value="{leader.pk}" selected>', html)

    response = client.post(
        url + "leader/",
        {"leader-leader": leader.pk, "leader-level": "county", "leader-note": "重点"},
        follow=True,
    )
    html = response.content.decode()
    assert "已由leader_tanchang包案。" in html and "leader_tanchang（县级）" in html
    case.refresh_from_db()
    assert case.owner_leader == leader and case.owner_level == "county"

    response = client.post(url + "flags/hard_case/", {"value": "1"}, follow=True)
    html = response.content.decode()
    assert "已标记为骨头案。" in html and "取消骨头案标记" in html
    assert '<span class="sv-tag sv-tag--flag">骨头案</span>' in html
    client.post(url + "flags/hard_case/", {"value": "0"})
    case.refresh_from_db()
    assert not case.hard_case
    assert case.events.filter(kind=CaseEvent.Kind.FLAG).count() == 2


def test_only_those_ownership_allows_see_the_leader_and_flag_controls(client, case, people):
    client.force_login(people["jiwei"])
    assert "包案与标记" not in page(client, case)
    response = client.post(f"/admin/cases/{case.pk}/flags/hard_case/", {"value": "1"}, follow=True)
    assert "只有信访室可以办理此项。" in response.content.decode()
    case.refresh_from_db()
    assert not case.hard_case


@pytest.mark.parametrize("action,field", [("extend", "days"), ("leader", "leader")])
def test_a_superscript_digit_is_an_error_not_a_crash(client, case, people, action, field):
    """ "²".isdigit() is true but int("²") fails: such input gets the field's message."""
    petition, jiwei = people["petition"], people["jiwei"]
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    workflow.perform(jiwei, case, "start")
    client.force_login(petition)
    if action == "extend":
        response = act(client, case, "extend", days="²", approver=str(people["leader"].pk))
    else:
        response = client.post(
            f"/admin/cases/{case.pk}/leader/", {"leader-leader": "²", "leader-level": "county"}
        )
    assert response.status_code == 200
    assert "请选择" in response.content.decode() or "延期天数" in response.content.decode()
    assert not case.events.filter(kind__in=["owner"]).exists()
