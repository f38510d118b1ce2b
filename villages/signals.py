from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import TownshipPage


@receiver(post_save, sender=TownshipPage)
def create_township_roles(sender, instance, created, raw=False, **kwargs):
    """A new township gets its editors' and discipline groups and its workflow at once."""
    if created and not raw:
        from .services.roles import ensure_township_roles

        ensure_township_roles(instance)


def create_catalog_roles(sender, instance, created, raw=False, **kwargs):
    """A new county catalog is editable by the county's township editors and reviewed by the
    county at once."""
    if created and not raw:
        from .services.roles import ensure_catalog_roles

        ensure_catalog_roles(instance)


def connect_catalog_signal():
    from disclosures.models import PowerCatalogPage

    post_save.connect(create_catalog_roles, sender=PowerCatalogPage, dispatch_uid="catalog_roles")
