"""The four published lists (docs/domain.md "The four published lists").

A county (or township) publishes a standard catalog (`PowerCatalogPage`) of power items
(`PowerItemPage`), each with ordered steps and risk points. A village shows the catalog that applies
to it plus its own additions (`PowerItemPage` children of the village) and its office holders,
without copying: a change to the catalog shows on every village page at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.base.chinese_words import index_words
from portal.base.pages import BasePage

from .forms import PowerItemForm
from .services.validation import END, normalise_target


class PowerCategory(models.Model):
    """A category of power items (重大事项决策, 村级财务管理...). Data, not code."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("权力事项类别")
        verbose_name_plural = _("权力事项类别")

    def __str__(self):
        return self.name


class Office(models.Model):
    """A village office (村党组织书记, 村文书, 报账员...): actors of steps, rows of the
    responsibility list."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("职务名称"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("村级职务")
        verbose_name_plural = _("村级职务")

    def __str__(self):
        return self.name


class PowerCatalogPage(BasePage):
    """A county's (or township's) standard small-power list."""

    issued_by = models.CharField(_("发布单位"), max_length=100, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True)
    intro = models.TextField(_("说明"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("issued_by"),
        FieldPanel("issued_on"),
        FieldPanel("intro"),
        InlinePanel(
            "office_duties",
            heading=_("责任清单（各职务职责）"),
            label=_("职务职责"),
            # Where the other half of the responsibility list is entered (OfficeHolder rows).
            help_text=_(
                "这里填写各职务的职责和责任追究情形，辖区各村共用。各村由谁担任这些职务，"
                "在该村页面的“村干部”标签中填写：页面 → 乡镇 → 村 → 编辑 → 村干部；"
                "乡镇编辑也可从管理后台首页“各村快捷入口”直接打开。"
            ),
        ),
    ]
    parent_page_types = ["villages.CountyPage", "villages.TownshipPage"]
    subpage_types = ["disclosures.PowerItemPage"]
    page_description = _("区县或乡镇统一制定的小微权力清单；其下各村自动公开，无需复制。")
    max_count_per_parent = 1
    template = "disclosures/catalog_page.html"

    class Meta:
        verbose_name = _("小微权力清单目录")
        verbose_name_plural = _("小微权力清单目录")

    def get_context(self, request, *args, **kwargs):
        from .services.lists import items_by_category, items_of

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = items_by_category(items_of(self))
        return context


class OfficeDuty(Orderable):
    """Duties and accountability of one office, set once in the catalog for every village."""

    catalog = ParentalKey(PowerCatalogPage, on_delete=models.CASCADE, related_name="office_duties")
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, verbose_name=pgettext_lazy("village office", "职务")
    )
    duties = models.TextField(_("主要职责"), help_text=_("每行一条。"))
    accountability = models.TextField(_("责任追究情形"), blank=True, help_text=_("每行一条。"))

    panels = [FieldPanel("office"), FieldPanel("duties"), FieldPanel("accountability")]

    class Meta(Orderable.Meta):
        verbose_name = _("职务职责")
        verbose_name_plural = _("职务职责")


class PowerItemPage(BasePage):
    """One power item: in a catalog (standard) or under a village (the village's own addition)."""

    number = models.CharField(
        _("编号"),
        max_length=20,
        help_text=_("在所属清单内唯一，例如 1、2、村1。只能用字母、数字、汉字和连字符。"),
    )
    category = models.ForeignKey(
        PowerCategory,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=pgettext_lazy("power item", "类别"),
    )
    legal_basis = models.TextField(_("法定依据"), blank=True)
    responsible_body = models.CharField(_("执行主体"), max_length=200, blank=True)
    boundaries = models.TextField(_("运行界限"), blank=True)
    disclosure_requirement = models.TextField(_("公开要求"), blank=True)
    supervision = models.TextField(_("监督管理"), blank=True)
    accountability = models.TextField(_("责任追究"), blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("number"), FieldPanel("category")], heading=_("编号与类别")),
        FieldPanel("legal_basis"),
        FieldPanel("responsible_body"),
        FieldPanel("boundaries"),
        FieldPanel("disclosure_requirement"),
        FieldPanel("supervision"),
        FieldPanel("accountability"),
        InlinePanel("steps", heading=_("程序步骤（拖动排序）"), label=_("步骤"), min_num=1),
        InlinePanel("risks", heading=_("风险点"), label=_("风险点")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("search_text"),
        # The admin's page search matches words (portal/base/chinese_words.py).
        index.AutocompleteField("admin_search_words"),
    ]
    parent_page_types = ["disclosures.PowerCatalogPage", "villages.VillagePage"]
    subpage_types = []
    page_description = _("一项小微权力：编号、依据、程序步骤（生成流程图）和风险点。")
    template = "disclosures/power_item_page.html"
    base_form_class = PowerItemForm

    class Meta:
        verbose_name = _("权力事项")
        verbose_name_plural = _("权力事项")
        indexes = [models.Index(fields=["number"])]

    def clean(self):
        super().clean()
        from .services.validation import validate_item

        validate_item(self)

    def save(self, *args, **kwargs):
        from .services.search_text import build_search_text

        self.search_text = build_search_text(self)
        return super().save(*args, **kwargs)

    def admin_search_words(self) -> str:
        return index_words(self.title, self.search_text)

    def get_context(self, request, *args, **kwargs):
        from .services.items import item_context
        from .services.village_copies import item_copies_context

        context = super().get_context(request, *args, **kwargs)
        context.update(item_context(self))
        context.update(item_copies_context(self))
        return context


class PowerStep(Orderable):
    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        WORKING_DAYS = "working_days", _("个工作日")

    item = ParentalKey(PowerItemPage, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(
        _("步骤号"), max_length=10, help_text=_("本事项内唯一，如 1、2、3a；分支用它指向步骤。")
    )
    actor = models.CharField(_("办理主体"), max_length=60)
    office = models.ForeignKey(
        Office,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("对应村级职务"),
        help_text=_("办理主体是村干部时选择，用于责任清单。"),
    )
    action = models.CharField(_("办理事项"), max_length=200)
    time_limit = models.PositiveSmallIntegerField(
        _("办理时限"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    time_unit = models.CharField(
        _("时限单位"), max_length=20, choices=Unit.choices, default=Unit.WORKING_DAYS
    )
    document = models.CharField(_("形成材料"), max_length=100, blank=True)
    branch_condition = models.CharField(
        _("分支条件"), max_length=60, blank=True, help_text=_("例如：不符合条件")
    )
    branch_target = models.CharField(
        _("分支去向"),
        max_length=10,
        blank=True,
        help_text=_("另一个步骤的步骤号，或填“结束”（也可填 end）表示办结（退回并书面告知）。"),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("actor"),
        FieldPanel("office"),
        FieldPanel("action"),
        FieldPanel("time_limit"),
        FieldPanel("time_unit"),
        FieldPanel("document"),
        FieldPanel("branch_condition"),
        FieldPanel("branch_target"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("程序步骤")
        verbose_name_plural = _("程序步骤")

    def __str__(self):
        return f"{self.key}. {self.action}"

    def save(self, *args, **kwargs):
        # 结束 typed in the admin is stored as END, the one value the rules and the chart read.
        self.branch_target = normalise_target(self.branch_target)
        super().save(*args, **kwargs)

    @property
    def time_limit_text(self) -> str:
        if not self.time_limit:
            return ""
        n = self.time_limit
        if self.time_unit == self.Unit.WORKING_DAYS:
            return ngettext("%(n)d个工作日", "%(n)d个工作日", n) % {"n": n}
        return ngettext("%(n)d日", "%(n)d日", n) % {"n": n}

    @property
    def branch_ends(self) -> bool:
        return self.branch_target == END


class RiskPoint(Orderable):
    class Level(models.TextChoices):
        HIGH = "high", _("高")
        MEDIUM = "medium", _("中")
        LOW = "low", _("低")

    item = ParentalKey(PowerItemPage, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(_("风险点"), max_length=200)
    manifestation = models.TextField(_("表现形式"), blank=True)
    level = models.CharField(_("风险等级"), max_length=10, choices=Level.choices)
    measures = models.TextField(_("防控措施"))
    responsible_office = models.CharField(_("责任人"), max_length=100, blank=True)
    supervising_body = models.CharField(_("监督主体"), max_length=100, blank=True)

    panels = [
        FieldPanel("description"),
        FieldPanel("manifestation"),
        FieldPanel("level"),
        FieldPanel("measures"),
        FieldPanel("responsible_office"),
        FieldPanel("supervising_body"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("风险点")
        verbose_name_plural = _("风险点")

    def __str__(self):
        return self.description


class OfficeHolder(Orderable):
    """Who holds an office in a village (the village's part of the responsibility list)."""

    village = ParentalKey(
        "villages.VillagePage", on_delete=models.CASCADE, related_name="office_holders"
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, verbose_name=pgettext_lazy("village office", "职务")
    )
    name = models.CharField(_("姓名"), max_length=50)
    note = models.CharField(_("备注"), max_length=100, blank=True, help_text=_("例如：一肩挑"))
    # The holder's own staff account, if they have one: a complaint about this office in this
    # village is then kept from them (回避, supervision/services/access.py). Never public.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("平台账号"),
        help_text=_("任职人若有本平台账号，请关联：反映该职务的信访件将对其回避。"),
    )

    panels = [FieldPanel("office"), FieldPanel("name"), FieldPanel("note"), FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("村干部任职")
        verbose_name_plural = _("村干部任职")

    def clean(self):
        if not self.name.strip():
            raise ValidationError({"name": _("请填写姓名。")})


# The import job record lives in its own module; imported here so that Django finds the model.
# Village affairs disclosure (村务公开): its own module, registered here so Django finds it.
from .affairs_models import (  # noqa: E402, F401
    AssetRow,
    DisclosureAttachment,
    DisclosurePage,
    DisclosureSchedule,
    DisclosureTable,
    FinanceRow,
    Kind,
    PeriodType,
    ProjectRow,
    RawValueAccess,
    SubsidyRow,
    WithdrawnVersion,
)
from .import_jobs import CatalogImport, DisclosureImport  # noqa: E402, F401
