"""Catalog imports as background jobs: the upload is staged and a task previews it; the uploader
confirms and a second task writes it. A request never holds the database longer than it takes to
save the job row, and the uploader watches ``CatalogImport`` (stage, progress, report) in the
admin. See docs/architecture.md, "Import and export".
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from disclosures.import_jobs import CatalogImport
from disclosures.services import catalog_io, staging

logger = logging.getLogger(__name__)
Status = CatalogImport.Status
Stage = CatalogImport.Stage
# A failed confirm may be retried: writes are upserts by item number, each batch is whole.
CONFIRMABLE = Q(status=Status.READY) | Q(stage=Stage.CONFIRM, status=Status.FAILED)


def _update(job: CatalogImport, **fields) -> None:
    """Record progress without touching the rest of the row (one short write)."""
    fields["updated_at"] = timezone.now()
    CatalogImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _finish(job: CatalogImport, status: str, **fields) -> None:
    _update(job, status=status, step="", finished_at=timezone.now(), **fields)
    if status not in (Status.READY, Status.FAILED):
        staging.discard(job.token)  # nothing left to confirm or retry


# --- starting -----------------------------------------------------------------------------------


def start(user, catalog, uploads: dict) -> CatalogImport:
    """Stage the uploaded files (UploadedFile or (name, bytes)) and queue their preview."""
    expire()
    token = staging.save(user.pk, catalog.pk, uploads)
    names = {key: (u[0] if isinstance(u, tuple) else u.name) for key, u in uploads.items()}
    job = CatalogImport.objects.create(catalog=catalog, user=user, token=token, file_names=names)
    preview_catalog_import.enqueue(job.pk)
    return job


def confirm(job: CatalogImport) -> bool:
    """Queue the writes of a previewed job; False if it is not (or no longer) confirmable. The
    conditional update makes a double click queue one task, not two."""
    queued = (
        CatalogImport.objects.filter(CONFIRMABLE, pk=job.pk).update(
            stage=Stage.CONFIRM, status=Status.QUEUED, message="", updated_at=timezone.now()
        )
        == 1
    )
    if queued:
        confirm_catalog_import.enqueue(job.pk)
    return queued


# --- the tasks ----------------------------------------------------------------------------------


@task()
def preview_catalog_import(job_id: int) -> None:
    run_preview(job_id)


@task()
def confirm_catalog_import(job_id: int) -> None:
    run_confirm(job_id)


def _read(job: CatalogImport):
    _update(job, status=Status.RUNNING, step=_("读取文件"), done=0, total=0)
    files = staging.load(job.token, job.user_id, job.catalog_id)
    tables = catalog_io.read_upload(files)
    _update(job, step=_("逐行检查并与清单比较"), total=sum(len(t.rows) for t in tables.values()))
    return catalog_io.plan_import(
        job.catalog, tables, progress=lambda done, total: _update(job, done=done, total=total)
    )


def _fail_on_error(job: CatalogImport, error: Exception, what: str) -> None:
    if isinstance(error, catalog_io.ImportFileError):
        _finish(job, Status.INVALID, message=str(error))
    elif isinstance(error, staging.StagedUploadMissing):
        _finish(job, Status.FAILED, message=_("上传的文件已过期或不存在，请重新上传。"))
    else:
        logger.exception("catalog import %s failed during %s", job.pk, what)
        _finish(job, Status.FAILED, message=_("处理时出错，请重试；如仍出错请联系管理员。"))


def run_preview(job_id: int) -> None:
    job = CatalogImport.objects.select_related("catalog").get(pk=job_id)
    try:
        plan = _read(job)
    except Exception as error:
        _fail_on_error(job, error, "preview")
        return
    status = Status.READY if plan.report.ok else Status.INVALID
    _finish(job, status, report=plan.report.as_json(), fingerprint=plan.fingerprint)


def run_confirm(job_id: int) -> None:
    job = CatalogImport.objects.select_related("catalog", "user").get(pk=job_id)
    try:
        plan = _read(job)
    except Exception as error:
        _fail_on_error(job, error, "confirm")
        return
    if not plan.report.ok:  # e.g. a category was renamed since the preview
        _finish(
            job,
            Status.INVALID,
            report=plan.report.as_json(),
            message=_("确认前重新检查时发现错误，未写入任何内容。"),
        )
        return
    if plan.fingerprint != job.fingerprint:
        _finish(
            job,
            Status.STALE,
            message=_(
                "预检之后，本清单已被修改（有人编辑、发布或导入了事项）。为免覆盖这些修改，"
                "本次没有写入任何内容。请重新上传文件预检。"
            ),
        )
        return
    _update(job, step=_("写入事项"), done=0, total=len(plan.writes))

    def on_batch(done: int, total: int, fingerprint: str) -> None:
        _update(job, done=done, total=total, fingerprint=fingerprint)

    try:
        catalog_io.apply_plan(
            job.catalog,
            plan,
            user=job.user,
            on_batch=on_batch,
            file_name="、".join(job.file_names.values()),
        )
    except catalog_io.CatalogChanged as changed:
        _finish(
            job,
            Status.STALE,
            message=_(
                "导入过程中，事项 %(n)s 被他人修改，导入已停止；已写入的 %(done)d 项保留。"
                "请重新上传文件预检，将只列出尚未写入的差异。"
            )
            % {"n": changed.args[0], "done": job.done},
        )
        return
    except Exception:
        logger.exception("catalog import %s stopped while writing", job.pk)
        _finish(
            job,
            Status.FAILED,
            message=_(
                "导入中断：已完整写入 %(done)d 项，其余未写入。点击“重试”完成剩余部分，"
                "已写入的事项不会重复。"
            )
            % {"done": job.done},
        )
        return
    _finish(job, Status.DONE)


# --- housekeeping -------------------------------------------------------------------------------


def expire(max_age_s: float = staging.DEFAULT_MAX_AGE_S) -> tuple[int, int]:
    """Forget unconfirmed imports older than ``max_age_s`` (job rows and staged files), and any
    staged folder left without a job. Finished imports keep their row as a record. Idempotent:
    returns (jobs removed, folders removed)."""
    cutoff = timezone.now() - timedelta(seconds=max_age_s)
    stale = CatalogImport.objects.exclude(status=Status.DONE).filter(updated_at__lt=cutoff)
    tokens = list(stale.values_list("token", flat=True))
    jobs, _detail = stale.delete()
    for token in tokens:
        staging.discard(token)
    return jobs, staging.expire(max_age_s)
