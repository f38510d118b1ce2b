"""Settings of the two server processes in tests/portal/test_page_cache_processes.py: the test
settings with the page cache on, a SQLite file both share and Redis (PAGE_CACHE_TEST_REDIS)."""

import os

from config.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["PAGE_CACHE_TEST_DB"],
        "OPTIONS": {"timeout": 20},
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
