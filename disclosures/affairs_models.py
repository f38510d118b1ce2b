"""Village affairs disclosure (村务公开): docs/domain.md "Village affairs disclosure", issue 10.

- `DisclosureSchedule`: what a county expects published by when (data, per county and kind).
- `DisclosurePage`: one disclosure of one village for one period, a Wagtail page under the
  village (revisions, the township's approval workflow, scheduled publishing). A published
  disclosure that is changed again carries a public 更正说明; its published revisions stay
  viewable (disclosures/services/affairs.py).
- `DisclosureTable`: the rows of a disclosure, immutable once written. An import makes a new
  table and the page points to it, so an earlier version of the page still shows the rows it
  showed, and importing the same file twice finds the table it already made (`digest`).
- Row models, one per table kind (`disclosures/services/tables.py` says which columns each has):
  personal data is masked when it enters; the raw values staff may need for checking are kept
  encrypted in `raw` and read only through `disclosures/services/raw_values.py`, which logs it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedJSONField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from portal.base.pages import BasePage
from portal.base.records import ImmutableRecord

from .forms import DisclosurePageForm


class Kind(models.TextChoices):
    """The kinds of village affairs disclosure (docs/domain.md)."""

    PARTY = "party", _("党务公开")
    AFFAIRS = "affairs", _("村务公开")
    FINANCE = "finance", _("财务收支")
    ASSETS = "assets", _("三资管理")
    SUBSIDY = "subsidy", _("惠民补贴“一卡通”")
    PROJECT = "project", _("工程项目")
    RELIEF = "relief", _("低保与救助")


class PeriodType(models.TextChoices):
    MONTH = "month", _("按月")
    QUARTER = "quarter", _("按季度")
    YEAR = "year", _("按年")
    ONCE = "once", _("逐项（事后限期公开）")


class DisclosureSchedule(models.Model):
    """When a kind of disclosure is due, for one county (or, with no county, everywhere no
    county rule says otherwise). Data, not code: a county edits its own rules.

    A periodic kind (month, quarter, year) is due on `due_day` of the month after its period
    ends (the 10th of next month for monthly finance; the 20th of the quarter's first month for
    the previous quarter). A one-off item (a 低保 preliminary list, a project of 50,000 元 or
    more) is due `due_working_days` working days after the event it reports, and stays on show
    at least `display_working_days` working days.
    """

    county = models.ForeignKey(
        "villages.CountyPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("区县"),
        help_text=_("留空为默认规则：没有本县规则的区县都按它执行。"),
    )
    kind = models.CharField(_("公开类别"), max_length=20, choices=Kind.choices)
    period_type = models.CharField(_("公开周期"), max_length=10, choices=PeriodType.choices)
    due_day = models.PositiveSmallIntegerField(
        _("截止日"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("按月、季、年公开的：期满后下一个月的几号前公开（1-28）。"),
    )
    due_working_days = models.PositiveSmallIntegerField(
        _("限期（工作日）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("逐项公开的：事项发生后几个工作日内公开。"),
    )
    display_working_days = models.PositiveSmallIntegerField(
        _("公示期（工作日）"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text=_("至少公示几个工作日，例如低保初步名单 7 个工作日；不要求可留空。"),
    )
    effective_from = models.DateField(
        _("执行日期"),
        default=datetime.date(2025, 1, 1),
        help_text=_("从这一天起按本规则检查是否按时公开；此前到期的各期不再提示。"),
    )
    basis = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("例如：村民委员会组织法第三十条")
    )

    panels = [
        FieldPanel("county"),
        FieldPanel("kind"),
        FieldPanel("period_type"),
        FieldRowPanel(
            [
                FieldPanel("due_day"),
                FieldPanel("due_working_days"),
                FieldPanel("display_working_days"),
            ]
        ),
        FieldPanel("effective_from"),
        FieldPanel("basis"),
    ]

    class Meta:
        ordering = ["county_id", "kind"]
        verbose_name = _("公开时限规则")
        verbose_name_plural = _("公开时限规则")
        constraints = [
            models.UniqueConstraint(fields=["county", "kind"], name="disclosure_schedule_unique"),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(county__isnull=True),
                name="disclosure_schedule_default_unique",
            ),
        ]

    def __str__(self):
        where = self.county.title if self.county_id else _("默认")
        return f"{where} · {self.get_kind_display()} · {self.get_period_type_display()}"

    def clean(self):
        if self.period_type == PeriodType.ONCE:
            if not self.due_working_days:
                raise ValidationError(
                    {"due_working_days": _("逐项公开的规则要写明事项发生后几个工作日内公开。")}
                )
        elif not self.due_day:
            raise ValidationError({"due_day": _("按月、季、年公开的规则要写明截止日（1-28）。")})


class DisclosureTable(models.Model):
    """The rows of one disclosure as imported once: never changed after it is written.

    A page revision names its table, so every published version keeps its own rows. `digest`
    is a hash of the rows' content: importing the same rows again for the same page finds this
    table instead of writing a second copy.
    """

    class RowKind(models.TextChoices):
        SUBSIDY = "subsidy", _("补贴发放明细")
        FINANCE = "finance", _("财务收支明细")
        ASSETS = "assets", _("三资台账")
        PROJECT = "project", _("工程项目")

    row_kind = models.CharField(_("表格类型"), max_length=20, choices=RowKind.choices)
    village = models.ForeignKey(
        "villages.VillagePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("村")
    )
    page = models.ForeignKey(
        "disclosures.DisclosurePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tables",
        verbose_name=_("所属公开"),
    )
    digest = models.CharField(max_length=64, db_index=True, editable=False)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    # Exact sums of the money columns, as strings of Decimals ({"amount": "12345.60"}).
    totals = models.JSONField(_("合计"), default=dict, blank=True)
    file_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("导入人"),
    )

    class Meta:
        verbose_name = _("公开表格")
        verbose_name_plural = _("公开表格")
        constraints = [
            models.UniqueConstraint(fields=["page", "digest"], name="disclosure_table_once")
        ]

    def __str__(self):
        return f"{self.get_row_kind_display()} · {self.row_count}"


class DisclosurePage(RoutablePageMixin, BasePage):
    """One disclosure of one village for one period (or one event)."""

    kind = models.CharField(_("公开类别"), max_length=20, choices=Kind.choices)
    period_type = models.CharField(
        _("公开周期"), max_length=10, choices=PeriodType.choices, default=PeriodType.QUARTER
    )
    period_start = models.DateField(
        _("所属期间（起）"),
        help_text=_("按月公开填该月 1 日，按季度填该季度第一天，按年填 1 月 1 日。"),
    )
    event_date = models.DateField(
        _("事项发生日期"),
        null=True,
        blank=True,
        help_text=_(
            "逐项公开的（如低保初步名单、5 万元以上项目）：审议或发生的日期，限期从此起算。"
        ),
    )
    # Computed on save from the county's schedule (disclosures/services/schedule.py).
    due_on = models.DateField(_("应公开日期"), null=True, blank=True, editable=False)
    publisher = models.CharField(
        _("公开单位"), max_length=100, blank=True, help_text=_("留空则为“××村村务监督委员会”。")
    )
    summary = models.TextField(_("说明"), blank=True, max_length=2000)
    body = RichTextField(
        _("正文"),
        blank=True,
        features=["h3", "bold", "ol", "ul", "link", "document-link"],
    )
    table = models.ForeignKey(
        DisclosureTable,
        # A table in use is never deleted on its own; with its village (which deletes the page
        # too) it goes.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("明细表"),
        help_text=_("用“导入明细”上传后自动填入。"),
    )
    correction_note = models.TextField(
        _("更正说明"),
        blank=True,
        max_length=1000,
        help_text=_("已公开的内容再次修改时必须填写：改了什么、为什么改。会向公众公开。"),
    )
    attachments_checked = models.BooleanField(
        _("附件已核对"),
        default=False,
        help_text=_(
            "附件（扫描件、照片）系统无法识别其中文字：请确认其中没有完整的身份证号、银行卡号和手机号。"
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("period_type"), FieldPanel("period_start")]),
        FieldPanel("event_date"),
        FieldPanel("publisher"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("attachments", label=_("附件")),
                FieldPanel("attachments_checked"),
            ],
            heading=_("附件（PDF、图片）"),
        ),
        FieldPanel("table", read_only=True),
        FieldPanel("correction_note"),
    ]
    base_form_class = DisclosurePageForm
    search_fields = [
        *BasePage.search_fields,
        index.FilterField("kind"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["villages.VillagePage"]
    subpage_types: list[str] = []
    page_description = _("本村某一期的党务、村务、财务、三资、补贴、项目或低保公开。")
    template = "disclosures/disclosure_page.html"

    class Meta:
        verbose_name = _("村务公开")
        verbose_name_plural = _("村务公开")
        indexes = [
            models.Index(fields=["kind", "period_start"], name="disclosure_kind_period"),
            # Public search reads matches newest first and stops at a few dozen
            # (portal/home/search.py), instead of sorting every match.
            models.Index(fields=["-period_start", "-page_ptr"], name="disclosure_newest"),
        ]

    @property
    def period_label(self) -> str:
        from .services.schedule import period_label

        return period_label(self.period_type, self.period_start, self.event_date)

    def full_clean(self, *args, **kwargs):
        from .services.affairs import prepare_for_save

        prepare_for_save(self)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # Also when Wagtail saves a new draft without validating it (required fields of drafts
        # are checked at publishing): the dashboard reads `due_on` from the row.
        from .services.affairs import prepare_for_save

        prepare_for_save(self)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from .services.affairs import validate

        validate(self)

    def get_context(self, request, *args, **kwargs):
        from .services.affairs import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    # Sub-URLs: the view code is disclosures/affairs_views.py. The downloads are also at
    # data.csv and data.json (disclosures/urls.py hands those to these routes).
    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        from .affairs_views import disclosure_pdf

        return disclosure_pdf(self, request)

    @path("csv/", name="csv")
    def csv_route(self, request):
        from .affairs_views import disclosure_csv

        return disclosure_csv(self, request)

    @path("json/", name="json")
    def json_route(self, request):
        from .affairs_views import disclosure_json

        return disclosure_json(self, request)

    @path("versions/<int:revision_id>/", name="version")
    def version_route(self, request, revision_id):
        from .affairs_views import disclosure_version

        return disclosure_version(self, request, revision_id)


class DisclosureAttachment(Orderable):
    """A file shown with a disclosure: a scan of the notice board, a photo, a PDF."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    caption = models.CharField(_("说明"), max_length=100, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


# --- the rows -----------------------------------------------------------------------------------


class TableRow(models.Model):
    """Common ground of the row models: the table it belongs to and its line in the file."""

    table = models.ForeignKey(DisclosureTable, on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(_("行号"))
    # The unmasked personal data of the row ({"name": ..., "id_number": ..., "bank_card": ...}),
    # encrypted at rest; never in a public output. Read it with services/raw_values.py.
    raw = EncryptedJSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["line"]

    def __str__(self):
        return _("第 %(line)s 行") % {"line": self.line}


class SubsidyRow(TableRow):
    """One payment to one household (惠民补贴“一卡通”, 低保与救助)."""

    household = models.CharField(_("户主"), max_length=20)  # masked: 张*明
    group = models.CharField(_("村民小组"), max_length=30)
    item = models.CharField(_("补贴项目"), max_length=60)
    standard = models.DecimalField(_("标准（元）"), max_digits=12, decimal_places=2)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("发放日期"))

    class Meta(TableRow.Meta):
        verbose_name = _("补贴发放明细")
        verbose_name_plural = _("补贴发放明细")
        indexes = [models.Index(fields=["table", "line"], name="subsidyrow_table_line")]


class FinanceRow(TableRow):
    """One entry of the village's income and expenditure."""

    entry_date = models.DateField(_("日期"))
    voucher = models.CharField(_("凭证号"), max_length=30, blank=True)
    summary = models.CharField(_("摘要"), max_length=200)  # masked text
    income = models.DecimalField(_("收入（元）"), max_digits=14, decimal_places=2, default=0)
    expense = models.DecimalField(_("支出（元）"), max_digits=14, decimal_places=2, default=0)

    class Meta(TableRow.Meta):
        verbose_name = _("财务收支明细")
        verbose_name_plural = _("财务收支明细")
        indexes = [models.Index(fields=["table", "line"], name="financerow_table_line")]


class AssetRow(TableRow):
    """One asset, resource or contract of the collective (三资)."""

    name = models.CharField(_("名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=20)  # 资产 / 资源 / 合同
    size = models.CharField(_("数量或面积"), max_length=50, blank=True)
    value = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    counterparty = models.CharField(_("承包（租用）方"), max_length=100, blank=True)  # masked
    term = models.CharField(_("期限"), max_length=50, blank=True)

    class Meta(TableRow.Meta):
        verbose_name = _("三资台账")
        verbose_name_plural = _("三资台账")
        indexes = [models.Index(fields=["table", "line"], name="assetrow_table_line")]


class ProjectRow(TableRow):
    """One village project: budget, contractor and progress."""

    name = models.CharField(_("项目名称"), max_length=100)
    budget = models.DecimalField(_("预算（元）"), max_digits=14, decimal_places=2)
    contractor = models.CharField(_("施工单位"), max_length=100, blank=True)
    progress = models.CharField(_("进度"), max_length=50, blank=True)
    paid = models.DecimalField(_("已支付（元）"), max_digits=14, decimal_places=2, default=0)
    started_on = models.DateField(_("开工日期"), null=True, blank=True)

    class Meta(TableRow.Meta):
        verbose_name = _("工程项目")
        verbose_name_plural = _("工程项目")
        indexes = [models.Index(fields=["table", "line"], name="projectrow_table_line")]


class RawValueAccess(ImmutableRecord):
    """Every look at a row's unmasked personal data: who, when, which row, why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("查看人"),
    )
    table = models.ForeignKey(
        DisclosureTable, on_delete=models.PROTECT, related_name="+", verbose_name=_("表格")
    )
    line = models.PositiveIntegerField(_("行号"))
    reason = models.CharField(_("查看事由"), max_length=200)
    viewed_at = models.DateTimeField(_("查看时间"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("原始信息查看记录")
        verbose_name_plural = _("原始信息查看记录")


class WithdrawnVersion(ImmutableRecord):
    """An earlier published version taken out of public view (it showed something it must not:
    a full ID number in a scan, a wrong household). Its page says it was withdrawn and why;
    the version itself is no longer served. Written once by staff who may publish the page."""

    page = models.ForeignKey(
        DisclosurePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("公开")
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="+", verbose_name=_("版本")
    )
    reason = models.CharField(_("撤下原因"), max_length=200)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("撤下人"),
    )
    withdrawn_at = models.DateTimeField(_("撤下时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("撤下的版本")
        verbose_name_plural = _("撤下的版本")
