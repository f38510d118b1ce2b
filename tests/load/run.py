"""`make loadtest`: a bounded mixed load on gunicorn (loopback only), then the checks.

Steps: a fresh database (PostgreSQL when LOADTEST_DATABASE_URL or BENCH_DATABASE_URL names one,
its name containing "bench"; else a temporary SQLite file) migrated and seeded with the Longnan
demo (or restored from var/faults/seed-*.dump when the fault tests left a dump of the same
migrations and demo and the database is PostgreSQL); gunicorn with the bench's production
settings on 127.0.0.1 (LOADTEST_PORT, 8330); a db_worker; locust headless for LOADTEST_DURATION
(3m) with LOADTEST_USERS users (18) from tests/load/locustfile.py. Then: no failed request
(a 5xx, a connection error, a form without its receipt) and every receipt code a villager was
shown is in the database exactly once. Prints requests/s and median/p95/p99 per kind and writes
them to var/loadtest/results.json (locust's CSV files beside it).

Django side: ``python -m tests.load.run count ARGS.json RESULT.json`` counts the cases of a run.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "loadtest"


def op_count(args: dict) -> dict:
    from supervision.models import Complaint

    marker = args["marker"]
    rows = Complaint.objects.filter(description__contains=marker).values_list(
        "description", "receipt_code"
    )
    pattern = re.compile(rf"({re.escape(marker)}-\d+-\d+)")
    by_label: dict[str, list[str]] = {}
    for description, code in rows:
        by_label.setdefault(pattern.search(description).group(1), []).append(code)
    return {"cases": sum(len(v) for v in by_label.values()), "by_label": by_label}


def _count_main(argv: list[str]) -> int:
    import django

    django.setup()
    args = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    result = {"count": op_count}[argv[0]](args)
    Path(argv[2]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


def _log(message: str) -> None:
    print(f"loadtest: {message}", file=sys.stderr, flush=True)


def _stats(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _restore_or_seed(env, database) -> str:
    from tests.bench.environment import manage
    from tests.faults.services import CACHE_DIR, PG_BIN, seed_fingerprint

    dump = CACHE_DIR / f"seed-{seed_fingerprint()}.dump"
    if database.engine == "postgresql" and dump.exists():
        subprocess.run(
            [str(PG_BIN / "pg_restore"), "--no-owner", "-d", database.url, str(dump)],
            check=True,
            capture_output=True,
        )
        return f"restored {dump.name}"
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo", "--allow-production")
    return "migrated and seeded"


def run(stack: contextlib.ExitStack) -> int:
    from tests.bench.environment import (
        django_op,
        manage,
        prepare_database,
        production_env,
        temporary_directory,
    )
    from tests.faults.services import Gunicorn

    duration = os.environ.get("LOADTEST_DURATION", "3m")
    users = os.environ.get("LOADTEST_USERS", "18")
    port = int(os.environ.get("LOADTEST_PORT", "8330"))
    url = (
        os.environ.get("LOADTEST_DATABASE_URL", "").strip()
        or os.environ.get("BENCH_DATABASE_URL", "").strip()
        or None
    )
    OUT.mkdir(parents=True, exist_ok=True)
    tmpdir = temporary_directory(stack, keep=False)
    database = prepare_database(url, tmpdir, stack, keep=False)
    env = production_env(tmpdir, database)
    started = time.monotonic()
    how = _restore_or_seed(env, database)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    _log(f"database ({database.engine}) {how}, ready in {time.monotonic() - started:.0f}s")

    server = Gunicorn(env=env.variables, log_path=OUT / "gunicorn.log", port=port, workers=2)
    server.log_path.unlink(missing_ok=True)
    stack.callback(server.stop)
    server.start()
    worker_log = (OUT / "db_worker.log").open("wb")
    stack.callback(worker_log.close)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "1"],
        cwd=ROOT,
        env=env.variables,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    stack.callback(lambda: (worker.terminate(), worker.wait(15)))
    _log(f"gunicorn on 127.0.0.1:{port} (2 workers), a db_worker; locust {users} users, {duration}")

    marker = f"LOAD{uuid.uuid4().hex[:8]}"
    receipts = OUT / "receipts.txt"
    receipts.write_text("", encoding="utf-8")
    prefix = OUT / "locust"
    locust = subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(ROOT / "tests/load/locustfile.py"),
            "--headless", "-u", users, "-r", "3", "-t", duration, "--stop-timeout", "30",
            "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
            "--loglevel", "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "LOAD_MARKER": marker, "LOAD_RECEIPTS": str(receipts)},
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    (OUT / "locust.log").write_text(locust.stdout + locust.stderr, encoding="utf-8")

    rows = _stats(Path(f"{prefix}_stats.csv"))
    failures = _stats(Path(f"{prefix}_failures.csv"))
    shown = {}
    for line in receipts.read_text(encoding="utf-8").splitlines():
        label, code = line.split()
        shown[label] = code.replace("-", "")
    counted = django_op(env, "tests.load.run", "count", {"marker": marker})
    stored = counted["by_label"]
    missing = sorted(k for k in shown if k not in stored)
    twice = sorted(k for k, v in stored.items() if len(v) > 1)
    wrong = sorted(k for k in shown if k in stored and stored[k][0] != shown[k])

    kinds = []
    for row in rows:
        kinds.append(
            {
                "name": row["Name"],
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 2),
                "median_ms": _num(row["50%"]),
                "p95_ms": _num(row["95%"]),
                "p99_ms": _num(row["99%"]),
            }
        )
    total = next(k for k in kinds if k["name"] == "Aggregated")
    result = {
        "duration": duration,
        "users": int(users),
        "database": database.engine,
        "gunicorn_workers": 2,
        "load_average_after": os.getloadavg(),
        "cpus": os.cpu_count(),
        "kinds": kinds,
        "failures": failures,
        "complaints": {
            "acknowledged": len(shown),
            "in_database": counted["cases"],
            "missing": missing[:20],
            "twice": twice[:20],
            "wrong_code": wrong[:20],
        },
        "locust_exit": locust.returncode,
    }
    (OUT / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(f"{'kind':<34} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}")
    for kind in kinds:
        print(
            f"{kind['name']:<34} {kind['requests']:>8} {kind['failures']:>5} {kind['rps']:>7} "
            f"{kind['median_ms']:>6} {kind['p95_ms']:>6} {kind['p99_ms']:>6}"
        )
    print(
        f"complaints acknowledged {len(shown)}, in the database {counted['cases']}, "
        f"missing {len(missing)}, twice {len(twice)}, wrong code {len(wrong)}"
    )
    _log(f"results in {OUT / 'results.json'}")
    problems = []
    if total["failures"] or failures:
        problems.append(f"{total['failures']} failed requests: {failures[:5]}")
    if total["requests"] == 0:
        problems.append(
            f"no requests made; locust said:\n{(locust.stdout + locust.stderr)[-2000:]}"
        )
    if missing or twice or wrong:
        problems.append("acknowledged complaints not in the database exactly once")
    if server.process.poll() is not None:
        problems.append("gunicorn died")
    for problem in problems:
        print(f"LOADTEST FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _num(value: str):
    try:
        return round(float(value))
    except ValueError:
        return None


def main() -> int:
    if len(sys.argv) > 1:
        return _count_main(sys.argv[1:])
    with contextlib.ExitStack() as stack:
        return run(stack)


if __name__ == "__main__":
    sys.exit(main())
