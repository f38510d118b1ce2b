"""导入历史台账 (issue 11, part 5): a ledger kept before the system, previewed row by row (every
bad row by its Excel row number, column and reason, nothing written), then written all or
nothing, with the figures' facts concluded from the ledger's dates."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supervision.models import CaseEvent, Complaint, LedgerImport
from supervision.services import identity
from tests import factories
from villages.models import Role

from .test_ledger import HEADERS as LEDGER_HEADERS

# The export's official columns, then what an import adds to place and describe a case.
HEADERS = [*LEDGER_HEADERS, "村", "收到日期", "联系电话", "反映内容"]


@pytest.fixture
def petition(tree):
    return factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)


def row(**cells) -> list[str]:
    values = {
        "编号": "621223-2019-H00001",
        "来源": "来信",
        "受理时间": "2019-03-04",
        "反映人": "张三明",
        "问题类别": factories.complaint_category().name,
        "状态": "已销号",
        "办结时间": "2019年4月10日",
        "销号时间": "2019/5/6",
        "村": "西固村",
        "收到日期": "2019-03-01",
        "联系电话": "13800001234",
        "反映内容": "反映低保评定不公开。",
    } | cells
    return [values.get(h, "") for h in HEADERS]


def as_csv(rows, encoding="utf-8-sig") -> tuple[str, bytes]:
    out = io.StringIO()
    csv.writer(out).writerows([HEADERS, *rows])
    return "历史台账.csv", out.getvalue().encode(encoding)


def as_xlsx(rows) -> tuple[str, bytes]:
    book = openpyxl.Workbook()
    for r in [HEADERS, *rows]:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return "历史台账.xlsx", out.getvalue()


def upload(client, file) -> LedgerImport:
    name, content = file
    response = client.post("/admin/ledger/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:500]
    return LedgerImport.objects.latest("pk")


def test_bad_rows_are_listed_and_nothing_is_written(client, tree, petition):
    Complaint.objects.all().delete()
    rows = [
        row(),
        row(**{"编号": "621223-2019-H00001"}),  # duplicate number in the file (line 3)
        row(**{"编号": "B3", "村": "不存在村"}),
        row(**{"编号": "B4", "问题类别": "无此类别"}),
        row(**{"编号": "B5", "受理时间": "2019-02-30"}),
        row(**{"编号": "B6", "办结时间": "2019-03-01"}),  # before 受理
        row(**{"编号": "B7", "村": "坪儿上村"}),  # 武都区: outside the county
    ]
    client.force_login(petition)
    job = upload(client, as_xlsx(rows))
    job.refresh_from_db()
    assert job.status == LedgerImport.Status.INVALID
    errors = {(e["line"], e["column"]) for e in job.report["errors"]}
    assert errors >= {
        (3, "编号"),
        (4, "村"),
        (5, "问题类别"),
        (6, "受理时间"),
        (7, "办结时间"),
        (8, "村"),
    }
    page = client.get(f"/admin/ledger/import/{job.pk}/").content.decode()
    assert "编号与第 2 行重复。" in page and "不在您的管辖范围内" in page
    assert "办结时间早于受理时间。" in page and "不认识的问题类别“无此类别”" in page
    assert client.post(f"/admin/ledger/import/{job.pk}/confirm/").status_code == 302
    assert not Complaint.objects.exists()


def test_a_good_file_writes_cases_with_their_figures_facts(client, tree, petition):
    rows = [
        row(),
        row(
            **{
                "编号": "621223-2020-H00002",
                "来源": "电话",
                "反映人": "匿名",
                "联系电话": "",
                "状态": "办理中",
                "办结时间": "",
                "销号时间": "",
                "受理时间": "2020-06-01",
                "收到日期": "",
                "村": "621223101201",  # 哈达铺村 by its code
            }
        ),
    ]
    client.force_login(petition)
    job = upload(client, as_csv(rows, encoding="gbk"))
    job.refresh_from_db()
    assert job.status == LedgerImport.Status.READY, job.report
    assert not Complaint.objects.exists()  # the preview writes nothing
    client.post(f"/admin/ledger/import/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == LedgerImport.Status.DONE and job.total == 2
    closed = Complaint.objects.get(number="621223-2019-H00001")
    assert closed.imported and closed.village == tree.xigu
    assert closed.channel == Complaint.Channel.LETTER and closed.state == Complaint.State.CLOSED
    assert closed.received_on == datetime.date(2019, 3, 1)
    assert closed.accepted_on == datetime.date(2019, 3, 4)
    assert closed.first_concluded_on == datetime.date(2019, 4, 10)
    assert closed.closed_on == closed.resolved_on == datetime.date(2019, 5, 6)
    assert closed.conclusion_due_on is not None and closed.conclusion_due_on > closed.accepted_on
    assert closed.conclusion_days == 37
    assert closed.real_name and closed.reporter_name == "张三明"
    assert identity.can_see_identity(petition, closed)
    states = list(closed.events.values_list("to_state", "changes"))
    assert [s for s, _c in states] == ["registered", "accepted", "concluded", "closed"]
    assert all(c == {"action": "import"} for _s, c in states)
    open_case = Complaint.objects.get(number="621223-2020-H00002")
    assert open_case.village == tree.hadapu_village and not open_case.real_name
    assert open_case.state == Complaint.State.IN_PROGRESS
    assert open_case.received_on == open_case.accepted_on == datetime.date(2020, 6, 1)
    assert open_case.first_concluded_on is None and open_case.resolved_on is None
    assert open_case.warning == Complaint.Warning.RED  # its deadline passed years ago
    assert CaseEvent.objects.filter(case=open_case).count() == 3


def test_the_same_file_twice_is_refused_by_duplicate_numbers(client, tree, petition):
    file = as_xlsx([row()])
    client.force_login(petition)
    first = upload(client, file)
    client.post(f"/admin/ledger/import/{first.pk}/confirm/")
    assert Complaint.objects.filter(imported=True).count() == 1
    second = upload(client, file)
    second.refresh_from_db()
    assert second.status == LedgerImport.Status.INVALID
    assert second.report["errors"] == [
        {
            "line": 2,
            "column": "编号",
            "message": "编号“621223-2019-H00001”已在系统中，不能重复导入。",
        }
    ]
    assert Complaint.objects.filter(imported=True).count() == 1


def test_the_template_is_read_as_it_is_and_only_the_office_may_import(client, tree, petition):
    client.force_login(petition)
    page = client.get("/admin/ledger/import/").content.decode()
    assert "下载模板" in page and "上传并预检" in page
    assert "导入历史台账" in client.get("/admin/ledger/exports/").content.decode()
    template = client.get("/admin/ledger/import/template/")
    assert template.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    job = upload(client, ("模板.xlsx", template.content))
    job.refresh_from_db()
    assert job.status == LedgerImport.Status.READY, job.report
    leader = factories.staff_user("leader", Role.LEADER, tree.tanchang)
    client.force_login(leader)
    assert client.get("/admin/ledger/import/").status_code in (302, 403)
    assert client.get(f"/admin/ledger/import/{job.pk}/").status_code in (302, 403)
    assert "导入历史台账" not in client.get("/admin/ledger/exports/").content.decode()


def test_a_file_named_xlsx_that_is_not_a_workbook_is_called_so(tmp_path):
    from disclosures.services import affairs_import
    from disclosures.services.spreadsheets import ImportFileError

    path = tmp_path / "upload"
    path.write_bytes(b"not a spreadsheet")
    opened = affairs_import.open_sheet(path, "台账.xlsx")
    with pytest.raises(ImportFileError, match="不是有效的 Excel 工作簿"):
        opened.__enter__()
