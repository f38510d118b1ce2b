"""Background work of supervision (django-tasks; `manage.py db_worker` runs it, tests run it at
once): sending notices, which talks to an SMS gateway or a mail server and so never runs inside
the request that caused it; replaying open cases' deadlines after 设置 changed the calendar or a
rule, which may touch every open case."""

from __future__ import annotations

from django_tasks import task

from .services import ledger, notices, warnings, workdays


@task()
def send_complainant_notice(case_id: int, event_id: int, code: str) -> bool:
    """Tell a real-name complainant about one event (idempotent: a notice is recorded once)."""
    return notices.notify_complainant(case_id, event_id, code) is not None


@task()
def recompute_deadlines() -> int:
    """Replay the running deadline of every open case after the holiday calendar or a deadline
    rule changed (设置 → 节假日安排 / 办理时限): a provisional date becomes final when its year
    is added. Reloads the calendar first, whatever this worker had cached."""
    workdays.forget_calendar()
    return warnings.recompute_running()


@task()
def send_staff_notice(case_id: int, user_id: int, code: str, key: str, values: dict) -> bool:
    """Tell a staff user about a case given to them (admin notice and e-mail; idempotent on
    `key`): the e-mail never waits inside the request that assigned the case."""
    from django.contrib.auth import get_user_model

    from .models import Complaint

    case = Complaint.objects.select_related("village").get(pk=case_id)
    user = get_user_model().objects.get(pk=user_id)
    return notices.notify_staff(case, user, code, key=key, **values) is not None


@task()
def build_ledger_export(export_id: int) -> int:
    """A large ledger (台账) export: the case list rebuilt for its user from the stored query,
    written to a private file (services/ledger.py)."""
    # A real cycle: services.workflow imports these tasks, and the list's filters import
    # services that import workflow.
    from .case_list import listed_cases

    return ledger.build_export(export_id, listed_cases).rows


@task()
def make_monthly_report(area_id: int, year: int, month: int, requested_by_id: int | None) -> int:
    """Make (or make again) the monthly report PDF (一月一分析) of the city or a county and
    keep it as a document (services/monthly_report.py); returns the MonthlyReport's id."""
    from django.contrib.auth import get_user_model

    from .services import monthly_report

    user = get_user_model().objects.filter(pk=requested_by_id).first()
    return monthly_report.generate(area_id, year, month, requested_by=user).pk
