"""The case record: one intake for every channel, an immutable event log, identity sealed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from supervision.models import CaseEvent, Complaint
from supervision.services import receipts
from supervision.services.identity import identity_hashes
from tests import factories


@pytest.mark.parametrize("channel", list(Complaint.Channel.values))
def test_every_channel_makes_one_registered_case_with_a_first_event(tree, channel):
    result = factories.complaint(tree.xigu, channel=channel)
    case = result.case
    assert case.state == Complaint.State.REGISTERED
    assert case.channel == channel
    assert case.number.startswith("621223-")
    assert len(case.receipt_code) == 12
    assert set(case.receipt_code) <= set(receipts.ALPHABET)
    assert receipts.pin_matches(case.receipt_code, result.pin, case.pin_digest)
    events = list(case.events.all())
    assert len(events) == 1 and events[0].to_state == Complaint.State.REGISTERED


def test_receipt_codes_avoid_confusable_characters_and_read_in_groups():
    codes = {receipts.new_receipt_code() for _ in range(500)}
    assert len(codes) == 500
    assert not set("".join(codes)) & set("0O1I")
    code = next(iter(codes))
    assert receipts.format_code(code).count("-") == 2
    assert receipts.normalize_code(receipts.format_code(code).lower()) == code
    assert receipts.normalize_code("ABCD-EFGH-JK0M") is None  # 0 is never in a code


def test_events_cannot_be_edited_or_deleted(tree):
    case = factories.complaint(tree.xigu).case
    event = case.events.get()
    event.public_text = "改写历史"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        CaseEvent.objects.filter(case=case).update(public_text="x")


def test_identity_is_unreadable_in_the_database(tree):
    case = factories.complaint(
        tree.xigu,
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
        reporter_id_number="620000199001011234",
    ).case
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_contact, reporter_id_number FROM "
            "supervision_complaint WHERE id = %s",
            [case.pk],
        )
        stored = " ".join(cursor.fetchone())
    assert "张某某" not in stored and "13800001234" not in stored and "6200001990" not in stored
    assert Complaint.objects.get(pk=case.pk).reporter_name == "张某某"


def test_identity_hash_ignores_how_a_phone_is_written():
    assert identity_hashes("张某某", "138 0000 1234") == identity_hashes(
        "张 某某", "+86 13800001234"
    )
    assert (
        identity_hashes("张某某", "13800001234")[0] != identity_hashes("李某某", "13800001234")[0]
    )


def test_an_anonymous_report_keeps_no_identity_even_if_typed(tree):
    case = factories.complaint(
        tree.xigu, real_name=False, reporter_name="张某某", reporter_contact="13800001234"
    ).case
    assert not case.reporter_name and case.identity_hash == ""
