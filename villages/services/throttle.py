"""Staff account protection: login lockout (django-axes) and password-reset throttling.

Login failures are recorded by django-axes (one `AccessAttempt` row per user name, address and
browser). A login is refused while the user name has `LOGIN_FAILURE_LIMIT_PER_USER` failures, or
the address has `LOGIN_FAILURE_LIMIT_PER_ADDRESS` failures, within `LOGIN_LOCKOUT_MINUTES`. The
address limit is higher because a township office shares one public address among its staff.

Password-reset requests are counted in Django's cache (Redis in production, so the count holds
across server processes) per address and per submitted e-mail, whether or not the e-mail belongs
to anyone, so the answer never reveals which addresses exist.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from portal.base.ratelimit import count_hit


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def client_address(request) -> str | None:
    """The client's IP address. Behind N trusted proxies (`TRUSTED_PROXY_COUNT`), the N-th
    address from the right of X-Forwarded-For (the one our own proxy saw); otherwise
    REMOTE_ADDR, because a client can write any X-Forwarded-For it likes. None if unparseable
    (axes stores addresses in an IP field)."""
    proxies = _setting("TRUSTED_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# --- login lockout (django-axes) -------------------------------------------------------------


def lockout_window() -> timedelta:
    return timedelta(minutes=_setting("LOGIN_LOCKOUT_MINUTES", 30))


def per_user_limit() -> int:
    return _setting("LOGIN_FAILURE_LIMIT_PER_USER", 5)


def per_address_limit() -> int:
    return max(per_user_limit(), _setting("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20))


def _recent_attempts(now: datetime | None = None):
    now = now or timezone.now()
    return AccessAttempt.objects.filter(attempt_time__gte=now - lockout_window())


def failure_limit(request, credentials) -> int:
    """`AXES_FAILURE_LIMIT`. Axes compares one limit with the larger of the user's and the
    address's failure counts; returning the user limit once the user has reached it, and the
    (higher) address limit otherwise, gives each parameter its own limit."""
    per_user, per_address = per_user_limit(), per_address_limit()
    username = get_client_username(request, credentials)
    if username:
        failures = (
            _recent_attempts(getattr(request, "axes_attempt_time", None))
            .filter(username=username)
            .aggregate(n=Sum("failures_since_start"))["n"]
            or 0
        )
        if failures >= per_user:
            return per_user
    return per_address


class LockoutHandler(AxesDatabaseHandler):
    """`AXES_HANDLER`. On a successful login axes would delete every attempt row matching the
    user name *or the address*; that would let anyone with one valid account wipe the failures
    of the accounts they are guessing from the same address. Only the user's own rows go."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted


@dataclass
class Lockout:
    """A user name or an address that may not log in now."""

    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_attempt: datetime
    others: list[str] = field(default_factory=list)  # addresses for a user, users for an address

    @property
    def unlocks_at(self) -> datetime:
        # Axes counts an attempt row while its latest failure is within the window, so the lock
        # lifts at the latest when the window has passed since the last failure.
        return self.last_attempt + lockout_window()


def _lockouts_by(kind: str, limit: int, now: datetime, only: str | None = None) -> list[Lockout]:
    other = "ip_address" if kind == "username" else "username"
    attempts = _recent_attempts(now).exclude(**{f"{kind}__isnull": True})
    if only is not None:
        attempts = attempts.filter(**{kind: only})
    rows = (
        attempts.values(kind)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=limit)
        .order_by("-last")
    )
    locked = [Lockout(kind, row[kind], row["failures"], row["last"]) for row in rows]
    if locked:
        pairs = attempts.filter(**{f"{kind}__in": [lock.value for lock in locked]}).values_list(
            kind, other
        )
        seen: dict[str, list[str]] = {}
        for value, other_value in pairs:
            if other_value and other_value not in seen.setdefault(value, []):
                seen[value].append(other_value)
        for lock in locked:
            lock.others = sorted(seen.get(lock.value, []))
    return locked


def current_lockouts(now: datetime | None = None) -> list[Lockout]:
    """Every user name and address locked out now, newest first."""
    now = now or timezone.now()
    per_user, per_address = per_user_limit(), per_address_limit()
    return _lockouts_by("username", per_user, now) + _lockouts_by("ip_address", per_address, now)


def lockouts_for(username: str | None, address: str | None) -> list[Lockout]:
    """The lockouts that stop this user name from this address now."""
    now = timezone.now()
    per_user, per_address = per_user_limit(), per_address_limit()
    found = []
    if username:
        found += _lockouts_by("username", per_user, now, only=username)
    if address:
        found += _lockouts_by("ip_address", per_address, now, only=address)
    return found


def unlock(kind: str, value: str) -> int:
    """Forget the failures of a user name or an address; returns how many attempt rows went."""
    if kind not in {"username", "ip_address"} or not value:
        return 0
    deleted, _ = AccessAttempt.objects.filter(**{kind: value}).delete()
    return deleted


def axes_cool_off(request=None) -> timedelta:
    """`AXES_COOLOFF_TIME`: read at call time so a test (or an operator) can change the window."""
    return lockout_window()


# --- password reset --------------------------------------------------------------------------


def password_reset_wait(request, email: str) -> int:
    """Count a password-reset request; 0 if it may go ahead, else seconds to wait. Counted per
    address and per e-mail (normalised), existing or not."""
    limit = _setting("PASSWORD_RESET_LIMIT", 5)
    window = _setting("PASSWORD_RESET_WINDOW_SECONDS", 3600)
    waits = [
        count_hit("password_reset_address", client_address(request) or "unknown", limit, window)
    ]
    email = (email or "").strip().lower()
    if email:
        waits.append(count_hit("password_reset_email", email, limit, window))
    return max(waits)
