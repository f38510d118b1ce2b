"""Import and export of a whole catalog (items, steps, risks) as one XLSX workbook or three CSV
files (docs/architecture.md, "Import and export").

Export: every item of the catalog with its live content and its 状态 (已发布/未发布).

Import, in three steps that never overlap:
1. ``read_upload``: the files, read within caps (size, unpacked size, rows, columns).
2. ``plan_import``: every row cleaned with the resources' widgets, the cross-row rules checked,
   and the result diffed against the catalog in Python. Nothing is written; this is the preview.
3. ``apply_plan``: only items that change, written in short batches, each its own transaction,
   each first checking that its items are still as planned. Items are matched by number, so a
   confirm that stopped half way finishes when re-run.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from disclosures.models import PowerCatalogPage, PowerItemPage, PowerStep, RiskPoint
from disclosures.resources import (
    LiveStateWidget,
    PowerItemResource,
    PowerStepResource,
    RiskPointResource,
)
from disclosures.services import spreadsheets
from disclosures.services.spreadsheets import Caps, ImportFileError, Table
from disclosures.services.validation import StepData, number_error, step_problems

__all__ = ["ImportFileError"]

# Caps, each overridable in settings as CATALOG_IMPORT_<NAME>. Sized for a 10,000-item catalog
# with ten steps per item (the benchmark has 3): its CSVs are about 5 MB, its workbook unpacks
# to about 30 MB.
MAX_FILE_BYTES = 20 * spreadsheets.MB
MAX_UNPACKED_BYTES = 150 * spreadsheets.MB
MAX_ITEM_ROWS = 20_000
MAX_CHILD_ROWS = 200_000  # steps or risks
MAX_SCANNED_ROWS = 250_000  # rows read per sheet, empty ones included
MAX_COLUMNS = 50
# Writes: items per transaction, and a pause between transactions so that other writers (a
# login, an editor saving a page) get the SQLite write lock in between.
BATCH_ITEMS = 20
BATCH_PAUSE_S = 0.02


def cap(name: str):
    return getattr(settings, f"CATALOG_IMPORT_{name}", globals()[name])


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    resource: type
    required: tuple[str, ...]
    rows_cap: str  # which MAX_*_ROWS applies

    def caps(self) -> Caps:
        return Caps(cap(self.rows_cap), cap("MAX_SCANNED_ROWS"), cap("MAX_COLUMNS"))


SHEETS = (
    Sheet("items", "事项", PowerItemResource, ("编号", "类别", "事项名称"), "MAX_ITEM_ROWS"),
    Sheet(
        "steps",
        "步骤",
        PowerStepResource,
        ("事项编号", "步骤号", "办理主体", "办理事项"),
        "MAX_CHILD_ROWS",
    ),
    Sheet(
        "risks",
        "风险",
        RiskPointResource,
        ("事项编号", "风险点", "风险等级", "防控措施"),
        "MAX_CHILD_ROWS",
    ),
)
SHEET_BY_KEY = {s.key: s for s in SHEETS}
SHEET_ORDER = [s.title for s in SHEETS]


@dataclass
class RowError:
    sheet: str
    row: int | None  # spreadsheet row, header being row 1
    message: str

    def __str__(self):
        if self.row:
            return _("“%(sheet)s”表第 %(row)d 行：%(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        return _("“%(sheet)s”表：%(message)s") % {"sheet": self.sheet, "message": self.message}


# --- export -------------------------------------------------------------------------------------


def export_datasets(catalog) -> dict[str, tablib.Dataset]:
    """The page rows hold each item's live content: Wagtail keeps a pending draft only in its
    revision, so the export never carries what nobody approved. 状态 says whether it is live."""
    datasets = {}
    for sheet in SHEETS:
        dataset = sheet.resource(catalog).export()
        dataset.title = sheet.title
        datasets[sheet.key] = dataset
    return datasets


# Column widths in characters (a Chinese character is about two): enough to read a short value
# whole, and long texts a third of a screen.
COLUMN_WIDTHS = {
    "编号": 8,
    "类别": 16,
    "事项名称": 30,
    "法定依据": 40,
    "执行主体": 18,
    "运行界限": 40,
    "公开要求": 30,
    "监督管理": 30,
    "责任追究": 30,
    "状态": 10,
    "事项编号": 10,
    "步骤号": 8,
    "办理主体": 18,
    "对应职务": 14,
    "办理事项": 36,
    "办理时限": 10,
    "时限单位": 12,
    "形成材料": 24,
    "分支条件": 18,
    "分支去向": 10,
    "风险点": 30,
    "表现形式": 30,
    "风险等级": 10,
    "防控措施": 40,
    "责任人": 16,
    "监督主体": 18,
}


def column_choices() -> dict[str, list[str]]:
    """The values a drop-down list offers, by column: what the import accepts (its widgets)."""
    from disclosures.models import Office, PowerCategory

    return {
        "类别": list(PowerCategory.objects.values_list("name", flat=True)),
        "对应职务": list(Office.objects.values_list("name", flat=True)),
        "时限单位": list(PowerStepResource.fields["time_unit"].widget.labels.values()),
        "风险等级": list(RiskPointResource.fields["level"].widget.labels.values()),
        "状态": [LiveStateWidget.PUBLISHED, LiveStateWidget.UNPUBLISHED],
    }


def export_xlsx(catalog) -> bytes:
    """The catalog as a workbook a clerk can fill in and import again (spreadsheets.write_xlsx)."""
    choices = column_choices()
    sheets = [
        spreadsheets.OutSheet(
            title=dataset.title,
            headers=list(dataset.headers),
            rows=list(dataset),
            widths=COLUMN_WIDTHS,
            choices={h: choices[h] for h in dataset.headers if h in choices},
        )
        for dataset in export_datasets(catalog).values()
    ]
    return spreadsheets.write_xlsx(sheets)


def export_csv(catalog, sheet_key: str) -> bytes:
    # UTF-8 with a BOM so that Excel on Windows opens the Chinese text correctly.
    return ("\ufeff" + export_datasets(catalog)[sheet_key].export("csv")).encode("utf-8")


# --- reading an upload --------------------------------------------------------------------------

Source = bytes | Path


def _check_columns(table: Table, sheet: Sheet, name: str) -> Table:
    if not any(table.headers):
        raise ImportFileError(_("“%(name)s”是空的，没有表头和数据。") % {"name": name})
    missing = [col for col in sheet.required if col not in table.headers]
    if missing:
        raise ImportFileError(
            _("“%(sheet)s”表缺少列：%(cols)s。请使用导出的模板。")
            % {"sheet": sheet.title, "cols": "、".join(missing)}
        )
    table.title = sheet.title
    return table


def read_upload(files: dict[str, tuple[str, Source]]) -> dict[str, Table]:
    """`files` maps "xlsx" or a sheet key to (file name, content or path of the staged file)."""
    for name, source in files.values():
        spreadsheets.check_file_size(name, spreadsheets.source_size(source), cap("MAX_FILE_BYTES"))
    if "xlsx" in files:
        name, source = files["xlsx"]
        if not name.lower().endswith(".xlsx"):
            raise ImportFileError(
                _("“%(name)s”不是 .xlsx 文件；CSV 请按表分别上传。") % {"name": name}
            )
        tables = spreadsheets.read_xlsx(
            source, name, {s.title: s.caps() for s in SHEETS}, cap("MAX_UNPACKED_BYTES")
        )
        if "事项" not in tables:
            raise ImportFileError(
                _("“%(name)s”中没有名为“事项”的工作表。请使用导出的模板。") % {"name": name}
            )
        return {
            s.key: _check_columns(tables[s.title], s, name) for s in SHEETS if s.title in tables
        }
    datasets = {}
    for key, (name, source) in files.items():
        sheet = SHEET_BY_KEY[key]
        table = spreadsheets.read_csv(source, name, sheet.title, sheet.caps())
        datasets[key] = _check_columns(table, sheet, name)
    if "items" not in datasets:
        raise ImportFileError(_("请至少上传“事项”表。"))
    return datasets


# --- planning: validate every row and diff against the catalog, writing nothing ----------------

ITEM_FIELDS = [f for f in PowerItemResource.Meta.fields if f != "state"]
STEP_FIELDS = [f for f in PowerStepResource.Meta.fields if f != "item"]
RISK_FIELDS = [f for f in RiskPointResource.Meta.fields if f != "item"]


@dataclass
class ItemPlan:
    number: str
    title: str
    row: int | None
    pk: int | None = None  # None: a new item
    values: dict = field(default_factory=dict)  # field -> cleaned value (ids for relations)
    steps: list[dict] | None = None  # None: the item keeps its steps
    risks: list[dict] | None = None
    live: bool = True  # live state after the import
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    state_change: str = ""  # "", "publish" (was unpublished) or "unpublish"
    has_draft: bool = False
    digest: int = 0  # the item's fingerprint part when planned (0 for a new item)

    @property
    def action(self) -> str:
        if self.pk is None:
            return "create"
        return "update" if self.changes or self.state_change else "none"


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    untouched: int = 0  # items of the catalog that are not in the file: left as they are
    steps: int = 0  # step rows written
    risks: int = 0
    committed: bool = False
    new_items: list[dict] = field(default_factory=list)
    changed_items: list[dict] = field(default_factory=list)
    kept_drafts: list[str] = field(default_factory=list)  # unchanged items with a pending draft

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "errors"}
        data["errors"] = [
            {"sheet": e.sheet, "row": e.row, "message": e.message} for e in self.errors
        ]
        return data

    @classmethod
    def from_json(cls, data: dict) -> ImportReport:
        report = cls(**{k: v for k, v in data.items() if k != "errors"})
        report.errors = [RowError(**e) for e in data.get("errors", [])]
        return report


@dataclass
class ImportPlan:
    catalog_id: int
    items: list[ItemPlan]
    report: ImportReport
    fingerprint: str

    @property
    def writes(self) -> list[ItemPlan]:
        return [p for p in self.items if p.action != "none"]


Progress = Callable[[int, int], None]


def _digest(pk, number, revision_id, live, unpublished) -> int:
    text = f"{pk}|{number}|{revision_id}|{live}|{unpublished}"
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


_STATE_FIELDS = ("pk", "number", "latest_revision_id", "live", "has_unpublished_changes")


def catalog_fingerprint(catalog) -> str:
    """Changes whenever an item is added, removed, edited (a new revision), published or
    unpublished. An XOR of per-item digests, so a batch can update it item by item."""
    count, combined = 0, 0
    for row in PowerItemPage.objects.child_of(catalog).values_list(*_STATE_FIELDS):
        count += 1
        combined ^= _digest(*row)
    return f"{count}:{combined:016x}"


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


class _Cleaner:
    """Cleans one sheet's cells with its resource's widgets, then checks the model's own field
    rules (lengths, choices, ranges) the way a form would."""

    def __init__(self, sheet: Sheet, catalog, skip: tuple[str, ...] = ()):
        self.sheet = sheet
        self.resource = sheet.resource(catalog)
        self.fields = [f for f in self.resource.fields.values() if f.attribute not in skip]
        self.model = self.resource._meta.model
        attributes = {f.attribute for f in self.fields}
        self.exclude = [
            f.name
            for f in self.model._meta.fields
            if f.name not in attributes or f.is_relation  # relations were looked up already
        ]

    def clean(self, row: int, record: dict, errors: list[RowError]) -> dict | None:
        values, failed = {}, False
        for fld in self.fields:
            try:
                values[fld.attribute] = fld.widget.clean(record.get(fld.column_name), row=record)
            except ValueError as error:
                errors.append(RowError(self.sheet.title, row, str(error)))
                failed = True
        if failed:
            return None
        instance = self.model(**{k: v for k, v in values.items() if k != "live"})
        try:
            instance.clean_fields(exclude=self.exclude)
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.extend(RowError(self.sheet.title, row, str(m)) for m in messages)
            return None
        return values


def _ids(values: dict) -> dict:
    """Related objects as ids, the way rows are compared and stored."""
    out = {}
    for key, value in values.items():
        if hasattr(value, "pk"):
            out[f"{key}_id"] = value.pk
        else:
            out[key] = value
    return out


def plan_import(catalog, tables: dict[str, Table], progress: Progress | None = None) -> ImportPlan:
    report = ImportReport()
    errors = report.errors
    total = sum(len(t.rows) for t in tables.values())
    done = 0

    def tick(n=1):
        nonlocal done
        done += n
        if progress and (done % 1000 == 0 or done == total):
            progress(done, total)

    fingerprint = catalog_fingerprint(catalog)
    existing = {item.number: item for item in PowerItemPage.objects.child_of(catalog)}

    # Items sheet.
    cleaner = _Cleaner(SHEET_BY_KEY["items"], catalog)
    number_widget = PowerItemResource.fields["number"].widget
    rows_items: dict[str, tuple[int, dict]] = {}
    first_row: dict[str, int] = {}
    for row, record in tables["items"].records():
        tick()
        number = _number(number_widget, record.get("编号"))
        if number in first_row:  # the second row would silently overwrite the first
            errors.append(
                RowError(
                    "事项",
                    row,
                    _("编号“%(v)s”在文件中重复（第 %(first)d 行已有）。")
                    % {"v": number, "first": first_row[number]},
                )
            )
            continue
        if number:
            first_row[number] = row
        values = cleaner.clean(row, record, errors)
        if values is None:
            continue
        problem = number_error(number, ())
        if problem:
            errors.append(RowError("事项", row, problem))
            continue
        rows_items[number] = (row, values)
    known_numbers = set(first_row) | set(existing)

    # Steps and risks sheets: rows grouped by item number, in file order.
    children: dict[str, dict[str, list[dict]]] = {"steps": {}, "risks": {}}
    child_rows: dict[str, dict[str, list[int]]] = {"steps": {}, "risks": {}}
    failed_step_items: set[str] = set()
    for key in ("steps", "risks"):
        table = tables.get(key)
        if table is None:
            continue
        sheet = SHEET_BY_KEY[key]
        cleaner = _Cleaner(sheet, catalog, skip=("item",))
        for row, record in table.records():
            tick()
            number = _number(number_widget, record.get("事项编号"))
            if not number:
                errors.append(RowError(sheet.title, row, _("“事项编号”不能为空。")))
                continue
            child_rows[key].setdefault(number, []).append(row)
            if number not in known_numbers:
                errors.append(
                    RowError(
                        sheet.title,
                        row,
                        _("事项编号“%(v)s”在“事项”表和本清单中都不存在。") % {"v": number},
                    )
                )
                continue
            values = cleaner.clean(row, record, errors)
            if values is None:
                if key == "steps":
                    failed_step_items.add(number)
                continue
            children[key].setdefault(number, []).append(_ids(values))

    # Current steps and risks of the items the file touches.
    targets = set(rows_items) | set(children["steps"]) | set(children["risks"])
    target_pks = [existing[n].pk for n in targets if n in existing]
    current = {"steps": {}, "risks": {}}
    by_pk = {existing[n].pk: n for n in targets if n in existing}
    for key, model, names in (("steps", PowerStep, STEP_FIELDS), ("risks", RiskPoint, RISK_FIELDS)):
        columns = [f"{n}_id" if n == "office" else n for n in names]
        for values in (
            model.objects.filter(item_id__in=target_pks)
            .order_by("item_id", "sort_order", "pk")
            .values("item_id", *columns)
        ):
            number = by_pk[values.pop("item_id")]
            current[key].setdefault(number, []).append(values)

    # Cross-row rules (every item keeps at least one step, branches point to real steps). They
    # run even when some rows failed, so one preview lists every problem; items whose own step
    # rows failed are left out (their steps are incomplete).
    for number in sorted(targets):
        if number in failed_step_items:
            continue
        steps = children["steps"].get(number)
        # The spreadsheet row of each step, as Excel shows it (the header is row 1): the rows of
        # a step sheet that cleaned are exactly this item's steps, in file order.
        step_rows = child_rows["steps"].get(number, []) if steps is not None else []
        if steps is None:
            steps = current["steps"].get(number, [])
        if not steps:
            item_row = rows_items.get(number, (None,))[0]
            errors.append(
                RowError(
                    "事项" if item_row else "步骤",
                    item_row,
                    _("事项 %(n)s 没有任何步骤：每个事项至少一个步骤。") % {"n": number},
                )
            )
            continue
        data = [
            StepData(s["key"], s["branch_target"], s["branch_condition"], s["time_limit"])
            for s in steps
        ]
        for index, problem in step_problems(data):
            errors.append(
                RowError(
                    "步骤",
                    step_rows[index] if index < len(step_rows) else None,
                    _("事项 %(n)s：%(problem)s") % {"n": number, "problem": problem},
                )
            )

    errors.sort(key=lambda e: (SHEET_ORDER.index(e.sheet), e.row or 0))
    plans: list[ItemPlan] = []
    if not errors:
        plans = _diff(catalog, existing, rows_items, children, current, targets, report)
    report.untouched = len(set(existing) - targets)
    return ImportPlan(catalog.pk, plans, report, fingerprint)


def _number(widget, value) -> str:
    try:
        return widget.clean(value)
    except ValueError:  # blank: the row's own cleaning says so
        return ""


def _labels(resource_cls) -> dict[str, str]:
    return {f.attribute: f.column_name for f in resource_cls.fields.values()}


def _display(name: str, value, lookups: dict) -> str:
    if name in lookups and value is not None:
        return _text(lookups[name].get(value, value))
    if name == "time_unit":
        return _text(dict(PowerStep.Unit.choices).get(value, value))
    if name == "level":
        return _text(dict(RiskPoint.Level.choices).get(value, value))
    return _text(value)


def _diff(catalog, existing, rows_items, children, current, targets, report) -> list[ItemPlan]:
    from disclosures.models import Office, PowerCategory

    lookups = {
        "category_id": dict(PowerCategory.objects.values_list("pk", "name")),
        "office_id": dict(Office.objects.values_list("pk", "name")),
    }
    item_labels = _labels(PowerItemResource)
    plans = []
    for number in sorted(targets, key=lambda n: rows_items.get(n, (10**9,))[0]):
        row, raw_values = rows_items.get(number, (None, None))
        values = _ids(raw_values) if raw_values else {}
        wanted_live = values.pop("live", None)
        steps = children["steps"].get(number)
        risks = children["risks"].get(number)
        item = existing.get(number)
        if item is None:  # only possible for a row of the items sheet (checked above)
            plan = ItemPlan(number, values["title"], row, values=values, steps=steps or [])
            plan.risks = risks or []
            plan.live = wanted_live is not False
            plans.append(plan)
            report.created += 1
            report.steps += len(plan.steps)
            report.risks += len(plan.risks)
            report.new_items.append(
                {
                    "number": number,
                    "title": plan.title,
                    "live": plan.live,
                    "steps": len(plan.steps),
                    "risks": len(plan.risks),
                }
            )
            continue
        plan = ItemPlan(
            number,
            item.title,
            row,
            pk=item.pk,
            live=item.live,
            has_draft=item.live and item.has_unpublished_changes,
            digest=_digest(
                item.pk,
                item.number,
                item.latest_revision_id,
                item.live,
                item.has_unpublished_changes,
            ),
        )
        for name, new in values.items():
            attribute = name.removesuffix("_id")
            old = getattr(item, name)
            if old != new:
                plan.values[name] = new
                plan.changes.append(
                    (
                        item_labels[attribute],
                        _display(name, old, lookups),
                        _display(name, new, lookups),
                    )
                )
        for key, rows, names, resource, label in (
            ("steps", steps, STEP_FIELDS, PowerStepResource, _("步骤")),
            ("risks", risks, RISK_FIELDS, RiskPointResource, _("风险点")),
        ):
            if rows is None:
                continue
            old_rows = current[key].get(number, [])
            changes = _diff_rows(old_rows, rows, names, _labels(resource), label, lookups)
            if changes:
                setattr(plan, key, rows)
                plan.changes += changes
        if wanted_live is not None and wanted_live != item.live:
            plan.live = wanted_live
            plan.state_change = "publish" if wanted_live else "unpublish"
        if plan.action == "none":
            report.unchanged += 1
            if plan.has_draft:
                report.kept_drafts.append(number)
            continue
        plans.append(plan)
        report.updated += 1
        report.steps += len(plan.steps or [])
        report.risks += len(plan.risks or [])
        report.changed_items.append(
            {
                "number": number,
                "title": item.title,
                "changes": plan.changes,
                "state_change": plan.state_change,
                "has_draft": plan.has_draft,
            }
        )
    return plans


def _diff_rows(old_rows, new_rows, names, labels, label, lookups) -> list[tuple[str, str, str]]:
    def key_of(i, rows):
        row = rows[i]
        return row.get("key") or str(i + 1)

    changes = []
    for i in range(max(len(old_rows), len(new_rows))):
        if i >= len(old_rows):
            new = new_rows[i]
            summary = new.get("action") or new.get("description")
            changes.append(
                (f"{label} {key_of(i, new_rows)}", "—", _("新增：%(s)s") % {"s": summary})
            )
            continue
        if i >= len(new_rows):
            old = old_rows[i]
            summary = old.get("action") or old.get("description")
            changes.append((f"{label} {key_of(i, old_rows)}", summary, _("删除")))
            continue
        old, new = old_rows[i], new_rows[i]
        for name in names:
            column = f"{name}_id" if name == "office" else name
            if old.get(column) != new.get(column):
                changes.append(
                    (
                        f"{label} {key_of(i, new_rows)} · {labels[name]}",
                        _display(column, old.get(column), lookups),
                        _display(column, new.get(column), lookups),
                    )
                )
    return changes


# --- writing: short batches, each checked against the plan -------------------------------------


class CatalogChanged(Exception):
    """Someone changed the catalog after the preview: refuse rather than overwrite."""


BatchDone = Callable[[int, int, str], None]  # done, total, fingerprint after the batch


IMPORT_LOG_ACTION = "disclosures.import"  # registered in wagtail_hooks.py: 导入更新


def apply_plan(
    catalog,
    plan: ImportPlan,
    user=None,
    on_batch: BatchDone | None = None,
    file_name: str = "",
) -> ImportReport:
    """Write the plan's items in batches of BATCH_ITEMS. ``on_batch`` runs inside each batch's
    transaction (a job records its progress atomically with the batch). Each written item's
    history gets an entry saying it came from an import of ``file_name`` by ``user``, beside
    the revision's own entries."""
    writes = plan.writes
    size, pause = cap("BATCH_ITEMS"), cap("BATCH_PAUSE_S")
    count, combined = plan.fingerprint.split(":")
    count, combined = int(count), int(combined, 16)
    for start in range(0, len(writes), size):
        batch = writes[start : start + size]
        # Wagtail queues a reference-index task for every save of a page and of each of its
        # steps and risks (nine per new item); one per item, queued after the batch, does the
        # same work.
        with transaction.atomic(), disable_reference_index_auto_update():
            parent = PowerCatalogPage.objects.get(pk=catalog.pk)  # numchild is fresh
            _check_batch(parent, batch)
            for item_plan in batch:
                _write(parent, item_plan, user, file_name)
            # Update the fingerprint item by item: the new state of each written item replaces
            # its planned state.
            updated = PowerItemPage.objects.filter(pk__in=[p.pk for p in batch if p.pk])
            created = PowerItemPage.objects.child_of(parent).filter(
                number__in=[p.number for p in batch if p.pk is None]
            )
            for query in (updated, created):
                for row in query.values_list(*_STATE_FIELDS):
                    combined ^= _digest(*row)
            for item_plan in batch:
                combined ^= item_plan.digest  # 0 for a new item
                count += item_plan.pk is None
            if on_batch:
                on_batch(start + len(batch), len(writes), f"{count}:{combined:016x}")
            written = [
                pk for query in (updated, created) for pk in query.values_list("pk", flat=True)
            ]
            transaction.on_commit(lambda pks=written: _update_reference_index(pks))
        if pause and start + size < len(writes):
            time.sleep(pause)
    plan.report.committed = True
    return plan.report


def _update_reference_index(pks: list[int]) -> None:
    label, model = PowerItemPage._meta.app_label, PowerItemPage._meta.model_name
    for pk in pks:
        update_reference_index_task.enqueue(label, model, str(pk))


def _check_batch(parent, batch: list[ItemPlan]) -> None:
    pks = [p.pk for p in batch if p.pk]
    now = {
        row[0]: _digest(*row)
        for row in PowerItemPage.objects.filter(pk__in=pks).values_list(*_STATE_FIELDS)
    }
    numbers = [p.number for p in batch if p.pk is None]
    taken = set(
        PowerItemPage.objects.child_of(parent)
        .filter(number__in=numbers)
        .values_list("number", flat=True)
    )
    for item_plan in batch:
        if (
            item_plan.pk and now.get(item_plan.pk) != item_plan.digest
        ) or item_plan.number in taken:
            raise CatalogChanged(item_plan.number)


def _children(model, rows: list[dict]):
    return [model(sort_order=i, **row) for i, row in enumerate(rows)]


def _unique_slug(parent, number: str) -> str:
    slug, n = f"item-{number}", 1
    siblings = PowerItemPage.objects.child_of(parent)
    while siblings.filter(slug=slug).exists():
        n += 1
        slug = f"item-{number}-{n}"
    return slug


def _write(parent, item_plan: ItemPlan, user, file_name: str = "") -> None:
    """One item, through Wagtail's own revision and publish (log entries, search index, signals),
    as if an editor had saved it. Only a live result is published."""
    revision = None
    if item_plan.pk is None:
        item = PowerItemPage(slug=_unique_slug(parent, item_plan.number), live=False)
        for name, value in item_plan.values.items():
            setattr(item, name, value)
        item.steps = _children(PowerStep, item_plan.steps or [])
        item.risks = _children(RiskPoint, item_plan.risks or [])
        parent.add_child(instance=item)
        revision = item.save_revision(user=user, log_action=True)
        if item_plan.live:
            revision.publish(user=user)
    else:
        item = PowerItemPage.objects.get(pk=item_plan.pk)
        if item_plan.state_change == "unpublish":
            item.unpublish(user=user, log_action=True)
            item = PowerItemPage.objects.get(pk=item_plan.pk)
        for name, value in item_plan.values.items():
            setattr(item, name, value)
        if item_plan.steps is not None:
            item.steps = _children(PowerStep, item_plan.steps)
        if item_plan.risks is not None:
            item.risks = _children(RiskPoint, item_plan.risks)
        if item_plan.live:
            revision = item.save_revision(user=user, log_action=True)
            revision.publish(user=user)
        elif item_plan.changes:
            # Not public: the row and a revision both hold the imported content, unpublished.
            item.save()
            revision = item.save_revision(user=user, log_action=True)
    log(
        instance=item,
        action=IMPORT_LOG_ACTION,
        user=user,
        revision=revision,
        data={
            "file": file_name,
            "user": user.get_username() if user else "",
            "changes": len(item_plan.changes),
            "created": item_plan.pk is None,
        },
    )


# --- all in one (tests, the shell) --------------------------------------------------------------


def import_catalog(catalog, tables: dict[str, Table], user=None, dry_run=True) -> ImportReport:
    """Plan, and unless ``dry_run`` write. The admin runs the two steps as background tasks
    (services/import_jobs.py)."""
    plan = plan_import(catalog, tables)
    if dry_run or not plan.report.ok:
        return plan.report
    return apply_plan(catalog, plan, user=user)
