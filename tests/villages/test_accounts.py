"""Staff accounts: login lockout per user and per address, the unlock screen, password-reset
throttling, session length, request size limits and error-mail settings."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache

from tests.factories import staff_user
from villages.models import Role

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
LOCKOUTS = "/admin/lockouts/"
PASSWORD = "correct-horse-42"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def user_with_password(username, node, password=PASSWORD):
    user = staff_user(username, Role.TOWNSHIP_EDITOR, node)
    user.set_password(password)
    user.save()
    return user


@pytest.fixture
def editor(tree):
    return user_with_password("editor_awu", tree.awu)


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "admin-pass")


def login(client, username, password, address="10.0.0.1", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- login lockout ---------------------------------------------------------------------------


def test_thirty_wrong_passwords_then_the_right_one_stays_locked(client, editor):
    # From thirty different addresses, so only the per-user count can stop it.
    for i in range(30):
        response = login(client, "editor_awu", f"guess-{i}", address=f"10.0.1.{i + 1}")
        assert not logged_in(client)

    response = login(client, "editor_awu", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429
    assert not logged_in(client), "the right password must not log in during a lockout"
    page = response.content.decode()
    assert "登录已暂时锁定" in page
    assert "连续输错密码达到 5 次" in page
    assert "之后再试" in page, "the page says when to try again"
    assert "平台管理员" in page, "the page says whom to ask"
    assert int(response["Retry-After"]) > 0


def test_the_fifth_failure_already_answers_with_the_lockout_page(client, editor):
    for i in range(4):
        assert login(client, "editor_awu", "wrong", address=f"10.0.3.{i}").status_code == 200
    assert login(client, "editor_awu", "wrong", address="10.0.3.9").status_code == 429


def test_many_users_from_one_address_lock_the_address(client, editor):
    # Password spraying: one guess each at twenty user names from one address.
    for i in range(20):
        login(client, f"someone{i}", "123456", address="203.0.113.7")

    response = login(client, "editor_awu", PASSWORD, address="203.0.113.7")
    assert response.status_code == 429
    assert "网络地址" in response.content.decode()
    assert not logged_in(client)

    # The same user from their own office is not affected.
    response = login(client, "editor_awu", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert logged_in(client)


def test_a_success_clears_only_the_users_own_failures(client, editor):
    user_with_password("colleague", editor.staff_profile.jurisdiction)
    for _ in range(4):
        login(client, "editor_awu", "typo", address="10.0.4.1")
        login(client, "colleague", "typo", address="10.0.4.1")

    assert login(client, "editor_awu", PASSWORD, address="10.0.4.1").status_code == 302

    assert not AccessAttempt.objects.filter(username="editor_awu").exists()
    # A valid login must not wipe the failures of other accounts tried from the same address.
    assert AccessAttempt.objects.get(username="colleague").failures_since_start == 4


def test_the_lockout_lifts_after_the_window(client, editor, settings):
    for i in range(5):
        login(client, "editor_awu", "wrong", address=f"10.0.5.{i}")
    assert login(client, "editor_awu", PASSWORD, address="10.0.5.9").status_code == 429

    last = AccessAttempt.objects.first().attempt_time
    AccessAttempt.objects.update(
        attempt_time=last - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    )
    assert login(client, "editor_awu", PASSWORD, address="10.0.5.9").status_code == 302


# --- the unlock screen -----------------------------------------------------------------------


def test_unlock_screen_lists_the_lockout_and_lifts_it(client, editor, admin):
    for i in range(6):
        login(client, "editor_awu", "wrong", address=f"10.0.6.{i}")
    client.force_login(admin)

    assert f'"url": "{LOCKOUTS}"' in client.get("/admin/").content.decode(), "设置 → 登录锁定"
    page = client.get(LOCKOUTS)
    assert page.status_code == 200
    text = page.content.decode()
    assert "editor_awu" in text and "10.0.6.3" in text and "解除锁定" in text

    response = client.post(
        f"{LOCKOUTS}unlock/", {"kind": "username", "value": "editor_awu"}, follow=True
    )
    assert "已解除用户名“editor_awu”的登录锁定" in response.content.decode()
    assert "editor_awu" not in client.get(LOCKOUTS).content.decode()

    client.logout()
    assert login(client, "editor_awu", PASSWORD, address="10.0.6.1").status_code == 302


def test_an_address_lockout_can_be_lifted(client, editor, admin):
    for i in range(20):
        login(client, f"someone{i}", "x", address="203.0.113.9")
    client.force_login(admin)
    client.post(f"{LOCKOUTS}unlock/", {"kind": "ip_address", "value": "203.0.113.9"})
    client.logout()
    assert login(client, "editor_awu", PASSWORD, address="203.0.113.9").status_code == 302


def test_non_superusers_cannot_reach_the_unlock_screen(client, editor):
    for i in range(6):
        login(client, "someone", "wrong", address=f"10.0.7.{i}")
    client.force_login(editor)

    # Wagtail answers PermissionDenied with a redirect to the dashboard and a message.
    response = client.get(LOCKOUTS)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(f"{LOCKOUTS}unlock/", {"kind": "username", "value": "someone"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AccessAttempt.objects.filter(username="someone").exists()
    assert f'"url": "{LOCKOUTS}"' not in client.get("/admin/").content.decode(), "nor a menu item"


def test_the_unlock_permission_can_be_given_to_a_group(client, editor):
    group = Group.objects.create(name="平台管理员")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="axes", codename="delete_accessattempt")
    )
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get(LOCKOUTS).status_code == 200


# --- password reset --------------------------------------------------------------------------


def reset(client, email, address="10.0.8.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_limited_per_address(client, editor):
    editor.email = "editor@example.org"
    editor.save()
    for i in range(5):
        assert reset(client, f"person{i}@example.org").status_code == 302

    response = reset(client, "editor@example.org")
    assert response.status_code == 429
    assert "重置密码请求过于频繁" in response.content.decode()
    assert mail.outbox == [], "a refused request sends nothing"
    # Another address is not affected.
    assert reset(client, "editor@example.org", address="10.0.8.2").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_is_limited_per_email_and_never_says_if_it_exists(client, editor):
    editor.email = "editor@example.org"
    editor.save()
    for i in range(5):
        reset(client, "editor@example.org", address=f"10.0.9.{i}")
        reset(client, "nobody@example.org", address=f"10.0.10.{i}")

    known = reset(client, "editor@example.org", address="10.0.11.1")
    unknown = reset(client, "nobody@example.org", address="10.0.11.2")
    assert known.status_code == unknown.status_code == 429
    strip = lambda r: r.content.decode().split("<main")[1].split("</main>")[0]  # noqa: E731
    assert strip(known) == strip(unknown)
    assert "editor@example.org" not in known.content.decode()


# --- sessions, sizes, settings ---------------------------------------------------------------


def test_a_staff_session_lasts_a_working_day(client, editor):
    response = login(client, "editor_awu", PASSWORD, remember="on")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 10 * 3600

    client.logout()
    response = login(client, "editor_awu", PASSWORD)
    # Without "记住我" the cookie ends with the browser, and the server still ends it in 10 hours.
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    assert client.session.get_expiry_age() == 10 * 3600


def test_a_25_mb_post_is_refused_with_413_before_reading_it(client, admin):
    client.force_login(admin)
    body = b"x" * (25 * 1024 * 1024)
    response = client.post("/admin/documents/multiple/add/", body, content_type="text/plain")
    assert response.status_code == 413
    assert "超过了 20 MB 的上限" in response.content.decode()

    small = client.post("/admin/documents/multiple/add/", b"x" * 1024, content_type="text/plain")
    assert small.status_code != 413


def test_many_inline_fields_still_fit():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS >= 10_000


def settings_from_environment(**env) -> dict:
    """Settings as a fresh process reads them from the environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'ADMINS': s.ADMINS, 'SERVER_EMAIL': s.SERVER_EMAIL, "
        "'CSRF': s.CSRF_TRUSTED_ORIGINS, 'AGE': s.SESSION_COOKIE_AGE, "
        "'BODY': s.MAX_REQUEST_BODY_BYTES}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_admins_csrf_origins_and_limits_come_from_the_environment():
    values = settings_from_environment(
        ADMINS="张三 <zhangsan@example.org>, ops@example.org",
        SERVER_EMAIL="portal-errors@example.org",
        CSRF_TRUSTED_ORIGINS="https://portal.example.gov.cn,https://www.example.gov.cn",
        SESSION_HOURS="8",
        MAX_REQUEST_BODY_MB="50",
    )
    assert values["ADMINS"] == [
        ["张三", "zhangsan@example.org"],
        ["ops@example.org", "ops@example.org"],
    ]
    assert values["SERVER_EMAIL"] == "portal-errors@example.org"
    assert values["CSRF"] == ["https://portal.example.gov.cn", "https://www.example.gov.cn"]
    assert values["AGE"] == 8 * 3600
    assert values["BODY"] == 50 * 1024 * 1024
