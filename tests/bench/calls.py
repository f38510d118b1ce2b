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
            b"".join(response.streaming_content)

    return call


def _pages(content: bytes) -> int | None:
    """Page count through poppler's pdfinfo (installed by `make test`), when it is there."""
    import shutil
    import subprocess
    import tempfile

    if not shutil.which("pdfinfo"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def booklet(division_code: str) -> Callable[[], dict]:
    """Build a village's PDF booklet from scratch (the cache bypassed): WeasyPrint layout of
    every item with its flowchart, CJK font subsetting. Reports the size, pages and items."""
    from disclosures.services import lists, pdf
    from villages.models import VillagePage

    village = VillagePage.objects.get(division_code=division_code)
    items = len(lists.village_items(village))

    def call() -> dict:
        content = pdf.booklet_pdf(village, base_url=f"http://{BENCH_HOST}", use_cache=False)
        if not content.startswith(b"%PDF"):
            raise AssertionError("the booklet is not a PDF")
        return {"items": items, "pages": _pages(content), "bytes": len(content)}

    return call
