"""Open311 partner keys: issued once, stored as a digest, looked up by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from villages.models import CityPage

from ..models import Open311Partner

KEY_PREFIX = "o311-"

# The demo's partner and its published key (README). Demo mode only: a key printed in a README
# must never open a production API.
DEMO_PARTNER_NAME = "12345政务服务便民热线（演示）"
DEMO_PARTNER_KEY = "demo-open311-key"
DEMO_CITY_CODE = "621200"  # 陇南市


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


def ensure_demo_partner() -> Open311Partner:
    """The demo's Open311 partner (the 12345 hotline) holding `demo-open311-key`, over all of
    陇南市; created once. Refused unless DEMO_DATA_ALLOWED."""
    if not settings.DEMO_DATA_ALLOWED:
        raise ImproperlyConfigured(
            "演示对接方的密钥是公开的，只能在演示环境（DEMO_DATA_ALLOWED）创建。"
        )
    partner = Open311Partner.objects.filter(name=DEMO_PARTNER_NAME).first()
    if partner is None:
        partner = Open311Partner(
            name=DEMO_PARTNER_NAME,
            jurisdiction=CityPage.objects.get(division_code=DEMO_CITY_CODE),
            contact="演示数据",
        )
        issue_key(partner, DEMO_PARTNER_KEY)
        partner.save()
    return partner
