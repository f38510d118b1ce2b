"""Scenarios of 一月一分析 (issue 11): the monthly report PDF of a county with 10,000 cases in
the month (target < 10 s), and the dashboard's response time and SQL query count over 100,000
cases on PostgreSQL, for the county petition office and for the city.

The cases are bench rows made in bulk (``build_figure_cases``), not intake: every figure fact
the statistics count (received, accepted, 办结期限, first concluded, days, resolved, not
accepted) is set consistently, as `clock.refresh` would have stored it, with some cases still
open past their deadline, one in twenty owned by the county leader and a few 骨头案.

``monthly-report`` runs on the bench's own database (SQLite or PostgreSQL); ``dashboard`` on
PostgreSQL: the bench's when it is PostgreSQL, else a database of its own
(case_scale._own_postgres: BENCH_CASES_DATABASE_URL), SKIPPED if unreachable. The dashboard is
timed in-process with Django's test client (median of ``BENCH_DASHBOARD_REPEAT`` requests after
one warm-up), the queries counted on the last.

Django side: ``python -m tests.bench.analysis_scale OP ARGS.json RESULT.json``.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPORT_CASES = int(os.environ.get("BENCH_REPORT_CASES", "10000"))
DASHBOARD_CASES = int(os.environ.get("BENCH_DASHBOARD_CASES", "100000"))
DASHBOARD_REPEAT = int(os.environ.get("BENCH_DASHBOARD_REPEAT", "5"))
COUNTY_CODE = "621223"  # 宕昌县
CITY_CODE = "6212"
BATCH = 5000


# --- Django side --------------------------------------------------------------------------------


def _rss_peak_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def build_figure_cases(count: int, first, last, *, start: int = 0, seed: int = 11, today=None):
    """Add ``count`` cases to 宕昌县's villages received between ``first`` and ``last`` (dates),
    with their figure facts set; returns the number added."""
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from supervision.models import Complaint, ComplaintCategory
    from supervision.services import receipts
    from villages.models import CountyPage, VillagePage

    rng = random.Random(seed + start)
    today = today or timezone.localdate()
    county = CountyPage.objects.get(division_code=COUNTY_CODE)
    villages = list(VillagePage.objects.descendant_of(county).values_list("pk", flat=True))
    categories = list(ComplaintCategory.objects.values_list("pk", flat=True))
    leader = get_user_model().objects.filter(username="leader_tanchang").first()
    channels = [c for c, _label in Complaint.Channel.choices]
    S = Complaint.State
    span = (last - first).days
    made = 0
    receipt = receipts.new_receipt_code()
    digest = receipts.pin_digest(receipt, receipts.new_pin())
    while made < count:
        rows = []
        for _ in range(min(BATCH, count - made)):
            serial = start + made + len(rows) + 1
            received = first + datetime.timedelta(days=rng.randint(0, span))
            row = Complaint(
                number=f"{COUNTY_CODE}-{received.year}-F{serial:07d}",
                receipt_code=f"F{serial:011d}",
                pin_digest=digest,
                channel=rng.choice(channels),
                intake_level=Complaint.IntakeLevel.COUNTY,
                village_id=rng.choice(villages),
                category_id=rng.choice(categories),
                description="压测：统计用案件。",
                received_on=received,
                owner_leader=leader if rng.random() < 0.05 else None,
                hard_case=rng.random() < 0.01,
                assigned_unit="宕昌县纪委监委信访室",
            )
            if rng.random() < 0.05:
                row.state = S.NOT_ACCEPTED
                row.not_accepted_on = received + datetime.timedelta(days=3)
                rows.append(row)
                continue
            accepted = received + datetime.timedelta(days=rng.randint(0, 5))
            due = accepted + datetime.timedelta(days=60)
            took = rng.randint(5, 80)
            concluded = accepted + datetime.timedelta(days=took)
            row.accepted_on = accepted
            row.conclusion_due_on = due
            if concluded < today:
                row.first_concluded_on = row.concluded_on = concluded
                row.conclusion_days = took
                resolved = concluded + datetime.timedelta(days=10)
                if resolved < today and rng.random() < 0.9:
                    row.state = S.CLOSED
                    row.closed_on = row.resolved_on = resolved
                else:
                    row.state = S.CONCLUDED
            else:
                row.state = S.IN_PROGRESS
                row.due_kind = "conclusion"
                row.due_date = due
            rows.append(row)
        with transaction.atomic():
            Complaint.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
    return made


def _last_month():
    from supervision.services import analysis

    return analysis.last_complete_month()


def op_cases(args: dict) -> dict:
    import datetime

    from django.db import connection

    from supervision.models import Complaint

    period = _last_month()
    if args["spread"] == "month":
        first, last = period.start, period.end
    else:  # the two years ending with last month: this year and the one compared with
        first, last = period.start.replace(year=period.start.year - 2), period.end
        first += datetime.timedelta(days=1)
    started = time.perf_counter()
    made = build_figure_cases(args["count"], first, last, start=args.get("start", 0))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE supervision_complaint")
    return {
        "added": made,
        "wall_s": round(time.perf_counter() - started, 1),
        "total": Complaint.objects.count(),
    }


def op_report(args: dict) -> dict:
    """The county's monthly report PDF for last month, built twice (the first loads fonts)."""
    from supervision.services import monthly_report, stats
    from villages.models import CountyPage

    county = CountyPage.objects.get(division_code=COUNTY_CODE)
    period = _last_month()
    runs = []
    size = 0
    for _ in range(2):
        started = time.perf_counter()
        content = monthly_report.render(county, period)
        runs.append(round(time.perf_counter() - started, 2))
        size = len(content)
    received = stats.report(county, period, with_breakdowns=False)["received"].value
    return {
        "received_in_month": received,
        "runs_s": runs,
        "pdf_kb": round(size / 1024),
        "peak_rss_mb": _rss_peak_mb(),
    }


def op_dashboard(args: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from .calls import BENCH_HOST

    out = {}
    for label, username in args["users"].items():
        client = Client(HTTP_HOST=BENCH_HOST)
        client.force_login(get_user_model().objects.get(username=username))
        url = reverse("supervision_analysis:index")
        client.get(url)  # warm
        times = []
        for _ in range(args["repeat"]):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} as {username}: {response.status_code}")
        out[label] = {
            "median_ms": round(statistics.median(times)),
            "max_ms": round(max(times)),
            "queries": len(queries),
            "bytes": len(response.content),
        }
    return out


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    ops = {"cases": op_cases, "report": op_report, "dashboard": op_dashboard}
    result = ops[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def run_report_scenario(case, options, env, server) -> dict:
    from .environment import django_op, log

    setup = django_op(
        env, "tests.bench.analysis_scale", "cases", {"count": REPORT_CASES, "spread": "month"}
    )
    log(f"{case.name}: {setup['added']} cases in last month added in {setup['wall_s']} s")
    result = django_op(env, "tests.bench.analysis_scale", "report", {})
    runs = result["runs_s"]
    lines = [
        f"{case.name} ({env.database.engine}; {result['received_in_month']} received in the "
        f"month): PDF {runs[0]} s cold, {runs[1]} s warm (target < 10 s), "
        f"{result['pdf_kb']} KB, peak RSS {result['peak_rss_mb']} MB"
    ]
    for line in lines:
        log(line)
    return {"setup": setup, **result, "table_lines": lines}


def run_dashboard_scenario(case, options, env, server) -> dict:
    from .case_scale import _own_postgres
    from .environment import django_op, log

    with contextlib.ExitStack() as stack:
        if env.database.engine != "postgresql":
            env, _server, skipped = _own_postgres(case, options, env, stack)
            if skipped:
                log(f"{case.name}: SKIPPED, {skipped}")
                return {"skipped": skipped, "table_lines": [f"{case.name}: SKIPPED ({skipped})"]}
        setup = django_op(
            env,
            "tests.bench.analysis_scale",
            "cases",
            {"count": DASHBOARD_CASES, "spread": "two_years"},
        )
        log(f"{case.name}: {setup['added']} cases over two years added in {setup['wall_s']} s")
        result = django_op(
            env,
            "tests.bench.analysis_scale",
            "dashboard",
            {
                "users": {"county": "petition_tanchang", "city": "city_longnan"},
                "repeat": DASHBOARD_REPEAT,
            },
        )
    lines = [f"{case.name} (PostgreSQL; {setup['total']} cases):"] + [
        f"  {label:<8} median {r['median_ms']} ms, max {r['max_ms']} ms, "
        f"{r['queries']} SQL queries, {r['bytes'] // 1024} KB"
        for label, r in result.items()
    ]
    for line in lines:
        log(line)
    return {"setup": setup, "dashboard": result, "table_lines": lines}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
