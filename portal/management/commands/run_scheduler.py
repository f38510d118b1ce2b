"""`manage.py run_scheduler`: runs the scheduled jobs on their intervals until stopped
(portal/base/scheduler.py has the schedule; docs/deployment.md "The worker and the scheduler").

    manage.py run_scheduler            # loop; SIGTERM or Ctrl-C stops it after the current job
    manage.py run_scheduler --once     # run what is due now, then exit (cron-style)
    manage.py run_scheduler --list     # the schedule
"""

import signal
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.base.scheduler import SCHEDULE, Scheduler


class Command(BaseCommand):
    help = "Run the scheduled jobs (deadlines, publishing, cleanups, reports) on their intervals."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs that are due, then exit."
        )
        parser.add_argument(
            "--list", dest="list_jobs", action="store_true", help="Print the schedule and exit."
        )
        parser.add_argument(
            "--tick", type=float, default=15.0, help="Seconds between looks at the schedule."
        )
        parser.add_argument(
            "--state-file",
            default=None,
            help="Where the last run of each job is kept (default: SCHEDULER_STATE_FILE).",
        )

    def handle(self, *args, once=False, list_jobs=False, tick=15.0, state_file=None, **options):
        if list_jobs:
            for job in SCHEDULE:
                what = job.command or "(in-process)"
                self.stdout.write(f"{job.name:<20} every {job.every:>6}s  {what}")
            return
        scheduler = Scheduler(state_file=Path(state_file or settings.SCHEDULER_STATE_FILE))
        if once:
            records = scheduler.run_due()
            failed = [r["job"] for r in records if r["outcome"] == "failed"]
            self.stdout.write(
                f"{len(records)} job(s) run" + (f"; failed: {', '.join(failed)}" if failed else "")
            )
            return
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        scheduler.run_forever(stop, tick=tick)
