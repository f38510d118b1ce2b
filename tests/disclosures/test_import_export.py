"""Catalog import and export: round trips, formula safety, and bad files that change nothing."""

import io

import openpyxl
import pytest

from disclosures.models import PowerItemPage
from disclosures.services import catalog_io
from tests import factories
from tests.factories import staff_user
from villages.models import Role


@pytest.fixture(autouse=True)
def _staging_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # staged uploads go to VAR_DIR/imports


@pytest.fixture
def catalog(tree):
    catalog = factories.catalog(tree.tanchang)
    factories.power_item(
        catalog,
        "1",
        "村级重大事项决策（四议两公开）",
        category_code="decision",
        legal_basis='=HYPERLINK("http://evil.example","点我")',
        steps=[
            {"actor": "村党组织", "action": "党支部提议", "office": "secretary"},
            {
                "actor": "党员大会",
                "action": "党员大会审议",
                "branch_condition": "未获通过",
                "branch_target": "end",
                "time_unit": "days",
            },
            {"actor": "村民代表会议", "action": "决议", "time_limit": None},
        ],
        risks=[{"description": "少数人说了算", "level": "high", "measures": "+全程留痕"}],
    )
    factories.power_item(
        catalog,
        "2",
        "低保申请审批",
        steps=[
            {"actor": "申请人", "action": "提出书面申请"},
            {
                "actor": "村民委员会",
                "action": "民主评议",
                "branch_condition": "材料不全",
                "branch_target": "1",
            },
        ],
        risks=[
            {"description": "人情保", "level": "high"},
            {"description": "公示不足", "level": "low"},
        ],
    )
    return catalog


def snapshot(catalog):
    result = []
    for item in PowerItemPage.objects.child_of(catalog).order_by("number"):
        result.append(
            (
                item.number,
                item.title,
                item.category.code,
                item.legal_basis,
                item.boundaries,
                tuple(
                    (
                        s.key,
                        s.actor,
                        s.office_id,
                        s.action,
                        s.time_limit,
                        s.time_unit,
                        s.document,
                        s.branch_condition,
                        s.branch_target,
                    )
                    for s in item.steps.all()
                ),
                tuple((r.description, r.level, r.measures) for r in item.risks.all()),
            )
        )
    return result


def workbook(catalog):
    return openpyxl.load_workbook(io.BytesIO(catalog_io.export_xlsx(catalog)))


def to_bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run_import(catalog, files, dry_run=False):
    datasets = catalog_io.read_upload(files)
    return catalog_io.import_catalog(catalog, datasets, dry_run=dry_run)


def test_xlsx_export_reimported_gives_the_identical_catalog(catalog):
    before = snapshot(catalog)
    raw = catalog_io.export_xlsx(catalog)
    report = run_import(catalog, {"xlsx": ("清单.xlsx", raw)})
    assert report.ok, [str(e) for e in report.errors]
    # Nothing differs, so nothing is written (it used to rewrite and republish every item).
    assert (report.created, report.updated, report.steps, report.risks) == (0, 0, 0, 0)
    assert report.unchanged == 2
    assert snapshot(catalog) == before


def test_csv_export_reimported_gives_the_identical_catalog(catalog):
    before = snapshot(catalog)
    files = {
        key: (f"{key}.csv", catalog_io.export_csv(catalog, key))
        for key in ("items", "steps", "risks")
    }
    report = run_import(catalog, files)
    assert report.ok, [str(e) for e in report.errors]
    assert snapshot(catalog) == before


def test_formulas_are_neutralised_in_exports(catalog):
    sheet = workbook(catalog)["事项"]
    basis = [row[3].value for row in sheet.iter_rows(min_row=2)]
    assert basis[0].startswith("'=HYPERLINK")
    measures = [row[4].value for row in workbook(catalog)["风险"].iter_rows(min_row=2)]
    assert "'+全程留痕" in measures
    csv_text = catalog_io.export_csv(catalog, "items").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text


def test_a_new_item_with_steps_is_created_and_published(tree, catalog):
    book = workbook(catalog)
    book["事项"].append(
        ["3", "宅基地审批", "宅基地农户资格审查", "《土地管理法》", "", "", "", "", ""]
    )
    book["步骤"].append(["3", "1", "申请人", "", "提出申请", 5, "个工作日", "申请表", "", ""])
    book["步骤"].append(["3", "2", "村民小组", "", "公示", 7, "日", "", "有异议", "1"])
    report = run_import(catalog, {"xlsx": ("清单.xlsx", to_bytes(book))})
    assert report.ok, [str(e) for e in report.errors]
    item = PowerItemPage.objects.child_of(catalog).get(number="3")
    assert item.live and item.title == "宅基地农户资格审查"
    assert [s.action for s in item.steps.all()] == ["提出申请", "公示"]
    assert item.get_latest_revision() is not None


def test_dry_run_changes_nothing(catalog):
    before = snapshot(catalog)
    book = workbook(catalog)
    book["步骤"]["E2"] = "改过的提议"
    report = run_import(catalog, {"xlsx": ("清单.xlsx", to_bytes(book))}, dry_run=True)
    assert report.ok and not report.committed
    assert snapshot(catalog) == before


def errors_of(catalog, book_or_bytes, name="清单.xlsx"):
    raw = book_or_bytes if isinstance(book_or_bytes, bytes) else to_bytes(book_or_bytes)
    before = snapshot(catalog)
    report = run_import(catalog, {"xlsx": (name, raw)})
    assert not report.ok
    assert snapshot(catalog) == before, "a failed import must change nothing"
    return [str(e) for e in report.errors]


def test_missing_column_is_refused(catalog):
    book = workbook(catalog)
    book["步骤"].delete_cols(5)  # 办理事项
    with pytest.raises(catalog_io.ImportFileError, match="缺少列：办理事项"):
        run_import(catalog, {"xlsx": ("清单.xlsx", to_bytes(book))})


def test_branch_to_a_missing_step_is_reported_with_its_row(catalog):
    book = workbook(catalog)
    book["步骤"]["J3"] = "9"  # row 3: item 1, step 2
    errors = errors_of(catalog, book)
    assert any("第 3 行" in e and "不存在的步骤“9”" in e for e in errors), errors


def test_duplicate_number_is_reported(catalog):
    book = workbook(catalog)
    book["事项"].append(["1", "惠民政策", "重复的事项", "", "", "", "", "", ""])
    errors = errors_of(catalog, book)
    assert any("第 4 行" in e and "编号“1”在文件中重复" in e for e in errors), errors


def test_a_brand_new_number_twice_in_the_file_is_reported_on_its_row(catalog):
    book = workbook(catalog)
    book["事项"].append(["7", "惠民政策", "新事项甲", "", "", "", "", "", ""])
    book["事项"].append(["7", "惠民政策", "新事项乙", "", "", "", "", "", ""])
    book["步骤"].append(["7", "1", "申请人", "", "提出申请", 5, "个工作日", "", "", ""])
    errors = errors_of(catalog, book)
    assert any("第 5 行" in e and "编号“7”在文件中重复" in e for e in errors), errors


def test_non_numeric_time_limit_is_reported(catalog):
    book = workbook(catalog)
    book["步骤"]["F2"] = "五天"
    errors = errors_of(catalog, book)
    assert any("第 2 行" in e and "办理时限必须是正整数，收到“五天”" in e for e in errors), errors


def test_unknown_category_and_level_are_reported(catalog):
    book = workbook(catalog)
    book["事项"]["B2"] = "不存在的类别"
    book["风险"]["D2"] = "很高"
    errors = errors_of(catalog, book)
    assert any("“事项”表第 2 行" in e and "类别“不存在的类别”不存在" in e for e in errors), errors
    assert any("“风险”表第 2 行" in e and "风险等级" in e for e in errors), errors


def test_empty_file_is_refused(catalog):
    with pytest.raises(catalog_io.ImportFileError, match="空文件"):
        run_import(catalog, {"xlsx": ("清单.xlsx", b"")})
    with pytest.raises(catalog_io.ImportFileError, match="空文件"):
        run_import(catalog, {"items": ("事项.csv", b"")})


def test_a_file_that_is_not_a_spreadsheet_is_refused(catalog):
    with pytest.raises(catalog_io.ImportFileError, match="不是有效的 Excel"):
        run_import(catalog, {"xlsx": ("清单.xlsx", b"%PDF-1.7 not a workbook")})
    with pytest.raises(catalog_io.ImportFileError, match="不是 CSV"):
        run_import(catalog, {"items": ("事项.csv", catalog_io.export_xlsx(catalog))})


def test_gbk_csv_from_chinese_excel_is_read(catalog):
    text = catalog_io.export_csv(catalog, "items").decode("utf-8-sig")
    report = run_import(catalog, {"items": ("事项.csv", text.encode("gb18030"))})
    assert report.ok, [str(e) for e in report.errors]


def test_admin_preview_then_confirm(client, tree, catalog):
    reviewer = staff_user("county", Role.COUNTY_PETITION, tree.tanchang)
    client.force_login(reviewer)
    url = f"/admin/catalog/{catalog.pk}/import/"
    assert client.get(url).status_code == 200
    book = workbook(catalog)
    book["步骤"]["E2"] = "党支部广泛征求意见后提议"
    upload = io.BytesIO(to_bytes(book))
    upload.name = "清单.xlsx"
    preview = client.post(url, {"xlsx": upload}, follow=True)
    body = preview.content.decode()
    assert "预检通过" in body
    assert "党支部提议 → 党支部广泛征求意见后提议" in body  # the change, old → new
    item = PowerItemPage.objects.child_of(catalog).get(number="1")
    assert item.steps.first().action == "党支部提议"  # not yet
    job = preview.context["job"]
    done = client.post(f"/admin/catalog/imports/{job.pk}/confirm/")
    assert done.status_code == 302
    assert PowerItemPage.objects.get(pk=item.pk).steps.first().action == "党支部广泛征求意见后提议"
    body = client.get(done["Location"]).content.decode()
    assert "导入完成" in body and "更新 1 项" in body


def test_admin_preview_lists_bad_rows_and_offers_no_confirm(client, tree, catalog):
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    book = workbook(catalog)
    book["步骤"]["F3"] = "abc"
    upload = io.BytesIO(to_bytes(book))
    upload.name = "清单.xlsx"
    response = client.post(f"/admin/catalog/{catalog.pk}/import/", {"xlsx": upload}, follow=True)
    body = response.content.decode()
    assert "未导入任何内容" in body and "办理时限必须是正整数" in body
    assert "确认导入并发布" not in body


def test_township_editor_may_export_but_not_import(client, tree, catalog):
    client.force_login(staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu))
    assert client.get(f"/admin/catalog/{catalog.pk}/export/?format=xlsx").status_code == 200
    page = client.get(f"/admin/catalog/{catalog.pk}/import/").content.decode()
    assert "?format=xlsx" in page and "上传并预检" not in page, "export only, no import form"
    upload = io.BytesIO(catalog_io.export_xlsx(catalog))
    upload.name = "清单.xlsx"
    refused = client.post(f"/admin/catalog/{catalog.pk}/import/", {"xlsx": upload})
    assert refused.status_code in (302, 403)


def test_files_carry_chinese_labels_whatever_the_users_language(catalog):
    from django.utils import translation

    before = snapshot(catalog)
    with translation.override("en"):
        raw = catalog_io.export_xlsx(catalog)
        report = run_import(catalog, {"xlsx": ("清单.xlsx", raw)})
    assert report.ok, [str(e) for e in report.errors]
    assert snapshot(catalog) == before
    levels = {
        row[3].value for row in openpyxl.load_workbook(io.BytesIO(raw))["风险"].iter_rows(min_row=2)
    }
    assert levels <= {"高", "中", "低"}


def test_admin_upload_without_a_file_says_so(client, tree, catalog):
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    body = client.post(f"/admin/catalog/{catalog.pk}/import/", {}).content.decode()
    assert "请选择要导入的文件" in body


def test_admin_shows_a_clear_error_for_a_file_that_is_not_a_workbook(client, tree, catalog):
    client.force_login(staff_user("county", Role.COUNTY_PETITION, tree.tanchang))
    upload = io.BytesIO(b"just some text")
    upload.name = "清单.xlsx"
    response = client.post(f"/admin/catalog/{catalog.pk}/import/", {"xlsx": upload}, follow=True)
    assert "不是有效的 Excel 工作簿" in response.content.decode()


def test_one_preview_lists_row_errors_and_cross_row_errors_together(catalog):
    book = workbook(catalog)
    book["步骤"]["F2"] = "五天"  # item 1, a bad cell
    book["步骤"]["I5"] = "不符合条件"  # item 2, step 1 ...
    book["步骤"]["J5"] = "99"  # ... branches to a step that does not exist
    errors = errors_of(catalog, book)
    assert any("第 2 行" in e and "五天" in e for e in errors), errors
    assert any("不存在的步骤“99”" in e for e in errors), errors
