"""django-import-export resources for the rows of a disclosure's table (issue 10, part 4).

Each resource says which Chinese column is which field, and its widgets turn a cell (as openpyxl
or the csv module gives it) into a value or say in Chinese what is wrong with it. The import
(`services/affairs_import.py`) cleans every cell through these fields and widgets, then checks
what only the whole row and the page can say (amount = standard × quantity, the village's groups,
the period, duplicates) and writes the rows with `rows.write_table` in bulk. The library's own
row-by-row `import_data` works with the same resources too; the benchmark compares the two
(docs/benchmarks.md "Subsidy import at 100,000 rows").

Raw-only columns (身份证号, 银行卡号) have no attribute: they are cleaned and checked, then kept in
the row's encrypted `raw`, never in a column (rows.make_row).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .affairs_models import AssetRow, FinanceRow, ProjectRow, SubsidyRow
from .resources import TextWidget

CENT = Decimal("0.01")
MONEY_LIMIT = Decimal("999999999999.99")  # max_digits=14, decimal_places=2


def _blank(value, label: str, required: bool) -> bool:
    """True for an empty cell that may be empty; a Chinese error for one that may not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError(_("“%(label)s”不能为空。") % {"label": label})
        return True
    return False


class NumberWidget(widgets.DecimalWidget):
    """A non-negative number with at most two decimals: 1,234.50, "120元", 120.5 (a float from
    a workbook, read by its shortest repr, so 120.35 stays 120.35)."""

    def __init__(self, label: str, required: bool = False):
        super().__init__()
        self.label, self.required = label, required

    def clean(self, value, row=None, **kwargs):
        if _blank(value, self.label, self.required):
            return None
        if isinstance(value, bool):
            raise ValueError(self._not_a_number(value))
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        else:
            text = str(value).strip().replace(",", "").replace("，", "").removesuffix("元")
            try:
                number = Decimal(text.strip())
            except InvalidOperation:
                raise ValueError(self._not_a_number(value)) from None
        if not number.is_finite():
            raise ValueError(self._not_a_number(value))
        if number < 0:
            raise ValueError(
                _("“%(label)s”不能是负数：%(v)s。") % {"label": self.label, "v": value}
            )
        # The size first: quantizing a number like 1.5e309 to cents overflows the decimal
        # context (InvalidOperation) instead of answering.
        if number > MONEY_LIMIT:
            raise ValueError(_("“%(label)s”数额过大：%(v)s。") % {"label": self.label, "v": value})
        if number != number.quantize(CENT):
            raise ValueError(
                _("“%(label)s”最多两位小数：%(v)s。") % {"label": self.label, "v": value}
            )
        return number.quantize(CENT)

    def _not_a_number(self, value) -> str:
        return _("“%(label)s”不是数字：%(v)s。") % {"label": self.label, "v": value}


DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class ChineseDateWidget(widgets.DateWidget):
    """A date cell: a date from the workbook, or 2026-08-15, 2026/8/15, 2026.8.15, 2026年8月15日,
    20260815."""

    def __init__(self, label: str, required: bool = False):
        super().__init__()
        self.label, self.required = label, required

    def clean(self, value, row=None, **kwargs):
        if _blank(value, self.label, self.required):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        match = DATE_RE.match(text) or COMPACT_DATE_RE.match(text)
        # A date that looks right but does not exist (2026-02-30) gets the same message.
        if match:
            with contextlib.suppress(ValueError):
                return datetime.date(*(int(g) for g in match.groups()))
        raise ValueError(
            _("“%(label)s”不是有效日期：%(v)s（请写成 2026-08-15）。")
            % {"label": self.label, "v": value}
        )


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_number_valid(number: str) -> bool:
    """An 18-character resident ID number with its check character right (GB 11643-1999)."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


class IdNumberWidget(widgets.Widget):
    """身份证号 (optional): 18 characters with a right check character."""

    def clean(self, value, row=None, **kwargs):
        text = _digits(value)
        if not text:
            return ""
        if not id_number_valid(text):
            raise ValueError(_("身份证号有误（位数或校验位不对）。"))
        return text.upper()


class BankCardWidget(widgets.Widget):
    """银行卡号 / 一卡通账号 (optional): 16 to 19 digits."""

    def clean(self, value, row=None, **kwargs):
        text = _digits(value)
        if not text:
            return ""
        if not text.isdigit() or not 16 <= len(text) <= 19:
            raise ValueError(_("银行卡号应为 16 到 19 位数字，现为 %(n)d 位。") % {"n": len(text)})
        return text


def _digits(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a long number typed into a cell: precision is already lost
    return re.sub(r"[\s\-]", "", str(value))


def text(column: str, attribute: str | None, max_length: int, required=False) -> fields.Field:
    widget = TextWidget(required=required, max_length=max_length, label=column)
    return fields.Field(attribute=attribute, column_name=column, widget=widget)


def money(column: str, attribute: str, required=False) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=NumberWidget(column, required)
    )


def date(column: str, attribute: str, required=False) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=ChineseDateWidget(column, required)
    )


def id_number() -> fields.Field:
    return fields.Field(column_name="身份证号", widget=IdNumberWidget())


def bank_card() -> fields.Field:
    return fields.Field(column_name="银行卡号", widget=BankCardWidget())


class RowResource(resources.ModelResource):
    """Common ground: the rows are new every time (never updated by an id), so no id column."""

    def get_instance(self, instance_loader, row):
        return None  # a table is immutable: an import only adds rows to a new table

    def get_import_id_fields(self):
        return []


class SubsidyRowResource(RowResource):
    household = text("户主", "household", 20, required=True)
    group = text("村民小组", "group", 30, required=True)
    item = text("补贴项目", "item", 60, required=True)
    standard = money("标准（元）", "standard")
    quantity = money("数量", "quantity")
    amount = money("金额（元）", "amount", required=True)
    paid_on = date("发放日期", "paid_on", required=True)
    id_number = id_number()
    bank_card = bank_card()

    class Meta:
        model = SubsidyRow
        fields = (
            *("household", "group", "item", "standard", "quantity", "amount", "paid_on"),
            *("id_number", "bank_card", "table", "line"),
        )


class FinanceRowResource(RowResource):
    entry_date = date("日期", "entry_date", required=True)
    voucher = text("凭证号", "voucher", 30)
    summary = text("摘要", "summary", 200, required=True)
    income = money("收入（元）", "income")
    expense = money("支出（元）", "expense")

    class Meta:
        model = FinanceRow
        fields = ("entry_date", "voucher", "summary", "income", "expense", "table", "line")


class AssetRowResource(RowResource):
    name = text("名称", "name", 100, required=True)
    category = text("类别", "category", 20, required=True)
    size = text("数量或面积", "size", 50)
    value = money("金额（元）", "value", required=True)
    counterparty = text("承包（租用）方", "counterparty", 100)
    term = text("期限", "term", 50)
    id_number = id_number()

    class Meta:
        model = AssetRow
        fields = (
            *("name", "category", "size", "value", "counterparty", "term", "id_number"),
            *("table", "line"),
        )


class ProjectRowResource(RowResource):
    name = text("项目名称", "name", 100, required=True)
    budget = money("预算（元）", "budget", required=True)
    contractor = text("施工单位", "contractor", 100)
    progress = text("进度", "progress", 50)
    paid = money("已支付（元）", "paid")
    started_on = date("开工日期", "started_on")

    class Meta:
        model = ProjectRow
        fields = ("name", "budget", "contractor", "progress", "paid", "started_on", "table", "line")


RESOURCES = {
    "subsidy": SubsidyRowResource,
    "finance": FinanceRowResource,
    "assets": AssetRowResource,
    "project": ProjectRowResource,
}
