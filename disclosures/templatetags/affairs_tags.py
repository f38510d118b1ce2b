"""Formatting of disclosure tables, shared by the page and its PDF: money with thousands
separators and two decimals, counts with thousands separators, cells right-aligned if numeric,
sort links in the header (issue 10)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html

from disclosures.services import tables

register = template.Library()


@register.filter
def money(value) -> str:
    """1234567.5 → 1,234,567.50 (exact: a Decimal is never turned into a float)."""
    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(value).quantize(tables.CENT):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


@register.filter
def thousands(value) -> str:
    """1234 → 1,234."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return ""


def cell_text(row, column) -> str:
    value = tables.cell_value(row, column)
    if value is None:
        return ""
    if column.type == tables.MONEY:
        return money(value)
    if column.type == tables.NUMBER:
        return f"{Decimal(value).normalize():,f}"
    if column.type == tables.DATE:
        return value.isoformat()
    return str(value)


@register.simple_tag
def cell(row, column):
    """One <td> of a row: numbers right-aligned."""
    if column.numeric:
        return format_html('<td class="n">{}</td>', cell_text(row, column))
    if column.type == tables.TEXT:
        return format_html('<td class="t">{}</td>', cell_text(row, column))
    return format_html("<td>{}</td>", cell_text(row, column))


@register.simple_tag
def table_url(view, **changes) -> str:
    """The query string for the table with `changes` (sort, dir, p, q), keeping the rest."""
    params = {
        "sort": view.sort,
        "dir": "desc" if view.descending else "",
        "q": view.query,
        "p": view.number,
    }
    params.update(changes)
    if str(params.get("p")) == "1":
        params["p"] = ""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return f"?{query}#rows"


@register.simple_tag
def sort_url(view, column) -> str:
    """Sort by `column`: ascending first, then descending; back to page 1."""
    descending = view.sort == column.name and not view.descending
    return table_url(view, sort=column.name, dir="desc" if descending else "", p="")


@register.simple_tag
def aria_sort(view, column) -> str:
    if view.sort != column.name:
        return "none"
    return "descending" if view.descending else "ascending"
