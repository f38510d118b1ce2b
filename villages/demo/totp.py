"""The demo's published TOTP key (README "Demo logins"): the demo logins that must have a second
factor (the identity roles and the superuser) carry it, so a tester adds it once to an
authenticator app. Public by design, like the demo password; `seed_demo` is refused in production.

No Django imports: the browser tests compute codes from it without touching the database."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP

DEMO_TOTP_KEY = "XIAOWEIDEMOKEYPUBLICNOTASECRETXX"  # pragma: allowlist secret (published demo key)
STEP = 30


def demo_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_KEY).hex()


def demo_code(at: float | None = None) -> str:
    """The 6-digit code of the demo key at Unix time `at` (now by default)."""
    totp = TOTP(base64.b32decode(DEMO_TOTP_KEY), step=STEP)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"
