"""Turning raw load results into figures, the stdout table and the JSON document."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from .load import LoadResult, percentile

ROOT = Path(__file__).resolve().parents[2]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _per_request(result: LoadResult, group: str) -> float | None:
    if group not in result.cpu_s or not result.requests:
        return None
    return round(result.cpu_s[group] * 1000 / result.requests, 3)


def summarize_http(result: LoadResult) -> dict:
    latencies = sorted(result.latencies_s)
    sizes = sorted(result.sizes)
    summary = {
        "requests": result.requests,
        "wall_s": round(result.wall_s, 3),
        "rps": round(result.requests / result.wall_s, 1) if result.wall_s else None,
        "p50_ms": _ms(percentile(latencies, 0.50)),
        "p90_ms": _ms(percentile(latencies, 0.90)),
        "p99_ms": _ms(percentile(latencies, 0.99)),
        "mean_ms": _ms(sum(latencies) / len(latencies)) if latencies else None,
        "max_ms": _ms(latencies[-1]) if latencies else None,
        "errors": result.failures,
        "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
        "exceptions": dict(result.errors),
        "bytes": result.sizes.most_common(1)[0][0] if sizes else None,
        "bytes_min": sizes[0] if sizes else None,
        "bytes_max": sizes[-1] if sizes else None,
        "tcp_connects": result.connects,
        "client_cpu_ms_per_req": round(result.client_cpu_s * 1000 / result.requests, 3),
        "server_cpu_ms_per_req": _per_request(result, "server"),
        "db_cpu_ms_per_req": _per_request(result, "database"),
        "rounds": result.rounds,
    }
    return summary


def summarize_call(raw: dict) -> dict:
    durations = sorted(raw["durations_s"])
    queries = sorted(set(raw["queries"]))
    return {
        "target": raw["target"],
        "calls": len(durations),
        "mean_ms": _ms(sum(durations) / len(durations)),
        "p50_ms": _ms(percentile(durations, 0.50)),
        "p99_ms": _ms(percentile(durations, 0.99)),
        "max_ms": _ms(durations[-1]),
        "calls_per_s": round(len(durations) / sum(durations), 1),
        "queries_per_call": queries[0] if len(queries) == 1 else queries,
        "facts": raw.get("facts") or {},
    }


def machine_info() -> dict:
    info = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "hostname": platform.node(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": _cpu_model(),
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "packages": {},
        "git": _git(),
    }
    for package in ("django", "wagtail", "gunicorn", "whitenoise", "psycopg", "redis"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            info["packages"][package] = metadata.version(package)
    return info


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _git() -> dict | None:
    """The commit, and for a dirty tree a fingerprint of the changes (figures from a dirty tree
    are only comparable with a run on the same fingerprint)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        ).stdout

    try:
        status = git("status", "--porcelain")
        info = {"commit": git("rev-parse", "HEAD").strip(), "dirty": bool(status.strip())}
        if info["dirty"]:
            changed = status.splitlines()
            info["changed_files"] = len(changed)
            info["diff_sha1"] = hashlib.sha1(
                (git("diff", "HEAD") + status).encode(), usedforsecurity=False
            ).hexdigest()[:12]
        return info
    except (OSError, subprocess.SubprocessError):
        return None


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _fmt(value, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def render_table(document: dict) -> str:
    """The human summary printed at the end of a run."""
    config, machine, database = document["config"], document["machine"], document["database"]
    lines = [
        "",
        f"xiaowei bench  {machine['timestamp']}  {machine['cpu_count']} CPU "
        f"({machine.get('cpu_model') or 'unknown'})  Python {machine['python']}",
        f"database: {database.get('vendor')} {database.get('server_version', '')}"
        f"  cache: {database.get('cache_backend', '?').rsplit('.', 1)[-1]}"
        f"  gunicorn -w {config['gunicorn_workers']}  concurrency {config['concurrency']}"
        f"  {config['rounds']} rounds"
        f"  (warm-up {config['warmup']})",
        f"load average before/after: {document['load_average']['before']} / "
        f"{document['load_average']['after']}",
    ]
    git = machine.get("git")
    if git:
        state = "clean"
        if git["dirty"]:
            state = f"dirty: {git['changed_files']} paths changed, diff {git['diff_sha1']}"
        lines.append(f"source: {git['commit'][:12]} ({state})")
    if document.get("label"):
        lines.append(f"label: {document['label']}")
    lines.append("")
    header = (
        f"{'case':<28} {'requests':>8} {'req/s':>8} {'vs trivial':>10} {'(by round)':>13} "
        f"{'vs plain':>9} {'(by round)':>13} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'bytes':>6} {'CPU ms/req app':>14} "
        f"{'db':>5} {'SQL cold/warm':>13}"
    )
    lines += [header, "-" * len(header)]
    for name, case in document["http_cases"].items():
        queries = case.get("queries") or {}
        sql = f"{queries.get('cold', '?')}/{queries.get('warm', '?')}" if queries else "-"
        ratio = case.get("ratio_to_baseline")
        by_round = case.get("ratio_by_round") or []
        spread = f"{min(by_round):.3f}-{max(by_round):.3f}" if by_round else "-"
        plain = case.get("ratio_to_plain_wagtail")
        plain_rounds = case.get("ratio_to_plain_by_round") or []
        plain_spread = f"{min(plain_rounds):.2f}-{max(plain_rounds):.2f}" if plain_rounds else "-"
        lines.append(
            f"{name:<28} {case['requests']:>8} {_fmt(case['rps'], '.1f'):>8} "
            f"{(_fmt(ratio, '.3f') + 'x'):>10} {spread:>13} "
            f"{(_fmt(plain, '.2f') + 'x'):>9} {plain_spread:>13} "
            f"{_fmt(case['p50_ms'], '.2f'):>8} {_fmt(case['p99_ms'], '.2f'):>8} "
            f"{case['errors']:>6} {_fmt(case['bytes'], 'd'):>6} "
            f"{_fmt(case['server_cpu_ms_per_req'], '.2f'):>14} "
            f"{_fmt(case['db_cpu_ms_per_req'], '.2f'):>5} {sql:>13}"
        )
    if document["call_cases"]:
        lines += [
            "",
            f"{'in-process call':<34} {'calls':>6} {'mean ms':>8} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'SQL/call':>8}",
        ]
        for name, case in document["call_cases"].items():
            lines.append(
                f"{name:<34} {case['calls']:>6} {case['mean_ms']:>8.2f} {case['p50_ms']:>8.2f} "
                f"{case['p99_ms']:>8.2f} {case['queries_per_call']!s:>8}"
            )
            if case.get("facts"):
                facts = ", ".join(f"{k} {v}" for k, v in case["facts"].items())
                lines.append(f"{'':<34} {facts}")
    scenario_lines = [
        line
        for scenario in (document.get("scenarios") or {}).values()
        for line in scenario.get("table_lines", [])
    ]
    if scenario_lines:
        lines += ["", "scenarios:", *(f"  {line}" for line in scenario_lines)]
    client = [
        c["client_cpu_ms_per_req"] for c in document["http_cases"].values() if c.get("requests")
    ]
    if client:
        lines += [
            "",
            f"load generator CPU: {min(client):.2f}-{max(client):.2f} ms/request "
            "(shares the cores with gunicorn)",
        ]
    lines.append("")
    return "\n".join(lines)


def write_json(document: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
