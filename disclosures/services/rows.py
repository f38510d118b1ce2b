"""Masking at the door (issue 10, part 3): how a table row is made from the values a county's
export gives, and how a whole table is written.

A row keeps only masked personal data in its public columns: a name as 张*明, every ID number,
bank card and mobile found in any text masked (portal/base/masking.py). What staff may need for
checking (the full name, ID number, bank card) goes into the row's encrypted `raw` and is read
only through `raw_values.py`, which logs every look. Nothing public (page, PDF, CSV, JSON,
search) reads `raw`: tables.rows_of() defers it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import connections, router, transaction

from portal.base import masking

from ..affairs_models import DisclosurePage, DisclosureTable
from . import tables

# An organisation keeps its name (a contractor, a cooperative); a person's name is masked.
ORGANISATION_RE = re.compile(
    r"(公司|合作社|厂|局|委员会|中心|集团|协会|学校|医院|村委会|经营部|门市)"
)
# Extra raw-only values an export may carry for checking, never shown in a column.
RAW_ONLY = ("id_number", "bank_card", "phone")
# Per table kind, the columns that hold a person's (or organisation's) name.
NAME_COLUMNS = {
    DisclosureTable.RowKind.SUBSIDY: ("household",),
    DisclosureTable.RowKind.ASSETS: ("counterparty",),
    DisclosureTable.RowKind.FINANCE: (),
    DisclosureTable.RowKind.PROJECT: ("contractor",),
}


# Masking is a pure function of the text; a table repeats the same few texts (村民小组, 补贴项目)
# in every row, so an import of 100,000 rows masks each of them once.
_mask_text = functools.lru_cache(maxsize=4096)(masking.mask_text)


def mask_party(name: str) -> str:
    """A person's name masked; an organisation's name as it is (its numbers still masked)."""
    name = (name or "").strip()
    if ORGANISATION_RE.search(name):
        return masking.mask_text(name)
    return masking.mask_name(name)


def row_fields(row_kind: str, values: dict) -> dict:
    """The row's field values from cleaned values: names masked, numbers in text masked, the
    originals that were masked and the raw-only values kept under `raw` (encrypted on save)."""
    spec = tables.SPECS[row_kind]
    names = NAME_COLUMNS[row_kind]
    fields, raw = {}, {}
    for column in spec.columns:
        value = values.get(column.name)
        if column.type == tables.TEXT:
            original = (value or "").strip() if isinstance(value, str) else (value or "")
            masked = mask_party(original) if column.name in names else _mask_text(original)
            if masked != original:
                raw[column.name] = original
            value = masked
        fields[column.name] = value
    for name in RAW_ONLY:
        if values.get(name):
            raw[name] = str(values[name]).strip()
    fields["raw"] = raw or None
    return fields


def make_row(row_kind: str, table: DisclosureTable | None, line: int, values: dict):
    """A row instance (not saved) from cleaned values, masked as `row_fields` says."""
    return tables.SPECS[row_kind].model(table=table, line=line, **row_fields(row_kind, values))


class _Inserter:
    """Inserts rows of one model with `executemany`, each value prepared by its own field exactly
    as `save()` would (`get_db_prep_save`: the encrypted `raw`, Decimals, dates), without building
    a model instance and running the SQL compiler per row: for 100,000 rows this is most of
    what a `bulk_create` costs (docs/benchmarks.md "Subsidy import")."""

    def __init__(self, model, table_id: int):
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.table_id = table_id
        connection = connections[router.db_for_write(model)]
        self.connection = connection
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        self.prepare = [
            (f.attname, functools.partial(f.get_db_prep_save, connection=connection))
            for f in self.fields
        ]

    def params(self, line: int, fields: dict) -> tuple:
        fields["table_id"], fields["line"] = self.table_id, line
        return tuple(prepare(fields[name]) for name, prepare in self.prepare)

    def insert(self, params: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self.sql, params)


def row_key(row_kind: str, values: dict) -> tuple:
    """What makes two rows the same payment or entry (a duplicate within one file): every public
    column plus the raw-only identity values."""
    spec = tables.SPECS[row_kind]
    return tuple(_canonical(values.get(c.name)) for c in spec.columns) + tuple(
        _canonical(values.get(n)) for n in RAW_ONLY
    )


def _canonical(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


class Digest:
    """A running hash of a table's rows in order: the same rows give the same table."""

    def __init__(self, row_kind: str):
        self.row_kind = row_kind
        self._hash = hashlib.sha256(row_kind.encode())

    def add(self, values: dict) -> None:
        self.add_key(row_key(self.row_kind, values))

    def add_key(self, key: tuple) -> None:
        """The same as `add` for a row whose `row_key` the caller has already computed."""
        self._hash.update("\x1f".join(key).encode())
        self._hash.update(b"\x1e")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def existing_table(page: DisclosurePage, digest: str) -> DisclosureTable | None:
    return DisclosureTable.objects.filter(page=page, digest=digest).first()


def write_table(
    page: DisclosurePage,
    row_kind: str,
    rows: Iterable[tuple[int, dict]],
    digest: str,
    *,
    user=None,
    file_name: str = "",
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> tuple[DisclosureTable, bool]:
    """Write a new table of `(line, values)` rows for `page`, all or nothing, with its exact
    totals; or, if the same rows were imported for this page before, return that table.
    Returns (table, created)."""
    found = existing_table(page, digest)
    if found is not None:
        return found, False
    spec = tables.SPECS[row_kind]
    village_id = page.get_parent().pk
    with transaction.atomic():
        table = DisclosureTable.objects.create(
            row_kind=row_kind,
            village_id=village_id,
            page=page,
            digest=digest,
            file_name=file_name[:255],
            created_by=user,
        )
        inserter = _Inserter(spec.model, table.pk)
        batch, count = [], 0
        for line, values in rows:
            batch.append(inserter.params(line, row_fields(row_kind, values)))
            if len(batch) >= batch_size:
                inserter.insert(batch)
                count += len(batch)
                batch = []
                if progress:
                    progress(count)
        if batch:
            inserter.insert(batch)
            count += len(batch)
        table.row_count = count
        table.totals = {k: format(v, "f") for k, v in tables.compute_totals(table).items()}
        table.save(update_fields=["row_count", "totals"])
    if progress:
        progress(count)
    return table, True
