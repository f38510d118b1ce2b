"""Password-reset throttling on Wagtail's own /admin/password_reset/ form.

Wagtail's admin URLs added by hooks all require a logged-in admin, so the anonymous reset view
cannot be replaced there; this middleware counts its POSTs instead (after CSRF has been checked,
so a forged post does not use up a real user's allowance)."""

from __future__ import annotations

from django.urls import reverse

from .account_views import password_reset_refused
from .services.throttle import password_reset_wait


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
