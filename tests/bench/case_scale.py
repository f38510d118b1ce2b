"""Scenario: a county with many open cases (issue 9): the early-warning job over them (time,
queries, peak memory; a second run must send nothing) and the county's case list through
gunicorn (p50/p99 and a query count that does not grow with the rows).

It runs on PostgreSQL, as the issue states it. When the bench's own database is PostgreSQL
(BENCH_DATABASE_URL) the scenario uses it and the bench's gunicorn; otherwise it creates a
database of its own (BENCH_CASES_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/xiaowei_bench_cases), migrates and seeds it, starts a second
gunicorn on it and drops it afterwards. PostgreSQL unreachable: the scenario says SKIPPED.

Two phases on the same database: 1,000 open cases, then 99,000 more (``BENCH_CASES_OPEN``,
default 100,000). At each: the list's SQL queries (page 1 and a later page, in-process), the
list under load (``BENCH_CASE_LIST_REQUESTS``) next to the trivial view on the same server, and
the warning job run twice. The table shows the large phase against the small one as ratios.

Django side (``python -m tests.bench.case_scale OP ARGS.json RESULT.json``, bench settings):
``setup`` adds open cases to 宕昌县's demo villages in bulk (``build_open_cases``: bench rows,
not intake, which would take longer than the measurement); ``warn`` runs
services.warnings.run() twice; ``session`` logs a user in and returns the session cookie;
``list`` counts the list's queries.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

CASES = int(os.environ.get("BENCH_CASES_OPEN", "100000"))
SMALL = min(1000, CASES)
LIST_REQUESTS = int(os.environ.get("BENCH_CASE_LIST_REQUESTS", "200"))
CASES_DATABASE_URL = os.environ.get(
    "BENCH_CASES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xiaowei_bench_cases"
)
LIST_PATH = "/admin/cases/"
LIST_USER = "petition_tanchang"  # 宕昌县信访室: the county's whole case list
COUNTY_CODE = "621223"  # 宕昌县
BATCH = 5000
DUE_FROM, DUE_TO = -40, 60  # due dates, days from today: about 40% red, 4% yellow


# --- Django side --------------------------------------------------------------------------------


def _rss_peak_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def build_open_cases(count: int, *, start: int = 0, seed: int = 8, today=None) -> int:
    """Add ``count`` open cases to the villages of 宕昌县 in bulk, as the case path would have
    left them: every open state, the running deadline stored (acceptance for a registered
    case, conclusion after acceptance, 30 days more when extended) and due from 40 days ago to
    60 days ahead, so the warning job colours some red and some yellow. A case of 阿坞镇 is
    handled by its discipline committee (jiwei_awu), any other by the county petition office
    (petition_tanchang); one in twenty has the county leader (leader_tanchang) owning it. Numbers
    are 621223-<year>-B<serial>, ``start`` the first serial. Returns the number added."""
    import datetime
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from supervision.models import Complaint, ComplaintCategory
    from supervision.services import receipts
    from villages.models import CountyPage, TownshipPage, VillagePage

    rng = random.Random(seed + start)
    county = CountyPage.objects.get(division_code=COUNTY_CODE)
    awu = TownshipPage.objects.descendant_of(county).get(division_code=f"{COUNTY_CODE}106")
    villages = list(VillagePage.objects.descendant_of(county).values_list("pk", "path"))
    categories = list(ComplaintCategory.objects.values_list("pk", flat=True))
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["jiwei_awu", "petition_tanchang", "leader_tanchang"]
        )
    }
    today = today or timezone.localdate()
    S = Complaint.State
    states = [S.REGISTERED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.EXTENDED]
    channels = [
        Complaint.Channel.ONLINE,
        Complaint.Channel.PHONE,
        Complaint.Channel.LETTER,
        Complaint.Channel.VISIT,
    ]
    kinds = [Complaint.Kind.PETITION] * 8 + [Complaint.Kind.ACCUSATION, Complaint.Kind.SUGGESTION]
    texts = [
        "惠民补贴发放名单没有公示。",
        "村集体土地流转收入去向不明。",
        "低保评定时村干部优亲厚友。",
        "修路工程款拖欠农民工工资。",
    ]
    tz = timezone.get_current_timezone()
    made = 0
    while made < count:
        rows = []
        for _ in range(min(BATCH, count - made)):
            serial = start + made + len(rows) + 1
            village_id, path = rng.choice(villages)
            state = rng.choice(states)
            due = today + datetime.timedelta(days=rng.randint(DUE_FROM, DUE_TO))
            if state == S.REGISTERED:
                received, accepted, due_kind, extension = (
                    due - datetime.timedelta(15),
                    None,
                    "acceptance",
                    0,
                )
            else:
                extension = 30 if state == S.EXTENDED else 0
                accepted = due - datetime.timedelta(days=60 + extension)
                received = accepted - datetime.timedelta(days=rng.randint(0, 14))
                due_kind = "conclusion"
            handler = None
            if state != S.REGISTERED:
                local = path.startswith(awu.path)
                handler = users["jiwei_awu" if local else "petition_tanchang"]
            created = datetime.datetime.combine(
                received, datetime.time(8 + rng.randint(0, 9), rng.randint(0, 59)), tzinfo=tz
            )
            channel = rng.choice(channels)
            receipt = receipts.new_receipt_code()
            rows.append(
                Complaint(
                    number=f"{COUNTY_CODE}-{received.year}-B{serial:06d}",
                    receipt_code=receipt,
                    pin_digest=receipts.pin_digest(receipt, "000000"),
                    kind=rng.choice(kinds),
                    channel=channel,
                    state=state,
                    village_id=village_id,
                    category_id=rng.choice(categories),
                    description="压测：" + rng.choice(texts),
                    received_on=received,
                    created_at=created,
                    updated_at=created,
                    logged_by=None
                    if channel == Complaint.Channel.ONLINE
                    else users["petition_tanchang"],
                    accepted_on=accepted,
                    handler=handler,
                    assigned_unit="" if handler is None else "宕昌县纪委监委信访室",
                    owner_leader=users["leader_tanchang"] if rng.random() < 0.05 else None,
                    extension_days=extension,
                    due_kind=due_kind,
                    due_date=due,
                )
            )
        with transaction.atomic():
            Complaint.objects.bulk_create(rows, batch_size=1000)
        made += len(rows)
    return made


def op_setup(args: dict) -> dict:
    from supervision.models import Complaint

    started = time.perf_counter()
    from django.db import connection

    made = build_open_cases(args["cases"], start=args.get("start", 0))
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load: the planner sees the real row counts.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE supervision_complaint")
    wall = time.perf_counter() - started
    return {"added": made, "wall_s": round(wall, 1), "total": Complaint.objects.count()}


def op_warn(args: dict) -> dict:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from supervision.models import Complaint
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
    counts = dict.fromkeys(Complaint.Warning.values, 0)
    for colour in Complaint.objects.values_list("warning", flat=True).iterator():
        counts[colour] += 1
    return {
        "runs": runs,
        "open_cases": Complaint.objects.filter(due_date__isnull=False).count(),
        "colours": counts,
        "outbox": len(getattr(mail, "outbox", [])),
        "peak_rss_mb": _rss_peak_mb(),
    }


def op_session(args: dict) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=args["username"]))
    name = settings.SESSION_COOKIE_NAME
    return {"cookie": f"{name}={client.cookies[name].value}"}


def op_list_queries(args: dict) -> dict:
    """SQL queries of the case list per path, second request (the first warms caches)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .calls import BENCH_HOST

    client = Client(HTTP_HOST=BENCH_HOST)
    client.force_login(get_user_model().objects.get(username=args["username"]))
    counts = {}
    for label, path in args["paths"].items():
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[label] = {
            "path": path,
            "status": response.status_code,
            "queries": len(queries),
            "sql": [q["sql"][:300] for q in queries.captured_queries],
        }
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


def _own_postgres(case, options, env, stack: contextlib.ExitStack):
    """A PostgreSQL database and gunicorn of the scenario's own, or the reason it cannot have
    them. The bench's collected static files are reused."""
    from .environment import (
        BenchEnv,
        BenchError,
        log,
        manage,
        prepare_database,
        start_gunicorn,
    )

    try:
        import psycopg

        database = prepare_database(CASES_DATABASE_URL, env.tmpdir, stack, options.keep)
    except (ImportError, psycopg.Error, OSError) as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return None, None, f"PostgreSQL unreachable at {CASES_DATABASE_URL}: {reason}"
    variables = env.with_overrides(
        DATABASE_URL=database.url,
        CACHE_KEY_PREFIX=env.variables["CACHE_KEY_PREFIX"] + "-cases",
    )
    own = BenchEnv(tmpdir=env.tmpdir, database=database, variables=variables)
    for args in (("migrate", "--no-input", "-v", "0"), ("seed_demo", "--allow-production")):
        log(f"{case.name}: {args[0]} done in {manage(own, *args):.1f}s")
    server = start_gunicorn(own, options.workers, stack)
    if server is None:
        raise BenchError(f"{case.name}: gunicorn did not start")
    return own, server, None


def _load(case, server, path: str, requests: int, concurrency: int, headers=None) -> dict:
    from .environment import BenchError
    from .load import run_load
    from .report import summarize_http

    run_load(
        "127.0.0.1",
        server.port,
        path,
        max(concurrency, requests // 10),
        concurrency,
        headers=headers,
    )  # warm-up
    result = run_load("127.0.0.1", server.port, path, requests, concurrency, headers=headers)
    if result.failures:
        raise BenchError(
            f"{case.name}: GET {path} failed: {dict(result.statuses)} {dict(result.errors)}\n"
            f"{server.log_tail()}"
        )
    summary = summarize_http(result)
    return {k: summary[k] for k in ("requests", "rps", "p50_ms", "p99_ms", "bytes")}


def _phase(case, options, env, server, cookie: str, total: int) -> dict:
    """Measure the list and the warning job with ``total`` open bench cases in the database."""
    from .environment import BenchError, django_op, log

    pages = max(1, min(total, 2500) // 50)  # 50 rows a page; a later page at offset <= 2450
    counts = django_op(
        env,
        "tests.bench.case_scale",
        "list",
        {"username": LIST_USER, "paths": {"page 1": LIST_PATH, "later": f"{LIST_PATH}?p={pages}"}},
    )
    for count in counts.values():
        if count["status"] != 200:
            raise BenchError(f"{case.name}: {count['path']} answered {count['status']}")
    trivial = _load(case, server, "/bench/trivial", LIST_REQUESTS * 4, options.concurrency)
    listing = _load(
        case, server, LIST_PATH, LIST_REQUESTS, options.concurrency, headers={"Cookie": cookie}
    )
    listing["vs_trivial"] = round(listing["rps"] / trivial["rps"], 4)
    log(
        f"{case.name} at {total}: list p50 {listing['p50_ms']} ms p99 {listing['p99_ms']} ms "
        f"({listing['vs_trivial']}x trivial), SQL {counts['page 1']['queries']}/"
        f"{counts['later']['queries']}"
    )
    warn_env = type(env)(
        tmpdir=env.tmpdir,
        database=env.database,
        variables=env.with_overrides(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    )
    warning = django_op(warn_env, "tests.bench.case_scale", "warn", {})
    first, second = warning["runs"]
    log(
        f"{case.name} at {total}: warning job {first['wall_s']} s / {first['queries']} queries / "
        f"{first['notices']} notices, again {second['wall_s']} s / {second['notices']} notices"
    )
    if second["notices"] or second["emails"]:
        raise BenchError(f"{case.name}: the second warning run sent again: {second}")
    return {
        "open_cases": warning["open_cases"],
        "list_queries": {k: v["queries"] for k, v in counts.items()},
        "list_sql": counts["page 1"]["sql"],
        "trivial": trivial,
        "list": listing,
        "warning_job": warning,
    }


def _ratio(a, b) -> str:
    return f"{a / b:.2f}x" if a and b else "-"


def _table_lines(name: str, small: dict, large: dict) -> list[str]:
    s_list, l_list = small["list"], large["list"]
    s_warn, l_warn = small["warning_job"]["runs"], large["warning_job"]["runs"]
    n_s, n_l = small["open_cases"], large["open_cases"]
    per_k = lambda run, n: run["wall_s"] * 1000 / n if n else 0  # noqa: E731
    return [
        f"{name} (PostgreSQL; open cases {n_s} -> {n_l}, x{n_l / max(n_s, 1):.0f}):",
        f"  {'':<34} {f'{n_s} cases':>14} {f'{n_l} cases':>14} {'ratio':>8}",
        *(
            f"  {label:<34} {a!s:>14} {b!s:>14} {r:>8}"
            for label, a, b, r in (
                (
                    "case list p50 ms",
                    s_list["p50_ms"],
                    l_list["p50_ms"],
                    _ratio(l_list["p50_ms"], s_list["p50_ms"]),
                ),
                (
                    "case list p99 ms",
                    s_list["p99_ms"],
                    l_list["p99_ms"],
                    _ratio(l_list["p99_ms"], s_list["p99_ms"]),
                ),
                (
                    "case list req/s",
                    s_list["rps"],
                    l_list["rps"],
                    _ratio(l_list["rps"], s_list["rps"]),
                ),
                (
                    "case list vs trivial (req/s)",
                    f"{s_list['vs_trivial']:.4f}x",
                    f"{l_list['vs_trivial']:.4f}x",
                    _ratio(l_list["vs_trivial"], s_list["vs_trivial"]),
                ),
                (
                    "case list SQL page 1 / later page",
                    f"{small['list_queries']['page 1']}/{small['list_queries']['later']}",
                    f"{large['list_queries']['page 1']}/{large['list_queries']['later']}",
                    _ratio(large["list_queries"]["page 1"], small["list_queries"]["page 1"]),
                ),
                (
                    "warning job 1st run s",
                    s_warn[0]["wall_s"],
                    l_warn[0]["wall_s"],
                    _ratio(l_warn[0]["wall_s"], s_warn[0]["wall_s"]),
                ),
                (
                    "warning job 1st run s/1000 cases",
                    f"{per_k(s_warn[0], n_s):.2f}",
                    f"{per_k(l_warn[0], n_l):.2f}",
                    _ratio(per_k(l_warn[0], n_l), per_k(s_warn[0], n_s)),
                ),
                (
                    "warning job 1st run queries",
                    s_warn[0]["queries"],
                    l_warn[0]["queries"],
                    _ratio(l_warn[0]["queries"], s_warn[0]["queries"]),
                ),
                (
                    "warning job 1st run notices (new)",
                    s_warn[0]["notices"],
                    l_warn[0]["notices"],
                    "",
                ),
                (
                    "warning job 2nd run s / queries",
                    f"{s_warn[1]['wall_s']}/{s_warn[1]['queries']}",
                    f"{l_warn[1]['wall_s']}/{l_warn[1]['queries']}",
                    _ratio(l_warn[1]["wall_s"], s_warn[1]["wall_s"]),
                ),
                ("warning job 2nd run notices", s_warn[1]["notices"], l_warn[1]["notices"], ""),
                (
                    "warning job peak RSS MB",
                    small["warning_job"]["peak_rss_mb"],
                    large["warning_job"]["peak_rss_mb"],
                    _ratio(
                        large["warning_job"]["peak_rss_mb"], small["warning_job"]["peak_rss_mb"]
                    ),
                ),
            )
        ),
    ]


def run_scenario(case, options, env, server) -> dict:
    from .environment import BenchError, django_op, log

    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if env.database.engine != "postgresql":
            env, server, skipped = _own_postgres(case, options, env, stack)
            if skipped:
                log(f"{case.name}: SKIPPED, {skipped}")
                return {"skipped": skipped, "table_lines": [f"{case.name}: SKIPPED ({skipped})"]}
        outcome = {"cases": CASES, "database": env.database.name}
        cookie = django_op(env, "tests.bench.case_scale", "session", {"username": LIST_USER})
        setups = [django_op(env, "tests.bench.case_scale", "setup", {"cases": SMALL})]
        log(f"{case.name}: {SMALL} open cases added in {setups[0]['wall_s']} s")
        small = _phase(case, options, env, server, cookie["cookie"], SMALL)
        setups.append(
            django_op(
                env, "tests.bench.case_scale", "setup", {"cases": CASES - SMALL, "start": SMALL}
            )
        )
        log(f"{case.name}: {CASES - SMALL} more open cases added in {setups[1]['wall_s']} s")
        large = _phase(case, options, env, server, cookie["cookie"], CASES)
        if large["list_queries"]["page 1"] != small["list_queries"]["page 1"]:
            raise BenchError(
                f"{case.name}: the case list's query count grew with the rows: "
                f"{small['list_queries']} -> {large['list_queries']}"
            )
        outcome.update({"setup": setups, "small": small, "large": large})
    outcome["wall_s"] = round(time.perf_counter() - started, 1)
    outcome["table_lines"] = _table_lines(case.name, small, large)
    for line in outcome["table_lines"]:
        log(line)
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
