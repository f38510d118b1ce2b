"""The typed tables of the disclosures: which columns each kind of table has, in what order, how
each is shown, sorted and summed. One description, read by the page, the PDF, the CSV and JSON
downloads and the import (issue 10, part 2), so they never disagree about a column.

Money is Decimal in 元 with two places; totals are summed by the database over the whole table
(never over the page shown) and are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ..affairs_models import AssetRow, DisclosureTable, FinanceRow, Kind, ProjectRow, SubsidyRow

TEXT, MONEY, NUMBER, DATE = "text", "money", "number", "date"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Column:
    name: str  # the model field
    label: str
    type: str = TEXT
    total: bool = False  # summed in the table's footer
    sortable: bool = True

    @property
    def numeric(self) -> bool:
        return self.type in (MONEY, NUMBER)


@dataclass(frozen=True)
class TableSpec:
    row_kind: str
    model: type
    columns: tuple[Column, ...]
    # Landscape in print when the table has this many columns or more.
    landscape_from: int = 7

    @property
    def total_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.total)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def landscape(self) -> bool:
        return len(self.columns) >= self.landscape_from


SPECS = {
    DisclosureTable.RowKind.SUBSIDY: TableSpec(
        DisclosureTable.RowKind.SUBSIDY,
        SubsidyRow,
        (
            Column("household", _("户主")),
            Column("group", _("村民小组")),
            Column("item", _("补贴项目")),
            Column("standard", _("标准（元）"), MONEY),
            Column("quantity", _("数量"), NUMBER),
            Column("amount", _("金额（元）"), MONEY, total=True),
            Column("paid_on", _("发放日期"), DATE),
        ),
    ),
    DisclosureTable.RowKind.FINANCE: TableSpec(
        DisclosureTable.RowKind.FINANCE,
        FinanceRow,
        (
            Column("entry_date", _("日期"), DATE),
            Column("voucher", _("凭证号")),
            Column("summary", _("摘要")),
            Column("income", _("收入（元）"), MONEY, total=True),
            Column("expense", _("支出（元）"), MONEY, total=True),
        ),
    ),
    DisclosureTable.RowKind.ASSETS: TableSpec(
        DisclosureTable.RowKind.ASSETS,
        AssetRow,
        (
            Column("name", _("名称")),
            Column("category", _("类别")),
            Column("size", _("数量或面积")),
            Column("value", _("金额（元）"), MONEY, total=True),
            Column("counterparty", _("承包（租用）方")),
            Column("term", _("期限")),
        ),
    ),
    DisclosureTable.RowKind.PROJECT: TableSpec(
        DisclosureTable.RowKind.PROJECT,
        ProjectRow,
        (
            Column("name", _("项目名称")),
            Column("budget", _("预算（元）"), MONEY, total=True),
            Column("contractor", _("施工单位")),
            Column("progress", _("进度")),
            Column("paid", _("已支付（元）"), MONEY, total=True),
            Column("started_on", _("开工日期"), DATE),
        ),
    ),
}

# Which table a kind of disclosure carries (None: free text and attachments only).
TABLE_OF_KIND = {
    Kind.FINANCE: DisclosureTable.RowKind.FINANCE,
    Kind.ASSETS: DisclosureTable.RowKind.ASSETS,
    Kind.SUBSIDY: DisclosureTable.RowKind.SUBSIDY,
    Kind.RELIEF: DisclosureTable.RowKind.SUBSIDY,
    Kind.PROJECT: DisclosureTable.RowKind.PROJECT,
}


def spec_for_kind(kind: str) -> TableSpec | None:
    row_kind = TABLE_OF_KIND.get(kind)
    return SPECS[row_kind] if row_kind else None


def spec_of(table: DisclosureTable) -> TableSpec:
    return SPECS[table.row_kind]


def rows_of(table: DisclosureTable, sort: str = "", descending: bool = False):
    """The table's rows in file order, or sorted by a sortable column (file order breaks ties)."""
    spec = spec_of(table)
    qs = spec.model.objects.filter(table=table).defer("raw")
    column = spec.column(sort)
    if column is None or not column.sortable:
        return qs.order_by("line")
    prefix = "-" if descending else ""
    return qs.order_by(f"{prefix}{column.name}", "line")


def compute_totals(table: DisclosureTable) -> dict[str, Decimal]:
    """Exact sums of the table's money columns, by the database."""
    spec = spec_of(table)
    if not spec.total_columns:
        return {}
    sums = spec.model.objects.filter(table=table).aggregate(
        **{c.name: Sum(c.name) for c in spec.total_columns}
    )
    return {name: Decimal(value or 0).quantize(CENT) for name, value in sums.items()}


def totals_of(table: DisclosureTable) -> dict[str, Decimal]:
    """The stored totals (written with the table, which never changes) as Decimals."""
    if table.totals:
        return {name: Decimal(value) for name, value in table.totals.items()}
    return compute_totals(table)


def cell_value(row, column: Column):
    return getattr(row, column.name)


LINE_LABEL = _("行号")
