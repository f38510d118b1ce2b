"""Village affairs disclosures as the public sees them (issue 10): which disclosures of a village
are public, which earlier versions stay viewable, what each correction changed; and the checks an
editor meets on saving (masking at the door, a correction note for a changed published page).

What the public may see is `portal/base/visibility.py`'s rule, asked here for every public path
(page, table, PDF, CSV, JSON, sitemap, search): `public_disclosures` and `public_disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, Revision

from portal.base import masking
from portal.base.visibility import is_public, public_pages

from ..affairs_models import DisclosurePage, DisclosureTable, PeriodType, WithdrawnVersion
from . import schedule, tables

# --- what the public may see ---------------------------------------------------------------------


def public_disclosures(village, kind: str = ""):
    """The village's disclosures the public may see, newest period first."""
    qs = public_pages(DisclosurePage.objects.child_of(village), checked=village)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-period_start", "-first_published_at")


def public_disclosure(page: DisclosurePage, request=None) -> bool:
    """The one question every public path about one disclosure asks."""
    return is_public(page, request)


# --- versions and corrections ---------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """A version of a disclosure that was published: its revision, when, and its note."""

    revision_id: int
    published_at: object
    correction_note: str
    changes: tuple[str, ...]
    current: bool
    withdrawn_reason: str = ""  # taken out of public view by staff (affairs.withdraw_version)


# Fields whose change is named in a correction (model field → label taken from the model).
COMPARED_FIELDS = ("title", "kind", "period_type", "period_start", "event_date", "summary", "body")


def _field_label(name: str) -> str:
    return str(DisclosurePage._meta.get_field(name).verbose_name)


def _table_line(table_id) -> str:
    table = DisclosureTable.objects.filter(pk=table_id).first() if table_id else None
    if table is None:
        return _("无明细表")
    totals = tables.totals_of(table)
    spec = tables.spec_of(table)
    sums = "，".join(
        f"{c.label}{_('合计')} {totals.get(c.name, Decimal('0')):,.2f}" for c in spec.total_columns
    )
    line = _("共 %(n)s 行") % {"n": table.row_count}
    return f"{line}（{sums}）" if sums else line


def describe_changes(before: dict, after: dict) -> list[str]:
    """What changed between two published versions' content, in words a villager reads."""
    changes = [
        _("%(field)s有改动") % {"field": _field_label(name)}
        for name in COMPARED_FIELDS
        if before.get(name) != after.get(name)
    ]
    if before.get("table") != after.get("table"):
        changes.append(
            _("明细表：%(before)s → %(after)s")
            % {"before": _table_line(before.get("table")), "after": _table_line(after.get("table"))}
        )
    if before.get("attachments") != after.get("attachments"):
        changes.append(_("附件有改动"))
    return changes


def _attachment_ids(content: dict) -> list:
    return [a.get("document") for a in content.get("attachments") or []]


def published_versions(page: DisclosurePage) -> list[Version]:
    """Every published version of the page, newest first, each with its correction note and
    what changed from the version before it. The first publication has no note."""
    logs = list(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    revisions = Revision.page_revisions.in_bulk([rid for rid, _ts in logs])
    withdrawn = dict(
        WithdrawnVersion.objects.filter(page=page).values_list("revision_id", "reason")
    )
    versions, previous = [], None
    for revision_id, timestamp in logs:
        revision = revisions.get(revision_id)
        if revision is None:
            continue
        content = dict(revision.content)
        content["attachments"] = _attachment_ids(content)
        note = content.get("correction_note", "") if previous is not None else ""
        changes = describe_changes(previous, content) if previous is not None else []
        versions.append(
            Version(
                revision_id=revision_id,
                published_at=timestamp,
                correction_note=note,
                changes=tuple(changes),
                current=revision_id == page.live_revision_id,
                withdrawn_reason=withdrawn.get(revision_id, ""),
            )
        )
        previous = content
    versions.reverse()
    return versions


def corrections(page: DisclosurePage) -> list[Version]:
    """The published versions after the first: each a public 更正说明."""
    versions = published_versions(page)
    return versions[:-1] if versions else []


def published_revision(page: DisclosurePage, revision_id: int):
    """An earlier published version of the page as a page object, or None if that revision was
    never published (a draft is never public)."""
    published = PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", revision_id=revision_id
    ).exists()
    if not published or WithdrawnVersion.objects.filter(revision_id=revision_id).exists():
        return None
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page.pk)).first()
    return revision.as_object() if revision else None


def withdraw_version(page: DisclosurePage, revision_id: int, user, reason: str):
    """Take an earlier published version out of public view, with the reason shown in its
    place. Only someone who may publish the page; never the current version (unpublish the
    page for that); a reason is required. Raises PermissionDenied or ValueError (Chinese)."""
    from django.core.exceptions import PermissionDenied

    if not page.permissions_for_user(user).can_publish():
        raise PermissionDenied(_("只有能发布本页的人员可以撤下已公开的版本。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("请写明撤下原因（会向公众显示，例如：原扫描件含完整身份证号）。"))
    if revision_id == page.live_revision_id:
        raise ValueError(_("现行版本不能撤下；如需下线，请取消发布本页。"))
    if not any(v.revision_id == revision_id for v in published_versions(page)):
        raise ValueError(_("这个版本从未公开过。"))
    found = WithdrawnVersion.objects.filter(revision_id=revision_id).first()
    if found is not None:
        return found
    return WithdrawnVersion.objects.create(
        page=page, revision_id=revision_id, reason=reason[:200], withdrawn_by=user
    )


# --- saving -------------------------------------------------------------------------------------


def prepare_for_save(page: DisclosurePage) -> None:
    """Fill what follows from the rest: the period's first day, the due date by the schedule."""
    if page.period_start and page.period_type:
        page.period_start = schedule.period_start_of(page.period_type, page.period_start)
    if page.period_type == PeriodType.ONCE and page.event_date and not page.period_start:
        page.period_start = page.event_date
    parent = page.get_parent() if page.pk or page.path else None
    if parent is not None and page.period_start:
        page.due_on = schedule.due_date_for_page(page, village=parent)


MASKED_TEXT_FIELDS = ("title", "summary", "body", "correction_note", "publisher")


def unmasked_numbers(text: str) -> list[str]:
    """The kinds of personal number found in full in `text` (ID number, bank card, mobile)."""
    if not text:
        return []
    found = []
    if masking.mask_id_number(text) != text:
        found.append(_("身份证号"))
    if masking.mask_bank_card(masking.mask_id_number(text)) != masking.mask_id_number(text):
        found.append(_("银行卡号"))
    if masking.mask_phone(text) != text:
        found.append(_("手机号"))
    return found


def validate(page: DisclosurePage) -> None:
    """The checks an editor meets on saving a disclosure (Chinese messages, by field)."""
    errors = {}
    for name in MASKED_TEXT_FIELDS:
        found = unmasked_numbers(getattr(page, name, "") or "")
        if found:
            errors[name] = _(
                "含有完整的%(what)s。公开内容不得出现完整的身份证号、银行卡号和手机号，"
                "请隐去中间部分（如 620000********123X、138****1234）后再保存。"
            ) % {"what": "、".join(found)}
    if page.period_type == PeriodType.ONCE and not page.event_date:
        errors["event_date"] = _("逐项公开的请填写事项发生日期，公开时限从这一天起算。")
    rule = _rule_for(page)
    if rule is not None and rule.period_type == PeriodType.ONCE != page.period_type:
        errors["period_type"] = _(
            "本县规定“%(kind)s”逐项公开（事项发生后 %(days)s 个工作日内），"
            "请把公开周期选为“逐项”，并填写事项发生日期。"
        ) % {"kind": page.get_kind_display(), "days": rule.due_working_days}
    if page.pk and page.first_published_at is not None and page.live_revision_id:
        live = Revision.page_revisions.filter(pk=page.live_revision_id).first()
        note = (page.correction_note or "").strip()
        if (
            live is not None
            and _changed_since(live.content, page)
            and (not note or note == (live.content.get("correction_note") or "").strip())
        ):
            errors["correction_note"] = _(
                "这条公开已经发布过，修改后要向公众说明：请在“更正说明”里写明这次改了什么、为什么改。"
            )
    if errors:
        raise ValidationError(errors)


def _rule_for(page: DisclosurePage):
    """The schedule rule for the page's county and kind (None before it is in the tree)."""
    if not page.kind:
        return None
    parent = getattr(page, "parent_for_rules", None)
    if parent is None and page.path:
        parent = page.get_parent()
    if parent is None:
        return None
    return schedule.Rules().rule(schedule.county_id_of(parent), page.kind)


def attachment_problems(page, documents, captions, correction_note) -> list[tuple]:
    """(field, message) for attachments as edited: a full number in a caption, title or file
    name (all shown in public); a changed set of files on a published disclosure without a new
    更正说明."""
    problems = []
    for text in [*captions, *(d.title for d in documents), *(d.filename for d in documents)]:
        found = unmasked_numbers(text or "")
        if found:
            problems.append(
                (
                    None,
                    _("附件“%(text)s”的说明、标题或文件名含有完整的%(what)s，请改名后再上传。")
                    % {"text": masking.mask_text(text), "what": "、".join(found)},
                )
            )
    if page.pk and page.first_published_at is not None and page.live_revision_id:
        live = Revision.page_revisions.filter(pk=page.live_revision_id).first()
        before = sorted(_attachment_ids(live.content)) if live else []
        note = (correction_note or "").strip()
        old_note = ((live.content.get("correction_note") if live else "") or "").strip()
        if before != sorted(d.pk for d in documents) and (not note or note == old_note):
            problems.append(
                (
                    "correction_note",
                    _("已公开的附件有改动：请在“更正说明”里写明换了哪些附件、为什么换。"),
                )
            )
    return problems


def _changed_since(content: dict, page: DisclosurePage) -> bool:
    for name in COMPARED_FIELDS:
        value = getattr(page, name)
        stored = content.get(name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if (stored or "") != (value or ""):
            return True
    return content.get("table") != page.table_id


# --- the page -----------------------------------------------------------------------------------


ROWS_PER_PAGE = 50
# The text columns a visitor may filter on with ?q= (masked text only).
FILTER_COLUMNS = {
    DisclosureTable.RowKind.SUBSIDY: ("household", "item", "group"),
    DisclosureTable.RowKind.FINANCE: ("summary", "voucher"),
    DisclosureTable.RowKind.ASSETS: ("name", "category", "counterparty"),
    DisclosureTable.RowKind.PROJECT: ("name", "contractor", "progress"),
}
MAX_QUERY = 30


@dataclass
class TableView:
    """One screen of a disclosure's table: its rows, sort, filter and the whole table's totals."""

    spec: object
    table: DisclosureTable
    rows: list
    number: int  # 1-based page number
    pages: int
    count: int  # rows matching the filter
    first: int  # 1-based index of the first row shown (0 when none)
    last: int
    sort: str
    descending: bool
    query: str
    totals: list  # (column, Decimal or None) for each column, the whole table's exact sums


def _int(value, default=1) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


def table_view(table: DisclosureTable, params) -> TableView:
    """The rows to show for `?p=` (50 a page), `?sort=<column>&dir=desc` (file order by default)
    and `?q=` (masked household/item/group text). Totals are of the WHOLE table, exact."""
    spec = tables.spec_of(table)
    sort = params.get("sort", "")
    column = spec.column(sort)
    if column is None or not column.sortable:
        sort = ""
    descending = bool(sort) and params.get("dir") == "desc"
    query = (params.get("q") or "").strip()[:MAX_QUERY]
    qs = tables.rows_of(table, sort, descending)
    if query:
        condition = Q()
        for name in FILTER_COLUMNS.get(table.row_kind, ()):
            condition |= Q(**{f"{name}__icontains": query})
        qs = qs.filter(condition)
        count = qs.count()
    else:
        count = table.row_count
    pages = max((count + ROWS_PER_PAGE - 1) // ROWS_PER_PAGE, 1)
    number = min(_int(params.get("p")), pages)
    offset = (number - 1) * ROWS_PER_PAGE
    rows = list(qs[offset : offset + ROWS_PER_PAGE])
    totals = tables.totals_of(table)
    return TableView(
        spec=spec,
        table=table,
        rows=rows,
        number=number,
        pages=pages,
        count=count,
        first=offset + 1 if rows else 0,
        last=offset + len(rows),
        sort=sort,
        descending=descending,
        query=query,
        totals=[(c, totals.get(c.name) if c.total else None) for c in spec.columns],
    )


def publisher_of(page: DisclosurePage, village) -> str:
    return page.publisher or _("%(village)s村务监督委员会") % {"village": village.title}


def timeliness(page: DisclosurePage) -> tuple[bool | None, int]:
    """(on time?, days late) of the page's first publication against its due date; None when
    there is no due date or it was never published."""
    first = schedule.published_on(page)
    if page.due_on is None or first is None:
        return None, 0
    late = (first - page.due_on).days
    return late <= 0, max(late, 0)


def page_context(page: DisclosurePage, request, table: DisclosureTable | None = None) -> dict:
    """What the disclosure's template shows besides the page's own fields. `table` is the table
    the version shown names (an earlier version keeps its own rows)."""
    from villages.hooks import question_url

    village = page.get_parent().specific
    # An earlier version's rows are not the current table's: a question about one of its rows
    # would be filed against whatever row now has that line. Only the current version asks.
    current_table = table is None or table.pk == page.table_id
    if table is None and page.table_id:
        table = DisclosureTable.objects.filter(pk=page.table_id).first()
    view = table_view(table, request.GET if request is not None else {}) if table else None
    about = f"disclosure:{page.pk}"
    page_question = question_url(village, about, None)
    rows = view.rows if view is not None else []
    table_rows = [
        (row, question_url(village, about, row.line) if page_question and current_table else "")
        for row in rows
    ]
    on_time, late_days = timeliness(page)
    versions = published_versions(page)
    return {
        "village": village,
        "table_spec": view.spec if view else None,
        "table_view": view,
        "table_rows": table_rows,
        "row_questions": bool(page_question) and current_table,
        "question_url": page_question,
        "versions": versions,
        "corrections": versions[:-1] if versions else [],
        "publisher_name": publisher_of(page, village),
        "published_on": schedule.published_on(page),
        "on_time": on_time,
        "late_days": late_days,
        "attachment_list": [a for a in page.attachments.all() if a.document_id],
    }
