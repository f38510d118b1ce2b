"""一月一分析: what the dashboard and the monthly report PDF show around the figures.

Every number comes from services/stats.py (the one definition of each figure); this module only
chooses and arranges: who may read which area, the default month, the overdue and leader-owned
cases, the hard-case flags, the charts (portal/base/charts.py) and the "分析" sentences written
from the figures. The dashboard calls it with the staff user (their cases, `access.cases_for`),
the monthly PDF with user=None (every case of the area). No complainant identity and no accused
person appears in anything built here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.base import charts
from villages.models import CityPage, CountyPage, VillagePage
from villages.services.jurisdiction import can_act_on, jurisdiction_of

from ..models import Complaint
from . import stats
from .access import JURISDICTION_ROLES, role_of
from .ownership import FLAG_LABELS, flag_q, open_q

OVERDUE_LIMIT = 20
LEADER_LIMIT = 20
HEADLINE = (
    "received",
    "concluded",
    "concluded_on_time",
    "on_time_rate",
    "overdue_open",
    "due",
    "resolved",
    "resolution_rate",
    "received_repeat",
    "leader_resolution_rate",
    "backlog_end",
    "satisfaction_rate",
    "average_days",
)
PANEL_FIGURES = ("received", "concluded", "resolution_rate")
CHART_BREAKDOWNS = ("category", "channel", "area")


# --- who reads which area --------------------------------------------------------------------


def may_see_dashboard(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in JURISDICTION_ROLES


def may_see_area(user, area: Page) -> bool:
    """The area lies within the user's jurisdiction (a superuser: anywhere)."""
    return may_see_dashboard(user) and can_act_on(user, area)


def top_area(user) -> Page | None:
    """Where the dashboard opens: the user's jurisdiction node (a superuser: the city)."""
    if user.is_superuser and jurisdiction_of(user) is None:
        return CityPage.objects.order_by("path").first()
    node = jurisdiction_of(user)
    return node.specific if node is not None else None


def area_choices(user) -> list[tuple[Page, int]]:
    """The areas offered in the form, with their depth below the top: the user's node and the
    divisions under it, two levels at most (a superuser: the city and its counties)."""
    top = top_area(user)
    if top is None:
        return []
    levels = 1 if user.is_superuser and jurisdiction_of(user) is None else 2
    pages = (
        Page.objects.descendant_of(top, inclusive=True)
        .filter(depth__lte=top.depth + levels)
        .order_by("path")
        .specific()
    )
    return [(page, page.depth - top.depth) for page in pages if hasattr(page, "division_code")]


def last_complete_month(today: datetime.date | None = None) -> stats.Period:
    today = today or timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return stats.Period.month(last.year, last.month)


def reports_possible(area: Page) -> bool:
    """The monthly PDF is made for the city and for a county."""
    return isinstance(area.specific, (CityPage, CountyPage))


# --- the lists beside the figures ------------------------------------------------------------


def overdue_cases(result: stats.Report, user=None, limit: int = OVERDUE_LIMIT) -> list[Complaint]:
    """The cases behind "超期未办结" (oldest deadline first), at most `limit` (kept:
    stats.kept)."""

    def compute():
        cases = stats.cases_behind(
            stats.area_cases(result.area, user), "overdue_open", result.period, result.as_of
        )
        # The oldest deadlines are picked here, not by ORDER BY … LIMIT: with that, PostgreSQL
        # walks the deadline index from the oldest case and reads most of a province's settled
        # cases before it meets an open one (7 s at 1,000,000 cases). The overdue cases are
        # few (the figure beside the list), so their keys are read and sorted in Python.
        keys = sorted(cases.values_list("conclusion_due_on", "pk").order_by())[:limit]
        chosen = {
            case.pk: case
            for case in Complaint.objects.filter(pk__in=[pk for _due, pk in keys]).select_related(
                "village", "category", "owner_leader"
            )
        }
        return [chosen[pk] for _due, pk in keys]

    parts = (result.period.start, result.period.end, result.as_of, limit)
    return stats.kept("overdue", result.area, user, parts, compute)


def days_overdue(case: Complaint, as_of: datetime.date) -> int | None:
    return (as_of - case.conclusion_due_on).days if case.conclusion_due_on else None


def leader_cases(area: Page, user=None, limit: int = LEADER_LIMIT):
    """Open leader-owned cases (包案) of the area, the most urgent first, and their number
    (kept: stats.kept)."""

    def compute():
        cases = stats.area_cases(area, user).filter(open_q(), owner_leader__isnull=False)
        rows = list(
            cases.select_related("village", "category", "owner_leader").order_by("due_date", "pk")[
                :limit
            ]
        )
        return rows, cases.count()

    return stats.kept("leaders", area, user, (timezone.localdate(), limit), compute)


def flag_counts(area: Page, user=None) -> list[dict]:
    """Each hard-case flag (ownership.flag_q, FLAG_LABELS) with how many of the area's cases
    carry it now, in one query (kept: stats.kept)."""
    row = stats.kept(
        "flags",
        area,
        user,
        (timezone.localdate(),),
        lambda: stats.area_cases(area, user).aggregate(
            **{flag: Count("pk", filter=flag_q(flag)) for flag in FLAG_LABELS}
        ),
    )
    return [
        {"flag": flag, "label": str(label), "count": row[flag]}
        for flag, label in FLAG_LABELS.items()
    ]


def flagged_cases(area: Page, user=None, limit: int = OVERDUE_LIMIT) -> list[Complaint]:
    """Open cases with any hard-case flag (the PDF's 疑难案件 table)."""
    from functools import reduce
    from operator import or_

    query = reduce(or_, [flag_q(flag) for flag in FLAG_LABELS])
    return list(
        stats.area_cases(area, user)
        .filter(query)
        .filter(open_q())
        .select_related("village", "category", "owner_leader")
        .order_by("due_date", "pk")[:limit]
    )


# --- 同比 as people read it ----------------------------------------------------------------


def change_text(figure: stats.Figure) -> str:
    """ "▲12.5%", "▼3.0个百分点", or "—" when there is no base to compare with."""
    if figure.change is None:
        return "—"
    arrow = "▲" if figure.change > 0 else "▼" if figure.change < 0 else ""
    unit = _("个百分点") if figure.unit == "percent" else "%"
    return f"{arrow}{abs(figure.change):.1f}{unit}"


def value_text(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "days":
        return f"{value:.1f}"
    return str(value)


@dataclass
class Row:
    """A figure ready to print: values as text and, when listable, the two case-list links."""

    figure: stats.Figure
    value: str
    previous: str
    change: str
    href: str | None = None
    previous_href: str | None = None


def rows(result: stats.Report, keys=HEADLINE, links: bool = True, **narrowing) -> list[Row]:
    out = []
    for key in keys:
        figure = result.figures[key]
        href = previous_href = None
        if links and figure.listable:
            href = stats.case_list_url(key, result, **narrowing)
            previous_href = stats.case_list_url(key, result, previous=True, **narrowing)
        out.append(
            Row(
                figure,
                value_text(figure.value, figure.unit),
                value_text(figure.previous, figure.unit),
                change_text(figure),
                href,
                previous_href,
            )
        )
    return out


def group_rows(result: stats.Report, name: str, links: bool = True) -> list[dict]:
    """A breakdown as table rows: the group and its received/concluded/overdue/due/resolved
    figures with links narrowed by the group's filter_params, and its two rates."""
    keys = ("received", "concluded", "concluded_on_time", "overdue_open", "due", "resolved")
    out = []
    for group in result.breakdowns.get(name, []):
        cells = []
        for key in keys:
            figure = group.figures[key]
            cells.append(
                {
                    "value": figure.value,
                    "previous": figure.previous,
                    "change": change_text(figure),
                    "href": stats.case_list_url(key, result, **group.filter_params)
                    if links
                    else None,
                }
            )
        rates = [
            value_text(group.figures[k].value, "percent")
            for k in ("on_time_rate", "resolution_rate")
        ]
        out.append({"group": group, "cells": cells, "rates": rates})
    return out


GROUP_HEADINGS = ("received", "concluded", "concluded_on_time", "overdue_open", "due", "resolved")


def group_headings() -> list[str]:
    return [str(stats.COUNT_LABELS[k]) for k in GROUP_HEADINGS] + [
        str(stats.RATES["on_time_rate"][2]),
        str(stats.RATES["resolution_rate"][2]),
    ]


def breakdown_title(name: str) -> str:
    return _("按%(by)s：收到信访举报") % {"by": stats.BREAKDOWN_LABELS[name]}


# --- charts ---------------------------------------------------------------------------------


def breakdown_chart(result: stats.Report, name: str, links: bool = True) -> str:
    """Received per group, this period and a year earlier, each bar linked to its cases."""
    groups = result.breakdowns.get(name, [])
    bars = [
        charts.Bar(
            group.label,
            group.figures["received"].value,
            stats.case_list_url("received", result, **group.filter_params) if links else None,
            group.figures["received"].previous,
            stats.case_list_url("received", result, previous=True, **group.filter_params)
            if links
            else None,
        )
        for group in groups
    ]
    title = breakdown_title(name)
    desc = "；".join(
        _("%(label)s %(now)d（上年同期 %(then)d）")
        % {"label": b.label, "now": b.value, "then": b.previous}
        for b in bars
    )
    return charts.bar_chart(
        bars, title, desc, legend=(result.period.label, result.previous_period.label)
    )


def trend_chart(result: stats.Report, user=None, today=None) -> str:
    months = stats.kept_trend(result.area, result.period, user, today=today)
    points = [
        charts.TrendPoint(
            _("%(m)d月") % {"m": m.month.month}, m.received, m.received_year_earlier, m.concluded
        )
        for m in months
    ]
    title = _("近12个月收到与办结")
    desc = "；".join(
        _("%(m)s 收到 %(r)d（上年同月 %(p)d），办结 %(c)d")
        % {"m": f"{m.month:%Y-%m}", "r": m.received, "p": m.received_year_earlier, "c": m.concluded}
        for m in months
    )
    return charts.trend_chart(points, title, desc, legend=(_("收到"), _("上年同月收到"), _("办结")))


def reception_line(result: stats.Report) -> str:
    raw = result.raw
    return _("领导接访 %(s)d 场 %(b)d 批 %(p)d 人次") % {
        "s": raw.get("reception_sessions", 0),
        "b": raw.get("reception_batches", 0),
        "p": raw.get("reception_persons", 0),
    }


# --- 分析: sentences from the figures ------------------------------------------------------


def movements(result: stats.Report, name: str, top: int = 3):
    """The groups whose received count rose most and fell most against a year earlier."""
    moves = [
        (g, g.figures["received"].value - g.figures["received"].previous)
        for g in result.breakdowns.get(name, [])
    ]
    rises = sorted((m for m in moves if m[1] > 0), key=lambda m: -m[1])[:top]
    falls = sorted((m for m in moves if m[1] < 0), key=lambda m: m[1])[:top]
    return rises, falls


def _moves_text(moves) -> str:
    parts = []
    for group, _diff in moves:
        figure = group.figures["received"]
        parts.append(
            _("%(label)s %(now)d 件（上年同期 %(then)d 件，同比 %(change)s）")
            % {
                "label": group.label,
                "now": figure.value,
                "then": figure.previous,
                "change": change_text(figure),
            }
        )
    return "、".join(parts)


def analysis(result: stats.Report) -> list[str]:
    """The "分析" paragraphs of the monthly report, written from the figures alone."""
    received = result.figures["received"]
    out = [
        _("%(period)s共收到信访举报 %(now)d 件，上年同期 %(then)d 件，同比 %(change)s。")
        % {
            "period": result.period.label,
            "now": received.value,
            "then": received.previous,
            "change": change_text(received),
        }
    ]
    for name, by in (("category", _("问题类别")), ("area", _("地区"))):
        if name not in result.breakdowns:
            continue
        rises, falls = movements(result, name)
        if rises:
            out.append(
                _("按%(by)s，增幅最大的是：%(list)s。") % {"by": by, "list": _moves_text(rises)}
            )
        if falls:
            out.append(
                _("按%(by)s，降幅最大的是：%(list)s。") % {"by": by, "list": _moves_text(falls)}
            )
        if not rises and not falls:
            out.append(_("按%(by)s，各项收件数与上年同期持平。") % {"by": by})
    for key in ("resolution_rate", "on_time_rate"):
        figure = result.figures[key]
        if figure.value is None:
            out.append(_("本期没有可计算%(label)s的件。") % {"label": figure.label})
            continue
        if figure.previous is None or figure.change is None:
            trend_text = _("上年同期无可比数据")
        elif figure.change > 0:
            trend_text = _("提高 %(c).1f 个百分点") % {"c": figure.change}
        elif figure.change < 0:
            trend_text = _("下降 %(c).1f 个百分点") % {"c": -figure.change}
        else:
            trend_text = _("持平")
        out.append(
            _("%(label)s %(value)s，上年同期 %(previous)s，%(trend)s。")
            % {
                "label": figure.label,
                "value": value_text(figure.value, "percent"),
                "previous": value_text(figure.previous, "percent"),
                "trend": trend_text,
            }
        )
    return out


def is_village(area: Page) -> bool:
    return isinstance(area.specific, VillagePage)
