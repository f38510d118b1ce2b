"""The demo's village affairs disclosures (disclosures/demo/affairs.py): two years for 阿坞村 with
late and missing periods the schedule reports, one correction with its earlier version, one
draft awaiting the township's approval; masked at the door; a second run adds nothing."""

import datetime
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, WorkflowState

from disclosures.affairs_models import (
    AssetRow,
    DisclosurePage,
    DisclosureTable,
    FinanceRow,
    Kind,
    ProjectRow,
    SubsidyRow,
)
from disclosures.demo import affairs
from disclosures.services import schedule, tables
from disclosures.services.affairs import (
    MASKED_TEXT_FIELDS,
    corrections,
    public_disclosures,
    published_revision,
    published_versions,
    unmasked_numbers,
)
from portal.base import masking
from tests import factories
from villages.demo.builder import SeedReport
from villages.models import Role

TODAY = datetime.date(2026, 11, 27)
NOW = timezone.make_aware(datetime.datetime(2026, 11, 27, 14, 0))


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """阿坞村's demo disclosures as of 2026-11-27, built once for the module and rolled back
    afterwards (as tests/supervision/test_demo_cases.py does). The other villages are left
    out: they take the same path and only make the test slower."""
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=dummy),
        transaction.atomic(),
        mock.patch.object(affairs, "FULL", (affairs.AWU,)),
        mock.patch.object(affairs, "LEAN", ()),
    ):
        tree = factories.build_tree()
        factories.staff_user(affairs.EDITOR, Role.TOWNSHIP_EDITOR, tree.awu)
        factories.staff_user(affairs.APPROVER, Role.TOWNSHIP_DISCIPLINE, tree.awu)
        report = SeedReport()
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            affairs.build_disclosures(report)
        yield tree.awu_village, report
        transaction.set_rollback(True)


def counts():
    return {
        "pages": DisclosurePage.objects.count(),
        "tables": DisclosureTable.objects.count(),
        "rows": sum(m.objects.count() for m in (SubsidyRow, FinanceRow, AssetRow, ProjectRow)),
        "revisions": Revision.page_revisions.count(),
        "publish_logs": PageLogEntry.objects.filter(action="wagtail.publish").count(),
        "workflows": WorkflowState.objects.count(),
    }


def test_two_years_with_late_and_missing_periods_the_schedule_reports(seeded):
    awu, report = seeded
    pages = DisclosurePage.objects.child_of(awu)
    finance = pages.filter(kind=Kind.FINANCE, live=True)
    # 2025-01 .. 2026-10 (the last month due by 2026-11-27), less the one left missing.
    months = set(finance.values_list("period_start", flat=True))
    assert min(months) == datetime.date(2025, 1, 1)
    assert max(months) == datetime.date(2026, 10, 1)
    assert len(months) == 21
    for kind in (Kind.PARTY, Kind.AFFAIRS, Kind.SUBSIDY):
        assert pages.filter(kind=kind, live=True).count() == 7, kind  # 2025 Q1 .. 2026 Q3
    assert pages.filter(kind=Kind.PROJECT, live=True).count() == 2
    assert report.created["disclosurepage"] == pages.count()

    result = schedule.township_report([awu], on=TODAY)
    overdue = {(e.kind, e.period_start) for e in result.overdue}
    assert overdue == {
        (Kind.FINANCE, datetime.date(2026, 8, 1)),
        (Kind.ASSETS, datetime.date(2026, 4, 1)),
    }
    late = {(e.kind, e.period_start): e.late_days for e in result.late}
    assert late[(Kind.FINANCE, datetime.date(2026, 5, 1))] == 8
    assert late[(Kind.SUBSIDY, datetime.date(2025, 10, 1))] == 14
    # Everything else came on time, published by the approver, not today.
    assert len(late) == 3
    first = pages.get(slug="finance-2026-09").first_published_at
    assert timezone.localtime(first).date() <= datetime.date(2026, 10, 10)

    status = {s.kind: s for s in schedule.village_status(awu, on=TODAY)}
    assert status[Kind.FINANCE].overdue == ["2026年8月"]
    assert status[Kind.FINANCE].on_time is False
    assert status[Kind.PARTY].on_time is True


def test_the_corrected_disclosure_keeps_its_earlier_version(seeded):
    awu, _report = seeded
    page = DisclosurePage.objects.child_of(awu).get(slug="subsidy-2026-q2")
    versions = published_versions(page)
    assert len(versions) == 2
    assert versions[0].current and not versions[1].current
    (note,) = corrections(page)
    assert "更正为" in note.correction_note
    assert note.changes and "明细表" in note.changes[0]
    earlier = published_revision(page, versions[1].revision_id)
    assert earlier.table_id != page.table_id
    before, after = tables.totals_of(earlier.table), tables.totals_of(page.table)
    assert before["amount"] > after["amount"]
    assert earlier.table.row_count == page.table.row_count
    # Published on time, corrected nine days later.
    assert page.last_published_at - page.first_published_at == datetime.timedelta(days=9)


def test_a_draft_waits_for_the_township_approval_and_is_not_public(seeded):
    awu, _report = seeded
    draft = DisclosurePage.objects.child_of(awu).get(live=False)
    assert draft.kind == Kind.RELIEF and draft.first_published_at is None
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by.username == affairs.EDITOR
    assert draft not in public_disclosures(awu)
    due_soon = schedule.township_report([awu], on=TODAY).due_soon
    assert [(e.kind, e.page_id) for e in due_soon] == [(Kind.RELIEF, draft.pk)]


def test_nothing_public_holds_an_unmasked_number_or_name(seeded):
    for model in (SubsidyRow, FinanceRow, AssetRow, ProjectRow):
        spec = next(s for s in tables.SPECS.values() if s.model is model)
        text = [c.name for c in spec.columns if c.type == tables.TEXT]
        for values in model.objects.values_list(*text):
            for value in values:
                assert not masking.ID_NUMBER_RE.search(value), value
                assert not masking.BANK_CARD_RE.search(value), value
                assert not masking.MOBILE_RE.search(value), value
    for page in DisclosurePage.objects.all():
        for name in MASKED_TEXT_FIELDS:
            assert not unmasked_numbers(getattr(page, name)), (page.slug, name)
    households = SubsidyRow.objects.values_list("household", flat=True)
    assert households.count() >= 7 * 100
    assert all("*" in name for name in households)
    # The originals went into the encrypted raw values, as an import's would.
    rows = list(SubsidyRow.objects.order_by("pk")[:200])
    assert all(masking.mask_name(row.raw["household"]) == row.household for row in rows)
    assert any(row.raw.get("id_number") for row in rows)
    assert all(row.raw.get("bank_card") or row.raw.get("phone") for row in rows)


def test_a_second_run_adds_nothing(seeded):
    before = counts()
    report = SeedReport()
    with (
        mock.patch.object(affairs, "FULL", (affairs.AWU,)),
        mock.patch.object(affairs, "LEAN", ()),
        mock.patch("django.utils.timezone.now", return_value=NOW),
    ):
        affairs.build_disclosures(report)
    assert report.created == {}
    assert counts() == before
