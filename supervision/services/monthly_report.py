"""The monthly report PDF (一月一分析) of the city or a county, kept as a Wagtail document.

Built in the task worker (supervision/tasks.make_monthly_report) or by the scheduled command
(`manage.py monthly_reports`), never inside a request. The figures are stats.report(area,
period) over every case of the area (user None, like the public figures, but all of them and
unsuppressed: the report is for staff); the charts and sentences are services/analysis.py's,
the same as the dashboard's. The PDF names no complainant and no accused person.

The document lives in the collection "一月一分析", restricted so that Wagtail's own document
URL serves it to no one but a superuser; staff download it through `download_allowed` (their
jurisdiction covers the report's area). One `MonthlyReport` row per area and month; making it
again replaces the document's file (idempotent).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page

from disclosures.services.pdf import render_pdf
from villages.models import CityPage, CountyPage

from ..dispatch_models import MonthlyReport
from . import analysis, stats

COLLECTION_NAME = "一月一分析"
STYLESHEET = "supervision/css/monthly_report.css"
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATUS_LABELS = {
    QUEUED: gettext_lazy("排队中"),
    RUNNING: gettext_lazy("生成中"),
    DONE: gettext_lazy("可下载"),
    FAILED: gettext_lazy("失败"),
}


def collection() -> Collection:
    """The collection "一月一分析" (made on first use), closed to the public: a view
    restriction to no group at all, so only a superuser passes Wagtail's document view."""
    found = Collection.objects.filter(name=COLLECTION_NAME).first()
    if found is None:
        found = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=found).exists():
        CollectionViewRestriction.objects.create(
            collection=found, restriction_type=CollectionViewRestriction.GROUPS
        )
    return found


def month_of(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)


def month_end(year: int, month: int) -> datetime.date:
    return stats.Period.month(year, month).end


def is_over(period: stats.Period, today=None) -> bool:
    """Reports are made of months that are over: a running month's would be filed as done
    with half its figures and never made again."""
    return period.end < (today or timezone.localdate())


def context(area: Page, period: stats.Period, today=None) -> dict:
    today = today or timezone.localdate()
    result = stats.report(area, period, today=today, with_breakdowns=analysis.CHART_BREAKDOWNS)
    overdue = analysis.overdue_cases(result, None, limit=50)
    return {
        "area": area,
        "report": result,
        "rows": analysis.rows(result, links=False),
        "trend_svg": analysis.trend_chart(result, None, today=today),
        "breakdowns": [
            {
                "title": str(stats.BREAKDOWN_LABELS[name]),
                "svg": analysis.breakdown_chart(result, name, links=False),
                "rows": analysis.group_rows(result, name, links=False),
            }
            for name in analysis.CHART_BREAKDOWNS
            if result.breakdowns.get(name)
        ],
        "group_headings": analysis.group_headings(),
        "overdue": [(case, analysis.days_overdue(case, result.as_of)) for case in overdue],
        "hard_cases": analysis.flagged_cases(area, None, limit=50),
        "flags": analysis.flag_counts(area, None),
        "reception": analysis.reception_line(result),
        "analysis": analysis.analysis(result),
        "generated_on": today,
    }


def render(area: Page, period: stats.Period, today=None) -> bytes:
    """Build the report's PDF now (seconds: only the worker and the command call this)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "supervision/pdf/monthly_report.html", context(area, period, today), STYLESHEET
        )


def _file_name(area: Page, month: datetime.date) -> str:
    # A random part: the name alone never finds the file (defence in depth; MEDIA_ROOT's
    # documents/ are not served directly, only through the jurisdiction-checked download).
    token = secrets.token_urlsafe(12)
    return f"monthly-report-{area.specific.division_code}-{month:%Y-%m}-{token}.pdf"


def generate(area_id: int, year: int, month: int, requested_by=None, today=None) -> MonthlyReport:
    """Make (or make again) the report of `area` for the month and file it as the document of
    its `MonthlyReport` row; a failure is recorded on the row, not raised."""
    area = Page.objects.get(pk=area_id).specific
    first = month_of(year, month)
    period = stats.Period.month(year, month)
    today = today or timezone.localdate()
    row, _created = MonthlyReport.objects.get_or_create(
        area=area, month=first, defaults={"requested_by": requested_by, "status": RUNNING}
    )
    MonthlyReport.objects.filter(pk=row.pk).update(
        status=RUNNING, error="", started_at=timezone.now()
    )
    try:
        content = render(area, period, today)
    except Exception as error:  # recorded for the user; the worker's log has the traceback
        MonthlyReport.objects.filter(pk=row.pk).update(status=FAILED, error=str(error)[:300])
        raise
    Document = get_document_model()
    title = _("%(area)s %(period)s 一月一分析") % {"area": area.title, "period": period.label}
    name = _file_name(area, first)
    with transaction.atomic():
        row = MonthlyReport.objects.select_for_update().get(pk=row.pk)
        document = row.document or Document(title=title, collection=collection())
        if document.pk and document.file:
            document.file.delete(save=False)
        document.title = title
        document.file.save(name, ContentFile(content), save=False)
        document.file_size = len(content)
        document._set_file_hash()
        document.save()
        row.document = document
        row.as_of = period.as_of(today)
        row.generated_at = timezone.now()
        row.status = DONE
        row.error = ""
        if requested_by is not None:
            row.requested_by = requested_by
        row.save()
    return row


def request(area: Page, year: int, month: int, user) -> MonthlyReport:
    """生成月度报告 from the dashboard: mark the row queued and hand the work to the worker."""
    from ..tasks import make_monthly_report

    row, _created = MonthlyReport.objects.update_or_create(
        area=area, month=month_of(year, month), defaults={"status": QUEUED, "error": ""}
    )
    if row.requested_by_id is None:
        MonthlyReport.objects.filter(pk=row.pk).update(requested_by=user)
    transaction.on_commit(lambda: make_monthly_report.enqueue(area.pk, year, month, user.pk))
    return row


def report_for(area: Page, period: stats.Period) -> MonthlyReport | None:
    if (period.start.year, period.start.month) != (period.end.year, period.end.month):
        return None
    return (
        MonthlyReport.objects.filter(area=area, month=period.start)
        .select_related("document")
        .first()
    )


def download_allowed(user, row: MonthlyReport) -> bool:
    """Staff with the dashboard whose jurisdiction covers the report's area, and who are not
    recused (回避) from any case of the area: the report lists overdue and hard cases by
    number, made for everyone over the area, so a cadre named in one of them reads the
    dashboard (which leaves their cases out) instead."""
    if not analysis.may_see_area(user, row.area):
        return False
    area_cases = stats.area_cases(row.area)
    return not area_cases.exclude(pk__in=stats.area_cases(row.area, user).values("pk")).exists()


def scheduled_areas() -> list[Page]:
    """The city and every county: the areas the scheduled job makes reports for."""
    return [*CityPage.objects.order_by("path"), *CountyPage.objects.order_by("path")]


# A report takes seconds; one "running" for longer lost its process (a worker killed, a
# deploy) and is made again by the next run of the job.
STALE_AFTER = datetime.timedelta(minutes=30)


def is_stale(row: MonthlyReport, now=None) -> bool:
    now = now or timezone.now()
    return row.started_at is None or row.started_at < now - STALE_AFTER


def make_missing(year: int, month: int, today=None) -> list[MonthlyReport]:
    """The scheduled job: make the month's report of the city and every county that has none
    yet (done, or being made right now by another run); safe to run every few minutes."""
    made = []
    for area in scheduled_areas():
        existing = MonthlyReport.objects.filter(area=area, month=month_of(year, month)).first()
        complete = existing is not None and (
            existing.as_of is None or existing.as_of >= month_end(year, month)
        )
        if existing is not None and (
            (existing.status == RUNNING and not is_stale(existing))
            or (existing.status == DONE and existing.document_id and complete)
        ):
            continue
        try:
            made.append(generate(area.pk, year, month, today=today))
        except Exception:  # recorded on the row; the other areas still get theirs
            made.append(MonthlyReport.objects.get(area=area, month=month_of(year, month)))
    return made
