"""Who edits and who approves a county's standard catalog (docs/architecture.md "The four lists").

Township editors of the county propose changes to the county catalog (add and change, but no
lock: a lock by one township would block every other township, issue 6 part 5); the county
discipline commission's petition office (县纪委监委信访室) approves them in the catalog's own
workflow. Idempotent: run any number of times; each run also takes back permissions a catalog
editor must no longer hold.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page

from villages.models import CountyPage, Role, TownshipPage
from villages.services.roles import (
    ensure_approval_workflow,
    grant_page_permissions,
    revoke_page_permissions,
    township_group_name,
)

from ..models import PowerCatalogPage

CATALOG_EDITOR_PERMISSIONS = ["add_page", "change_page"]
# Held by catalog editors in earlier versions; revoked on every sync.
CATALOG_EDITOR_REVOKED = ["lock_page", "unlock_page", "publish_page"]
CATALOG_REVIEWER_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


def county_review_group_name(county: Page) -> str:
    return f"{county.get_parent().title}{county.title}·清单审核（{county.specific.division_code}）"


def county_review_group(county: Page) -> Group:
    group, _ = Group.objects.get_or_create(name=county_review_group_name(county))
    return group


def grant_catalog_editing(editors: Group, catalog: Page) -> None:
    grant_page_permissions(editors, catalog, CATALOG_EDITOR_PERMISSIONS)
    revoke_page_permissions(editors, catalog, CATALOG_EDITOR_REVOKED)


@transaction.atomic
def ensure_catalog_roles(catalog: Page) -> None:
    """A county catalog gets: edit rights for every township editors' group of the county,
    review rights and an approval workflow for the county's review group. A township's own
    catalog needs nothing more: it lies in the township's subtree and workflow."""
    parent = catalog.get_parent().specific
    if not isinstance(parent, CountyPage):
        return
    reviewers = county_review_group(parent)
    grant_page_permissions(reviewers, catalog, CATALOG_REVIEWER_PERMISSIONS)
    for township in TownshipPage.objects.child_of(parent):
        editors, _ = Group.objects.get_or_create(
            name=township_group_name(township, Role.TOWNSHIP_EDITOR)
        )
        grant_catalog_editing(editors, catalog)
    label = f"{parent.get_parent().title}{parent.title}"
    ensure_approval_workflow(
        catalog,
        f"{label}小微权力清单审核（{parent.division_code}）",
        f"{label}纪委监委清单审核（{parent.division_code}）",
        reviewers,
    )


def ensure_all_catalog_roles() -> None:
    for catalog in PowerCatalogPage.objects.all():
        ensure_catalog_roles(catalog)


def grant_township_on_county_catalogs(township: TownshipPage, editors: Group) -> None:
    """A (new) township's editors may propose changes to their county's catalog."""
    county = township.get_parent()
    for catalog in PowerCatalogPage.objects.child_of(county):
        grant_catalog_editing(editors, catalog)
