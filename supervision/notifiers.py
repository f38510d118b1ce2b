"""How a notice reaches a complainant's phone: a pluggable SMS gateway.

`SUPERVISION_SMS_BACKEND` names a class with `send(phone, text)`; it raises `NotifyError` when
the gateway refuses. Dev and tests use `LoggingSMSBackend` (writes the message to the log, with
the number masked); production plugs in the county's SMS gateway by writing a class with the
same method (docs/deployment.md). E-mail uses Django's own backend (EMAIL_BACKEND).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from portal.base.masking import mask_phone

logger = logging.getLogger("supervision.sms")


class NotifyError(Exception):
    pass


class LoggingSMSBackend:
    """Sends nothing: logs what would be sent. The default outside production."""

    sent: list[tuple[str, str]] = []  # the tests read what was "sent"

    def send(self, phone: str, text: str) -> None:
        LoggingSMSBackend.sent.append((phone, text))
        logger.info("SMS to %s: %s", mask_phone(phone), text)


class FailingSMSBackend:
    """Refuses every message (for tests of failure handling)."""

    def send(self, phone: str, text: str) -> None:
        raise NotifyError("gateway unavailable")


def sms_backend():
    path = getattr(settings, "SUPERVISION_SMS_BACKEND", "supervision.notifiers.LoggingSMSBackend")
    return import_string(path)()
