"""The Django side of the bench, run as a subprocess with the bench's production settings:

    python -m tests.bench.inprocess SPEC.json RESULT.json

SPEC is ``{"tasks": [...]}``; each task is one of

* ``{"op": "dbinfo"}``: database vendor and server version;
* ``{"op": "queries", "path": ..., "contains": ..., "repeat": 3}``: GET the path with
  django.test.Client ``repeat`` times in this fresh process and count the SQL queries of each
  request with CaptureQueriesContext (the first request is the cold one);
* ``{"op": "call", "target": "module:factory", "args": [...], "repeat": N, "warmup": K}``:
  time a call case.

RESULT gets ``{"results": [...]}`` in the same order; a task that fails gets ``{"error": ...}``.
The result goes to a file rather than stdout so that nothing the application prints can corrupt
it.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import time
import traceback

BENCH_HOST = "127.0.0.1"
SQL_KEEP_CHARS = 600


def _setup_django() -> None:
    import django

    django.setup()


def dbinfo() -> dict:
    from django.db import connection

    connection.ensure_connection()
    info = {"vendor": connection.vendor, "engine": connection.settings_dict["ENGINE"]}
    if connection.vendor == "postgresql":
        version = connection.pg_version  # e.g. 160004
        info["server_version"] = f"{version // 10000}.{version % 10000}"
    elif connection.vendor == "sqlite":
        import sqlite3

        info["server_version"] = sqlite3.sqlite_version
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            info["journal_mode"] = cursor.fetchone()[0]
    from django.conf import settings

    info["cache_backend"] = settings.CACHES["default"]["BACKEND"]
    info["conn_max_age"] = connection.settings_dict.get("CONN_MAX_AGE")
    return info


def count_queries(path: str, contains: str | None, repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=BENCH_HOST)
    counts, sizes, statuses, times_ms = [], [], [], []
    sql: list[str] = []
    cold_sql: list[str] = []
    for attempt in range(max(repeat, 2)):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            # A streamed body is produced (and queries run) only while it is read.
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        times_ms.append(round((time.perf_counter() - started) * 1000, 2))
        counts.append(len(captured.captured_queries))
        statuses.append(response.status_code)
        sizes.append(len(content))
        sql = [q["sql"] for q in captured.captured_queries]
        if attempt == 0:
            cold_sql = sql
    body = content.decode("utf-8", "replace")
    problems = [f"status {s}" for s in statuses if s != 200]
    if contains and contains not in body:
        problems.append(f"body does not contain {contains!r}")
    return {
        "path": path,
        "counts": counts,
        "cold": counts[0],
        "warm": counts[-1],
        "steady": len(set(counts[1:])) == 1,
        "statuses": statuses,
        "bytes": sizes[-1],
        "in_process_ms": times_ms,
        "warm_sql": [_shorten(statement) for statement in sql],
        # Queries only the first request of a fresh process makes (caches being filled).
        "cold_only_sql": [_shorten(s) for s in cold_sql if s not in sql],
        "duplicate_sql": {_shorten(s): n for s, n in _duplicates(sql).items()},
        "problems": problems,
    }


def _shorten(statement: str) -> str:
    """The statement without its column list (the FROM and WHERE tell queries apart)."""
    short = re.sub(r"^SELECT .+? FROM ", "SELECT … FROM ", statement, count=1, flags=re.S)
    if len(short) > SQL_KEEP_CHARS:
        short = short[:SQL_KEEP_CHARS] + "…"
    return short


def _duplicates(sql: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for statement in sql:
        seen[statement] = seen.get(statement, 0) + 1
    return {statement: n for statement, n in seen.items() if n > 1}


def time_call(target: str, args: list, repeat: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    module_name, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    call = factory(*args)
    for _ in range(warmup):
        call()
    durations, queries, facts = [], [], {}
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            outcome = call()
            durations.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
        if isinstance(outcome, dict):  # a call may report what it produced (size, pages...)
            facts = outcome
    return {
        "target": target,
        "durations_s": durations,
        "queries": queries,
        "facts": facts,
        "problems": [],
    }


def run_task(task: dict) -> dict:
    op = task["op"]
    if op == "dbinfo":
        return dbinfo()
    if op == "queries":
        return count_queries(task["path"], task.get("contains"), task.get("repeat", 3))
    if op == "call":
        return time_call(
            task["target"], task.get("args", []), task.get("repeat", 30), task.get("warmup", 3)
        )
    raise ValueError(f"unknown op {op!r}")


def main(argv: list[str]) -> int:
    spec_path, result_path = argv
    with open(spec_path, encoding="utf-8") as fh:
        spec = json.load(fh)
    _setup_django()
    results = []
    for task in spec["tasks"]:
        try:
            results.append(run_task(task))
        except Exception as error:
            error_text = f"{type(error).__name__}: {error}"
            results.append({"error": error_text, "traceback": traceback.format_exc()})
    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump({"results": results}, fh, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
