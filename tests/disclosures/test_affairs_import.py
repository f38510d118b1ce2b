"""Importing a disclosure's table rows (issue 10, part 4): the preview lists every bad row by the
row number Excel shows and writes nothing; the confirm writes all or nothing, masks at the door,
and leaves a draft revision, not a published one. (Tasks run at once in tests.)"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from disclosures.affairs_models import DisclosurePage, DisclosureTable, SubsidyRow
from disclosures.import_jobs import DisclosureImport
from disclosures.services import affairs_import, affairs_import_jobs, rows
from tests import factories
from tests.factories import staff_user
from villages.models import Role

Status = DisclosureImport.Status
pytestmark = pytest.mark.usefixtures("var_in_tmp")

HEADERS = ["序号", "户主姓名", "身份证号", "一卡通账号", "组别", "补贴项目", "补贴标准", "面积"]
HEADERS += ["发放金额", "发放日期", "备注"]
ID_NUMBER = "11010519491231002X"  # a valid check character (GB 11643 example)
CARD = "6228480402564890018"


def line(n, name="张三明", group="1组", standard="100.00", quantity="2", amount="200.00", **kw):
    return [
        n,
        name,
        kw.get("id_number", ""),
        kw.get("card", ""),
        group,
        kw.get("item", "耕地地力保护补贴"),
        standard,
        quantity,
        amount,
        kw.get("paid_on", "2026-08-15"),
        "",
    ]


def good_lines(n=5):
    return [
        line(i, name=f"王{i}明", amount=f"{200 + i}.00", quantity=f"{2 + i / 100}")
        for i in range(1, n + 1)
    ]


def xlsx(lines, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in lines:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(lines, encoding="utf-8-sig", headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(lines)
    return out.getvalue().encode(encoding)


@pytest.fixture
def village(tree):
    tree.awu_village.group_count = 5
    tree.awu_village.save()
    return tree.awu_village


@pytest.fixture
def page(village):
    return factories.disclosure(village, kind="subsidy", publish=True)


def start(page, user, raw: bytes, name="补贴明细.xlsx") -> DisclosureImport:
    job = affairs_import_jobs.start(user, page, (name, raw))
    job.refresh_from_db()
    return job


def confirm(job) -> DisclosureImport:
    assert affairs_import_jobs.confirm(job)
    job.refresh_from_db()
    return job


def page_state(page):
    page = DisclosurePage.objects.get(pk=page.pk)
    return (page.table_id, page.latest_revision_id, page.live_revision_id, page.live)


def test_a_good_file_becomes_a_draft_table_masked_at_the_door(page, editor):
    lines = [*good_lines(4), line(5, name="张三明", id_number=ID_NUMBER, card=CARD, group="第三组")]
    live_before = page.live_revision_id
    job = start(page, editor, xlsx(lines))
    assert job.status == Status.READY, (job.message, job.report)
    assert job.report["rows"] == 5
    assert job.report["totals"]["amount"] == "1010.00"  # 201+202+203+204+200
    assert DisclosureTable.objects.filter(page=page).count() == 0  # the preview writes nothing

    job = confirm(job)
    assert job.status == Status.DONE, job.message
    table = job.table
    assert table.row_count == 5
    assert table.totals == {"amount": "1010.00"}
    row = SubsidyRow.objects.get(table=table, line=6)  # header row 1, data from row 2
    assert row.household == "张*明"
    assert row.group == "第3村民小组"
    assert row.raw["id_number"] == ID_NUMBER and row.raw["household"] == "张三明"
    with connection.cursor() as cursor:
        cursor.execute("SELECT raw FROM disclosures_subsidyrow WHERE id = %s", [row.pk])
        stored = cursor.fetchone()[0]
    assert ID_NUMBER not in str(stored) and "张三明" not in str(stored)

    page.refresh_from_db()
    assert page.live_revision_id == live_before  # still the published version
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.table_id == table.pk
    # The page's validation asks for a 更正说明 before this changed version goes out.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        draft.full_clean()
    assert "correction_note" in raised.value.message_dict


def test_a_bad_file_lists_each_row_and_changes_nothing(page, editor):
    before = page_state(page)
    lines = [
        line(1),
        line(2, name="李四", amount="abc"),
        line(3, name="王五", amount="-5"),
        line(4, name="赵六", amount="1.234", standard="", quantity=""),
        line(5, name="钱七", amount="300.00"),  # 100 × 2 ≠ 300
        line(6, name="孙八", group="第9组"),
        line(7, name="周九", paid_on="2026-10-02"),  # the page is 2026 Q3
        line(8),  # the same as row 2
        line(9, name="吴十", id_number="110105194912310021"),
        line(10, name="郑一", card="62284804"),
        line(11, name=""),
    ]
    job = start(page, editor, xlsx(lines))
    assert job.status == Status.INVALID
    errors = {(e["line"], e["column"]): e["message"] for e in job.report["errors"]}
    assert "不是数字" in errors[(3, "发放金额")]
    assert "负数" in errors[(4, "发放金额")]
    assert "两位小数" in errors[(5, "发放金额")]
    assert "不等于标准 100.00 × 数量 2.00 = 200.00" in errors[(6, "发放金额")]
    assert "本村没有“第9组”" in errors[(7, "组别")]
    assert "不在本期公开的期间（2026-07-01 至 2026-09-30）" in errors[(8, "发放日期")]
    assert errors[(9, "")] == "与第 2 行完全重复。"
    assert "身份证号有误" in errors[(10, "身份证号")]
    assert "16 到 19 位" in errors[(11, "一卡通账号")]
    assert "不能为空" in errors[(12, "户主姓名")]
    assert job.report["error_count"] == 10
    assert DisclosureTable.objects.count() == 0
    assert page_state(page) == before
    assert not affairs_import_jobs.confirm(job)  # an invalid preview cannot be confirmed


def test_the_job_page_shows_the_errors_table_in_chinese(page, editor, client):
    job = start(page, editor, xlsx([line(1, group="十二组")]))
    client.force_login(editor)
    response = client.get(reverse("disclosures_affairs_import_job", args=[job.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col">行号</th>' in body and "本村没有“十二组”" in body


def test_a_missing_header_is_one_error_naming_it(page, editor):
    headers = [h for h in HEADERS if h not in ("发放金额", "组别")]
    job = start(page, editor, xlsx([], headers=headers))
    assert job.status == Status.INVALID
    assert "表头缺少必需的列：“村民小组”、“金额（元）”" in job.message
    assert job.report == {}


def test_a_gbk_csv_with_county_headers_is_read(page, editor):
    raw = csv_bytes([line(1, name="欧阳小明", group="第2村民小组")], encoding="gbk")
    job = start(page, editor, raw, name="补贴.csv")
    assert job.status == Status.READY, (job.message, job.report)
    job = confirm(job)
    row = SubsidyRow.objects.get(table=job.table)
    assert (row.household, row.group, row.amount) == ("欧**明", "第2村民小组", Decimal("200.00"))


def test_utf8_csv_with_bom_and_a_one_off_disclosure_has_no_period_check(village, editor):
    page = factories.disclosure(
        village,
        kind="relief",
        period_type="once",
        event_date=datetime.date(2026, 3, 2),
        period_start=datetime.date(2026, 3, 2),
        publish=False,
    )
    job = start(page, editor, csv_bytes([line(1, paid_on="2025-12-31")]), name="低保.csv")
    assert job.status == Status.READY, job.report


def test_the_same_file_twice_makes_one_table(page, editor):
    raw = xlsx(good_lines(3))
    first = confirm(start(page, editor, raw))
    assert first.status == Status.DONE
    revisions = page.revisions.count()
    second = start(page, editor, raw)
    assert second.status == Status.READY
    assert second.report["duplicate_of_table"] == first.table_id
    second = confirm(second)
    assert second.status == Status.DONE and second.table_id == first.table_id
    assert DisclosureTable.objects.filter(page=page).count() == 1
    assert page.revisions.count() == revisions  # confirming changed nothing


def test_the_job_page_says_a_repeated_file_needs_no_import(page, editor, client):
    raw = xlsx(good_lines(2))
    confirm(start(page, editor, raw))
    job = start(page, editor, raw)
    client.force_login(editor)
    body = client.get(reverse("disclosures_affairs_import_job", args=[job.pk])).content.decode()
    assert "与已导入的表格完全相同，无需再次导入" in body
    assert "确认导入" not in body


def test_a_write_failing_midway_writes_nothing(page, editor, monkeypatch):
    before = page_state(page)
    job = start(page, editor, xlsx(good_lines(7)))
    real = rows.row_fields
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 6:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(rows, "row_fields", failing)
    monkeypatch.setattr(affairs_import.row_service, "row_fields", failing)
    job = confirm(job)
    assert job.status == Status.FAILED
    assert "未写入任何内容" in job.message
    assert DisclosureTable.objects.count() == 0 and SubsidyRow.objects.count() == 0
    assert page_state(page) == before
    monkeypatch.setattr(rows, "row_fields", real)
    job = confirm(job)  # a failed confirm may be retried
    assert job.status == Status.DONE and job.table.row_count == 7


def test_progress_moves_in_batches(page, editor, monkeypatch):
    monkeypatch.setattr(affairs_import, "PROGRESS_EVERY", 2)
    seen = []
    real = affairs_import_jobs._update

    def spy(job, **fields):
        if "done" in fields:
            seen.append((fields["done"], fields.get("total")))
        real(job, **fields)

    monkeypatch.setattr(affairs_import_jobs, "_update", spy)
    job = start(page, editor, xlsx(good_lines(7)))
    assert job.status == Status.READY
    done = [d for d, _t in seen]
    assert done[0] == 0 and done == sorted(done) and 2 in done and 4 in done and done[-1] == 7
    job = confirm(job)
    assert (job.done, job.total) == (7, 7)


def test_the_confirm_reports_progress_while_it_writes(page, editor, monkeypatch):
    job = start(page, editor, xlsx(good_lines(5)))
    seen = []
    real = rows.write_table

    def spy(*args, **kwargs):
        outer = kwargs["progress"]
        kwargs["progress"] = lambda done: (seen.append(done), outer(done))
        kwargs["batch_size"] = 2
        return real(*args, **kwargs)

    monkeypatch.setattr(affairs_import.row_service, "write_table", spy)
    confirm(job)
    assert seen[:3] == [2, 4, 5]


def test_only_users_who_may_edit_the_page_can_import(page, tree, client, editor):
    outsider = staff_user("editor_hadapu", Role.TOWNSHIP_EDITOR, tree.hadapu)
    url = reverse("disclosures_affairs_import", args=[page.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": io.BytesIO(b"x")}).status_code == 403
    assert DisclosureImport.objects.count() == 0
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "下载模板" in response.content.decode()


def test_the_header_button_and_an_upload_through_the_form(page, editor, client):
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "导入明细" in edit
    upload = io.BytesIO(xlsx(good_lines(2)))
    upload.name = "补贴.xlsx"
    url = reverse("disclosures_affairs_import", args=[page.pk])
    response = client.post(url, {"file": upload})
    job = DisclosureImport.objects.get()
    assert response.status_code == 302 and job.status == Status.READY


def test_the_template_download_is_importable(page, editor, client):
    client.force_login(editor)
    response = client.get(reverse("disclosures_affairs_import_template", args=[page.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["户主", "村民小组", "补贴项目"]
    job = start(page, editor, response.content)
    assert job.status == Status.READY, job.report
    assert job.report["totals"]["amount"] == "654.10"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3组", 3),
        ("第三组", 3),
        ("第3村民小组", 3),
        ("十二组", 12),
        ("第二十一组", 21),
        ("乙组", None),
    ],
)
def test_group_forms(text, number):
    assert affairs_import.group_number(text) == number


def test_a_finance_csv_with_county_headers(village, editor):
    page = factories.disclosure(
        village, kind="finance", period_type="month", period_start=datetime.date(2026, 8, 1)
    )
    headers = ["凭证日期", "凭证字号", "摘要", "收入金额", "支出金额"]
    lines = [
        ["2026/8/3", "记-1", "收到张三明退回借款 13812345678", "500", ""],
        ["2026年8月9日", "记-2", "村道维修材料款", "", "3,200.50"],
    ]
    job = start(page, editor, csv_bytes(lines, headers=headers), name="财务.csv")
    assert job.status == Status.READY, job.report
    assert job.report["totals"] == {"income": "500.00", "expense": "3200.50"}
    job = confirm(job)
    first = job.table and job.table.pk
    from disclosures.affairs_models import FinanceRow

    row = FinanceRow.objects.get(table=first, line=2)
    assert row.summary == "收到张三明退回借款 138****5678"


def test_the_resource_works_with_the_librarys_default_import(page):
    """The benchmark's baseline: import_data row by row with the same resource."""
    import tablib

    from disclosures.affairs_resources import SubsidyRowResource

    table = DisclosureTable.objects.create(
        row_kind="subsidy", village_id=page.get_parent().pk, page=page, digest="x"
    )
    dataset = tablib.Dataset(
        ["李四", "第1村民小组", "高龄补贴", "100", "1", "100", "2026-08-15", "", "", table.pk, 2],
        headers=[
            *("户主", "村民小组", "补贴项目", "标准（元）", "数量", "金额（元）", "发放日期"),
            *("身份证号", "银行卡号", "table", "line"),
        ],
    )
    result = SubsidyRowResource().import_data(dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    assert SubsidyRow.objects.get(table=table).amount == Decimal("100.00")


def test_an_amount_rounded_either_way_is_accepted_a_fen_more_is_not(page, editor):
    lines = [
        line(1, name="甲一", standard="14.75", quantity="3.9", amount="57.53"),  # 四舍五入
        line(2, name="乙二", standard="14.75", quantity="3.9", amount="57.52"),  # cut
        line(3, name="丙三", standard="14.75", quantity="3.9", amount="57.54"),
    ]
    job = start(page, editor, xlsx(lines))
    assert [(e["line"], e["column"]) for e in job.report["errors"]] == [(4, "发放金额")]


def test_a_period_changed_after_the_preview_stops_the_confirm(page, editor):
    job = start(page, editor, xlsx(good_lines(2)))
    assert job.status == Status.READY
    DisclosurePage.objects.filter(pk=page.pk).update(period_start=datetime.date(2026, 10, 1))
    job = confirm(job)
    assert job.status == Status.STALE and "重新上传预检" in job.message
    assert DisclosureTable.objects.count() == 0


def test_the_job_page_shows_the_confirms_progress_while_it_writes(page, editor, client):
    job = start(page, editor, xlsx(good_lines(7)))
    DisclosureImport.objects.filter(pk=job.pk).update(
        stage=DisclosureImport.Stage.CONFIRM, status=Status.RUNNING, done=0, total=7
    )
    job.refresh_from_db()
    folder = affairs_import_jobs._progress_path(job)
    folder.write_text('{"done": 4, "total": 7}', "utf-8")
    client.force_login(editor)
    body = client.get(reverse("disclosures_affairs_import_job", args=[job.pk])).content.decode()
    assert "（4 / 7）" in body and '<meta http-equiv="refresh"' in body


def test_a_new_import_is_checked_against_the_draft_and_an_earlier_file_can_be_put_back(
    page, editor
):
    """The import is for the page as its latest revision has it; importing file A, then B, then
    A again puts A back (as a draft) without writing its rows a second time."""
    first = confirm(start(page, editor, xlsx(good_lines(3))))
    assert first.status == Status.DONE
    table_a = first.table
    second = confirm(start(page, editor, xlsx(good_lines(4))))
    table_b = second.table
    assert table_b != table_a
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().table_id == table_b.pk
    again = start(page, editor, xlsx(good_lines(3)))
    assert again.status == Status.READY and not again.report.get("duplicate_of_table")
    again = confirm(again)
    assert again.status == Status.DONE and again.table == table_a
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().table_id == table_a.pk
    assert DisclosureTable.objects.filter(page=page).count() == 2


def test_cleanup_also_forgets_unconfirmed_disclosure_imports(page, editor):
    from django.core.management import call_command

    old = start(page, editor, xlsx(good_lines(2)))
    fresh = start(page, editor, xlsx(good_lines(3)))
    DisclosureImport.objects.filter(pk=old.pk).update(
        updated_at=old.created_at - datetime.timedelta(days=2)
    )
    out = io.StringIO()
    call_command("cleanup_imports", stdout=out)
    assert set(DisclosureImport.objects.values_list("pk", flat=True)) == {fresh.pk}
    assert "removed 1 unconfirmed import(s)" in out.getvalue()
