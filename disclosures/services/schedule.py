"""When a disclosure is due, and whether it came on time: the one place that decides
(issue 10, part 5; docs/architecture.md "Disclosure schedule").

A county's rules are `DisclosureSchedule` rows (with a default row per kind for counties without
their own). A periodic kind expects one disclosure per period: due on the rule's day of the month
after the period ends. A one-off kind (低保 lists, large projects) is due a number of working days
after its event (counted by the official calendar, portal/base/workdays.py); nothing is expected
of it until a draft names the event.

Every view, dashboard, PDF and test asks here: `due_date`, `period_of`, `expected_periods`,
`village_status` (the public village page) and `township_report` (the township's dashboard).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.base import workdays
from portal.base.visibility import public_q

from ..affairs_models import DisclosurePage, DisclosureSchedule, Kind, PeriodType

# "Due soon" on the township's dashboard: due within this many days and not yet published.
DUE_SOON_DAYS = 7
# How far back the dashboard and the village page look for missing periods.
LOOKBACK_DAYS = 2 * 366


# --- periods ------------------------------------------------------------------------------------


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_start_of(period_type: str, day: datetime.date) -> datetime.date:
    """The first day of the period of `period_type` containing `day`."""
    if period_type == PeriodType.MONTH:
        return _month_start(day)
    if period_type == PeriodType.QUARTER:
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if period_type == PeriodType.YEAR:
        return datetime.date(day.year, 1, 1)
    return day


def next_period_start(period_type: str, start: datetime.date) -> datetime.date:
    months = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.YEAR: 12}[period_type]
    return _add_months(start, months)


def period_end(period_type: str, start: datetime.date) -> datetime.date:
    """The last day of the period beginning on `start` (a one-off item: the day itself)."""
    if period_type == PeriodType.ONCE:
        return start
    return next_period_start(period_type, start) - datetime.timedelta(days=1)


def period_label(period_type: str, start: datetime.date, event_date=None) -> str:
    """2026年10月 / 2026年第3季度 / 2026年度 / 2026年10月8日."""
    if period_type == PeriodType.MONTH:
        return _("%(y)d年%(m)d月") % {"y": start.year, "m": start.month}
    if period_type == PeriodType.QUARTER:
        return _("%(y)d年第%(q)d季度") % {"y": start.year, "q": (start.month - 1) // 3 + 1}
    if period_type == PeriodType.YEAR:
        return _("%(y)d年度") % {"y": start.year}
    day = event_date or start
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def is_period_start(period_type: str, day: datetime.date) -> bool:
    return period_type == PeriodType.ONCE or period_start_of(period_type, day) == day


# --- rules --------------------------------------------------------------------------------------


class Rules:
    """The schedule rows, loaded once (one query), looked up per county and kind."""

    def __init__(self, rows: Iterable[DisclosureSchedule] | None = None):
        if rows is None:
            rows = DisclosureSchedule.objects.all()
        self._rows = {(row.county_id, row.kind): row for row in rows}

    def rule(self, county_id: int | None, kind: str) -> DisclosureSchedule | None:
        return self._rows.get((county_id, kind)) or self._rows.get((None, kind))

    def periodic_kinds(self, county_id: int | None) -> list[tuple[str, DisclosureSchedule]]:
        found = []
        for kind in Kind.values:
            rule = self.rule(county_id, kind)
            if rule is not None and rule.period_type != PeriodType.ONCE:
                found.append((kind, rule))
        return found


def due_date(
    rule: DisclosureSchedule | None,
    period_type: str,
    period_start: datetime.date,
    event_date: datetime.date | None = None,
) -> datetime.date | None:
    """When the disclosure of this period (or event) is due under `rule`; None without a rule.

    The page's own period type decides the arithmetic (an editor may publish finance quarterly
    where the rule says monthly; the due day is still the rule's)."""
    if rule is None:
        return None
    if (period_type == PeriodType.ONCE) != (rule.period_type == PeriodType.ONCE):
        # A one-off item under a periodic rule (a major matter published at once) has no
        # deadline the rule can give; a periodic page under a one-off rule is refused on save.
        return None
    if period_type == PeriodType.ONCE:
        days = rule.due_working_days or 0
        start = event_date or period_start
        return workdays.add_working_days(start, days) if days else start
    day = min(rule.due_day or 1, 28)
    return next_period_start(period_type, period_start).replace(day=day)


def _ancestor_paths(page) -> list[str]:
    return [page.path[:i] for i in range(page.steplen, len(page.path) + 1, page.steplen)]


def county_id_of(village) -> int | None:
    """The county above a village (one query)."""
    from villages.models import CountyPage

    return (
        CountyPage.objects.filter(path__in=_ancestor_paths(village))
        .values_list("pk", flat=True)
        .first()
    )


def due_date_for_page(page: DisclosurePage, village=None, rules: Rules | None = None):
    """The due date of one disclosure page, from its county's rule for its kind."""
    village = village or page.get_parent()
    rules = rules or Rules()
    rule = rules.rule(county_id_of(village), page.kind)
    return due_date(rule, page.period_type, page.period_start, page.event_date)


# --- status -------------------------------------------------------------------------------------


def today() -> datetime.date:
    return timezone.localdate()


# A page scheduled to go live is published by a job that runs every few minutes: within this
# time after its scheduled moment, the scheduled moment is when it was published.
SCHEDULER_GRACE = datetime.timedelta(hours=1)


def published_at(first_published_at, go_live_at):
    """When a disclosure was published for the schedule's purpose: its scheduled go-live time if
    the scheduler published it then (within SCHEDULER_GRACE), else its first publication."""
    if (
        first_published_at is not None
        and go_live_at is not None
        and go_live_at <= first_published_at <= go_live_at + SCHEDULER_GRACE
    ):
        return go_live_at
    return first_published_at


def published_at_expression():
    """`published_at` as a database expression, for the report's queries."""
    from django.db.models import Case, F, When

    return Case(
        When(
            go_live_at__isnull=False,
            go_live_at__lte=F("first_published_at"),
            first_published_at__lte=F("go_live_at") + SCHEDULER_GRACE,
            then=F("go_live_at"),
        ),
        default=F("first_published_at"),
    )


def published_on(page) -> datetime.date | None:
    """The day a disclosure was published (Asia/Shanghai), a scheduled one on its scheduled day."""
    when = published_at(page.first_published_at, page.go_live_at)
    return timezone.localtime(when).date() if when is not None else None


@dataclass(frozen=True)
class Expected:
    """One disclosure the schedule expects of a village: a kind and a period, due on a day."""

    village_id: int
    village_title: str
    kind: str
    period_type: str
    period_start: datetime.date
    due_on: datetime.date
    page_id: int | None = None  # the disclosure made for it, if any
    published_on: datetime.date | None = None

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def period_label(self) -> str:
        return period_label(self.period_type, self.period_start)

    @property
    def late_days(self) -> int:
        if self.published_on is None:
            return 0
        return max((self.published_on - self.due_on).days, 0)


def expected_periods(
    rule: DisclosureSchedule, until: datetime.date, since: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """(period start, due date) of every period of a periodic rule whose due date falls between
    `since` (or the rule's 执行日期, if later) and `until + DUE_SOON_DAYS` (so the period now
    running, due soon, is included)."""
    horizon = until + datetime.timedelta(days=DUE_SOON_DAYS)
    since = max(since, rule.effective_from)
    start = period_start_of(rule.period_type, since)
    found = []
    while True:
        due = due_date(rule, rule.period_type, start)
        if due > horizon:
            break
        if due >= since:
            found.append((start, due))
        start = next_period_start(rule.period_type, start)
    return found


def _children_of(villages):
    """Disclosure pages directly under these villages (one query whatever their number), each
    annotated with its village's path."""
    from django.db.models.functions import Substr

    villages = list(villages)
    if not villages:
        return DisclosurePage.objects.none()
    depth = villages[0].depth
    return (
        DisclosurePage.objects.filter(depth=depth + 1)
        .annotate(
            village_path=Substr("path", 1, villages[0].steplen * depth),
            published_at=published_at_expression(),
        )
        .filter(village_path__in=[v.path for v in villages])
    )


# What the schedule reads of each disclosure (the village's path first, then the rest).
PAGE_COLUMNS = (
    "village_path",
    "kind",
    "period_type",
    "period_start",
    "event_date",
    "due_on",
    "published_at",
    "pk",
)


def _published_pages(villages, since: datetime.date):
    """The live periodic disclosures of these villages, as (village id, kind, period type,
    period start, event date, due on, first published, page id). A disclosure counts whether
    or not a view restriction hides it from the public: the schedule asks whether it was
    published."""
    ids = {v.path: v.pk for v in villages}
    qs = (
        _children_of(villages)
        .live()
        .exclude(period_type=PeriodType.ONCE)
        .filter(period_start__gte=since - datetime.timedelta(days=366))
        .values_list(*PAGE_COLUMNS)
        .order_by("published_at")
    )
    return [(ids[row[0]], *row[1:]) for row in qs]


@dataclass
class TownshipReport:
    """The township dashboard: what is due soon, what is overdue, what came late."""

    today: datetime.date
    due_soon: list[Expected] = field(default_factory=list)
    overdue: list[Expected] = field(default_factory=list)
    late: list[Expected] = field(default_factory=list)


def township_report(villages, on: datetime.date | None = None) -> TownshipReport:
    """For each village (a queryset or list of VillagePage) and each periodic kind, the periods
    due within the look-back: published late, overdue (due and not published) or due soon (not
    published, due within DUE_SOON_DAYS). One-off items appear once a draft names their event."""
    on = on or today()
    since = on - datetime.timedelta(days=LOOKBACK_DAYS)
    rules = Rules()
    villages = list(villages)
    county_ids = _county_ids(villages)
    published = _published_pages(villages, since)
    by_key = {}
    for village_id, kind, ptype, start, _event, _due, first, pk in published:
        if ptype == PeriodType.ONCE:
            continue
        # A disclosure covers the periodic slot its period starts in (finance published for a
        # quarter covers that quarter's slot under a quarterly rule).
        by_key.setdefault((village_id, kind), []).append((start, ptype, first, pk))
    report = TownshipReport(today=on)
    for village in villages:
        for kind, rule in rules.periodic_kinds(county_ids.get(village.pk)):
            pages = by_key.get((village.pk, kind), [])
            for start, due in expected_periods(rule, on, since):
                end = period_end(rule.period_type, start)
                match = _covering(pages, start, end)
                item = Expected(
                    village.pk,
                    village.title,
                    kind,
                    rule.period_type,
                    start,
                    due,
                    page_id=match[3] if match else None,
                    published_on=_local_date(match[2]) if match else None,
                )
                if match is None:
                    if due < on:
                        report.overdue.append(item)
                    elif end < on or due - on <= datetime.timedelta(days=DUE_SOON_DAYS):
                        report.due_soon.append(item)
                elif item.published_on > due:
                    report.late.append(item)
    titles = {v.pk: v.title for v in villages}
    # One-off items: drafts with an event whose deadline passed or comes soon; published late.
    for village_id, kind, ptype, start, event, due, first, pk in _once_pages(villages, since):
        title = titles[village_id]
        item = Expected(
            village_id,
            title,
            kind,
            ptype,
            event or start,
            due,
            page_id=pk,
            published_on=_local_date(first),
        )
        if first is None:
            if due < on:
                report.overdue.append(item)
            elif due - on <= datetime.timedelta(days=DUE_SOON_DAYS):
                report.due_soon.append(item)
        elif item.published_on > due:
            report.late.append(item)
    report.overdue.sort(key=lambda e: (e.due_on, e.village_title, e.kind))
    report.due_soon.sort(key=lambda e: (e.due_on, e.village_title, e.kind))
    report.late.sort(key=lambda e: (-e.due_on.toordinal(), e.village_title, e.kind))
    return report


def _once_pages(villages, since):
    """One-off disclosures (published or drafts) of these villages with a due date."""
    ids = {v.path: v.pk for v in villages}
    qs = (
        _children_of(villages)
        .filter(period_type=PeriodType.ONCE, due_on__isnull=False, due_on__gte=since)
        .values_list(*PAGE_COLUMNS)
    )
    return [(ids[row[0]], *row[1:]) for row in qs]


def _covering(pages, start, end):
    """The first published page whose period contains the whole slot [start, end]: a quarterly
    finance page covers its three monthly slots; a July page does not cover the third quarter."""
    for page in pages:
        page_start, page_type, first = page[0], page[1], page[2]
        if first is None:
            continue
        if page_start <= start and period_end(page_type, page_start) >= end:
            return page
    return None


def _local_date(value):
    return timezone.localtime(value).date() if value is not None else None


def _county_ids(villages) -> dict[int, int | None]:
    """The county above each village (one query)."""
    from villages.models import CountyPage

    paths = {v.pk: set(_ancestor_paths(v)) for v in villages}
    counties = dict(
        CountyPage.objects.filter(path__in=set().union(*paths.values())).values_list("path", "pk")
    )
    return {
        pk: next((counties[p] for p in ancestors if p in counties), None)
        for pk, ancestors in paths.items()
    }


# --- the public village page ----------------------------------------------------------------------


@dataclass(frozen=True)
class KindStatus:
    """For the public village page: a kind's last published period and whether the village is
    up to date with it."""

    kind: str
    label: str
    last_period: str  # "" if never published
    last_published_on: datetime.date | None
    on_time: bool | None  # None: no rule, or nothing due yet
    overdue: list[str]  # labels of periods due and not published (newest first, at most 3)
    page: DisclosurePage | None


def village_status(village, on: datetime.date | None = None) -> list[KindStatus]:
    """Per kind, the village's last public disclosure and whether it is on time: every periodic
    slot due so far in the look-back is published, and the last one was not late. Only what the
    public may see counts as published here (portal/base/visibility.py)."""
    on = on or today()
    report = township_report([village], on)
    overdue_by_kind: dict[str, list[Expected]] = {}
    # Only the schedule's periodic slots: a one-off draft past its deadline is for the staff's
    # dashboard, not a public hint that an unpublished draft exists.
    for item in (e for e in report.overdue if e.period_type != PeriodType.ONCE):
        overdue_by_kind.setdefault(item.kind, []).append(item)
    rules = Rules()
    county_id = county_id_of(village)
    pages = (
        DisclosurePage.objects.child_of(village)
        .live()
        .filter(public_q())
        .order_by("kind", "-period_start", "-first_published_at")
        .only(
            "title",
            "url_path",
            "kind",
            "period_type",
            "period_start",
            "event_date",
            "due_on",
            "first_published_at",
            "go_live_at",
            "path",
            "depth",
        )
    )
    last = {}
    for page in pages:
        last.setdefault(page.kind, page)
    result = []
    for kind in Kind:
        rule = rules.rule(county_id, kind)
        page = last.get(kind.value)
        overdue = overdue_by_kind.get(kind.value, [])
        if page is not None:
            first = published_on(page)
            page_late = page.due_on is not None and first is not None and first > page.due_on
            on_time = not overdue and not page_late
        else:
            on_time = None if (rule is None or not overdue) else False
        result.append(
            KindStatus(
                kind=kind.value,
                label=str(kind.label),
                last_period=page.period_label if page else "",
                last_published_on=published_on(page) if page else None,
                on_time=on_time,
                overdue=[
                    e.period_label for e in sorted(overdue, key=lambda e: -e.due_on.toordinal())
                ][:3],
                page=page,
            )
        )
    return result
