"""The core of village affairs disclosure (issue 10): the schedule's due dates and what a
township sees as due soon, overdue and late on a fixed day; masking at the door; tables that
never change; corrections that must be explained."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from disclosures.models import DisclosureSchedule, DisclosureTable, SubsidyRow
from disclosures.services import affairs, raw_values, rows, schedule, tables
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def _published_at(page, day: datetime.date):
    """Pretend the page was first published at noon on `day` (Asia/Shanghai)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment)
    page.refresh_from_db()
    return page


# --- due dates ------------------------------------------------------------------------------------


def test_default_rules_give_the_statutory_due_dates():
    rules = schedule.Rules()
    finance = rules.rule(None, "finance")
    assert schedule.due_date(finance, "month", D(2026, 10, 1)) == D(2026, 11, 10)
    general = rules.rule(None, "affairs")
    # The third quarter is due by the 20th of the fourth quarter's first month.
    assert schedule.due_date(general, "quarter", D(2026, 7, 1)) == D(2026, 10, 20)
    assert schedule.due_date(general, "quarter", D(2026, 10, 1)) == D(2027, 1, 20)


def test_one_off_lists_count_working_days_by_the_official_calendar():
    relief = schedule.Rules().rule(None, "relief")
    # Reviewed on Friday 25 September 2026: National Day and Mid-Autumn (1-8 October) are not
    # working days, so ten working days end well after a plain two weeks.
    due = schedule.due_date(relief, "once", D(2026, 9, 25), D(2026, 9, 25))
    assert due > D(2026, 10, 9)
    assert due.weekday() < 5 or due in {D(2026, 9, 27), D(2026, 10, 10)}


def test_a_county_rule_overrides_the_default_for_that_county_only(tree):
    DisclosureSchedule.objects.create(
        county=tree.tanchang, kind="finance", period_type="month", due_day=5
    )
    awu = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    wudu = factories.disclosure(
        tree.pingershang, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    assert awu.due_on == D(2026, 10, 5)
    assert wudu.due_on == D(2026, 10, 10)


def test_a_period_is_stored_from_its_first_day(tree):
    page = factories.disclosure(
        tree.awu_village, kind="affairs", period_type="quarter", period_start=D(2026, 8, 17)
    )
    assert page.period_start == D(2026, 7, 1)
    assert page.period_label == "2026年第3季度"


# --- the township's view on a fixed day ---------------------------------------------------------


def _only_finance():
    DisclosureSchedule.objects.exclude(kind="finance").delete()
    DisclosureSchedule.objects.filter(kind="finance").update(effective_from=D(2026, 9, 1))


def test_due_today_is_due_soon_and_the_day_after_it_is_overdue(tree):
    _only_finance()
    # September is due on 10 October.
    on_due_day = schedule.township_report([tree.awu_village], D(2026, 10, 10))
    assert next((e.period_label, e.due_on) for e in on_due_day.due_soon) == (
        "2026年9月",
        D(2026, 10, 10),
    )
    assert on_due_day.overdue == []
    next_day = schedule.township_report([tree.awu_village], D(2026, 10, 11))
    assert [e.period_label for e in next_day.overdue] == ["2026年9月"]


def test_published_on_the_due_day_is_on_time_and_a_day_later_is_late(tree):
    _only_finance()
    sept = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    _published_at(sept, D(2026, 10, 10))
    octo = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 10, 1)
    )
    _published_at(octo, D(2026, 11, 11))
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    assert [(e.period_label, e.late_days) for e in report.late] == [("2026年10月", 1)]
    assert report.overdue == []
    # November is due on 10 December: within a week of the 3rd, not of 27 November.
    assert report.due_soon == []
    soon = schedule.township_report([tree.awu_village], D(2026, 12, 3))
    assert [e.period_label for e in soon.due_soon] == ["2026年11月"]


def test_a_draft_does_not_count_as_published(tree):
    _only_finance()
    factories.disclosure(
        tree.awu_village,
        kind="finance",
        period_type="month",
        period_start=D(2026, 9, 1),
        publish=False,
    )
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    assert "2026年9月" in [e.period_label for e in report.overdue]


def test_the_village_status_names_the_last_period_and_what_is_missing(tree):
    _only_finance()
    page = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 10, 1)
    )
    _published_at(page, D(2026, 11, 3))
    status = {s.kind: s for s in schedule.village_status(tree.awu_village, D(2026, 11, 27))}
    finance = status["finance"]
    assert finance.last_period == "2026年10月"
    assert finance.on_time is False  # September was never published
    assert finance.overdue == ["2026年9月"]
    assert status["party"].on_time is None  # no rule left for it


def test_a_restricted_disclosure_is_not_the_public_last_period(tree):
    from wagtail.models import PageViewRestriction

    _only_finance()
    page = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 10, 1)
    )
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    status = {s.kind: s for s in schedule.village_status(tree.awu_village, D(2026, 11, 27))}
    assert status["finance"].last_period == ""


# --- masking at the door -----------------------------------------------------------------------


def test_personal_data_is_masked_when_a_row_enters_and_kept_encrypted(tree):
    values = factories.subsidy_values(1)
    values[0]["group"] = "第一组 联系 138 1234 5678"
    page = factories.disclosure(tree.awu_village, rows=values)
    row = SubsidyRow.objects.get(table=page.table)
    assert row.household == "张*明"
    assert "1234 5678" not in row.group and "138****5678" in row.group
    assert row.raw["household"] == "张三明"
    assert row.raw["id_number"] == values[0]["id_number"]
    with connection.cursor() as cursor:
        table = SubsidyRow._meta.db_table
        cursor.execute(f"SELECT raw FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
        stored = cursor.fetchone()[0]
    assert values[0]["id_number"] not in stored and "张三明" not in stored


def test_an_organisation_keeps_its_name_and_a_person_does_not():
    assert rows.mask_party("宕昌县阿坞种植专业合作社") == "宕昌县阿坞种植专业合作社"
    assert rows.mask_party("李四") == "李*"


def test_a_disclosure_text_with_a_full_number_is_refused_in_chinese(tree):
    page = factories.disclosure(tree.awu_village, kind="affairs", publish=False)
    page.summary = "联系人电话 13812345678"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "手机号" in str(error.value.message_dict["summary"])
    page.summary = "联系人电话 138****5678，身份证 620000********123X"
    page.full_clean()


# --- tables and corrections --------------------------------------------------------------------


def test_totals_are_exact_over_the_whole_table(tree):
    values = factories.subsidy_values(3, amount="0.10")  # 0.10 + 1.10 + 2.10
    page = factories.disclosure(tree.awu_village, rows=values)
    assert tables.totals_of(page.table) == {"amount": Decimal("3.30")}
    assert page.table.totals == {"amount": "3.30"}


def test_the_same_rows_twice_make_one_table(tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(2))
    table, created = factories.write_rows(page, factories.subsidy_values(2))
    assert not created and table == page.table
    assert DisclosureTable.objects.filter(page=page).count() == 1


def test_changing_a_published_disclosure_needs_a_correction_note(tree):
    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(2))
    first_table = page.table
    values = factories.subsidy_values(2)
    values[1]["amount"] = Decimal("999.00")
    page.table, _created = factories.write_rows(page, values)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "更正说明" in str(error.value.message_dict["correction_note"])
    page.correction_note = "第 2 行金额录入有误，更正为 999 元。"
    page.save_revision().publish()
    page.refresh_from_db()

    versions = affairs.published_versions(page)
    assert [v.current for v in versions] == [True, False]
    correction = affairs.corrections(page)[0]
    assert correction.correction_note.startswith("第 2 行金额")
    assert any("明细表" in change and "1,119.50" in change for change in correction.changes)
    earlier = affairs.published_revision(page, versions[1].revision_id)
    assert earlier.table_id == first_table.pk
    # A draft revision is never a public version.
    draft = page.save_revision()
    assert affairs.published_revision(page, draft.pk) is None


# --- raw values ----------------------------------------------------------------------------------


def test_raw_values_only_for_checking_roles_and_every_look_is_logged(tree):
    from django.core.exceptions import PermissionDenied

    from disclosures.models import RawValueAccess

    page = factories.disclosure(tree.awu_village, rows=factories.subsidy_values(1))
    editor = factories.staff_user("awu_editor", "township_editor", tree.awu)
    outsider = factories.staff_user("puchi_editor", "township_editor", tree.puchi)
    station = factories.staff_user("awu_station", "station_operator", tree.awu_village)
    assert raw_values.can_view_raw(editor, page.table)
    assert not raw_values.can_view_raw(outsider, page.table)
    assert not raw_values.can_view_raw(station, page.table)
    with pytest.raises(ValueError):
        raw_values.read_raw(editor, page.table, 1, "  ")
    assert RawValueAccess.objects.count() == 0
    raw = raw_values.read_raw(editor, page.table, 1, "核对发放对象")
    assert raw["household"] == "张三明"
    assert RawValueAccess.objects.get().reason == "核对发放对象"
    with pytest.raises(PermissionDenied):
        raw_values.read_raw(outsider, page.table, 1, "看看")


def test_a_village_with_disclosures_can_still_be_deleted(tree):
    page = factories.disclosure(tree.xigu, rows=factories.subsidy_values(2))
    table_id = page.table_id
    tree.xigu.delete()
    assert not DisclosureTable.objects.filter(pk=table_id).exists()
    assert not SubsidyRow.objects.filter(table_id=table_id).exists()


def test_a_draft_saved_without_validation_still_gets_its_due_date(tree):
    from disclosures.models import DisclosurePage

    page = DisclosurePage(
        title="低保初审名单",
        slug="relief-draft",
        kind="relief",
        period_type="once",
        event_date=D(2026, 11, 20),
        period_start=D(2026, 11, 20),
        live=False,
    )
    tree.awu_village.add_child(instance=page)
    DisclosurePage.objects.filter(pk=page.pk).update(due_on=None)
    page.save(clean=False)
    assert DisclosurePage.objects.get(pk=page.pk).due_on > D(2026, 11, 20)


# --- review fixes: the rule's period type, attachments, covering a slot -----------------------


def test_a_periodic_page_under_a_one_off_rule_is_refused_even_when_new(tree):
    from disclosures.models import DisclosurePage

    page = DisclosurePage(
        title="低保名单",
        slug="relief-q3",
        kind="relief",
        period_type="quarter",
        period_start=D(2026, 7, 1),
    )
    page.parent_for_rules = tree.awu_village  # as the admin's form says where it is added
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "逐项" in str(error.value.message_dict["period_type"])


def test_attachments_are_checked_for_numbers_and_a_changed_set_needs_a_note(tree):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    leaked = Document.objects.create(
        title="张三丰 620102199001011234", file=ContentFile(b"%PDF-1.4", name="scan.pdf")
    )
    page = factories.disclosure(tree.awu_village, kind="affairs")
    problems = affairs.attachment_problems(page, [leaked], ["公示照片"], "")
    messages = " ".join(str(message) for _field, message in problems)
    assert "身份证号" in messages and "620102199001011234" not in messages
    # A new file on a published disclosure is a correction: it needs a note.
    assert any(field == "correction_note" for field, _m in problems)
    clean = Document.objects.create(title="公示照片", file=ContentFile(b"%PDF", name="a.pdf"))
    assert affairs.attachment_problems(page, [clean], [""], "补充公示栏照片") == []


def test_a_quarterly_page_covers_its_monthly_slots_but_a_month_does_not_cover_a_quarter(tree):
    _only_finance()
    quarter = factories.disclosure(
        tree.awu_village, kind="finance", period_type="quarter", period_start=D(2026, 7, 1)
    )
    _published_at(quarter, D(2026, 9, 5))
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    overdue = [e.period_label for e in report.overdue]
    assert "2026年9月" not in overdue and "2026年10月" in overdue

    DisclosureSchedule.objects.filter(kind="finance").update(
        period_type="quarter", due_day=20, effective_from=D(2026, 7, 1)
    )
    quarter.delete()
    july = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 7, 1)
    )
    _published_at(july, D(2026, 8, 5))
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    assert "2026年第3季度" in [e.period_label for e in report.overdue]


def test_changing_a_rule_recomputes_the_due_dates_it_gives(
    tree, django_capture_on_commit_callbacks
):
    page = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    other = factories.disclosure(
        tree.pingershang, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    assert page.due_on == D(2026, 10, 10)
    with django_capture_on_commit_callbacks(execute=True):
        DisclosureSchedule.objects.create(
            county=tree.tanchang, kind="finance", period_type="month", due_day=5
        )
    page.refresh_from_db()
    other.refresh_from_db()
    assert page.due_on == D(2026, 10, 5)
    assert other.due_on == D(2026, 10, 10)  # another county keeps the default


def test_a_page_scheduled_for_its_due_day_is_on_time_though_the_job_ran_after_midnight(tree):
    _only_finance()
    sept = factories.disclosure(
        tree.awu_village, kind="finance", period_type="month", period_start=D(2026, 9, 1)
    )
    scheduled = timezone.make_aware(datetime.datetime(2026, 10, 10, 23, 59))
    type(sept).objects.filter(pk=sept.pk).update(
        go_live_at=scheduled, first_published_at=scheduled + datetime.timedelta(minutes=4)
    )
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    assert "2026年9月" not in [e.period_label for e in report.late]
    sept.refresh_from_db()
    assert schedule.published_on(sept) == D(2026, 10, 10)
    # Published by hand a day after a go-live time long past: late, as it was.
    type(sept).objects.filter(pk=sept.pk).update(
        first_published_at=scheduled + datetime.timedelta(days=1)
    )
    report = schedule.township_report([tree.awu_village], D(2026, 11, 27))
    assert [(e.period_label, e.late_days) for e in report.late] == [("2026年9月", 1)]
