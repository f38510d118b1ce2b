"""The audit log of staff actions (docs/security.md "Audit log (Part 9)"): the one writer of
`StaffAction` rows, and the rule of who reads which rows.

What is written: sign-in, failed sign-in and sign-out (villages/signal_handlers.py), each
two-factor verification and its failures (villages/two_factor_views.py), every admin request by
a signed-in user that changes something and every download of case data
(villages/middleware.py AuditMiddleware). What is never written: a password, a one-time code, a
request body. A failure to write is logged and swallowed: the audit log never breaks the request
it records.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villages.models import Role, StaffAction, StaffProfile

from .jurisdiction import jurisdiction_of
from .throttle import client_address

logger = logging.getLogger(__name__)

# The action words (StaffAction.action) and their labels in the auditor's screen.
LOGIN = "login"
LOGOUT = "logout"
LOGIN_FAILED = "login_failed"
OTP_VERIFIED = "otp_verified"
OTP_FAILED = "otp_failed"
OTP_ENROLLED = "otp_enrolled"
OTP_DISABLED = "otp_disabled"
OTP_RESET = "otp_reset"
CHANGE = "change"
DOWNLOAD = "download"

ACTION_LABELS = {
    LOGIN: _("登录"),
    LOGOUT: _("退出登录"),
    LOGIN_FAILED: _("登录失败"),
    OTP_VERIFIED: _("两步验证通过"),
    OTP_FAILED: _("两步验证失败"),
    OTP_ENROLLED: _("启用两步验证"),
    OTP_DISABLED: _("关闭两步验证"),
    OTP_RESET: _("重置他人的两步验证"),
    CHANGE: _("提交更改"),
    DOWNLOAD: _("下载案件数据"),
}

# Who reads the log besides superusers.
READER_ROLES = {Role.AUDITOR}


def masked_username(typed: str) -> str:
    """A name typed at a failed sign-in that matches no account is kept only as its first two
    characters: people type their password into the name box by mistake, and the log must never
    hold a password. A name that matches an account is kept as typed (the auditor needs to see
    attacks on a named account)."""
    typed = (typed or "")[:150]
    if not typed:
        return ""
    if get_user_model().objects.filter(username=typed).exists():
        return typed
    return typed[:2] + "***"


def _profile(user):
    try:
        return user.staff_profile
    except (StaffProfile.DoesNotExist, AttributeError):
        return None


def record(
    action: str,
    *,
    request=None,
    user=None,
    username: str = "",
    status_code: int | None = None,
    view_name: str = "",
    object_repr: str = "",
    detail: dict | None = None,
) -> StaffAction | None:
    """Write one row. `user` defaults to the request's signed-in user. Never raises."""
    try:
        if user is None and request is not None:
            candidate = getattr(request, "user", None)
            if getattr(candidate, "is_authenticated", False):
                user = candidate
        profile = _profile(user) if user is not None else None
        row = StaffAction(
            at=timezone.now(),
            user=user,
            username=(username or (user.get_username() if user is not None else ""))[:150],
            role=profile.role if profile else ("superuser" if user and user.is_superuser else ""),
            jurisdiction_id=profile.jurisdiction_id if profile else None,
            action=action[:40],
            method=(getattr(request, "method", None) or "")[:10],
            path=(getattr(request, "path", None) or "")[:500],
            view_name=view_name[:200],
            object_repr=object_repr[:300],
            status_code=status_code,
            ip_address=client_address(request) if request is not None else None,
            detail=detail or {},
        )
        # A savepoint: a failed insert must not spoil the transaction of the request around it.
        with transaction.atomic():
            row.save()
        return row
    except (DatabaseError, ValueError, TypeError, AttributeError):
        logger.exception("Could not write the audit log row for %r", action)
        return None


def may_read(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    profile = _profile(user)
    return profile is not None and profile.role in READER_ROLES


def actions_for(user) -> QuerySet[StaffAction]:
    """The rows `user` may read: a superuser all; an auditor those of users whose jurisdiction
    (at the time of the action) lies within theirs; anyone else none."""
    if not may_read(user):
        return StaffAction.objects.none()
    if user.is_superuser:
        return StaffAction.objects.all()
    node = jurisdiction_of(user)
    return StaffAction.objects.filter(jurisdiction__path__startswith=node.path)
