"""Deleting a staff user: one that kept records name (the audit log, case history…) is kept, and
the superuser is told why and how to deactivate the account instead, never a server error."""

import pytest

from tests import factories
from villages.models import Role
from villages.services import audit

pytestmark = pytest.mark.django_db


def delete_url(user) -> str:
    return f"/admin/users/delete/{user.pk}/"


def test_a_user_the_audit_log_names_is_kept_and_deactivation_is_offered(client, tree, admin):
    from django.contrib.auth import get_user_model

    leaver = factories.staff_user("leaver", Role.TOWNSHIP_EDITOR, tree.awu)
    audit.record(audit.LOGIN, user=leaver)
    client.force_login(admin)
    for response in (client.get(delete_url(leaver)), client.post(delete_url(leaver))):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/users/edit/{leaver.pk}/"
    page = client.get(f"/admin/users/edit/{leaver.pk}/").content.decode()
    assert "leaver 不能删除：操作日志按规定保留" in page and "取消勾选“有效”" in page
    assert get_user_model().objects.filter(pk=leaver.pk).exists()


def test_a_user_no_record_names_is_deleted_as_usual(client, tree, admin):
    from django.contrib.auth import get_user_model

    newcomer = factories.staff_user("newcomer", Role.TOWNSHIP_EDITOR, tree.awu)
    client.force_login(admin)
    assert client.get(delete_url(newcomer)).status_code == 200
    assert client.post(delete_url(newcomer)).status_code == 302
    assert not get_user_model().objects.filter(pk=newcomer.pk).exists()


def test_a_bulk_delete_with_one_kept_user_deletes_nobody(client, tree, admin):
    from django.contrib.auth import get_user_model

    leaver = factories.staff_user("leaver", Role.TOWNSHIP_EDITOR, tree.awu)
    newcomer = factories.staff_user("newcomer", Role.TOWNSHIP_EDITOR, tree.awu)
    audit.record(audit.LOGIN, user=leaver)
    client.force_login(admin)
    url = f"/admin/bulk/auth/user/delete/?next=/admin/users/&id={leaver.pk}&id={newcomer.pk}"
    assert client.get(url).status_code == 200  # Wagtail's confirmation
    done = client.post(url, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/users/"
    assert "没有删除任何账号：leaver 有操作日志按规定保留" in done.content.decode()
    assert get_user_model().objects.filter(pk__in=[leaver.pk, newcomer.pk]).count() == 2

    alone = f"/admin/bulk/auth/user/delete/?next=/admin/users/&id={newcomer.pk}"
    client.post(alone)
    assert not get_user_model().objects.filter(pk=newcomer.pk).exists()
