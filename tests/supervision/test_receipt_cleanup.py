"""`manage.py cleanup_receipts`: a sealed PIN is kept only while a retried submit may show the
receipt again, then wiped from the database."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from supervision.models import Complaint
from supervision.services import receipts
from supervision.services.intake import IntakeData, submit
from tests import factories


def online_submit(village, key):
    data = IntakeData(
        village=village,
        category=factories.complaint_category("subsidy"),
        description="村里的惠民补贴发放名单没有公示。",
    )
    return submit(data, channel=Complaint.Channel.ONLINE, submission_key=key)


def stored_pin_column(case):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_pin FROM supervision_complaint WHERE id = %s", [case.pk])
        return cursor.fetchone()[0]


def cleanup() -> str:
    out = StringIO()
    call_command("cleanup_receipts", stdout=out)
    return out.getvalue()


def test_a_pin_inside_its_reshow_window_is_kept(tree):
    first = online_submit(tree.xigu, "form-key-1")
    assert "已清除 0 件" in cleanup()
    again = online_submit(tree.xigu, "form-key-1")
    assert again.repeated and again.pin == first.pin


def test_an_expired_pin_is_wiped_and_the_receipt_still_works(tree):
    first = online_submit(tree.xigu, "form-key-2")
    fresh = online_submit(tree.awu_village, "form-key-3")
    Complaint.objects.filter(pk=first.case.pk).update(
        receipt_reshow_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert "已清除 1 件" in cleanup()

    case = Complaint.objects.get(pk=first.case.pk)
    assert case.sealed_pin is None and case.receipt_reshow_until is None
    assert stored_pin_column(case) is None  # not in the database file either
    # The resident's slip still opens the case; only a re-shown receipt is no longer possible.
    assert receipts.pin_matches(case.receipt_code, first.pin, case.pin_digest)
    again = online_submit(tree.xigu, "form-key-2")
    assert again.repeated and again.case.pk == case.pk and again.pin is None
    # The other case's window is still open.
    assert Complaint.objects.get(pk=fresh.case.pk).sealed_pin == fresh.pin

    assert "已清除 0 件" in cleanup()  # idempotent


def test_a_sealed_pin_without_a_window_is_wiped(tree):
    result = online_submit(tree.xigu, "form-key-4")
    Complaint.objects.filter(pk=result.case.pk).update(receipt_reshow_until=None)
    assert "已清除 1 件" in cleanup()
    assert stored_pin_column(result.case) is None
