"""The lists' part in the tree's role setup (villages/signals.py) and in catalog creation, and
the stored PDFs' rebuild when something they print changes."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from portal.base import page_cache
from villages.models import Role, VillagePage
from villages.services.roles import role_group_name
from villages.signals import role_assigned, roles_ensured, township_roles_ensured

from . import tasks
from .affairs_models import WithdrawnVersion
from .models import DisclosureSchedule, Office, PowerCatalogPage, PowerCategory, PowerItemPage
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


# --- stored PDFs follow what they print (disclosures/tasks.py, docs/architecture.md "PDFs") --


def _refresh_booklets(sender, instance, **kwargs):
    tasks.refresh_booklets_after_commit(instance.pk)


for _model in (PowerItemPage, PowerCatalogPage, VillagePage):
    _name = _model.__name__
    page_published.connect(
        _refresh_booklets, sender=_model, dispatch_uid=f"disclosures_pdf_published_{_name}"
    )
    page_unpublished.connect(
        _refresh_booklets, sender=_model, dispatch_uid=f"disclosures_pdf_unpublished_{_name}"
    )


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="disclosures_pdf_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="disclosures_pdf_unrestricted")
def restriction_changed(sender, instance, raw=False, **kwargs):
    """A restriction set or lifted changes what the booklets below it may print, and what the
    villages' lists show of a catalog (the page cache's catalog tags)."""
    if not raw:
        tasks.refresh_booklets_after_commit(instance.page_id)
        path = instance.page.path
        page_cache.invalidate_on_commit(
            *(f"catalog:{path[:i]}" for i in range(4, len(path) + 1, 4))
        )


# --- 公开时限规则: who may edit them (disclosures/affairs_admin.py SchedulePolicy) --------------

SCHEDULE_PERMISSIONS = [
    f"{action}_disclosureschedule" for action in ("add", "change", "delete", "view")
]
# The county petition office its own county's rules; the city commission every rule (and the
# defaults). The policy narrows by county; these only let them in.
SCHEDULE_ROLES = (Role.COUNTY_PETITION, Role.CITY_DISCIPLINE)


def grant_schedule_permissions(role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role_group_name(role))
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="disclosures", codename__in=SCHEDULE_PERMISSIONS
        )
    )


@receiver(roles_ensured, dispatch_uid="disclosures_schedule_permissions")
def sync_schedule_permissions(sender, **kwargs):
    for role in SCHEDULE_ROLES:
        grant_schedule_permissions(role)


@receiver(role_assigned, dispatch_uid="disclosures_schedule_role_assigned")
def schedule_permissions_for_role(sender, user, role, jurisdiction, **kwargs):
    if role in SCHEDULE_ROLES:
        grant_schedule_permissions(role)


@receiver(post_save, sender=DisclosureSchedule, dispatch_uid="disclosures_schedule_saved")
@receiver(post_delete, sender=DisclosureSchedule, dispatch_uid="disclosures_schedule_deleted")
def schedule_changed(sender, instance, raw=False, **kwargs):
    """A rule changed: the due dates it gives are computed again in the task worker (a county's
    pages, or every page for a default rule), never in the request."""
    if raw:
        return
    county_id = instance.county_id
    transaction.on_commit(lambda: tasks.recompute_due_dates.enqueue(county_id))


# --- the shared page cache (portal/base/page_cache.py) ---------------------------------------
# A county's (or township's) catalog is shown by every village below it: its power list, item
# pages, responsibilities and risks. Pages of the tree depend on `catalog:<path>` for each
# place above them (wagtail_hooks.py); a catalog item published, unpublished or deleted makes
# every one of them stale, in every process, at once. The page's own place in the tree is
# handled by the base layer.


def catalog_tags(page) -> list[str]:
    """The tags of the catalogs that show ``page``: the area above a catalog page, or above the
    catalog of an item (a village's own item is below the village, whose page shows it)."""
    path, step = page.path, page.steplen
    return [f"catalog:{path[:-step]}", f"catalog:{path[: -2 * step]}"]


def _catalog_changed(sender, instance, **kwargs):
    page_cache.invalidate_on_commit(*catalog_tags(instance))


def _catalog_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.path:
        _catalog_changed(sender, instance)


for _model in (PowerItemPage, PowerCatalogPage):
    _name = _model.__name__
    page_published.connect(
        _catalog_changed, sender=_model, dispatch_uid=f"disclosures_cache_published_{_name}"
    )
    page_unpublished.connect(
        _catalog_changed, sender=_model, dispatch_uid=f"disclosures_cache_unpublished_{_name}"
    )
    post_delete.connect(
        _catalog_changed, sender=_model, dispatch_uid=f"disclosures_cache_deleted_{_name}"
    )
    # Saved rows too: items created live by code (the catalog import) send no page_published.
    post_save.connect(
        _catalog_saved, sender=_model, dispatch_uid=f"disclosures_cache_saved_{_name}"
    )


@receiver(post_save, sender=WithdrawnVersion, dispatch_uid="disclosures_cache_withdrawn")
def version_withdrawn(sender, instance, raw=False, **kwargs):
    """A disclosure's earlier version withdrawn (a correction): its page lists its versions."""
    if not raw:
        page_cache.invalidate_on_commit(*page_cache.page_changed_tags(instance.page.path))


@receiver(post_save, sender=PowerCategory, dispatch_uid="disclosures_cache_category_saved")
@receiver(post_delete, sender=PowerCategory, dispatch_uid="disclosures_cache_category_deleted")
@receiver(post_save, sender=Office, dispatch_uid="disclosures_cache_office_saved")
@receiver(post_delete, sender=Office, dispatch_uid="disclosures_cache_office_deleted")
def catalog_snippet_changed(sender, raw=False, **kwargs):
    """A category or office named on lists all over the site (rare admin edits)."""
    if not raw:
        page_cache.invalidate_on_commit(page_cache.SITE)
