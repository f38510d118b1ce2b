"""Open data downloads of a disclosure's table: CSV and JSON (issue 10, part 7).

Only the masked public columns (tables.TableSpec) are written, never a row's `raw`. Both are
generated row by row from the database (`iterator`), so a 100,000-row table is streamed, never
built in memory. CSV is UTF-8 with a BOM (Excel opens it as Chinese), with Chinese headers and
money as plain decimals; a text cell a spreadsheet would run as a formula is neutralised by
`safe_cell`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal

from . import tables

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CHUNK_ROWS = 2000


def safe_cell(value) -> str:
    """A value as CSV cell text; text starting with = + - @ TAB or CR gets a leading apostrophe
    so a spreadsheet shows it instead of running it. Numbers and dates are written plainly."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def plain(value):
    """A value for JSON: money as a decimal string ("1234.50"), dates ISO, text as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _values(table) -> Iterator[tuple]:
    """The table's public cells in file order, streamed from the database (no `raw`)."""
    spec = tables.spec_of(table)
    names = [c.name for c in spec.columns]
    return (
        spec.model.objects.filter(table=table)
        .order_by("line")
        .values_list("line", *names)
        .iterator(chunk_size=CHUNK_ROWS)
    )


class _Echo:
    def write(self, value):
        return value


def csv_lines(table) -> Iterator[str]:
    """The CSV file, line by line: BOM and Chinese header first, then one line per row."""
    spec = tables.spec_of(table)
    writer = csv.writer(_Echo())
    header = writer.writerow([str(tables.LINE_LABEL), *(str(c.label) for c in spec.columns)])
    yield BOM + header
    for values in _values(table):
        yield writer.writerow([safe_cell(v) for v in values])


def json_chunks(meta: dict, table) -> Iterator[str]:
    """The JSON document in pieces: `meta` (village, period, kind, publisher, published date,
    totals, columns) and then `rows`, one object per row, streamed."""
    head = json.dumps(meta, ensure_ascii=False)
    yield head[:-1] + (', "rows": [' if meta else '"rows": [')
    if table is not None:
        spec = tables.spec_of(table)
        names = ["line", *(c.name for c in spec.columns)]
        first = True
        for values in _values(table):
            row = dict(zip(names, (plain(v) for v in values), strict=True))
            yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False)
            first = False
    yield "\n]}\n"


def columns_meta(table) -> list[dict]:
    if table is None:
        return []
    spec = tables.spec_of(table)
    return [
        {"name": "line", "label": str(tables.LINE_LABEL), "type": tables.NUMBER},
        *({"name": c.name, "label": str(c.label), "type": c.type} for c in spec.columns),
    ]
