"""The 一月一分析 dashboard in the admin (menu 信访举报 → 一月一分析), its 生成月度报告 button
and the report download (docs/architecture.md "一月一分析 dashboard and monthly report").

Every number is services/stats.py's, counted over the user's own cases (access.cases_for) in
the chosen area; services/analysis.py arranges them. Areas outside the user's jurisdiction are
refused (403), whatever the URL says.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.base import ViewSet

from .dispatch_models import MonthlyReport
from .services import analysis, monthly_report, stats


class Refused(Exception):
    """The user may not read this area (or the dashboard at all): a 403 page, not Wagtail's
    redirect to the admin home, so the refusal is plain to the user and to tests."""


def refused(request, message=None):
    message = message or _("该地区不在您的管辖范围内，不能查看其统计。")
    return TemplateResponse(
        request, "supervision/admin/analysis_denied.html", {"message": message}, status=403
    )


def _chosen(request):
    """The area and period of the GET form: (area, period, error)."""
    user = request.user
    code = (request.GET.get("area") or "").strip()
    area = stats.area_of(code) if code else analysis.top_area(user)
    if area is None:
        raise Http404
    if not analysis.may_see_area(user, area):
        raise Refused
    error = ""
    from_text, to_text = request.GET.get("from"), request.GET.get("to")
    if from_text or to_text:
        try:
            period = stats.Period.parse(from_text, to_text)
        except stats.PeriodError as problem:
            error = str(problem)
            period = analysis.last_complete_month()
    else:
        period = analysis.last_complete_month()
    return area.specific, period, error


def dashboard_view(request):
    user = request.user
    if not analysis.may_see_dashboard(user):
        return refused(request, _("您的账号没有一月一分析。"))
    try:
        area, period, error = _chosen(request)
    except Refused:
        return refused(request)
    result = stats.kept_report(area, period, user=user, with_breakdowns=analysis.CHART_BREAKDOWNS)
    leaders, leader_total = analysis.leader_cases(area, user)
    single_month = period.from_key == period.to_key
    report_row = monthly_report.report_for(area, period) if single_month else None
    query = urlencode({"area": area.division_code, "from": period.from_key, "to": period.to_key})
    context = {
        "area": area,
        "period": period,
        "error": error,
        "report": result,
        "areas": analysis.area_choices(user),
        "rows": analysis.rows(result),
        "trend_svg": analysis.trend_chart(result, user),
        "breakdowns": [
            {
                "name": name,
                "title": stats.BREAKDOWN_LABELS[name],
                "svg": analysis.breakdown_chart(result, name),
                "rows": analysis.group_rows(result, name),
            }
            for name in analysis.CHART_BREAKDOWNS
            if result.breakdowns.get(name)
        ],
        "group_headings": analysis.group_headings(),
        "overdue": [
            (case, analysis.days_overdue(case, result.as_of))
            for case in analysis.overdue_cases(result, user)
        ],
        "overdue_total": result.figures["overdue_open"].value,
        "overdue_url": stats.case_list_url("overdue_open", result),
        "leaders": leaders,
        "leader_total": leader_total,
        "leader_url": reverse("cases:index")
        + "?"
        + urlencode({"has_owner": "1", "area": area.division_code}),
        "flags": [
            {
                **flag,
                "href": reverse("cases:index")
                + "?"
                + urlencode({"flags": flag["flag"], "area": area.division_code}),
            }
            for flag in analysis.flag_counts(area, user)
        ],
        "reception": analysis.reception_line(result),
        "can_report": single_month
        and analysis.reports_possible(area)
        and not error
        and monthly_report.is_over(period),
        "report_row": report_row,
        "report_status": monthly_report.STATUS_LABELS.get(report_row.status, "")
        if report_row
        else "",
        "refresh": report_row is not None
        and report_row.status in (monthly_report.QUEUED, monthly_report.RUNNING),
        "query": query,
    }
    return TemplateResponse(request, "supervision/admin/analysis.html", context)


@require_POST
def generate_view(request):
    """生成月度报告: queue the month's PDF of the city or a county; back to the dashboard."""
    user = request.user
    area = stats.area_of(request.POST.get("area", ""))
    if area is None:
        raise Http404
    if not analysis.may_see_area(user, area) or not analysis.reports_possible(area):
        return refused(request)
    try:
        period = stats.Period.parse(request.POST.get("month"), None)
    except stats.PeriodError as problem:
        raise Http404 from problem
    if not monthly_report.is_over(period):
        messages.error(request, _("月度报告在该月结束后才能生成。"))
        query = urlencode({"area": area.specific.division_code, "from": period.from_key})
        return redirect(reverse("supervision_analysis:index") + "?" + query)
    monthly_report.request(area, period.start.year, period.start.month, user)
    query = urlencode(
        {"area": area.specific.division_code, "from": period.from_key, "to": period.to_key}
    )
    return redirect(reverse("supervision_analysis:index") + "?" + query)


def download_view(request, pk: int):
    """The report's PDF, to staff whose jurisdiction covers its area (the document's own URL
    is closed by the collection's view restriction)."""
    row = get_object_or_404(MonthlyReport.objects.select_related("document", "area"), pk=pk)
    if not monthly_report.download_allowed(request.user, row):
        return refused(request)
    if row.document is None or not row.document.file:
        raise Http404
    try:
        handle = row.document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=row.document.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _menu_item(test):
    from wagtail.admin.menu import MenuItem

    class ShownMenuItem(MenuItem):
        def is_shown(self, request):
            return test(request.user)

    return ShownMenuItem


class AnalysisViewSet(ViewSet):
    name = "supervision_analysis"
    url_prefix = "analysis"
    icon = "table"
    menu_label = gettext_lazy("一月一分析")

    @cached_property
    def menu_item_class(self):
        return _menu_item(analysis.may_see_dashboard)

    def get_urlpatterns(self):
        return [
            path("", dashboard_view, name="index"),
            path("report/", generate_view, name="generate"),
            path("report/<int:pk>/download/", download_view, name="download"),
        ]
