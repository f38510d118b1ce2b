"""Importing a ledger kept before the system (历史台账, issue 11 part 5; docs/architecture.md
"The ledger (台账)").

The file has the export's columns (services/ledger.py `CaseLedgerResource`, whose widgets clean
each cell) plus 村 (the village's name or division code), and optionally 收到日期, 联系电话 and
反映内容. The disclosure imports' pattern and helpers: the upload is staged
(disclosures/services/staging.py), read by `affairs_import.open_sheet` (XLSX, CSV in UTF-8 or
GBK), previewed in the task worker with every bad row listed by the row number Excel shows, its
column and a Chinese reason; the confirm writes all rows in one transaction or none.

Each case is written as the case path would have left it: imported=True, the ledger's number,
channel, state and a STATE event for each date the ledger gives (登记 at 收到日期 or 受理时间,
受理, 办结, 销号; changes={"action": "import"}), then `clock.refresh(case)` derives the figures'
facts (accepted_on, first_concluded_on, conclusion_due_on, resolved_on...) from those events.
A reporter's name is kept encrypted; real_name only when a contact is given too.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Page

from disclosures.services import affairs_import, staging
from disclosures.services.affairs_import import normalise_header
from disclosures.services.spreadsheets import ImportFileError
from villages.models import Role, VillagePage
from villages.services.jurisdiction import jurisdiction_of

from ..models import CaseEvent, Complaint, ComplaintCategory, LedgerImport
from . import clock, identity, ledger, receipts
from .access import role_of
from .intake import intake_level

logger = logging.getLogger(__name__)
State = Complaint.State
Status = LedgerImport.Status
Stage = LedgerImport.Stage
FILE_KEY = "file"
MAX_ERRORS = 500
# All or nothing: a failed confirm wrote nothing and may simply be retried.
CONFIRMABLE = Q(status=Status.READY) | Q(stage=Stage.CONFIRM, status=Status.FAILED)
IMPORT_ROLES = {Role.COUNTY_PETITION, Role.CITY_DISCIPLINE}

# Columns beyond the export's: which village, and what a ledger often has besides.
VILLAGE, RECEIVED, CONTACT, DESCRIPTION = "村", "收到日期", "联系电话", "反映内容"
EXTRA_HEADERS = [VILLAGE, RECEIVED, CONTACT, DESCRIPTION]
REQUIRED = ["编号", "来源", "问题类别", "状态", VILLAGE]
# States reached only through acceptance, conclusion, closing: the dates they need.
AFTER_ACCEPTANCE = {
    State.ACCEPTED,
    State.ASSIGNED,
    State.TRANSFERRED,
    State.IN_PROGRESS,
    State.EXTENDED,
    State.CONCLUDED,
    State.VISITED,
    State.CLOSED,
    State.REVIEW,
    State.RE_REVIEW,
    State.FINAL,
}
AFTER_CONCLUSION = {State.CONCLUDED, State.VISITED, State.CLOSED, State.REVIEW, State.RE_REVIEW}
AFTER_CONCLUSION |= {State.FINAL}


def may_import(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or role_of(user) in IMPORT_ROLES


def scope_of(user) -> Page:
    """The import's jurisdiction: the user's node (the whole tree for a superuser)."""
    if user.is_superuser:
        return Page.get_first_root_node()
    return jurisdiction_of(user)


def template_headers() -> list[str]:
    return [*ledger.headers(), *EXTRA_HEADERS]


def template_xlsx() -> bytes:
    """The ledger's headers and one example row, which the import reads as it is."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("历史台账")
    sheet.append(template_headers())
    sheet.append(
        [
            "621223-2019-000001",
            "来信",
            "2019-03-04",
            "张三明",
            "王某某",
            "惠民补贴",
            "宕昌县纪委监委信访室",
            "",
            "",
            "已销号",
            "2019-04-10",
            "满意",
            "否",
            "2019-05-06",
            "阿坞村",
            "2019-03-01",
            "13800001234",
            "反映低保评定不公开。",
        ]
    )
    for letter in "ABCDEFGHIJKLMNOPQR":
        sheet.column_dimensions[letter].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- checking -----------------------------------------------------------------------------------


@dataclass
class Report:
    rows: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"line": line, "column": column, "message": message})

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.rows > 0

    def as_json(self) -> dict:
        return {"rows": self.rows, "errors": self.errors, "error_count": self.error_count}


def _by_label(choices) -> dict[str, str]:
    found = {}
    for value, label in choices:
        found[str(label)] = value
        found[value] = value
    return found


class Lookups:
    """What the rows are checked against, read once."""

    def __init__(self, scope: Page):
        inside = VillagePage.objects.descendant_of(scope, inclusive=True)
        self.inside = set(inside.values_list("pk", flat=True))
        self.by_code: dict[str, int] = {}
        self.by_title: dict[str, list[int]] = {}
        for pk, code, title in VillagePage.objects.values_list("pk", "division_code", "title"):
            self.by_code[code] = pk
            self.by_title.setdefault(title.strip(), []).append(pk)
        self.categories: dict[str, int] = {}
        for pk, name, code in ComplaintCategory.objects.values_list("pk", "name", "code"):
            self.categories[name] = pk
            self.categories[code] = pk
        self.channels = _by_label(Complaint.Channel.choices)
        self.states = _by_label(State.choices)

    def village(self, text: str) -> tuple[int | None, str]:
        """(village id, error)."""
        if text in self.by_code:
            pk = self.by_code[text]
        else:
            found = self.by_title.get(text, [])
            mine = [pk for pk in found if pk in self.inside]
            if len(mine) > 1:
                return None, _("有多个村叫“%(v)s”，请填写村的区划代码（12 位）。") % {"v": text}
            if not found:
                return None, _("找不到村“%(v)s”（请填写村名或 12 位区划代码）。") % {"v": text}
            pk = mine[0] if mine else found[0]
        if pk not in self.inside:
            return None, _("“%(v)s”不在您的管辖范围内，不能导入。") % {"v": text}
        return pk, ""


def _columns(headers: list[str]) -> dict[str, int]:
    normalised = [normalise_header(h) for h in headers]
    found = {}
    for name in template_headers():
        if name in normalised:
            found[name] = normalised.index(name)
    missing = [name for name in REQUIRED if name not in found]
    if "受理时间" not in found and RECEIVED not in found:
        missing.append(_("受理时间或收到日期"))
    if missing:
        raise ImportFileError(
            _("表头缺少必需的列：%(columns)s。请使用“下载模板”中的表头（第 1 行）。")
            % {"columns": "、".join(f"“{m}”" for m in missing)}
        )
    return found


def check_file(path: Path, name: str, scope: Page, progress=None) -> tuple[Report, list[dict]]:
    """Every row cleaned and checked; returns the report and the clean rows (for the confirm)."""
    report = Report()
    clean_rows: list[dict] = []
    lookups = Lookups(scope)
    fields = {f.column_name: f for f in ledger.ledger_fields()}
    date_of = {c: fields[c].widget for c in ("受理时间", "办结时间", "销号时间")}
    date_of[RECEIVED] = ledger.DateWidget(RECEIVED)
    text = ledger.TextWidget()
    seen: dict[str, int] = {}
    with affairs_import.open_sheet(path, name) as sheet:
        columns = _columns(sheet.headers)
        for line, cells in sheet.rows:
            report.rows += 1
            if progress and report.rows % 1000 == 0:
                progress(report.rows)

            def cell(column, cells=cells):
                index = columns.get(column)
                return cells[index] if index is not None and index < len(cells) else None

            def add(column, message, line=line):
                report.add(line, column, message)

            row: dict = {"line": line}
            for column in ("编号", "来源", "问题类别", "状态", VILLAGE):
                if not text.clean(cell(column)):
                    add(column, _("“%(c)s”不能为空。") % {"c": column})
            number = text.clean(cell("编号"))
            if number:
                if number in seen:
                    add("编号", _("编号与第 %(n)d 行重复。") % {"n": seen[number]})
                seen.setdefault(number, line)
                row["number"] = number
            if channel := text.clean(cell("来源")):
                row["channel"] = lookups.channels.get(channel)
                if row["channel"] is None:
                    add("来源", _("不认识的来源“%(v)s”。") % {"v": channel})
            if category := text.clean(cell("问题类别")):
                row["category"] = lookups.categories.get(category)
                if row["category"] is None:
                    add("问题类别", _("不认识的问题类别“%(v)s”。") % {"v": category})
            if state := text.clean(cell("状态")):
                row["state"] = lookups.states.get(state)
                if row["state"] is None:
                    add("状态", _("不认识的状态“%(v)s”。") % {"v": state})
            if village := text.clean(cell(VILLAGE)):
                row["village"], problem = lookups.village(village)
                if problem:
                    add(VILLAGE, problem)
            dates = {}
            for column, widget in date_of.items():
                try:
                    dates[column] = widget.clean(cell(column))
                except ValueError as problem:
                    add(column, str(problem))
                    dates[column] = None
            _check_dates(row.get("state"), dates, add)
            reporter = text.clean(cell("反映人"))
            if reporter in (_("匿名"), "匿名") or "*" in reporter:
                reporter = ""  # anonymous, or a name masked by an earlier export: no identity
            row |= {
                "accepted_on": dates["受理时间"],
                "received_on": dates[RECEIVED] or dates["受理时间"],
                "concluded_on": dates["办结时间"],
                "closed_on": dates["销号时间"],
                "reporter": reporter[:50],
                "contact": text.clean(cell(CONTACT))[:30],
                "accused": text.clean(cell("被反映人"))[:100],
                "unit": text.clean(cell("承办单位"))[:100],
                "description": text.clean(cell(DESCRIPTION))[:5000],
            }
            clean_rows.append(row)
    if report.rows == 0:
        raise ImportFileError(_("文件里没有数据行。"))
    numbers, existing = list(seen), set()
    for i in range(0, len(numbers), 5000):  # SQLite's limit on query parameters
        found = Complaint.objects.filter(number__in=numbers[i : i + 5000])
        existing |= set(found.values_list("number", flat=True))
    for number in sorted(existing, key=seen.get):
        report.add(seen[number], "编号", _("编号“%(v)s”已在系统中，不能重复导入。") % {"v": number})
    report.errors.sort(key=lambda e: e["line"])
    return report, clean_rows


def _check_dates(state, dates: dict, add) -> None:
    received, accepted = dates[RECEIVED], dates["受理时间"]
    concluded, closed = dates["办结时间"], dates["销号时间"]
    if accepted and received and accepted < received:
        add("受理时间", _("受理时间早于收到日期。"))
    if concluded and accepted and concluded < accepted:
        add("办结时间", _("办结时间早于受理时间。"))
    if closed and concluded and closed < concluded:
        add("销号时间", _("销号时间早于办结时间。"))
    if not received and not accepted:
        add("受理时间", _("受理时间和收到日期至少填写一项。"))
    if state in AFTER_ACCEPTANCE and not accepted:
        add("受理时间", _("该状态的件须填写受理时间。"))
    if state in AFTER_CONCLUSION and not concluded:
        add("办结时间", _("该状态的件须填写办结时间。"))
    if state == State.CLOSED and not closed:
        add("销号时间", _("已销号的件须填写销号时间。"))
    today = timezone.localdate()
    for column, value in dates.items():
        if value and value > today:
            add(column, _("日期在今天之后。"))


# --- writing ------------------------------------------------------------------------------------


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _unique_code(taken: set[str]) -> str:
    while True:
        code = receipts.new_receipt_code()
        if code not in taken and not Complaint.objects.filter(receipt_code=code).exists():
            taken.add(code)
            return code


def write_rows(rows: list[dict], user) -> int:
    """All rows as cases, in the caller's transaction."""
    taken: set[str] = set()
    now = timezone.now()
    for row in rows:
        real_name = bool(row["reporter"] and row["contact"])
        hashes = (
            identity.identity_hashes(row["reporter"], row["contact"]) if real_name else ("", "")
        )
        code = _unique_code(taken)
        received = row["received_on"]
        case = Complaint.objects.create(
            number=row["number"],
            receipt_code=code,
            pin_digest=receipts.pin_digest(code, secrets.token_hex(8)),
            channel=row["channel"],
            state=row["state"],
            village_id=row["village"],
            category_id=row["category"],
            accused_name=row["accused"],
            description=row["description"] or _("历史台账导入（原台账无反映内容）。"),
            real_name=real_name,
            reporter_name=row["reporter"] or "",
            reporter_contact=row["contact"] if real_name else "",
            identity_hash=hashes[0],
            received_on=received,
            created_at=_at(received, 9),
            updated_at=now,
            logged_by=user,
            assigned_unit=row["unit"],
            intake_level=intake_level(row["channel"], user),
            imported=True,
        )
        _write_events(case, row, user)
        clock.refresh(case)
    return len(rows)


def _write_events(case: Complaint, row: dict, user) -> None:
    steps = [(row["received_on"], 9, State.REGISTERED)]
    state = row["state"]
    if row["accepted_on"] and state != State.NOT_ACCEPTED:
        steps.append((row["accepted_on"], 10, State.ACCEPTED))
    if row["concluded_on"] and state in AFTER_CONCLUSION:
        steps.append((row["concluded_on"], 11, State.CONCLUDED))
    if row["closed_on"] and state == State.CLOSED:
        steps.append((row["closed_on"], 12, State.CLOSED))
    if steps[-1][2] != state:
        # The state the ledger gives, on the last date it gives (不予受理 on the 受理时间).
        last = row["accepted_on"] if state == State.NOT_ACCEPTED else None
        steps.append((last or steps[-1][0], 13, state))
    previous = ""
    events = []
    for day, hour, to_state in steps:
        events.append(
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.STATE,
                at=_at(day, hour),
                actor=user,
                actor_label=_("历史台账导入"),
                from_state=previous,
                to_state=to_state,
                changes={"action": "import"},
            )
        )
        previous = to_state
    CaseEvent.objects.bulk_create(events)


# --- jobs ---------------------------------------------------------------------------------------


def _update(job: LedgerImport, **fields) -> None:
    fields["updated_at"] = timezone.now()
    LedgerImport.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _finish(job: LedgerImport, status: str, **fields) -> None:
    _update(job, status=status, step="", finished_at=timezone.now(), **fields)
    if status not in (Status.READY, Status.FAILED):
        staging.discard(job.token)


def start(user, upload) -> LedgerImport:
    """Stage the upload (an UploadedFile or (name, bytes)) and queue its preview."""
    scope = scope_of(user)
    name = upload[0] if isinstance(upload, tuple) else upload.name
    token = staging.save(user.pk, scope.pk, {FILE_KEY: upload})
    job = LedgerImport.objects.create(
        user=user, token=token, jurisdiction=scope, file_name=name[:200]
    )
    preview_ledger_import.enqueue(job.pk)
    return job


def confirm(job: LedgerImport) -> bool:
    queued = (
        LedgerImport.objects.filter(CONFIRMABLE, pk=job.pk).update(
            stage=Stage.CONFIRM, status=Status.QUEUED, updated_at=timezone.now()
        )
        == 1
    )
    if queued:
        confirm_ledger_import.enqueue(job.pk)
    return queued


@task()
def preview_ledger_import(job_id: int) -> None:
    run(job_id, write=False)


@task()
def confirm_ledger_import(job_id: int) -> None:
    run(job_id, write=True)


def run(job_id: int, write: bool) -> None:
    """Check the staged file; if `write`, check it again (the database may have changed since
    the preview) and write every row in one transaction, or nothing."""
    job = LedgerImport.objects.select_related("user", "jurisdiction").get(pk=job_id)
    _update(job, status=Status.RUNNING, step=_("写入") if write else _("逐行检查"))
    try:
        files = staging.load(job.token, job.user_id, job.jurisdiction_id)
        name, path = files[FILE_KEY]
        report, rows = check_file(
            path, name, job.jurisdiction, progress=lambda n: _update(job, done=n)
        )
        if not report.ok:
            _finish(job, Status.INVALID, report=report.as_json(), total=report.rows)
            return
        if not write:
            _finish(job, Status.READY, report=report.as_json(), total=report.rows)
            return
        with transaction.atomic():
            written = write_rows(rows, job.user)
    except ImportFileError as error:
        _finish(job, Status.INVALID, message=str(error))
        return
    except staging.StagedUploadMissing:
        _finish(job, Status.FAILED, message=_("上传的文件已过期或不存在，请重新上传。"))
        return
    except Exception:
        logger.exception("ledger import %s failed", job.pk)
        _finish(job, Status.FAILED, message=_("处理时出错，未写入任何内容；请重新上传。"))
        return
    _finish(job, Status.DONE, done=written, total=written)
