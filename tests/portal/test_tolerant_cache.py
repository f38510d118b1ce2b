"""The Redis cache with Redis gone (portal/base/cache.py): reads miss, writes are dropped, the
rate limiter lets requests through, nothing raises, and the dead server is not asked again for
RETRY_SECONDS. The real thing (redis-server killed under gunicorn) is
tests/faults/test_redis_down.py."""

from __future__ import annotations

import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from portal.base import cache as tolerant
from portal.base.cache import TolerantRedisCache

DEAD = "redis://127.0.0.1:8399/0"  # nothing listens there (the faults helper's port range)


@pytest.fixture
def dead_cache(monkeypatch):
    monkeypatch.setattr(TolerantRedisCache, "_down_until", 0.0)
    return TolerantRedisCache(
        DEAD, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    )


def test_a_dead_redis_reads_as_a_miss_and_writes_are_dropped(dead_cache, caplog):
    assert dead_cache.get("k", "default") == "default"
    dead_cache.set("k", 1)
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.has_key("k") is False
    assert dead_cache.add("k", 1) is True  # the guarded work goes on
    with pytest.raises(ValueError):
        dead_cache.incr("k")  # "missing": callers set the key instead
    dead_cache.delete("k")
    dead_cache.delete_many(["a"])
    assert dead_cache.set_many({"a": 1}) == ["a"]
    warnings = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(warnings) == 1  # logged once, not per call


def test_a_dead_redis_is_not_asked_again_for_a_while(dead_cache, monkeypatch):
    dead_cache.get("k")
    calls = []
    monkeypatch.setattr(
        type(dead_cache._cache), "get", lambda *a, **k: calls.append(a) or None, raising=True
    )
    dead_cache.get("k")
    assert calls == []  # inside RETRY_SECONDS: answered without a connection attempt
    monkeypatch.setattr(TolerantRedisCache, "_down_until", time.monotonic() - 1)
    assert dead_cache.get("k", "x") is None  # then asked again (here: a stub that answers)
    assert calls and TolerantRedisCache._down_until == 0.0


def test_the_rate_limiter_lets_requests_through_with_redis_down(dead_cache, monkeypatch):
    from portal.base import ratelimit

    monkeypatch.setattr(ratelimit, "cache", dead_cache)
    assert all(ratelimit.count_hit("complaint", "1.2.3.4", 1, 60) == 0 for _ in range(3))


def test_the_plain_redis_backend_would_have_raised(dead_cache):
    """What the wrapper is for: Django's own backend raises on the same dead server."""
    from django.core.cache.backends.redis import RedisCache

    plain = RedisCache(DEAD, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    with pytest.raises(RedisConnectionError):
        plain.get("k")
    assert tolerant.RETRY_SECONDS > 0
