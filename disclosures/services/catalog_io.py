"""Import and export of a whole catalog (items, steps, risks) as one XLSX workbook or three CSV
files. An import is all or nothing: every row is checked, cross-row rules too (a branch must point
to a step of the same item), and any error rolls the whole file back. A dry run does all of that
and then rolls back on purpose, so the preview shows exactly what the real import will do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from disclosures.models import PowerItemPage, PowerStep, RiskPoint
from disclosures.resources import PowerItemResource, PowerStepResource, RiskPointResource
from disclosures.services.validation import StepData, step_errors


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    resource: type
    required: tuple[str, ...]


SHEETS = (
    Sheet("items", "事项", PowerItemResource, ("编号", "类别", "事项名称")),
    Sheet("steps", "步骤", PowerStepResource, ("事项编号", "步骤号", "办理主体", "办理事项")),
    Sheet("risks", "风险", RiskPointResource, ("事项编号", "风险点", "风险等级", "防控措施")),
)
SHEET_BY_KEY = {s.key: s for s in SHEETS}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, empty, missing columns)."""


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


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    steps: int = 0
    risks: int = 0
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# --- export -------------------------------------------------------------------------------------


def export_datasets(catalog) -> dict[str, tablib.Dataset]:
    datasets = {}
    for sheet in SHEETS:
        dataset = sheet.resource(catalog).export()
        dataset.title = sheet.title
        datasets[sheet.key] = dataset
    return datasets


def export_xlsx(catalog) -> bytes:
    book = tablib.Databook(list(export_datasets(catalog).values()))
    return book.export("xlsx")


def export_csv(catalog, sheet_key: str) -> bytes:
    # UTF-8 with a BOM so that Excel on Windows opens the Chinese text correctly.
    return ("\ufeff" + export_datasets(catalog)[sheet_key].export("csv")).encode("utf-8")


# --- reading an upload --------------------------------------------------------------------------


def _decode_csv(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("无法读取“%(name)s”：文件编码不是 UTF-8 或 GBK。") % {"name": name})


def _check_dataset(dataset: tablib.Dataset, sheet: Sheet, name: str) -> tablib.Dataset:
    headers = [str(h).strip() if h is not None else "" for h in (dataset.headers or [])]
    if not any(headers):
        raise ImportFileError(_("“%(name)s”是空的，没有表头和数据。") % {"name": name})
    missing = [col for col in sheet.required if col not in headers]
    if missing:
        raise ImportFileError(
            _("“%(sheet)s”表缺少列：%(cols)s。请使用导出的模板。")
            % {"sheet": sheet.title, "cols": "、".join(missing)}
        )
    dataset.headers = headers
    # Drop rows that are entirely empty (spreadsheets keep formatted blank rows).
    keep = [row for row in dataset if any(str(c).strip() for c in row if c is not None)]
    clean = tablib.Dataset(*keep, headers=headers)
    clean.title = sheet.title
    return clean


def read_xlsx(raw: bytes, name: str) -> dict[str, tablib.Dataset]:
    if not raw:
        raise ImportFileError(_("“%(name)s”是空文件。") % {"name": name})
    try:
        book = tablib.Databook()
        book.load(io.BytesIO(raw), "xlsx")
    except Exception:
        raise ImportFileError(
            _("无法读取“%(name)s”：不是有效的 Excel 工作簿（.xlsx）。") % {"name": name}
        ) from None
    by_title = {str(ds.title).strip(): ds for ds in book.sheets()}
    datasets = {}
    for sheet in SHEETS:
        if sheet.title in by_title:
            datasets[sheet.key] = _check_dataset(by_title[sheet.title], sheet, name)
    if "items" not in datasets:
        raise ImportFileError(
            _("“%(name)s”中没有名为“事项”的工作表。请使用导出的模板。") % {"name": name}
        )
    return datasets


def read_csv(raw: bytes, name: str, sheet_key: str) -> tablib.Dataset:
    sheet = SHEET_BY_KEY[sheet_key]
    if not raw.strip():
        raise ImportFileError(_("“%(name)s”是空文件。") % {"name": name})
    if raw[:4] == b"PK\x03\x04" or b"\x00" in raw[:1024]:
        raise ImportFileError(_("无法读取“%(name)s”：这不是 CSV 文本文件。") % {"name": name})
    text = _decode_csv(raw, name)
    try:
        dataset = tablib.Dataset().load(text, format="csv")
    except Exception:
        raise ImportFileError(
            _("无法读取“%(name)s”：不是有效的 CSV 文件。") % {"name": name}
        ) from None
    return _check_dataset(dataset, sheet, name)


def read_upload(files: dict[str, tuple[str, bytes]]) -> dict[str, tablib.Dataset]:
    """`files` maps "xlsx" or a sheet key to (file name, content)."""
    for name, raw in files.values():
        if len(raw) > MAX_UPLOAD_BYTES:
            raise ImportFileError(_("“%(name)s”超过 5 MB。") % {"name": name})
    if "xlsx" in files:
        name, raw = files["xlsx"]
        if not name.lower().endswith(".xlsx"):
            raise ImportFileError(
                _("“%(name)s”不是 .xlsx 文件；CSV 请按表分别上传。") % {"name": name}
            )
        return read_xlsx(raw, name)
    datasets = {key: read_csv(raw, name, key) for key, (name, raw) in files.items()}
    if "items" not in datasets:
        raise ImportFileError(_("请至少上传“事项”表。"))
    return datasets


# --- importing ----------------------------------------------------------------------------------


def _collect(result, sheet: Sheet, report: ImportReport) -> None:
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append(RowError(sheet.title, number + 1, str(error.error)))
    for invalid in result.invalid_rows:
        for messages in invalid.error_dict.values():
            for message in messages:
                report.errors.append(RowError(sheet.title, invalid.number + 1, str(message)))


def _numbers(dataset: tablib.Dataset | None, column: str) -> list[str]:
    if dataset is None:
        return []
    index = dataset.headers.index(column)
    return [str(row[index]).strip() for row in dataset if row[index] not in (None, "")]


def import_catalog(catalog, datasets: dict[str, tablib.Dataset], user=None, dry_run=True):
    report = ImportReport()
    with transaction.atomic():
        savepoint = transaction.savepoint()
        report.errors += _duplicates(datasets["items"], "编号", SHEET_BY_KEY["items"])
        _import_rows(catalog, datasets, report)
        # Cross-row rules run even when some rows failed, so one preview lists every problem;
        # items whose own step rows failed are left out (their steps are incomplete).
        _check_items(catalog, datasets, report)
        if report.ok and not dry_run:
            _publish(catalog, datasets, user)
            transaction.savepoint_commit(savepoint)
            report.committed = True
        else:
            transaction.savepoint_rollback(savepoint)
    report.errors.sort(key=lambda e: ([s.title for s in SHEETS].index(e.sheet), e.row or 0))
    return report


def _import_rows(catalog, datasets, report: ImportReport) -> None:
    items_sheet = SHEET_BY_KEY["items"]
    result = PowerItemResource(catalog).import_data(
        datasets["items"], dry_run=False, use_transactions=False, raise_errors=False
    )
    _collect(result, items_sheet, report)
    report.created = result.totals.get("new", 0)
    report.updated = result.totals.get("update", 0)
    for key, model, counter in (("steps", PowerStep, "steps"), ("risks", RiskPoint, "risks")):
        dataset = datasets.get(key)
        if dataset is None:
            continue
        # The rows in the file replace the item's rows (so removed or reordered steps follow).
        numbers = set(_numbers(dataset, "事项编号"))
        model.objects.filter(
            item__in=PowerItemPage.objects.child_of(catalog).filter(number__in=numbers)
        ).delete()
        result = (
            SHEET_BY_KEY[key]
            .resource(catalog)
            .import_data(dataset, dry_run=False, use_transactions=False, raise_errors=False)
        )
        _collect(result, SHEET_BY_KEY[key], report)
        setattr(report, counter, result.totals.get("new", 0))


def _duplicates(dataset: tablib.Dataset, column: str, sheet: Sheet) -> list[RowError]:
    """The same number twice in one file: the second would silently overwrite the first."""
    index = dataset.headers.index(column)
    seen: dict[str, int] = {}
    errors = []
    for row_number, row in enumerate(dataset, start=2):
        value = str(row[index]).strip() if row[index] is not None else ""
        if isinstance(row[index], float) and row[index].is_integer():
            value = str(int(row[index]))
        if not value:
            continue
        if value in seen:
            errors.append(
                RowError(
                    sheet.title,
                    row_number,
                    _("编号“%(v)s”在文件中重复（第 %(first)d 行已有）。")
                    % {"v": value, "first": seen[value]},
                )
            )
        else:
            seen[value] = row_number
    return errors


def _check_items(catalog, datasets, report: ImportReport) -> None:
    """Rules across rows: keys unique per item, branches to existing steps, at least one step."""
    steps_ds = datasets.get("steps")
    rows_by_number: dict[str, list[int]] = {}
    if steps_ds is not None:
        index = steps_ds.headers.index("事项编号")
        for row_number, row in enumerate(steps_ds, start=2):
            rows_by_number.setdefault(str(row[index]).strip(), []).append(row_number)
    numbers = set(_numbers(datasets["items"], "编号")) | set(rows_by_number)
    failed_rows = {e.row for e in report.errors if e.sheet == SHEET_BY_KEY["steps"].title}
    numbers -= {n for n, rows in rows_by_number.items() if failed_rows & set(rows)}
    items = PowerItemPage.objects.child_of(catalog).filter(number__in=numbers)
    for item in items.prefetch_related("steps"):
        steps = list(item.steps.all())
        rows = rows_by_number.get(item.number, [])
        where = rows[0] if rows else None
        if not steps:
            report.errors.append(
                RowError(
                    "步骤",
                    None,
                    _("事项 %(n)s 没有任何步骤：每个事项至少一个步骤。") % {"n": item.number},
                )
            )
            continue
        data = [StepData(s.key, s.branch_target, s.branch_condition, s.time_limit) for s in steps]
        for problem in step_errors(data):
            report.errors.append(
                RowError(
                    "步骤",
                    where,
                    _("事项 %(n)s：%(problem)s") % {"n": item.number, "problem": problem},
                )
            )


def _publish(catalog, datasets, user) -> None:
    """Every touched item gets a new revision, published, with search text rebuilt."""
    numbers = set(_numbers(datasets["items"], "编号"))
    for key in ("steps", "risks"):
        numbers |= set(_numbers(datasets.get(key), "事项编号"))
    for item in PowerItemPage.objects.child_of(catalog).filter(number__in=numbers):
        item = PowerItemPage.objects.get(pk=item.pk)  # fresh, with its new steps and risks
        item.save_revision(user=user, log_action=True).publish(user=user)
