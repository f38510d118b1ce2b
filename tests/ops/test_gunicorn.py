"""The production configuration really serves: gunicorn with config/gunicorn.py and the
production settings (plain HTTP, as `make serve` runs it), whitenoise's hashed and compressed
static files, JSON access lines, and /healthz/ready green once the scheduler's heartbeat went
through the task worker. One server start for all the checks (four Django start-ups:
collectstatic of the portal's own files, the scheduler, the worker, gunicorn).

The database is the test database as migrated: on SQLite a copy of it in a file, on
PostgreSQL the test database itself (the server sees only what is committed: the schema)."""

import contextlib
import gzip
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8210, 8300)  # this project's test range for a real server
START_TIMEOUT_S = 90


def free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {PORTS}")


@pytest.fixture(scope="module")
def database_url(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("gunicorn-db") / "db.sqlite3"
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            yield f"sqlite:///{path}"
            return
        s = connection.settings_dict
        auth = quote(s["USER"] or "", safe="")
        if s["PASSWORD"]:
            auth += ":" + quote(s["PASSWORD"], safe="")
        yield f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()  # the heartbeat the subprocesses left


def run(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=START_TIMEOUT_S,
    )
    assert result.returncode == 0, (
        f"manage.py {args}: {result.stdout[-2000:]}{result.stderr[-2000:]}"
    )
    return result


def get(port, path, **headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CACHE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="gunicorn-test-secret-key-" + "x" * 40,
        IDENTITY_KEYS="gunicorn-test-identity-key",
        IDENTITY_HASH_KEY="gunicorn-test-hash-key",
        DATABASE_URL=database_url,
        CACHE_URL="",
        VAR_DIR=str(tmp / "var"),
        STATIC_ROOT=str(tmp / "static"),
        SCHEDULER_STATE_FILE=str(tmp / "scheduler.json"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_FORMAT="json",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        PYTHONUNBUFFERED="1",
    )
    # Only the portal's own static files (the admin's thousands are not needed here and take
    # most of collectstatic's time); the same storage hashes and compresses them. Before the
    # server starts: whitenoise reads the static folder once, at start.
    run(env, "collectstatic", "--no-input", "-v", "0", "-i", "wagtail*", "-i", "import_export")
    # The scheduler enqueues the heartbeat; the worker takes it off the queue.
    run(env, "run_scheduler", "--once")
    run(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")
    log_path = tmp / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert process.poll() is None, log_path.read_text()[-3000:]
            with contextlib.suppress(OSError):
                if get(port, "/healthz")[0] == 200:
                    break
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.3)
        yield port, log_path, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


# Marked so that pytest-django creates the test database (the fixture above copies it).
@pytest.mark.django_db
def test_gunicorn_serves_production(server):
    port, log_path, process = server

    def log_tail():
        return log_path.read_text(errors="replace")[-4000:]

    status, headers, body = get(port, "/healthz/ready")
    assert status == 200, (body, log_tail())
    checks = json.loads(body)["checks"]
    assert checks["worker"]["ok"] and checks["worker"]["heartbeat_age_s"] is not None
    assert headers["Server"].startswith("gunicorn")
    request_id = headers["X-Request-ID"]

    status, headers, body = get(port, "/")
    page = body.decode()
    assert status == 200 and "陇南市村级小微权力监督平台" in page, log_tail()
    css = re.search(r"/static/portal/css/portal\.[0-9a-f]{12}\.css", page)
    assert css, "the page links the hashed stylesheet"

    status, headers, body = get(port, css.group(0), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(body)
    status, headers, _ = get(port, css.group(0), **{"Accept-Encoding": "br"})
    assert headers.get("Content-Encoding") == "br"  # brotli is installed

    process.send_signal(signal.SIGTERM)
    process.wait(30)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    ready = next(line for line in access if line["path"] == "/healthz/ready")
    assert ready["status"] == 200 and ready["request_id"] == request_id
    assert ready["duration_ms"] >= 0 and ready["method"] == "GET"
    assert any(line["message"].startswith("Shutting down") for line in lines)
