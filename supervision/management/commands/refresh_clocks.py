"""Replay cases' event logs into the stored clock and figure facts (services/clock.refresh).

Idempotent. By default only the cases whose stored facts are missing are replayed: a
database upgraded to Part 8 (the figures' dates: 首次办结, 办结期限, 化解 …) gets them filled
in once, and `make setup` runs it on every start at the cost of one query when nothing is
missing. `--all` replays every case (after a deadline rule was corrected by hand in the
database, say).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Q

from supervision.models import Complaint
from supervision.services import clock
from supervision.services.intake import intake_level

State = Complaint.State
BATCH = 2000


def missing_facts() -> Q:
    return (
        Q(intake_level="")
        | Q(accepted_on__isnull=False, conclusion_due_on__isnull=True)
        | Q(concluded_on__isnull=False, first_concluded_on__isnull=True)
        | Q(closed_on__isnull=False, resolved_on__isnull=True)
        | Q(state=State.FINAL, resolved_on__isnull=True)
        | Q(state=State.NOT_ACCEPTED, not_accepted_on__isnull=True)
        | Q(state=State.TRANSFERRED, transferred_on__isnull=True)
        | Q(state__in=[State.REVIEW, State.RE_REVIEW], contested_on__isnull=True)
    )


class Command(BaseCommand):
    help = "Replay cases' event logs into their stored deadlines and figure facts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="replay every case")

    def handle(self, *args, **options):
        cases = (
            Complaint.objects.all() if options["all"] else Complaint.objects.filter(missing_facts())
        )
        changed = 0
        for case in (
            cases.select_related("logged_by__staff_profile")
            .order_by("pk")
            .iterator(chunk_size=BATCH)
        ):
            if not case.intake_level:
                case.intake_level = intake_level(case.channel, case.logged_by)
                Complaint.objects.filter(pk=case.pk).update(intake_level=case.intake_level)
                changed += 1
            changed += clock.refresh(case)
        self.stdout.write(f"refresh_clocks: {changed} case(s) updated")
