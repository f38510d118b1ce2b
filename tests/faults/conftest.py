"""Fault tests (Part 9): the site under gunicorn with production settings, on a PostgreSQL
cluster and a Redis server of its own, while a worker is killed, the database restarts, Redis
dies, the scheduled job is killed or the disk fills up.

Every test here carries the `faults` marker: run them with
`DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest -p no:cacheprovider -m
faults` (one process: they share one server and kill parts of it). They skip, saying why, without
PostgreSQL's server binaries, redis-server or root, and under pytest-xdist.

One world per session (tests/faults/services.py): the cluster, Redis, the seeded database (the
Longnan demo, restored from var/faults/ when an earlier run seeded the same migrations and demo)
and gunicorn (2 workers, --preload so a killed worker is replaced at once).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from .services import World, build_world, missing_tools

FAULTS_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if FAULTS_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="session")
def world() -> World:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip(
            "fault tests share one server and kill parts of it: run them with -m faults, without -n"
        )
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    with contextlib.ExitStack() as stack:
        yield build_world(stack)


@pytest.fixture(scope="session")
def site(world):
    """gunicorn on the seeded database, 2 workers, the Redis cache, attachments on the tmpfs."""
    server = world.gunicorn("site")
    server.extra = ["--preload"]
    try:
        server.start()
        yield server
    finally:
        server.stop()
