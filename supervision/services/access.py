"""Who may see and log which cases: the one rule every list, page, search, export, notification
and API of supervision asks (docs/architecture.md "Who sees a complaint").

- Jurisdiction (villages/services/jurisdiction.py): staff see the cases of the villages under
  their node; a superuser sees all.
- A liaison-station operator sees only the cases they logged themselves.
- A township editor (who edits the lists) sees no complaint at all.
- Recusal (回避, §47): a staff user linked to the case as accused, or holding the accused office
  in that village (the responsibility list's office holder linked to their account), never sees
  the case, whatever their role.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from disclosures.models import OfficeHolder
from villages.models import Role, StaffProfile, VillagePage
from villages.services.jurisdiction import jurisdiction_of, villages_for

from ..models import Complaint

# Roles that see cases by jurisdiction. The operator sees only their own; the editor none.
JURISDICTION_ROLES = {
    Role.TOWNSHIP_DISCIPLINE,
    Role.COUNTY_PETITION,
    Role.LEADER,
    Role.CITY_DISCIPLINE,
    Role.AUDITOR,
}

# Who may log a complaint on a resident's behalf, and by which channels.
INTAKE_CHANNELS = {
    Role.STATION_OPERATOR: [Complaint.Channel.STATION],
    Role.TOWNSHIP_DISCIPLINE: [
        Complaint.Channel.VISIT,
        Complaint.Channel.PHONE,
        Complaint.Channel.LETTER,
        Complaint.Channel.LEADER_RECEPTION,
    ],
    Role.COUNTY_PETITION: [
        Complaint.Channel.LETTER,
        Complaint.Channel.PHONE,
        Complaint.Channel.VISIT,
        Complaint.Channel.LEADER_RECEPTION,
        Complaint.Channel.TRANSFER,
    ],
    Role.CITY_DISCIPLINE: [
        Complaint.Channel.LETTER,
        Complaint.Channel.PHONE,
        Complaint.Channel.VISIT,
        Complaint.Channel.LEADER_RECEPTION,
        Complaint.Channel.TRANSFER,
    ],
}


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.staff_profile.role
    except StaffProfile.DoesNotExist:
        return None


def _without_recusals(queryset: QuerySet[Complaint], user) -> QuerySet[Complaint]:
    holds_accused_office = OfficeHolder.objects.filter(
        village_id=OuterRef("village_id"), office_id=OuterRef("accused_office_id"), user=user
    )
    return queryset.exclude(accused_users=user).exclude(Exists(holds_accused_office))


def _villages_under(node) -> QuerySet:
    return VillagePage.objects.filter(path__startswith=node.path).values("pk")


def villages_under_q(node) -> Q:
    """The cases of `node`'s villages as a filter, or no filter at all when every village of
    the tree lies under it (a city holding the whole province): the same cases, without a
    semi-join of the whole case table against 16,000 villages. One cheap query decides."""
    if not VillagePage.objects.exclude(path__startswith=node.path).exists():
        return Q()
    return Q(village_id__in=_villages_under(node))


def cases_for(user, within=None) -> QuerySet[Complaint]:
    """The cases `user` may see anywhere (list, page, search, export, notifications, API);
    with `within` (a node of the tree), only those of its villages, in one village filter
    (the figures count an area this way; two nested filters cost a join per case)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Complaint.objects.none()
    role = role_of(user)
    if user.is_superuser or role == Role.STATION_OPERATOR:
        cases = (
            Complaint.objects.all()
            if user.is_superuser
            else Complaint.objects.filter(logged_by=user)
        )
        if within is not None:
            cases = cases.filter(villages_under_q(within))
        return _without_recusals(cases, user)
    if role not in JURISDICTION_ROLES:
        return Complaint.objects.none()
    node = jurisdiction_of(user)
    if node is None:
        return Complaint.objects.none()
    if within is not None:
        if within.path.startswith(node.path):
            node = within  # the area lies within the jurisdiction: its villages
        elif not node.path.startswith(within.path):
            return Complaint.objects.none()  # no village in common
        # The figures (stats.area_cases): the whole tree needs no village filter.
        return _without_recusals(Complaint.objects.filter(villages_under_q(node)), user)
    return _without_recusals(Complaint.objects.filter(village_id__in=_villages_under(node)), user)


def without_recused(users: QuerySet, case: Complaint) -> QuerySet:
    """`users` less those recused from `case` (回避): an accused account, or the holder of the
    accused office in the case's village. The same two rules as `_without_recusals`, seen from
    the case: whom it may be assigned to, who may approve, who is told about it."""
    users = users.exclude(pk__in=case.accused_users.values("pk"))
    if case.accused_office_id:
        holders = OfficeHolder.objects.filter(
            village_id=case.village_id, office_id=case.accused_office_id, user__isnull=False
        )
        users = users.exclude(pk__in=holders.values("user"))
    return users


def can_view_case(user, case: Complaint) -> bool:
    return cases_for(user).filter(pk=case.pk).exists()


def intake_channels_for(user) -> list[str]:
    """Channels `user` may log a complaint by; empty if they may not log."""
    if getattr(user, "is_superuser", False):
        return [c for c in Complaint.Channel.values if c not in STAFF_EXCLUDED_CHANNELS]
    return [str(c) for c in INTAKE_CHANNELS.get(role_of(user), [])]


# Channels no staff form offers: they have their own doors (the village page, the API).
STAFF_EXCLUDED_CHANNELS = {Complaint.Channel.ONLINE, Complaint.Channel.OPEN311}


def intake_villages_for(user) -> QuerySet[VillagePage]:
    """Villages `user` may log a complaint for (a station: its own village; a petition office:
    every village of its county)."""
    if not intake_channels_for(user):
        return VillagePage.objects.none()
    return villages_for(user)


def can_log_for(user, village: VillagePage, channel: str) -> bool:
    return (
        channel in intake_channels_for(user)
        and intake_villages_for(user).filter(pk=village.pk).exists()
    )
