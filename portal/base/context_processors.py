from django.conf import settings


def site_chrome(request):
    return {"PORTAL_SITE_TITLE": settings.PORTAL_SITE_TITLE}
