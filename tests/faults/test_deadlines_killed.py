"""The scheduled early-warning job (manage.py check_deadlines) killed (SIGKILL) midway through
6,000 open cases, then run again: the colours and the notices equal those of one clean run on a
copy of the same database, nothing twice. E-mail is an outbox (services/warnings.py): the killed
run mailed nothing, and the rerun mails every recipient the clean run mailed, the killed run's
notices included, so nothing is left owed."""

from __future__ import annotations

import datetime
import logging
import signal
import subprocess
import sys
import time

from tests.bench.environment import ROOT

log = logging.getLogger("faults")

CASES = 6_000
BUILD = """
import datetime, sys, django
django.setup()
from tests.bench.case_scale import build_open_cases
build_open_cases(int(sys.argv[1]), today=datetime.date.fromisoformat(sys.argv[2]))
"""


def _env(world, database: str) -> dict:
    return {**world.env, "DATABASE_URL": world.postgres.url(database)}


def _state(world, database: str) -> tuple[set, dict, int]:
    with world.postgres.connect(database) as conn:
        keys = [k for (k,) in conn.execute("SELECT key FROM supervision_notice WHERE key <> ''")]
        colours = dict(conn.execute("SELECT id, warning FROM supervision_complaint"))
        total = conn.execute("SELECT count(*) FROM supervision_notice").fetchone()[0]
    return set(keys), colours, total


def _owed(world, database: str) -> int:
    """Notices whose e-mail has not gone out yet."""
    with world.postgres.connect(database) as conn:
        return conn.execute(
            "SELECT count(*) FROM supervision_notice WHERE mail_pending"
        ).fetchone()[0]


def _mails(output: str) -> int:
    """E-mails the console backend printed (one digest per recipient per run)."""
    return output.count("\nSubject: ")


def _job(world, database: str, today: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "check_deadlines", "--today", today],
        cwd=ROOT,
        env=_env(world, database),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_killed_warning_job_rerun_equals_one_clean_run(world):
    today = datetime.date.today().isoformat()
    pg = world.postgres
    pg.create_database("faults_dl_base", template="faults_seed")
    subprocess.run(
        [sys.executable, "-c", BUILD, str(CASES), today],
        cwd=ROOT,
        env=_env(world, "faults_dl_base"),
        check=True,
        capture_output=True,
    )
    pg.create_database("faults_dl_clean", template="faults_dl_base")
    pg.create_database("faults_dl_killed", template="faults_dl_base")
    _keys, _colours, before = _state(world, "faults_dl_killed")

    clean = _job(world, "faults_dl_clean", today)
    clean_output, _ = clean.communicate(timeout=300)
    assert clean.returncode == 0, clean_output

    job = _job(world, "faults_dl_killed", today)
    deadline = time.monotonic() + 300
    with pg.connect("faults_dl_killed") as conn:
        while time.monotonic() < deadline and job.poll() is None:
            count = conn.execute("SELECT count(*) FROM supervision_notice").fetchone()[0]
            if count > before:  # the first batch of notices is committed: kill it now
                job.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
    killed_output, _ = job.communicate(timeout=30)
    assert job.returncode == -signal.SIGKILL, "the job finished before it could be killed"
    half_keys, _c, _t = _state(world, "faults_dl_killed")
    clean_keys, clean_colours, clean_total = _state(world, "faults_dl_clean")
    assert 0 < len(half_keys) < len(clean_keys)  # really killed midway
    assert _mails(killed_output) == 0
    assert _owed(world, "faults_dl_killed") > 0  # what it recorded is owed an e-mail

    rerun = _job(world, "faults_dl_killed", today)
    output, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, output
    keys, colours, total = _state(world, "faults_dl_killed")
    assert keys == clean_keys
    assert total == clean_total  # no notice twice (nor one without a key)
    assert colours == clean_colours
    log.info(
        f"check_deadlines: clean run {len(clean_keys)} notices, {_mails(clean_output)} e-mails; "
        f"killed after {len(half_keys)} notices, rerun to {len(keys)}, "
        f"{_mails(output)} e-mails"
    )
    assert 0 < _mails(output) == _mails(clean_output)  # every recipient, once
    assert _owed(world, "faults_dl_killed") == 0 == _owed(world, "faults_dl_clean")

    again = _job(world, "faults_dl_killed", today)
    output, _ = again.communicate(timeout=300)
    assert "新提醒 0 条，邮件 0 封" in output  # a third run finds nothing new, owes nothing
    assert _state(world, "faults_dl_killed")[2] == clean_total

    with pg.connect() as admin:
        for name in ("faults_dl_base", "faults_dl_clean", "faults_dl_killed"):
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
