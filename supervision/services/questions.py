""" "有疑问?" on a village affairs disclosure (issue 10, part 8): what the complaint form was asked
about. A link from a disclosure (or one row of its table) carries `?about=disclosure:<id>&line=<n>`
(built by `villages.hooks.question_url`, filled in supervision/public_hooks.py). The form only
believes it for a disclosure the public may see, under this very village, and a line of its
current table; anything else is dropped without a word (the complaint still goes through).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from disclosures.affairs_models import DisclosurePage
from disclosures.services import affairs, tables

ABOUT_RE = re.compile(r"^disclosure:(\d{1,10})$")
ROW_TEXT_MAX = 300  # Complaint.disclosure_row


@dataclass(frozen=True)
class DisclosureQuestion:
    """A disclosure (and maybe one line of its table) a complaint is about."""

    page: DisclosurePage
    line: int | None = None
    row_text: str = ""  # the row as the public sees it (masked), "" without a line

    @property
    def about(self) -> str:
        return f"disclosure:{self.page.pk}"

    @property
    def label(self) -> str:
        """涉及的公开内容：<标题>（<期间>）[第 n 行：<行>]"""
        text = _("%(title)s（%(period)s）") % {
            "title": self.page.title,
            "period": self.page.period_label,
        }
        if self.line is not None:
            text += _(" 第 %(line)s 行：%(row)s") % {"line": self.line, "row": self.row_text}
        return text


def row_text(table, line: int) -> str | None:
    """The masked text of one line of a table, its public columns joined; None if no such line."""
    spec = tables.spec_of(table)
    row = spec.model.objects.filter(table=table, line=line).defer("raw").first()
    if row is None:
        return None
    parts = []
    for column in spec.columns:
        value = tables.cell_value(row, column)
        if value in (None, ""):
            continue
        if column.type == tables.DATE:
            value = value.isoformat()
        parts.append(f"{column.label} {value}")
    return "，".join(str(p) for p in parts)[:ROW_TEXT_MAX]


def _int(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return int(text)


def resolve(village, about, line=None, request=None) -> DisclosureQuestion | None:
    """The question behind `about` and `line`, or None for anything not to be believed: an
    unknown or forged id, a disclosure that is not public or not this village's. A line that is
    not in the disclosure's current table is dropped (the disclosure itself still counts)."""
    match = ABOUT_RE.match(str(about or "").strip())
    if match is None or village is None:
        return None
    page = (
        DisclosurePage.objects.child_of(village)
        .filter(pk=int(match.group(1)))
        .select_related("table")
        .first()
    )
    if page is None or not affairs.public_disclosure(page, request):
        return None
    number = _int(line)
    if number is None or page.table_id is None:
        return DisclosureQuestion(page=page)
    text = row_text(page.table, number)
    if text is None:
        return DisclosureQuestion(page=page)
    return DisclosureQuestion(page=page, line=number, row_text=text)
