"""Open311 partner keys: issued once, stored as a digest, looked up by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from villages.models import CityPage

from ..models import Open311Partner

KEY_PREFIX = "o311-"


def key_digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def issue_key(partner: Open311Partner, raw_key: str | None = None) -> str:
    """Give `partner` a new key (the old one stops working) and return it: the only moment the
    key exists in clear. `raw_key` is for the demo's published key only."""
    raw = raw_key or KEY_PREFIX + secrets.token_urlsafe(24)
    partner.key_digest = key_digest(raw)
    partner.key_hint = raw[-4:]
    return raw


def partner_for_key(raw_key: str | None) -> Open311Partner | None:
    """The active partner holding `raw_key`, or None."""
    if not raw_key or len(raw_key) > 200:
        return None
    partner = Open311Partner.objects.filter(key_digest=key_digest(raw_key), active=True).first()
    if partner is not None:
        Open311Partner.objects.filter(pk=partner.pk).update(last_used_at=timezone.now())
    return partner


# The demo's published key (README, docs/api.md). Anyone who reads the README knows it, so it is
# issued only where demo data is allowed; a forced demo load in production still refuses it.
DEMO_PARTNER_NAME = "12345 政务服务便民热线（演示）"
DEMO_KEY = "demo-open311-key"
DEMO_JURISDICTION_CODE = "621200"  # 陇南市


class DemoKeyRefused(RuntimeError):
    """Raised when the demo partner is asked for where demo data is not allowed."""


def ensure_demo_partner() -> Open311Partner:
    """The demo's 12345 hotline partner holding `demo-open311-key`, over all of 陇南市.
    Idempotent: a second call finds it and makes sure the key and the city are still its own.
    Only when settings.DEMO_DATA_ALLOWED (raises DemoKeyRefused otherwise)."""
    if not getattr(settings, "DEMO_DATA_ALLOWED", False):
        raise DemoKeyRefused("DEMO_DATA_ALLOWED is off: the published demo key is never issued.")
    city = CityPage.objects.get(division_code=DEMO_JURISDICTION_CODE)
    partner = Open311Partner.objects.filter(name=DEMO_PARTNER_NAME).first()
    if partner is None:
        partner = Open311Partner(name=DEMO_PARTNER_NAME, contact="演示对接人")
    partner.jurisdiction = city
    partner.active = True
    issue_key(partner, DEMO_KEY)
    partner.save()
    return partner
