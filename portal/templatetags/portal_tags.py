from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.base.masking import mask_phone as _mask_phone
from portal.base.pages import breadcrumbs as _breadcrumbs

register = template.Library()

HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}


@register.inclusion_tag("portal/includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Plain links to the same page in each language: works with JS off and keeps pages
    cacheable (no form, no CSRF token)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    languages = [
        {
            "code": code,
            "name": name,
            "html_lang": HTML_LANG.get(code, code),
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages}


@register.inclusion_tag("portal/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home › … › the page; sub-pages of a page (its lists, an item) pass `trail`, a list of
    (label, url) with url None for the current one."""
    return {
        "crumbs": _breadcrumbs(page),
        "current": page,
        "trail": context.get("trail") or [],
        "request": context.get("request"),
    }


@register.simple_tag
def home_url():
    from django.urls import reverse

    return reverse("wagtail_serve", args=[""])


@register.filter
def mask_phone(value):
    return _mask_phone(value)


@register.filter
def display_name(page):
    """The page's name in the active language. A generic Page (a foreign key to any area) has
    no English name loaded: in English its specific page is loaded for it (one query), in
    Chinese its title is the name."""
    if hasattr(page, "display_name"):
        return page.display_name
    if (get_language() or "").startswith("en"):
        return getattr(page.specific, "display_name", page.title)
    return page.title


@register.simple_tag(takes_context=True)
def staff_edit_link(context, page, label="", anchor=""):
    """A plain link to the page's edit view, for a signed-in user who may edit the page.

    Nothing at all for anyone else. A request without a session cookie cannot be signed in, and
    is answered without touching the session, so the anonymous page (body and headers, public
    caching included) stays exactly as it was; a signed-in user's response is never public
    (portal/base/middleware.py). A link, no script or style: the public CSP holds."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    if not page.permissions_for_user(user).can_edit():
        return ""
    return format_html(
        '<p class="staff-edit"><a href="{}{}">{}</a></p>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        anchor,
        label or _("编辑本页（工作人员）"),
    )
