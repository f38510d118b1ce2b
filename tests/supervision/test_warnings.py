"""The early-warning job: yellow before a deadline, red after it, each notice once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from supervision.models import Complaint, Notice
from supervision.services import warnings, workflow
from tests import factories
from villages.models import Role


@pytest.fixture
def setting(tree):
    petition = factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)
    petition.email = "petition@example.org"
    petition.save()
    jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    case = factories.complaint(tree.xigu).case
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    case.refresh_from_db()
    return case, petition, jiwei


def test_colours_follow_the_due_date(setting):
    case, _petition, _jiwei = setting
    due = case.due_date
    warnings.run(due - datetime.timedelta(days=10))
    case.refresh_from_db()
    assert case.warning == Complaint.Warning.NONE
    warnings.run(due - datetime.timedelta(days=2))
    case.refresh_from_db()
    assert case.warning == Complaint.Warning.YELLOW
    warnings.run(due + datetime.timedelta(days=1))
    case.refresh_from_db()
    assert case.warning == Complaint.Warning.RED


def test_the_handler_and_the_petition_office_are_told_once(setting):
    case, petition, jiwei = setting
    day = case.due_date + datetime.timedelta(days=1)
    first = warnings.run(day)
    assert first.notices == 2
    assert set(Notice.objects.filter(code="warning_red").values_list("user", flat=True)) == {
        petition.pk,
        jiwei.pk,
    }
    assert len(mail.outbox) == 1 and "超期" in mail.outbox[0].body
    second = warnings.run(day)
    assert second.notices == 0 and len(mail.outbox) == 1


def test_a_refused_e_mail_is_sent_by_the_next_run_and_only_then(setting, monkeypatch):
    case, petition, _jiwei = setting
    day = case.due_date + datetime.timedelta(days=1)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(warnings, "send_mail", refuse)
    first = warnings.run(day)
    assert first.notices == 2 and first.emails == 0 and mail.outbox == []
    monkeypatch.undo()

    second = warnings.run(day)  # nothing new to record, but the e-mail still owed goes out
    assert second.notices == 0 and second.emails == 1
    assert mail.outbox[0].to == [petition.email] and case.number in mail.outbox[0].body
    assert warnings.run(day).emails == 0 and len(mail.outbox) == 1


def test_notices_a_killed_run_recorded_are_mailed_by_the_next_run_with_the_new_ones(setting, tree):
    case, petition, jiwei = setting
    other = factories.complaint(tree.xigu).case
    workflow.perform(petition, other, "accept")
    workflow.perform(petition, other, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    other.refresh_from_db()
    day = max(case.due_date, other.due_date) + datetime.timedelta(days=1)
    # The killed run: its notices were committed, its digest never sent.
    warnings.run(day)
    mail.outbox.clear()
    Notice.objects.filter(case=case).update(mail_pending=True)
    Notice.objects.filter(case=other).delete()

    rerun = warnings.run(day)
    assert rerun.notices == 2 and rerun.emails == 1  # other's two notices; one digest
    body = mail.outbox[0].body
    assert "（2 件）" in mail.outbox[0].subject and case.number in body and other.number in body


def test_an_e_mail_owed_for_days_is_given_up_and_stays_in_the_admin(setting, monkeypatch, caplog):
    case, _petition, _jiwei = setting
    day = case.due_date + datetime.timedelta(days=1)
    monkeypatch.setattr(warnings, "send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    warnings.run(day)
    monkeypatch.undo()
    Notice.objects.update(created_at=timezone.now() - datetime.timedelta(days=4))
    assert warnings.run(day).emails == 0 and mail.outbox == []
    assert "given up" in caplog.text
    assert Notice.objects.filter(code="warning_red", mail_pending=False).count() == 2


def test_an_accused_supervisor_is_not_told(setting):
    case, petition, jiwei = setting
    case.accused_users.add(petition)
    warnings.run(case.due_date + datetime.timedelta(days=1))
    assert list(Notice.objects.values_list("user", flat=True)) == [jiwei.pk]


def test_the_command_reports_in_chinese(setting, capsys):
    case, _p, _j = setting
    call_command("check_deadlines", today=(case.due_date + datetime.timedelta(days=1)).isoformat())
    assert "红色预警新增 1 件" in capsys.readouterr().out
