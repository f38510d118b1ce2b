"""A gunicorn worker killed (SIGKILL) while a complaint is being submitted: the villager's phone
gets no answer and sends the same form again; afterwards there is one case per receipt shown,
none twice, and the site answers as before."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

import requests

from .clients import VILLAGE, Tally, assert_each_acknowledged_once, run_villagers

log = logging.getLogger("faults")

KILLS = 3


def _kill_workers_mid_post(site, tally: Tally) -> int:
    """Wait until a POST has been in flight a moment, then SIGKILL every worker (one of them is
    handling it); the master forks new ones. Returns how many workers were killed."""
    killed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if tally.posting:
            time.sleep(0.03)
            pids = site.worker_pids()
            if tally.posting and pids:
                for pid in pids:
                    os.kill(pid, signal.SIGKILL)
                return len(pids)
        time.sleep(0.005)
    return killed


def test_a_killed_worker_loses_no_acknowledged_complaint_and_makes_none_twice(world, site):
    tally = Tally()
    stop = threading.Event()
    threads = run_villagers(site.base, tally, threads=4, stop=stop)
    killed = 0
    try:
        for _ in range(KILLS):
            time.sleep(1.0)
            killed += _kill_workers_mid_post(site, tally)
            site.wait_healthy()
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)

    log.info(f"worker killed: {killed} workers killed in {KILLS} rounds; {tally.summary()}")
    assert killed >= KILLS
    # The kills hit submissions: some POSTs got no answer and were sent again.
    assert tally.retried_posts >= 1, tally
    assert not tally.unexpected, tally.unexpected
    assert len(tally.acknowledged) >= 5, tally
    assert_each_acknowledged_once(world, tally)

    response = requests.get(site.base + VILLAGE, timeout=20)
    assert response.status_code == 200 and "阿坞村" in response.text
