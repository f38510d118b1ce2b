"""The streamed XLSX writer (portal/base/xlsx.py) writes what a spreadsheet reads back."""

import io

import openpyxl

from portal.base import xlsx


def test_a_streamed_workbook_reads_back_cell_for_cell():
    rows = [
        ["621223-2026-000001", "张*明", "", "李某 <村委> & 王某"],
        ["110105199001011234", None, "控制\x07字符", "'=HYPERLINK(1)"],
    ]
    out = io.BytesIO()
    count = xlsx.write(out, "台账", ["编号", "反映人", "状态", "被反映人"], iter(rows), (18, 10))
    assert count == 2
    out.seek(0)
    book = openpyxl.load_workbook(out)
    sheet = book["台账"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["编号", "反映人", "状态", "被反映人"]
    # Every value stays text (an ID-like number is not turned into a float), a blank cell
    # keeps the next one in its column, and a control character is dropped.
    assert values[1] == ["621223-2026-000001", "张*明", None, "李某 <村委> & 王某"]
    assert values[2] == ["110105199001011234", None, "控制字符", "'=HYPERLINK(1)"]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 18


def test_an_empty_export_is_a_header_only_workbook():
    out = io.BytesIO()
    assert xlsx.write(out, "x" * 40, ["编号"], []) == 0
    out.seek(0)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["x" * 31]  # Excel's limit on a sheet name
    assert [list(r) for r in book.active.iter_rows(values_only=True)] == [["编号"]]
