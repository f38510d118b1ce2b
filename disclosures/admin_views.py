"""Wagtail admin screens to import and export a catalog: upload → job page (preview, in the
background) → confirm → job page (writing, in the background) → done. The work is in
services/import_jobs.py; these views only check permissions, stage the upload and show the job."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .import_jobs import CatalogImport
from .models import PowerCatalogPage
from .services import catalog_io, import_jobs, spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_FIELDS = ("xlsx", "items", "steps", "risks")
LIST_LIMIT = 300  # rows of each preview list shown on the page; the counts say the rest
REFRESH_S = 2


def _catalog(request, page_id: int, action: str) -> PowerCatalogPage:
    catalog = get_object_or_404(PowerCatalogPage, pk=page_id)
    permissions = catalog.permissions_for_user(request.user)
    allowed = permissions.can_publish() if action == "import" else permissions.can_edit()
    if not allowed:
        raise PermissionDenied
    return catalog


def catalog_export(request, page_id: int):
    catalog = _catalog(request, page_id, "export")
    fmt = request.GET.get("format", "xlsx")
    if fmt == "xlsx":
        content, ctype, ext = catalog_io.export_xlsx(catalog), XLSX, "xlsx"
        name = f"{catalog.title}.{ext}"
    else:
        sheet = request.GET.get("sheet", "items")
        if sheet not in catalog_io.SHEET_BY_KEY:
            raise Http404
        content, ctype = catalog_io.export_csv(catalog, sheet), "text/csv; charset=utf-8"
        name = f"{catalog.title}-{catalog_io.SHEET_BY_KEY[sheet].title}.csv"
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _upload_error(uploads: dict) -> str:
    """What is wrong with the upload as a whole, checked before a byte of it is read."""
    if not uploads:
        return _("请选择要导入的文件。")
    if "xlsx" not in uploads and "items" not in uploads:
        return _("请至少上传“事项”表。")
    for upload in uploads.values():
        try:
            spreadsheets.check_file_size(upload.name, upload.size, catalog_io.cap("MAX_FILE_BYTES"))
        except catalog_io.ImportFileError as error:
            return str(error)
    return ""


@require_http_methods(["GET", "POST"])
def catalog_import(request, page_id: int):
    """The 导入导出 page: everyone who may edit the catalog exports here; the import form is
    shown (and accepted) only to those who may publish it."""
    catalog = _catalog(request, page_id, "import" if request.method == "POST" else "export")
    can_import = catalog.permissions_for_user(request.user).can_publish()
    context = {
        "catalog": catalog,
        "can_import": can_import,
        "sheets": catalog_io.SHEETS,
        "max_mb": catalog_io.cap("MAX_FILE_BYTES") // spreadsheets.MB,
        "max_items": catalog_io.cap("MAX_ITEM_ROWS"),
        "recent": CatalogImport.objects.filter(catalog=catalog, user=request.user)[:5],
    }
    if request.method == "POST":
        uploads = {key: f for key in UPLOAD_FIELDS if (f := request.FILES.get(key)) is not None}
        if "xlsx" in uploads:
            uploads = {"xlsx": uploads["xlsx"]}  # a workbook holds every sheet
        error = _upload_error(uploads)
        if not error:
            job = import_jobs.start(request.user, catalog, uploads)
            return redirect("disclosures_catalog_import_job", job.pk)
        context["file_error"] = error
    return TemplateResponse(request, "disclosures/admin/import.html", context)


def _job(request, job_id: int) -> CatalogImport:
    job = get_object_or_404(CatalogImport.objects.select_related("catalog"), pk=job_id)
    if job.user_id != request.user.pk:
        raise Http404  # someone else's import: not even its existence is shown
    _catalog(request, job.catalog_id, "import")
    return job


def import_job(request, job_id: int):
    job = _job(request, job_id)
    report = catalog_io.ImportReport.from_json(job.report) if job.report else None
    context = {
        "job": job,
        "catalog": job.catalog,
        "report": report,
        "refresh_s": REFRESH_S if job.is_running else None,
        "list_limit": LIST_LIMIT,
    }
    if report:
        context["new_items"] = report.new_items[:LIST_LIMIT]
        context["changed_items"] = report.changed_items[:LIST_LIMIT]
        context["more_new"] = max(0, len(report.new_items) - LIST_LIMIT)
        context["more_changed"] = max(0, len(report.changed_items) - LIST_LIMIT)
        changed = [i["number"] for i in report.changed_items]
        context["changed_numbers"] = "、".join(changed[:20]) + ("……" if len(changed) > 20 else "")
    return TemplateResponse(request, "disclosures/admin/import_job.html", context)


@require_POST
def import_job_confirm(request, job_id: int):
    job = _job(request, job_id)
    if not import_jobs.confirm(job):
        messages.warning(request, _("这次导入不能再确认（已确认、已完成或已过期）。"))
    return redirect("disclosures_catalog_import_job", job.pk)
