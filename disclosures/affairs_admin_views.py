"""Wagtail admin screens to import a disclosure's table rows: upload → job page (preview, in the
background) → confirm → job page (writing, in the background) → done; and the template workbook.
The work is in services/affairs_import_jobs.py; these views check that the user may edit the
page, stage the upload and show the job."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .affairs_models import DisclosurePage
from .import_jobs import DisclosureImport
from .services import affairs_import, affairs_import_jobs, spreadsheets, tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERROR_LIMIT = 500  # as many as the report keeps
REFRESH_S = 2


def forbidden_as_403(view):
    """A plain 403 for a user who may not edit the page (Wagtail's admin would otherwise turn
    PermissionDenied into a redirect to the dashboard, which hides what happened)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(_("你没有编辑这条公开的权限，不能导入明细。"))

    return wrapper


def _page(request, page_id: int) -> DisclosurePage:
    page = get_object_or_404(DisclosurePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if tables.spec_for_kind(page.kind) is None:
        raise Http404  # a kind without a table (党务、村务公开): nothing to import
    return page


def _spec(page: DisclosurePage):
    return tables.spec_for_kind(page.kind)


@forbidden_as_403
@require_http_methods(["GET", "POST"])
def disclosure_import(request, page_id: int):
    page = _page(request, page_id)
    spec = _spec(page)
    context = {
        "page": page,
        "spec": spec,
        "table_label": spec.model._meta.verbose_name,
        "headers": affairs_import.template_headers(spec.row_kind),
        "max_mb": affairs_import.cap("MAX_FILE_BYTES") // spreadsheets.MB,
        "max_rows": affairs_import.cap("MAX_ROWS"),
        "recent": DisclosureImport.objects.filter(page=page, user=request.user)[:5],
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        error = spreadsheets.upload_error(upload, affairs_import.cap("MAX_FILE_BYTES"))
        if not error:
            job = affairs_import_jobs.start(request.user, page, upload)
            return redirect("disclosures_affairs_import_job", job.pk)
        context["file_error"] = error
    return TemplateResponse(request, "disclosures/admin/affairs_import.html", context)


@forbidden_as_403
def disclosure_import_template(request, page_id: int):
    page = _page(request, page_id)
    spec = _spec(page)
    response = HttpResponse(affairs_import.template_xlsx(spec.row_kind), content_type=XLSX)
    name = _("%(table)s导入模板.xlsx") % {"table": spec.model._meta.verbose_name}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _job(request, job_id: int) -> DisclosureImport:
    job = get_object_or_404(DisclosureImport.objects.select_related("page"), pk=job_id)
    if job.user_id != request.user.pk:
        raise Http404  # someone else's import: not even its existence is shown
    _page(request, job.page_id)
    return job


@forbidden_as_403
def import_job(request, job_id: int):
    job = _job(request, job_id)
    page = job.page.specific
    spec = _spec(page)
    report = job.report or {}
    done, total = affairs_import_jobs.live_progress(job)
    totals = report.get("totals") or {}
    context = {
        "job": job,
        "page": page,
        "spec": spec,
        "report": report,
        "done": done,
        "total": total,
        "percent": int(100 * done / total) if total else 0,
        "totals": [(c.label, totals.get(c.name, "0.00")) for c in spec.total_columns],
        "errors": (report.get("errors") or [])[:ERROR_LIMIT],
        "more_errors": max(0, report.get("error_count", 0) - len(report.get("errors") or [])),
        "refresh_s": REFRESH_S if job.is_running else None,
        "duplicate": bool(report.get("duplicate_of_table")),
    }
    return TemplateResponse(request, "disclosures/admin/affairs_import_job.html", context)


@forbidden_as_403
@require_POST
def import_job_confirm(request, job_id: int):
    job = _job(request, job_id)
    if not affairs_import_jobs.confirm(job):
        messages.warning(request, _("这次导入不能再确认（已确认、已完成或已过期）。"))
    return redirect("disclosures_affairs_import_job", job.pk)
