from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from .models import TownshipPage, VillagePage
from .services.roles import ensure_township_roles


@receiver(post_save, sender=TownshipPage, dispatch_uid="villages_township_roles")
def create_township_roles(sender, instance, created, raw=False, **kwargs):
    """A new township gets its editors' and discipline groups and its workflow at once."""
    if created and not raw:
        ensure_township_roles(instance)


@receiver(page_published, sender=VillagePage, dispatch_uid="villages_reindex_with_children")
def reindex_village_with_children(sender, instance, **kwargs):
    """Index a published village again, now that its office holders and station staff are saved.

    Wagtail queues the index update at the page row's `post_save`, before modelcluster saves the
    child rows; a worker runs it after the commit and sees them, but an immediate task backend
    would index the names of the previous version (VillagePage.admin_search_words)."""
    insert_or_update_object(instance)
