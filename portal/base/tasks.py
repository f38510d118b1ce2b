"""The worker's heartbeat (portal/base/health.py "worker").

The scheduler enqueues `worker_heartbeat` every minute; the task worker runs it like any other
task. Its finished result is the proof, read by /healthz/ready, that the worker takes tasks off
the queue; it also prunes earlier heartbeats, so the task table keeps about an hour of them.
"""

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TASK_MAX_PRIORITY

from portal.base import health


# First in the queue: it says whether the worker takes tasks at all, and must not wait behind a
# backlog (after a seed, hundreds of indexing tasks); a backlog shows in the health check's own
# "oldest waiting task" figure.
@task(priority=TASK_MAX_PRIORITY)
def worker_heartbeat() -> str:
    now = timezone.now()
    if settings.TASKS["default"]["BACKEND"] == health.DATABASE_BACKEND:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(
            task_path=health.HEARTBEAT_TASK_PATH,
            status=TaskResultStatus.SUCCESSFUL,
            finished_at__lt=now - health.heartbeat_cutoff(),
        ).delete()
    return now.isoformat()
