"""Import errors name the row Excel shows (the header is row 1), for every sheet and every kind of
error, cross-row ones included; 结束 ends a procedure; the exported workbook is a template a
clerk can fill (drop-down lists, widths, a frozen header). Workbooks are built here, in code, so
each error sits on a row we know."""

import io
import re

import openpyxl
import pytest

from disclosures.models import Office, PowerItemPage
from disclosures.services import catalog_io
from tests import factories

ITEM_HEADERS = [
    "编号",
    "类别",
    "事项名称",
    "法定依据",
    "执行主体",
    "运行界限",
    "公开要求",
    "监督管理",
    "责任追究",
    "状态",
]
STEP_HEADERS = [
    "事项编号",
    "步骤号",
    "办理主体",
    "对应职务",
    "办理事项",
    "办理时限",
    "时限单位",
    "形成材料",
    "分支条件",
    "分支去向",
]
RISK_HEADERS = ["事项编号", "风险点", "表现形式", "风险等级", "防控措施", "责任人", "监督主体"]


@pytest.fixture(autouse=True)
def _staging_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def catalog(tree):
    return factories.catalog(tree.tanchang)


def item_row(number, title="低保申请审批", category="惠民政策"):
    return [number, category, title, "", "", "", "", "", "", ""]


def step_row(number, key, action="办理", target="", condition=""):
    return [number, key, "村民委员会", "", action, 5, "个工作日", "", condition, target]


def risk_row(number, level="高"):
    return [number, "优亲厚友", "", level, "公开公示", "", ""]


def build(items, steps, risks=()) -> bytes:
    """A workbook with the three sheets; a row given as None is left empty, as a clerk may."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, headers, rows in (
        ("事项", ITEM_HEADERS, items),
        ("步骤", STEP_HEADERS, steps),
        ("风险", RISK_HEADERS, risks),
    ):
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row if row is not None else [])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def errors_of(catalog, raw: bytes) -> list[tuple[str, int | None, str]]:
    tables = catalog_io.read_upload({"xlsx": ("清单.xlsx", raw)})
    report = catalog_io.import_catalog(catalog, tables, dry_run=True)
    assert not report.ok
    assert not PowerItemPage.objects.child_of(catalog).exists(), "nothing is written"
    return [(e.sheet, e.row, e.message) for e in report.errors]


def rows_where(errors, sheet: str, pattern: str) -> list[int | None]:
    return [row for s, row, message in errors if s == sheet and re.search(pattern, message)]


def test_a_bad_branch_on_excel_row_3_is_reported_on_row_3(catalog):
    raw = build(
        [item_row("1")],
        [step_row("1", "1"), step_row("1", "2", target="9", condition="不符合条件")],
    )
    assert rows_where(errors_of(catalog, raw), "步骤", "不存在的步骤“9”") == [3]


def test_every_kind_of_error_names_the_row_excel_shows(catalog):
    raw = build(
        items=[
            item_row("1"),  # row 2
            item_row("2", category="没有这个类别"),  # row 3: a bad cell
            None,  # row 4: empty, still counted by Excel
            item_row("1", title="重复"),  # row 5: a number twice
            item_row("3"),  # row 6: an item with no step
        ],
        steps=[
            step_row("1", "1"),  # row 2
            step_row("1", "2"),  # row 3
            step_row("1", "2"),  # row 4: the same step number twice
            None,  # row 5
            step_row("1", "3", target="3", condition="退回"),  # row 6: branches to itself
            step_row("1", "4", target="1"),  # row 7: a branch without a condition
            step_row("8", "1"),  # row 8: an item that exists nowhere
            step_row("2", "1", target="7", condition="退回"),  # row 9: item 2's cell failed
        ],
        risks=[
            risk_row("1"),  # row 2
            risk_row("1", level="很高"),  # row 3: a bad level
        ],
    )
    errors = errors_of(catalog, raw)
    assert rows_where(errors, "事项", "没有这个类别") == [3]
    assert rows_where(errors, "事项", "编号“1”在文件中重复（第 2 行已有）") == [5]
    assert rows_where(errors, "事项", "事项 3 没有任何步骤") == [6]
    assert rows_where(errors, "步骤", "步骤号“2”重复") == [4]
    assert rows_where(errors, "步骤", "不能指向它自己") == [6]
    assert rows_where(errors, "步骤", "没有填写分支条件") == [7]
    assert rows_where(errors, "步骤", "事项编号“8”") == [8]
    assert rows_where(errors, "风险", "风险等级") == [3]
    # Shown in the order of the workbook: sheet by sheet, row by row.
    shown = [(catalog_io.SHEET_ORDER.index(s), row or 0) for s, row, _m in errors]
    assert shown == sorted(shown)


def test_a_csv_error_names_the_row_excel_shows(catalog):
    items = "编号,类别,事项名称\r\n1,惠民政策,低保申请审批\r\n\r\n2,惠民政策,临时救助\r\n"
    steps = (
        "事项编号,步骤号,办理主体,办理事项,分支条件,分支去向\r\n"
        "1,1,村民委员会,受理,,\r\n"
        "2,1,村民委员会,受理,,\r\n"
        "2,2,村民委员会,审核,不符合条件,5\r\n"
    )
    tables = catalog_io.read_upload(
        {
            "items": ("事项.csv", items.encode("gbk")),
            "steps": ("步骤.csv", steps.encode("utf-8-sig")),
        }
    )
    report = catalog_io.import_catalog(catalog, tables, dry_run=True)
    assert [(e.sheet, e.row) for e in report.errors] == [("步骤", 4)], report.errors


def test_jieshu_ends_a_procedure_as_end_does(catalog):
    raw = build(
        [item_row("1"), item_row("2", title="临时救助")],
        [
            step_row("1", "1", target="结束", condition="不符合条件"),
            step_row("1", "2"),
            step_row("2", "1", target="end", condition="不符合条件"),
        ],
    )
    tables = catalog_io.read_upload({"xlsx": ("清单.xlsx", raw)})
    report = catalog_io.import_catalog(catalog, tables, dry_run=False)
    assert report.ok, report.errors
    items = PowerItemPage.objects.child_of(catalog)
    first = items.get(number="1").steps.first()
    assert first.branch_target == "end" and first.branch_ends
    assert items.get(number="2").steps.first().branch_ends
    # The export writes 结束, which a clerk reads.
    book = openpyxl.load_workbook(io.BytesIO(catalog_io.export_xlsx(catalog)))
    targets = [row[9] for row in book["步骤"].iter_rows(min_row=2, values_only=True)]
    assert targets.count("结束") == 2 and "end" not in targets


def _validations(sheet) -> dict[str, list[str]]:
    """Column header -> the allowed values its drop-down list offers."""
    book = sheet.parent
    headers = [c.value for c in sheet[1]]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        ref = validation.formula1  # '可选值'!$B$2:$B$4
        source, cells = ref.split("!")
        lists = book[source.strip("'")]
        values = [c.value for row in lists[cells.replace("$", "")] for c in row]
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        found[headers[openpyxl.utils.column_index_from_string(column) - 1]] = values
    return found


def test_the_export_is_a_template_with_lists_widths_and_a_frozen_header(catalog):
    factories.power_item(catalog, "1", "低保申请审批")
    book = openpyxl.load_workbook(io.BytesIO(catalog_io.export_xlsx(catalog)))
    assert book.sheetnames[:3] == ["事项", "步骤", "风险"]
    assert book["可选值"].sheet_state == "hidden"
    items, steps, risks = book["事项"], book["步骤"], book["风险"]

    item_lists = _validations(items)
    assert set(item_lists) == {"类别", "状态"}
    assert "惠民政策" in item_lists["类别"] and len(item_lists["类别"]) >= 5
    assert item_lists["状态"] == ["已发布", "未发布"]
    step_lists = _validations(steps)
    assert set(step_lists) == {"对应职务", "时限单位"}
    offices = list(Office.objects.values_list("name", flat=True))
    assert len(offices) >= 3 and step_lists["对应职务"] == offices
    assert set(step_lists["时限单位"]) == {"个工作日", "日"}
    assert _validations(risks) == {"风险等级": ["高", "中", "低"]}
    # Each list covers the column below the header, rows a clerk adds included.
    for sheet in (items, steps, risks):
        for validation in sheet.data_validations.dataValidation:
            assert re.fullmatch(r"[A-Z]+2:[A-Z]+1048576", str(validation.sqref))

    for sheet in (items, steps, risks):
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
    assert items.column_dimensions["C"].width == 30  # 事项名称
    assert items.column_dimensions["D"].width == 40  # 法定依据
    assert steps.column_dimensions["E"].width == 36  # 办理事项
    assert risks.column_dimensions["E"].width == 40  # 防控措施


def test_the_hidden_list_sheet_is_ignored_on_import(catalog):
    factories.power_item(catalog, "1", "低保申请审批")
    raw = catalog_io.export_xlsx(catalog)
    report = catalog_io.import_catalog(
        catalog, catalog_io.read_upload({"xlsx": ("清单.xlsx", raw)}), dry_run=True
    )
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 1)
