"""Raw values of a disclosure's rows (issue 10, part 3): staff see the rows masked as the public
does; the roles that check lists open one row's raw values only with a reason, and every look is
logged; anyone else never sees the button and gets 403; auditors read the log."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from disclosures.affairs_models import RawValueAccess
from tests import factories
from tests.factories import staff_user
from villages.models import Role


@pytest.fixture
def subsidy(tree):
    return factories.disclosure(
        tree.awu_village, kind="subsidy", rows=factories.subsidy_values(60), title="补贴公开"
    )


def rows_url(page, n=None):
    url = reverse("disclosures_affairs_rows", args=[page.pk])
    return f"{url}?p={n}" if n else url


def raw_url(page, line):
    return reverse("disclosures_affairs_raw", args=[page.pk, line])


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_rows_are_masked_paginated_and_offer_the_check_to_the_township(
    client, tree, subsidy, editor
):
    client.force_login(editor)
    first = text(client.get(rows_url(subsidy)))
    assert "共 60 行" in first and "第 1 / 2 页" in first
    assert "张*明" in first and "张三明" not in first
    assert "621026198001010" not in first  # no ID number anywhere in the table
    assert "核对原始信息" in first and raw_url(subsidy, 1) in first
    second = text(client.get(rows_url(subsidy, 2)))
    assert raw_url(subsidy, 51) in second and raw_url(subsidy, 1) not in second


def test_reading_raw_values_needs_a_reason_and_every_look_is_logged(client, tree, subsidy, editor):
    client.force_login(editor)
    form = client.get(raw_url(subsidy, 1))
    assert form.status_code == 200 and "张三明" not in text(form)
    assert "no-store" in form["Cache-Control"]

    refused = client.post(raw_url(subsidy, 1), {"reason": "  "})
    assert "请写明查看事由" in text(refused) and "张三明" not in text(refused)
    assert RawValueAccess.objects.count() == 0

    shown = client.post(raw_url(subsidy, 1), {"reason": "核对发放对象"})
    body = text(shown)
    assert "张三明" in body and "62102619800101000X" in body and "身份证号" in body
    assert "no-store" in shown["Cache-Control"]
    client.post(raw_url(subsidy, 2), {"reason": "村民反映"})
    log = list(RawValueAccess.objects.order_by("viewed_at", "pk"))
    assert [(a.user_id, a.line, a.reason) for a in log] == [
        (editor.pk, 1, "核对发放对象"),
        (editor.pk, 2, "村民反映"),
    ]
    assert log[0].table_id == subsidy.table_id


@pytest.mark.parametrize(
    "role, where",
    [
        (Role.COUNTY_PETITION, "tanchang"),
        (Role.TOWNSHIP_DISCIPLINE, "awu"),
    ],
)
def test_other_checking_roles_of_the_jurisdiction_may_read(client, tree, subsidy, role, where):
    client.force_login(staff_user(f"u_{role}", role, getattr(tree, where)))
    assert "张三明" in text(client.post(raw_url(subsidy, 1), {"reason": "核对"}))
    assert RawValueAccess.objects.count() == 1


@pytest.mark.parametrize(
    "role, where",
    [
        (Role.STATION_OPERATOR, "awu_village"),  # the village's own people: maybe the accused
        (Role.TOWNSHIP_EDITOR, "hadapu"),  # another township
        (Role.COUNTY_PETITION, "wudu"),  # another county
        (Role.AUDITOR, "city"),  # reads the log, not the values
        (Role.LEADER, "tanchang"),
    ],
)
def test_everyone_else_gets_403_and_no_button(client, tree, subsidy, role, where):
    client.force_login(staff_user(f"u_{role}", role, getattr(tree, where)))
    rows = client.get(rows_url(subsidy))
    assert rows.status_code in (200, 403)
    assert "核对原始信息" not in text(rows)
    assert client.get(raw_url(subsidy, 1)).status_code == 403
    refused = client.post(raw_url(subsidy, 1), {"reason": "看看"})
    assert refused.status_code == 403 and "张三明" not in text(refused)
    assert RawValueAccess.objects.count() == 0


def test_rows_of_another_jurisdiction_are_refused(client, tree, subsidy):
    client.force_login(staff_user("editor_hadapu", Role.TOWNSHIP_EDITOR, tree.hadapu))
    assert client.get(rows_url(subsidy)).status_code == 403


def test_auditor_reads_the_log_within_jurisdiction(client, tree, subsidy, editor):
    client.force_login(editor)
    client.post(raw_url(subsidy, 3), {"reason": "核对银行卡号"})
    log_url = reverse("raw_value_access:index")

    auditor = staff_user("auditor_city", Role.AUDITOR, tree.city)
    client.force_login(auditor)
    body = text(client.get(log_url))
    assert "editor_awu" in body and "阿坞村" in body and "核对银行卡号" in body
    assert "补贴公开（2026年第3季度）" in body

    outsider = staff_user("auditor_wudu", Role.AUDITOR, tree.wudu)
    client.force_login(outsider)
    assert "核对银行卡号" not in text(client.get(log_url))

    client.force_login(editor)
    refused = client.get(log_url)
    assert refused.status_code in (302, 403) and "核对银行卡号" not in text(refused)
