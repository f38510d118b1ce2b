"""The ledger (台账) export (issue 11, part 5): the case list's 导出台账 writes exactly the listed
cases of the user's jurisdiction in the official columns, masks the reporter per role, logs every
full name written, and sends a large export to the task worker."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from supervision.models import Complaint, IdentityAccess, LedgerExport
from supervision.services import ledger, workflow
from tests import factories
from villages.models import Role

HEADERS = [
    "编号",
    "来源",
    "受理时间",
    "反映人",
    "被反映人",
    "问题类别",
    "承办单位",
    "包案领导",
    "办理期限",
    "状态",
    "办结时间",
    "回访结果",
    "是否重复件",
    "销号时间",
]
NAME, PHONE, ID_NUMBER = "张三明", "13800001234", "620102199001011234"


def post_export(client, query: str):
    """导出台账 as the confirmation page's form posts it (the list's filters and the format)."""
    from urllib.parse import parse_qsl

    return client.post("/admin/ledger/export/", dict(parse_qsl(query)))


@pytest.fixture(autouse=True)
def _exports_dir(settings, tmp_path):
    settings.LEDGER_EXPORT_DIR = tmp_path / "exports"


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
    }


def new_case(village, **fields):
    fields.setdefault("real_name", True)
    fields.setdefault("reporter_name", NAME)
    fields.setdefault("reporter_contact", PHONE)
    fields.setdefault("reporter_id_number", ID_NUMBER)
    fields.setdefault("accused_name", "王某某")
    case = factories.complaint(village, **fields).case
    case.refresh_from_db()
    return case


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())  # Excel needs the BOM for Chinese UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    # Blank cells are not written, so a row read back may be shorter than the header.
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return [row + [""] * (len(HEADERS) - len(row)) for row in rows]


def by_number(rows) -> dict[str, dict[str, str]]:
    assert rows[0] == HEADERS
    return {row[0]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}


def test_the_export_of_a_filtered_list_has_exactly_its_cases(client, tree, people):
    awu_accepted = new_case(tree.xigu)
    workflow.perform(people["petition"], awu_accepted, "accept")
    hadapu_accepted = new_case(tree.hadapu_village)
    workflow.perform(people["petition"], hadapu_accepted, "accept")
    registered = new_case(tree.xigu)
    elsewhere = new_case(tree.pingershang)  # 武都区: outside the county
    workflow.perform(
        factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu), elsewhere, "accept"
    )
    client.force_login(people["petition"])
    listed = client.get("/admin/cases/?state=accepted").content.decode()
    assert "/admin/ledger/export/?state=accepted&amp;format=xlsx" in listed
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        response = post_export(client, f"state=accepted&format={fmt}")
        assert response.status_code == 200
        rows = by_number(read(response))
        assert set(rows) == {awu_accepted.number, hadapu_accepted.number}
        assert registered.number not in rows and elsewhere.number not in rows
    # The search box narrows it too, and the township sees only its own.
    response = post_export(client, f"q={awu_accepted.number}&format=csv")
    assert set(by_number(csv_rows(response))) == {awu_accepted.number}
    client.force_login(people["jiwei"])
    response = post_export(client, "format=csv")
    assert set(by_number(csv_rows(response))) == {awu_accepted.number, registered.number}


def test_the_columns_come_from_the_case(client, tree, people):
    case = new_case(tree.xigu, accused_name="=HYPERLINK(1)")
    petition = people["petition"]
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": people["jiwei"]})
    workflow.perform(people["jiwei"], case, "start")
    workflow.perform(people["jiwei"], case, "conclude", {"public_text": "已办结"})
    workflow.perform(petition, case, "return_visit", {"result": "satisfied", "method": "phone"})
    workflow.perform(petition, case, "close")
    case.refresh_from_db()
    client.force_login(people["leader"])
    row = by_number(csv_rows(post_export(client, "format=csv")))[case.number]
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert row["来源"] == "网上"
    assert row["受理时间"] == today and row["办结时间"] == today and row["销号时间"] == today
    assert row["办理期限"] == f"{case.conclusion_due_on:%Y-%m-%d}"
    assert row["状态"] == "已销号" and row["回访结果"] == "满意"
    assert row["承办单位"] == "阿坞镇纪委" and row["是否重复件"] == "否"
    assert row["问题类别"] == case.category.name
    assert row["被反映人"] == "'=HYPERLINK(1)"  # a formula stays text


@pytest.mark.parametrize(("who", "full"), [("petition", True), ("jiwei", True), ("leader", False)])
def test_the_reporter_is_masked_per_role_and_full_names_are_logged(client, tree, people, who, full):
    named = new_case(tree.xigu)
    anonymous = new_case(tree.xigu, real_name=False, reporter_name="", reporter_contact="")
    user = people[who]
    client.force_login(user)
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(post_export(client, f"format={fmt}"))
        text = repr(rows)
        assert PHONE not in text and ID_NUMBER not in text and "138****" not in text
        table = by_number(rows)
        assert table[anonymous.number]["反映人"] == "匿名"
        assert table[named.number]["反映人"] == (NAME if full else "张*明")
    looks = IdentityAccess.objects.filter(user=user)
    if full:
        assert list(looks.values_list("case", "context")) == [(named.pk, "台账导出")] * 2
    else:
        assert not looks.exists()


def test_a_large_export_is_built_by_the_task_and_downloaded_by_its_owner(
    client, tree, people, settings
):
    settings.SUPERVISION_LEDGER_INLINE_ROWS = 1
    first, second = new_case(tree.xigu), new_case(tree.hadapu_village)
    new_case(tree.pingershang)
    client.force_login(people["petition"])
    response = post_export(client, "format=xlsx")
    # The test settings run the task at once, as the worker would later.
    assert response.status_code == 302 and response["Location"] == "/admin/ledger/exports/"
    export = LedgerExport.objects.get()
    assert export.user == people["petition"] and export.status == LedgerExport.Status.DONE
    assert export.rows == 2 and export.file_format == "xlsx"
    assert not ledger.export_path(export).is_relative_to(settings.MEDIA_ROOT)
    page = client.get("/admin/ledger/exports/").content.decode()
    assert "可下载" in page and f"/admin/ledger/exports/{export.pk}/download/" in page
    rows = by_number(xlsx_rows(client.get(f"/admin/ledger/exports/{export.pk}/download/")))
    assert set(rows) == {first.number, second.number}
    assert IdentityAccess.objects.filter(user=people["petition"], context="台账导出").count() == 2
    client.force_login(people["jiwei"])
    assert client.get(f"/admin/ledger/exports/{export.pk}/download/").status_code == 404


def test_the_task_rebuilds_the_list_from_the_stored_query(tree, people):
    kept = new_case(tree.xigu)
    new_case(tree.hadapu_village)
    export = LedgerExport.objects.create(
        user=people["petition"], query={"village": [str(tree.xigu.pk)]}, file_format="csv"
    )
    from supervision.case_list import listed_cases

    ledger.build_export(export.pk, listed_cases)
    export.refresh_from_db()
    text = ledger.export_path(export).read_text(encoding="utf-8-sig")
    assert export.rows == 1 and kept.number in text


def test_old_exports_are_removed_and_cleanup_is_idempotent(tree, people):
    from supervision.case_list import listed_cases

    new_case(tree.xigu)
    export = LedgerExport.objects.create(user=people["petition"], query={}, file_format="csv")
    ledger.build_export(export.pk, listed_cases)
    export.refresh_from_db()
    path = ledger.export_path(export)
    assert path.is_file()
    assert ledger.cleanup_exports() == 0 and path.is_file()
    later = timezone.now() + datetime.timedelta(days=8)
    assert ledger.cleanup_exports(now=later) == 1
    assert not path.exists() and not LedgerExport.objects.exists()
    assert ledger.cleanup_exports(now=later) == 0


def test_roles_without_a_case_list_cannot_post_export(client, tree, editor):
    client.force_login(editor)
    assert post_export(client, "format=csv").status_code in (302, 403)
    assert Complaint.objects.count() == 0


def test_the_button_only_shows_what_will_be_exported_and_writes_nothing(client, tree, people):
    """The export writes (the identity-access log, a job): a plain GET, which another site's
    link can trigger, only shows the confirmation with its CSRF-protected form."""
    from supervision.models import IdentityAccess

    case = new_case(tree.xigu)
    workflow.perform(people["petition"], case, "accept")
    client.force_login(people["petition"])
    page = client.get("/admin/ledger/export/?state=accepted&format=csv")
    html = page.content.decode()
    assert page.status_code == 200 and "csrfmiddlewaretoken" in html
    assert 'name="state" value="accepted"' in html
    assert not IdentityAccess.objects.exists() and not LedgerExport.objects.exists()
