"""Readiness: can this server do its work? (docs/deployment.md "Health")

Three checks, each answering {"ok": bool, ...} with figures but never a secret, a host name or
an exception's text (those go to the log):

- database: a query round trip;
- cache: a set/get/delete round trip of a key of its own;
- worker: the task worker is working. With django-tasks' database backend two facts say so:
  no task has waited longer than HEALTH_WORKER_MAX_WAIT_SECONDS, and a heartbeat task (which
  the scheduler enqueues every minute, `portal.base.tasks.worker_heartbeat`) finished within
  HEALTH_HEARTBEAT_MAX_AGE_SECONDS. A stale heartbeat with nothing waiting means the scheduler
  is not running; a task waiting too long means the worker is not. With another backend (the
  immediate one in tests) there is no queue to look at and the check says so.

`/healthz` stays the cheap liveness probe (the process answers and reaches the database);
`/healthz/ready` runs these and answers 503 when any fails, so a load balancer stops sending
requests to a server whose cache or worker is gone.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger("portal.health")

HEARTBEAT_TASK_PATH = "portal.base.tasks.worker_heartbeat"
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _failed(check: str, error: Exception, started: float) -> dict:
    logger.error("health check %s failed", check, exc_info=error, extra={"check": check})
    return {"ok": False, "error": type(error).__name__, "ms": _ms(started)}


def check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return _failed("database", error, started)
    return {"ok": True, "ms": _ms(started)}


def check_cache() -> dict:
    started = time.perf_counter()
    key = f"health:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        read = cache.get(key)
        cache.delete(key)
    except Exception as error:
        return _failed("cache", error, started)
    if read != value:
        logger.error(
            "health check cache: value written was not read back", extra={"check": "cache"}
        )
        return {"ok": False, "error": "value not read back", "ms": _ms(started)}
    return {"ok": True, "ms": _ms(started)}


def check_worker() -> dict:
    started = time.perf_counter()
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DATABASE_BACKEND:
        return {"ok": True, "checked": False, "backend": backend.rsplit(".", 1)[-1]}
    try:
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        now = timezone.now()
        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
        waiting = DBTaskResult.objects.ready().count()
        last_beat = (
            DBTaskResult.objects.filter(
                task_path=HEARTBEAT_TASK_PATH, status=TaskResultStatus.SUCCESSFUL
            )
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
    except Exception as error:
        return _failed("worker", error, started)
    oldest_wait = round((now - oldest).total_seconds()) if oldest else 0
    beat_age = round((now - last_beat).total_seconds()) if last_beat else None
    max_wait = settings.HEALTH_WORKER_MAX_WAIT_SECONDS
    max_beat_age = settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS
    result = {
        "ok": True,
        "waiting": waiting,
        "oldest_wait_s": oldest_wait,
        "heartbeat_age_s": beat_age,
        "ms": _ms(started),
    }
    problems = []
    if oldest_wait > max_wait:
        problems.append(f"a task has waited over {max_wait}s: is the worker running?")
    if beat_age is None or beat_age > max_beat_age:
        problems.append(
            f"no worker heartbeat in the last {max_beat_age}s: are the worker and the "
            "scheduler running?"
        )
    if problems:
        result.update(ok=False, error=" ".join(problems))
    return result


CHECKS = {"database": check_database, "cache": check_cache, "worker": check_worker}


def readiness() -> tuple[bool, dict]:
    """(all ok, {check name: its answer})."""
    results = {name: check() for name, check in CHECKS.items()}
    return all(result["ok"] for result in results.values()), results


def heartbeat_cutoff() -> timedelta:
    """Heartbeat results older than this are pruned by the next heartbeat."""
    return timedelta(seconds=max(3600, settings.HEALTH_HEARTBEAT_MAX_AGE_SECONDS * 4))
