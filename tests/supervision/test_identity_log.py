"""身份查看记录: every look at a reporter's identity is a row the auditor (and the city commission)
can read, within their jurisdiction, filtered by case, user and date; nobody edits or deletes
the log through the admin."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from wagtail.permissions import policy_registry

from supervision.models import IdentityAccess
from tests import factories
from tests.factories import UserFactory, staff_user
from villages.models import Role


@pytest.fixture
def looks(tree):
    """阿坞镇's committee and 宕昌县's petition office each look at a real-name case of 西固村;
    武都区's petition office at one of 坪儿上村."""
    jiwei = staff_user("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    wudu = staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu)
    identity = {"real_name": True, "reporter_name": "张某某", "reporter_contact": "13800001234"}
    xigu = factories.complaint(tree.xigu, channel="letter", actor=petition, **identity).case
    pingershang = factories.complaint(tree.pingershang, **identity).case
    return {"jiwei": jiwei, "petition": petition, "wudu": wudu, "xigu": xigu, "ps": pingershang}


def reveal(client, user, case):
    client.force_login(user)
    response = client.post(f"/admin/cases/{case.pk}/")
    assert "张某某" in response.content.decode()


def rows(client, query="") -> list[str]:
    response = client.get("/admin/identity-log/" + query)
    assert response.status_code == 200
    html = response.content.decode().split('id="listing-results"', 1)[-1]
    if "<tbody" not in html:
        return []
    return re.findall(r"<tr\b.*?</tr>", html.split("<tbody", 1)[1], re.S)


def test_each_reveal_is_one_row_the_auditor_reads(client, tree, looks):
    reveal(client, looks["jiwei"], looks["xigu"])
    reveal(client, looks["petition"], looks["xigu"])
    reveal(client, looks["petition"], looks["xigu"])
    assert IdentityAccess.objects.count() == 3

    client.force_login(staff_user("auditor_longnan", Role.AUDITOR, tree.city))
    html = client.get("/admin/identity-log/").content.decode()
    assert "身份查看记录" in html
    listed = rows(client)
    assert len(listed) == 3
    assert sum("jiwei_awu" in r for r in listed) == 1
    assert sum("petition_tanchang" in r for r in listed) == 2
    assert all(looks["xigu"].number in r and "案件页面" in r for r in listed)
    assert "乡镇纪委" in html and "县纪委监委信访室" in html
    # The log names who looked, never what they saw.
    assert "张某某" not in html and "13800001234" not in html


def test_the_log_filters_by_case_user_and_date(client, tree, looks):
    reveal(client, looks["jiwei"], looks["xigu"])
    # A look 40 days ago (the log cannot be edited, so it is written with its time).
    IdentityAccess.objects.create(
        case=looks["ps"],
        user=looks["wudu"],
        at=timezone.now() - timezone.timedelta(days=40),
        context="案件页面",
    )
    client.force_login(staff_user("city_longnan", Role.CITY_DISCIPLINE, tree.city))
    assert len(rows(client)) == 2
    assert len(rows(client, f"?case={looks['ps'].number}")) == 1
    assert len(rows(client, f"?user={looks['jiwei'].pk}")) == 1
    today = timezone.localdate().isoformat()
    assert len(rows(client, f"?at_from={today}&at_to={today}")) == 1
    assert "petition_wudu" in client.get("/admin/identity-log/").content.decode()


def test_an_auditor_reads_only_the_looks_at_cases_of_their_jurisdiction(client, tree, looks):
    reveal(client, looks["jiwei"], looks["xigu"])
    reveal(client, looks["wudu"], looks["ps"])
    client.force_login(staff_user("auditor_wudu", Role.AUDITOR, tree.wudu))
    listed = rows(client)
    assert len(listed) == 1 and looks["ps"].number in listed[0]
    # The user filter offers only those whose looks the auditor may read.
    html = client.get("/admin/identity-log/").content.decode()
    assert "petition_wudu" in html and "jiwei_awu" not in html


@pytest.mark.parametrize(
    ("role", "node"),
    [
        (Role.TOWNSHIP_EDITOR, "awu"),
        (Role.TOWNSHIP_DISCIPLINE, "awu"),
        (Role.STATION_OPERATOR, "awu_village"),
        (Role.COUNTY_PETITION, "tanchang"),
        (Role.LEADER, "tanchang"),
    ],
)
def test_other_roles_have_no_identity_log(client, tree, looks, role, node):
    reveal(client, looks["jiwei"], looks["xigu"])
    client.force_login(staff_user("someone", role, getattr(tree, node)))
    assert "/admin/identity-log/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/identity-log/").status_code == 302


def test_the_log_cannot_be_changed_through_the_admin(client, tree, looks):
    reveal(client, looks["jiwei"], looks["xigu"])
    row = IdentityAccess.objects.get()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert len(rows(client)) == 1
    for url in (
        "/admin/identity-log/new/",
        f"/admin/identity-log/edit/{row.pk}/",
        f"/admin/identity-log/delete/{row.pk}/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code in (403, 404, 405)
    policy = policy_registry.get_by_type(IdentityAccess)
    assert not any(policy.user_has_permission(admin, a) for a in ("add", "change", "delete"))
    assert IdentityAccess.objects.count() == 1


def test_the_log_export_names_case_and_user_only(client, tree, looks):
    reveal(client, looks["petition"], looks["xigu"])
    client.force_login(staff_user("auditor_longnan", Role.AUDITOR, tree.city))
    response = client.get("/admin/identity-log/?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0] == "查看时间,案件,查看人,角色,查看场合"
    assert looks["xigu"].number in text and "petition_tanchang" in text
    assert "张某某" not in text and "13800001234" not in text
