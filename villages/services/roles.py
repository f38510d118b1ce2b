"""Groups, page permissions and moderation workflows, created by code (never by hand).

Two layers of groups:
- one group per role (乡镇编辑, 乡镇纪委, ...) holding model permissions such as admin access;
- per township, an editors' group and a discipline group holding page permissions on that
  township's subtree. A township's discipline group approves its editors' changes in the
  township's own workflow, so nobody approves another township's pages.

`ensure_roles()` and `ensure_township_roles()` are idempotent: run them any number of times.
Apps that hang on the tree add their own groups and permissions (the lists app: the county
catalogs) by listening to the signals in villages/signals.py; this module knows nothing of them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from villages.models import Role, StaffProfile, TownshipPage
from villages.signals import role_assigned, roles_ensured, township_roles_ensured

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


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def grant_page_permissions(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def revoke_page_permissions(group: Group, page: Page, codenames: list[str]) -> None:
    GroupPagePermission.objects.filter(
        group=group,
        page=page,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=codenames,
    ).delete()


def ensure_approval_workflow(page: Page, name: str, task_name: str, approvers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(name=task_name)
    task.groups.add(approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups and every township's groups and workflow; then the apps that
    hang on the tree add theirs (the `roles_ensured` signal)."""
    groups = ensure_role_groups()
    for township in TownshipPage.objects.all():
        ensure_township_roles(township)
    roles_ensured.send(sender=TownshipPage)
    return groups


@transaction.atomic
def ensure_township_roles(township: TownshipPage) -> dict[str, Group]:
    groups = {}
    for role, codenames in TOWNSHIP_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=township_group_name(township, role))
        grant_page_permissions(group, township, codenames)
        groups[role] = group
    label, code = township_label(township), township.division_code
    ensure_approval_workflow(
        township,
        f"{label}公开内容审核（{code}）",
        f"{label}纪委审核（{code}）",
        groups[Role.TOWNSHIP_DISCIPLINE],
    )
    township_roles_ensured.send(sender=TownshipPage, township=township, groups=groups)
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
    role_assigned.send(sender=StaffProfile, user=user, role=role, jurisdiction=jurisdiction)
    return profile


def ensure_role_groups() -> dict[str, Group]:
    """The role groups with their model permissions (admin access and, later, app permissions)."""
    groups = {}
    for role, perms in ROLE_MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role_group_name(role))
        group.permissions.add(*[_permission(p) for p in perms])
        groups[role] = group
    return groups
