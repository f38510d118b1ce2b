"""Retention of the reporter's identity and legal holds (supervision/services/retention.py,
`manage.py apply_retention`, the case page's 保存期限与法律保全): an ended case's identity is
erased when its category's period is over, never under an active hold, and nothing else of the
case moves; staff who handle the case place and lift holds with a reason, the auditor only sees
them."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from supervision.models import CaseEvent, Complaint, ComplaintCategory, LegalHold
from supervision.services import retention, workflow
from tests import factories
from villages.models import Role

IDENTITY = {"reporter_name", "reporter_contact", "reporter_id_number", "reporter_address"}
ERASED = IDENTITY | {"identity_hash", "id_number_hash", "sealed_pin", "receipt_reshow_until"}
ERASED |= {"identity_erased_on"}


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "auditor": factories.staff_user("auditor", Role.AUDITOR, tree.city),
        "other_county": factories.staff_user("petition_wudu", Role.COUNTY_PETITION, tree.wudu),
    }


def real_name_case(tree, people, category_code="subsidy"):
    return factories.complaint(
        tree.xigu,
        channel="letter",
        actor=people["petition"],
        category_code=category_code,
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
        reporter_id_number="621026198001010011",
        reporter_address="西固村二组",
    ).case


def closed(case, people):
    steps = [
        ("accept", "petition", {}),
        ("assign", "petition", {"unit": "阿坞镇纪委", "handler": people["jiwei"]}),
        ("start", "jiwei", {}),
        ("conclude", "jiwei", {"public_text": "已办结。"}),
        ("return_visit", "jiwei", {"result": "satisfied", "method": "phone"}),
        ("close", "petition", {}),
    ]
    for name, who, data in steps:
        workflow.perform(people[who], case, name, data)
    case.refresh_from_db()
    assert case.state == Complaint.State.CLOSED and case.closed_on
    return case


def facts(case) -> dict:
    """Every column but the identity ones: what the figures and the case's history read."""
    row = Complaint.objects.filter(pk=case.pk).values().get()
    return {k: v for k, v in row.items() if k not in ERASED}


def events(case) -> list[dict]:
    return list(case.events.order_by("pk").values())


def years_later(day, years):
    return retention.years_after(day, years)


def test_identity_is_erased_after_the_period_and_nothing_else_moves(tree, people):
    case = closed(real_name_case(tree, people), people)
    anonymous = closed(factories.complaint(tree.xigu).case, people)
    still_open = real_name_case(tree, people)
    before, history = facts(case), events(case)
    years = case.category.retention_years
    due = years_later(case.closed_on, years)

    assert retention.erase_on(case) == due and retention.erase_on(still_open) is None
    assert retention.erase_expired_identities(due - datetime.timedelta(days=1)).total == 0

    result = retention.erase_expired_identities(due)

    assert result.by_category == {case.category.name: 1} and result.held == 0
    case.refresh_from_db()
    assert all(getattr(case, name) is None for name in IDENTITY)
    assert case.identity_hash == case.id_number_hash == ""
    assert case.identity_erased_on == due
    assert case.real_name  # that it was a real-name report stays a fact
    assert facts(case) == before
    assert events(case)[: len(history)] == history  # no earlier event touched
    note = case.events.order_by("-pk").first()
    assert note.kind == CaseEvent.Kind.NOTE and note.actor is None
    assert f"{years} 年" in note.internal_text and "张某某" not in note.internal_text
    assert "13800001234" not in str(note.changes) + note.internal_text
    # The open case and the anonymous one are left as they were.
    still_open.refresh_from_db()
    assert still_open.reporter_name == "张某某" and still_open.identity_erased_on is None
    anonymous.refresh_from_db()
    assert anonymous.identity_erased_on is None

    # Idempotent: a second run erases nothing and writes no event.
    count = CaseEvent.objects.count()
    assert retention.erase_expired_identities(due + datetime.timedelta(days=30)).total == 0
    assert CaseEvent.objects.count() == count


def test_each_category_keeps_its_own_number_of_years(tree, people):
    short = ComplaintCategory.objects.get(code="subsidy")
    short.retention_years = 3
    short.save()
    quick = closed(real_name_case(tree, people, "subsidy"), people)
    other_code = ComplaintCategory.objects.exclude(code="subsidy").values_list("code", flat=True)[0]
    slow = closed(real_name_case(tree, people, other_code), people)
    assert slow.category.retention_years == 10

    retention.erase_expired_identities(years_later(quick.closed_on, 3))

    quick.refresh_from_db()
    slow.refresh_from_db()
    assert quick.reporter_name is None and slow.reporter_name == "张某某"


def test_a_hold_blocks_erasure_and_lifting_it_allows_the_next_run(tree, people):
    case = closed(real_name_case(tree, people), people)
    due = years_later(case.closed_on, case.category.retention_years)
    hold = retention.place_hold(people["petition"], case, "市纪委审查（2026）12号")

    result = retention.erase_expired_identities(due)
    assert result.total == 0 and result.held == 1
    case.refresh_from_db()
    assert case.reporter_name == "张某某" and case.identity_erased_on is None

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", f"--today={due}", stdout=out)
    assert "0 件" in out.getvalue() and "1 件已到期但在法律保全中" in out.getvalue()

    retention.lift_hold(people["jiwei"], hold, "审查结束")
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", f"--today={due}", stdout=out)
    assert f"{case.category.name}：将抹去 1 件" in out.getvalue()
    case.refresh_from_db()
    assert case.reporter_name == "张某某"  # a dry run erases nothing

    call_command("apply_retention", f"--today={due}", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.reporter_name is None and case.identity_erased_on == due
    texts = list(case.events.values_list("internal_text", flat=True))
    assert "设置法律保全：市纪委审查（2026）12号" in texts and "解除法律保全：审查结束" in texts


def test_only_staff_who_handle_the_case_place_and_lift_holds(tree, people):
    from django.core.exceptions import PermissionDenied, ValidationError

    case = real_name_case(tree, people)
    for who in ("leader", "auditor", "other_county"):
        with pytest.raises(PermissionDenied):
            retention.place_hold(people[who], case, "原因")
    with pytest.raises(ValidationError):
        retention.place_hold(people["petition"], case, "  ")
    hold = retention.place_hold(people["petition"], case, "诉讼")
    assert retention.place_hold(people["petition"], case, "诉讼") == hold  # a double submit
    with pytest.raises(PermissionDenied):
        retention.lift_hold(people["auditor"], hold, "不需要了")
    with pytest.raises(ValidationError):
        retention.lift_hold(people["petition"], hold, "")
    assert LegalHold.objects.get(pk=hold.pk).active


def page(client, user, case):
    client.force_login(user)
    return client.get(f"/admin/cases/{case.pk}/").content.decode()


def test_case_page_places_shows_and_lifts_holds(client, tree, people):
    case = closed(real_name_case(tree, people), people)
    due = years_later(case.closed_on, case.category.retention_years)
    html = page(client, people["petition"], case)
    assert "保存期限与法律保全" in html and f"{due:%Y-%m-%d} 到期后抹去" in html
    assert "没有法律保全。" in html and "设置法律保全" in html

    # No reason: refused next to the field, in Chinese.
    response = client.post(f"/admin/cases/{case.pk}/holds/", {"hold-reason": "  "})
    assert response.status_code == 200
    assert "请写明保全原因" in response.content.decode()
    assert not case.legal_holds.exists()

    response = client.post(
        f"/admin/cases/{case.pk}/holds/", {"hold-reason": "诉讼（2026）甘12民初5号"}
    )
    assert response.status_code == 302
    html = page(client, people["petition"], case)
    assert "保全中" in html and "诉讼（2026）甘12民初5号" in html
    assert "（法律保全中，到期也不抹去）" in html and "解除法律保全" in html
    hold = case.legal_holds.get()

    # The auditor sees the hold, read-only; a post from them changes nothing.
    html = page(client, people["auditor"], case)
    assert "诉讼（2026）甘12民初5号" in html and "保全中" in html
    assert "解除法律保全" not in html and 'name="hold-reason"' not in html
    client.post(
        f"/admin/cases/{case.pk}/holds/{hold.pk}/lift/", {f"lift{hold.pk}-lift_reason": "结束"}
    )
    assert LegalHold.objects.get(pk=hold.pk).active

    client.force_login(people["jiwei"])
    lift = f"/admin/cases/{case.pk}/holds/{hold.pk}/lift/"
    response = client.post(lift, {f"lift{hold.pk}-lift_reason": ""})
    assert "请写明解除原因" in response.content.decode()
    assert client.post(lift, {f"lift{hold.pk}-lift_reason": "判决生效"}).status_code == 302
    html = page(client, people["jiwei"], case)
    assert "已解除" in html and "判决生效" in html

    # After erasure the page says so, and no new hold can be placed.
    retention.erase_expired_identities(due)
    html = page(client, people["petition"], case)
    assert f"反映人身份信息已于 {due:%Y-%m-%d} 按保存期限抹去" in html
    assert 'name="hold-reason"' not in html
    # A case out of the user's jurisdiction is a 404, holds included.
    client.force_login(people["other_county"])
    assert client.post(f"/admin/cases/{case.pk}/holds/", {"hold-reason": "x"}).status_code == 404


def test_an_anonymous_case_has_no_identity_to_erase(tree, people):
    """An anonymous complaint stores no identity (its fields are empty): retention neither
    marks it erased nor writes an "identity erased" event for it."""
    anonymous = factories.complaint(
        tree.xigu, channel="letter", actor=people["petition"], category_code="subsidy"
    ).case
    anonymous = closed(anonymous, people)
    named = closed(real_name_case(tree, people), people)
    before = events(anonymous)

    retention.erase_expired_identities(years_later(max(anonymous.closed_on, named.closed_on), 10))

    anonymous.refresh_from_db()
    named.refresh_from_db()
    assert anonymous.identity_erased_on is None and events(anonymous) == before
    assert named.identity_erased_on is not None and named.reporter_name is None
