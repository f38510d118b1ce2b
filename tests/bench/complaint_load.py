"""Scenario: villagers submitting the online complaint form (我要监督) through gunicorn (issue 8).

Harness side (``run_scenario``): each of ``concurrency`` client threads, like a phone, GETs the
village's form (for its CSRF cookie and one-time submission key) and POSTs it; one submit in
``RETRY_EVERY`` is sent a second time with the same key, as a phone on a weak network retries.
Reported: accepted submissions per second (POSTs only), POST latency p50/p99, and then, counted
in the database by a Django subprocess, that every accepted submission is there exactly once
and that no retry made a second case.

Django side (``python -m tests.bench.complaint_load count ARGS.json RESULT.json``): counts the
cases whose description carries this run's marker, and the markers found more than once.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

SUBMISSIONS = int(os.environ.get("BENCH_COMPLAINTS", "400"))
RETRY_EVERY = 10
HIDDEN_RE = re.compile(r"<input[^>]*>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')


# --- Django side --------------------------------------------------------------------------------


def op_count(args: dict) -> dict:
    from supervision.models import Complaint

    marker = args["marker"]
    descriptions = Complaint.objects.filter(description__contains=marker).values_list(
        "description", flat=True
    )
    found = Counter(re.search(rf"{re.escape(marker)}-(\d+)", d).group(1) for d in descriptions)
    return {
        "cases": sum(found.values()),
        "distinct": len(found),
        "duplicated": sorted(k for k, n in found.items() if n > 1)[:20],
        "numbers": sorted(found),
    }


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    result = {"count": op_count}[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the complaint form (CSRF token, submission key) and the default
    (checked, else first) value of each radio group."""
    fields: dict[str, str] = {}
    for tag in HIDDEN_RE.findall(page):
        attrs = {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)}
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name:
            continue
        if kind == "hidden" or (kind == "radio" and (name not in fields or "checked" in tag)):
            fields[name] = attrs.get("value", "")
    return fields


class Submitter:
    def __init__(self, base: str, path: str, marker: str):
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = "xiaowei-bench/1"
        self.base, self.path, self.marker = base, path, marker

    def submit(self, number: int, retry: bool) -> tuple[float, int, str, bool | None]:
        """GET the form, POST it (timed); returns (POST seconds, status, receipt code, whether a
        retry showed the same code)."""
        url = self.base + self.path
        form = self.session.get(url, timeout=30)
        if form.status_code != 200:
            return 0.0, form.status_code, "", None
        data = _form_fields(form.text)
        data.update(
            {
                "kind": "petition",
                "category": "subsidy",
                "description": f"压测：村里惠民补贴发放名单没有按时公示。{self.marker}-{number}",
                "place": "",
                "website": "",
            }
        )
        headers = {"Referer": url}
        started = time.perf_counter()
        response = self.session.post(url, data=data, headers=headers, timeout=30)
        elapsed = time.perf_counter() - started
        code = _receipt_code(response.text) if response.status_code == 200 else ""
        same = None
        if retry and code:
            again = self.session.post(url, data=data, headers=headers, timeout=30)
            same = again.status_code == 200 and _receipt_code(again.text) == code
        return elapsed, response.status_code, code, same


CODE_RE = re.compile(r"\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b")


def _receipt_code(page: str) -> str:
    match = CODE_RE.search(page)
    return match.group(1) if match else ""


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _count(env, marker: str) -> dict:
    from .environment import django_op

    return django_op(env, "tests.bench.complaint_load", "count", {"marker": marker})


def run_scenario(case, options, env, server) -> dict:
    from .environment import BenchError, log

    base = f"http://127.0.0.1:{server.port}"
    marker = f"BENCH{uuid.uuid4().hex[:10]}"
    lock = threading.Lock()
    next_number = iter(range(SUBMISSIONS))
    latencies: list[float] = []
    statuses: Counter = Counter()
    errors: Counter = Counter()
    accepted: list[int] = []
    retries = {"sent": 0, "same_receipt": 0}

    def client() -> None:
        submitter = Submitter(base, case.scenario_path, marker)
        while True:
            with lock:
                number = next(next_number, None)
            if number is None:
                return
            try:
                elapsed, status, code, same = submitter.submit(number, number % RETRY_EVERY == 0)
            except Exception as error:  # a broken connection is a result, not a crash
                with lock:
                    errors[type(error).__name__] += 1
                continue
            with lock:
                statuses[status] += 1
                if status == 200 and code:
                    latencies.append(elapsed)
                    accepted.append(number)
                if same is not None:
                    retries["sent"] += 1
                    retries["same_receipt"] += bool(same)

    threads = [threading.Thread(target=client) for _ in range(options.concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    post_time = sum(latencies)
    counted = _count(env, marker)
    outcome = {
        "path": case.scenario_path,
        "submissions": SUBMISSIONS,
        "accepted": len(accepted),
        "statuses": {str(k): v for k, v in statuses.items()},
        "errors": dict(errors),
        "wall_s": round(wall, 2),
        # Throughput of whole villager visits (GET form + POST) and of the POSTs alone (their
        # summed time spread over the clients).
        "visits_per_s": round(len(accepted) / wall, 1) if wall else None,
        "submissions_per_s": round(len(accepted) * options.concurrency / post_time, 1)
        if post_time
        else None,
        "post_p50_ms": round(_percentile(latencies, 0.5) * 1000, 1) if latencies else None,
        "post_p99_ms": round(_percentile(latencies, 0.99) * 1000, 1) if latencies else None,
        "retries": retries,
        "in_database": {k: counted[k] for k in ("cases", "distinct", "duplicated")},
    }
    missing = sorted(set(map(str, accepted)) - set(counted["numbers"]))
    outcome["in_database"]["accepted_missing"] = missing[:20]
    outcome["table_lines"] = [
        f"{case.name}: {len(accepted)}/{SUBMISSIONS} accepted, "
        f"{outcome['submissions_per_s']} submissions/s (POST), p50 {outcome['post_p50_ms']} ms, "
        f"p99 {outcome['post_p99_ms']} ms; in the database {counted['cases']} cases, "
        f"{len(counted['duplicated'])} twice, {len(missing)} missing; "
        f"{retries['same_receipt']}/{retries['sent']} retries answered with the same receipt",
    ]
    log(outcome["table_lines"][0])
    if errors or statuses.get(200, 0) != SUBMISSIONS:
        raise BenchError(f"{case.name}: not every submission was accepted: {outcome}")
    if counted["cases"] != len(accepted) or counted["duplicated"] or missing:
        raise BenchError(f"{case.name}: the database does not hold each case once: {outcome}")
    if retries["same_receipt"] != retries["sent"]:
        raise BenchError(f"{case.name}: a retried submit made a new receipt: {outcome}")
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
