"""The lists' part in the tree's role setup (villages/signals.py) and in catalog creation."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from villages.models import Role
from villages.signals import role_assigned, roles_ensured, township_roles_ensured

from .models import PowerCatalogPage
from .services import catalog_roles


@receiver(post_save, sender=PowerCatalogPage, dispatch_uid="disclosures_catalog_roles")
def create_catalog_roles(sender, instance, created, raw=False, **kwargs):
    """A new county catalog is editable by the county's township editors and reviewed by the
    county at once."""
    if created and not raw:
        catalog_roles.ensure_catalog_roles(instance)


@receiver(roles_ensured, dispatch_uid="disclosures_roles_ensured")
def sync_catalog_roles(sender, **kwargs):
    catalog_roles.ensure_all_catalog_roles()


@receiver(township_roles_ensured, dispatch_uid="disclosures_township_roles")
def township_catalog_roles(sender, township, groups, **kwargs):
    catalog_roles.grant_township_on_county_catalogs(township, groups[Role.TOWNSHIP_EDITOR])


@receiver(role_assigned, dispatch_uid="disclosures_role_assigned")
def county_reviewer(sender, user, role, jurisdiction, **kwargs):
    """The county petition office approves the county catalog."""
    if role == Role.COUNTY_PETITION:
        user.groups.add(catalog_roles.county_review_group(jurisdiction))
