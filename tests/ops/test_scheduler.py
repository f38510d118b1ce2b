"""The scheduler (portal/base/scheduler.py, `manage.py run_scheduler`): due jobs run, one
failure stops nothing, a second look at the same moment runs nothing again."""

import io
import json
import logging

import pytest
from django.core.management import call_command

from portal.base.scheduler import SCHEDULE, Job, Scheduler


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def ran():
    return []


@pytest.fixture
def jobs(ran, db):
    def minutely():
        ran.append("minutely")
        return "did it"

    def broken():
        ran.append("broken")
        raise RuntimeError("the disk is full")

    def hourly():
        ran.append("hourly")
        return ""

    return (
        Job("minutely", 60, action=minutely),
        Job("broken", 300, action=broken),
        Job("not_yet_written", 86400, command="no_such_command_here"),
        Job("hourly", 3600, action=hourly),
    )


def test_due_jobs_run_and_one_failure_stops_nothing(jobs, ran, caplog):
    scheduler = Scheduler(jobs, clock=Clock())
    with caplog.at_level(logging.INFO, logger="portal.scheduler"):
        records = scheduler.run_due()
    assert ran == ["minutely", "broken", "hourly"]
    outcomes = {record["job"]: record["outcome"] for record in records}
    assert outcomes == {
        "minutely": "ok",
        "broken": "failed",
        "not_yet_written": "skipped",
        "hourly": "ok",
    }
    failed = next(r for r in caplog.records if getattr(r, "job", "") == "broken")
    assert failed.levelname == "ERROR" and "the disk is full" in caplog.text
    skipped = next(r for r in caplog.records if getattr(r, "job", "") == "not_yet_written")
    assert skipped.levelname == "WARNING" and "no_such_command_here" in skipped.getMessage()
    assert all(isinstance(r["duration_ms"], float) for r in records)


def test_nothing_runs_twice_and_each_job_waits_its_interval(jobs, ran):
    clock = Clock()
    scheduler = Scheduler(jobs, clock=clock)
    scheduler.run_due()
    ran.clear()
    assert scheduler.run_due() == []  # the same moment again: nothing is due
    clock.now += 59
    assert scheduler.run_due() == []
    clock.now += 1
    scheduler.run_due()
    assert ran == ["minutely"]
    clock.now += 300
    ran.clear()
    scheduler.run_due()
    assert ran == ["minutely", "broken"]  # a failed job is tried again at its interval


def test_a_restart_remembers_the_last_runs(jobs, ran, tmp_path):
    state = tmp_path / "scheduler.json"
    clock = Clock()
    Scheduler(jobs, state_file=state, clock=clock).run_due()
    ran.clear()
    clock.now += 120
    restarted = Scheduler(jobs, state_file=state, clock=clock)
    restarted.run_due()
    assert ran == ["minutely"]  # not the hourly or daily jobs again
    assert json.loads(state.read_text())["hourly"] == clock.now - 120


def test_the_schedule_names_every_job_the_brief_lists():
    by_name = {job.name: job.every for job in SCHEDULE}
    assert by_name == {
        "worker_heartbeat": 60,
        "check_deadlines": 300,
        "publish_scheduled": 300,
        "cleanup_receipts": 3600,
        "cleanup_imports": 3600,
        "cleanup_exports": 3600,
        "monthly_reports": 86400,
        "apply_retention": 86400,
    }


def test_run_scheduler_once_runs_the_real_jobs(db, tmp_path, caplog):
    out = io.StringIO()
    state = tmp_path / "state.json"
    with caplog.at_level(logging.DEBUG, logger="portal.scheduler"):
        call_command("run_scheduler", "--once", "--state-file", str(state), stdout=out)
    assert out.getvalue().strip() == f"{len(SCHEDULE)} job(s) run"
    outcomes = {r.job: r.outcome for r in caplog.records if hasattr(r, "outcome")}
    assert set(outcomes) == {job.name for job in SCHEDULE}
    # Every command exists and succeeds on an empty site (apply_retention may not exist yet).
    assert {name for name, outcome in outcomes.items() if outcome != "ok"} <= {"apply_retention"}
    assert set(json.loads(state.read_text())) == set(outcomes)
    out = io.StringIO()
    call_command("run_scheduler", "--once", "--state-file", str(state), stdout=out)
    assert out.getvalue().strip() == "0 job(s) run"
