"""Complaints and reports (信访举报 / 检举控告 / 意见建议): one case record for every channel.

docs/domain.md "Complaints and reports" is the spec. A model says what a thing is; what the
system does with it lives in `supervision/services/` (intake, receipts, identity, access,
timeline). Every change to a case is a `CaseEvent`, written in the same transaction and never
edited afterwards, so Part 6's deadlines and Part 8's figures can be derived from the log.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField
from wagtail.models import Page

from portal.base.records import ImmutableRecord

from .choices import CaseKind
from .storage import case_files_storage


class ComplaintCategory(models.Model):
    """What a complaint is about (问题类别). Data, not code: staff add and rename categories;
    `code` is the Open311 `service_code` and never changes once partners use it."""

    code = models.SlugField(
        _("代码"),
        max_length=40,
        unique=True,
        help_text=_("开放接口（Open311）的 service_code，英文小写，启用后不要再改。"),
    )
    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    active = models.BooleanField(_("启用"), default=True)
    # Retention (docs/security.md "Retention and legal holds"): a closed case's reporter identity
    # is erased this many years after closing, unless a legal hold stands.
    retention_years = models.PositiveSmallIntegerField(
        _("保存年限"),
        default=10,
        help_text=_("销号后反映人身份信息保存的年数，到期由定期任务抹去（有法律保全的除外）。"),
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("问题类别")
        verbose_name_plural = _("问题类别")

    def __str__(self):
        return self.name


class Open311Partner(models.Model):
    """A partner system allowed to submit through the Open311 API (e.g. the 12345 hotline).

    Only a digest of the key is stored; the key itself is shown once, when it is issued
    (supervision/services/partners.py)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("密钥尾号"), max_length=8, editable=False)
    jurisdiction = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("可提交范围"),
        help_text=_("市、区县或乡镇页面：该系统只能为其下的村提交、查看。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    contact = models.CharField(_("对接联系人"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("签发人"),
    )
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("开放接口对接方")
        verbose_name_plural = _("开放接口对接方")

    def __str__(self):
        return self.name


class Complaint(models.Model):
    """One complaint, report or suggestion, whatever channel it came by."""

    Kind = CaseKind

    class Channel(models.TextChoices):
        STATION = "station", _("联络站代录")
        ONLINE = "online", _("网上")
        PHONE = "phone", _("电话")
        LETTER = "letter", _("来信")
        VISIT = "visit", _("来访")
        LEADER_RECEPTION = "leader_reception", _("领导接访")
        TRANSFER = "transfer", _("上级转交")
        OPEN311 = "open311", _("开放接口")

    class State(models.TextChoices):
        # docs/domain.md "Case path"; Part 6 (issue 9) defines the transitions.
        REGISTERED = "registered", _("已登记")
        ACCEPTED = "accepted", _("已受理")
        NOT_ACCEPTED = "not_accepted", _("不予受理")
        ASSIGNED = "assigned", _("已交办")
        TRANSFERRED = "transferred", _("已转办")
        IN_PROGRESS = "in_progress", _("办理中")
        EXTENDED = "extended", _("已延期")
        CONCLUDED = "concluded", _("已办结")
        VISITED = "visited", _("已回访")
        CLOSED = "closed", _("已销号")
        REVIEW = "review", _("复查中")
        RE_REVIEW = "re_review", _("复核中")
        FINAL = "final", _("已终结")

    number = models.CharField(_("编号"), max_length=32, unique=True, null=True, editable=False)  # noqa: DJ001 (unique only when set)
    receipt_code = models.CharField(_("回执码"), max_length=16, unique=True, editable=False)
    pin_digest = models.CharField(max_length=64, editable=False)

    kind = models.CharField(_("性质"), max_length=20, choices=Kind.choices, default=Kind.PETITION)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.REGISTERED, db_index=True
    )
    village = models.ForeignKey(
        "villages.VillagePage",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("所涉村（社区）"),
    )
    category = models.ForeignKey(
        ComplaintCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("问题类别")
    )
    power_item = models.ForeignKey(
        "disclosures.PowerItemPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("涉及的权力事项"),
    )
    # "有疑问?" on a village affairs disclosure (issue 10, part 8): the disclosure asked about and,
    # for a question about one row of its table, the row's line in that table.
    disclosure = models.ForeignKey(
        "disclosures.DisclosurePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("涉及的村务公开"),
    )
    disclosure_line = models.PositiveIntegerField(_("涉及的公开表格行号"), null=True, blank=True)
    # The row as the villager saw it (masked), kept even if a correction later replaces the table.
    disclosure_row = models.CharField(_("涉及的公开表格行"), max_length=300, blank=True)
    # Who or what is complained about (被反映人). Never shown to the public or to the person
    # accused: supervision/services/access.py keeps a cadre away from a case about them.
    accused_name = models.CharField(_("被反映人"), max_length=100, blank=True)
    accused_office = models.ForeignKey(
        "disclosures.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("被反映职务"),
    )
    accused_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("被反映的工作人员账号"),
        help_text=_("被反映人若有本平台账号，在此关联；其本人将看不到此件（回避）。"),
    )
    description = models.TextField(_("反映内容"), max_length=5000)
    place = models.CharField(_("地点"), max_length=200, blank=True)

    real_name = models.BooleanField(_("实名"), default=False)
    # §47 reporter protection: encrypted at rest (Fernet, keys from the environment, see
    # docs/security.md "Reporter identity"); read only through supervision/services/identity.py,
    # which logs every look.
    reporter_name = EncryptedCharField(_("反映人姓名"), max_length=50, null=True, blank=True)
    reporter_contact = EncryptedCharField(_("联系电话"), max_length=30, null=True, blank=True)
    reporter_id_number = EncryptedCharField(_("身份证号"), max_length=18, null=True, blank=True)
    reporter_address = EncryptedCharField(_("联系地址"), max_length=200, null=True, blank=True)
    # Keyed hashes of the normalised identity, for repeat matching (Part 6) without decrypting.
    identity_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class IntakeMode(models.TextChoices):
        VISIT = "visit", _("来访（到站当面反映）")
        PHONE = "phone", _("电话")
        LETTER = "letter", _("来信")

    # How the resident reached the station (the station's own channel is 联络站代录).
    intake_mode = models.CharField(
        _("反映方式"), max_length=10, choices=IntakeMode.choices, blank=True
    )
    consent_recorded = models.BooleanField(_("已征得反映人同意代为登记"), default=False)
    received_on = models.DateField(_("收到日期"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("最近更新"), default=timezone.now, editable=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("登记人"),
    )
    partner = models.ForeignKey(
        Open311Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        editable=False,
        verbose_name=_("对接方"),
    )
    partner_reference = models.CharField(_("对接方编号"), max_length=64, blank=True)

    # Handling (Part 6, supervision/services/workflow.py). Set only by transitions, each of which
    # writes an event; never edited directly.
    assigned_unit = models.CharField(_("承办单位"), max_length=100, blank=True, editable=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_cases",
        editable=False,
        verbose_name=_("承办人"),
    )
    transferred_to = models.CharField(_("转往机关"), max_length=100, blank=True, editable=False)
    owner_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cases",
        editable=False,
        verbose_name=_("包案领导"),
    )

    class LeaderLevel(models.TextChoices):
        CITY = "city", _("市级")
        COUNTY = "county", _("县级")
        DEPARTMENT = "department", _("机关部门")
        TOWNSHIP = "township", _("乡镇")

    owner_level = models.CharField(
        _("包案层级"), max_length=12, choices=LeaderLevel.choices, blank=True, editable=False
    )
    hard_case = models.BooleanField(_("骨头案"), default=False, editable=False)
    skipped_level = models.BooleanField(_("越级"), default=False, editable=False)
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        editable=False,
        verbose_name=_("首次件"),
    )

    # The clock, concluded from the event log by supervision/services/clock.refresh() after every
    # event and by the scheduled warning job; kept on the row so lists and figures can filter
    # and count without replaying each case's history.
    class Warning(models.TextChoices):
        NONE = "", _("正常")
        YELLOW = "yellow", _("黄色预警")
        RED = "red", _("红色预警（已超期）")

    accepted_on = models.DateField(_("受理日期"), null=True, blank=True, editable=False)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True, editable=False)
    extension_days = models.PositiveSmallIntegerField(_("延期天数"), default=0, editable=False)
    due_kind = models.CharField(_("当前期限"), max_length=30, blank=True, editable=False)
    due_date = models.DateField(_("期限"), null=True, blank=True, db_index=True, editable=False)
    due_provisional = models.BooleanField(_("期限暂定"), default=False, editable=False)
    warning = models.CharField(
        _("预警"), max_length=10, choices=Warning.choices, blank=True, db_index=True, editable=False
    )

    # A double submit makes one case: the form's one-time key (or an API idempotency key) is
    # unique. For a short while the receipt can be shown again to the same submitter (a retried
    # request whose first answer was lost), so the PIN is kept sealed until then.
    submission_key = models.CharField(max_length=80, unique=True, null=True, editable=False)  # noqa: DJ001 (unique only when set)
    sealed_pin = EncryptedCharField(max_length=6, null=True, blank=True, editable=False)
    receipt_reshow_until = models.DateTimeField(null=True, blank=True, editable=False)
    open311_token = models.CharField(max_length=40, unique=True, null=True, editable=False)  # noqa: DJ001 (unique only when set)

    # Facts for the figures (Part 8, supervision/services/stats.py; docs/statistics.md): dates
    # the event log gives, stored by clock.refresh() like the clock above, so a month's figures
    # are counted with indexes instead of replaying every case.
    class IntakeLevel(models.TextChoices):
        VILLAGE = "village", _("村级（联络站）")
        TOWNSHIP = "township", _("乡镇")
        COUNTY = "county", _("区县")
        CITY = "city", _("市级")
        ONLINE = "online", _("网上及接口")

    intake_level = models.CharField(
        _("受理层级"), max_length=10, choices=IntakeLevel.choices, blank=True, editable=False
    )
    not_accepted_on = models.DateField(_("不予受理日期"), null=True, blank=True, editable=False)
    transferred_on = models.DateField(_("转办日期"), null=True, blank=True, editable=False)
    # The first conclusion: a case reopened later still counts as concluded in that month, so a
    # past month's figures do not move.
    first_concluded_on = models.DateField(
        _("首次办结日期"), null=True, blank=True, db_index=True, editable=False
    )
    # 办结期限: acceptance + the conclusion rule + approved extensions (the deadline the first
    # conclusion is measured against; for an open case, the one it must still meet).
    conclusion_due_on = models.DateField(
        _("办结期限"), null=True, blank=True, db_index=True, editable=False
    )
    conclusion_days = models.PositiveIntegerField(
        _("办结用时（天）"), null=True, blank=True, editable=False
    )
    # The first time the outcome was contested: a 复查 or 复核 asked for, or the case reopened
    # after an unsatisfied return visit. Until then a concluded case counts as 化解.
    contested_on = models.DateField(_("提出异议日期"), null=True, blank=True, editable=False)
    # Struck off the ledger (销号) or ended after re-review (终结), the first time.
    resolved_on = models.DateField(_("化解日期"), null=True, blank=True, editable=False)
    # A matter received at a leader's reception day (领导接访) becomes a case linked to it.
    reception = models.ForeignKey(
        "supervision.ReceptionDay",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        editable=False,
        verbose_name=_("接访场次"),
    )
    # Entered from a ledger kept before the system (台账导入); its dates come from the ledger.
    imported = models.BooleanField(_("历史台账导入"), default=False, editable=False)
    # Set when retention erased the reporter's identity (services/retention.py).
    identity_erased_on = models.DateField(
        _("身份信息抹去日期"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("信访举报件")
        verbose_name_plural = _("信访举报件")
        indexes = [
            # The case list's order: a county's newest 50 are read from this index, the
            # jurisdiction checked row by row (docs/benchmarks.md "Open cases at scale").
            models.Index(fields=["-created_at", "-id"], name="complaint_recent"),
            models.Index(fields=["village", "-created_at"], name="complaint_village_recent"),
            models.Index(fields=["channel", "-created_at"], name="complaint_channel_recent"),
            # The figures count a period by these dates (services/stats.py).
            models.Index(fields=["received_on"], name="complaint_received"),
            models.Index(fields=["resolved_on"], name="complaint_resolved"),
            models.Index(fields=["accepted_on"], name="complaint_accepted"),
            models.Index(fields=["not_accepted_on"], name="complaint_not_accepted"),
            models.Index(fields=["transferred_on"], name="complaint_transferred"),
            models.Index(fields=["contested_on"], name="complaint_contested"),
            models.Index(fields=["closed_on"], name="complaint_closed"),
        ]
        permissions = [
            ("log_complaint", _("代为登记信访举报")),
            ("view_identity", _("查看反映人身份")),
        ]

    def __str__(self):
        return self.number or self.receipt_code

    @property
    def summary(self) -> str:
        """The first line of the description, short enough for a list."""
        first = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return first if len(first) <= 30 else first[:29] + "…"

    def clean(self):
        if self.real_name and not (
            (self.reporter_name or "").strip() and (self.reporter_contact or "").strip()
        ):
            raise ValidationError(_("实名反映需要填写真实姓名和能联系到的电话。"))


class CaseEvent(ImmutableRecord):
    """One thing that happened to a case: who, when, what, the public text (shown on the
    progress lookup) and the internal text (staff only). Written once, never changed."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交")
        LOGGED = "logged", _("代为登记")
        STATE = "state", _("状态变更")
        FEEDBACK = "feedback", _("阶段反馈")
        REPLY = "reply", _("答复")
        NOTE = "note", _("内部备注")
        ATTACHMENT = "attachment", _("附件")
        CORRECTION = "correction", _("信息更正")
        OWNER = "owner", _("领导包案")
        FLAG = "flag", _("标记")
        REPEAT = "repeat", _("重复件认定")
        NOTICE = "notice", _("告知")

    case = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", verbose_name=_("案件")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("经办人"),
    )
    actor_label = models.CharField(_("经办"), max_length=100, blank=True)
    from_state = models.CharField(_("原状态"), max_length=20, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, blank=True)
    public_text = models.TextField(_("公开说明"), blank=True, max_length=2000)
    internal_text = models.TextField(_("内部说明"), blank=True, max_length=5000)
    # What changed, by field name (never identity values: those stay encrypted on the case).
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()}"


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    # Never the uploaded name on disk: it may carry a person's name.
    return f"{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class CaseAttachment(models.Model):
    """A file sent with a complaint (image, PDF, audio). Kept outside the public media folder
    (STORAGES["case_files"]) and served only through supervision's views to staff who may see
    the case; its type is read from its content, never from its name."""

    case = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("案件")
    )
    file = models.FileField(_("文件"), storage=case_files_storage, upload_to=attachment_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=60)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.original_name


class IdentityAccess(ImmutableRecord):
    """Every look at a reporter's identity (§47): who, when, which case, where. Read by the
    auditor; written only by supervision/services/identity.py."""

    case = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="identity_accesses",
        verbose_name=_("案件"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("查看人"),
    )
    at = models.DateTimeField(_("查看时间"), default=timezone.now, db_index=True)
    context = models.CharField(_("查看场合"), max_length=100)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("身份查看记录")
        verbose_name_plural = _("身份查看记录")

    def __str__(self):
        return f"{self.user} · {self.case} · {self.at:%Y-%m-%d %H:%M}"


class LegalHold(models.Model):
    """A legal hold (法律保全) on a case: while one stands, retention erases nothing of the
    case. Placed and lifted by staff who may handle the case; each with a reason; never deleted
    (a lifted hold stays as history)."""

    case = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="legal_holds", verbose_name=_("案件")
    )
    reason = models.TextField(_("保全原因"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("设置人"),
    )
    placed_at = models.DateTimeField(_("设置时间"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解除人"),
    )
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lift_reason = models.TextField(_("解除原因"), blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("法律保全")
        verbose_name_plural = _("法律保全")

    def __str__(self):
        return f"{self.case} · {self.placed_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


# The working-day calendar lives in its own module; imported here so that Django finds it.
from .calendar_models import WorkCalendarDay, WorkCalendarYear  # noqa: E402, F401
from .dispatch_models import (  # noqa: E402, F401
    LedgerExport,
    LedgerImport,
    MonthlyReport,
    ReceptionDay,
    ReceptionRecord,
    SupervisedItem,
    SupervisedNote,
    SupervisedTask,
)
from .handling_models import (  # noqa: E402, F401
    DeadlineRule,
    MessageTemplate,
    Notice,
    RepeatCandidate,
    ReturnVisit,
)
