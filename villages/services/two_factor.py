"""Two-factor sign-in for staff (docs/security.md "Two-factor sign-in (Part 9)").

After the password, a staff user with a confirmed device (an authenticator app: TOTP) must give a
current code, or one of their backup codes, before any admin page answers. Roles that see
reporters' identities (`OTP_REQUIRED_ROLES`, by default the identity roles of
supervision/services/identity.py) and, with `OTP_REQUIRED_FOR_SUPERUSERS`, superusers must have a
device: without one they are sent to enrolment and reach nothing else but sign-out.

Failed codes are throttled by django-otp on each device (1, 2, 4, 8 ... seconds after each
successive failure); while a device is throttled no code is tried at all.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from villages.models import StaffProfile

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def required_for(user) -> bool:
    """Whether `user` may not use the admin without a device."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and getattr(settings, "OTP_REQUIRED_FOR_SUPERUSERS", True):
        return True
    try:
        role = user.staff_profile.role
    except StaffProfile.DoesNotExist:
        return False
    return role in set(getattr(settings, "OTP_REQUIRED_ROLES", ()))


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment ------------------------------------------------------------------------------


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (a new key the first time it is asked)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> bytes:
    """The otpauth:// address as an SVG QR code, drawn here (no outside service)."""
    code = segno.make(device.config_url, error="m")
    return code.svg_inline(scale=5, border=2, dark="#000", light="#fff").encode()


@transaction.atomic
def confirm_enrolment(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a current code: the device is saved as confirmed, any earlier
    authenticator and backup codes of the user are replaced, the session counts as verified,
    and the new backup codes are returned (to be shown once). None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(_digits(code)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_backup_codes(user)
    otp_login(request, device)
    return codes


def new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
    return codes


# --- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    device: object | None  # the device that took the code
    locked_until: datetime | None = None  # set when the code was not tried (throttled)

    @property
    def ok(self) -> bool:
        return self.device is not None

    @property
    def wait_seconds(self) -> int:
        if self.locked_until is None:
            return 0
        return max(1, int((self.locked_until - timezone.now()).total_seconds() + 0.999))


def _digits(code: str) -> str:
    return "".join((code or "").split())


@transaction.atomic
def verify(user, code: str) -> Verification:
    """Try `code` on the user's confirmed devices: a 6-digit code on the authenticator, anything
    else as a backup code (used up when it works). While any device is throttled, nothing is
    tried and the time it opens again is returned."""
    devices = list(devices_for_user(user, confirmed=True, for_verify=True))
    checks = [device.verify_is_allowed() for device in devices]
    blocked = [info or {} for allowed, info in checks if not allowed]
    if blocked:
        locks = [info["locked_until"] for info in blocked if info.get("locked_until")]
        return Verification(None, max(locks, default=timezone.now()))
    code = _digits(code)
    authenticator_code = code.isdigit() and len(code) == 6
    for device in devices:
        if isinstance(device, TOTPDevice) != authenticator_code:
            continue
        if device.verify_token(code if authenticator_code else code.lower()):
            return Verification(device)
    # A wrong code counts against every device: the one that refused it counted it itself.
    for device in devices:
        if isinstance(device, TOTPDevice) != authenticator_code:
            device.throttle_increment()
    return Verification(None)


def mark_verified(request, device) -> None:
    otp_login(request, device)


@transaction.atomic
def remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
