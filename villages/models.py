"""The administrative tree: city → county → township → village, and each village's liaison station.

Every level is a Wagtail page so that editing, revisions, moderation and page permissions
(jurisdiction) come from Wagtail itself.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.base.chinese_words import index_words
from portal.base.pages import BasePage
from portal.base.records import ImmutableRecord
from portal.base.visibility import is_public

from .forms import AreaPageForm
from .hooks import village_child_page_types, village_panels, village_routes, village_sections
from .validators import CODE_LENGTHS, validate_code_under_parent, validate_division_code

# Public office numbers only: a landline with area code (0939-1234567) or a service hotline.
# A personal mobile must never be published (docs/domain.md "Village affairs disclosure").
office_phone_validator = RegexValidator(
    r"^(0\d{2,3}-?\d{7,8}(-\d{1,4})?|12345|400-?\d{3}-?\d{4})$",
    _("请填写座机号码（如 0939-5521234）或服务热线；个人手机号不得在公开页面发布。"),
)
phone_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    _("请填写 11 位手机号或带区号的座机号码。"),
)


class AreaPage(BasePage):
    """An administrative division with its official code and basic facts."""

    level: str = ""

    division_code = models.CharField(
        _("区划代码"),
        max_length=12,
        unique=True,
        help_text=_("国家统计局统计用区划代码：市、县 6 位，乡镇 9 位，村 12 位。"),
    )
    population = models.PositiveIntegerField(_("户籍人口"), null=True, blank=True)
    households = models.PositiveIntegerField(_("户数"), null=True, blank=True)
    intro = models.TextField(_("简介"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("division_code"), FieldPanel("population"), FieldPanel("households")],
            heading=_("基本情况"),
        ),
        FieldPanel("intro"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.FilterField("division_code"),
    ]
    base_form_class = AreaPageForm
    # The page type listed below this one on the public page, and the list's heading.
    child_model_name: str = ""
    children_heading = ""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.child_model_name:
            from .services.tree import remembered_children

            child_model = apps.get_model("villages", self.child_model_name)
            context["children"] = remembered_children(self, child_model)
            context["children_heading"] = self.children_heading
            context["empty_text"] = _("暂无公开内容。")
        return context

    def clean(self):
        super().clean()
        errors = {}
        try:
            validate_division_code(self.division_code, self.level)
        except ValidationError as error:
            errors["division_code"] = error
        if not errors and self.path:
            parent = self.get_parent()
            parent_code = getattr(parent.specific, "division_code", None) if parent else None
            try:
                validate_code_under_parent(self.division_code, self.level, parent_code)
            except ValidationError as error:
                errors["division_code"] = error
        if not errors:
            clash = find_code_clash(self)
            if clash is not None:
                errors["division_code"] = ValidationError(
                    _("区划代码 %(code)s 已被“%(title)s”使用。")
                    % {"code": self.division_code, "title": clash.title},
                    code="division_code_unique",
                )
        if errors:
            raise ValidationError(errors)


def find_code_clash(page: AreaPage):
    """Codes are unique across the whole tree, not only within one page type (city and county
    codes have the same length)."""
    for model in AREA_MODELS:
        if CODE_LENGTHS[model.level] != len(page.division_code or ""):
            continue
        clash = model.objects.filter(division_code=page.division_code).exclude(pk=page.pk).first()
        if clash is not None:
            return clash
    return None


def code_format_constraint(level: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(division_code__regex=rf"^[0-9]{{{CODE_LENGTHS[level]}}}$"),
        name=f"villages_{level}_division_code_format",
    )


class CityPage(AreaPage):
    template = "villages/area_page.html"
    level = "city"
    child_model_name = "CountyPage"
    children_heading = _("区县")

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["villages.CountyPage"]
    page_description = _("地级市（如陇南市），其下为区、县。")

    class Meta:
        verbose_name = _("市")
        verbose_name_plural = _("市")
        constraints = [code_format_constraint("city")]


class CountyPage(AreaPage):
    template = "villages/area_page.html"
    level = "county"
    child_model_name = "TownshipPage"
    children_heading = _("乡镇")

    class Kind(models.TextChoices):
        DISTRICT = "district", _("区")
        COUNTY = "county", _("县")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default=Kind.COUNTY)

    content_panels = [*AreaPage.content_panels, FieldPanel("kind")]
    parent_page_types = ["villages.CityPage"]
    subpage_types = ["villages.TownshipPage"]
    page_description = _("区或县，其下为乡镇。")

    class Meta:
        verbose_name = _("区县")
        verbose_name_plural = _("区县")
        constraints = [code_format_constraint("county")]


class TownshipPage(AreaPage):
    template = "villages/area_page.html"
    level = "township"
    child_model_name = "VillagePage"
    children_heading = _("村和社区")

    class Kind(models.TextChoices):
        TOWN = "town", _("镇")
        TOWNSHIP = "township", _("乡")
        ETHNIC_TOWNSHIP = "ethnic_township", _("民族乡")
        SUBDISTRICT = "subdistrict", _("街道")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.TOWN)

    content_panels = [*AreaPage.content_panels, FieldPanel("kind")]
    parent_page_types = ["villages.CountyPage"]
    subpage_types = ["villages.VillagePage"]
    page_description = _("乡、镇或街道，其下为村和社区；乡镇编辑和乡镇纪委按乡镇分管。")

    class Meta:
        verbose_name = _("乡镇")
        verbose_name_plural = _("乡镇")
        constraints = [code_format_constraint("township")]


class VillagePage(RoutablePageMixin, AreaPage):
    """A village (村) or community (社区) with its liaison station (村级纪检监察工作联络站).

    The station is part of the village page: every village has exactly one by construction, and
    its details go through the same revisions, moderation and permissions as the village.
    """

    level = "village"
    template = "villages/village_page.html"

    class Kind(models.TextChoices):
        VILLAGE = "village", _("村")
        COMMUNITY = "community", _("社区")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE)
    group_count = models.PositiveSmallIntegerField(_("村民小组数"), null=True, blank=True)

    station_name = models.CharField(
        _("联络站名称"),
        max_length=100,
        blank=True,
        help_text=_("留空则为“××村纪检监察工作联络站”。"),
    )
    station_head = models.CharField(_("站长"), max_length=50, blank=True)
    station_phone = models.CharField(
        _("联络站公开电话"), max_length=30, blank=True, validators=[office_phone_validator]
    )
    station_address = models.CharField(_("地址"), max_length=200, blank=True)
    station_hours = models.CharField(
        _("开放时间"),
        max_length=100,
        blank=True,
        help_text=_("例如：工作日 8:30-12:00，14:30-18:00"),
    )

    content_panels = [
        *AreaPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("group_count"),
    ]
    station_panels = [
        MultiFieldPanel(
            [
                FieldPanel("station_name"),
                FieldPanel("station_head"),
                FieldPanel("station_phone"),
                FieldPanel("station_address"),
                FieldPanel("station_hours"),
            ],
            heading=_("村级纪检监察工作联络站"),
        ),
        InlinePanel("station_members", heading=_("联络站工作人员"), label=_("工作人员")),
    ]
    office_panels = [
        InlinePanel(
            "office_holders",
            heading=_("村干部任职（责任清单）"),
            label=_("任职"),
            help_text=_("职责和责任追究情形来自区县清单目录，这里只需填写本村各职务的任职人员。"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("基本情况")),
            ObjectList(station_panels, heading=_("联络站")),
            ObjectList(office_panels, heading=_("村干部")),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )
    # The admin's page search finds a village by its office holders' and station staff's names
    # (portal/base/chinese_words.py; `office_holders` are the responsibility list's rows).
    search_fields = [*AreaPage.search_fields, index.AutocompleteField("admin_search_words")]
    parent_page_types = ["villages.TownshipPage"]
    # Filled from the register_village_child_page_types hook (villages/hooks.py).
    subpage_types: list[str] = []
    page_description = _("村或社区，含其村级纪检监察工作联络站；后续公开清单和村务公开挂在此处。")

    class Meta:
        verbose_name = _("村（社区）")
        verbose_name_plural = _("村（社区）")
        constraints = [code_format_constraint("village")]

    @property
    def station_display_name(self) -> str:
        return self.station_name or f"{self.title}纪检监察工作联络站"

    def admin_search_words(self) -> str:
        names = [holder.name for holder in self.office_holders.all()]
        names += [member.name for member in self.station_members.all()]
        return index_words(self.title, *names, whole=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["station_members"] = list(self.station_members.all())
        context["sections"] = [(section, section.href(self)) for section in village_sections()]
        context["panels"] = village_panels(self, request)
        return context

    def get_sitemap_urls(self, request=None):
        # The one rule for what the public may see (portal/base/visibility.py): a restricted
        # village lists neither itself nor its sub-URLs. One query per sitemap request.
        if not is_public(self, request):
            return []
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]
        return urls + [
            {**base, "location": base["location"] + self.reverse_subpage(section.route)}
            for section in village_sections()
            if section.in_sitemap and section.route
        ]

    # Sub-URLs (/power/, /complaint/ ...), section links and child page types come from the apps
    # that hang on the village, through the hooks in villages/hooks.py.
    @classmethod
    def get_subpage_urls(cls):
        return (*super().get_subpage_urls(), *village_routes())

    @classmethod
    def clean_subpage_models(cls):
        if cls._clean_subpage_models is None:
            cls.subpage_types = village_child_page_types()
        return super().clean_subpage_models()


class StationMember(Orderable):
    """A member of the liaison station (head plus 2-4 part-time staff). Their personal mobile is
    kept for internal contact and shown masked on public pages."""

    village = ParentalKey(VillagePage, on_delete=models.CASCADE, related_name="station_members")
    name = models.CharField(_("姓名"), max_length=50)
    duty = models.CharField(_("职务"), max_length=50, help_text=_("例如：站长、兼职监督员"))
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[phone_validator])

    panels = [FieldPanel("name"), FieldPanel("duty"), FieldPanel("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("联络站工作人员")
        verbose_name_plural = _("联络站工作人员")

    def __str__(self):
        return f"{self.name}（{self.duty}）"


AREA_MODELS = (CityPage, CountyPage, TownshipPage, VillagePage)


class Role(models.TextChoices):
    """Staff roles. Each maps to one Django group; jurisdiction comes from StaffProfile."""

    TOWNSHIP_EDITOR = "township_editor", _("乡镇编辑")
    TOWNSHIP_DISCIPLINE = "township_discipline", _("乡镇纪委")
    STATION_OPERATOR = "station_operator", _("联络站")
    COUNTY_PETITION = "county_petition", _("县纪委监委信访室")
    LEADER = "leader", _("包案领导")
    CITY_DISCIPLINE = "city_discipline", _("市纪委监委")
    AUDITOR = "auditor", _("审计（只读）")


class StaffProfile(models.Model):
    """A staff user's role and the one node of the tree they work under (their jurisdiction)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("用户"),
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("管辖范围"),
        help_text=_("市、区县、乡镇或村页面；只能查看和处理其下的事项。"),
    )
    title = models.CharField(_("职务"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("工作人员档案")
        verbose_name_plural = _("工作人员档案")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.jurisdiction.title}"

    def clean(self):
        if self.jurisdiction_id:
            specific_class = self.jurisdiction.specific_class
            if specific_class not in AREA_MODELS:
                raise ValidationError({"jurisdiction": _("管辖范围必须是市、区县、乡镇或村页面。")})
            if self.role in ROLE_LEVELS and specific_class.level not in ROLE_LEVELS[self.role]:
                raise ValidationError(
                    {
                        "jurisdiction": _("角色“%(role)s”的管辖范围应为：%(levels)s。")
                        % {
                            "role": self.get_role_display(),
                            "levels": "、".join(
                                str(LEVEL_LABELS[lv]) for lv in ROLE_LEVELS[self.role]
                            ),
                        }
                    }
                )


LEVEL_LABELS = {"city": _("市"), "county": _("区县"), "township": _("乡镇"), "village": _("村")}
# Which levels of the tree a role's jurisdiction may sit at.
ROLE_LEVELS = {
    Role.TOWNSHIP_EDITOR: ("township",),
    Role.TOWNSHIP_DISCIPLINE: ("township",),
    Role.STATION_OPERATOR: ("village",),
    Role.COUNTY_PETITION: ("county",),
    Role.LEADER: ("city", "county", "township"),
    Role.CITY_DISCIPLINE: ("city",),
    Role.AUDITOR: ("city", "county", "township"),
}


class StaffAction(ImmutableRecord):
    """The audit log of staff actions (docs/security.md "Audit log"): every sign-in, failed
    sign-in and sign-out, every change a staff user posts in the admin, and every download of
    case data. Written only by villages/services/audit.py; never changed or deleted; read by the
    auditor within their jurisdiction."""

    at = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("用户"),
    )
    # Kept as typed (a failed sign-in names no user) and as it was (a user may be renamed).
    username = models.CharField(_("登录名"), max_length=150, blank=True)
    role = models.CharField(_("角色"), max_length=30, blank=True)
    jurisdiction = models.ForeignKey(
        Page,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("管辖范围"),
    )
    action = models.CharField(_("操作"), max_length=40, db_index=True)
    method = models.CharField(_("请求方式"), max_length=10, blank=True)
    path = models.CharField(_("地址"), max_length=500, blank=True)
    view_name = models.CharField(_("功能"), max_length=200, blank=True)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField(_("结果代码"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")
        indexes = [models.Index(fields=["user", "-at"], name="staffaction_user_recent")]

    def __str__(self):
        return f"{self.username} · {self.action} · {self.at:%Y-%m-%d %H:%M}"
