"""Leader reception days (领导接访): who manages them, THE rule for the public schedule, the
record of a session, and which matters received there may become cases (docs/architecture.md
"Leader reception days (领导接访)").

- **Who manages** a day (create, edit, record, log its matters): the county petition office, the
  city discipline commission and the township discipline committee, for days whose area lies
  within their jurisdiction (a superuser: all). Each day has one record, which they may correct.
- **The public** sees published days whose area page is live (`public_days`), nothing else.
- The period figures "接访 N 批 M 人次" for reports are summed by services/stats.py from the
  records; this module shows one day's record only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from villages.models import CityPage, CountyPage, Role, TownshipPage, VillagePage
from villages.services.jurisdiction import jurisdiction_of

from ..dispatch_models import ReceptionDay, ReceptionRecord
from ..models import Complaint
from .access import intake_channels_for, intake_villages_for, role_of
from .ownership import may_manage as may_assign_leaders

MANAGE_ROLES = frozenset({Role.COUNTY_PETITION, Role.CITY_DISCIPLINE, Role.TOWNSHIP_DISCIPLINE})
# How far back the public schedule lists past sessions.
RECENT_DAYS = 90


def may_manage_any(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in MANAGE_ROLES


def days_for(user) -> QuerySet[ReceptionDay]:
    """The reception days `user` may manage: those of their area and below."""
    if not may_manage_any(user):
        return ReceptionDay.objects.none()
    if user.is_superuser:
        return ReceptionDay.objects.all()
    node = jurisdiction_of(user)
    if node is None:
        return ReceptionDay.objects.none()
    return ReceptionDay.objects.filter(area__path__startswith=node.path)


def can_manage(user, day: ReceptionDay) -> bool:
    return days_for(user).filter(pk=day.pk).exists()


# --- the public schedule --------------------------------------------------------------------


def public_days() -> QuerySet[ReceptionDay]:
    """THE rule for what the public sees of reception days: published, area page live."""
    return ReceptionDay.objects.filter(published=True, area__live=True)


@dataclass
class ScheduleGroup:
    """Upcoming days of one county (its own and its townships'), or of the city itself."""

    title: str
    days: list = field(default_factory=list)


@dataclass
class Schedule:
    upcoming: list[ReceptionDay]
    recent: list[ReceptionDay]
    groups: list[ScheduleGroup]


def _county_of(page_path: str, counties: dict[str, Page]) -> Page | None:
    for path, county in counties.items():
        if page_path.startswith(path):
            return county
    return None


def public_schedule(area: Page | None = None, today: datetime.date | None = None) -> Schedule:
    """Upcoming published days (today and later, soonest first) and the recent past ones (the
    last RECENT_DAYS days, newest first, with their record), of `area` and below (all when
    None). The upcoming days are also grouped by county (the city's own in a group first)."""
    today = today or timezone.localdate()
    days = public_days().select_related("area")
    if area is not None:
        days = days.filter(area__path__startswith=area.path)
    upcoming = list(days.filter(date__gte=today).order_by("date", "start_time", "pk"))
    recent = list(
        days.filter(date__lt=today, date__gte=today - datetime.timedelta(days=RECENT_DAYS))
        .select_related("record")
        .order_by("-date", "-start_time", "-pk")
    )
    return Schedule(upcoming=upcoming, recent=recent, groups=_group_by_county(upcoming))


def _group_by_county(days: list[ReceptionDay]) -> list[ScheduleGroup]:
    counties = {c.path: c for c in CountyPage.objects.live().order_by("path")}
    groups: dict[str, ScheduleGroup] = {}
    for day in days:
        county = _county_of(day.area.path, counties)
        key = county.path if county else ""
        if key not in groups:
            groups[key] = ScheduleGroup(title=county.title if county else day.area.title)
        groups[key].days.append(day)
    return [groups[key] for key in sorted(groups)]


def public_counties() -> QuerySet[Page]:
    """Counties for the schedule's filter: live ones."""
    return CountyPage.objects.live().order_by("path")


def upcoming_for_village(village: VillagePage, today: datetime.date | None = None) -> list:
    """Upcoming public days a villager can go to: those of the village's township, county and
    city."""
    today = today or timezone.localdate()
    ancestors = village.get_ancestors().type(CityPage, CountyPage, TownshipPage)
    return list(
        public_days()
        .filter(area__in=ancestors, date__gte=today)
        .select_related("area")
        .order_by("date", "start_time", "pk")
    )


# --- the record of a session ----------------------------------------------------------------


def record(day: ReceptionDay, batches: int, persons: int, summary: str, user) -> ReceptionRecord:
    """Record (or correct) what happened at `day`: one record per day."""
    if not can_manage(user, day):
        raise PermissionDenied(_("您无权记录这次接访。"))
    if day.date > timezone.localdate():
        raise ValidationError(_("接访还没有举行，举行后再记录。"))
    with transaction.atomic():
        entry = ReceptionRecord.objects.select_for_update().filter(day=day).first()
        if entry is None:
            entry = ReceptionRecord(day=day, recorded_by=user)
        entry.batches, entry.persons, entry.summary = batches, persons, (summary or "").strip()
        entry.full_clean(exclude=["day"])
        entry.recorded_by = user
        entry.recorded_at = timezone.now()
        entry.save()
    return entry


# --- matters received become cases ----------------------------------------------------------


def may_log_matters(user, day: ReceptionDay) -> bool:
    """Whether `user` may log a matter of `day` as a case: they manage the day and may log by
    the channel 领导接访 for some village of its area."""
    return (
        Complaint.Channel.LEADER_RECEPTION in intake_channels_for(user)
        and can_manage(user, day)
        and intake_villages_for(user).filter(path__startswith=day.area.path).exists()
    )


def leader_level(day: ReceptionDay) -> str:
    """包案层级 of the day's leader, from the level of the day's area."""
    specific = day.area.specific_class
    if specific is CityPage:
        return Complaint.LeaderLevel.CITY
    if specific is CountyPage:
        return Complaint.LeaderLevel.COUNTY
    return Complaint.LeaderLevel.TOWNSHIP


def owner_offer(day: ReceptionDay, user):
    """The day's leader, when the form may offer to make them the case's 包案领导: their
    account is an active leader and `user` may assign leaders (ownership.assign_leader checks
    the case itself once it exists)."""
    leader = day.leader
    if leader is None or not leader.is_active or role_of(leader) != Role.LEADER:
        return None
    return leader if may_assign_leaders(user) else None


def cases_of(day: ReceptionDay, visible: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """The cases logged from `day`, among those the viewer may see (access.cases_for)."""
    return visible.filter(reception=day).select_related("village", "category")


def record_of(day: ReceptionDay) -> ReceptionRecord | None:
    try:
        return day.record
    except ReceptionRecord.DoesNotExist:
        return None


def record_text(day: ReceptionDay) -> str:
    """ "接访 N 批 M 人次" of one day, or "" before it is recorded."""
    entry = record_of(day)
    if entry is None:
        return ""
    return _("接访 %(batches)d 批 %(persons)d 人次") % {
        "batches": entry.batches,
        "persons": entry.persons,
    }


def area_filter_q(kind: str, today: datetime.date) -> Q:
    """The reception list's 时间 filter: upcoming (today and later) or past."""
    return Q(date__gte=today) if kind == "upcoming" else Q(date__lt=today)
