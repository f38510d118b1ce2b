"""Password-reset throttling on Wagtail's own /admin/password_reset/ form.

Wagtail's admin URLs added by hooks all require a logged-in admin, so the anonymous reset view
cannot be replaced there; this middleware counts its POSTs instead (after CSRF has been checked,
so a forged post does not use up a real user's allowance).

Also the audit log's middleware (AuditMiddleware, below) and the two-factor gate
(TwoFactorMiddleware, villages/two_factor_views.py's rules)."""

from __future__ import annotations

import logging

from django.http import HttpResponseForbidden
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .account_views import password_reset_refused
from .hooks import audited_downloads
from .services import audit
from .services.throttle import password_reset_wait
from .two_factor_views import gate

logger = logging.getLogger(__name__)


class PasswordResetThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.path != reverse("wagtailadmin_password_reset"):
            return None
        wait = password_reset_wait(request, request.POST.get("email", ""))
        if wait:
            return password_reset_refused(request, wait)
        return None


# Views that write their own, more telling row (sign-in and sign-out through the auth signals,
# the two-factor screens through villages/two_factor_views.py).
def admin_prefix() -> str:
    """Where the Wagtail admin is mounted; "/admin/" under a URLconf without it (a test's)."""
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


# Outside the admin, the paths that answer a signed-in session with data that is not public: the
# statistics API and Wagtail's document downloads. Two-factor guards them as it guards the admin.
SESSION_GATED_PREFIXES = ("/api/", "/documents/")

SELF_RECORDED_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "villages_two_factor_verify",
    "villages_two_factor_setup",
    "villages_two_factor_disable",
    "villages_two_factor_reset",
}
CHANGING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _object_named(kwargs: dict) -> str:
    """What the URL names: its keyword arguments ("pk=12"), never the request body."""
    return ", ".join(f"{key}={value}" for key, value in sorted(kwargs.items()))


class AuditMiddleware:
    """Writes a staff action (villages/services/audit.py) for every admin request by a signed-in
    user that changes something, and for every download of case data (a registered download
    view, or an index view's `?export=`). GET page views are not recorded. Must never break the
    request: audit.record swallows its own failures, and so does this."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        try:
            self._record(request, response)
        except Exception:  # the audit log must never break the request
            logger.exception("Audit middleware failed on %s", request.path)
        return response

    def _record(self, request, response) -> None:
        if self.admin_prefix is None:
            self.admin_prefix = admin_prefix()
        match = getattr(request, "resolver_match", None)
        document = bool(match) and match.view_name == "wagtaildocs_serve"
        if not (request.path.startswith(self.admin_prefix) or document):
            return
        user = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False):
            return
        view_name = match.view_name if match else ""
        if view_name in SELF_RECORDED_VIEWS:
            return
        if (
            document
            or view_name in audited_downloads()
            or (request.method == "GET" and request.GET.get("export"))
        ):
            action = audit.DOWNLOAD  # a GET download, or a POST that answers with the file
        elif request.method in CHANGING_METHODS:
            action = audit.CHANGE
        else:
            return
        detail = {"export": request.GET["export"][:10]} if request.GET.get("export") else None
        audit.record(
            action,
            request=request,
            user=user,
            status_code=response.status_code,
            view_name=view_name,
            object_repr=_object_named(match.kwargs) if match else "",
            detail=detail,
        )


class TwoFactorMiddleware:
    """After the password, before any other admin page: a user with a device gives a code, a
    role that must have a device enrols (villages/two_factor_views.gate). After django-otp's
    OTPMiddleware, which tells whether this session has passed the second step."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = admin_prefix()
        match = getattr(request, "resolver_match", None)
        if request.path.startswith(self.admin_prefix):
            return gate(request, match.view_name if match else "")
        # The statistics API and Wagtail's documents (internal attachments, monthly reports)
        # answer a signed-in session too: not before its second step. A bearer token (the
        # API's own credential) is not a session and passes.
        gated = request.path.startswith(SESSION_GATED_PREFIXES) and (
            "HTTP_AUTHORIZATION" not in request.META
        )
        if gated and gate(request, match.view_name if match else "") is not None:
            return HttpResponseForbidden(
                _("请先完成两步验证：在管理后台输入手机验证器上的验证码。"),
                content_type="text/plain; charset=utf-8",
            )
        return None
