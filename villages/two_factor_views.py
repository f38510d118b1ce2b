"""两步验证: the staff user's own two-factor screens (enrol, second step, turn off), a superuser's
reset of someone else's (a lost phone, no backup code left), and the gate that keeps an
unverified session out of the admin (villages/middleware.py TwoFactorMiddleware).
The rules are in services/two_factor.py; every verification, failure, enrolment and removal is
a staff action in the audit log (services/audit.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import audit, two_factor

# Reachable before the second step (and, for a role that must have a device, before enrolment).
OPEN_BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "villages_two_factor_verify",
    "villages_two_factor_setup",
    "villages_two_factor_qr",
    # What the admin's own pages load in the background (its icons and its JavaScript's
    # translations; no data): refused, the verification page's sidebar never finished loading
    # and covered the 验证 button on a desktop screen, and the icon request became the `next`.
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("验证码"),
        max_length=20,
        help_text=gettext_lazy("手机验证器上显示的 6 位数字，或一个备用码。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("请输入验证码。")},
    )


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def gate(request, view_name: str):
    """The redirect an unverified signed-in staff user gets instead of an admin page, or None."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or view_name in OPEN_BEFORE_VERIFICATION:
        return None
    if user.is_verified():
        return None
    if two_factor.has_device(user):
        target = reverse("villages_two_factor_verify")
    elif two_factor.required_for(user):
        target = reverse("villages_two_factor_setup")
    else:
        return None
    query = f"?next={request.get_full_path()}" if request.method == "GET" else ""
    return HttpResponseRedirect(target + query)


def _private(response):
    add_never_cache_headers(response)
    return response


def overview(request):
    user = request.user
    context = {
        "has_authenticator": two_factor.has_authenticator(user),
        "required": two_factor.required_for(user),
        "backup_codes_left": two_factor.backup_codes_left(user),
    }
    return _private(TemplateResponse(request, "villages/two_factor/overview.html", context))


def setup(request):
    """Enrol an authenticator: QR code and typed key, then a current code to confirm it."""
    user = request.user
    if two_factor.has_device(user) and not user.is_verified():
        # A new device would replace the one they have: only after the second step.
        return redirect(reverse("villages_two_factor_verify") + "?next=" + request.path)
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            audit.record(audit.OTP_ENROLLED, request=request, view_name="villages_two_factor_setup")
            context = {"codes": codes, "next": _next_url(request)}
            return _private(
                TemplateResponse(request, "villages/two_factor/backup_codes.html", context)
            )
        audit.record(
            audit.OTP_FAILED,
            request=request,
            view_name="villages_two_factor_setup",
            detail={"step": "setup"},
        )
        form.add_error("code", _("验证码不正确。请输入验证器当前显示的 6 位数字（每 30 秒更新）。"))
    context = {
        "form": form,
        "manual_key": two_factor.manual_key(device),
        "required": two_factor.required_for(user),
        "next": _next_url(request),
    }
    return _private(TemplateResponse(request, "villages/two_factor/setup.html", context))


def setup_qr(request):
    device = two_factor.pending_device(request.user)
    return _private(HttpResponse(two_factor.qr_svg(device), content_type="image/svg+xml"))


def verify(request):
    """The second step after the password."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_device(user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify(user, form.cleaned_data["code"])
        if result.ok:
            two_factor.mark_verified(request, result.device)
            audit.record(
                audit.OTP_VERIFIED,
                request=request,
                view_name="villages_two_factor_verify",
                detail={"device": type(result.device).__name__},
            )
            return redirect(_next_url(request))
        audit.record(
            audit.OTP_FAILED,
            request=request,
            view_name="villages_two_factor_verify",
            detail={"throttled": result.locked_until is not None},
        )
        if result.locked_until is not None:
            form.add_error(
                "code",
                _("验证码错误次数过多，请在 %(seconds)d 秒后再试（%(time)s 起）。")
                % {
                    "seconds": result.wait_seconds,
                    "time": f"{timezone.localtime(result.locked_until):%H:%M:%S}",
                },
            )
        else:
            form.add_error(
                "code",
                _("验证码不正确。请输入验证器当前显示的 6 位数字，或一个未用过的备用码。"),
            )
    context = {"form": form, "next": _next_url(request)}
    status = 200 if not form.errors else 400
    return _private(
        TemplateResponse(request, "villages/two_factor/verify.html", context, status=status)
    )


def disable(request):
    """Turn two-factor sign-in off (asks a code); refused to a role that must have it."""
    user = request.user
    if two_factor.required_for(user):
        messages.error(request, _("你的角色能看到举报人身份，必须使用两步验证，不能关闭。"))
        return redirect("villages_two_factor")
    if not two_factor.has_device(user):
        return redirect("villages_two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify(user, form.cleaned_data["code"])
        if result.ok:
            two_factor.remove_devices(user)
            audit.record(
                audit.OTP_DISABLED, request=request, view_name="villages_two_factor_disable"
            )
            messages.success(request, _("已关闭两步验证。"))
            return redirect("villages_two_factor")
        audit.record(
            audit.OTP_FAILED,
            request=request,
            view_name="villages_two_factor_disable",
            detail={"step": "disable"},
        )
        form.add_error("code", _("验证码不正确，两步验证没有关闭。"))
    return _private(TemplateResponse(request, "villages/two_factor/disable.html", {"form": form}))


def may_reset(request_user, user) -> bool:
    """Only a superuser resets someone else's two-factor; their own goes through 换一部手机 or
    关闭, which ask a code."""
    return request_user.is_superuser and user.pk != request_user.pk


def reset(request, user_id):
    """A superuser removes another staff user's authenticator and backup codes, after a lost
    phone with no backup code left. A role that must have a device enrols again before it
    reaches anything else, even in a session that had passed the second step (its device is
    gone); anyone else signs in with the password until they enrol again."""
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, user):
        raise PermissionDenied
    name = user.get_full_name() or user.get_username()
    if request.method == "POST":
        had = two_factor.has_device(user)
        two_factor.remove_devices(user)
        audit.record(
            audit.OTP_RESET,
            request=request,
            view_name="villages_two_factor_reset",
            object_repr=user.get_username(),
            detail={"user_id": user.pk, "had_device": had},
        )
        if two_factor.required_for(user):
            note = _("其角色必须使用两步验证，须先重新绑定手机验证器才能进入后台。")
        else:
            note = _("其下次登录只需密码，可自行重新启用。")
        messages.success(request, _("已重置 %(name)s 的两步验证。") % {"name": name} + note)
        return redirect("wagtailusers_users:index")
    context = {
        "person": user,
        "name": name,
        "has_device": two_factor.has_device(user),
        "backup_codes_left": two_factor.backup_codes_left(user),
        "required": two_factor.required_for(user),
    }
    return _private(TemplateResponse(request, "villages/two_factor/reset.html", context))
