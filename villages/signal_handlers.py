from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import TownshipPage
from .services.roles import ensure_township_roles


@receiver(post_save, sender=TownshipPage, dispatch_uid="villages_township_roles")
def create_township_roles(sender, instance, created, raw=False, **kwargs):
    """A new township gets its editors' and discipline groups and its workflow at once."""
    if created and not raw:
        ensure_township_roles(instance)
