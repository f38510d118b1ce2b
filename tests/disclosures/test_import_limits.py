"""Hostile or oversized import files are refused quickly, for the real reason, in Chinese.

Each file is built here in code. The caps are lowered through settings so that a test never has to
build a big file: the error names the cap, which shows the streaming read stopped there instead of
reading (or padding out) the rest.
"""

import io
import re
import zipfile

import pytest

from disclosures.import_jobs import CatalogImport
from disclosures.services import catalog_io
from disclosures.services.spreadsheets import ImportFileError
from tests import factories
from tests.factories import staff_user
from villages.models import Role

pytestmark = pytest.mark.usefixtures("var_in_tmp")


@pytest.fixture
def catalog(tree):
    catalog = factories.catalog(tree.tanchang)
    factories.power_item(catalog, "1", "村级重大事项决策", category_code="decision")
    factories.power_item(catalog, "2", "低保申请审批")
    return catalog


def patch_sheet(raw: bytes, sheet_xml: str, change) -> bytes:
    """Rewrite one member of the workbook's zip with ``change(text) -> text``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == sheet_xml:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


ITEMS_XML = "xl/worksheets/sheet1.xml"  # tablib writes 事项 first


def read(raw: bytes):
    return catalog_io.read_upload({"xlsx": ("清单.xlsx", raw)})


def test_a_lying_dimension_is_ignored_and_the_real_rows_are_read(catalog, settings):
    settings.CATALOG_IMPORT_MAX_SCANNED_ROWS = 50  # padding to the declared size would pass it
    raw = patch_sheet(
        catalog_io.export_xlsx(catalog),
        ITEMS_XML,
        lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert 'ref="A1:XFD1048576"' in zipfile.ZipFile(io.BytesIO(raw)).read(ITEMS_XML).decode()
    tables = read(raw)
    assert [n for n, _ in tables["items"].rows] == [2, 3]
    assert len(tables["items"].headers) == 10
    report = catalog_io.import_catalog(catalog, tables, dry_run=True)
    assert report.ok and report.unchanged == 2


def test_millions_of_empty_rows_stop_at_the_scan_cap(catalog, settings):
    settings.CATALOG_IMPORT_MAX_SCANNED_ROWS = 1000
    empty_rows = "".join(f'<row r="{i}"/>' for i in range(4, 5000))
    raw = patch_sheet(
        catalog_io.export_xlsx(catalog),
        ITEMS_XML,
        lambda xml: xml.replace("</sheetData>", empty_rows + "</sheetData>"),
    )
    with pytest.raises(ImportFileError, match="“事项”表读到第 1000 行仍未结束"):
        read(raw)


def test_one_cell_at_the_last_row_does_not_make_a_million_empty_rows(catalog, settings):
    settings.CATALOG_IMPORT_MAX_SCANNED_ROWS = 1000
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    raw = patch_sheet(
        catalog_io.export_xlsx(catalog),
        ITEMS_XML,
        lambda xml: xml.replace("</sheetData>", far + "</sheetData>"),
    )
    with pytest.raises(ImportFileError, match="超过读取上限 1000 行"):
        read(raw)


def test_too_many_real_rows_are_refused_naming_the_cap(catalog, settings):
    settings.CATALOG_IMPORT_MAX_ITEM_ROWS = 3
    header = "编号,类别,事项名称\n"
    rows = "".join(f"{n},惠民政策,事项{n}\n" for n in range(10, 15))
    with pytest.raises(ImportFileError, match="“事项”表超过 3 行数据"):
        catalog_io.read_upload({"items": ("事项.csv", (header + rows).encode())})


def test_a_cell_beyond_the_column_cap_is_refused(catalog, settings):
    settings.CATALOG_IMPORT_MAX_COLUMNS = 12
    far = '<row r="3"><c r="Z3" t="inlineStr"><is><t>多余</t></is></c></row>'
    raw = patch_sheet(
        catalog_io.export_xlsx(catalog),
        ITEMS_XML,
        lambda xml: re.sub(r'<row r="3".*?</row>', far, xml, flags=re.S),
    )
    with pytest.raises(ImportFileError, match="第 3 行超过 12 列"):
        read(raw)


def test_a_zip_bomb_is_refused_before_parsing(catalog, settings):
    settings.CATALOG_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(catalog_io.export_xlsx(catalog))) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))  # 3 MB, a few KB packed
    assert len(out.getvalue()) < 50_000
    with pytest.raises(ImportFileError, match="解压后有 3 MB，超过上限 1 MB"):
        read(out.getvalue())


def test_a_huge_csv_is_refused_by_its_size_before_it_is_read(catalog, tmp_path):
    huge = tmp_path / "事项.csv"
    with open(huge, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk used, and reading it would take long
    with pytest.raises(ImportFileError, match=r"有 200\.0 MB，超过上限 20 MB"):
        catalog_io.read_upload({"items": ("事项.csv", huge)})


def test_the_upload_form_checks_the_size_before_reading_or_staging(client, tree, catalog, settings):
    settings.CATALOG_IMPORT_MAX_FILE_BYTES = 1024 * 1024
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    upload = io.BytesIO(b"x" * (2 * 1024 * 1024))
    upload.name = "事项.csv"
    body = client.post(f"/admin/catalog/{catalog.pk}/import/", {"items": upload}).content.decode()
    assert "“事项.csv”有 2.0 MB，超过上限 1 MB" in body
    assert not CatalogImport.objects.exists()
    assert not (settings.VAR_DIR / "imports").exists() or not any(
        (settings.VAR_DIR / "imports").iterdir()
    )


def test_the_default_caps_take_a_ten_thousand_item_catalog():
    assert catalog_io.MAX_ITEM_ROWS >= 10_000 * 2
    assert catalog_io.MAX_CHILD_ROWS >= 10_000 * 10
    assert catalog_io.MAX_SCANNED_ROWS > catalog_io.MAX_CHILD_ROWS
