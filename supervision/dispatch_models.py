"""Part 8 (一月一分析、一月一调度): what the monthly analysis and dispatch keep beside the cases.

- `ReceptionDay` / `ReceptionRecord`: leader reception days (领导接访): the public schedule and
  the record of each session; matters received there become cases linked to the day.
- `SupervisedItem` with its `SupervisedTask`s and `SupervisedNote`s: supervised items (督办事项)
  raised by inspections or dispatch, with a public progress page once published.
- `MonthlyReport`: the monthly analysis PDF of an area and month, kept as a CMS document.
- `LedgerExport` / `LedgerImport`: the ledger (台账) file built in the task worker, and imports
  of ledgers kept before the system.

What the system does with them lives in services (stats, dispatch, reception, ledger).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Page

from disclosures.import_jobs import ImportJob
from portal.base.records import ImmutableRecord


class ReceptionDay(models.Model):
    """A leader's reception day (领导接访日): when, where and who receives the public. Shown on
    the public schedule once published; its record says how many came and with what."""

    area = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所属地区"),
        help_text=_("市、区县或乡镇页面：接访安排显示在该地区的接访日程里。"),
    )
    leader_name = models.CharField(_("接访领导"), max_length=50)
    leader_title = models.CharField(_("职务"), max_length=100)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("领导账号"),
        help_text=_("领导有本平台账号时关联，接访登记的事项可直接由其包案。"),
    )
    date = models.DateField(_("接访日期"), db_index=True)
    start_time = models.TimeField(_("开始时间"))
    end_time = models.TimeField(_("结束时间"))
    place = models.CharField(_("接访地点"), max_length=200)
    topics = models.CharField(
        _("重点受理事项"),
        max_length=300,
        blank=True,
        help_text=_("例如：征地拆迁、惠民补贴、村级财务。不填则受理各类反映。"),
    )
    published = models.BooleanField(
        _("向社会公布"), default=True, help_text=_("公布后显示在公开的接访日程上。")
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-start_time", "pk"]
        verbose_name = _("领导接访日")
        verbose_name_plural = _("领导接访日")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.leader_title}{self.leader_name}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("结束时间应晚于开始时间。")})


class ReceptionRecord(models.Model):
    """What happened at one reception day: 接访 N 批 M 人次 and the matters in brief (never a
    visitor's name: each matter with a person behind it is logged as a case)."""

    day = models.OneToOneField(
        ReceptionDay,
        on_delete=models.PROTECT,
        related_name="record",
        verbose_name=_("接访场次"),
    )
    batches = models.PositiveIntegerField(_("接待批次"))
    persons = models.PositiveIntegerField(_("接待人次"))
    summary = models.TextField(
        _("接访情况"),
        max_length=3000,
        blank=True,
        help_text=_("反映的主要问题和处理意见，不写来访人姓名。"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("接访记录")
        verbose_name_plural = _("接访记录")

    def __str__(self):
        return f"{self.day} · {self.batches}批{self.persons}人次"

    def clean(self):
        if self.batches is not None and self.persons is not None and self.persons < self.batches:
            raise ValidationError({"persons": _("人次不能少于批次（每批至少一人）。")})


class SupervisedItem(ClusterableModel):
    """A supervised item (督办事项): an issue raised by an inspection or dispatch, owned by a
    unit and a leader, with a deadline, a task table and progress notes at a set rhythm."""

    class Source(models.TextChoices):
        INSPECTION = "inspection", _("巡视巡察反馈")
        SUPERVISION = "supervision", _("监督检查发现")
        DISPATCH = "dispatch", _("一月一调度")
        COMPLAINTS = "complaints", _("信访举报集中反映")
        HIGHER = "higher", _("上级交办")

    class Rhythm(models.TextChoices):
        DAILY = "daily", _("每日")
        WEEKLY = "weekly", _("每周")
        BIWEEKLY = "biweekly", _("每两周")
        MONTHLY = "monthly", _("每月")

    class Status(models.TextChoices):
        OPEN = "open", _("推进中")
        DONE = "done", _("已办结")

    title = models.CharField(_("督办事项"), max_length=200)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    source_detail = models.CharField(
        _("来源说明"),
        max_length=200,
        blank=True,
        help_text=_("例如：2026年县委第二轮巡察反馈问题第3条。"),
    )
    area = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("所属地区"),
        help_text=_("市、区县或乡镇页面：其工作人员可查看、更新，公开页显示在该地区下。"),
    )
    description = models.TextField(_("问题描述"), max_length=5000)
    owner_unit = models.CharField(_("责任单位"), max_length=100)
    owner_leader = models.CharField(_("责任领导"), max_length=100)
    deadline = models.DateField(_("办结时限"), db_index=True)
    rhythm = models.CharField(
        _("调度频次"),
        max_length=10,
        choices=Rhythm.choices,
        default=Rhythm.WEEKLY,
        help_text=_("多久报送一次进展；逾期未报送会预警。"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    completed_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    published = models.BooleanField(
        _("公开进展"),
        default=False,
        help_text=_("公开后，事项、任务节点和完成比例显示在公开的督办进展页上（不含内部说明）。"),
    )
    public_summary = models.TextField(
        _("公开说明"), max_length=2000, blank=True, help_text=_("公开页上显示的事项说明。")
    )
    created_at = models.DateTimeField(_("立项时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("立项人"),
    )
    warning = models.CharField(_("预警"), max_length=20, blank=True, editable=False)

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")

    def __str__(self):
        return self.title


class SupervisedTask(models.Model):
    """One row of a supervised item's task table: a sub-task with its own unit and due date;
    a milestone is shown on the public progress page."""

    item = ParentalKey(
        SupervisedItem, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("督办事项")
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"), default=1)
    title = models.CharField(_("任务"), max_length=200)
    owner_unit = models.CharField(_("责任单位"), max_length=100, blank=True)
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    milestone = models.BooleanField(_("关键节点"), default=False)
    weight = models.PositiveSmallIntegerField(
        _("权重"), default=1, help_text=_("计算完成比例时的分量，默认每项任务相同。")
    )

    class Meta:
        ordering = ["item", "sort_order", "pk"]
        verbose_name = _("督办任务")
        verbose_name_plural = _("督办任务")

    def __str__(self):
        return self.title


class SupervisedNote(ImmutableRecord):
    """A progress note (调度进展) on a supervised item; written once. Only a note marked public
    shows on the public progress page."""

    item = models.ForeignKey(
        SupervisedItem, on_delete=models.PROTECT, related_name="notes", verbose_name=_("督办事项")
    )
    at = models.DateTimeField(_("报送时间"), default=timezone.now, db_index=True)
    text = models.TextField(_("进展情况"), max_length=3000)
    public = models.BooleanField(_("公开"), default=False)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("附件"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报送人"),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("调度进展")
        verbose_name_plural = _("调度进展")

    def __str__(self):
        return f"{self.item} · {self.at:%Y-%m-%d}"


class MonthlyReport(models.Model):
    """The monthly analysis (一月一分析) PDF of an area (the city or a county) for a month, kept
    as a document of the CMS. One per area and month; regenerating replaces the document."""

    area = models.ForeignKey(
        Page, on_delete=models.PROTECT, related_name="+", verbose_name=_("地区")
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("文档"),
    )
    as_of = models.DateField(_("统计截至"), null=True, blank=True)
    generated_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    # When the current attempt began: an attempt whose process was killed stays "running";
    # the scheduled job takes it over once it is older than STALE_AFTER.
    started_at = models.DateTimeField(_("开始生成时间"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("申请人"),
    )
    status = models.CharField(_("状态"), max_length=10, default="queued")
    error = models.CharField(_("失败原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["-month", "area"]
        verbose_name = _("月度分析报告")
        verbose_name_plural = _("月度分析报告")
        constraints = [
            models.UniqueConstraint(fields=["area", "month"], name="monthly_report_unique")
        ]

    def __str__(self):
        return f"{self.area.title} {self.month:%Y-%m}"


class LedgerExport(models.Model):
    """A ledger (台账) file built in the task worker for a large export: the case list's filters
    as the user set them, masked for that user's role, downloadable by them alone."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("可下载")
        FAILED = "failed", _("失败")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("申请人"),
    )
    query = models.JSONField(_("筛选条件"), default=dict, blank=True)
    file_format = models.CharField(_("格式"), max_length=5)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="queued")
    rows = models.PositiveIntegerField(_("行数"), default=0)
    file = models.CharField(_("文件"), max_length=200, blank=True)
    error = models.CharField(_("失败原因"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("台账导出")
        verbose_name_plural = _("台账导出")

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M} · {self.file_format}"


class LedgerImport(ImportJob):
    """An import of a ledger kept before the system (历史台账): previewed row by row, then
    written all or nothing."""

    jurisdiction = models.ForeignKey(
        Page, on_delete=models.PROTECT, related_name="+", verbose_name=_("导入范围")
    )
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)

    class Meta(ImportJob.Meta):
        verbose_name = _("历史台账导入")
        verbose_name_plural = _("历史台账导入")
