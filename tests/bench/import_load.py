"""Scenario: a 10,000-item catalog imported (preview, then confirm) while the village page is
under load, against the same page at rest, in one run (issue 6).

Harness side (``run_scenario``, called by the runner once gunicorn is up): GET the village page
at rest; then run each import step in a subprocess of its own while the load generator keeps
requesting the page; report each step's wall time and the subprocess's peak RSS, and the page's
latency at rest and during each step.

Django side (``python -m tests.bench.import_load OP ARGS.json RESULT.json``, bench settings):
``setup`` builds a new catalog under a township of another county (so the page's own content
does not change), writes the three CSV files of ``items`` items and stages them as an upload;
``preview`` and ``confirm`` run the task bodies (services.import_jobs) in this process and
report ``resource.getrusage(RUSAGE_SELF).ru_maxrss``. The import goes to the same database the
page reads, so the figures show whether batches are short enough for pages to keep answering.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ITEMS = int(os.environ.get("BENCH_IMPORT_ITEMS", "10000"))
STEPS_PER_ITEM = 3
RISKS_PER_ITEM = 1
REST_REQUESTS = 400
CHUNK_REQUESTS = 40  # requests per load burst while an import step runs


# --- Django side --------------------------------------------------------------------------------


def _csv(rows: list[list]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _files(items: int) -> dict[str, tuple[str, bytes]]:
    from disclosures.models import PowerCategory
    from disclosures.services import catalog_io

    categories = list(PowerCategory.objects.values_list("name", flat=True))
    headers = {
        s.key: [s.resource.fields[f].column_name for f in s.resource.Meta.export_order]
        for s in catalog_io.SHEETS
    }
    item_rows, step_rows, risk_rows = [headers["items"]], [headers["steps"]], [headers["risks"]]
    for n in range(1, items + 1):
        number = f"B{n}"
        item_rows.append(
            [
                number,
                categories[n % len(categories)],
                f"压测事项{n}：村级集体资产资源处置",
                "《中华人民共和国村民委员会组织法》第二十四条、《甘肃省村务公开条例》",
                "村民委员会",
                "限于本村集体资产，单笔 5 万元以上须经村民代表会议决定。",
                "决定后 5 个工作日内在村务公开栏公示，公示期不少于 7 日。",
                "乡镇纪委、村务监督委员会全程监督。",
                "违反程序的，依规依纪追究相关人员责任。",
                "已发布",
            ]
        )
        for key in range(1, STEPS_PER_ITEM + 1):
            step_rows.append(
                [
                    number,
                    str(key),
                    "村两委",
                    "",
                    f"第{key}步办理",
                    5,
                    "个工作日",
                    "会议记录",
                    "",
                    "",
                ]
            )
        for _ in range(RISKS_PER_ITEM):
            risk_rows.append(
                [number, "程序不规范", "少数人说了算", "中", "全程留痕、公开公示", "", ""]
            )
    return {
        "items": ("事项.csv", _csv(item_rows)),
        "steps": ("步骤.csv", _csv(step_rows)),
        "risks": ("风险.csv", _csv(risk_rows)),
    }


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def op_setup(args: dict) -> dict:
    from django.contrib.auth import get_user_model

    from disclosures.import_jobs import CatalogImport
    from disclosures.models import PowerCatalogPage
    from disclosures.services import staging
    from villages.models import CountyPage, TownshipPage

    county = CountyPage.objects.exclude(title="宕昌县").order_by("path").first()
    township = TownshipPage.objects.child_of(county).order_by("path").first()
    catalog = PowerCatalogPage(title=f"{township.title}压测清单", slug="bench-import", live=True)
    township.add_child(instance=catalog)
    user = get_user_model().objects.create_superuser("bench-importer", password=None)
    files = _files(args["items"])
    token = staging.save(user.pk, catalog.pk, files)
    job = CatalogImport.objects.create(
        catalog=catalog, user=user, token=token, file_names={k: n for k, (n, _) in files.items()}
    )
    return {
        "job": job.pk,
        "catalog": catalog.pk,
        "file_bytes": {key: len(raw) for key, (_name, raw) in files.items()},
    }


def op_step(args: dict) -> dict:
    import resource

    from disclosures.import_jobs import CatalogImport
    from disclosures.services import import_jobs

    job_id = args["job"]
    rss_before = _rss_kb()
    started = time.perf_counter()
    if args["step"] == "preview":
        import_jobs.preview_catalog_import.call(job_id)
        expected = CatalogImport.Status.READY
    else:
        CatalogImport.objects.filter(pk=job_id).update(
            stage=CatalogImport.Stage.CONFIRM, status=CatalogImport.Status.QUEUED
        )
        import_jobs.confirm_catalog_import.call(job_id)
        expected = CatalogImport.Status.DONE
    wall = time.perf_counter() - started
    job = CatalogImport.objects.get(pk=job_id)
    if job.status != expected:
        raise RuntimeError(f"{args['step']}: job {job.status}: {job.message} {job.report}")
    result = {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
        "created": job.report.get("created"),
        "updated": job.report.get("updated"),
    }
    if args["step"] == "confirm":
        from disclosures.models import PowerItemPage

        live = PowerItemPage.objects.child_of(job.catalog).filter(live=True).count()
        if live != job.report.get("created"):
            raise RuntimeError(f"confirm: {live} live items, expected {job.report.get('created')}")
        result["live_items"] = live
    return result


def main(argv: list[str]) -> int:
    op, args_path, out_path = argv
    import django

    django.setup()
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    result = {"setup": op_setup, "step": op_step}[op](args)
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --- harness side -------------------------------------------------------------------------------


def _spawn(env, op: str, args: dict, label: str) -> tuple[subprocess.Popen, Path]:
    from .environment import ROOT

    spec = env.tmpdir / f"import-{label}.json"
    out = env.tmpdir / f"import-{label}.out.json"
    spec.write_text(json.dumps(args), encoding="utf-8")
    log = open(env.tmpdir / f"import-{label}.log", "wb")  # noqa: SIM115 (closed in _result)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.import_load", op, str(spec), str(out)],
        cwd=ROOT,
        env=env.variables,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_file = log
    return process, out


def _result(process: subprocess.Popen, out: Path, label: str) -> dict:
    from .environment import BenchError

    process.wait()
    process.log_file.close()
    if process.returncode != 0 or not out.exists():
        tail = Path(process.log_file.name).read_text(errors="replace")[-3000:]
        raise BenchError(f"import {label} failed ({process.returncode}):\n{tail}")
    return json.loads(out.read_text(encoding="utf-8"))


def _latency(result) -> dict:
    from .report import summarize_http

    summary = summarize_http(result)
    return {k: summary[k] for k in ("requests", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors")}


def run_scenario(case, options, env, server) -> dict:
    from .environment import log
    from .load import LoadResult, run_load

    path = case.scenario_path
    rest = run_load("127.0.0.1", server.port, path, REST_REQUESTS, options.concurrency)
    outcome = {"items": ITEMS, "page": path, "at_rest": _latency(rest)}
    log(f"{case.name}: {path} at rest p99 {outcome['at_rest']['p99_ms']} ms")
    process, out = _spawn(env, "setup", {"items": ITEMS}, "setup")
    outcome["setup"] = _result(process, out, "setup")
    job = outcome["setup"]["job"]
    for step in ("preview", "confirm"):
        process, out = _spawn(env, "step", {"job": job, "step": step}, step)
        during = LoadResult()
        while process.poll() is None:
            chunk = run_load("127.0.0.1", server.port, path, CHUNK_REQUESTS, options.concurrency)
            during.add(chunk)
        outcome[step] = _result(process, out, step)
        outcome[step]["page_during"] = _latency(during) if during.requests else None
        log(
            f"{case.name}: {step} {outcome[step]['wall_s']} s, peak RSS "
            f"{outcome[step]['peak_rss_mb']} MB; {path} p99 during "
            f"{(outcome[step]['page_during'] or {}).get('p99_ms')} ms"
        )
    return outcome


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
