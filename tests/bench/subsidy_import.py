"""Scenario: a 100,000-row subsidy workbook imported into one disclosure (issue 10, part 4): our
import (preview + confirm, the task bodies) against django-import-export's default row-by-row
`import_data` of the same file into the same model.

Harness side (``run_scenario``): each step runs in a subprocess of its own, one after the other,
so that each has its own peak RSS: ``setup`` (a disclosure page in a village of another county
than the one the HTTP cases read, the workbook written by ``make_subsidy_workbook``, the upload
staged), ``preview``, ``confirm``, then ``baseline``.

Django side (``python -m tests.bench.subsidy_import OP ARGS.json RESULT.json``, bench settings).
``baseline`` is the library's default path: the workbook loaded by tablib
(``Dataset().load(..., format="xlsx")``), then ``SubsidyRowResource().import_data(dataset)``
with default options (no bulk, a diff per row, one save per row). Done on all 100,000 rows it
takes many minutes, so it runs on the first ``BENCH_SUBSIDY_BASELINE_ROWS`` rows (default
10,000) and the per-row time is scaled to the whole file, plus the time tablib takes to load
the whole file; the output says so. The table written by the baseline (unmasked: the library
knows nothing of masking) is deleted afterwards.

Wall times depend on what else the machine does; CPU seconds (user + system) of the step's
process are reported next to them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_SUBSIDY_ROWS", "100000"))
BASELINE_ROWS = int(os.environ.get("BENCH_SUBSIDY_BASELINE_ROWS", "10000"))
TARGET_S, TARGET_MB, TARGET_RATIO = 60, 500, 5


# --- Django side --------------------------------------------------------------------------------


def _usage() -> dict:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def _cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _page(title: str, slug: str):
    import datetime

    from disclosures.models import DisclosurePage
    from villages.models import CountyPage, VillagePage

    county = CountyPage.objects.exclude(title="宕昌县").order_by("path").first()
    village = VillagePage.objects.descendant_of(county).order_by("path").first()
    if not village.group_count:
        village.group_count = 8
        village.save(update_fields=["group_count"])
    page = DisclosurePage(
        title=title,
        slug=slug,
        kind="subsidy",
        period_type="quarter",
        period_start=datetime.date(2026, 7, 1),
    )
    village.add_child(instance=page)
    page.save_revision()
    return page


def op_setup(args: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from disclosures.import_jobs import DisclosureImport
    from disclosures.services import staging

    workbook = Path(args["tmpdir"]) / "subsidy-100k.xlsx"
    started = time.perf_counter()
    call_command("make_subsidy_workbook", rows=args["rows"], out=str(workbook), groups=8)
    generated = time.perf_counter() - started
    page = _page("压测：2026年第3季度惠民补贴发放明细", "bench-subsidy-import")
    baseline_page = _page("压测：逐行导入对照", "bench-subsidy-baseline")
    user = get_user_model().objects.create_superuser("bench-subsidy-importer", password=None)
    token = staging.save(user.pk, page.pk, {"file": (workbook.name, workbook.read_bytes())})
    job = DisclosureImport.objects.create(
        page=page, user=user, token=token, file_name=workbook.name, row_kind="subsidy"
    )
    return {
        "job": job.pk,
        "baseline_page": baseline_page.pk,
        "workbook": str(workbook),
        "file_mb": round(workbook.stat().st_size / 1024 / 1024, 2),
        "generate_s": round(generated, 2),
    }


def op_step(args: dict) -> dict:
    from disclosures.import_jobs import DisclosureImport
    from disclosures.models import SubsidyRow
    from disclosures.services import affairs_import_jobs

    job_id = args["job"]
    started = time.perf_counter()
    if args["step"] == "preview":
        affairs_import_jobs.preview_disclosure_import.call(job_id)
        expected = DisclosureImport.Status.READY
    else:
        DisclosureImport.objects.filter(pk=job_id).update(
            stage=DisclosureImport.Stage.CONFIRM, status=DisclosureImport.Status.QUEUED
        )
        affairs_import_jobs.confirm_disclosure_import.call(job_id)
        expected = DisclosureImport.Status.DONE
    wall = time.perf_counter() - started
    job = DisclosureImport.objects.get(pk=job_id)
    if job.status != expected:
        errors = (job.report or {}).get("errors", [])[:5]
        raise RuntimeError(f"{args['step']}: job {job.status}: {job.message} {errors}")
    result = {"wall_s": round(wall, 2), **_usage(), "rows": job.report.get("rows")}
    if args["step"] == "confirm":
        result["stored_rows"] = SubsidyRow.objects.filter(table=job.table_id).count()
        if result["stored_rows"] != job.report["rows"]:
            raise RuntimeError(f"confirm: {result['stored_rows']} rows stored")
    return result


def op_baseline(args: dict) -> dict:
    import tablib

    from disclosures.affairs_resources import SubsidyRowResource
    from disclosures.models import DisclosurePage, DisclosureTable

    page = DisclosurePage.objects.get(pk=args["page"])
    cpu_started = _cpu()
    started = time.perf_counter()
    with open(args["workbook"], "rb") as handle:
        whole = tablib.Dataset().load(handle, format="xlsx")
    load_s = time.perf_counter() - started
    load_cpu = _cpu() - cpu_started
    total_rows = len(whole)
    prefix = tablib.Dataset(*whole[: args["rows"]], headers=whole.headers)
    del whole
    table = DisclosureTable.objects.create(
        row_kind="subsidy", village_id=page.get_parent().pk, page=page, digest="baseline"
    )
    prefix.append_col([table.pk] * len(prefix), header="table")
    prefix.append_col(list(range(2, len(prefix) + 2)), header="line")
    cpu_started = _cpu()
    started = time.perf_counter()
    result = SubsidyRowResource().import_data(prefix)  # the library's defaults
    import_s = time.perf_counter() - started
    import_cpu = _cpu() - cpu_started
    if result.has_errors() or result.has_validation_errors():
        raise RuntimeError(f"baseline import had errors: {result.totals}")
    imported = result.totals.get("new", 0)
    table.delete()
    per_row_ms = 1000 * import_s / max(imported, 1)
    return {
        "rows": imported,
        "file_rows": total_rows,
        "load_whole_file_s": round(load_s, 2),
        "import_s": round(import_s, 2),
        "per_row_ms": round(per_row_ms, 3),
        "estimated_whole_file_s": round(load_s + per_row_ms * total_rows / 1000, 1),
        "load_cpu_s": round(load_cpu, 2),
        "import_cpu_s": round(import_cpu, 2),
        "estimated_whole_file_cpu_s": round(
            load_cpu + import_cpu * total_rows / max(imported, 1), 1
        ),
        **_usage(),
    }


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    result = {"setup": op_setup, "step": op_step, "baseline": op_baseline}[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _run(env, op: str, args: dict, label: str) -> dict:
    from .environment import ROOT, BenchError

    spec = env.tmpdir / f"subsidy-{label}.json"
    out = env.tmpdir / f"subsidy-{label}.out.json"
    log_path = env.tmpdir / f"subsidy-{label}.log"
    spec.write_text(json.dumps(args), encoding="utf-8")
    with open(log_path, "wb") as log:
        process = subprocess.run(
            [sys.executable, "-m", "tests.bench.subsidy_import", op, str(spec), str(out)],
            cwd=ROOT,
            env=env.variables,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if process.returncode != 0 or not out.exists():
        tail = log_path.read_text(errors="replace")[-3000:]
        raise BenchError(f"subsidy import {label} failed ({process.returncode}):\n{tail}")
    return json.loads(out.read_text(encoding="utf-8"))


def table_lines(name: str, outcome: dict) -> list[str]:
    preview, confirm, base = outcome["preview"], outcome["confirm"], outcome["baseline"]
    ours_s = preview["wall_s"] + confirm["wall_s"]
    ours_cpu = preview["cpu_s"] + confirm["cpu_s"]
    peak = max(preview["peak_rss_mb"], confirm["peak_rss_mb"])
    ratio = base["estimated_whole_file_s"] / ours_s if ours_s else 0
    cpu_ratio = base["estimated_whole_file_cpu_s"] / ours_cpu if ours_cpu else 0
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    rows = preview["rows"]
    return [
        f"{name}: {rows:,} rows, workbook {outcome['setup']['file_mb']} MB",
        f"  ours   preview {preview['wall_s']:>7.1f} s wall ({preview['cpu_s']:.1f} s CPU), "
        f"peak RSS {preview['peak_rss_mb']} MB",
        f"  ours   confirm {confirm['wall_s']:>7.1f} s wall ({confirm['cpu_s']:.1f} s CPU), "
        f"peak RSS {confirm['peak_rss_mb']} MB",
        f"  ours   total   {ours_s:>7.1f} s wall [{ok(ours_s < TARGET_S)} < {TARGET_S} s], "
        f"peak {peak} MB [{ok(peak < TARGET_MB)} < {TARGET_MB} MB]",
        f"  library default import_data, row by row: {base['rows']:,} rows in "
        f"{base['import_s']} s ({base['per_row_ms']} ms/row) + tablib load of the whole file "
        f"{base['load_whole_file_s']} s; peak RSS {base['peak_rss_mb']} MB",
        f"  library default, SCALED from {base['rows']:,} to {base['file_rows']:,} rows: "
        f"~{base['estimated_whole_file_s']} s wall, ~{base['estimated_whole_file_cpu_s']} s CPU",
        f"  ratio  default / ours = {ratio:.2f}x wall [{ok(ratio >= TARGET_RATIO)} >= "
        f"{TARGET_RATIO}x]; {cpu_ratio:.2f}x in CPU seconds",
    ]


def run_scenario(case, options, env, server) -> dict:
    from .environment import log

    outcome = {"rows": ROWS, "baseline_rows": BASELINE_ROWS}
    outcome["setup"] = _run(env, "setup", {"rows": ROWS, "tmpdir": str(env.tmpdir)}, "setup")
    log(f"{case.name}: workbook {outcome['setup']['file_mb']} MB")
    for step in ("preview", "confirm"):
        outcome[step] = _run(env, "step", {"job": outcome["setup"]["job"], "step": step}, step)
        log(f"{case.name}: {step} {outcome[step]['wall_s']} s, {outcome[step]['peak_rss_mb']} MB")
    outcome["baseline"] = _run(
        env,
        "baseline",
        {
            "page": outcome["setup"]["baseline_page"],
            "workbook": outcome["setup"]["workbook"],
            "rows": BASELINE_ROWS,
        },
        "baseline",
    )
    outcome["table_lines"] = table_lines(case.name, outcome)
    for line in outcome["table_lines"]:
        log(line)
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
