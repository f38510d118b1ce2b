"""Public views of village affairs disclosures (issue 10): the village's 村务公开 index and the
sub-URLs of a disclosure page (PDF, CSV, JSON, an earlier published version).

Wagtail has already enforced the page's and the village's view restrictions (password, login)
and refuses a draft before a sub-URL view is called; each view asks the one public rule again
(`affairs.public_disclosure`) so nothing restricted is ever served as open data or cached.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.base import page_cache
from portal.base.ratelimit import rate_limited

from . import tasks
from .affairs_models import DisclosurePage, Kind
from .services import affairs, open_data, pdf_store, schedule, tables
from .views import _pdf_pending, _pdf_response

# --- the village's 村务公开 -----------------------------------------------------------------------


def status_text(status: schedule.KindStatus) -> tuple[str, str]:
    """(css class, words) of a kind's timeliness: 按时, 逾期未公开：…, 上次公开晚了 N 天, or — ."""
    if status.overdue:
        return "bad", _("逾期未公开：%(periods)s") % {"periods": "、".join(status.overdue)}
    page = status.page
    if page is not None and page.due_on and status.last_published_on:
        late = (status.last_published_on - page.due_on).days
        if late > 0:
            return "warn", _("上次公开晚了 %(n)s 天") % {"n": late}
    if status.on_time:
        return "ok", _("按时")
    return "", "—"


def village_affairs(village, request):
    """Per kind, the last disclosure and whether it is on time; then the public disclosures,
    grouped by kind, newest first; `?kind=` shows one kind."""
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    # Once per process, day and language (the status texts) until the village's disclosures
    # (below it), a page above it or a schedule rule (site-wide) changes (page_cache.remembered).
    pages, statuses = page_cache.remembered(
        ("village_affairs", village.path, kind, schedule.today(), get_language()),
        [*page_cache.page_tags(village), page_cache.SITE],
        lambda: _affairs_lists(village, kind),
    )
    groups = []
    for value, label in Kind.choices:
        found = [p for p in pages if p.kind == value]
        if found:
            groups.append((value, label, found))
    affairs_url = village.url + village.reverse_subpage("affairs")
    return TemplateResponse(
        request,
        "disclosures/village_affairs.html",
        {
            "page": village,
            "statuses": statuses,
            "groups": groups,
            "kinds": Kind.choices,
            "kind": kind,
            "affairs_url": affairs_url,
            "trail": [(_("村务公开"), affairs_url if kind else None)]
            + ([(str(Kind(kind).label), None)] if kind else []),
        },
    )


def _affairs_lists(village, kind: str):
    pages = list(
        affairs.public_disclosures(village, kind).only(
            "title",
            "url_path",
            "path",
            "depth",
            "kind",
            "period_type",
            "period_start",
            "event_date",
            "first_published_at",
            "correction_note",
        )
    )
    return pages, [(s, status_text(s)) for s in schedule.village_status(village)]


# --- a disclosure's sub-URLs -------------------------------------------------------------------


def _public_or_404(page: DisclosurePage, request) -> None:
    if not affairs.public_disclosure(page, request):
        raise Http404


def _filename(page: DisclosurePage, suffix: str) -> str:
    village = page.get_parent()
    return f"{village.title}-{page.title}{suffix}"


def _download(stream, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _table_or_404(page: DisclosurePage):
    table = page.table
    if table is None:
        raise Http404
    return table


def disclosure_csv(page: DisclosurePage, request):
    """The table as CSV (masked columns only, streamed, UTF-8 with BOM)."""
    _public_or_404(page, request)
    table = _table_or_404(page)
    return _download(open_data.csv_lines(table), "text/csv; charset=utf-8", _filename(page, ".csv"))


def download_by_name(request, page_path: str, fmt: str):
    """`<disclosure>/data.csv` and `data.json`: Wagtail serves the page's `csv/` or `json/`
    route, with every check a page URL gets (draft, restriction, method)."""
    from wagtail.views import serve

    language = "en/"
    if page_path.startswith(language):
        page_path = page_path[len(language) :]
    return serve(request, f"{page_path}{fmt}/")


def json_meta(page: DisclosurePage, table) -> dict:
    village = page.get_parent().specific
    published = schedule.published_on(page)
    totals = tables.totals_of(table) if table else {}
    return {
        "village": {"name": village.title, "division_code": village.division_code},
        "title": page.title,
        "kind": page.kind,
        "kind_label": str(page.get_kind_display()),
        "period": {
            "type": page.period_type,
            "start": page.period_start.isoformat(),
            "label": page.period_label,
        },
        "publisher": affairs.publisher_of(page, village),
        "published_on": published.isoformat() if published else None,
        "due_on": page.due_on.isoformat() if page.due_on else None,
        "url": page.full_url,
        "row_count": table.row_count if table else 0,
        "totals": {name: open_data.plain(value) for name, value in totals.items()},
        "columns": open_data.columns_meta(table),
    }


def disclosure_json(page: DisclosurePage, request):
    """The disclosure as open data: who, what period, totals, columns and rows (streamed)."""
    _public_or_404(page, request)
    table = page.table
    return _download(
        open_data.json_chunks(json_meta(page, table), table),
        "application/json; charset=utf-8",
        _filename(page, ".json"),
    )


@rate_limited("pdf")
def disclosure_pdf(page: DisclosurePage, request):
    """The notice for the bulletin board: the stored PDF of this version, else queued for the
    worker and a "being built" page meanwhile (a request never builds a PDF)."""
    _public_or_404(page, request)
    content = pdf_store.read_disclosure_pdf(page)
    if content is None:
        tasks.request_disclosure_pdf(page)
        content = pdf_store.read_disclosure_pdf(page)
    if content is not None:
        return _pdf_response(content, _filename(page, ".pdf"))
    response = _pdf_pending(request, page, page.title)
    return response


def disclosure_version(page: DisclosurePage, request, revision_id: int):
    """An earlier published version, with the rows its revision named; 404 for a revision
    that was never published."""
    _public_or_404(page, request)
    old = affairs.published_revision(page, revision_id)
    if old is None:
        raise Http404
    if revision_id == page.live_revision_id:
        # The current version lives at the page's own address.
        from django.shortcuts import redirect

        return redirect(page.url)
    context = page.get_context(request)
    table = old.table if old.table_id else None
    context.update(affairs.page_context(old, request, table=table))
    published_at = next(
        (v.published_at for v in context["versions"] if v.revision_id == revision_id), None
    )
    context.update(
        {
            "page": old,
            "self": old,
            "old_version": True,
            "old_published_at": published_at,
            "current_url": page.url,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)
