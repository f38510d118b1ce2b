"""Keeping no more than needed: a sealed PIN is forgotten once its reshow window is over.

Intake keeps the PIN, encrypted, for RESHOW_WINDOW (supervision/services/intake.py) so that a
retried submit whose first answer was lost can show the same receipt again. After that nobody
may see it again (only its keyed digest is needed to check a lookup), so `manage.py
cleanup_receipts` wipes it. Intake already ignores an expired sealed PIN; this makes sure it is
not in the database (or its backups) either.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from ..models import Complaint


def forget_expired_pins(now=None) -> int:
    """Wipe every sealed PIN whose window has passed (or that has no window); return how many."""
    now = now or timezone.now()
    expired = Q(receipt_reshow_until__lte=now) | Q(
        receipt_reshow_until__isnull=True, sealed_pin__isnull=False
    )
    return Complaint.objects.filter(expired).update(sealed_pin=None, receipt_reshow_until=None)
