"""Scenario: the ledger (台账) export of 100,000 cases (issue 11, part 5) to XLSX and to CSV, each
the task worker's body (services/ledger.build_export) in a subprocess of its own, so each has its
own peak RSS. Targets: under 30 s and under 300 MB each.

Harness side (``run_scenario``): ``setup`` adds ``BENCH_LEDGER_CASES`` (default 100,000) cases
to 宕昌县 in bulk (case_scale.build_open_cases: bench rows, not intake), half of them real-name
with a reporter's name, and a return visit on one in ten; then ``export`` once per format, as
宕昌县信访室 (petition_tanchang), who sees full names: the worst case, since every real name is
decrypted and every look is logged (50,000 IdentityAccess rows written in the same transaction).

Django side: ``python -m tests.bench.ledger_export OP ARGS.json RESULT.json`` (bench settings).
Wall times depend on what else the machine does; CPU seconds (user + system) are given beside.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

CASES = int(os.environ.get("BENCH_LEDGER_CASES", "100000"))
TARGET_S, TARGET_MB = 30, 300
USER = "petition_tanchang"


def _usage() -> dict:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def op_setup(args: dict) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from supervision.models import Complaint, ReturnVisit

    from .case_scale import build_open_cases

    started = time.perf_counter()
    build_open_cases(args["cases"], start=500_000)
    ids = list(
        Complaint.objects.filter(number__contains="-B").order_by("pk").values_list("pk", flat=True)
    )
    named = ids[::2]
    with transaction.atomic():
        for i in range(0, len(named), 5000):
            Complaint.objects.filter(pk__in=named[i : i + 5000]).update(
                real_name=True, reporter_name="张三明"
            )
        now = timezone.now()
        visited = ids[::10]
        ReturnVisit.objects.bulk_create(
            [ReturnVisit(case_id=pk, at=now, result="satisfied", method="phone") for pk in visited],
            batch_size=2000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE supervision_complaint")
    return {
        "cases": len(ids),
        "named": len(named),
        "setup_s": round(time.perf_counter() - started, 1),
    }


def op_export(args: dict) -> dict:
    from django.contrib.auth import get_user_model

    from supervision.models import IdentityAccess, LedgerExport
    from supervision.services import ledger
    from supervision.tasks import build_ledger_export

    user = get_user_model().objects.get(username=USER)
    export = LedgerExport.objects.create(user=user, query={}, file_format=args["format"])
    looks_before = IdentityAccess.objects.count()
    started = time.perf_counter()
    build_ledger_export.call(export.pk)
    wall = time.perf_counter() - started
    export.refresh_from_db()
    if export.status != LedgerExport.Status.DONE:
        raise RuntimeError(f"export {export.status}: {export.error}")
    path = ledger.export_path(export)
    return {
        "wall_s": round(wall, 2),
        **_usage(),
        "rows": export.rows,
        "file_mb": round(path.stat().st_size / 1024 / 1024, 1),
        "looks_logged": IdentityAccess.objects.count() - looks_before,
    }


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    result = {"setup": op_setup, "export": op_export}[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _run(env, op: str, args: dict) -> dict:
    """The Django side in a process of its own (its peak RSS is the step's own)."""
    from .environment import django_op

    return django_op(env, "tests.bench.ledger_export", op, args)


def table_lines(name: str, outcome: dict) -> list[str]:
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    setup = outcome["setup"]
    lines = [
        f"{name}: {setup['cases']:,} cases ({setup['named']:,} real-name, full names for "
        f"{USER}); setup {setup['setup_s']} s"
    ]
    for fmt in ("xlsx", "csv"):
        r = outcome[fmt]
        lines.append(
            f"  {fmt:<4} {r['rows']:,} rows, {r['file_mb']} MB: {r['wall_s']:>6.1f} s wall "
            f"[{ok(r['wall_s'] < TARGET_S)} < {TARGET_S} s] ({r['cpu_s']:.1f} s CPU), peak RSS "
            f"{r['peak_rss_mb']} MB [{ok(r['peak_rss_mb'] < TARGET_MB)} < {TARGET_MB} MB], "
            f"{r['looks_logged']:,} looks logged"
        )
    return lines


def run_scenario(case, options, env, server) -> dict:
    from .environment import log

    outcome = {"cases": CASES}
    outcome["setup"] = _run(env, "setup", {"cases": CASES})
    log(f"{case.name}: {outcome['setup']['cases']} cases in {outcome['setup']['setup_s']} s")
    for fmt in ("xlsx", "csv"):
        outcome[fmt] = _run(env, "export", {"format": fmt})
        log(f"{case.name}: {fmt} {outcome[fmt]['wall_s']} s, {outcome[fmt]['peak_rss_mb']} MB")
    outcome["table_lines"] = table_lines(case.name, outcome)
    for line in outcome["table_lines"]:
        log(line)
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
