"""The demo ledger for 一月一分析 (supervision/demo/statistics.py): consistent figure facts that
neither refresh_clocks nor the warning job will touch, both years covered, loaded once."""

from __future__ import annotations

import datetime

from django.utils import timezone

from supervision.demo import statistics
from supervision.management.commands.refresh_clocks import missing_facts
from supervision.models import Complaint


class Tally:
    def __init__(self):
        self.n = 0

    def count(self, kind):
        self.n += 1


def test_the_ledger_is_consistent_spans_two_years_and_loads_once(tree):
    tally = Tally()
    assert statistics.build_ledger(tally) == statistics.COUNT == tally.n
    assert statistics.build_ledger(Tally()) == 0
    cases = Complaint.objects.filter(submission_key__startswith=statistics.KEY_PREFIX)
    assert cases.count() == statistics.COUNT
    assert not cases.filter(missing_facts()).exists()  # refresh_clocks leaves them alone
    today = timezone.localdate()
    assert not cases.exclude(state__in=["closed", "concluded", "not_accepted"]).exists()
    year_ago = today - datetime.timedelta(days=365)
    assert cases.filter(received_on__gt=year_ago).exists()
    assert cases.filter(received_on__lte=year_ago).exists()
    for case in cases.exclude(state="not_accepted"):
        assert case.received_on <= case.accepted_on <= case.first_concluded_on < today
        assert case.conclusion_days == (case.first_concluded_on - case.accepted_on).days
        assert case.imported and not case.real_name
