"""Structured logs and the readiness probe (docs/deployment.md "Logs" and "Health")."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from portal.base.logging import JsonFormatter

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def json_log():
    """Every line the root logger writes during the test, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    lines = []

    def read():
        lines[:] = [json.loads(line) for line in stream.getvalue().splitlines()]
        return lines

    yield read
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_a_log_line_is_one_json_object_with_its_fields(json_log):
    log = logging.getLogger("portal.test")
    log.info("审核通过 %s", "阿坞镇", extra={"job": "check_deadlines", "duration_ms": 12.5})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    first, second = json_log()
    assert first["message"] == "审核通过 阿坞镇"  # Chinese kept readable, not \\u escapes
    assert first["level"] == "INFO" and first["logger"] == "portal.test"
    assert first["job"] == "check_deadlines" and first["duration_ms"] == 12.5
    assert first["time"].endswith("+00:00")
    assert "request_id" not in first  # written outside any request
    assert second["level"] == "ERROR" and "ValueError: boom" in second["exception"]


def test_a_request_gets_an_id_its_log_lines_carry(client, db, json_log, settings):
    settings.ROOT_URLCONF = "tests.ops.log_urls"
    response = client.get("/log-something/", {"q": "secret-pin-1234"})
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = [entry for entry in json_log() if entry["logger"] == "tests.ops"]
    assert line["request_id"] == request_id
    assert line["method"] == "GET" and line["path"] == "/log-something/"
    assert "secret-pin-1234" not in json.dumps(json_log())  # no query strings in the logs


def test_objects_passed_as_extras_are_named_not_printed(json_log, rf):
    request = rf.get("/track/", {"code": "X1-secret"})
    logging.getLogger("django.request").warning(
        "Not Found: /track/", extra={"status_code": 404, "request": request, "ids": (1, 2)}
    )
    [line] = json_log()
    assert line["request"] == "<WSGIRequest>" and line["status_code"] == 404
    assert line["ids"] == [1, 2]
    assert "X1-secret" not in json.dumps(line)


def test_a_proxys_request_id_is_kept_and_a_strange_one_replaced(client, db):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="3f2a9c0e-1b2d-4e5f-8a9b-0c1d2e3f4a5b")
    assert kept["X-Request-ID"] == "3f2a9c0e-1b2d-4e5f-8a9b-0c1d2e3f4a5b"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected {"level": "ERROR"}')
    assert replaced["X-Request-ID"] != 'x" injected {"level": "ERROR"}'
    assert len(replaced["X-Request-ID"]) == 32


def test_a_slow_request_is_logged_with_status_and_duration(client, db, json_log, settings):
    settings.SLOW_REQUEST_MS = 0.001
    response = client.get("/healthz")
    [line] = [entry for entry in json_log() if entry["logger"] == "portal.request"]
    assert line["status"] == 200 and line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"]


# --- health -----------------------------------------------------------------------------------


def heartbeat(finished_ago: timedelta | None = None, waiting_for: timedelta | None = None):
    """A finished heartbeat (finished_ago) or a task still waiting (waiting_for), as the worker
    and the scheduler leave them in django-tasks' table."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    row = DBTaskResult.objects.create(
        task_path="portal.base.tasks.worker_heartbeat",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.READY,
    )
    if finished_ago is not None:
        DBTaskResult.objects.filter(pk=row.pk).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=now - finished_ago
        )
    if waiting_for is not None:
        DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=now - waiting_for)
    return row


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_TASKS


def ready(client):
    response = client.get("/healthz/ready")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


def test_ready_when_database_cache_and_worker_answer(client, db, db_tasks):
    heartbeat(finished_ago=timedelta(seconds=40))
    status, body = ready(client)
    assert status == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "worker"}
    assert body["checks"]["worker"]["heartbeat_age_s"] in range(39, 45)


def test_not_ready_when_the_cache_fails(client, db, db_tasks, monkeypatch):
    heartbeat(finished_ago=timedelta(seconds=10))

    def refuse(*args, **kwargs):
        raise ConnectionError("redis://:hunter2@cache.internal:6379 refused")

    monkeypatch.setattr(cache, "set", refuse)
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["cache"] == {
        "ok": False,
        "error": "ConnectionError",
        "ms": body["checks"]["cache"]["ms"],
    }
    assert body["checks"]["database"]["ok"] and body["checks"]["worker"]["ok"]
    assert "hunter2" not in json.dumps(body) and "cache.internal" not in json.dumps(body)


def test_not_ready_when_the_database_fails(client, db, db_tasks, monkeypatch):
    from django.db.utils import OperationalError

    from portal.base import health

    class Unreachable:
        def cursor(self):
            raise OperationalError("could not connect to server at db.internal, password xyz")

    monkeypatch.setattr(health, "connection", Unreachable())
    status, body = ready(client)
    assert status == 503
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert body["checks"]["cache"]["ok"] is True
    assert "db.internal" not in json.dumps(body)


def test_not_ready_when_the_worker_leaves_a_task_waiting(client, db, db_tasks):
    heartbeat(finished_ago=timedelta(seconds=30))
    heartbeat(waiting_for=timedelta(minutes=11))  # the worker stopped taking tasks
    status, body = ready(client)
    assert status == 503
    worker = body["checks"]["worker"]
    assert worker["ok"] is False and worker["waiting"] == 1
    assert "worker running" in worker["error"]


def test_not_ready_without_a_recent_heartbeat(client, db, db_tasks):
    heartbeat(finished_ago=timedelta(minutes=6))  # nothing since: the scheduler is not running
    status, body = ready(client)
    assert status == 503
    assert "scheduler" in body["checks"]["worker"]["error"]


def test_a_task_waiting_a_little_is_normal(client, db, db_tasks):
    heartbeat(finished_ago=timedelta(seconds=50))
    heartbeat(waiting_for=timedelta(seconds=20))
    status, body = ready(client)
    assert status == 200, body


def test_the_heartbeat_task_proves_the_worker_and_prunes_old_beats(client, db, db_tasks):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from portal.base.tasks import worker_heartbeat

    old = heartbeat(finished_ago=timedelta(hours=2))
    result = worker_heartbeat.enqueue()
    # What `manage.py db_worker` does with the task it claims (its loop also closes the database
    # connections, which would end this test's transaction; tests/ops/test_gunicorn.py runs the
    # real command).
    claimed = DBTaskResult.objects.get(pk=result.id)
    claimed.claim("test-worker")
    Worker(
        queue_names=["default"],
        interval=1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run_task(claimed)
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    status, body = ready(client)
    assert status == 200, body
