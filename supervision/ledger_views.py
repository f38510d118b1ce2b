"""Admin screens of the ledger (台账, docs/architecture.md "The ledger (台账)"):
导出台账 from the case list (small files in the request, large ones in the task worker),
我的台账导出 and its downloads, and 导入历史台账 (upload → preview in the worker →
confirm, all or nothing). The work is in services/ledger.py and services/ledger_import.py."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.base import ViewSet

from disclosures.services import affairs_import, spreadsheets

from .case_list import listed_cases, may_list_cases
from .models import LedgerExport, LedgerImport
from .services import identity, ledger, ledger_import
from .services.ledger_import import may_import
from .tasks import build_ledger_export

REFRESH_S = 3
CONTENT_TYPES = {"xlsx": ledger.XLSX_TYPE, "csv": "text/csv; charset=utf-8"}
# The list's own parameters that say nothing about which cases are listed.
NOT_FILTERS = {"p", "ordering", "export", "format", "_", "csrfmiddlewaretoken"}


def _attachment(response, name: str):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def list_query(params) -> dict[str, list[str]]:
    """The case list's filters and search as the user set them (what the task rebuilds)."""
    return {
        key: values
        for key, values in params.lists()
        if key not in NOT_FILTERS and any(v != "" for v in values)
    }


def export_view(request):
    """导出台账: exactly the cases of the list as filtered, in XLSX or CSV. A GET (the list's
    button) shows what will be exported; the export itself is a POST with the CSRF token, since
    it writes: the identity-access log for full names, and a job for a large file."""
    if not may_list_cases(request.user):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    file_format = params.get("format", "xlsx")
    if file_format not in ledger.FORMATS:
        raise Http404
    query = list_query(params)
    cases = listed_cases(request.user, query)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "supervision/admin/ledger_export_confirm.html",
            {
                "count": cases.count(),
                "file_format": file_format,
                "fields": [(k, v) for k, values in query.items() for v in values],
                "inline_rows": ledger.inline_rows(),
                "full_names": identity.role_sees_identity(request.user),
                "back_url": reverse("cases:index") + "?" + urlencode(query, doseq=True),
            },
        )
    if cases.count() > ledger.inline_rows():
        export = LedgerExport.objects.create(
            user=request.user, query=query, file_format=file_format
        )
        build_ledger_export.enqueue(export.pk)
        messages.success(request, _("台账较大，正在后台生成；生成后可在“我的台账导出”下载。"))
        return redirect("supervision_ledger:exports")
    name = ledger.file_name(file_format)
    if file_format == "csv":
        lines = ledger.export_csv_lines(request.user, cases)
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in lines), content_type=CONTENT_TYPES["csv"]
        )
        return _attachment(response, name)
    content, _count = ledger.export_bytes(request.user, cases, file_format)
    return _attachment(HttpResponse(content, content_type=CONTENT_TYPES["xlsx"]), name)


def exports_view(request):
    """我的台账导出: the user's exports, newest first; refreshes itself while one is running."""
    if not may_list_cases(request.user):
        raise PermissionDenied
    exports = list(LedgerExport.objects.filter(user=request.user)[:50])
    running = any(e.status in ("queued", "running") for e in exports)
    return TemplateResponse(
        request,
        "supervision/admin/ledger_exports.html",
        {
            "exports": exports,
            "refresh_s": REFRESH_S if running else None,
            "keep_days": ledger.KEEP_DAYS,
            "may_import": may_import(request.user),
        },
    )


def download_view(request, pk: int):
    export = get_object_or_404(LedgerExport, pk=pk)
    if export.user_id != request.user.pk:
        raise Http404  # someone else's export: not even its existence is shown
    path = ledger.export_path(export)
    if export.status != LedgerExport.Status.DONE or path is None or not path.is_file():
        raise Http404
    response = FileResponse(open(path, "rb"), content_type=CONTENT_TYPES[export.file_format])  # noqa: SIM115
    name = f"台账-{export.created_at:%Y%m%d-%H%M}.{export.file_format}"
    return _attachment(response, name)


# --- 导入历史台账 -------------------------------------------------------------------------------


def _may_import_or_403(request) -> None:
    if not may_import(request.user):
        raise PermissionDenied


def import_view(request):
    _may_import_or_403(request)
    context = {
        "headers": ledger_import.template_headers(),
        "required": ledger_import.REQUIRED,
        "recent": LedgerImport.objects.filter(user=request.user)[:5],
        "max_mb": affairs_import.cap("MAX_FILE_BYTES") // spreadsheets.MB,
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        error = spreadsheets.upload_error(upload, affairs_import.cap("MAX_FILE_BYTES"))
        if not error:
            job = ledger_import.start(request.user, upload)
            return redirect("supervision_ledger:import_job", job.pk)
        context["file_error"] = error
    return TemplateResponse(request, "supervision/admin/ledger_import.html", context)


def import_template_view(request):
    _may_import_or_403(request)
    response = HttpResponse(ledger_import.template_xlsx(), content_type=ledger.XLSX_TYPE)
    return _attachment(response, _("历史台账导入模板.xlsx"))


def _job(request, pk: int) -> LedgerImport:
    _may_import_or_403(request)
    job = get_object_or_404(LedgerImport, pk=pk)
    if job.user_id != request.user.pk:
        raise Http404
    return job


def import_job_view(request, pk: int):
    job = _job(request, pk)
    report = job.report or {}
    errors = report.get("errors") or []
    return TemplateResponse(
        request,
        "supervision/admin/ledger_import_job.html",
        {
            "job": job,
            "report": report,
            "errors": errors,
            "more_errors": max(0, report.get("error_count", 0) - len(errors)),
            "refresh_s": REFRESH_S if job.is_running else None,
        },
    )


@require_POST
def import_confirm_view(request, pk: int):
    job = _job(request, pk)
    if not ledger_import.confirm(job):
        messages.warning(request, _("这次导入不能再确认（已确认、已完成或已过期）。"))
    return redirect("supervision_ledger:import_job", job.pk)


class LedgerViewSet(ViewSet):
    """台账: the export's downloads and the historic import; shown to whoever has a case list."""

    name = "supervision_ledger"
    url_prefix = "ledger"
    icon = "table"
    menu_label = gettext_lazy("台账导出与导入")

    @property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class LedgerMenuItem(MenuItem):
            def is_shown(self, request):
                return may_list_cases(request.user)

        return LedgerMenuItem

    def get_urlpatterns(self):
        return [
            path("exports/", exports_view, name="exports"),
            path("export/", export_view, name="export"),
            path("exports/<int:pk>/download/", download_view, name="download"),
            path("import/", import_view, name="import"),
            path("import/template/", import_template_view, name="import_template"),
            path("import/<int:pk>/", import_job_view, name="import_job"),
            path("import/<int:pk>/confirm/", import_confirm_view, name="import_confirm"),
        ]
