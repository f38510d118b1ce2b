"""Supervision's part in the tree's role setup (villages/signals.py): the city commission's
group may add and change Open311 partners and complaint categories (supervision/viewsets.py;
nobody deletes them), keep the holiday calendar and edit the deadline rules and notice templates
(supervision/config_viewsets.py). Who sees, logs and reveals cases is decided from the role by
supervision/services/access.py and identity.py, not by group permissions."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.base import page_cache
from villages.models import Role
from villages.services.roles import role_group_name
from villages.signals import role_assigned, roles_ensured

from .dispatch_models import (
    ReceptionDay,
    ReceptionRecord,
    SupervisedItem,
    SupervisedNote,
    SupervisedTask,
)
from .models import Complaint

# Model permissions by role group.
ROLE_PERMISSIONS = {
    Role.CITY_DISCIPLINE: [
        "supervision.add_open311partner",
        "supervision.change_open311partner",
        "supervision.add_complaintcategory",
        "supervision.change_complaintcategory",
        "supervision.add_workcalendaryear",
        "supervision.change_workcalendaryear",
        "supervision.delete_workcalendaryear",  # future years only (config_viewsets.py)
        "supervision.change_deadlinerule",
        "supervision.change_messagetemplate",
    ],
}


def grant_role_permissions(role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role_group_name(role))
    for dotted in ROLE_PERMISSIONS.get(role, []):
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


@receiver(roles_ensured, dispatch_uid="supervision_roles_ensured")
def sync_supervision_permissions(sender, **kwargs):
    for role in ROLE_PERMISSIONS:
        grant_role_permissions(role)


@receiver(role_assigned, dispatch_uid="supervision_role_assigned")
def role_permissions(sender, user, role, jurisdiction, **kwargs):
    """A new staff user of the role finds their group ready, even before setup_roles runs."""
    if role in ROLE_PERMISSIONS:
        grant_role_permissions(role)


# --- the shared page cache (portal/base/page_cache.py) ---------------------------------------
# What supervision shows in public, by tag: supervised items (/supervised/), the reception
# schedule (/reception/, a village's reception/) and the published figures (/statistics/). The
# township figures on a village page are cached on their own for 10 minutes
# (public_hooks.township_figures_panel) and follow within PAGE_CACHE_SECONDS.
CACHE_TAGS = {
    SupervisedItem: "supervised",
    SupervisedTask: "supervised",
    SupervisedNote: "supervised",
    ReceptionDay: "reception",
    ReceptionRecord: "reception",
    Complaint: "statistics",
}


def _public_part_changed(sender, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate_on_commit(CACHE_TAGS[sender])


for _model in CACHE_TAGS:
    for _signal, _verb in ((post_save, "saved"), (post_delete, "deleted")):
        _signal.connect(
            _public_part_changed,
            sender=_model,
            dispatch_uid=f"supervision_cache_{_model.__name__}_{_verb}",
        )
