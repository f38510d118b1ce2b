"""The demo complaints: `seed_demo` loads cases in every channel and category, as the intake
rules allow, with readable attachments and the receipt code and PIN the README publishes; a
second run adds nothing and `--reset` rebuilds them."""

import datetime
import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.utils import timezone

from supervision.demo import complaint_data
from supervision.models import CaseAttachment, CaseEvent, Complaint, ComplaintCategory
from supervision.services import receipts
from supervision.services.access import cases_for
from supervision.services.attachments import sniff
from supervision.services.partners import partner_for_key
from supervision.services.timeline import public_case

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def deferred_tasks(settings):
    """Seeding saves ~600 pages; their search- and reference-index tasks are queued, not run
    (nothing here depends on those indexes)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def case_files(monkeypatch, tmp_path):
    """A case-files folder of this test's own, to see exactly which files the demo leaves.
    (The file field resolves its storage when the model loads, so it is swapped on the field.)"""
    field = CaseAttachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path))
    return tmp_path


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def user(username):
    return get_user_model().objects.get(username=username)


def check_cases_follow_the_rules():
    keys = ["demo:" + spec.key for spec in complaint_data.CASES]  # not the history (history.py)
    cases = list(
        Complaint.objects.filter(submission_key__in=keys).select_related(
            "village", "category", "logged_by", "partner"
        )
    )
    assert len(cases) == len(complaint_data.CASES)
    assert {c.channel for c in cases} == set(Complaint.Channel.values)
    assert {c.category.code for c in cases} == set(
        ComplaintCategory.objects.values_list("code", flat=True)
    )
    assert {c.kind for c in cases} == set(Complaint.Kind.values)

    real = [c for c in cases if c.real_name]
    anonymous = [c for c in cases if not c.real_name]
    assert real and anonymous
    assert all(c.reporter_name and c.reporter_contact and c.identity_hash for c in real)
    assert not any(c.reporter_name or c.reporter_contact for c in anonymous)

    today = timezone.localdate()
    received = sorted(c.received_on for c in cases)
    assert today - received[0] >= datetime.timedelta(days=80)  # about three months of history
    assert today - received[-1] <= datetime.timedelta(days=7)
    for case in cases:
        assert case.state == Complaint.State.REGISTERED
        event = case.events.get()  # the first event only
        assert event.to_state == Complaint.State.REGISTERED
        assert event.at == case.created_at
        assert timezone.localdate(case.created_at) >= case.received_on
        assert case.sealed_pin is None  # the reshow window of an old case is long over

    station = user("station_awu")
    for case in cases:
        if case.channel == Complaint.Channel.STATION:
            assert case.logged_by == station and case.village.title == "阿坞村"
            assert case.consent_recorded and case.intake_mode
        elif case.channel == Complaint.Channel.ONLINE:
            assert case.logged_by is None and case.partner is None
        elif case.channel == Complaint.Channel.OPEN311:
            assert case.logged_by is None and case.open311_token
            assert case.partner == partner_for_key("demo-open311-key")
        else:
            assert case.logged_by.username in {"petition_tanchang", "jiwei_awu"}
            # Logged within the logger's jurisdiction (宕昌县).
            assert case.village.division_code.startswith("621223")
    # The operator sees the cases they logged, nothing else.
    assert set(cases_for(station)) == {c for c in cases if c.logged_by == station}


def check_attachments_are_real_files():
    attachments = list(CaseAttachment.objects.all())
    assert {a.content_type for a in attachments} >= {"image/png", "application/pdf", "audio/amr"}
    for attachment in attachments:
        with attachment.file.open("rb") as f:
            content = f.read()
        assert len(content) == attachment.size > 0
        assert hashlib.sha256(content).hexdigest() == attachment.sha256
        assert sniff(content[:16]).content_type == attachment.content_type
        assert not attachment.file.name.endswith(attachment.original_name)  # no name on disk


def check_the_published_receipt():
    readme = README.read_text(encoding="utf-8")
    shown = receipts.format_code(complaint_data.TRACK_CODE)
    assert shown == "DEMA-CASE-2468"
    assert shown in readme and complaint_data.TRACK_PIN in readme
    code = receipts.normalize_code(shown.lower())
    case = Complaint.objects.get(receipt_code=code)
    assert receipts.pin_matches(code, complaint_data.TRACK_PIN, case.pin_digest)
    assert not receipts.pin_matches(code, "000000", case.pin_digest)
    receipt = public_case(case)
    assert receipt.code == shown and receipt.deadline is not None  # still running
    assert receipt.village == "阿坞村"


def files_on_disk(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.mark.django_db
def test_seed_demo_loads_complaints_then_changes_nothing_and_reset_rebuilds(
    deferred_tasks, case_files, django_capture_on_commit_callbacks
):
    assert "complaint" in seed()
    check_cases_follow_the_rules()
    check_attachments_are_real_files()
    check_the_published_receipt()
    # 阿坞村's 村务监督委员会主任 is the demo station operator: a case about that office is
    # withheld from them (回避), the township committee sees it.
    about_supervisor = Complaint.objects.get(submission_key="demo:online-solar-plan")
    assert about_supervisor not in cases_for(user("station_awu"))
    assert about_supervisor in cases_for(user("jiwei_awu"))

    before = {
        "cases": set(Complaint.objects.values_list("pk", "receipt_code")),
        "events": CaseEvent.objects.count(),
        "files": CaseAttachment.objects.count(),
    }
    assert "无需改动" in seed()
    assert set(Complaint.objects.values_list("pk", "receipt_code")) == before["cases"]
    assert CaseEvent.objects.count() == before["events"]
    assert CaseAttachment.objects.count() == before["files"]

    with django_capture_on_commit_callbacks(execute=True):  # the files go once rows are gone
        out = seed("--reset")
    assert "complaint" in out
    assert files_on_disk(case_files) == set(CaseAttachment.objects.values_list("file", flat=True))
    after = set(Complaint.objects.values_list("pk", "receipt_code"))
    assert len(after) == len(before["cases"]) and not after & before["cases"]
    assert CaseEvent.objects.count() == before["events"]  # the old events are gone
    check_cases_follow_the_rules()
    check_attachments_are_real_files()
    check_the_published_receipt()
