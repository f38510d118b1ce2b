"""Two-factor sign-in (两步验证): enrolment, the second step after the password, throttling,
the roles that must have a device, and turning it off."""

from __future__ import annotations

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from supervision.services.identity import IDENTITY_ROLES
from tests import factories
from villages.demo.builder import give_demo_devices
from villages.demo.totp import DEMO_TOTP_KEY, demo_code
from villages.models import Role, StaffAction
from villages.services import audit, two_factor

LOGIN = "/admin/login/"
SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
PASSWORD = "correct-horse-42"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.OTP_REQUIRED_ROLES = [str(role) for role in IDENTITY_ROLES]
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True


def person(username, role, node):
    user = factories.staff_user(username, role, node)
    user.set_password(PASSWORD)
    user.save()
    return user


def code_for(device, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + step_offset * device.step
    return f"{totp.token():06d}"


def enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(client, username):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def test_by_default_the_required_roles_are_the_roles_that_see_identities():
    from config.settings import base

    assert set(base.OTP_REQUIRED_ROLES) == {str(role) for role in IDENTITY_ROLES}
    assert base.OTP_REQUIRED_FOR_SUPERUSERS


def test_an_identity_role_without_a_device_must_enrol_and_reaches_nothing_else(client, tree):
    person("petition", Role.COUNTY_PETITION, tree.tanchang)
    response = sign_in(client, "petition")
    assert response.status_code == 302
    home = client.get("/admin/")
    assert home.status_code == 302 and home["Location"].startswith(SETUP)
    for url in ("/admin/cases/", "/admin/pages/", "/admin/ledger/exports/"):
        assert client.get(url)["Location"].startswith(SETUP)
    page = client.get(SETUP)
    text = page.content.decode()
    assert page.status_code == 200 and "必须先启用两步验证" in text
    key = re.search(r'<code id="manual-key"[^>]*>([A-Z2-7 ]+)</code>', text).group(1)
    qr = client.get("/admin/two-factor/setup/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user__username="petition")
    assert not device.confirmed and two_factor.manual_key(device) == key

    wrong = client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()

    done = client.post(SETUP, {"code": code_for(device)})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and "只显示这一次" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # Shown once: the codes are not on any later page.
    assert codes[0] not in client.get("/admin/two-factor/").content.decode()
    assert StaffAction.objects.filter(action=audit.OTP_ENROLLED, username="petition").exists()


def test_a_user_with_a_device_gives_a_code_after_the_password(client, tree):
    editor = person("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu)
    device = enrol(editor)
    sign_in(client, "editor_awu")
    first = client.get("/admin/pages/")
    assert first.status_code == 302 and first["Location"] == VERIFY + "?next=/admin/pages/"
    page = client.get(first["Location"])
    assert page.status_code == 200 and "手机验证器" in page.content.decode()

    wrong = "000000" if code_for(device) != "000000" else "111111"
    refused = client.post(VERIFY, {"code": wrong, "next": "/admin/pages/"})
    assert refused.status_code == 400
    assert "验证码不正确" in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302

    # The next try comes too soon after the failure: refused without being tried.
    throttled = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert "错误次数过多" in throttled.content.decode()
    device.throttle_reset()

    ok = client.post(VERIFY, {"code": code_for(device), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    recorded = list(
        StaffAction.objects.filter(username="editor_awu").values_list("action", flat=True)
    )
    assert recorded.count(audit.OTP_FAILED) == 2 and audit.OTP_VERIFIED in recorded
    assert not any("000000" in str(r.detail) for r in StaffAction.objects.all())


def test_a_backup_code_works_once(client, tree):
    editor = person("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu)
    enrol(editor)
    backup = two_factor.new_backup_codes(editor)[0]
    sign_in(client, "editor_awu")
    assert client.post(VERIFY, {"code": backup.upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=backup).exists()
    client.post("/admin/logout/")
    sign_in(client, "editor_awu")
    assert client.post(VERIFY, {"code": backup}).status_code == 400


def test_an_optional_user_may_skip_it_and_turn_it_off_with_a_code(client, tree):
    editor = person("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu)
    sign_in(client, "editor_awu")
    assert client.get("/admin/").status_code == 200  # no device, not required
    account = client.get("/admin/account/").content.decode()
    assert "/admin/two-factor/" in account and "两步验证" in account

    device = enrol(editor)
    client.force_login(editor)
    client.post(VERIFY, {"code": code_for(device)})
    kept = client.post("/admin/two-factor/disable/", {"code": "12"})
    assert "两步验证没有关闭" in kept.content.decode() and two_factor.has_device(editor)
    device.throttle_reset()
    off = client.post("/admin/two-factor/disable/", {"code": code_for(device, 1)})
    assert off.status_code == 302 and not two_factor.has_device(editor)


def test_an_identity_role_cannot_turn_it_off(client, tree):
    petition = person("petition", Role.COUNTY_PETITION, tree.tanchang)
    device = enrol(petition)
    sign_in(client, "petition")
    client.post(VERIFY, {"code": code_for(device)})
    response = client.post("/admin/two-factor/disable/", {"code": code_for(device, 1)}, follow=True)
    assert "必须使用两步验证，不能关闭" in response.content.decode()
    assert two_factor.has_device(petition)


def test_a_superuser_must_enrol_too(client, admin):
    client.post(LOGIN, {"username": "admin", "password": "pw"})
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_the_demo_logins_that_must_have_a_device_carry_the_published_demo_key(tree, admin):
    city = person("city_longnan", Role.CITY_DISCIPLINE, tree.city)
    auditor = person("auditor_longnan", Role.AUDITOR, tree.city)
    assert give_demo_devices([city, auditor, admin]) == 2
    assert give_demo_devices([city, auditor, admin]) == 0  # seeding again adds nothing
    device = TOTPDevice.objects.get(user=city, confirmed=True)
    assert two_factor.manual_key(device).replace(" ", "") == DEMO_TOTP_KEY
    assert two_factor.verify(city, demo_code()).ok
    assert not two_factor.has_device(auditor)


def test_before_the_code_a_session_reaches_neither_the_statistics_api_nor_documents(client, tree):
    """The second step guards what a signed-in session reaches outside the admin too: the
    staff statistics API and Wagtail's document downloads (internal attachments, monthly
    reports) answer 403 until the code is given, then as usual."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    petition = person("petition_tc", Role.COUNTY_PETITION, tree.tanchang)
    device = enrol(petition)
    document = Document.objects.create(title="内部附件")
    document.file.save("internal.txt", ContentFile(b"internal"), save=True)
    sign_in(client, "petition_tc")

    stats = client.get("/api/v1/stats/")
    assert stats.status_code == 403 and "两步验证" in stats.content.decode()
    download = client.get(document.url)
    assert download.status_code == 403

    assert client.post(VERIFY, {"code": code_for(device), "next": "/admin/"}).status_code == 302
    assert client.get("/api/v1/stats/").status_code == 200
    assert client.get(document.url).status_code == 200
    # A document download by staff is an action in the audit log.
    assert StaffAction.objects.filter(
        username="petition_tc", action=audit.DOWNLOAD, view_name="wagtaildocs_serve"
    ).exists()


def _verified(client, user) -> TOTPDevice:
    """`user` signed in on `client` and past the second step."""
    device = enrol(user)
    client.force_login(user)
    assert client.post(VERIFY, {"code": code_for(device), "next": "/admin/"}).status_code == 302
    return device


def test_a_superuser_resets_a_lost_phone_and_the_user_must_enrol_again(client, tree, admin):
    from django.test import Client

    petition = person("petition", Role.COUNTY_PETITION, tree.tanchang)
    theirs = Client()
    _verified(theirs, petition)
    two_factor.new_backup_codes(petition)
    assert theirs.get("/admin/cases/").status_code == 200

    _verified(client, admin)
    url = f"/admin/two-factor/reset/{petition.pk}/"
    listing = client.get("/admin/users/").content.decode()
    assert url in listing and "重置两步验证" in listing
    assert f"/admin/two-factor/reset/{admin.pk}/" not in listing  # not their own
    page = client.get(url).content.decode()
    assert "已绑定手机验证器，还剩 10 个备用码" in page and "须先重新绑定" in page

    done = client.post(url, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/users/"
    assert "已重置" in done.content.decode() and "须先重新绑定手机验证器" in done.content.decode()
    assert not two_factor.has_device(petition) and two_factor.backup_codes_left(petition) == 0
    # Their session that had passed the second step must enrol again before anything else.
    assert theirs.get("/admin/cases/")["Location"].startswith(SETUP)
    row = StaffAction.objects.get(action=audit.OTP_RESET)
    assert (row.username, row.object_repr) == ("admin", "petition")
    assert row.detail == {"user_id": petition.pk, "had_device": True}
    assert not StaffAction.objects.filter(action=audit.CHANGE, path=url).exists()  # one row


def test_only_a_superuser_resets_and_never_their_own(client, tree, admin):
    petition = person("petition", Role.COUNTY_PETITION, tree.tanchang)
    enrol(petition)
    city = person("city_longnan", Role.CITY_DISCIPLINE, tree.city)
    _verified(client, city)
    url = f"/admin/two-factor/reset/{petition.pk}/"
    # Wagtail answers a refusal in the admin by sending the user to the dashboard, with a message.
    for refused in (client.get(url), client.post(url)):
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "/admin/two-factor/reset/" not in client.get("/admin/users/").content.decode()
    assert two_factor.has_device(petition)

    _verified(client, admin)
    own = f"/admin/two-factor/reset/{admin.pk}/"
    assert client.post(own)["Location"] == "/admin/" and two_factor.has_device(admin)
    assert client.get("/admin/two-factor/reset/999999/").status_code == 404
