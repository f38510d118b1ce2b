"""The monthly report PDF (services/monthly_report.py): what it prints, what it never prints,
where it is kept, who may download it, and a scheduled job that may run as often as it likes."""

from __future__ import annotations

import datetime
import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import CollectionViewRestriction

from supervision.dispatch_models import MonthlyReport
from supervision.services import monthly_report, stats
from tests import factories
from villages.models import Role

from .test_dashboard import make

D = datetime.date


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "wudu": factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu),
        "city": factories.staff_user("city", Role.CITY_DISCIPLINE, tree.city),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
    }


@pytest.fixture
def cases(tree, people):
    make(
        tree.xigu,
        "T-1",
        D(2025, 3, 2),
        accepted_on=D(2025, 3, 3),
        conclusion_due_on=D(2025, 3, 25),
        first_concluded_on=D(2025, 3, 20),
        conclusion_days=18,
        accused_name="李四光",
    )
    make(
        tree.awu_village,
        "T-2",
        D(2025, 3, 5),
        category="homestead",
        accepted_on=D(2025, 1, 10),
        conclusion_due_on=D(2025, 3, 10),
        owner_leader=people["leader"],
        assigned_unit="阿坞镇纪委",
        accused_name="李四光",
    )
    make(tree.hadapu_village, "T-3", D(2025, 3, 9))
    make(tree.xigu, "T-4", D(2024, 3, 9))


def test_the_pdf_prints_the_figures_and_the_analysis_without_identity(tree, cases, tmp_path):
    row = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    assert row.status == "done" and row.as_of == D(2025, 3, 31)
    with row.document.file.open("rb") as handle:
        text = pdf_text(handle.read(), tmp_path)
    flat = " ".join(text.split())
    result = stats.report(tree.tanchang, stats.Period.month(2025, 3))
    assert "宕昌县" in text and "2025年3月" in text
    assert f"收到信访举报 {result['received'].value} {result['received'].previous} ▲200.0%" in flat
    assert "按期办结率 100.0%" in flat
    assert "2025年3月共收到信访举报 3 件，上年同期 1 件，同比 ▲200.0%。" in flat
    assert "增幅最大的是：阿坞镇 2 件" in flat
    assert "T-2" in text and "阿坞镇纪委" in text  # the overdue case, with its unit
    assert "领导接访 0 场 0 批 0 人次" in flat
    for secret in ("张三丰", "13800001234", "李四光"):
        assert secret not in text


def test_the_document_is_kept_in_a_closed_collection_and_replaced_on_regeneration(tree, cases):
    first = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    document = first.document
    assert document.collection.name == "一月一分析"
    assert CollectionViewRestriction.objects.filter(collection=document.collection).exists()
    old_name = document.file.name
    again = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    assert again.pk == first.pk and again.document.pk == document.pk
    assert MonthlyReport.objects.count() == 1
    assert not document.file.storage.exists(old_name) or again.document.file.name == old_name


def test_wagtails_own_document_url_does_not_serve_it(client, tree, cases, people):
    row = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    url = reverse("wagtaildocs_serve", args=[row.document.pk, row.document.filename])
    assert client.get(url).status_code != 200
    client.force_login(people["petition"])
    assert client.get(url).status_code != 200


def test_download_follows_jurisdiction(client, tree, cases, people):
    row = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    url = reverse("supervision_analysis:download", args=[row.pk])
    for name, status in (("petition", 200), ("city", 200), ("wudu", 403)):
        client.force_login(people[name])
        response = client.get(url)
        assert response.status_code == status, name
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code != 200


def test_the_dashboard_button_makes_the_report(
    client, tree, cases, people, django_capture_on_commit_callbacks
):
    client.force_login(people["petition"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supervision_analysis:generate"),
            {"area": tree.tanchang.division_code, "month": "2025-03"},
        )
    assert response.status_code == 302
    row = MonthlyReport.objects.get()
    assert row.status == "done" and row.requested_by == people["petition"]
    html = client.get(response["Location"]).content.decode()
    assert reverse("supervision_analysis:download", args=[row.pk]) in html
    # A county office cannot order another county's report.
    client.force_login(people["wudu"])
    response = client.post(
        reverse("supervision_analysis:generate"),
        {"area": tree.tanchang.division_code, "month": "2025-03"},
    )
    assert response.status_code == 403


def test_the_scheduled_command_is_idempotent(tree, cases):
    call_command("monthly_reports", "--month", "2025-03", stdout=io.StringIO())
    rows = {
        row.area_id: (row.pk, row.document_id, row.generated_at)
        for row in MonthlyReport.objects.all()
    }
    assert set(rows) == {tree.city.pk, tree.tanchang.pk, tree.wudu.pk}
    call_command("monthly_reports", "--month", "2025-03", stdout=io.StringIO())
    again = {
        row.area_id: (row.pk, row.document_id, row.generated_at)
        for row in MonthlyReport.objects.all()
    }
    assert again == rows


def test_a_cadre_recused_from_a_case_of_the_county_cannot_download_its_report(
    client, tree, cases, people
):
    """The report lists overdue and hard cases by number for everyone over the county."""
    row = monthly_report.generate(tree.tanchang.pk, 2025, 3)
    url = reverse("supervision_analysis:download", args=[row.pk])
    client.force_login(people["leader"])
    assert client.get(url).status_code == 200
    MonthlyReport.objects.get(pk=row.pk)  # unchanged
    case = next(iter(stats.area_cases(tree.tanchang)))
    case.accused_users.add(people["leader"])
    assert client.get(url).status_code == 403


def test_a_month_still_running_gets_no_report_and_a_partial_one_is_made_again(
    client, tree, cases, people
):
    from django.utils import timezone

    today = timezone.localdate()
    client.force_login(people["petition"])
    response = client.post(
        reverse("supervision_analysis:generate"),
        {"area": tree.tanchang.division_code, "month": f"{today:%Y-%m}"},
    )
    assert response.status_code == 302 and not MonthlyReport.objects.exists()
    # A report made on 15 March (before this rule) is made again by the job once March is over.
    partial = monthly_report.generate(tree.tanchang.pk, 2025, 3, today=D(2025, 3, 15))
    assert partial.as_of == D(2025, 3, 15)
    monthly_report.make_missing(2025, 3, today=D(2025, 4, 1))
    partial.refresh_from_db()
    assert partial.as_of == D(2025, 3, 31)
    assert "monthly-report-621223-2025-03-" in partial.document.file.name


def test_a_report_left_running_by_a_killed_process_is_made_again_by_the_job(tree, cases):
    """A worker killed mid-report leaves its row "running": the job leaves a fresh attempt
    alone but takes over one older than half an hour."""
    from django.utils import timezone

    month = monthly_report.month_of(2025, 3)
    row = MonthlyReport.objects.create(
        area=tree.tanchang, month=month, status="running", started_at=timezone.now()
    )
    monthly_report.make_missing(2025, 3, today=D(2025, 4, 1))
    row.refresh_from_db()
    assert row.status == "running" and row.document is None  # another run is at it
    MonthlyReport.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=2)
    )
    monthly_report.make_missing(2025, 3, today=D(2025, 4, 1))
    row.refresh_from_db()
    assert row.status == "done" and row.document is not None
