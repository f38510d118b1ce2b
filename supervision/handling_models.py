"""What handling a case adds to its record (Part 6): deadline rules as data, return visits,
repeat suggestions, and the notices sent to staff and to complainants.

Thin models; the behaviour is in supervision/services/ (workflow, clock, repeats, notices).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CaseKind


class DeadlineRule(models.Model):
    """One statutory time limit (docs/domain.md "Complaints and reports"). Data: a county that
    sets a shorter limit edits the row; `case_kind` blank means every kind, a row for a kind
    takes precedence."""

    class Code(models.TextChoices):
        ACCEPTANCE = "acceptance", _("告知是否受理")
        TRANSFER = "transfer", _("转办")
        CONCLUSION = "conclusion", _("办结")
        EXTENSION = "extension", _("延期（最长）")
        RESULT_NOTICE = "result_notice", _("告知办理结果")
        RETURN_VISIT = "return_visit", _("回访")
        REVIEW_APPLY = "review_apply", _("申请复查")
        REVIEW_ANSWER = "review_answer", _("复查答复")
        RE_REVIEW_APPLY = "re_review_apply", _("申请复核")
        RE_REVIEW_ANSWER = "re_review_answer", _("复核答复")

    class Unit(models.TextChoices):
        CALENDAR = "calendar", _("自然日")
        WORKING = "working", _("工作日")

    code = models.CharField(_("期限"), max_length=20, choices=Code.choices)
    case_kind = models.CharField(
        _("适用性质"),
        max_length=20,
        blank=True,
        choices=[("", _("全部")), *CaseKind.choices],
    )
    days = models.PositiveSmallIntegerField(_("天数"))
    unit = models.CharField(_("计算方式"), max_length=10, choices=Unit.choices)
    starts = models.CharField(_("起算"), max_length=100)
    basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["code", "case_kind"]
        verbose_name = _("办理期限规则")
        verbose_name_plural = _("办理期限规则")
        constraints = [
            models.UniqueConstraint(fields=["code", "case_kind"], name="deadline_rule_unique")
        ]

    def __str__(self):
        return f"{self.get_code_display()} {self.days}{self.get_unit_display()}"


class ReturnVisit(models.Model):
    """A return visit (回访) after conclusion: how satisfied the complainant is."""

    class Result(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASIC = "basic", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    class Method(models.TextChoices):
        PHONE = "phone", _("电话回访")
        VISIT = "visit", _("上门回访")
        ONLINE = "online", _("网上评价")

    case = models.ForeignKey(
        "supervision.Complaint",
        on_delete=models.PROTECT,
        related_name="return_visits",
        verbose_name=_("案件"),
    )
    at = models.DateTimeField(_("回访时间"), default=timezone.now)
    result = models.CharField(_("回访结果"), max_length=12, choices=Result.choices)
    method = models.CharField(_("回访方式"), max_length=10, choices=Method.choices)
    note = models.TextField(_("回访情况"), blank=True, max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回访人"),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("回访")
        verbose_name_plural = _("回访")

    def __str__(self):
        return f"{self.case} · {self.get_result_display()}"


class RepeatCandidate(models.Model):
    """An earlier case suggested as the same matter (重复件) on intake; staff confirm or reject.
    A confirmed one sets `Complaint.repeat_of` (supervision/services/repeats.py)."""

    class Reason(models.TextChoices):
        SAME_PERSON = "same_person", _("同一反映人")
        SAME_ACCUSED = "same_accused", _("同一被反映人、相似内容")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("待确认")
        CONFIRMED = "confirmed", _("确认为重复件")
        REJECTED = "rejected", _("不是重复件")

    case = models.ForeignKey(
        "supervision.Complaint",
        on_delete=models.CASCADE,
        related_name="repeat_candidates",
        verbose_name=_("案件"),
    )
    earlier = models.ForeignKey(
        "supervision.Complaint",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("可能相同的早先件"),
    )
    reason = models.CharField(_("依据"), max_length=20, choices=Reason.choices)
    score = models.FloatField(_("内容相似度"), default=1.0)
    status = models.CharField(
        _("确认情况"), max_length=12, choices=Status.choices, default=Status.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("疑似重复件")
        verbose_name_plural = _("疑似重复件")
        constraints = [
            models.UniqueConstraint(fields=["case", "earlier"], name="repeat_candidate_unique")
        ]

    def __str__(self):
        return f"{self.case} ≈ {self.earlier}"


class MessageTemplate(models.Model):
    """The Chinese text of a notice, editable by staff. Placeholders in braces ({number},
    {village}, {date}, {text}, {code}) are filled by supervision/services/notices.py."""

    class Code(models.TextChoices):
        ACCEPTED = "accepted", _("受理告知")
        NOT_ACCEPTED = "not_accepted", _("不予受理告知")
        TRANSFERRED = "transferred", _("转办告知")
        FEEDBACK = "feedback", _("阶段反馈")
        EXTENDED = "extended", _("延期告知")
        RESULT = "result", _("办理结果告知")
        WARNING_YELLOW = "warning_yellow", _("临期预警（工作人员）")
        WARNING_RED = "warning_red", _("超期预警（工作人员）")
        ASSIGNED = "assigned", _("交办通知（工作人员）")

    code = models.CharField(_("通知"), max_length=20, choices=Code.choices, unique=True)
    text = models.TextField(_("内容"), max_length=500)

    class Meta:
        ordering = ["code"]
        verbose_name = _("通知模板")
        verbose_name_plural = _("通知模板")

    def __str__(self):
        return self.get_code_display()


class Notice(models.Model):
    """A notice sent (or attempted) to a staff user or a complainant. `key` makes sending
    idempotent: the warning job run twice finds the first run's notice and sends nothing."""

    class Audience(models.TextChoices):
        STAFF = "staff", _("工作人员")
        COMPLAINANT = "complainant", _("反映人")

    class Channel(models.TextChoices):
        ADMIN = "admin", _("后台通知")
        EMAIL = "email", _("电子邮件")
        SMS = "sms", _("短信")

    key = models.CharField(max_length=200, unique=True)
    case = models.ForeignKey(
        "supervision.Complaint",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("案件"),
    )
    audience = models.CharField(_("对象"), max_length=12, choices=Audience.choices)
    channel = models.CharField(_("方式"), max_length=10, choices=Channel.choices)
    code = models.CharField(_("通知"), max_length=20, choices=MessageTemplate.Code.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="supervision_notices",
        verbose_name=_("接收人"),
    )
    recipient = models.CharField(_("接收方（已遮盖）"), max_length=100, blank=True)
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    sent = models.BooleanField(_("已发出"), default=False)
    error = models.CharField(_("发送失败原因"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    # Set on a staff warning whose recipient has an e-mail address until the digest carrying it
    # has gone out: a run killed before its digests, or an SMTP failure, leaves it set, and the
    # next run mails it (services/warnings.py).
    mail_pending = models.BooleanField(_("待发邮件"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [
            models.Index(fields=["user", "read_at"], name="notice_user_unread"),
            models.Index(
                fields=["user", "id"],
                condition=models.Q(mail_pending=True),
                name="notice_mail_pending",
            ),
        ]

    def __str__(self):
        return f"{self.case} · {self.get_code_display()}"
