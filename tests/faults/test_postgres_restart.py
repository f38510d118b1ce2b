"""PostgreSQL restarted (fast shutdown) while villagers read pages and submit complaints.
Requests during the restart may fail, with the clear Chinese error page and never a bare one;
afterwards the same gunicorn workers serve again (Django's connection health checks reconnect),
and every complaint acknowledged with a receipt code is in the database once."""

from __future__ import annotations

import logging
import threading
import time

import requests

from .clients import VILLAGE, Tally, Villager, assert_each_acknowledged_once, run_villagers

log = logging.getLogger("faults")

PAGES = ["/", VILLAGE, VILLAGE + "power/", "/track/"]


def test_the_site_survives_a_database_restart_without_a_gunicorn_restart(world, site):
    master, workers = site.process.pid, sorted(site.worker_pids())
    tally = Tally()
    stop = threading.Event()
    threads = run_villagers(site.base, tally, threads=3, stop=stop)

    def reader():
        villager = Villager(site.base, tally)
        while not stop.is_set():
            for path in PAGES:
                villager.get(path, time.monotonic() + 1)

    threads += [threading.Thread(target=reader, daemon=True) for _ in range(2)]
    for thread in threads[-2:]:
        thread.start()
    try:
        time.sleep(2.0)
        world.postgres.restart()
        time.sleep(3.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)

    log.info(f"postgres restart: {tally.summary()}")
    assert not tally.unclear, tally.unclear  # any failure said so in Chinese
    assert not tally.errors, tally.errors  # gunicorn itself always answered
    assert not tally.unexpected, tally.unexpected
    assert tally.acknowledged, tally
    assert_each_acknowledged_once(world, tally)

    # The same processes serve again, and a new complaint goes through.
    assert site.process.pid == master and sorted(site.worker_pids()) == workers
    for path in PAGES:
        response = requests.get(site.base + path, timeout=20)
        assert response.status_code == 200, (path, response.status_code)
    after = Tally()
    code = Villager(site.base, after).submit(time.monotonic() + 30)
    assert code and after.retried_posts == 0, after
    assert_each_acknowledged_once(world, after)
