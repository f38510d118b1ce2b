"""A Redis cache that never takes the site down with it.

Django's RedisCache raises when the Redis server is gone (redis.exceptions.ConnectionError), so a
page that reads the cache, or the rate limiter that counts in it, would answer 500 while Redis
restarts. Everything this project keeps in the cache can be rebuilt from the database, so
TolerantRedisCache degrades instead: a read is a miss, a write is dropped, ``incr`` says the key
is missing (ValueError, which callers already handle: the rate limiter then lets the request
through), ``add`` says it was added (the caller goes on with the work it guards, which may then
be done twice, never not at all). The first failure is logged; for ``RETRY_SECONDS`` afterwards
the server is not asked again, so pages keep their normal speed instead of each paying a
connection attempt; then one request tries again.

Used whenever CACHE_URL names Redis (config/settings/base.py), with short socket timeouts so a
hung server costs a second, not a worker.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("portal.cache")

RETRY_SECONDS = 5.0


class TolerantRedisCache(RedisCache):
    _down_until = 0.0  # per process: every alias shares the same server

    def _call(self, name: str, fallback, *args, **kwargs):
        cls = type(self)
        if time.monotonic() < cls._down_until:
            return fallback()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            if not cls._down_until:
                logger.warning("Redis cache unavailable (%s); serving without it", error)
            cls._down_until = time.monotonic() + RETRY_SECONDS
            return fallback()
        if cls._down_until:
            logger.warning("Redis cache available again")
            cls._down_until = 0.0
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", lambda: missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)
