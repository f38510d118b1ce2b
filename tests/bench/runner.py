"""Orchestration: options, the steps of a run, and failing loudly."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import cases as case_registry
from . import plain
from .cases import Case
from .environment import (
    ROOT,
    BenchEnv,
    BenchError,
    Database,
    Server,
    log,
    manage,
    prepare_database,
    production_env,
    start_gunicorn,
    temporary_directory,
)
from .load import Connection, LoadError, LoadResult, run_load
from .report import (
    load_average,
    machine_info,
    render_table,
    summarize_call,
    summarize_http,
    write_json,
)

DEFAULT_REQUESTS = 1500
DEFAULT_CONCURRENCY = 8
DEFAULT_WARMUP = 100
DEFAULT_ROUNDS = 4
DEFAULT_WORKERS = 2
DEFAULT_OUTPUT = ROOT / "var" / "bench" / "results.json"
QUERY_REPEAT = 3


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description="Benchmark the portal under gunicorn with production settings. Options "
        "default to the BENCH_* environment variables named in brackets.",
    )
    parser.add_argument(
        "-n",
        "--requests",
        type=int,
        default=_env_int("BENCH_REQUESTS", DEFAULT_REQUESTS),
        help="measured requests per HTTP case, times the case's weight (4 for the trivial view) "
        f"[BENCH_REQUESTS, {DEFAULT_REQUESTS}]",
    )
    parser.add_argument(
        "-c",
        "--concurrency",
        type=int,
        default=_env_int("BENCH_CONCURRENCY", DEFAULT_CONCURRENCY),
        help=f"concurrent clients [BENCH_CONCURRENCY, {DEFAULT_CONCURRENCY}]",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=_env_int("BENCH_WARMUP", DEFAULT_WARMUP),
        help=f"unmeasured requests per HTTP case first [BENCH_WARMUP, {DEFAULT_WARMUP}]",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=_env_int("BENCH_ROUNDS", DEFAULT_ROUNDS),
        help="the requests of each case are split into this many rounds, the cases taking "
        f"turns, so drift in machine load hits every case alike [BENCH_ROUNDS, {DEFAULT_ROUNDS}]",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=_env_int("BENCH_GUNICORN_WORKERS", DEFAULT_WORKERS),
        help=f"gunicorn workers [BENCH_GUNICORN_WORKERS, {DEFAULT_WORKERS}]",
    )
    parser.add_argument(
        "--cases",
        default=os.environ.get("BENCH_CASES", ""),
        help="comma-separated parts of case names to run (the baseline always runs) "
        "[BENCH_CASES, all]",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(os.environ.get("BENCH_OUTPUT", DEFAULT_OUTPUT)),
        help="where the JSON results go [BENCH_OUTPUT, var/bench/results.json]",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        default=os.environ.get("BENCH_KEEP", "") == "1",
        help="keep the temporary directory and database for inspection [BENCH_KEEP=1]",
    )
    parser.add_argument(
        "--label",
        default=os.environ.get("BENCH_LABEL", ""),
        help="free text stored with the results, e.g. 'before the breadcrumb fix' [BENCH_LABEL]",
    )
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    for name in ("requests", "concurrency", "rounds", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    args.rounds = min(args.rounds, args.requests)
    args.database_url = os.environ.get("BENCH_DATABASE_URL", "").strip() or None
    args.selected = case_registry.select(args.cases.split(",") if args.cases else None)
    return args


# --- in-process measurements -----------------------------------------------------------------


def run_inprocess(env: BenchEnv, tasks: list[dict], label: str, **overrides: str) -> list[dict]:
    """Run tasks in a fresh Django process (tests.bench.inprocess) and return their results."""
    spec = env.tmpdir / f"inprocess-{label}.json"
    out = env.tmpdir / f"inprocess-{label}.out.json"
    spec.write_text(json.dumps({"tasks": tasks}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.inprocess", str(spec), str(out)],
        cwd=ROOT,
        env=env.with_overrides(**overrides),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        raise BenchError(
            f"in-process measurement {label!r} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    for task, task_result in zip(tasks, results, strict=True):
        if "error" in task_result:
            raise BenchError(
                f"in-process {task['op']} ({label}) raised {task_result['error']}\n"
                f"{task_result.get('traceback', '')}"
            )
    return results


def measure_inprocess(env: BenchEnv, selected: list[Case]) -> tuple[dict, dict, dict]:
    """Database info, SQL queries per HTTP case and call-case timings. Each case runs in its own
    fresh process with a cache key prefix of its own, so "cold" really is the first request a
    new worker serves."""
    prefix = env.variables["CACHE_KEY_PREFIX"]
    database = run_inprocess(env, [{"op": "dbinfo"}], "dbinfo")[0]
    queries, calls = {}, {}
    for index, case in enumerate(selected):
        if case.scenario:
            continue  # run by run_scenarios, with the server up
        overrides = {"CACHE_KEY_PREFIX": f"{prefix}-inprocess{index}"}
        if case.server == "plain":
            continue  # another project, another database: nothing of ours to count
        if case.server == "uncached":
            overrides["PAGE_CACHE_ENABLED"] = "0"
        if case.is_http:
            task = {
                "op": "queries",
                "path": case.path,
                "contains": case.contains,
                "repeat": QUERY_REPEAT,
            }
            result = run_inprocess(env, [task], f"queries{index}", **overrides)[0]
            if result["problems"]:
                raise BenchError(
                    f"{case.name} ({case.path}) in-process: {'; '.join(result['problems'])}"
                )
            queries[case.name] = result
            log(
                f"SQL queries {case.name}: cold {result['cold']}, warm {result['warm']} "
                f"(per request {result['counts']})"
            )
        else:
            task = {
                "op": "call",
                "target": case.call,
                "args": list(case.args),
                "repeat": case.repeat,
                "warmup": case.warmup,
            }
            started = time.perf_counter()
            raw = run_inprocess(env, [task], f"call{index}", **overrides)[0]
            calls[case.name] = summarize_call(raw)
            log(f"timed {case.name}: {case.repeat} calls in {time.perf_counter() - started:.1f}s")
    return database, queries, calls


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


# --- load ------------------------------------------------------------------------------------


def check_content(servers: dict[str, Server], http_cases: list[Case]) -> None:
    for case in http_cases:
        server = servers[case.server]
        with contextlib.closing(Connection("127.0.0.1", server.port)) as conn:
            status, _size, body = conn.get(case.path, keep_body=True)
        if status != 200:
            raise BenchError(f"{case.name}: GET {case.path} answered {status}: {body[:300]!r}")
        if case.contains and case.contains.encode() not in body:
            raise BenchError(f"{case.name}: GET {case.path} lacks {case.contains!r}")


def fail_on_errors(case: Case, result: LoadResult, phase: str, server: Server) -> None:
    if result.failures:
        raise BenchError(
            f"{case.name}: {result.failures} failed requests during {phase} of GET {case.path} "
            f"(statuses {dict(result.statuses)}, exceptions {dict(result.errors)})\n"
            f"gunicorn log tail:\n{server.log_tail()}"
        )


def run_http(
    options, servers: dict[str, Server], database: Database, http_cases: list[Case]
) -> dict[str, LoadResult]:
    pids = {name: server.worker_pids() for name, server in servers.items()}
    cpu_groups = {
        name: {"server": server.worker_pids}
        | ({"database": database.backend_pids} if database.pg is not None else {})
        for name, server in servers.items()
    }
    cpu_groups["plain"] = {"server": servers["plain"].worker_pids} if "plain" in servers else {}
    for case in http_cases:
        if options.warmup:
            server = servers[case.server]
            warm = run_load(
                "127.0.0.1", server.port, case.path, options.warmup, options.concurrency
            )
            fail_on_errors(case, warm, "warm-up", server)
    log(f"warmed up ({options.warmup} requests per case)")
    totals = {case.name: LoadResult() for case in http_cases}
    for round_index in range(options.rounds):
        shift = round_index % len(http_cases)
        for case in http_cases[shift:] + http_cases[:shift]:
            server = servers[case.server]
            requests = split(options.requests * case.weight, options.rounds)[round_index]
            result = run_load(
                "127.0.0.1",
                server.port,
                case.path,
                requests,
                options.concurrency,
                cpu_groups[case.server],
            )
            fail_on_errors(case, result, f"round {round_index + 1}", server)
            totals[case.name].add(result)
            log(
                f"round {round_index + 1}/{options.rounds} {case.name}: "
                f"{requests / result.wall_s:.1f} req/s"
            )
    for name, server in servers.items():
        if server.process.poll() is not None:
            raise BenchError(f"{server.name} died during the run:\n{server.log_tail()}")
        if server.worker_pids() != pids[name]:
            log(f"note: {server.name} worker pids changed during the run (a worker restarted)")
    return totals


def run_scenarios(options, env: BenchEnv, server: Server, selected: list[Case]) -> dict:
    """Scenario cases (e.g. tests.bench.import_load): each gets the running server."""
    results = {}
    for case in selected:
        if case.scenario:
            module_name, _, attr = case.scenario.partition(":")
            run_one = getattr(importlib.import_module(module_name), attr)
            results[case.name] = run_one(case, options, env, server)
    return results


# --- the run ---------------------------------------------------------------------------------


def run(options, stack: contextlib.ExitStack) -> dict:
    started = time.perf_counter()
    selected: list[Case] = options.selected
    http_cases = [c for c in selected if c.is_http]
    baseline = next((c for c in http_cases if c.baseline), None)
    reference = next((c for c in http_cases if c.plain_reference), None)

    tmpdir = temporary_directory(stack, options.keep)
    database = prepare_database(options.database_url, tmpdir, stack, options.keep)
    env = production_env(tmpdir, database)
    cache_url = env.variables.get("CACHE_URL", "")
    log(
        f"temporary directory {tmpdir}; database {database.engine}"
        + (f"; cache {cache_url}" if cache_url else "")
    )

    setup = {}
    for label, args in (
        ("migrate", ("migrate", "--no-input", "-v", "0")),
        ("seed_demo", ("seed_demo", "--allow-production")),
        ("collectstatic", ("collectstatic", "--no-input", "-v", "0")),
    ):
        setup[label] = round(manage(env, *args), 2)
        log(f"{label} done in {setup[label]:.1f}s")

    database_info, queries, calls = measure_inprocess(env, selected)

    load_before = load_average()
    totals: dict[str, LoadResult] = {}
    scenarios: dict = {}
    if http_cases or any(c.scenario for c in selected):
        # Ours twice, the same code and database: as in production (page cache on) and with the
        # page cache off (every request renders; also what the scenarios load).
        servers = {
            "uncached": start_gunicorn(
                env.variant(PAGE_CACHE_ENABLED="0"),
                options.workers,
                stack,
                name="gunicorn-uncached",
            )
        }
        if any(c.server == "portal" for c in http_cases):
            servers["portal"] = start_gunicorn(env, options.workers, stack, name="gunicorn-cached")
        if any(c.server == "plain" for c in http_cases):
            servers["plain"], setup["plain_wagtail"] = plain.start(tmpdir, options.workers, stack)
            setup["plain_wagtail"] = round(setup["plain_wagtail"], 2)
        check_content(servers, http_cases)
        totals = run_http(options, servers, database, http_cases)
        scenarios = run_scenarios(options, env, servers["uncached"], selected)
    load_after = load_average()

    http_summary = {}
    for case in http_cases:
        summary = {
            "path": case.path,
            "server": case.server,
            **summarize_http(totals[case.name]),
        }
        if case.name in queries:
            summary["queries"] = {
                k: queries[case.name][k] for k in ("cold", "warm", "counts", "steady")
            }
        http_summary[case.name] = summary
    if baseline is not None:
        base_rps = http_summary[baseline.name]["rps"]
        base_rounds = http_summary[baseline.name]["rounds"]
        for summary in http_summary.values():
            summary["ratio_to_baseline"] = round(summary["rps"] / base_rps, 3)
            # Round i of every case ran close in time: the spread of these is the noise.
            summary["ratio_by_round"] = [
                round(mine["rps"] / base["rps"], 3)
                for mine, base in zip(summary["rounds"], base_rounds, strict=True)
            ]
    if reference is not None:
        plain_rps = http_summary[reference.name]["rps"]
        plain_rounds = http_summary[reference.name]["rounds"]
        for summary in http_summary.values():
            summary["ratio_to_plain_wagtail"] = round(summary["rps"] / plain_rps, 3)
            summary["ratio_to_plain_by_round"] = [
                round(mine["rps"] / base["rps"], 3)
                for mine, base in zip(summary["rounds"], plain_rounds, strict=True)
            ]

    return {
        "ok": True,
        "label": options.label or None,
        "config": {
            "requests": options.requests,
            "requests_by_case": {c.name: options.requests * c.weight for c in http_cases},
            "concurrency": options.concurrency,
            "warmup": options.warmup,
            "rounds": options.rounds,
            "gunicorn_workers": options.workers,
            "baseline": baseline.name if baseline else None,
            "plain_reference": reference.name if reference else None,
            "settings": "config.settings.bench",
            "cache_url": cache_url or None,
            "cases": [
                {"name": c.name, "path": c.path, "call": c.call, "server": c.server}
                for c in selected
            ],
        },
        "machine": machine_info(),
        "database": database_info,
        "load_average": {"before": load_before, "after": load_after},
        "setup_s": setup,
        "http_cases": http_summary,
        "call_cases": calls,
        "scenarios": scenarios,
        "sql": {
            name: {
                k: q[k] for k in ("path", "counts", "warm_sql", "cold_only_sql", "duplicate_sql")
            }
            for name, q in queries.items()
        },
        "duration_s": round(time.perf_counter() - started, 1),
    }


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.list:
        for case in case_registry.CASES:
            target = case.path or case.call
            print(f"{case.name:<36} {target}{'  (baseline)' if case.baseline else ''}")
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    # Even when started in the background of a script (which ignores SIGINT): clean up on it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with contextlib.ExitStack() as stack:
            document = run(options, stack)
    except KeyboardInterrupt:
        log("interrupted; the server, temporary files and database were cleaned up")
        return 130
    except (BenchError, LoadError) as error:
        banner = "=" * 72
        print(f"\n{banner}\nBENCH FAILED\n{error}\n{banner}", file=sys.stderr, flush=True)
        return 1
    print(render_table(document), flush=True)
    write_json(document, options.output)
    log(f"results written to {options.output} (run took {document['duration_s']:.0f}s)")
    return 0
