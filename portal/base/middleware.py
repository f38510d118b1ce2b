from django.conf import settings


class PublicCacheMiddleware:
    """Public pages are the same for every anonymous visitor and set no cookie: let browsers and
    a proxy in front keep them for a few minutes, and answer a repeat visit with 304 (the ETag
    comes from Django's ConditionalGetMiddleware). Saves villagers' data on weak networks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.path.startswith(("/admin/", "/django-admin/"))
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            and "Cache-Control" not in response.headers
            and not response.cookies
        ):
            response.headers["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
        return response


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
