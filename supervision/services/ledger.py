"""The ledger (台账, issue 11 part 5; docs/architecture.md "The ledger (台账)"): the one definition
of the official ledger's columns, the export of a list of cases to XLSX or CSV, and the large
export run in the task worker. The historic import (cases from before the system) reads the same
columns: services/ledger_import.py.

Columns, in the official order: 编号, 来源, 受理时间, 反映人, 被反映人, 问题类别,
承办单位, 包案领导, 办理期限 (the 办结期限), 状态, 办结时间 (the first conclusion),
回访结果 (the latest return visit), 是否重复件, 销号时间. `CaseLedgerResource`
(django-import-export) holds them: its fields' column
names are the headers, its widgets render and clean each cell.

反映人 is masked per role: 匿名 for an anonymous report; a real name masked (张*明) for everyone
except the roles that may know who reported (identity.role_sees_identity, on cases already within
`cases_for(user)`); every name written in full is logged as a look (IdentityAccess, context
"台账导出"), in the same transaction as the file. Never a phone, ID number or address.

Fast by construction: the cases are read with `.values()` in chunks, the lookups (categories,
leaders, the latest return visit as a subquery annotation) once, and every row is made from a
dict through the resource's fields, with no query per row.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import secrets
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from disclosures.affairs_resources import ChineseDateWidget
from disclosures.services.open_data import safe_cell
from portal.base import xlsx
from portal.base.masking import mask_name

from ..models import Complaint, ComplaintCategory, LedgerExport, ReturnVisit
from . import identity

logger = logging.getLogger(__name__)
State = Complaint.State
CHUNK = 2000
IDENTITY_CONTEXT = "台账导出"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx", "csv")
KEEP_DAYS = 7  # a built file is removed after a week (cleanup_exports)


def inline_rows() -> int:
    """Up to this many rows the file is made in the request; more go to the task worker."""
    return settings.SUPERVISION_LEDGER_INLINE_ROWS


# --- the columns --------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """A text cell: written with a leading apostrophe when it starts with = + - @ (a formula to
    a spreadsheet: open_data.safe_cell), which the import drops again."""

    def render(self, value, obj=None, **kwargs):
        return safe_cell(value) if value not in (None, "") else ""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
            text = text[1:]
        return text


class DateWidget(ChineseDateWidget):
    """A date cell, written 2026-08-15; read in any of the ways ChineseDateWidget knows."""

    def render(self, value, obj=None, **kwargs):
        return f"{value:%Y-%m-%d}" if value else ""


def _text(column: str, attribute: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


def _date(column: str, attribute: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=DateWidget(column))


class CaseLedgerResource(resources.Resource):
    """The official ledger's columns. The headers are the official ledger's own (a file format,
    the same in every language of the interface); the import reads files with these headers."""

    number = _text("编号", "number")
    channel = _text("来源", "channel")
    accepted_on = _date("受理时间", "accepted_on")
    reporter = _text("反映人", "reporter")
    accused = _text("被反映人", "accused_name")
    category = _text("问题类别", "category")
    unit = _text("承办单位", "assigned_unit")
    leader = _text("包案领导", "leader")
    due = _date("办理期限", "conclusion_due_on")
    state = _text("状态", "state")
    concluded = _date("办结时间", "first_concluded_on")
    visit = _text("回访结果", "visit")
    repeat = _text("是否重复件", "repeat")
    closed = _date("销号时间", "closed_on")

    class Meta:
        fields = (
            "number",
            "channel",
            "accepted_on",
            "reporter",
            "accused",
            "category",
            "unit",
            "leader",
            "due",
            "state",
            "concluded",
            "visit",
            "repeat",
            "closed",
        )
        export_order = fields


def ledger_fields() -> list[fields.Field]:
    resource = CaseLedgerResource()
    return [resource.fields[name] for name in CaseLedgerResource._meta.fields]


def headers() -> list[str]:
    return [f.column_name for f in ledger_fields()]


# --- reading the cases --------------------------------------------------------------------------

VALUES = (
    "pk",
    "number",
    "channel",
    "accepted_on",
    "real_name",
    "reporter_name",
    "accused_name",
    "category_id",
    "assigned_unit",
    "owner_leader_id",
    "owner_level",
    "conclusion_due_on",
    "state",
    "first_concluded_on",
    "repeat_of_id",
    "closed_on",
    "latest_visit",
)


def _leader_names(cases: QuerySet[Complaint]) -> dict[int, str]:
    leaders = get_user_model().objects.filter(
        pk__in=cases.order_by().exclude(owner_leader=None).values("owner_leader_id")
    )
    return {
        u.pk: (u.get_full_name().strip() or u.get_username())
        for u in leaders.only("pk", "first_name", "last_name", "username")
    }


class Rows:
    """The ledger rows of `cases` for `user`, as lists of cell text, read in chunks. After
    iterating, `full_names` holds the cases whose reporter was written in full (to be logged)."""

    def __init__(self, user, cases: QuerySet[Complaint]):
        self.user = user
        self.cases = cases
        self.full_names: list[int] = []
        self.count = 0

    def __iter__(self) -> Iterator[list[str]]:
        latest_visit = ReturnVisit.objects.filter(case=OuterRef("pk")).order_by("-at", "-pk")
        cases = self.cases
        if not cases.query.order_by and not cases.query.default_ordering:
            cases = cases.order_by("-created_at", "-pk")
        cases = cases.annotate(latest_visit=Subquery(latest_visit.values("result")[:1]))
        categories = dict(ComplaintCategory.objects.values_list("pk", "name"))
        leaders = _leader_names(self.cases)
        channels = dict(Complaint.Channel.choices)
        states = dict(State.choices)
        levels = dict(Complaint.LeaderLevel.choices)
        visits = dict(ReturnVisit.Result.choices)
        full = identity.role_sees_identity(self.user)
        anonymous, yes, no = _("匿名"), _("是"), _("否")
        columns = ledger_fields()
        for values in cases.values(*VALUES).iterator(chunk_size=CHUNK):
            name = (values["reporter_name"] or "").strip()
            if not values["real_name"] or not name:
                reporter = anonymous
            elif full:
                reporter = name
                self.full_names.append(values["pk"])
            else:
                reporter = mask_name(name)
            leader = ""
            if values["owner_leader_id"]:
                leader = leaders.get(values["owner_leader_id"], "")
                if values["owner_level"]:
                    leader += f"（{levels.get(values['owner_level'], '')}）"
            row = {
                "number": values["number"] or "",
                "channel": str(channels.get(values["channel"], values["channel"])),
                "accepted_on": values["accepted_on"],
                "reporter": str(reporter),
                "accused_name": values["accused_name"],
                "category": categories.get(values["category_id"], ""),
                "assigned_unit": values["assigned_unit"],
                "leader": leader,
                "conclusion_due_on": values["conclusion_due_on"],
                "state": str(states.get(values["state"], values["state"])),
                "first_concluded_on": values["first_concluded_on"],
                "visit": str(visits[values["latest_visit"]]) if values["latest_visit"] else "",
                "repeat": str(yes if values["repeat_of_id"] else no),
                "closed_on": values["closed_on"] if values["state"] == State.CLOSED else None,
            }
            self.count += 1
            yield [field.export(row) for field in columns]


def log_full_names(user, rows: Rows) -> None:
    identity.log_bulk_look(user, rows.full_names, IDENTITY_CONTEXT)


# --- writing files ------------------------------------------------------------------------------


class _Line:
    """A file-like that hands back what csv.writer wrote, one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """UTF-8 CSV text with the BOM (Excel opens Chinese UTF-8 only with it), line by line."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(headers())
    for row in rows:
        yield writer.writerow(row)


def write_csv(rows: Iterable[list[str]], handle) -> None:
    """To a binary handle, in blocks."""
    block: list[str] = []
    for line in csv_lines(rows):
        block.append(line)
        if len(block) >= 1000:
            handle.write("".join(block).encode("utf-8"))
            block = []
    handle.write("".join(block).encode("utf-8"))


COLUMN_WIDTHS = (18, 10, 12, 10, 12, 12, 20, 16, 12, 10, 12, 10, 10, 12)


def write_xlsx(rows: Iterable[list[str]], handle) -> None:
    """Streamed straight into the zip (portal/base/xlsx.py): flat memory, every cell text."""
    xlsx.write(handle, _("台账"), headers(), rows, COLUMN_WIDTHS)


WRITERS: dict[str, Callable] = {"xlsx": write_xlsx, "csv": write_csv}


def file_name(file_format: str) -> str:
    return f"台账-{timezone.localdate():%Y%m%d}.{file_format}"


def export_bytes(user, cases: QuerySet[Complaint], file_format: str) -> tuple[bytes, int]:
    """A small export made in the request: the file's bytes and its row count. The looks at
    full names are logged in the same transaction as the file is made."""
    out = io.BytesIO()
    with transaction.atomic():
        rows = Rows(user, cases)
        WRITERS[file_format](rows, out)
        log_full_names(user, rows)
    return out.getvalue(), rows.count


def export_csv_lines(user, cases: QuerySet[Complaint]) -> list[str]:
    """A small CSV export as lines, made (and its looks logged) in one transaction before the
    first byte is sent; the view streams them."""
    with transaction.atomic():
        rows = Rows(user, cases)
        lines = list(csv_lines(rows))
        log_full_names(user, rows)
    return lines


# --- large exports in the task worker -----------------------------------------------------------


def exports_dir() -> Path:
    """Private: under VAR_DIR, never under MEDIA_ROOT; files are served by the download view to
    their owner only."""
    return Path(settings.LEDGER_EXPORT_DIR)


def export_path(export: LedgerExport) -> Path | None:
    if not export.file:
        return None
    path = (exports_dir() / export.file).resolve()
    return path if path.is_relative_to(exports_dir().resolve()) else None


def build_export(export_id: int, listed: Callable) -> LedgerExport:
    """The task's body: rebuild the list for the export's user from the stored query
    (`listed(user, query)`), write the file, log the looks; all in one transaction, so a
    failed file leaves no look logged."""
    export = LedgerExport.objects.select_related("user").get(pk=export_id)
    if export.status not in (LedgerExport.Status.QUEUED, LedgerExport.Status.FAILED):
        return export
    LedgerExport.objects.filter(pk=export.pk).update(status=LedgerExport.Status.RUNNING)
    folder = exports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{export.pk}-{secrets.token_hex(8)}.{export.file_format}"
    path = folder / name
    try:
        with transaction.atomic():
            rows = Rows(export.user, listed(export.user, export.query))
            with open(path, "wb") as handle:
                WRITERS[export.file_format](rows, handle)
            log_full_names(export.user, rows)
            export.status, export.rows, export.file = LedgerExport.Status.DONE, rows.count, name
            export.error, export.finished_at = "", timezone.now()
            export.save(update_fields=["status", "rows", "file", "error", "finished_at"])
    except Exception as error:
        logger.exception("ledger export %s failed", export.pk)
        path.unlink(missing_ok=True)
        LedgerExport.objects.filter(pk=export.pk).update(
            status=LedgerExport.Status.FAILED,
            error=str(error)[:300] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
    return export


def cleanup_exports(days: int = KEEP_DAYS, now: datetime.datetime | None = None) -> int:
    """Remove exports (file and row) older than `days`, and stray files; idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = LedgerExport.objects.filter(created_at__lt=cutoff)
    removed = 0
    for export in old:
        if (path := export_path(export)) is not None:
            path.unlink(missing_ok=True)
        removed += 1
    old.delete()
    folder = exports_dir()
    if folder.is_dir():
        known = set(LedgerExport.objects.exclude(file="").values_list("file", flat=True))
        for path in folder.iterdir():
            stray = path.is_file() and path.name not in known
            if stray and path.stat().st_mtime < cutoff.timestamp():
                path.unlink(missing_ok=True)
    return removed
