"""Settings of the two server processes in tests/portal/test_page_cache_processes.py: the test
settings with the page cache on, the database both share (PAGE_CACHE_TEST_DB: a SQLite file, or
the PostgreSQL test database) and Redis (PAGE_CACHE_TEST_REDIS)."""

import json
import os

from config.settings.test import *  # noqa: F403

_shared = json.loads(os.environ["PAGE_CACHE_TEST_DB"])
DATABASES = {
    "default": {
        **_shared,
        "OPTIONS": {"timeout": 20} if _shared["ENGINE"].endswith("sqlite3") else {},
    }
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PAGE_CACHE_TEST_REDIS"],
        "KEY_PREFIX": os.environ["PAGE_CACHE_TEST_PREFIX"],
    }
}
PAGE_CACHE_ENABLED = True
PAGE_MEMORY_ENABLED = True
# Publishing queues PDF builds: not this test's business.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
