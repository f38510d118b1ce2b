"""A disclosure's table import as background jobs, the catalog import's pattern
(services/import_jobs.py): the upload is staged, a task previews it (every bad row listed), the
uploader confirms and a second task writes it, all or nothing, then gives the page a new DRAFT
revision pointing at the new table (publishing is the township's approval workflow's call).

Progress: the preview records done/total on the job row in batches. The confirm writes in one
transaction, so its updates of the job row would not be seen until the end; it also records
done/total in the staged folder (`progress.json`), which the job page reads while it runs.
"""

from __future__ import annotations

import contextlib
import json
import logging
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from disclosures.import_jobs import DisclosureImport
from disclosures.services import affairs_import, staging, tables

logger = logging.getLogger(__name__)
Status = DisclosureImport.Status
Stage = DisclosureImport.Stage
FILE_KEY = "file"
PROGRESS_FILE = "progress.json"
STASH_FILE = "clean.jsonl"  # the preview's clean rows, written by the confirm
# All or nothing: a failed confirm wrote nothing and may simply be retried.
CONFIRMABLE = Q(status=Status.READY) | Q(stage=Stage.CONFIRM, status=Status.FAILED)


def _update(job: DisclosureImport, **fields) -> None:
    fields["updated_at"] = timezone.now()
    DisclosureImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _finish(job: DisclosureImport, status: str, **fields) -> None:
    _update(job, status=status, step="", finished_at=timezone.now(), **fields)
    if status not in (Status.READY, Status.FAILED):
        staging.discard(job.token)


def _progress_path(job: DisclosureImport) -> Path | None:
    try:
        return staging._folder(job.token) / PROGRESS_FILE
    except staging.StagedUploadMissing:
        return None


def live_progress(job: DisclosureImport) -> tuple[int, int]:
    """done/total of a running job: the job row, or the confirm's progress file if further."""
    done, total = job.done, job.total
    path = _progress_path(job) if job.stage == Stage.CONFIRM and job.is_running else None
    # A progress file not written yet, half written or already gone: the job row's figures stand.
    if path is not None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            data = json.loads(path.read_text(encoding="utf-8"))
            done, total = max(done, int(data["done"])), max(total, int(data["total"]))
    return done, total


# --- starting -----------------------------------------------------------------------------------


def start(user, page, upload) -> DisclosureImport:
    """Stage the uploaded file (an UploadedFile or (name, bytes)) and queue its preview."""
    expire()
    name = upload[0] if isinstance(upload, tuple) else upload.name
    token = staging.save(user.pk, page.pk, {FILE_KEY: upload})
    job = DisclosureImport.objects.create(
        page=page,
        user=user,
        token=token,
        file_name=name[:255],
        row_kind=tables.TABLE_OF_KIND[page.kind],
    )
    preview_disclosure_import.enqueue(job.pk)
    return job


def confirm(job: DisclosureImport) -> bool:
    """Queue the write of a previewed job; False if it is not (or no longer) confirmable."""
    queued = (
        DisclosureImport.objects.filter(CONFIRMABLE, pk=job.pk).update(
            stage=Stage.CONFIRM, status=Status.QUEUED, message="", updated_at=timezone.now()
        )
        == 1
    )
    if queued:
        confirm_disclosure_import.enqueue(job.pk)
    return queued


# --- the tasks ----------------------------------------------------------------------------------


@task()
def preview_disclosure_import(job_id: int) -> None:
    run_preview(job_id)


@task()
def confirm_disclosure_import(job_id: int) -> None:
    run_confirm(job_id)


def _file(job: DisclosureImport) -> tuple[str, Path]:
    files = staging.load(job.token, job.user_id, job.page_id)
    return files[FILE_KEY]


def _fail(job: DisclosureImport, error: Exception, what: str) -> None:
    if isinstance(error, affairs_import.ImportFileError):
        _finish(job, Status.INVALID, message=str(error))
    elif isinstance(error, staging.StagedUploadMissing | FileNotFoundError):
        _finish(job, Status.FAILED, message=_("上传的文件已过期或不存在，请重新上传。"))
    else:
        logger.exception("disclosure import %s failed during %s", job.pk, what)
        _finish(job, Status.FAILED, message=_("处理时出错，未写入任何内容；请重试。"))


def run_preview(job_id: int) -> None:
    job = DisclosureImport.objects.select_related("page").get(pk=job_id)
    _update(job, status=Status.RUNNING, step=_("逐行检查"), done=0, total=0)
    try:
        name, path = _file(job)
        report = affairs_import.check_file(
            _latest(job.page),
            path,
            name,
            progress=lambda done, total: _update(job, done=done, total=total),
            stash=path.parent / STASH_FILE,
        )
    except Exception as error:
        _fail(job, error, "preview")
        return
    status = Status.READY if report.ok else Status.INVALID
    _finish(job, status, report=report.as_json(), digest=report.digest if report.ok else "")


def run_confirm(job_id: int) -> None:
    job = DisclosureImport.objects.select_related("page", "user").get(pk=job_id)
    rows = (job.report or {}).get("rows", 0)
    _update(job, status=Status.RUNNING, step=_("写入明细"), done=0, total=rows)
    progress_path = _progress_path(job)

    def progress(done: int, total: int) -> None:
        if progress_path is not None:
            progress_path.write_text(json.dumps({"done": done, "total": rows or total}), "utf-8")

    try:
        name, path = _file(job)
        page = _latest(job.page)
        if affairs_import.page_context(page) != job.report.get("context"):
            _finish(
                job,
                Status.STALE,
                message=_(
                    "预检之后，本页的公开类别、期间或本村的村民小组数改了，预检结果已不适用，"
                    "未写入任何内容。请重新上传预检。"
                ),
            )
            return
        with transaction.atomic():
            table, created = affairs_import.write_staged(
                page,
                path.parent / STASH_FILE,
                job.digest,
                stash_sha256=job.report.get("stash_sha256", ""),
                user=job.user,
                file_name=name,
                total=rows,
                progress=progress,
            )
            # The same rows as a table of the page's again: nothing to write, but if the page
            # now shows another table (A, then B, then A again), a draft puts this one back.
            if created or page.table_id != table.pk:
                _save_draft(page, table, job.user)
    except affairs_import.FileChanged:
        _finish(
            job,
            Status.INVALID,
            message=_("确认时发现暂存的数据与预检时不一致，未写入任何内容。请重新上传预检。"),
        )
        return
    except Exception as error:
        _fail(job, error, "confirm")
        return
    _finish(job, Status.DONE, table=table, done=table.row_count, total=table.row_count)


def _latest(page):
    """The page as its latest revision has it (a draft's period, kind and table), which is
    what the import is for: the row in the database holds the published version."""
    page = page.specific
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


def _save_draft(page, table, user) -> None:
    """A new draft revision of the page (its latest content, other draft edits kept) with the new
    table. Not cleaned: a published page's 更正说明 is asked for when it is next published
    (services/affairs.validate), not here."""
    draft = page.get_latest_revision_as_object()
    draft.table = table
    draft.save_revision(user=user, clean=False, log_action=True)


# --- housekeeping -------------------------------------------------------------------------------


def expire(max_age_s: float = staging.DEFAULT_MAX_AGE_S) -> int:
    """Forget unconfirmed disclosure imports older than `max_age_s` (rows and staged files)."""
    cutoff = timezone.now() - timedelta(seconds=max_age_s)
    stale = DisclosureImport.objects.exclude(status=Status.DONE).filter(updated_at__lt=cutoff)
    tokens = list(stale.values_list("token", flat=True))
    removed, _detail = stale.delete()
    for token in tokens:
        staging.discard(token)
    return removed
