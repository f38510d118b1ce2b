"""django-import-export resources for a catalog: items, steps and risks, with Chinese column
names. One workbook holds three sheets (事项, 步骤, 风险); as CSV they are three files.

The resources say which column is which field and export the catalog; importing is
`services/catalog_io.py`, which cleans each cell with these widgets (so a cell means the same thing
in both directions) but plans and writes the pages itself. Widgets turn cells into values and say
in Chinese what is wrong with a cell. Text cells that a
spreadsheet would run as a formula (= + - @ at the start) are exported with a leading apostrophe
and the apostrophe is dropped again on import, so an export re-imported is identical.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Office, PowerCategory, PowerItemPage, PowerStep, RiskPoint
from .services.validation import END, END_LABEL, normalise_target

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class TextWidget(widgets.CharWidget):
    def __init__(self, required=False, max_length=None, label=""):
        super().__init__(allow_blank=True)
        self.required, self.max_length, self.label = required, max_length, label

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))  # spreadsheets turn 12 into 12.0
        text = unescape_formula(text.strip())
        if self.required and not text:
            raise ValueError(_("“%(label)s”不能为空。") % {"label": self.label})
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("“%(label)s”最多 %(n)d 个字，现有 %(m)d 个字。")
                % {"label": self.label, "n": self.max_length, "m": len(text)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return escape_formula("" if value is None else str(value))


class BranchTargetWidget(TextWidget):
    """分支去向: a step number, or 结束 (also end) for the end of the procedure. Exported as 结束,
    imported as END, the value the rules and the flowchart read."""

    def clean(self, value, row=None, **kwargs):
        return normalise_target(super().clean(value, row=row, **kwargs))

    def render(self, value, obj=None, **kwargs):
        return END_LABEL if value == END else super().render(value, obj=obj, **kwargs)


class PositiveIntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(_("办理时限必须是正整数，收到“%(v)s”。") % {"v": text}) from None
        if not number.is_integer() or number <= 0:
            raise ValueError(_("办理时限必须是正整数，收到“%(v)s”。") % {"v": text})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ChoiceLabelWidget(widgets.Widget):
    """Accepts the Chinese label (高, 个工作日) or the stored value (high, working_days).

    Files always carry the Chinese labels, whatever language the admin user reads, so that a
    file exported by one user imports for every other."""

    def __init__(self, choices, label, aliases=None, default=None):
        with translation.override(settings.LANGUAGE_CODE):
            self.labels = {val: str(lbl) for val, lbl in choices}
        self.by_label = {lbl: val for val, lbl in self.labels.items()}
        self.by_label.update(aliases or {})
        self.values = set(self.labels)
        self.label, self.default = label, default

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text and self.default:
            return self.default
        if text in self.values:
            return text
        if text in self.by_label:
            return self.by_label[text]
        raise ValueError(
            _("“%(label)s”应为 %(options)s 之一，收到“%(v)s”。")
            % {"label": self.label, "options": "、".join(self.by_label), "v": text}
        )

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, value or "")


class LiveStateWidget(widgets.Widget):
    """状态: whether the item is published. Blank keeps the item's current state (a new item is
    published); only an explicit 已发布 publishes an unpublished item."""

    PUBLISHED, UNPUBLISHED = "已发布", "未发布"

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if text == self.PUBLISHED:
            return True
        if text == self.UNPUBLISHED:
            return False
        raise ValueError(
            _("“状态”应为 %(a)s、%(b)s 之一（或留空保持不变），收到“%(v)s”。")
            % {"a": self.PUBLISHED, "b": self.UNPUBLISHED, "v": text}
        )

    def render(self, value, obj=None, **kwargs):
        return self.PUBLISHED if value else self.UNPUBLISHED


class LookupWidget(widgets.ForeignKeyWidget):
    """A related row by name (or code); says which name was not found."""

    def __init__(self, model, label, required=True):
        super().__init__(model, field="name")
        self.label, self.required = label, required
        # One query per distinct name, not per row: a resource deep-copies its widgets, so this
        # lives as long as one import.
        self._found: dict[str, object] = {}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            if self.required:
                raise ValueError(_("“%(label)s”不能为空。") % {"label": self.label})
            return None
        if text in self._found:
            return self._found[text]
        found = self.model.objects.filter(name=text).first() or (
            self.model.objects.filter(code=text).first()
        )
        if found is not None:
            self._found[text] = found
        if found is None:
            names = "、".join(self.model.objects.values_list("name", flat=True)[:12])
            raise ValueError(
                _("%(label)s“%(v)s”不存在。可用：%(names)s。")
                % {"label": self.label, "v": text, "names": names}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class ItemNumberWidget(widgets.ForeignKeyWidget):
    """A power item of the catalog being imported, by its number."""

    def __init__(self, catalog):
        super().__init__(PowerItemPage, field="number")
        self.catalog = catalog

    def get_queryset(self, value, row, *args, **kwargs):
        return PowerItemPage.objects.child_of(self.catalog)

    def clean(self, value, row=None, **kwargs):
        number = TextWidget().clean(value)
        if not number:
            raise ValueError(_("“事项编号”不能为空。"))
        item = self.get_queryset(value, row).filter(number=number).first()
        if item is None:
            raise ValueError(_("事项编号“%(v)s”在“事项”表和本清单中都不存在。") % {"v": number})
        return item

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


def text_field(attribute, column, required=False, max_length=None):
    return fields.Field(
        attribute=attribute,
        column_name=column,
        widget=TextWidget(required=required, max_length=max_length, label=column),
    )


class CatalogResource(resources.ModelResource):
    """Common ground: the catalog the rows belong to, Chinese columns, clean instances."""

    def __init__(self, catalog, **kwargs):
        super().__init__(**kwargs)
        self.catalog = catalog

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_diff = True
        skip_unchanged = False
        report_skipped = False


class PowerItemResource(CatalogResource):
    number = text_field("number", "编号", required=True, max_length=20)
    category = fields.Field(
        attribute="category", column_name="类别", widget=LookupWidget(PowerCategory, "类别")
    )
    title = text_field("title", "事项名称", required=True, max_length=255)
    legal_basis = text_field("legal_basis", "法定依据")
    responsible_body = text_field("responsible_body", "执行主体", max_length=200)
    boundaries = text_field("boundaries", "运行界限")
    disclosure_requirement = text_field("disclosure_requirement", "公开要求")
    supervision = text_field("supervision", "监督管理")
    accountability = text_field("accountability", "责任追究")
    state = fields.Field(attribute="live", column_name="状态", widget=LiveStateWidget())

    class Meta(CatalogResource.Meta):
        model = PowerItemPage
        import_id_fields = ["number"]
        fields = (
            "number",
            "category",
            "title",
            "legal_basis",
            "responsible_body",
            "boundaries",
            "disclosure_requirement",
            "supervision",
            "accountability",
            "state",
        )
        export_order = fields

    def get_queryset(self):
        return (
            PowerItemPage.objects.child_of(self.catalog)
            .select_related("category")
            .order_by("category__sort_order", "path")
        )


class ChildRowResource(CatalogResource):
    """Steps and risks: the rows in the file replace the item's rows, in file order."""

    def __init__(self, catalog, **kwargs):
        super().__init__(catalog, **kwargs)
        self.fields["item"].widget = ItemNumberWidget(catalog)

    def get_queryset(self):
        return (
            self._meta.model.objects.filter(item__in=PowerItemPage.objects.child_of(self.catalog))
            .select_related("item")
            .order_by("item__path", "sort_order", "pk")
        )


class PowerStepResource(ChildRowResource):
    item = fields.Field(attribute="item", column_name="事项编号")
    key = text_field("key", "步骤号", required=True, max_length=10)
    actor = text_field("actor", "办理主体", required=True, max_length=60)
    office = fields.Field(
        attribute="office",
        column_name="对应职务",
        widget=LookupWidget(Office, "对应职务", required=False),
    )
    action = text_field("action", "办理事项", required=True, max_length=200)
    time_limit = fields.Field(
        attribute="time_limit", column_name="办理时限", widget=PositiveIntegerWidget()
    )
    time_unit = fields.Field(
        attribute="time_unit",
        column_name="时限单位",
        widget=ChoiceLabelWidget(
            PowerStep.Unit.choices,
            "时限单位",
            aliases={"工作日": "working_days", "天": "days"},
            default=PowerStep.Unit.WORKING_DAYS,
        ),
    )
    document = text_field("document", "形成材料", max_length=100)
    branch_condition = text_field("branch_condition", "分支条件", max_length=60)
    branch_target = fields.Field(
        attribute="branch_target",
        column_name="分支去向",
        widget=BranchTargetWidget(max_length=10, label="分支去向"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("office")

    class Meta(CatalogResource.Meta):
        model = PowerStep
        fields = (
            "item",
            "key",
            "actor",
            "office",
            "action",
            "time_limit",
            "time_unit",
            "document",
            "branch_condition",
            "branch_target",
        )
        export_order = fields


class RiskPointResource(ChildRowResource):
    item = fields.Field(attribute="item", column_name="事项编号")
    description = text_field("description", "风险点", required=True, max_length=200)
    manifestation = text_field("manifestation", "表现形式")
    level = fields.Field(
        attribute="level",
        column_name="风险等级",
        widget=ChoiceLabelWidget(RiskPoint.Level.choices, "风险等级"),
    )
    measures = text_field("measures", "防控措施", required=True)
    responsible_office = text_field("responsible_office", "责任人", max_length=100)
    supervising_body = text_field("supervising_body", "监督主体", max_length=100)

    class Meta(CatalogResource.Meta):
        model = RiskPoint
        fields = (
            "item",
            "description",
            "manifestation",
            "level",
            "measures",
            "responsible_office",
            "supervising_body",
        )
        export_order = fields
