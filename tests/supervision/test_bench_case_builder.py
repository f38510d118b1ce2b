"""The bench's bulk builder of open cases (tests/bench/case_scale.py) on a tiny N, so that the
100,000-case scenario of `make bench` cannot rot unnoticed: the rows are the open cases the
warning job and the county list expect, spread as the scenario says."""

import datetime
import types
from collections import Counter
from pathlib import Path

import pytest

from supervision.models import Complaint
from supervision.services import clock, warnings
from tests import factories
from tests.bench import case_scale
from tests.bench.case_scale import build_open_cases
from tests.bench.environment import BenchEnv, Database
from villages.models import Role

TODAY = datetime.date(2026, 11, 27)
OPEN = {
    Complaint.State.REGISTERED,
    Complaint.State.ACCEPTED,
    Complaint.State.ASSIGNED,
    Complaint.State.IN_PROGRESS,
    Complaint.State.EXTENDED,
}


@pytest.fixture
def county(tree):
    users = {
        "jiwei_awu": factories.staff_user("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "petition_tanchang": factories.staff_user(
            "petition_tanchang", Role.COUNTY_PETITION, tree.tanchang
        ),
        "leader_tanchang": factories.staff_user("leader_tanchang", Role.LEADER, tree.tanchang),
    }
    return tree, users


def test_builds_open_cases_spread_over_the_county(county):
    tree, users = county
    assert build_open_cases(200, today=TODAY) == 200
    cases = list(Complaint.objects.select_related("village"))
    assert len(cases) == 200
    villages = Counter(c.village_id for c in cases)
    county_villages = {tree.awu_village.pk, tree.xigu.pk, tree.hadapu_village.pk}
    assert set(villages) == county_villages  # every village of 宕昌县, none of 武都区
    assert {c.state for c in cases} == OPEN
    assert len({c.number for c in cases}) == len({c.receipt_code for c in cases}) == 200
    for case in cases:
        assert TODAY - datetime.timedelta(40) <= case.due_date <= TODAY + datetime.timedelta(60)
        # The stored deadline is the one the case path would have left.
        if case.state == Complaint.State.REGISTERED:
            assert (case.handler, case.due_kind) == (None, "acceptance")
            assert case.due_date == case.received_on + datetime.timedelta(15)
        else:
            assert case.due_kind == "conclusion" and case.accepted_on is not None
            in_awu = case.village_id != tree.hadapu_village.pk
            assert case.handler == users["jiwei_awu" if in_awu else "petition_tanchang"]
        assert clock.stored_deadline(case).due == case.due_date
    assert any(c.owner_leader == users["leader_tanchang"] for c in cases)


def test_the_warning_job_colours_some_red_and_some_yellow(county):
    build_open_cases(200, today=TODAY)
    build_open_cases(50, start=200, today=TODAY)  # a second batch: numbers do not collide
    report = warnings.run(TODAY)
    colours = Counter(Complaint.objects.values_list("warning", flat=True))
    assert sum(colours.values()) == 250
    assert colours[Complaint.Warning.RED] > 50
    assert colours[Complaint.Warning.YELLOW] > 0
    assert colours[Complaint.Warning.NONE] > 50
    assert report.notices > colours[Complaint.Warning.RED]  # handler and petition office
    assert warnings.run(TODAY).notices == 0


def test_without_postgresql_the_scenario_says_skipped(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(
        case_scale, "CASES_DATABASE_URL", "postgres://postgres@127.0.0.1:1/xiaowei_bench_cases"
    )
    sqlite = Database(url="sqlite:///x", engine="sqlite", name="x")
    env = BenchEnv(tmpdir=tmp_path, database=sqlite, variables={"CACHE_KEY_PREFIX": "t"})
    case = types.SimpleNamespace(name="open cases at scale")
    options = types.SimpleNamespace(keep=False, workers=1, concurrency=1)
    outcome = case_scale.run_scenario(case, options, env, server=None)
    assert outcome["table_lines"][0].startswith("open cases at scale: SKIPPED (PostgreSQL ")
    assert "127.0.0.1:1" in outcome["skipped"]
