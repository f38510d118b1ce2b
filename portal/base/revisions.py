"""Every published page has a live revision, so a reviewer can compare a change with it.

Pages built in code with `add_child` (the demo seed, imports of a new tree) have no revision:
Wagtail's history is then empty and "compare with the live version" has nothing to show. This
gives each such page one revision, marked live, as if it had been published once by the system.
"""

from django.db import transaction
from wagtail.models import Page, Revision


def ensure_live_revisions(batch_size: int = 500) -> int:
    """Give every live page without a live revision one; return how many. Idempotent."""
    missing = Page.objects.filter(live=True, live_revision__isnull=True).order_by("path")
    done = 0
    ids = list(missing.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = Page.objects.filter(pk__in=ids[start : start + batch_size]).specific()
        with transaction.atomic():
            for page in chunk:
                revision = Revision.objects.create(
                    content_object=page,
                    base_content_type=page.get_base_content_type(),
                    content=page.serializable_data(),
                    object_str=str(page),
                )
                Page.objects.filter(pk=page.pk).update(
                    live_revision=revision,
                    latest_revision=revision,
                    latest_revision_created_at=revision.created_at,
                    has_unpublished_changes=False,
                )
                done += 1
    return done
