"""The scheduled jobs and the loop that runs them (`manage.py run_scheduler`;
docs/deployment.md "The worker and the scheduler").

Every job is an idempotent management command (running it twice, or late, does no harm), so the
scheduler can be simple: one process, one loop, each job run when its interval has passed since
its last run, one after the other. The time of each job's last run is kept in a small JSON file
(SCHEDULER_STATE_FILE, default var/scheduler.json) so that a restart does not run the daily jobs
again at once; without the file every job runs at start. A job that fails is logged (with its
traceback) and tried again at its next interval; the others run on. A command that does not
exist (yet) is skipped with a warning. Each run is one log line: job, outcome, duration.

Run exactly one scheduler per installation (the jobs are idempotent, so two would only waste
work). cron or systemd timers can replace it: each job is a plain `manage.py <command>`.
"""

from __future__ import annotations

import io
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command, get_commands
from django.db import close_old_connections, connections

logger = logging.getLogger("portal.scheduler")

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def enqueue_worker_heartbeat() -> str:
    from portal.base.tasks import worker_heartbeat

    result = worker_heartbeat.enqueue()
    return f"enqueued {result.id}"


@dataclass(frozen=True)
class Job:
    name: str
    every: int  # seconds
    command: str | None = None  # a management command, run with no arguments
    action: Callable[[], str] | None = None  # or a function returning a one-line summary

    def run(self) -> str:
        if self.action is not None:
            return self.action()
        out = io.StringIO()
        call_command(self.command, stdout=out, stderr=out)
        lines = [line.strip() for line in out.getvalue().splitlines() if line.strip()]
        return lines[-1][:300] if lines else ""


# What runs and how often. The heartbeat lets /healthz/ready see that the worker takes tasks.
SCHEDULE: tuple[Job, ...] = (
    Job("worker_heartbeat", MINUTE, action=enqueue_worker_heartbeat),
    # Deadlines turn yellow/red and their notices go out (nothing is sent twice).
    Job("check_deadlines", 5 * MINUTE, command="check_deadlines"),
    # Wagtail's scheduled publishing: a disclosure set to go live at a time.
    Job("publish_scheduled", 5 * MINUTE, command="publish_scheduled"),
    # Receipt PINs past their two-hour window; unconfirmed import previews; 7-day-old exports.
    Job("cleanup_receipts", HOUR, command="cleanup_receipts"),
    Job("cleanup_imports", HOUR, command="cleanup_imports"),
    Job("cleanup_exports", HOUR, command="cleanup_exports"),
    # 一月一分析: last month's reports where missing (nothing to do on most days).
    Job("monthly_reports", DAY, command="monthly_reports"),
    # Reporter identities past their category's retention are erased.
    Job("apply_retention", DAY, command="apply_retention"),
)


def _fresh_connections() -> None:
    """Drop broken or expired database connections between jobs, as Django does between
    requests (never inside a transaction: a test's, or a caller's)."""
    if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        close_old_connections()


class Scheduler:
    def __init__(
        self,
        jobs: tuple[Job, ...] = SCHEDULE,
        state_file: Path | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self.jobs = jobs
        self.state_file = state_file
        self.clock = clock
        self.last_run: dict[str, float] = self._load_state()

    def _load_state(self) -> dict[str, float]:
        if self.state_file is None:
            return {}
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {name: float(at) for name, at in data.items() if isinstance(at, int | float)}

    def _save_state(self) -> None:
        if self.state_file is None:
            return
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.last_run, indent=1), encoding="utf-8")
        os.replace(temporary, self.state_file)

    def due(self) -> list[Job]:
        now = self.clock()
        return [job for job in self.jobs if now - self.last_run.get(job.name, 0) >= job.every]

    def seconds_to_next(self) -> float:
        now = self.clock()
        return max(0.0, min(self.last_run.get(job.name, 0) + job.every - now for job in self.jobs))

    def run_due(self, stop: threading.Event | None = None) -> list[dict]:
        """Run every job that is due, in schedule order; returns one record per job run."""
        records = []
        for job in self.due():
            if stop is not None and stop.is_set():
                break
            records.append(self.run_job(job))
        return records

    def run_job(self, job: Job) -> dict:
        started_at = self.clock()
        started = time.perf_counter()
        record = {"job": job.name}
        if job.command is not None and job.command not in get_commands():
            record.update(outcome="skipped", duration_ms=0.0)
            logger.warning(
                "scheduled job skipped: no management command %r", job.command, extra=record
            )
            # Not tried again before its next interval: one warning a day for a daily job.
            self.last_run[job.name] = started_at
            self._save_state()
            return record
        _fresh_connections()
        try:
            summary = job.run()
        except (Exception, SystemExit) as error:
            record.update(
                outcome="failed",
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                error=type(error).__name__,
            )
            logger.error("scheduled job %s failed", job.name, exc_info=True, extra=record)
        else:
            record.update(
                outcome="ok",
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                result=summary,
            )
            # The heartbeat runs every minute: its line only when asked for (DEBUG).
            logger.log(
                logging.DEBUG if job.action is enqueue_worker_heartbeat else logging.INFO,
                "scheduled job %s finished in %s ms: %s",
                job.name,
                record["duration_ms"],
                summary or "-",
                extra=record,
            )
        finally:
            # A failed job broke its connection's transaction, perhaps; hand back a clean one.
            _fresh_connections()
        # A failed job waits for its next interval too: a job failing at once on every tick
        # would otherwise fill the log and starve the others.
        self.last_run[job.name] = started_at
        self._save_state()
        return record

    def run_forever(self, stop: threading.Event, tick: float = 15.0) -> None:
        logger.info(
            "scheduler started",
            extra={"jobs": {job.name: job.every for job in self.jobs}},
        )
        while not stop.is_set():
            self.run_due(stop)
            stop.wait(min(tick, max(1.0, self.seconds_to_next())))
        logger.info("scheduler stopped")
