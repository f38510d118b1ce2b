"""Scenario: province scale (Part 9). `BENCH_CASES=province make bench` (or `make bench-scale`).

A PostgreSQL database of its own (``BENCH_SCALE_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/xiaowei_bench_scale) is seeded once with `seed_demo` and
`seed_scale` (``BENCH_SCALE_VILLAGES`` 16,000 villages, ``BENCH_SCALE_CASES`` 1,000,000 cases)
and KEPT between runs: a later run migrates it and reuses it (the seed's own times are in the
JSON of the run that made it). Drop it by hand to seed again. PostgreSQL unreachable: SKIPPED.

Measured on it, with a gunicorn of its own:

- a village page uncached through gunicorn (a province village and the demo's 阿坞村): p50/p99
  and req/s. The "cached" row says "not measured": the server-side page cache is another
  branch of Part 9, to be measured here once merged;
- complaint intake per second (tests.bench.complaint_load on a province village's form);
- the 一月一分析 dashboard for a county (petition_tanchang) and for the city that holds every
  case (city_longnan), first view (cold: counted) and again (kept figures), in-process;
- province-wide public search for common words, in-process (median, queries);
- the ledger export of a county (XLSX and CSV) and the county's monthly report PDF.

Django side: ``python -m tests.bench.province_scale OP ARGS.json RESULT.json``.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

SCALE_DATABASE_URL = os.environ.get(
    "BENCH_SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xiaowei_bench_scale"
)
VILLAGES = int(os.environ.get("BENCH_SCALE_VILLAGES", "16000"))
CASES = int(os.environ.get("BENCH_SCALE_CASES", "1000000"))
REPEAT = int(os.environ.get("BENCH_SCALE_REPEAT", "5"))
PAGE_REQUESTS = int(os.environ.get("BENCH_SCALE_PAGE_REQUESTS", "300"))
SEARCH_WORDS = ["低保", "宅基地", "党务公开", "村务公开 2025", "土地流转"]
DEMO_VILLAGE = "/longnan/tanchang/awu/awu/"


# --- Django side --------------------------------------------------------------------------------


def op_state(args: dict) -> dict:
    from portal.management import scale
    from supervision.models import Complaint
    from villages.models import VillagePage

    county = scale.scale_counties().order_by("path").last()
    villages = VillagePage.objects.filter(path__startswith=county.path) if county else None
    village = villages.order_by("path").last() if county else None
    return {
        "seeded": county is not None,
        "villages": VillagePage.objects.count(),
        "cases": Complaint.objects.count(),
        "village_url": village.url if village else None,
    }


def _timed(function, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(times)),
        "max_ms": round(max(times)),
        "queries": len(queries),
    }


def op_dashboard(args: dict) -> dict:
    """Each user's dashboard: the first view after the cache is emptied (every figure counted)
    and the views after it (the figures kept: stats.kept)."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from .calls import BENCH_HOST

    out = {}
    url = reverse("supervision_analysis:index")
    for label, username in args["users"].items():
        client = Client(HTTP_HOST=BENCH_HOST)
        client.force_login(get_user_model().objects.get(username=username))
        client.get("/admin/")  # warm the process, not the figures
        cache.clear()
        cold = _timed(lambda client=client: _ok(client.get(url)), 1)
        warm = _timed(lambda client=client: _ok(client.get(url)), args["repeat"])
        out[label] = {"cold": cold, "kept": warm}
    return out


def _ok(response):
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.content[:300]!r}")
    return response


def op_search(args: dict) -> dict:
    from django.test import Client

    from .calls import BENCH_HOST

    client = Client(HTTP_HOST=BENCH_HOST)
    out = {}
    for word in args["words"]:
        _ok(client.get("/search/", {"q": word}))  # warm
        out[word] = _timed(
            lambda word=word: _ok(client.get("/search/", {"q": word})), args["repeat"]
        )
    return out


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    ops = {"state": op_state, "dashboard": op_dashboard, "search": op_search}
    result = ops[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _scale_database(case, options, env, stack: contextlib.ExitStack):
    """The kept scale database (created and seeded when missing) and a gunicorn on it, or the
    reason there are none."""
    from psycopg import sql

    from .environment import (
        BenchEnv,
        Database,
        _pg_admin,
        _pg_parts,
        django_op,
        log,
        manage,
        start_gunicorn,
    )

    parts = _pg_parts(SCALE_DATABASE_URL)
    try:
        with _pg_admin(parts) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [parts["dbname"]]
            ).fetchone()
            if not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parts["dbname"])))
                log(f"{case.name}: created {parts['dbname']!r} (kept after the run)")
    except Exception as error:
        return None, None, {}, f"PostgreSQL unreachable at {SCALE_DATABASE_URL}: {error}"
    database = Database(url=SCALE_DATABASE_URL, engine="postgresql", name=parts["dbname"], pg=parts)
    variables = env.with_overrides(
        DATABASE_URL=SCALE_DATABASE_URL,
        CACHE_KEY_PREFIX=env.variables["CACHE_KEY_PREFIX"] + "-scale",
    )
    own = BenchEnv(tmpdir=env.tmpdir, database=database, variables=variables)
    seed = {"migrate_s": round(manage(own, "migrate", "--no-input", "-v", "0"), 1)}
    state = django_op(own, "tests.bench.province_scale", "state", {})
    if not state["seeded"]:
        seed["seed_demo_s"] = round(manage(own, "seed_demo", "--allow-production", "-v", "0"), 1)
        seed["seed_scale_s"] = round(
            manage(
                own,
                "seed_scale",
                "--yes",
                "--villages",
                str(VILLAGES),
                "--cases",
                str(CASES),
            ),
            1,
        )
        log(f"{case.name}: seeded in {seed['seed_scale_s']} s")
        state = django_op(own, "tests.bench.province_scale", "state", {})
    with _pg_admin(parts) as admin:
        (size,) = admin.execute(
            "SELECT pg_size_pretty(pg_database_size(%s))", [parts["dbname"]]
        ).fetchone()
    state["database_size"] = size
    state["seed"] = seed
    server = start_gunicorn(own, options.workers, stack)
    return own, server, state, None


def run_scenario(case, options, env, server) -> dict:
    from . import complaint_load
    from .case_scale import _load
    from .environment import django_op, log

    with contextlib.ExitStack() as stack:
        own, own_server, state, skipped = _scale_database(case, options, env, stack)
        if skipped:
            log(f"{case.name}: SKIPPED, {skipped}")
            return {"skipped": skipped, "table_lines": [f"{case.name}: SKIPPED ({skipped})"]}
        out = {"state": state}
        village = state["village_url"]
        out["village_uncached"] = {
            "province village": _load(
                case, own_server, village, PAGE_REQUESTS, options.concurrency
            ),
            "demo village": _load(
                case, own_server, DEMO_VILLAGE, PAGE_REQUESTS, options.concurrency
            ),
        }
        intake = type(
            "IntakeCase", (), {"name": case.name, "scenario_path": village + "complaint/"}
        )
        out["intake"] = complaint_load.run_scenario(intake, options, own, own_server)
        out["dashboard"] = django_op(
            own,
            "tests.bench.province_scale",
            "dashboard",
            {"users": {"county": "petition_tanchang", "city": "city_longnan"}, "repeat": REPEAT},
        )
        out["search"] = django_op(
            own, "tests.bench.province_scale", "search", {"words": SEARCH_WORDS, "repeat": REPEAT}
        )
        out["ledger"] = {
            fmt: django_op(own, "tests.bench.ledger_export", "export", {"format": fmt})
            for fmt in ("xlsx", "csv")
        }
        out["monthly_pdf"] = django_op(own, "tests.bench.analysis_scale", "report", {})
    out["table_lines"] = table_lines(case.name, out)
    for line in out["table_lines"]:
        log(line)
    return out


def table_lines(name: str, out: dict) -> list[str]:
    state = out["state"]
    lines = [
        f"{name}: {state['villages']:,} villages, {state['cases']:,} cases, database "
        f"{state['database_size']}; seed {state['seed']}"
    ]
    for label, r in out["village_uncached"].items():
        lines.append(
            f"  village page uncached, {label}: {r['rps']} req/s, p50 {r['p50_ms']} ms, "
            f"p99 {r['p99_ms']} ms"
        )
    lines.append("  village page cached: not measured here (the page cache is another branch)")
    intake = out["intake"]
    lines.append(
        f"  complaint intake: {intake['submissions_per_s']} submissions/s, "
        f"p50 {intake['post_p50_ms']} ms, p99 {intake['post_p99_ms']} ms"
    )
    for label, r in out["dashboard"].items():
        lines.append(
            f"  dashboard {label}: first view {r['cold']['median_ms']} ms "
            f"({r['cold']['queries']} queries), again {r['kept']['median_ms']} ms "
            f"({r['kept']['queries']} queries) [target < 500 ms]"
        )
    for word, r in out["search"].items():
        lines.append(
            f"  search {word!r}: median {r['median_ms']} ms, max {r['max_ms']} ms, "
            f"{r['queries']} queries [target < 200 ms]"
        )
    for fmt, r in out["ledger"].items():
        lines.append(
            f"  ledger export {fmt} (petition_tanchang): {r['rows']:,} rows, {r['wall_s']} s, "
            f"peak RSS {r['peak_rss_mb']} MB"
        )
    pdf = out["monthly_pdf"]
    lines.append(
        f"  monthly PDF (宕昌县, {pdf['received_in_month']} received in the month): "
        f"{pdf['runs_s'][0]} s cold, {pdf['runs_s'][1]} s warm"
    )
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
