"""The audit log of staff actions (操作日志): what is recorded, what is not, and who reads it."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse

from tests import factories
from villages.models import Role, StaffAction
from villages.services import audit

LOGIN = "/admin/login/"
LOG = "/admin/staff-actions/"
PASSWORD = "correct-horse-42"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def people(tree):
    found = {
        "auditor": factories.staff_user("auditor_city", Role.AUDITOR, tree.city, PASSWORD),
        "auditor_wudu": factories.staff_user("auditor_wudu", Role.AUDITOR, tree.wudu, PASSWORD),
        "editor": factories.staff_user("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu, PASSWORD),
        "editor_puchi": factories.staff_user(
            "editor_puchi", Role.TOWNSHIP_EDITOR, tree.puchi, PASSWORD
        ),
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang, PASSWORD),
    }
    _with_password(found["editor"])
    return found


def actions(**filters):
    return list(StaffAction.objects.filter(**filters).order_by("pk"))


def after_sign_in(**filters):
    """The rows after the sign-in (the test client's force_login is recorded as one)."""
    return [row for row in actions(**filters) if row.action != audit.LOGIN]


def no_password_anywhere():
    for row in StaffAction.objects.all():
        text = repr(
            [row.username, row.path, row.view_name, row.object_repr, row.detail, row.method]
        )
        assert PASSWORD not in text and "wrong-pass" not in text


def test_sign_in_sign_out_and_failed_sign_in_are_recorded(client, people):
    client.post(LOGIN, {"username": "editor_awu", "password": "wrong-pass"})
    client.post(LOGIN, {"username": "wrong-pass", "password": PASSWORD})  # name box mix-up
    client.post(LOGIN, {"username": "editor_awu", "password": PASSWORD})
    client.post("/admin/logout/")

    failed = actions(action=audit.LOGIN_FAILED)
    assert [row.username for row in failed] == ["editor_awu", "wr***"]
    # An attempt on a real account counts for that account's area; the other names nobody.
    assert failed[0].user == people["editor"] and failed[0].role == Role.TOWNSHIP_EDITOR
    assert failed[1].user is None and failed[1].jurisdiction is None
    assert failed[0].ip_address == "127.0.0.1"
    login = actions(action=audit.LOGIN)
    assert [(r.user, r.jurisdiction.title) for r in login] == [(people["editor"], "阿坞镇")]
    assert [r.user for r in actions(action=audit.LOGOUT)] == [people["editor"]]
    no_password_anywhere()


def test_an_admin_post_is_recorded_with_its_status_and_a_page_view_is_not(client, people, tree):
    client.force_login(people["editor"])
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{tree.xigu.pk}/edit/").status_code == 200
    assert after_sign_in() == []

    response = client.post(
        f"/admin/pages/{tree.xigu.pk}/lock/", {"next": "/admin/"}, HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    (row,) = after_sign_in()
    assert row.action == audit.CHANGE and row.method == "POST"
    assert row.user == people["editor"] and row.username == "editor_awu"
    assert row.status_code == response.status_code
    assert row.view_name == "wagtailadmin_pages:lock"
    assert row.object_repr == f"page_id={tree.xigu.pk}"
    assert row.path == f"/admin/pages/{tree.xigu.pk}/lock/"
    assert row.ip_address == "127.0.0.1"  # not the forged header: no trusted proxy here
    assert row.detail == {}


def test_a_ledger_export_is_recorded_as_a_download(client, people, tree, settings, tmp_path):
    settings.LEDGER_EXPORT_DIR = tmp_path / "exports"
    client.force_login(people["petition"])
    response = client.post("/admin/ledger/export/", {"format": "csv"})
    assert response.status_code == 200
    (row,) = after_sign_in()
    assert row.action == audit.DOWNLOAD and row.view_name == "supervision_ledger:export"
    assert row.status_code == 200 and row.user == people["petition"]

    # A list's own export (?export=) is a download too; looking at the list is not.
    client.get("/admin/cases/")
    client.get("/admin/cases/?export=csv")
    downloads = actions(action=audit.DOWNLOAD)
    assert [(r.view_name, r.detail) for r in downloads][1:] == [("cases:index", {"export": "csv"})]


def test_a_failure_to_write_never_breaks_the_request(client, people, tree, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    client.force_login(people["editor"])
    monkeypatch.setattr(StaffAction, "save", broken)
    response = client.post(f"/admin/pages/{tree.xigu.pk}/lock/", {"next": "/admin/"})
    assert response.status_code == 302
    assert StaffAction.objects.filter(action=audit.CHANGE).count() == 0


def _listed_usernames(response) -> set[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    return {row["登录名"] for row in rows}


def test_the_auditor_reads_the_log_of_their_jurisdiction_only(client, people):
    for user in people.values():
        audit.record(audit.LOGIN, user=user)
    audit.record(audit.LOGIN_FAILED, username="zz***")

    client.force_login(people["auditor_wudu"])
    page = client.get(LOG)
    assert page.status_code == 200
    text = page.content.decode()
    assert "操作日志" in text and "editor_puchi" in text and "editor_awu" not in text
    assert _listed_usernames(client.get(LOG + "?export=csv")) == {"editor_puchi", "auditor_wudu"}

    client.force_login(people["auditor"])
    listed = _listed_usernames(client.get(LOG + "?export=csv"))
    assert listed == {
        "auditor_city", "auditor_wudu", "editor_awu", "editor_puchi", "petition"
    }  # fmt: skip
    # Filters and search.
    assert client.get(LOG, {"action": audit.LOGIN, "q": "puchi"}).status_code == 200
    found = client.get(LOG, {"action": audit.LOGIN, "q": "puchi", "export": "csv"})
    assert _listed_usernames(found) == {"editor_puchi"}
    found = client.get(LOG, {"action": audit.LOGIN_FAILED, "export": "csv"})
    assert _listed_usernames(found) == set()  # the failure names no account of the city
    xlsx = client.get(LOG + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_the_log_is_in_the_auditors_menu_only(client, people, admin):
    client.force_login(people["auditor"])
    assert LOG in client.get("/admin/").content.decode()
    for who in ("editor", "petition"):
        client.force_login(people[who])
        assert client.get(LOG).status_code in (302, 403)
        assert LOG not in client.get("/admin/").content.decode()
    client.force_login(admin)
    assert client.get(LOG).status_code == 200


def test_nobody_can_add_edit_or_delete_a_row(client, people, admin):
    row = audit.record(audit.LOGIN, user=people["editor"])
    for user in (people["auditor"], admin):
        client.force_login(user)
        for url in (f"{LOG}add/", f"{LOG}edit/{row.pk}/", f"{LOG}delete/{row.pk}/"):
            assert client.get(url).status_code == 404
            assert client.post(url, {"username": "x"}).status_code == 404
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    with pytest.raises(ValidationError):
        StaffAction.objects.update(username="x")
    assert StaffAction.objects.get(pk=row.pk).username == "editor_awu"
    assert reverse("staff_actions:index") == LOG
