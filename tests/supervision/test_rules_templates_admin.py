"""设置 → 办理时限 and 通知模板: edited (never added or deleted) by the city commission; a template
names only the placeholders its notice is filled with; a changed rule moves open cases'
deadlines once the worker ran, and every new case's (issue 9, brief C item 2)."""

from __future__ import annotations

import datetime

import pytest

from supervision.models import DeadlineRule, MessageTemplate
from supervision.services import notices
from tests import factories
from villages.models import Role


@pytest.fixture
def city(tree):
    return factories.staff_user("city_longnan", Role.CITY_DISCIPLINE, tree.city)


def edit_template(client, code, text):
    template = MessageTemplate.objects.get(code=code)
    return client.post(f"/admin/message-templates/edit/{template.pk}/", {"text": text})


def edit_rule(client, rule, **changes):
    data = {"days": rule.days, "unit": rule.unit, "starts": rule.starts, "basis": rule.basis}
    return client.post(f"/admin/deadline-rules/edit/{rule.pk}/", {**data, **changes})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("您反映的问题（编号{number}）已受理，承办人{handler}。", "未知的占位符 {handler}"),
        ("您反映的问题（编号{number）已受理。", "“{”没有对应的“}”"),
        ("您反映的问题}已受理。", "“}”没有对应的“{”"),
    ],
    ids=["unknown placeholder", "unclosed brace", "stray closing brace"],
)
def test_a_template_with_a_wrong_placeholder_is_refused_and_kept(client, city, text, message):
    client.force_login(city)
    before = MessageTemplate.objects.get(code="accepted").text
    response = edit_template(client, "accepted", text)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert text in body  # what was typed stays in the form
    assert MessageTemplate.objects.get(code="accepted").text == before


def test_a_staff_warning_may_not_use_a_complainant_s_placeholder(client, city):
    client.force_login(city)
    response = edit_template(client, "warning_red", "信访件{number}已超期，回执码{code}。")
    assert "未知的占位符 {code}" in response.content.decode()


def test_an_edited_template_is_what_the_next_notice_says(client, city):
    client.force_login(city)
    text = "您反映的问题（编号{number}）已于{date}受理，{{请保存回执}}。"
    response = edit_template(client, "accepted", text)
    assert response.status_code == 302
    assert "之后发出的通知使用新内容" in client.get(response["Location"]).content.decode()
    rendered = notices.render("accepted", number="X-1", date="2026-11-27")
    assert rendered == "您反映的问题（编号X-1）已于2026-11-27受理，{请保存回执}。"


def test_editing_a_rule_moves_open_and_new_deadlines(
    client, tree, city, django_capture_on_commit_callbacks
):
    open_case = factories.complaint(tree.xigu).case  # a petition: 15 calendar days to decide
    assert open_case.due_date == open_case.received_on + datetime.timedelta(days=15)
    rule = DeadlineRule.objects.get(code="acceptance", case_kind="")
    client.force_login(city)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_rule(client, rule, days=10)
    assert response.status_code == 302
    assert (
        "在办件的期限将在几分钟内按新规定重新计算"
        in client.get(response["Location"]).content.decode()
    )
    open_case.refresh_from_db()
    assert open_case.due_date == open_case.received_on + datetime.timedelta(days=10)
    new_case = factories.complaint(tree.xigu).case
    assert new_case.due_date == new_case.received_on + datetime.timedelta(days=10)


@pytest.mark.parametrize("days", [0, 366])
def test_a_rule_s_days_stay_between_1_and_365(client, city, days):
    rule = DeadlineRule.objects.get(code="acceptance", case_kind="")
    client.force_login(city)
    response = edit_rule(client, rule, days=days)
    assert "天数应为 1 到 365 之间的整数" in response.content.decode()
    rule.refresh_from_db()
    assert rule.days == 15


def test_rules_and_templates_are_neither_added_nor_deleted(client, city, admin):
    rule = DeadlineRule.objects.first()
    template = MessageTemplate.objects.first()
    for user in (city, admin):
        client.force_login(user)
        listing = client.get("/admin/deadline-rules/").content.decode()
        assert "告知是否受理" in listing and "/admin/deadline-rules/new/" not in listing
        assert client.get("/admin/deadline-rules/new/").status_code == 404
        assert client.post(f"/admin/deadline-rules/delete/{rule.pk}/").status_code == 404
        assert client.get("/admin/message-templates/new/").status_code == 404
        assert client.post(f"/admin/message-templates/delete/{template.pk}/").status_code == 404
    assert DeadlineRule.objects.filter(pk=rule.pk).exists()
    assert MessageTemplate.objects.filter(pk=template.pk).exists()


@pytest.mark.parametrize(
    ("role", "node"),
    [(Role.STATION_OPERATOR, "awu_village"), (Role.TOWNSHIP_EDITOR, "awu")],
)
def test_other_roles_cannot_edit_rules_or_templates(client, tree, role, node):
    client.force_login(factories.staff_user("someone", role, getattr(tree, node)))
    rule = DeadlineRule.objects.get(code="acceptance", case_kind="")
    assert client.get("/admin/deadline-rules/").status_code == 302
    assert edit_rule(client, rule, days=1).status_code == 302
    assert edit_template(client, "accepted", "改了").status_code == 302
    rule.refresh_from_db()
    assert rule.days == 15
    assert MessageTemplate.objects.get(code="accepted").text != "改了"
