"""Redis down while the site serves: pages come from the database, with the same content and
200, a complaint still goes through (the rate limiter counts in Redis and lets it pass), nothing
answers 500. When Redis is back the cache is used again."""

from __future__ import annotations

import logging
import time

import requests

from .clients import VILLAGE, Tally, Villager, assert_each_acknowledged_once

# Pages and a text each must show (they read and write the cache: the village panel, the
# search rate limit, the workday calendar version).
log = logging.getLogger("faults")

PAGES = {
    "/": "宕昌县",
    VILLAGE: "阿坞村纪检监察工作联络站",
    VILLAGE + "power/": "重大事项决策",
    "/search/?q=%E4%BD%8E%E4%BF%9D": "最低生活保障",
    "/track/": "查询",
}


def _fetch_all(base: str) -> dict[str, float]:
    took = {}
    for path, text in PAGES.items():
        started = time.monotonic()
        response = requests.get(base + path, timeout=30)
        took[path] = time.monotonic() - started
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        assert text in response.text, (path, text)
    return took


def test_pages_and_complaints_are_served_from_the_database_while_redis_is_down(world, site):
    _fetch_all(site.base)  # warm: the cache holds what it holds
    keys_before = world.redis_keys()
    assert keys_before > 0  # the site really uses this Redis

    world.redis.kill()
    try:
        for _round in range(2):  # the first request of each worker meets the dead server
            took = _fetch_all(site.base)
        tally = Tally()
        villager = Villager(site.base, tally)
        codes = [villager.submit(time.monotonic() + 30) for _ in range(3)]
        assert all(codes), tally
        assert tally.statuses.keys() == {200}, tally
        assert_each_acknowledged_once(world, tally)
        log.info(f"redis down: slowest page {max(took.values()):.2f}s; {tally.summary()}")
        # Degraded, not stuck: no page waits on Redis timeouts.
        assert max(took.values()) < 10, took
    finally:
        world.redis.start()

    _fetch_all(site.base)
    time.sleep(0.5)
    _fetch_all(site.base)  # after RETRY_SECONDS a worker asks Redis again
    deadline = time.monotonic() + 15
    while world.redis_keys() == 0 and time.monotonic() < deadline:
        time.sleep(1)
        _fetch_all(site.base)
    assert world.redis_keys() > 0  # the cache is written again
