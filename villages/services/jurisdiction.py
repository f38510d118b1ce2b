"""Jurisdiction: which parts of the tree a staff user may act on.

Every later query about "what may this user see or handle" goes through here, so the rule lives
in one place: a user acts on their jurisdiction node and everything below it; a superuser on all.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from villages.models import StaffProfile, VillagePage


def jurisdiction_of(user) -> Page | None:
    """The node a user works under, or None for users without a staff profile."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_profile.jurisdiction
    except StaffProfile.DoesNotExist:
        return None


def villages_for(user) -> QuerySet[VillagePage]:
    """The villages this user can act on (draft and live)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return VillagePage.objects.none()
    if user.is_superuser:
        return VillagePage.objects.all()
    node = jurisdiction_of(user)
    if node is None:
        return VillagePage.objects.none()
    return VillagePage.objects.descendant_of(node, inclusive=True)


def can_act_on(user, page: Page) -> bool:
    """Whether `page` (any node of the tree) lies within the user's jurisdiction."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    node = jurisdiction_of(user)
    if node is None:
        return False
    return page.path.startswith(node.path)
