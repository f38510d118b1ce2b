"""Scenario: a county with many open cases (issue 9): the early-warning job over them (time,
queries, peak memory; a second run must send nothing) and the county's case list through
gunicorn (p50/p99 and a query count that does not grow with the rows).

Django side (``python -m tests.bench.case_scale OP ARGS.json RESULT.json``, bench settings):
``setup`` adds ``cases`` open cases to 宕昌县's demo villages in bulk (bench rows, not intake:
building 100,000 through the intake service would take longer than the measurement), spread
over the open states with due dates from 40 days ago to 60 days ahead, handled by the demo
township discipline user; ``warn`` runs services.warnings.run() twice; ``session`` logs the demo
county petition user in and returns the session cookie for the list requests.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

CASES = int(os.environ.get("BENCH_CASES_OPEN", "100000"))
LIST_REQUESTS = int(os.environ.get("BENCH_CASE_LIST_REQUESTS", "200"))
BATCH = 5000


# --- Django side --------------------------------------------------------------------------------


def _rss_peak_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def op_setup(args: dict) -> dict:
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from supervision.models import Complaint, ComplaintCategory
    from supervision.services import receipts
    from villages.models import CountyPage, VillagePage

    rng = random.Random(8)
    county = CountyPage.objects.get(division_code="621223")
    villages = list(VillagePage.objects.descendant_of(county).values_list("pk", flat=True))
    categories = list(ComplaintCategory.objects.values_list("pk", flat=True))
    handler = get_user_model().objects.get(username="jiwei_awu")
    today = timezone.localdate()
    states = [
        Complaint.State.REGISTERED,
        Complaint.State.ACCEPTED,
        Complaint.State.ASSIGNED,
        Complaint.State.IN_PROGRESS,
        Complaint.State.EXTENDED,
    ]
    started = time.perf_counter()
    made = 0
    while made < args["cases"]:
        rows = []
        for _ in range(min(BATCH, args["cases"] - made)):
            village_id = rng.choice(villages)
            state = rng.choice(states)
            received = today - datetime.timedelta(days=rng.randint(0, 120))
            due = today + datetime.timedelta(days=rng.randint(-40, 60))
            receipt = receipts.new_receipt_code()
            rows.append(
                Complaint(
                    receipt_code=receipt,
                    pin_digest=receipts.pin_digest(receipt, "000000"),
                    kind=Complaint.Kind.PETITION,
                    channel=rng.choice(Complaint.Channel.values),
                    state=state,
                    village_id=village_id,
                    category_id=rng.choice(categories),
                    description="压测：惠民补贴发放名单没有公示。",
                    received_on=received,
                    created_at=timezone.now(),
                    updated_at=timezone.now(),
                    accepted_on=None if state == Complaint.State.REGISTERED else received,
                    handler=None if state == Complaint.State.REGISTERED else handler,
                    due_kind="acceptance" if state == Complaint.State.REGISTERED else "conclusion",
                    due_date=due,
                )
            )
        with transaction.atomic():
            Complaint.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
    return {"cases": made, "wall_s": round(time.perf_counter() - started, 1)}


def op_warn(args: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from supervision.services import warnings

    runs = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = warnings.run()
            wall = time.perf_counter() - started
        runs.append(
            {
                "wall_s": round(wall, 2),
                "queries": len(queries),
                "coloured": report.coloured,
                "notices": report.notices,
                "emails": report.emails,
            }
        )
    return {"runs": runs, "peak_rss_mb": _rss_peak_mb()}


def op_session(args: dict) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=args["username"]))
    name = settings.SESSION_COOKIE_NAME
    return {"cookie": f"{name}={client.cookies[name].value}"}


def op_list_queries(args: dict) -> dict:
    """SQL queries of the case list for a small and the full page of rows (must not grow)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=args["username"]))
    counts = {}
    for label, path in args["paths"].items():
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[label] = {"status": response.status_code, "queries": len(queries)}
    return counts


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    ops = {"setup": op_setup, "warn": op_warn, "session": op_session, "list": op_list_queries}
    result = ops[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _django(env, op: str, args: dict) -> dict:
    from .environment import django_op

    return django_op(env, "tests.bench.case_scale", op, args)


def run_scenario(case, options, env, server) -> dict:
    from .environment import BenchError, log
    from .load import run_load
    from .report import summarize_http

    outcome = {"cases": CASES}
    outcome["setup"] = _django(env, "setup", {"cases": CASES})
    log(f"{case.name}: {CASES} open cases added in {outcome['setup']['wall_s']} s")
    outcome["warning_job"] = _django(env, "warn", {})
    first, second = outcome["warning_job"]["runs"]
    if second["notices"] or second["emails"]:
        raise BenchError(f"{case.name}: the second warning run sent again: {second}")
    lines = [
        f"warning job over {CASES} open cases: first run {first['wall_s']} s, "
        f"{first['queries']} queries, {first['notices']} notices; second run "
        f"{second['wall_s']} s, {second['queries']} queries, {second['notices']} notices; "
        f"peak RSS {outcome['warning_job']['peak_rss_mb']} MB",
    ]
    list_path = case.scenario_path
    if list_path:
        cookie = _django(env, "session", {"username": "petition_tanchang"})["cookie"]
        counts = _django(
            env,
            "list",
            {
                "username": "petition_tanchang",
                "paths": {"page 1": list_path, "page 50": f"{list_path}?p=50"},
            },
        )
        outcome["case_list_queries"] = counts
        result = run_load(
            "127.0.0.1",
            server.port,
            list_path,
            LIST_REQUESTS,
            options.concurrency,
            headers={"Cookie": cookie},
        )
        if result.failures:
            raise BenchError(f"{case.name}: case list failed: {dict(result.statuses)}")
        summary = summarize_http(result)
        outcome["case_list"] = {k: summary[k] for k in ("requests", "rps", "p50_ms", "p99_ms")}
        lines.append(
            f"case list of the county ({CASES} cases): p50 {summary['p50_ms']} ms, p99 "
            f"{summary['p99_ms']} ms, {summary['rps']} req/s; SQL queries page 1 "
            f"{counts['page 1']['queries']}, page 50 {counts['page 50']['queries']}"
        )
    outcome["table_lines"] = lines
    for line in lines:
        log(line)
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
