"""The case path: allowed transitions by allowed roles, each an event; the clock follows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from supervision.models import CaseEvent, Complaint
from supervision.notifiers import LoggingSMSBackend
from supervision.services import clock, workflow
from tests import factories
from villages.models import Role

State = Complaint.State


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "station": factories.staff_user("station", Role.STATION_OPERATOR, tree.xigu),
        "other_county": factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu),
        "editor": factories.staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu),
    }


def _case(tree, **fields):
    fields.setdefault("real_name", True)
    fields.setdefault("reporter_name", "张某某")
    fields.setdefault("reporter_contact", "13800001234")
    return factories.complaint(tree.xigu, **fields).case


def test_the_whole_path_writes_one_event_per_step_and_moves_the_clock(
    tree, people, django_capture_on_commit_callbacks
):
    LoggingSMSBackend.sent.clear()
    case = _case(tree)
    petition, jiwei = people["petition"], people["jiwei"]
    assert case.due_kind == "acceptance" and case.due_date is not None

    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(petition, case, "accept")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED
    assert case.due_kind == "conclusion"
    assert case.due_date == timezone.localdate() + datetime.timedelta(days=60)

    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    case.refresh_from_db()
    assert case.handler == jiwei and case.assigned_unit == "阿坞镇纪委"

    workflow.perform(jiwei, case, "start")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(jiwei, case, "feedback", {"public_text": "已到村核实发放名单。"})
        workflow.perform(
            jiwei,
            case,
            "extend",
            {"days": 30, "approver": people["leader"], "public_text": "需调取银行流水。"},
        )
    case.refresh_from_db()
    assert case.state == State.EXTENDED
    assert case.due_date == timezone.localdate() + datetime.timedelta(days=90)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(jiwei, case, "conclude", {"public_text": "经核实，已补发。"})
    workflow.perform(jiwei, case, "return_visit", {"result": "satisfied", "method": "phone"})
    workflow.perform(petition, case, "close")
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.closed_on == timezone.localdate()
    assert case.due_date is None
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count(CaseEvent.Kind.STATE) == 7 and kinds.count(CaseEvent.Kind.FEEDBACK) == 1
    # The real-name complainant was told: accepted, feedback, extension, result.
    texts = [text for _phone, text in LoggingSMSBackend.sent]
    assert len(texts) == 4 and "已补发" in texts[-1]


@pytest.mark.parametrize(
    "who,action",
    [
        ("station", "accept"),
        ("editor", "accept"),
        ("jiwei", "accept"),
        ("leader", "accept"),
        ("other_county", "accept"),
    ],
)
def test_forbidden_roles_cannot_accept(tree, people, who, action):
    case = _case(tree)
    with pytest.raises(PermissionDenied):
        workflow.perform(people[who], case, action)
    case.refresh_from_db()
    assert case.state == State.REGISTERED and case.events.count() == 1


def test_a_transition_from_the_wrong_state_is_refused(tree, people):
    case = _case(tree)
    with pytest.raises(PermissionDenied, match="不能办结"):
        workflow.perform(people["petition"], case, "conclude", {"public_text": "x"})


def test_only_one_extension_of_at_most_30_days(tree, people):
    case = _case(tree)
    petition, jiwei, leader = people["petition"], people["jiwei"], people["leader"]
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    workflow.perform(jiwei, case, "start")
    with pytest.raises(ValidationError) as error:
        workflow.perform(
            jiwei, case, "extend", {"days": 31, "approver": leader, "public_text": "x"}
        )
    assert "days" in error.value.message_dict
    workflow.perform(jiwei, case, "extend", {"days": 10, "approver": leader, "public_text": "x"})
    workflow.perform(jiwei, case, "conclude", {"public_text": "已办结"})
    workflow.perform(jiwei, case, "return_visit", {"result": "unsatisfied", "method": "phone"})
    workflow.perform(petition, case, "reopen", {"public_text": "重新核实。"})
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS
    assert [t.name for t in workflow.available(jiwei, case)] == ["feedback", "conclude"]


def test_an_unsatisfied_return_visit_blocks_closing(tree, people):
    case = _case(tree)
    petition, jiwei = people["petition"], people["jiwei"]
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    workflow.perform(jiwei, case, "start")
    workflow.perform(jiwei, case, "conclude", {"public_text": "已办结"})
    workflow.perform(jiwei, case, "return_visit", {"result": "unsatisfied", "method": "visit"})
    with pytest.raises(PermissionDenied, match="不满意"):
        workflow.perform(petition, case, "close")


def test_deadlines_replay_from_the_log(tree, people):
    case = _case(tree)
    petition = people["petition"]
    accepted_at = timezone.now() - datetime.timedelta(days=70)
    workflow.perform(petition, case, "accept", at=accepted_at)
    case.refresh_from_db()
    assert case.warning == Complaint.Warning.RED  # 60 days from acceptance have passed
    assert case.due_date == timezone.localdate(accepted_at) + datetime.timedelta(days=60)
    again = clock.running_deadline(case)
    assert again.due == case.due_date


def test_the_complainant_may_rate_online_but_take_nothing_else(tree, people):
    case = _case(tree)
    petition, jiwei = people["petition"], people["jiwei"]
    with pytest.raises(PermissionDenied):
        workflow.perform(None, case, "accept")
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    workflow.perform(jiwei, case, "start")
    workflow.perform(jiwei, case, "conclude", {"public_text": "已办结"})
    event = workflow.perform(None, case, "return_visit", {"result": "satisfied", "method": "phone"})
    visit = case.return_visits.get()
    assert visit.method == "online" and visit.by is None
    assert event.actor is None and event.actor_label == "反映人（网上评价）"


def test_the_handler_is_told_of_a_case_assigned_to_them(
    tree, people, django_capture_on_commit_callbacks
):
    from django.core import mail

    from supervision.models import Notice

    case = _case(tree)
    petition, jiwei = people["petition"], people["jiwei"]
    jiwei.email = "jiwei@example.org"
    jiwei.save()
    workflow.perform(petition, case, "accept")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    notice = Notice.objects.get(user=jiwei, code="assigned")
    case.refresh_from_db()
    assert case.number in notice.text and str(case.due_date) in notice.text
    assert [m.to for m in mail.outbox] == [["jiwei@example.org"]]


def test_the_holder_of_the_accused_office_is_never_the_handler_nor_told(
    tree, people, django_capture_on_commit_callbacks
):
    """回避 from the case's side: a township committee member who holds the accused office in
    the village is not offered as handler or approver, cannot be chosen, and is never notified."""
    from django.core import mail

    from disclosures.models import OfficeHolder
    from supervision.models import Notice
    from supervision.services.notices import notify_staff

    holder = factories.staff_user("holder", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    holder.email = "holder@example.org"
    holder.save()
    secretary = factories.office("secretary")
    OfficeHolder.objects.create(village=tree.xigu, office=secretary, name="赵某某", user=holder)
    case = _case(tree, accused_office=secretary)
    petition = people["petition"]
    workflow.perform(petition, case, "accept")
    assert holder not in workflow.handler_candidates(case)
    assert people["jiwei"] in workflow.handler_candidates(case)
    with pytest.raises(ValidationError) as error, django_capture_on_commit_callbacks(execute=True):
        workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": holder})
    assert "handler" in error.value.message_dict
    assert notify_staff(case, holder, "assigned", key="x") is None
    assert not Notice.objects.filter(user=holder).exists() and mail.outbox == []


def test_a_form_token_answers_only_for_its_own_action_and_user(tree, people):
    case = _case(tree)
    petition = people["petition"]
    first = workflow.perform(petition, case, "accept", token="t-1")
    assert workflow.perform(petition, case, "accept", token="t-1") == first
    other = workflow.perform(
        petition,
        case,
        "assign",
        {"unit": "阿坞镇纪委", "handler": people["jiwei"]},
        token="t-1",
    )
    assert other != first
    case.refresh_from_db()
    assert case.state == State.ASSIGNED
