"""Imports as background jobs: the preview writes nothing and lists only what changes, the confirm
writes only changed items, refuses a catalog changed since the preview, can be retried, and an
import never publishes what nobody approved. (Tasks run at once in tests: ImmediateBackend.)"""

import io
import os
import time

import openpyxl
import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry, Revision

from disclosures.import_jobs import CatalogImport
from disclosures.models import PowerItemPage
from disclosures.services import catalog_io, import_jobs, staging
from tests import factories
from tests.factories import staff_user
from villages.models import Role

Status = CatalogImport.Status


pytestmark = pytest.mark.usefixtures("var_in_tmp")


@pytest.fixture
def catalog(tree):
    catalog = factories.catalog(tree.tanchang)
    for number, title in (("1", "村级重大事项决策"), ("2", "低保申请审批"), ("3", "惠民资金发放")):
        item = factories.power_item(catalog, number, title)
        item.save_revision().publish()
    return catalog


@pytest.fixture
def uploader(tree):
    return staff_user("county", Role.COUNTY_PETITION, tree.tanchang)


def item(catalog, number) -> PowerItemPage:
    return PowerItemPage.objects.child_of(catalog).get(number=number)


def state(catalog):
    """What an import must not touch unless it means to."""
    return {
        i.number: (i.live, i.has_unpublished_changes, i.latest_revision_id, i.last_published_at)
        for i in PowerItemPage.objects.child_of(catalog)
    }


def xlsx(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exported(catalog):
    return openpyxl.load_workbook(io.BytesIO(catalog_io.export_xlsx(catalog)))


def row_of(sheet, number) -> int:
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value) == number:
            return row[0].row
    raise AssertionError(number)


def start(catalog, user, raw: bytes) -> CatalogImport:
    job = import_jobs.start(user, catalog, {"xlsx": ("清单.xlsx", raw)})
    job.refresh_from_db()
    return job


def test_the_preview_writes_nothing_and_lists_only_the_changes(catalog, uploader):
    before = state(catalog)
    revisions = Revision.objects.count()
    book = exported(catalog)
    book["事项"].cell(row_of(book["事项"], "2"), 3).value = "低保申请审批（新）"
    book["事项"].append(["9", "惠民政策", "临时救助", "", "", "", "", "", "", ""])
    book["步骤"].append(["9", "1", "申请人", "", "提出申请", 3, "个工作日", "", "", ""])
    job = start(catalog, uploader, xlsx(book))
    assert job.status == Status.READY, (job.message, job.report.get("errors"))
    assert state(catalog) == before and Revision.objects.count() == revisions
    assert not PowerItemPage.objects.child_of(catalog).filter(number="9").exists()
    report = job.report
    assert [i["number"] for i in report["new_items"]] == ["9"]
    assert [i["number"] for i in report["changed_items"]] == ["2"]
    changes = report["changed_items"][0]["changes"]
    assert changes == [["事项名称", "低保申请审批", "低保申请审批（新）"]]
    assert (report["unchanged"], report["untouched"]) == (2, 0)


def test_confirm_republishes_only_the_changed_item(catalog, uploader):
    book = exported(catalog)
    book["步骤"].cell(row_of(book["步骤"], "3"), 5).value = "改过的办理事项"
    job = start(catalog, uploader, xlsx(book))
    before = state(catalog)
    assert import_jobs.confirm(job)
    job.refresh_from_db()
    assert job.status == Status.DONE and job.stage == "confirm"
    after = state(catalog)
    assert after["1"] == before["1"] and after["2"] == before["2"]
    assert after["3"][2] != before["3"][2]  # a new revision, published
    assert [s.action for s in item(catalog, "3").steps.all()] == ["改过的办理事项"]
    assert not (staging.root() / job.token).exists()  # staged file removed once done
    assert not import_jobs.confirm(job), "a finished job cannot be confirmed twice"


def test_the_import_is_recorded_in_the_changed_items_history_only(client, catalog, uploader):
    book = exported(catalog)
    book["步骤"].cell(row_of(book["步骤"], "2"), 6).value = 12  # 办理时限
    job = start(catalog, uploader, xlsx(book))
    assert import_jobs.confirm(job)
    changed, other = item(catalog, "2"), item(catalog, "1")
    entries = PageLogEntry.objects.filter(page=changed, action="disclosures.import")
    assert entries.count() == 1 and entries.get().user == uploader
    assert not PageLogEntry.objects.filter(page=other, action="disclosures.import").exists()
    client.force_login(uploader)
    history = client.get(f"/admin/pages/{changed.pk}/history/").content.decode()
    assert "导入更新" in history
    assert f"由 {uploader.get_username()} 从文件“清单.xlsx”导入更新（1 处变化）" in history
    # Beside the revision's own entry: the import's revision was published.
    imported = entries.get()
    assert imported.revision_id == changed.live_revision_id
    assert PageLogEntry.objects.filter(
        page=changed, action="wagtail.publish", revision_id=imported.revision_id
    ).exists()


def test_a_catalog_changed_since_the_preview_is_not_overwritten(catalog, uploader):
    book = exported(catalog)
    book["事项"].cell(row_of(book["事项"], "1"), 3).value = "文件里的新名称"
    job = start(catalog, uploader, xlsx(book))
    edited = item(catalog, "2")
    edited.title = "编辑刚改的名称"
    edited.save_revision().publish()
    import_jobs.confirm(job)
    job.refresh_from_db()
    assert job.status == Status.STALE
    assert "请重新上传文件预检" in job.message
    assert item(catalog, "1").title == "村级重大事项决策"
    assert item(catalog, "2").title == "编辑刚改的名称"


def test_a_confirm_that_stops_half_way_finishes_when_retried(catalog, uploader, settings):
    settings.CATALOG_IMPORT_BATCH_ITEMS = 1
    settings.CATALOG_IMPORT_BATCH_PAUSE_S = 0
    book = exported(catalog)
    for number in ("1", "2", "3"):
        book["事项"].cell(row_of(book["事项"], number), 4).value = f"依据 {number}"
    job = start(catalog, uploader, xlsx(book))
    real_write, calls = catalog_io._write, []

    def flaky_write(parent, plan, user, file_name=""):
        calls.append(plan.number)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_write(parent, plan, user, file_name)

    catalog_io._write = flaky_write
    try:
        import_jobs.confirm(job)
    finally:
        catalog_io._write = real_write
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.done == 1
    assert "已完整写入 1 项" in job.message
    assert [item(catalog, n).legal_basis for n in "123"] == ["依据 1", "", ""]
    first_revision = item(catalog, "1").latest_revision_id

    assert import_jobs.confirm(job)  # 重试
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert [item(catalog, n).legal_basis for n in "123"] == ["依据 1", "依据 2", "依据 3"]
    assert item(catalog, "1").latest_revision_id == first_revision  # not written twice


def test_export_then_reimport_unchanged_publishes_and_revives_nothing(catalog, uploader):
    drafted = item(catalog, "1")
    drafted.title = "未审核的草稿名称"
    drafted.save_revision()  # a pending draft: the live version keeps the old title
    item(catalog, "2").unpublish()
    never = factories.power_item(catalog, "4", "从未发布的事项", live=False)
    never.save_revision()
    before = state(catalog)
    revisions = Revision.objects.count()

    book = exported(catalog)
    sheet = book["事项"]
    assert sheet.cell(row_of(sheet, "1"), 3).value == "村级重大事项决策"  # live content only
    states = {n: sheet.cell(row_of(sheet, n), 10).value for n in ("1", "2", "3", "4")}
    assert states == {"1": "已发布", "2": "未发布", "3": "已发布", "4": "未发布"}

    job = start(catalog, uploader, xlsx(book))
    assert job.status == Status.READY
    assert job.report["changed_items"] == [] and job.report["new_items"] == []
    assert job.report["kept_drafts"] == ["1"]
    import_jobs.confirm(job)
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert state(catalog) == before
    assert Revision.objects.count() == revisions
    assert not item(catalog, "2").live and not item(catalog, "4").live
    assert item(catalog, "1").get_latest_revision().content["title"] == "未审核的草稿名称"


def test_an_unpublished_item_is_revived_only_when_the_file_says_so(catalog, uploader):
    item(catalog, "2").unpublish()
    book = exported(catalog)
    book["事项"].cell(row_of(book["事项"], "2"), 10).value = "已发布"
    job = start(catalog, uploader, xlsx(book))
    changed = job.report["changed_items"]
    assert [(c["number"], c["state_change"]) for c in changed] == [("2", "publish")]
    import_jobs.confirm(job)
    assert item(catalog, "2").live


def test_a_changed_item_with_a_pending_draft_is_diffed_against_its_live_version(
    client, catalog, uploader
):
    drafted = item(catalog, "1")
    drafted.title = "草稿里的名称"
    drafted.save_revision()
    book = exported(catalog)
    book["事项"].cell(row_of(book["事项"], "1"), 4).value = "新的法定依据"
    client.force_login(uploader)
    upload = io.BytesIO(xlsx(book))
    upload.name = "清单.xlsx"
    response = client.post(f"/admin/catalog/{catalog.pk}/import/", {"xlsx": upload}, follow=True)
    body = response.content.decode()
    assert "此事项有尚未发布的草稿" in body
    changes = response.context["job"].report["changed_items"][0]["changes"]
    assert changes == [["法定依据", "—", "新的法定依据"]]  # not the draft's title


def test_the_job_page_refreshes_while_running_and_is_the_uploaders_only(
    client, tree, catalog, uploader
):
    job = CatalogImport.objects.create(catalog=catalog, user=uploader, status=Status.RUNNING)
    client.force_login(uploader)
    body = client.get(f"/admin/catalog/imports/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in body and "正在预检" in body
    client.force_login(staff_user("other", Role.COUNTY_PETITION, tree.tanchang))
    assert client.get(f"/admin/catalog/imports/{job.pk}/").status_code == 404
    assert client.post(f"/admin/catalog/imports/{job.pk}/confirm/").status_code == 404


def test_cleanup_removes_unconfirmed_imports_after_a_day(catalog, uploader):
    book = exported(catalog)
    book["事项"].cell(row_of(book["事项"], "1"), 4).value = "改"
    old = start(catalog, uploader, xlsx(book))
    fresh = start(catalog, uploader, xlsx(book))
    finished = start(catalog, uploader, xlsx(book))
    CatalogImport.objects.filter(pk=finished.pk).update(status=Status.DONE)
    day_ago = time.time() - 25 * 3600
    for job in (old, finished):
        os.utime(staging.root() / job.token, (day_ago, day_ago))
    CatalogImport.objects.filter(pk__in=[old.pk, finished.pk]).update(
        updated_at=old.created_at.replace(year=old.created_at.year - 1)
    )
    out = io.StringIO()
    call_command("cleanup_imports", stdout=out)
    # The old job's folder goes with its row; the finished job's leftover folder by its age.
    assert "removed 1 unconfirmed import(s) and 1 staged folder(s)" in out.getvalue()
    assert set(CatalogImport.objects.values_list("pk", flat=True)) == {fresh.pk, finished.pk}
    assert not (staging.root() / old.token).exists()
    assert not (staging.root() / finished.token).exists()
    assert (staging.root() / fresh.token).exists()
    call_command("cleanup_imports", stdout=out)  # idempotent
    assert "removed 0 unconfirmed import(s) and 0 staged folder(s)" in out.getvalue()


def test_staged_files_open_only_for_their_owner_and_catalog(catalog, uploader, tree):
    from django.core.exceptions import PermissionDenied

    token = staging.save(uploader.pk, catalog.pk, {"items": ("事项.csv", b"a")})
    assert staging.load(token, uploader.pk, catalog.pk)["items"][0] == "事项.csv"
    with pytest.raises(PermissionDenied):
        staging.load(token, uploader.pk + 1, catalog.pk)
    with pytest.raises(staging.StagedUploadMissing):
        staging.load("../../etc", uploader.pk, catalog.pk)
