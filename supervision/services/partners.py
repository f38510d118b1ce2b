"""Open311 partner keys: issued once, stored as a digest, looked up by digest."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

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
