from django.conf import settings


class SecurityHeadersMiddleware:
    """Strict Content-Security-Policy on the public site (the Wagtail admin needs its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", settings.PORTAL_CSP)
            response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=()")
        return response
