"""Property-based fuzzing of the two spreadsheet readers a user uploads into: the village
affairs disclosure import and the case ledger import. Any bytes under any name: the preview
either reads the file (a report, with row errors in Chinese) or refuses it with ImportFileError
in Chinese; it never raises anything else and never writes a row."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from disclosures.services import affairs_import
from disclosures.services.spreadsheets import ImportFileError
from supervision.services import ledger_import
from tests import factories

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    # No shrinking: on this parser it can take minutes; the failing example is shown as found.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
CELL = st.one_of(
    st.text(max_size=12),
    st.text(CJK, max_size=6),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["2026-08-15", "2026/13/40", "1.5e309", "=1+1", "X", "-0", "第三组"]),
)


def sheet_bytes(headers, rows, fmt) -> bytes:
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        for line in [headers, *rows]:
            # A workbook cannot hold control characters (openpyxl refuses them).
            book.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in line])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    text = io.StringIO()
    csv.writer(text).writerows([headers, *rows])
    return text.getvalue().encode("utf-8" if fmt == "csv" else "gb18030", errors="replace")


def files(headers: list[str]):
    """Files built around `headers` (some shuffled or cut), or bytes that are no file at all."""
    structured = st.builds(
        sheet_bytes,
        st.one_of(st.just(headers), st.permutations(headers), st.lists(CELL, max_size=6)),
        st.lists(st.lists(CELL, max_size=len(headers) + 2), max_size=4),
        st.sampled_from(["csv", "xlsx", "gbk"]),
    )
    return st.tuples(
        st.one_of(structured, st.binary(max_size=300)),
        st.sampled_from(["导入.csv", "导入.xlsx", "导入.xls", "导入", "导入.txt"]),
    )


def preview(read, content: bytes, name: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(content)
        try:
            return read(path, name)
        except ImportFileError as refused:
            message = str(refused)
            assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message
            return None


def row_counts() -> tuple[int, ...]:
    from disclosures.affairs_models import DisclosureTable, SubsidyRow
    from supervision.models import Complaint

    return DisclosureTable.objects.count(), SubsidyRow.objects.count(), Complaint.objects.count()


@pytest.fixture
def disclosure(tree):
    return factories.disclosure(tree.awu_village, publish=False)


def test_any_file_given_to_the_disclosure_import_is_read_or_refused_in_chinese(disclosure):
    from disclosures.services import tables

    headers = affairs_import.template_headers(tables.TABLE_OF_KIND[disclosure.kind])
    before = row_counts()

    @FUZZ
    @given(files(headers))
    def check(upload):
        content, name = upload
        report = preview(
            lambda path, n: affairs_import.check_file(disclosure, path, n), content, name
        )
        if report is not None:
            # Read: a row was taken, or each problem is named (line, column, Chinese message).
            assert report.ok == (report.error_count == 0)
            assert report.ok or all(e["message"] for e in report.errors)
        assert row_counts() == before

    check()


def test_any_file_given_to_the_ledger_import_is_read_or_refused_in_chinese(tree):
    before = row_counts()

    @FUZZ
    @given(files(ledger_import.template_headers()))
    def check(upload):
        content, name = upload
        result = preview(
            lambda path, n: ledger_import.check_file(path, n, tree.tanchang), content, name
        )
        if result is not None:
            report, clean_rows = result
            assert len(clean_rows) <= report.rows
        assert row_counts() == before

    check()


@pytest.mark.parametrize("value", ["1.5e309", "9" * 40, "1e13"])
def test_a_huge_amount_is_called_too_large_not_a_server_error(value):
    """Found by the fuzzing above: "1.5e309" made the money column raise InvalidOperation
    (quantizing it to cents overflows), which the import turned into a failed job."""
    from disclosures.affairs_resources import NumberWidget

    with pytest.raises(ValueError, match="数额过大"):
        NumberWidget("金额（元）").clean(value)
