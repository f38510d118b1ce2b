"""Background work of supervision (django-tasks; `manage.py db_worker` runs it, tests run it at
once): sending notices, which talks to an SMS gateway or a mail server and so never runs inside
the request that caused it."""

from __future__ import annotations

from django_tasks import task

from .services import notices


@task()
def send_complainant_notice(case_id: int, event_id: int, code: str) -> bool:
    """Tell a real-name complainant about one event (idempotent: a notice is recorded once)."""
    return notices.notify_complainant(case_id, event_id, code) is not None
