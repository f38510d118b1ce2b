"""The records of imports: who uploaded what, how far the background work has got, and what the
preview found. A catalog import (services/import_jobs.py) and a disclosure's table import
(services/affairs_import_jobs.py) share the job's life: staged, previewed, confirmed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """What every import job records; abstract, each kind has its own table."""

    class Stage(models.TextChoices):
        PREVIEW = "preview", _("预检")
        CONFIRM = "confirm", _("导入")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        READY = "ready", _("预检通过，待确认")
        INVALID = "invalid", _("有错误，未导入")
        STALE = "stale", _("清单已变化，需重新预检")
        FAILED = "failed", _("中断")
        DONE = "done", _("已完成")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("上传人"),
    )
    token = models.CharField(_("暂存文件"), max_length=40, blank=True)
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices, default="preview")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="queued")
    step = models.CharField(_("当前步骤"), max_length=100, blank=True)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.TextField(_("说明"), blank=True)
    report = models.JSONField(_("预检结果"), default=dict, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class CatalogImport(ImportJob):
    catalog = models.ForeignKey(
        "disclosures.PowerCatalogPage",
        on_delete=models.CASCADE,
        related_name="imports",
        verbose_name=_("清单"),
    )
    file_names = models.JSONField(_("文件名"), default=dict)
    # The catalog's state when previewed, then after every written batch: a confirm refuses to
    # run if anything else changed the catalog in between.
    fingerprint = models.CharField(max_length=40, blank=True)

    class Meta(ImportJob.Meta):
        verbose_name = _("清单导入")
        verbose_name_plural = _("清单导入")

    def __str__(self):
        return f"{self.catalog_id} {self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class DisclosureImport(ImportJob):
    """One upload of a disclosure's table rows (issue 10, part 4): staged, previewed in the task
    worker (every bad row listed), confirmed, then written all or nothing as a new table of the
    page."""

    page = models.ForeignKey(
        "disclosures.DisclosurePage",
        on_delete=models.CASCADE,
        related_name="imports",
        verbose_name=_("公开"),
    )
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    row_kind = models.CharField(_("表格类型"), max_length=20)
    # `report` holds the preview: {"rows": n, "errors": [{"line": 7, "column": "金额",
    # "message": "..."}], "error_count": n, "totals": {...}, "duplicate_of_table": id or None};
    # `digest` the previewed rows' (rows.Digest).
    digest = models.CharField(max_length=64, blank=True)
    table = models.ForeignKey(
        "disclosures.DisclosureTable",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("导入结果"),
    )

    class Meta(ImportJob.Meta):
        verbose_name = _("明细导入")
        verbose_name_plural = _("明细导入")

    def __str__(self):
        return f"{self.page_id} {self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"
