"""Staff account screens: the lockout answer on the admin login, the password-reset refusal, and
the admin screen that lists current lockouts and lifts them (设置 → 登录锁定)."""

from __future__ import annotations

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import throttle

# Who may see and lift lockouts besides superusers: a permission grantable to a group in
# 设置 → 用户组 (registered there by villages/wagtail_hooks.py).
UNLOCK_PERMISSION = "axes.delete_accessattempt"


def can_unlock(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(UNLOCK_PERMISSION))


def unlock_contact() -> str:
    return getattr(settings, "ACCOUNT_UNLOCK_CONTACT", "") or _(
        "本单位的平台管理员（或上级纪委监委的平台管理员）"
    )


def lockout_response(request, original_response=None, credentials=None):
    """`AXES_LOCKOUT_CALLABLE`: what a locked-out user sees instead of the login form (429)."""
    username = get_client_username(request, credentials) or ""
    locks = throttle.lockouts_for(username, getattr(request, "axes_ip_address", None))
    unlocks_at = max((lock.unlocks_at for lock in locks), default=None)
    if unlocks_at is None:  # the lock lifted between the check and now: say the whole window
        unlocks_at = timezone.now() + throttle.lockout_window()
    context = {
        "username": username,
        "by_address": any(lock.kind == "ip_address" for lock in locks),
        "unlocks_at": timezone.localtime(unlocks_at),
        "minutes": int(throttle.lockout_window().total_seconds() // 60),
        "per_user": throttle.per_user_limit(),
        "contact": unlock_contact(),
    }
    # Rendered here, not a TemplateResponse: axes swaps it in on the way out, after the
    # middleware that would render one.
    response = render(request, "villages/accounts/lockout.html", context, status=429)
    retry_after = max(1, int((unlocks_at - timezone.now()).total_seconds()))
    response["Retry-After"] = str(retry_after)
    return response


def password_reset_refused(request, wait_seconds: int):
    """Too many reset requests from this address or for this e-mail (429). Says nothing about
    whether the e-mail belongs to anyone."""
    context = {
        "minutes": max(1, (wait_seconds + 59) // 60),
        "try_after": timezone.localtime(timezone.now() + timezone.timedelta(seconds=wait_seconds)),
        "contact": unlock_contact(),
    }
    response = render(
        request, "villages/accounts/password_reset_throttled.html", context, status=429
    )
    response["Retry-After"] = str(wait_seconds)
    return response


def lockout_list(request):
    if not can_unlock(request.user):
        raise PermissionDenied
    context = {
        "lockouts": throttle.current_lockouts(),
        "minutes": int(throttle.lockout_window().total_seconds() // 60),
        "per_user": throttle.per_user_limit(),
        "per_address": throttle.per_address_limit(),
    }
    return TemplateResponse(request, "villages/accounts/lockouts.html", context)


@require_POST
def lockout_unlock(request):
    if not can_unlock(request.user):
        raise PermissionDenied
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
    if throttle.unlock(kind, value):
        label = _("用户名") if kind == "username" else _("地址")
        messages.success(
            request, _("已解除%(label)s“%(value)s”的登录锁定。") % {"label": label, "value": value}
        )
    else:
        messages.warning(request, _("“%(value)s”当前没有被锁定。") % {"value": value})
    return redirect("villages_lockouts")
