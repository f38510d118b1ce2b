from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

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
    """The page's name in the active language; a generic Page (no English name loaded) shows its
    title."""
    return getattr(page, "display_name", page.title)
