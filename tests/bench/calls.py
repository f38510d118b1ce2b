"""Factories for call cases (see tests.bench.cases). Each runs inside a set-up Django process
(tests.bench.inprocess), is called once with the case's ``args`` (untimed setup) and returns the
zero-argument callable that is timed.

A call must raise if the work failed: the harness turns any exception into a failed bench.
"""

from __future__ import annotations

from collections.abc import Callable

BENCH_HOST = "127.0.0.1"


def client_get(path: str, content_type: str = "text/html") -> Callable[[], None]:
    """GET ``path`` through the full Django stack (middleware, routing, views, templates) with
    django.test.Client: the application's own cost per request, without HTTP and gunicorn."""
    from django.test import Client

    client = Client(HTTP_HOST=BENCH_HOST)

    def call() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} answered {response.status_code}")
        if not response.get("Content-Type", "").startswith(content_type):
            raise AssertionError(f"GET {path} answered {response.get('Content-Type')}")
        if response.streaming:  # a streamed body is produced only while it is read
            for _chunk in response.streaming_content:
                pass

    return call
