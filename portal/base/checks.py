"""System checks for conventions reviewers would otherwise keep repeating."""

from django.apps import apps
from django.core import checks
from wagtail.models import Page

PORTAL_APPS = {"portal", "villages", "disclosures", "supervision"}


@checks.register()
def page_types_declare_tree_rules(app_configs, **kwargs):
    """Every page type of ours states where it may live and what it may hold."""
    errors = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        if model._meta.app_label not in PORTAL_APPS:
            continue
        for attr in ("parent_page_types", "subpage_types", "page_description"):
            if attr not in model.__dict__:
                errors.append(
                    checks.Error(
                        f"{model.__name__} must declare {attr}.",
                        hint="State it on the class so the page tree cannot be built wrong.",
                        obj=model,
                        id="portal.E001",
                    )
                )
    return errors
