"""The demo history (supervision/demo/history.py): after `seed_demo` every state of the case
path is there, each case's log replays in time order and by the rules, some cases are red and
yellow, leader-owned at four levels, confirmed repeats, an unsatisfied visit reopened, the
README's long-timeline case tracks by code and PIN; no notice was sent; a second seed adds
nothing. One seed for the whole module (it takes a while)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from supervision.demo import history
from supervision.models import CaseEvent, Complaint, Notice, RepeatCandidate, ReturnVisit
from supervision.services import receipts
from supervision.services.timeline import public_case

pytestmark = pytest.mark.django_db

HANDLING = {"assigned", "in_progress", "extended", "concluded", "visited", "closed"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seed for the module, rolled back afterwards (a flush would also wipe the rows the
    data migrations made, which later tests need)."""
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_db_blocker.unblock(), override_settings(TASKS=dummy), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def demo_cases():
    return Complaint.objects.filter(submission_key__startswith=history.KEY_PREFIX)


def test_every_state_and_the_rules_hold_in_every_log(seeded):
    cases = list(demo_cases())
    assert len(cases) == history.COUNT
    assert {c.state for c in cases} == set(Complaint.State.values)
    now = timezone.now()
    for case in cases:
        events = list(case.events.order_by("pk"))
        times = [e.at for e in events]
        assert times == sorted(times), case.number
        assert times[-1] < now
        assert case.created_at == events[0].at
        assert case.received_on <= timezone.localdate(events[0].at)
        state, accepted = "registered", False
        for event in events:
            if event.kind != CaseEvent.Kind.STATE:
                continue
            assert event.from_state == state, case.number
            state = event.to_state
            accepted = accepted or state == "accepted"
            if state in HANDLING | {"review", "re_review", "final"}:
                assert accepted, f"{case.number} reached {state} without acceptance"
        assert state == case.state
        extensions = [e for e in events if e.to_state == "extended"]
        assert len(extensions) <= 1
        for event in extensions:
            assert 1 <= event.changes["days"] <= 30 and event.changes["approver_name"]


def test_colours_owners_flags_repeats_and_visits(seeded):
    cases = demo_cases()
    assert cases.filter(warning=Complaint.Warning.RED).exists()
    assert cases.filter(warning=Complaint.Warning.YELLOW).exists()
    assert set(cases.exclude(owner_level="").values_list("owner_level", flat=True)) == set(
        Complaint.LeaderLevel.values
    )
    assert cases.filter(owner_leader__username="leader_tanchang", state="closed").exists()
    assert cases.filter(hard_case=True).exists()
    assert cases.filter(skipped_level=True).exists()
    confirmed = RepeatCandidate.objects.filter(
        case__in=cases, status=RepeatCandidate.Status.CONFIRMED
    )
    assert confirmed.count() >= 3
    for candidate in confirmed:
        assert candidate.case.repeat_of_id == candidate.earlier_id
        # the same person, the phone written another way
        assert candidate.case.reporter_contact != candidate.earlier.reporter_contact
    results = set(ReturnVisit.objects.filter(case__in=cases).values_list("result", flat=True))
    assert results == set(ReturnVisit.Result.values)
    for visit in ReturnVisit.objects.filter(case__in=cases, result="unsatisfied"):
        later = visit.case.events.filter(at__gt=visit.at, kind=CaseEvent.Kind.STATE).first()
        if later is not None:
            assert later.changes["action"] in ("reopen", "request_review")
    assert CaseEvent.objects.filter(case__in=cases, changes__action="reopen").exists(), (
        "an unsatisfied visit reopened"
    )
    assert not Notice.objects.filter(case__in=cases, audience=Notice.Audience.COMPLAINANT).exists()


def test_the_readme_case_tracks_with_its_long_timeline(seeded):
    case = Complaint.objects.get(receipt_code=history.LONG_CODE)
    assert receipts.pin_matches(case.receipt_code, history.LONG_PIN, case.pin_digest)
    assert case.state == "closed"
    shown = public_case(case)
    assert len(case.events.all()) >= 12
    assert shown is not None
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert receipts.format_code(history.LONG_CODE) in readme and history.LONG_PIN in readme


def test_the_readme_rating_case_waits_for_the_complainants_say(seeded, client):
    case = Complaint.objects.get(receipt_code=history.RATE_CODE)
    assert case.state == "concluded" and not case.return_visits.exists()
    assert case.real_name and case.village.title == case.village.title.strip()
    response = client.post(
        "/track/", {"code": receipts.format_code(history.RATE_CODE), "pin": history.RATE_PIN}
    )
    page = response.content.decode()
    assert "网上评价" in page and "基本满意" in page
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert receipts.format_code(history.RATE_CODE) in readme and history.RATE_PIN in readme


def test_a_second_seed_adds_nothing(seeded):
    before = (Complaint.objects.count(), CaseEvent.objects.count(), ReturnVisit.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert (
        Complaint.objects.count(),
        CaseEvent.objects.count(),
        ReturnVisit.objects.count(),
    ) == before
