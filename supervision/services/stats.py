"""The figures (一月一分析): every number the dashboard, the monthly PDF, the ledger, the public
statistics page and the statistics API show, defined once here.

docs/statistics.md is the specification in words; this module is its only implementation.
Every figure is counted from dates stored on the case row by `clock.refresh()` from the event
log (received, accepted, not accepted, transferred, first concluded, 办结期限, contested,
resolved), so:

- a figure for a period depends only on what had happened by the period's end (or by today,
  for the running month): last October's figures do not move when a case is reopened in
  December, and the monthly PDF made on 1 November agrees with the dashboard opened later;
- the same period a year earlier is counted the same way, as of the same day a year earlier
  (同比 compares like with like, even for a month still running);
- every countable figure is also a query (`cases_behind`), so each number links to exactly
  the cases behind it.

Whose cases: the staff screens and the staff API count `access.cases_for(user)` within the
area (a user never counts what they may not see); the public page, the public API and the
monthly PDF count every case of the area (`area_cases(area)`), and publish only the subset
in `PUBLIC_FIGURES`, with small counts suppressed (`public_value`).
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page

from villages.models import AREA_MODELS, VillagePage

from ..models import CaseEvent, Complaint, ComplaintCategory, ReceptionRecord, ReturnVisit
from .access import cases_for, villages_under_q

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
SUPPRESS_BELOW = 5  # public counts below this are shown as "<5"
SUPPRESSED = "<5"


# --- periods --------------------------------------------------------------------------------


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


class PeriodError(ValueError):
    """A period the user asked for that does not make sense; the message is for them."""


@dataclass(frozen=True)
class Period:
    """Whole calendar months, from the first day of `start`'s month to the last of `end`'s."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(datetime.date(year, month, 1), _month_end(year, month))

    @classmethod
    def months(cls, first: tuple[int, int], last: tuple[int, int]) -> Period:
        return cls(datetime.date(*first, 1), _month_end(*last))

    @classmethod
    def parse(cls, from_text: str | None, to_text: str | None, today=None) -> Period:
        """`from`/`to` as YYYY-MM; either may be missing (the other month alone; both missing:
        the current month). Raises PeriodError with a message in the user's language."""
        today = today or timezone.localdate()

        def read(text, name):
            match = MONTH.match((text or "").strip())
            if not match or not 1 <= int(match[2]) <= 12:
                raise PeriodError(
                    _("“%(name)s”应为年-月，例如 2026-03，收到的是“%(value)s”。")
                    % {"name": name, "value": text}
                )
            return int(match[1]), int(match[2])

        if not from_text and not to_text:
            return cls.month(today.year, today.month)
        first = read(from_text, "from") if from_text else None
        last = read(to_text, "to") if to_text else None
        first, last = first or last, last or first
        if first > last:
            raise PeriodError(_("起始月份不能晚于结束月份。"))
        if first[0] < 2000 or last > (today.year + 1, 12):
            raise PeriodError(_("月份超出可统计的范围。"))
        if (last[0] - first[0]) * 12 + last[1] - first[1] >= 36:
            raise PeriodError(_("一次最多统计 36 个月。"))
        return cls.months(first, last)

    def year_earlier(self) -> Period:
        return Period(
            self.start.replace(year=self.start.year - 1),
            _month_end(self.end.year - 1, self.end.month),
        )

    def as_of(self, today: datetime.date | None = None) -> datetime.date:
        """The day the period's figures are counted up to: its last day, or today while it runs."""
        today = today or timezone.localdate()
        return min(self.end, today)

    @property
    def from_key(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def to_key(self) -> str:
        return f"{self.end:%Y-%m}"

    @property
    def label(self) -> str:
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return _("%(y)d年%(m)d月") % {"y": self.start.year, "m": self.start.month}
        if self.start.year == self.end.year:
            return _("%(y)d年%(m1)d—%(m2)d月") % {
                "y": self.start.year,
                "m1": self.start.month,
                "m2": self.end.month,
            }
        return _("%(y1)d年%(m1)d月—%(y2)d年%(m2)d月") % {
            "y1": self.start.year,
            "m1": self.start.month,
            "y2": self.end.year,
            "m2": self.end.month,
        }


# --- whose cases ----------------------------------------------------------------------------


def area_of(code: str | None) -> Page | None:
    """The city, county, township or village page with this division code (live or not)."""
    if not code:
        return None
    for model in AREA_MODELS:
        page = model.objects.filter(division_code=code).first()
        if page is not None:
            return page
    return None


def area_cases(area: Page, user=None) -> QuerySet[Complaint]:
    """The cases of `area`'s villages: those `user` may see, or every one (user None: the
    public figures and the monthly report, which publish counts only)."""
    if user is not None:
        return cases_for(user, within=area)
    return Complaint.objects.filter(villages_under_q(area))


# --- the definitions ------------------------------------------------------------------------


def _between(name: str, start: datetime.date, end: datetime.date) -> Q:
    return Q(**{f"{name}__gte": start, f"{name}__lte": end})


def _not_yet(name: str, day: datetime.date) -> Q:
    """The event `name` had not happened by `day` (never, or later)."""
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gt": day})


def resolved_by(day: datetime.date) -> Q:
    """化解 by `day`: struck off (销号) or ended (终结) by then, or concluded by then with the
    outcome not contested (no 复查/复核 asked, not reopened) by then."""
    return Q(resolved_on__lte=day) | (
        Q(first_concluded_on__lte=day) & _not_yet("contested_on", day)
    )


def unresolved_at(day: datetime.date) -> Q:
    """The negation of `resolved_by`, written out (NULLs make ~Q unreliable here)."""
    return _not_yet("resolved_on", day) & (
        _not_yet("first_concluded_on", day) | Q(contested_on__lte=day)
    )


def still_ours(day: datetime.date) -> Q:
    """Neither refused (不予受理) nor sent to another body (转办) by `day`."""
    return _not_yet("not_accepted_on", day) & _not_yet("transferred_on", day)


def backlog_days() -> int:
    return getattr(settings, "SUPERVISION_BACKLOG_DAYS", 90)


def backlog_at(day: datetime.date) -> Q:
    """积案 on `day`: received more than SUPERVISION_BACKLOG_DAYS before it and not resolved,
    refused or transferred by it (services/ownership.flag_q("backlog") is the same rule today)."""
    return (
        Q(received_on__lt=day - datetime.timedelta(days=backlog_days()))
        & unresolved_at(day)
        & still_ours(day)
    )


def within_reach(period: Period, as_of: datetime.date) -> Q:
    """Every case any figure of `period` can count: something dated in the period, or not
    resolved on the day before it starts (backlog, overdue). Narrowing the scan to these first
    leaves the conditional counts a small fraction of a county's cases to look at (old settled
    cases, the bulk of the table, drop out); the tests check that it never changes a figure."""
    s, e = period.start, min(period.end, as_of)
    dated = [
        "received_on",
        "accepted_on",
        "not_accepted_on",
        "transferred_on",
        "first_concluded_on",
        "conclusion_due_on",
        "contested_on",
    ]
    before = s - datetime.timedelta(days=1)
    # Received before the period, still ours and unresolved on its eve (backlog, overdue);
    # a case received within the period is within reach by its received date anyway.
    reach = Q(received_on__lte=before) & unresolved_at(before) & still_ours(before)
    for name in dated:
        reach |= _between(name, s, e)
    return reach


def figure_queries(period: Period, as_of: datetime.date) -> dict[str, Q]:
    """Every countable figure of `period`, counted as of `as_of`, as the query of its cases."""
    s, e = period.start, min(period.end, as_of)
    received = _between("received_on", s, e)
    concluded = _between("first_concluded_on", s, e)
    due = _between("conclusion_due_on", s, e) & _not_yet("transferred_on", e)
    resolved = due & resolved_by(e)
    leader = Q(owner_leader__isnull=False)
    before = s - datetime.timedelta(days=1)
    return {
        "received": received,
        "received_first": received & Q(repeat_of__isnull=True),
        "received_repeat": received & Q(repeat_of__isnull=False),
        "accepted": _between("accepted_on", s, e),
        "not_accepted": _between("not_accepted_on", s, e),
        "transferred": _between("transferred_on", s, e),
        "concluded": concluded,
        "concluded_on_time": concluded & Q(first_concluded_on__lte=F("conclusion_due_on")),
        "concluded_late": concluded & Q(first_concluded_on__gt=F("conclusion_due_on")),
        "overdue_open": Q(accepted_on__lte=e, conclusion_due_on__lt=e)
        & _not_yet("first_concluded_on", e)
        & _not_yet("transferred_on", e),
        "due": due,
        "resolved": resolved,
        "leader_received": received & leader,
        "leader_due": due & leader,
        "leader_resolved": resolved & leader,
        "backlog_start": backlog_at(before),
        "backlog_end": backlog_at(e),
        "backlog_resolved": backlog_at(before) & resolved_by(e),
    }


COUNT_LABELS = {
    "received": gettext_lazy("收到信访举报"),
    "received_first": gettext_lazy("其中首次件"),
    "received_repeat": gettext_lazy("其中重复件"),
    "accepted": gettext_lazy("受理"),
    "not_accepted": gettext_lazy("不予受理"),
    "transferred": gettext_lazy("转办"),
    "concluded": gettext_lazy("办结"),
    "concluded_on_time": gettext_lazy("按期办结"),
    "concluded_late": gettext_lazy("超期办结"),
    "overdue_open": gettext_lazy("超期未办结"),
    "due": gettext_lazy("应化解"),
    "resolved": gettext_lazy("已化解"),
    "leader_received": gettext_lazy("领导包案（新收）"),
    "leader_due": gettext_lazy("领导包案应化解"),
    "leader_resolved": gettext_lazy("领导包案已化解"),
    "backlog_start": gettext_lazy("期初积案"),
    "backlog_end": gettext_lazy("期末积案"),
    "backlog_resolved": gettext_lazy("积案化解"),
    "visits": gettext_lazy("回访"),
    "visits_satisfied": gettext_lazy("满意"),
    "visits_basic": gettext_lazy("基本满意"),
    "visits_unsatisfied": gettext_lazy("不满意"),
    "reception_sessions": gettext_lazy("领导接访场次"),
    "reception_batches": gettext_lazy("领导接访批次"),
    "reception_persons": gettext_lazy("领导接访人次"),
}
# Rates: (numerator, denominator) of the counts above, in percent.
RATES = {
    "on_time_rate": ("concluded_on_time", "concluded", gettext_lazy("按期办结率")),
    "resolution_rate": ("resolved", "due", gettext_lazy("化解率")),
    "leader_resolution_rate": ("leader_resolved", "leader_due", gettext_lazy("领导包案化解率")),
    "satisfaction_rate": ("visits_content", "visits", gettext_lazy("满意率")),
    "repeat_share": ("received_repeat", "received", gettext_lazy("重复件占比")),
}
DAYS = {
    "average_days": gettext_lazy("平均办结用时（天）"),
    "median_days": gettext_lazy("办结用时中位数（天）"),
}
# What the public page and API publish (item 8): counts suppressed below 5.
PUBLIC_FIGURES = ("received", "concluded", "on_time_rate", "resolution_rate", "satisfaction_rate")
# The counts the cases behind can be listed for (every number linking to its list).
LISTABLE = tuple(k for k in COUNT_LABELS if not k.startswith(("visits", "reception")))


def _percent(numerator, denominator) -> float | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _one_decimal(value) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _median(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(n):  # the n-th smallest value, 0-based
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        raise AssertionError

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _local_day_bounds(start: datetime.date, end: datetime.date):
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def count_figures(cases: QuerySet[Complaint], periods: list[tuple[Period, datetime.date]]) -> list:
    """The raw values of every figure over `cases` for each (period, as_of): counts, days and
    visits; the periods are counted in the same scans."""
    aggregates, reach = {}, Q(pk__in=[])
    for n, (period, as_of) in enumerate(periods):
        queries = figure_queries(period, as_of)
        reach |= within_reach(period, as_of)
        aggregates |= {f"p{n}_{key}": Count("pk", filter=q) for key, q in queries.items()}
        aggregates[f"p{n}_average_days"] = Avg("conclusion_days", filter=queries["concluded"])
        aggregates[f"p{n}_concluded_q"] = queries["concluded"]
    narrowed = cases.filter(reach)
    row = narrowed.aggregate(
        **{k: v for k, v in aggregates.items() if not k.endswith("_concluded_q")}
    )
    out = []
    for n, (period, as_of) in enumerate(periods):
        prefix = f"p{n}_"
        values = {
            key[len(prefix) :]: value or 0
            for key, value in row.items()
            if key.startswith(prefix) and key != prefix + "average_days"
        }
        values["average_days"] = _one_decimal(row[prefix + "average_days"])
        histogram = dict(
            narrowed.filter(aggregates[prefix + "concluded_q"])
            .values_list("conclusion_days")
            .annotate(n=Count("pk"))
            .values_list("conclusion_days", "n")
        )
        values["median_days"] = _one_decimal(_median(histogram))
        values.update(_visits(cases, period, as_of))
        out.append(values)
    return out


def _visits(cases, period: Period, as_of: datetime.date) -> dict[str, int]:
    """Return visits (回访) made in the period: every visit counts, a case reopened after an
    unsatisfied visit and visited again counts twice."""
    low, high = _local_day_bounds(period.start, min(period.end, as_of))
    R = ReturnVisit.Result
    row = ReturnVisit.objects.filter(
        case__in=cases.values("pk"), at__gte=low, at__lt=high
    ).aggregate(
        visits=Count("pk"),
        visits_satisfied=Count("pk", filter=Q(result=R.SATISFIED)),
        visits_basic=Count("pk", filter=Q(result=R.BASIC)),
        visits_unsatisfied=Count("pk", filter=Q(result=R.UNSATISFIED)),
    )
    row["visits_content"] = row["visits_satisfied"] + row["visits_basic"]
    return row


def reception_figures(area: Page, period: Period, as_of: datetime.date) -> dict[str, int]:
    """领导接访 N 批 M 人次: the records of reception days held in the area (or below it) in the
    period. Not cases: the same for every reader of the area."""
    row = ReceptionRecord.objects.filter(
        day__area__path__startswith=area.path,
        day__date__gte=period.start,
        day__date__lte=min(period.end, as_of),
    ).aggregate(
        reception_sessions=Count("pk"),
        reception_batches=Sum("batches"),
        reception_persons=Sum("persons"),
    )
    return {key: value or 0 for key, value in row.items()}


# --- figures with their year-earlier values -------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str  # "count", "percent" or "days"
    value: float | int | None
    previous: float | int | None
    # 同比: percent change for counts and days; percentage points for rates. None ("—") when
    # the year-earlier value is zero or missing.
    change: float | None
    listable: bool = False

    @property
    def change_unit(self) -> str:
        return "points" if self.unit == "percent" else "percent"

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "unit": self.unit,
            "value": self.value,
            "previous": self.previous,
            "change": self.change,
            "change_unit": self.change_unit,
        }


def _change(unit: str, value, previous) -> float | None:
    if value is None or previous is None:
        return None
    if unit == "percent":
        return _one_decimal(value - previous)
    if previous == 0:
        return None
    return _percent(value - previous, previous)


def build_figures(now: dict, then: dict) -> dict[str, Figure]:
    """Figures from the raw values of a period (`now`) and of the year before (`then`)."""
    figures: dict[str, Figure] = {}
    for key, label in COUNT_LABELS.items():
        if key in now:
            figures[key] = Figure(
                key,
                str(label),
                "count",
                now[key],
                then[key],
                _change("count", now[key], then[key]),
                key in LISTABLE,
            )
    for key, (num, den, label) in RATES.items():
        value = _percent(now[num], now[den])
        previous = _percent(then[num], then[den])
        figures[key] = Figure(
            key, str(label), "percent", value, previous, _change("percent", value, previous)
        )
    for key, label in DAYS.items():
        figures[key] = Figure(
            key, str(label), "days", now[key], then[key], _change("days", now[key], then[key])
        )
    return figures


@dataclass(frozen=True)
class Group:
    """One row of a breakdown (a category, a channel, a township …) with its figures."""

    key: str
    label: str
    figures: dict[str, Figure]
    filter_params: dict[str, str] = field(default_factory=dict)  # narrowing the case list


@dataclass
class Report:
    area: Page
    period: Period
    as_of: datetime.date
    previous_period: Period
    previous_as_of: datetime.date
    figures: dict[str, Figure]
    raw: dict = field(default_factory=dict)  # the counts behind, this period
    raw_previous: dict = field(default_factory=dict)  # and a year earlier
    breakdowns: dict[str, list[Group]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]


BREAKDOWN_FIGURES = (
    "received",
    "received_repeat",
    "concluded",
    "concluded_on_time",
    "overdue_open",
    "due",
    "resolved",
)
BREAKDOWN_LABELS = {
    "category": gettext_lazy("问题类别"),
    "channel": gettext_lazy("来源渠道"),
    "level": gettext_lazy("受理层级"),
    "kind": gettext_lazy("性质"),
    "area": gettext_lazy("地区"),
}


def _grouped(cases, expression, periods) -> list[dict]:
    """Per group, the breakdown counts of each (period, as_of), in one scan."""
    aggregates, reach = {}, Q(pk__in=[])
    for n, (period, as_of) in enumerate(periods):
        queries = figure_queries(period, as_of)
        reach |= within_reach(period, as_of)
        aggregates |= {f"p{n}_{key}": Count("pk", filter=queries[key]) for key in BREAKDOWN_FIGURES}
    rows = (
        cases.filter(reach)
        .annotate(group=expression)
        .values("group")
        .annotate(**aggregates)
        .order_by()
    )
    out = [{} for _period in periods]
    for row in rows:
        group = row.pop("group")
        for n in range(len(periods)):
            prefix = f"p{n}_"
            out[n][group] = {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix)}
    return out


def _summed(per_village: dict, paths: dict, width: int) -> dict[str, dict]:
    """Per-village breakdown counts added up per child area (its path: the first `width`
    characters of the village's)."""
    out: dict[str, dict] = {}
    for village, counts in per_village.items():
        group = out.setdefault(paths[village][:width], {})
        for key, value in counts.items():
            group[key] = group.get(key, 0) + value
    return out


def _group_figures(now: dict, then: dict) -> dict[str, Figure]:
    figures = {}
    for key in BREAKDOWN_FIGURES:
        value, previous = now.get(key, 0), then.get(key, 0)
        figures[key] = Figure(
            key,
            str(COUNT_LABELS[key]),
            "count",
            value,
            previous,
            _change("count", value, previous),
            True,
        )
    for key in ("on_time_rate", "resolution_rate"):
        num, den, label = RATES[key]
        value = _percent(now.get(num, 0), now.get(den, 0))
        previous = _percent(then.get(num, 0), then.get(den, 0))
        figures[key] = Figure(
            key, str(label), "percent", value, previous, _change("percent", value, previous)
        )
    return figures


def child_areas(area: Page) -> list[Page]:
    """The divisions directly under `area` (a county's townships, a township's villages)."""
    return [
        page.specific
        for page in area.get_children().order_by("path")
        if page.specific_class in AREA_MODELS
    ]


ALL_BREAKDOWNS = ("category", "channel", "level", "kind", "area")


def breakdowns(
    cases, area: Page, period: Period, as_of, previous: Period, previous_as_of, which=ALL_BREAKDOWNS
):
    """Per category, channel, intake level, kind and child area (those in `which`): the
    breakdown figures."""
    periods = [(period, as_of), (previous, previous_as_of)]
    out: dict[str, list[Group]] = {}
    labels = {
        "category": {c.pk: (c.name, c.pk) for c in ComplaintCategory.objects.all()},
        "channel": {k: (str(v), k) for k, v in Complaint.Channel.choices},
        "level": {k: (str(v), k) for k, v in Complaint.IntakeLevel.choices},
        "kind": {k: (str(v), k) for k, v in Complaint.Kind.choices},
    }
    fields = {
        "category": F("category_id"),
        "channel": F("channel"),
        "level": F("intake_level"),
        "kind": F("kind"),
    }
    params = {"category": "category", "channel": "channel", "level": "intake_level", "kind": "kind"}
    for name, expression in fields.items():
        if name not in which:
            continue
        now, then = _grouped(cases, expression, periods)
        groups = []
        for key, (label, value) in labels[name].items():
            if key in now or key in then:
                figures = _group_figures(now.get(key, {}), then.get(key, {}))
                groups.append(Group(str(key), label, figures, {params[name]: str(value)}))
        groups.sort(key=lambda g: -g.figures["received"].value)
        out[name] = groups
    children = child_areas(area)
    if "area" in which and children and not isinstance(area, VillagePage):
        # Counted per village (no join of every case to its page), then summed per child area
        # by the village's path: the same groups as SUBSTRING(village.path) would make.
        width = len(children[0].path)
        paths = dict(
            VillagePage.objects.filter(path__startswith=area.path).values_list("pk", "path")
        )
        per_village = _grouped(cases, F("village_id"), periods)
        now, then = (_summed(counts, paths, width) for counts in per_village)
        out["area"] = [
            Group(
                child.division_code,
                child.title,
                _group_figures(now.get(child.path, {}), then.get(child.path, {})),
                {"area": child.division_code},
            )
            for child in children
        ]
    return out


def report(
    area: Page,
    period: Period,
    user=None,
    today: datetime.date | None = None,
    with_breakdowns: bool | tuple = True,
) -> Report:
    """Every figure of `area` for `period` with the year-earlier values: for `user`'s cases, or
    (user None) for all the area's cases. `today` fixes "now" (tests, the monthly job).
    `with_breakdowns`: True for all of ALL_BREAKDOWNS, False for none, or the names wanted."""
    today = today or timezone.localdate()
    as_of = period.as_of(today)
    previous = period.year_earlier()
    previous_as_of = min(previous.end, _shift_year(as_of, -1))
    cases = area_cases(area, user)
    now, then = count_figures(cases, [(period, as_of), (previous, previous_as_of)])
    now |= reception_figures(area, period, as_of)
    then |= reception_figures(area, previous, previous_as_of)
    result = Report(
        area, period, as_of, previous, previous_as_of, build_figures(now, then), now, then
    )
    if with_breakdowns:
        which = ALL_BREAKDOWNS if with_breakdowns is True else tuple(with_breakdowns)
        result.breakdowns = breakdowns(cases, area, period, as_of, previous, previous_as_of, which)
    return result


def cases_behind(cases: QuerySet[Complaint], key: str, period: Period, as_of) -> QuerySet:
    """The cases a listable figure counts (the case list's `figure` filter)."""
    if key not in LISTABLE:
        raise KeyError(key)
    return cases.filter(figure_queries(period, as_of)[key])


def parse_as_of(text: str | None, period: Period, today=None) -> datetime.date:
    """An explicit "as of" day (a link from a report made on an earlier day), else the period's."""
    if not text:
        return period.as_of(today)
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(_("统计截至日期应为年-月-日，例如 2026-03-31。")) from None
    if day < period.start:
        raise PeriodError(_("统计截至日期不能早于统计期间。"))
    return min(day, period.end)


def case_list_url(key: str, result: Report, previous: bool = False, **narrowing) -> str:
    """The case list filtered to the cases behind figure `key` of `result` (this period's or,
    with previous=True, the year-earlier one), narrowed further by list filters (category=…)."""
    period = result.previous_period if previous else result.period
    as_of = result.previous_as_of if previous else result.as_of
    params = {
        "figure": key,
        "period_from": period.from_key,
        "period_to": period.to_key,
        "as_of": as_of.isoformat(),
        "area": getattr(result.area.specific, "division_code", ""),
        **narrowing,
    }
    return reverse("cases:index") + "?" + urlencode(params)


# --- the monthly trend ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrendMonth:
    month: datetime.date  # first day
    received: int
    concluded: int
    received_year_earlier: int


def trend(
    cases: QuerySet[Complaint], last: Period, months: int = 12, today=None
) -> list[TrendMonth]:
    """Received and concluded per month for the `months` months ending with `last`'s last
    month, with the received count of the same month a year earlier."""
    today = today or timezone.localdate()
    end = min(last.end, today)
    first = datetime.date(last.end.year, last.end.month, 1)
    for _step in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    earliest = first.replace(year=first.year - 1)

    # Both counts in one scan: grouped by (month received, month concluded), each count
    # filtered to its own range, then added up per month.
    in_received = _between("received_on", earliest, end)
    in_concluded = _between("first_concluded_on", first, end)
    rows = (
        cases.filter(in_received | in_concluded)
        .annotate(r=TruncMonth("received_on"), c=TruncMonth("first_concluded_on"))
        .values("r", "c")
        .annotate(nr=Count("pk", filter=in_received), nc=Count("pk", filter=in_concluded))
        .values_list("r", "c", "nr", "nc")
        .order_by()
    )
    received: dict[tuple[int, int], int] = {}
    concluded: dict[tuple[int, int], int] = {}
    for r, c, nr, nc in rows:
        if nr:
            received[(r.year, r.month)] = received.get((r.year, r.month), 0) + nr
        if nc:
            concluded[(c.year, c.month)] = concluded.get((c.year, c.month), 0) + nc
    out, month = [], first
    while month <= last.end:
        out.append(
            TrendMonth(
                month,
                received.get((month.year, month.month), 0),
                concluded.get((month.year, month.month), 0),
                received.get((month.year - 1, month.month), 0),
            )
        )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return out


# --- what the public sees -------------------------------------------------------------------


def _suppressed(value):
    return SUPPRESSED if value is not None and value < SUPPRESS_BELOW else value


def public_figures(result: Report) -> dict[str, dict]:
    """The public subset (PUBLIC_FIGURES) of a report, safe to publish: a count below 5 is the
    string "<5"; a rate is None (not published) when its numerator or denominator in that
    period is below 5, or what they leave (den − num) is from 1 to 4; a y/y change is None when
    either side is suppressed. No other figure,
    no case and nothing about a person leaves through here."""
    out = {}
    for key in PUBLIC_FIGURES:
        figure = result.figures[key]
        if figure.unit == "count":
            value, previous = _suppressed(figure.value), _suppressed(figure.previous)
        else:
            num, den, _label = RATES[key]

            def hidden(raw, num=num, den=den):
                # The rate and its denominator would give the remainder too: 80% of 15
                # concluded on time says 3 were late.
                rest = raw[den] - raw[num]
                return (
                    raw[num] < SUPPRESS_BELOW
                    or raw[den] < SUPPRESS_BELOW
                    or 0 < rest < SUPPRESS_BELOW
                )

            value = None if hidden(result.raw) else figure.value
            previous = None if hidden(result.raw_previous) else figure.previous
        shown = value not in (None, SUPPRESSED) and previous not in (None, SUPPRESSED)
        out[key] = {
            "label": figure.label,
            "unit": figure.unit,
            "value": value,
            "previous": previous,
            "change": figure.change if shown else None,
            "change_unit": figure.change_unit,
        }
    return out


def _raw_of(result: Report, side: str) -> dict:
    return result.raw if side == "value" else result.raw_previous


def public_figures_of_parts(total: Report, parts: list[Report]) -> list[dict[str, dict]]:
    """`public_figures` of each division under an area whose own total is published beside
    them, with secondary suppression: where exactly one division's count (or rate) is hidden
    and the total's is shown, the total minus the others would give it away, so the next
    smallest division's is withheld too (None: "—", not "<5", which would be untrue)."""
    published = [public_figures(part) for part in parts]
    shown_total = public_figures(total)
    for key in PUBLIC_FIGURES:
        for side in ("value", "previous"):
            if shown_total[key][side] in (None, SUPPRESSED):
                continue
            hidden = [p for p in published if p[key][side] in (None, SUPPRESSED)]
            if len(hidden) != 1:
                continue
            count_key = RATES[key][1] if key in RATES else key
            mask = None  # withheld, not "<5": the division's own count may well be larger
            size = {
                id(p): _raw_of(part, side)[count_key]
                for p, part in zip(published, parts, strict=True)
            }
            candidates = [p for p in published if p[key][side] not in (None, SUPPRESSED)]
            if candidates:
                smallest = min(candidates, key=lambda p: size[id(p)])
                smallest[key][side] = mask
                smallest[key]["change"] = None
    return published


# --- kept figures (Part 9: province scale) ----------------------------------------------------

# Bumped whenever a definition above changes: figures kept under the old one are never served.
DEFINITIONS_VERSION = 1
KEEP_SECONDS = 600


def data_mark() -> str:
    """Where the data stand, in one cheap query: the newest case event, case, return visit and
    reception record (ids only grow, and every change to a case writes an event in the same
    transaction). A kept result is served only while the mark is the same, so a new case, a step
    on a case or an imported ledger shows at once; KEEP_SECONDS bounds what no new row announces
    (a reception record edited in place, `refresh_clocks` run by hand, a village moved)."""
    tables = [m._meta.db_table for m in (CaseEvent, Complaint, ReturnVisit, ReceptionRecord)]
    sql = "SELECT " + ", ".join(f"(SELECT MAX(id) FROM {t})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ".".join(str(v or 0) for v in cursor.fetchone())


def kept(name: str, area: Page, user, parts: tuple, compute):
    """`compute()`, or what it gave for the same area, reader, language, `parts` and data mark
    within KEEP_SECONDS. For the dashboard, whose figures over a province's million cases take
    seconds to count: a reader opening it again, or another month and back, waits for none."""
    who = "all" if user is None else user.pk
    said = repr((DEFINITIONS_VERSION, area.pk, who, get_language() or "", data_mark(), parts))
    key = f"stats:{name}:{hashlib.sha256(said.encode()).hexdigest()[:32]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, KEEP_SECONDS)
    return value


def kept_report(area: Page, period: Period, user=None, today=None, with_breakdowns=True) -> Report:
    """`report()` kept (see `kept`): the same figures, counted once per data mark."""
    today = today or timezone.localdate()
    which = with_breakdowns if isinstance(with_breakdowns, bool) else tuple(with_breakdowns)
    return kept(
        "report",
        area,
        user,
        (period.start, period.end, period.as_of(today), which),
        lambda: report(area, period, user=user, today=today, with_breakdowns=with_breakdowns),
    )


def kept_trend(area: Page, last: Period, user=None, months: int = 12, today=None):
    """`trend()` of the area's cases (those `user` may see) kept (see `kept`)."""
    today = today or timezone.localdate()
    return kept(
        "trend",
        area,
        user,
        (last.start, last.end, min(last.end, today), months),
        lambda: trend(area_cases(area, user), last, months=months, today=today),
    )
