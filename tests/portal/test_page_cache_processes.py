"""The page cache is shared: two server processes on one Redis and one database (a copy of the
test database on SQLite, the test database itself on PostgreSQL). Process A
stores a page, process B is answered from A's entry, a publish in a third process (a
management command, as the task worker or another gunicorn worker would) makes both serve the
new page at once (Part 9). Skipped when Redis is not reachable on 127.0.0.1:6379."""

import http.client
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from portal.base import page_cache
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("PAGE_CACHE_TEST_REDIS", "redis://127.0.0.1:6379/1")
PORTS = (8151, 8152)


def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        return None
    return client


def get(port: int, path: str) -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": "localhost"})
        response = conn.getresponse()
        return (
            response.status,
            response.getheader(page_cache.HIT_HEADER, ""),
            response.read().decode(),
        )
    finally:
        conn.close()


def wait_up(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server on {port} exited: {process.stdout.read()[-2000:]}")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on {port} did not start")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_share_the_cache_and_a_publish_elsewhere_shows_at_once(tmp_path):
    redis = redis_client()
    if redis is None:
        pytest.skip(f"Redis not reachable at {REDIS}: the shared-cache test needs it")
    tree = factories.build_tree()
    village_url = tree.awu_village.url
    if connection.vendor == "sqlite":  # an in-memory test database: copied to a file
        database = tmp_path / "shared.sqlite3"
        with sqlite3.connect(database) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        shared = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}
    else:  # the servers use the test database itself; this test commits (transaction=True)
        shared = {
            key: connection.settings_dict[key]
            for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
        }
    prefix = f"pagecache-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.portal.page_cache_settings",
        "PAGE_CACHE_TEST_DB": json.dumps(shared),
        "PAGE_CACHE_TEST_REDIS": REDIS,
        "PAGE_CACHE_TEST_PREFIX": prefix,
        "PYTHONPATH": str(ROOT),
    }
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for port in PORTS
    ]
    try:
        for port, process in zip(PORTS, servers, strict=True):
            wait_up(port, process)
        a, b = PORTS
        status, hit, body = get(a, village_url)
        assert (status, hit) == (200, "miss") and "阿坞村" in body
        assert get(a, village_url)[1] == "hit"
        assert get(b, village_url)[1:] == ("hit", body)  # B never rendered it: A's entry
        publish = (
            "from villages.models import VillagePage\n"
            f"page = VillagePage.objects.get(pk={tree.awu_village.pk})\n"
            "page.title = '阿坞新村'\n"
            "page.save_revision().publish()\n"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", publish],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        status, hit, new_body = get(a, village_url)
        assert (status, hit) == (200, "miss") and "阿坞新村" in new_body
        assert get(b, village_url)[1:] == ("hit", new_body)
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            process.wait(15)
        keys = list(redis.scan_iter(match=f"{prefix}:*"))
        if keys:
            redis.delete(*keys)
