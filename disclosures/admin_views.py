"""Wagtail admin screens to import and export a catalog (upload → dry-run preview → confirm)."""

from __future__ import annotations

import json
import secrets
import shutil
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .models import PowerCatalogPage
from .services import catalog_io

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_FIELDS = ("xlsx", "items", "steps", "risks")


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


def _upload_dir(token: str) -> Path:
    return Path(settings.VAR_DIR) / "imports" / token


def _save_upload(request, catalog, files: dict[str, tuple[str, bytes]]) -> str:
    token = secrets.token_urlsafe(16)
    folder = _upload_dir(token)
    folder.mkdir(parents=True)
    meta = {}
    for key, (name, raw) in files.items():
        (folder / key).write_bytes(raw)
        meta[key] = name
    (folder / "meta.json").write_text(
        json.dumps({"names": meta, "user": request.user.pk, "catalog": catalog.pk}),
        encoding="utf-8",
    )
    return token


def _load_upload(request, catalog, token: str) -> dict[str, tuple[str, bytes]]:
    if not token.replace("-", "").replace("_", "").isalnum():
        raise Http404
    folder = _upload_dir(token)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Http404 from None
    if meta["user"] != request.user.pk or meta["catalog"] != catalog.pk:
        raise PermissionDenied
    return {key: (name, (folder / key).read_bytes()) for key, name in meta["names"].items()}


@require_http_methods(["GET", "POST"])
def catalog_import(request, page_id: int):
    catalog = _catalog(request, page_id, "import")
    context = {"catalog": catalog, "sheets": catalog_io.SHEETS}
    if request.method == "GET":
        return TemplateResponse(request, "disclosures/admin/import.html", context)

    def page(**extra):
        return TemplateResponse(request, "disclosures/admin/import.html", {**context, **extra})

    token = request.POST.get("token", "")
    files = _load_upload(request, catalog, token) if token else _uploaded_files(request)
    if not files:
        return page(file_error=_("请选择要导入的文件。"))
    try:
        datasets = catalog_io.read_upload(files)
    except catalog_io.ImportFileError as error:
        return page(file_error=str(error))

    if token:  # confirm a previewed upload
        report = catalog_io.import_catalog(catalog, datasets, user=request.user, dry_run=False)
        if report.committed:
            shutil.rmtree(_upload_dir(token), ignore_errors=True)
            messages.success(
                request,
                _(
                    "导入完成：新增事项 %(c)d 项，更新 %(u)d 项，"
                    "步骤 %(s)d 条，风险点 %(r)d 条，已发布。"
                )
                % {"c": report.created, "u": report.updated, "s": report.steps, "r": report.risks},
            )
            return redirect(reverse("wagtailadmin_explore", args=[catalog.pk]))
        return page(report=report)

    report = catalog_io.import_catalog(catalog, datasets, user=request.user, dry_run=True)
    token = _save_upload(request, catalog, files) if report.ok else ""
    return page(report=report, token=token)


def _uploaded_files(request) -> dict[str, tuple[str, bytes]]:
    return {
        key: (upload.name, upload.read())
        for key in UPLOAD_FIELDS
        if (upload := request.FILES.get(key)) is not None
    }
