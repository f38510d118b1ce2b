"""The public statistics (issue 11 item 8): one builder for the page `/statistics/`, the JSON
`/api/v1/public-stats/` (api_stats.py) and the village page's township panel (public_hooks.py).

Every figure comes from `services.stats.report(area, period)` with user None (all the area's
cases) and leaves only through `stats.public_figures`, the one place small counts are
suppressed ("<5", rates from them None). Only the city, its counties and their townships are
published; a village's figures would single people out. Only areas the public may see are
listed (portal/base/visibility.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.base import page_cache
from portal.base.http import read_only
from portal.base.ratelimit import rate_limited
from portal.base.visibility import is_public, public_pages
from villages.models import CityPage, CountyPage, TownshipPage

from .services import stats

PUBLIC_LEVELS = ("city", "county", "township")


class PublicAreaError(ValueError):
    """An area the public statistics do not cover; the message is for the reader."""


def last_complete_month(today: datetime.date | None = None) -> stats.Period:
    today = today or timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return stats.Period.month(last.year, last.month)


def public_period(from_text: str | None, to_text: str | None, today=None) -> stats.Period:
    """The period a public output may publish: one month that is over (none given: the last
    complete month). A range or a running month would let anyone subtract two published
    figures and recover a count below 5 (October = January–October − January–September; the
    running month watched from one day to the next). Raises PeriodError, message for the user."""
    today = today or timezone.localdate()
    if not from_text and not to_text:
        return last_complete_month(today)
    period = stats.Period.parse(from_text, to_text, today=today)
    if period.from_key != period.to_key:
        raise stats.PeriodError(_("公开统计按单个月份公布，请只选一个月。"))
    if period.end >= today:
        raise stats.PeriodError(_("公开统计只公布已经结束的月份。"))
    return period


def default_city() -> CityPage | None:
    return public_pages(CityPage.objects.all()).order_by("path").first()


def public_area(code: str | None, request=None):
    """The public city, county or township with this division code (the city without one);
    None when there is no such public area. Raises PublicAreaError for a village."""
    if not code:
        return default_city()
    area = stats.area_of(code)
    if area is None or not is_public(area, request):
        return None
    if area.level not in PUBLIC_LEVELS:
        raise PublicAreaError(_("只公布乡镇及以上的统计。"))
    return area


@dataclass
class PublicRow:
    """One area's published figures (`stats.public_figures`)."""

    area: object
    figures: dict[str, dict]
    is_total: bool = False

    @property
    def cells(self) -> list[dict]:
        """The figures in PUBLIC_FIGURES order, with their display text (the page)."""
        return [display(self.figures[key]) for key in stats.PUBLIC_FIGURES]


@dataclass
class PublicStatistics:
    area: object
    period: stats.Period
    as_of: datetime.date
    previous_period: stats.Period
    previous_as_of: datetime.date
    rows: list[PublicRow] = field(default_factory=list)  # the area, then its divisions

    @property
    def total(self) -> PublicRow:
        return self.rows[0]

    @property
    def children(self) -> list[PublicRow]:
        return self.rows[1:]


def public_children(area, request=None) -> list:
    """The public divisions directly under a city or county (none under a township: villages
    are not published)."""
    if area.level == "township":
        return []
    return [child for child in stats.child_areas(area) if is_public(child, request)]


def build(area, period: stats.Period, request=None, today=None, children=True):
    """The published figures of `area` (and, with `children`, of each public division under
    it) for `period`, with the year-earlier values."""
    result = stats.report(area, period, today=today, with_breakdowns=False)
    out = PublicStatistics(
        area,
        period,
        result.as_of,
        result.previous_period,
        result.previous_as_of,
        [PublicRow(area, stats.public_figures(result), is_total=True)],
    )
    if children:
        results = [
            stats.report(child, period, today=today, with_breakdowns=False)
            for child in public_children(area, request)
        ]
        published = stats.public_figures_of_parts(result, results)
        for child_result, figures in zip(results, published, strict=True):
            out.rows.append(PublicRow(child_result.area, figures))
    return out


# --- display --------------------------------------------------------------------------------


def _number(value, unit: str) -> str:
    if value is None:
        return "—"
    if value == stats.SUPPRESSED:
        return stats.SUPPRESSED
    if unit == "percent":
        return f"{value:.1f}%"
    return str(value)


def display(figure: dict) -> dict:
    """A published figure as the page shows it: the value, the year-earlier value and 同比
    (▲/▼, percent for counts, percentage points for rates; "—" without one)."""
    change = figure["change"]
    if change is None:
        change_text, direction = "—", ""
    elif change == 0:
        change_text, direction = _("持平"), "flat"
    else:
        arrow, direction = ("▲", "up") if change > 0 else ("▼", "down")
        amount = f"{abs(change):.1f}"
        if figure["change_unit"] == "points":
            template = _("%(arrow)s%(amount)s个百分点")
        else:
            template = "%(arrow)s%(amount)s%%"
        change_text = template % {"arrow": arrow, "amount": amount}
    return {
        "label": figure["label"],
        "value": _number(figure["value"], figure["unit"]),
        "previous": _number(figure["previous"], figure["unit"]),
        "change": change_text,
        "direction": direction,
        "hidden": figure["unit"] == "percent" and figure["value"] is None,
        "suppressed": figure["value"] == stats.SUPPRESSED,
    }


def page_url(area, period: stats.Period | None = None) -> str:
    """/statistics/ for `area` (a county or township; the city is the default)."""
    query = {}
    if area.level == "county":
        query["county"] = area.division_code
    elif area.level == "township":
        query["county"] = area.get_parent().specific.division_code
        query["township"] = area.division_code
    if period is not None:
        query["month"] = period.from_key
    url = reverse("public_stats")
    return f"{url}?{urlencode(query)}" if query else url


def json_url(area, period: stats.Period) -> str:
    return (
        reverse("api_public_stats")
        + "?"
        + urlencode({"area": area.division_code, "from": period.from_key, "to": period.to_key})
    )


# --- the page -------------------------------------------------------------------------------


class MonthInput(forms.TextInput):
    input_type = "month"  # a month picker on phones; a plain text box elsewhere (YYYY-MM)


class PublicStatsForm(forms.Form):
    county = forms.ChoiceField(label=gettext_lazy("区县"), required=False)
    township = forms.ChoiceField(label=gettext_lazy("乡镇（可不选）"), required=False)
    month = forms.CharField(
        label=gettext_lazy("月份"),
        required=False,
        max_length=7,
        widget=MonthInput(attrs={"placeholder": "2026-03"}),
        help_text=gettext_lazy("年-月，例如 2026-03；不填为上一个完整月份"),
    )

    def __init__(self, data, city, today=None):
        super().__init__(data)
        self.city = city
        self.today = today
        counties = list(public_pages(CountyPage.objects.child_of(city)).order_by("path"))
        townships = public_pages(
            TownshipPage.objects.descendant_of(city).filter(depth=city.depth + 2)
        ).order_by("path")
        by_county: dict[str, list] = {c.path: [] for c in counties}
        for township in townships:
            by_county.setdefault(township.path[: -TownshipPage.steplen], []).append(township)
        self.counties = {c.division_code: c for c in counties}
        self.townships = {t.division_code: t for ts in by_county.values() for t in ts}
        self.fields["county"].choices = [
            ("", _("全市")),
            *[(code, county.title) for code, county in self.counties.items()],
        ]
        self.fields["township"].choices = [
            ("", _("全部乡镇")),
            *[
                (county.title, [(t.division_code, t.title) for t in by_county[county.path]])
                for county in counties
                if by_county.get(county.path)
            ],
        ]

    def clean_month(self):
        text = self.cleaned_data.get("month", "").strip()
        try:
            return public_period(text, text, today=self.today)
        except stats.PeriodError as error:
            raise forms.ValidationError(str(error)) from None

    def area(self):
        """The township if one is chosen (its county follows from it), else the county, else
        the city."""
        township = self.cleaned_data.get("township")
        if township:
            return self.townships[township]
        county = self.cleaned_data.get("county")
        return self.counties[county] if county else self.city


# 口径说明 in plain words, after the definitions in services/stats.py (figure_queries,
# resolved_by, _visits) and docs/statistics.md; the terms are the figures' own labels.
DEFINITIONS = (
    (
        stats.COUNT_LABELS["received"],
        gettext_lazy(
            "当月收到并登记的信访举报件数，含网上、来信、来访、电话、联络站和领导接访等各种渠道，重复件也计入。"
        ),
    ),
    (
        stats.COUNT_LABELS["concluded"],
        gettext_lazy("当月首次办结的件数（不论何时收到）。"),
    ),
    (
        stats.RATES["on_time_rate"][2],
        gettext_lazy("当月办结的件中，在办理期限内办结的所占比例。"),
    ),
    (
        stats.RATES["resolution_rate"][2],
        gettext_lazy(
            "办理期限在当月到期的件中，到月底已化解的所占比例。“化解”指已销号或终结，"
            "或已办结且反映人没有申请复查复核、没有重新办理。转办到其他机关的不计入。"
        ),
    ),
    (
        stats.RATES["satisfaction_rate"][2],
        gettext_lazy("当月回访中，反映人表示满意或基本满意的所占比例。"),
    ),
    (
        gettext_lazy("上年同期、同比"),
        gettext_lazy(
            "上年同期是上一年同一月份的数字；同比对件数是增减的百分比，对比率是相差的百分点。"
            "上年同期为零或不予公布时显示“—”。"
        ),
    ),
    (
        gettext_lazy("“<5”和“—”"),
        gettext_lazy(
            "为避免通过数字推断出具体的人，不足 5 件的数字显示为“<5”；"
            "由不足 5 件计算出的比率不予公布，显示为“—”。不公布任何个人信息，也不公布村一级的数字。"
        ),
    ),
)


@read_only
@rate_limited("api")
def statistics_page(request):
    """/statistics/: a GET form (county, township, month) and the published figures of the
    chosen area and the divisions under it."""
    page_cache.depend_on(request, page_cache.ANY_PAGE, "statistics")
    city = default_city()
    context = {"definitions": DEFINITIONS, "trail": [(_("信访举报统计"), None)]}
    if city is None:
        return TemplateResponse(request, "supervision/public_stats.html", context)
    form = PublicStatsForm(request.GET or None, city)
    if request.GET and not form.is_valid():
        context.update(form=form)
        return TemplateResponse(request, "supervision/public_stats.html", context, status=400)
    if request.GET:
        area, period = form.area(), form.cleaned_data["month"]
    else:
        form = PublicStatsForm({"month": last_complete_month().from_key}, city)
        form.is_valid()
        area, period = city, last_complete_month()
    data = build(area, period, request)
    context.update(
        form=form,
        data=data,
        labels=[data.total.figures[key]["label"] for key in stats.PUBLIC_FIGURES],
        json_url=json_url(area, period),
        any_hidden=any(cell["hidden"] for row in data.rows for cell in row.cells),
        any_suppressed=any(cell["suppressed"] for row in data.rows for cell in row.cells),
    )
    return TemplateResponse(request, "supervision/public_stats.html", context)
