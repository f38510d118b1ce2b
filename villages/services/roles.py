"""Groups, page permissions and moderation workflows, created by code (never by hand).

Two layers of groups:
- one group per role (乡镇编辑, 乡镇纪委, ...) holding model permissions such as admin access;
- per township, an editors' group and a discipline group holding page permissions on that
  township's subtree. A township's discipline group approves its editors' changes in the
  township's own workflow, so nobody approves another township's pages.

`ensure_roles()` and `ensure_township_roles()` are idempotent: run them any number of times.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from villages.models import Role, StaffProfile, TownshipPage

ROLE_MODEL_PERMISSIONS: dict[str, list[str]] = {
    Role.TOWNSHIP_EDITOR: ["wagtailadmin.access_admin"],
    Role.TOWNSHIP_DISCIPLINE: ["wagtailadmin.access_admin"],
    Role.STATION_OPERATOR: ["wagtailadmin.access_admin"],
    Role.COUNTY_PETITION: ["wagtailadmin.access_admin"],
    Role.LEADER: ["wagtailadmin.access_admin"],
    Role.CITY_DISCIPLINE: ["wagtailadmin.access_admin"],
    Role.AUDITOR: ["wagtailadmin.access_admin"],
}

# Page permissions on the township subtree, by township-scoped role.
TOWNSHIP_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.TOWNSHIP_EDITOR: ["add_page", "change_page", "lock_page"],
    Role.TOWNSHIP_DISCIPLINE: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}


def role_label(role: str) -> str:
    """Group names are data: always built from the Chinese label, whatever language the admin
    user who triggers this has chosen (else an English session would create a second group)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(Role(role).label)


def role_group_name(role: str) -> str:
    return role_label(role)


def township_label(township: Page) -> str:
    parent = township.get_parent()
    return f"{parent.title}{township.title}" if parent else township.title


def township_group_name(township: TownshipPage, role: str) -> str:
    # The division code keeps names unique: two counties may both have a 城关镇.
    return f"{township_label(township)}·{role_label(role)}（{township.division_code}）"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups and every township's groups and workflow."""
    groups = ensure_role_groups()
    for township in TownshipPage.objects.all():
        ensure_township_roles(township)
    return groups


@transaction.atomic
def ensure_township_roles(township: TownshipPage) -> dict[str, Group]:
    groups = {}
    for role, codenames in TOWNSHIP_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=township_group_name(township, role))
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=township, permission=permission
            )
        groups[role] = group

    workflow_name = f"{township_label(township)}公开内容审核（{township.division_code}）"
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=f"{township_label(township)}纪委审核（{township.division_code}）"
    )
    task.groups.add(groups[Role.TOWNSHIP_DISCIPLINE])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=township, defaults={"workflow": workflow})
    return groups


@transaction.atomic
def assign_role(user, role: str, jurisdiction: Page, title: str = "") -> StaffProfile:
    """Give a user a role over a node: profile, role group and, for township roles, the
    township's own group. Replaces any earlier role of the user."""
    jurisdiction = jurisdiction.specific
    profile, _ = StaffProfile.objects.update_or_create(
        user=user, defaults={"role": role, "jurisdiction": jurisdiction, "title": title}
    )
    profile.full_clean()
    user.groups.clear()
    user.groups.add(ensure_role_groups()[role])
    if role in TOWNSHIP_PAGE_PERMISSIONS:
        user.groups.add(ensure_township_roles(jurisdiction)[role])
    return profile


def ensure_role_groups() -> dict[str, Group]:
    """The role groups with their model permissions (admin access and, later, app permissions)."""
    groups = {}
    for role, perms in ROLE_MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role_group_name(role))
        group.permissions.add(*[_permission(p) for p in perms])
        groups[role] = group
    return groups
