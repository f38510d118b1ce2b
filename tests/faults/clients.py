"""Villagers as the fault tests see them: a phone that GETs the complaint form and POSTs it, and
when no answer comes back (a reset connection, a 5xx page) sends the same form again, with the
same one-time key, as the browser's reload would. What matters afterwards: every receipt code a
villager was shown is in the database, once."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import requests

from tests.bench.complaint_load import _form_fields, _receipt_code

VILLAGE = "/longnan/tanchang/awu/awu/"
FORM = VILLAGE + "complaint/"
# What the public 500 page and the 503 pages say; a 5xx page without it is a bare error.
CLEAR_ERROR = ("请稍后", "尚未提交")


@dataclass
class Tally:
    """Shared by the client threads of one scenario."""

    marker: str = field(default_factory=lambda: f"FAULT{uuid.uuid4().hex[:10]}")
    acknowledged: dict[int, str] = field(default_factory=dict)  # number -> receipt code
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # no answer at all, by exception
    retried_posts: int = 0  # POSTs sent again after no answer or a 5xx
    unclear: list[str] = field(default_factory=list)  # 5xx pages without a clear message
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_number: int = 0
    posting: int = 0  # POSTs in flight right now

    def summary(self) -> str:
        return (
            f"{len(self.acknowledged)} acknowledged, {self.retried_posts} POSTs sent again, "
            f"statuses {dict(self.statuses)}, no answer {dict(self.errors)}"
        )

    def number(self) -> int:
        with self.lock:
            self.next_number += 1
            return self.next_number

    def note(self, response: requests.Response | None, error: Exception | None = None) -> None:
        with self.lock:
            if error is not None:
                self.errors[type(error).__name__] += 1
                return
            self.statuses[response.status_code] += 1
            if response.status_code >= 500 and not any(t in response.text for t in CLEAR_ERROR):
                self.unclear.append(f"{response.status_code}: {response.text[:200]}")


class Villager:
    def __init__(self, base: str, tally: Tally):
        self.base, self.tally = base, tally
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "xiaowei-faults/1"

    def get(self, path: str, deadline: float) -> requests.Response | None:
        while time.monotonic() < deadline:
            try:
                response = self.session.get(self.base + path, timeout=20)
            except requests.RequestException as error:
                self.tally.note(None, error)
                time.sleep(0.2)
                continue
            self.tally.note(response)
            if response.status_code < 500:
                return response
            time.sleep(0.2)
        return None

    def form(self, number: int, deadline: float) -> dict | None:
        page = self.get(FORM, deadline)
        if page is None or page.status_code != 200:
            return None
        data = _form_fields(page.text)
        data.update(
            {
                "kind": "petition",
                "category": "subsidy",
                "description": f"故障测试：惠民补贴名单没有公示。{self.tally.marker}-{number}",
                "place": "",
                "website": "",
            }
        )
        return data

    def submit(self, deadline: float, files=None) -> str | None:
        """One complaint, sent until it is acknowledged or the deadline passes; its code."""
        number = self.tally.number()
        data = self.form(number, deadline)
        if data is None:
            return None
        first = True
        while time.monotonic() < deadline:
            if not first:
                with self.tally.lock:
                    self.tally.retried_posts += 1
            first = False
            with self.tally.lock:
                self.tally.posting += 1
            try:
                response = self.session.post(
                    self.base + FORM,
                    data=data,
                    files=files,
                    headers={"Referer": self.base + FORM},
                    timeout=20,
                )
            except requests.RequestException as error:
                self.tally.note(None, error)
                time.sleep(0.2)
                continue
            finally:
                with self.tally.lock:
                    self.tally.posting -= 1
            self.tally.note(response)
            if response.status_code == 200 and (code := _receipt_code(response.text)):
                with self.tally.lock:
                    self.tally.acknowledged[number] = code
                return code
            if response.status_code < 500:
                with self.tally.lock:
                    self.tally.unexpected.append(f"{response.status_code}: {response.text[:300]}")
                return None
            time.sleep(0.2)
        return None


def run_villagers(base: str, tally: Tally, threads: int, stop: threading.Event, grace: float = 60):
    """`threads` villagers submitting one complaint after another until `stop` is set; each then
    finishes the one it is sending (retrying up to `grace` seconds). Returns the threads."""

    def loop():
        villager = Villager(base, tally)
        while not stop.is_set():
            villager.submit(time.monotonic() + grace)

    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def assert_each_acknowledged_once(world, tally: Tally) -> int:
    """Every receipt shown is a case in the database with this villager's text, and no text
    became two cases. Returns the number of cases of this run."""
    rows = world.sql(
        "SELECT receipt_code, description FROM supervision_complaint WHERE description LIKE %s",
        [f"%{tally.marker}-%"],
    )
    pattern = re.compile(rf"{tally.marker}-(\d+)")
    by_number: dict[int, list[str]] = {}
    for code, description in rows:
        by_number.setdefault(int(pattern.search(description).group(1)), []).append(code)
    twice = {n: codes for n, codes in by_number.items() if len(codes) > 1}
    assert not twice, f"complaints stored twice: {twice}"
    for number, shown in tally.acknowledged.items():
        stored = by_number.get(number)
        assert stored, f"receipt {shown} (complaint {number}) was shown but is not in the database"
        assert stored[0] == shown.replace("-", ""), (number, shown, stored)
    return len(rows)
