"""A constructed data set for the figures (issue 11), with its answers worked out by hand.

Every case is taken along the case path by the real services (`intake.submit`,
`workflow.perform`, `ownership.assign_leader`, `repeats.decide`) with the clock set to the
step's day, so the figures are tested from the event log up, the way real cases reach them.

The period is March 2026 for 宕昌县 (tanchang), compared with March 2025; "today" is
15 June 2026, so both periods are counted to their last day. The conclusion limit is 60
calendar days after acceptance (docs/domain.md), the backlog threshold 90 days.

Case  village      received    path (dates)                                        notes
A1    awu_village  2026-03-02  accept 03-03, conclude 03-20, visit 满意 03-25, close 03-27
                               (due 05-02: on time, 17 days)                      real name
A2    xigu         2026-01-05  accept 01-06 (due 03-07), conclude 03-10 (late, 63 days),
                               visit 基本满意 03-12
A3    xigu         2026-03-10  repeat of A1 (same person), accept 03-11, leader-owned, open
A4    hadapu_vill  2025-12-01  accept 12-02 (due 2026-01-31), leader-owned, open (overdue)
A5    hadapu_vill  2025-10-10  accept 10-11 (due 12-10), conclude 2026-03-05 (late, 145 days),
                               visit 不满意 03-08, reopened 03-09; leader-owned
A6    awu_village  2025-09-01  accept 09-02 (due 11-01), conclude 2026-03-15 (late, 194 days),
                               visit 满意 03-18, close 03-20
A7    xigu         2026-03-20  visit logged by the township (level 乡镇), not accepted 03-25
A8    hadapu_vill  2026-03-28  logged at the station (level 村级), registered only
A9    hadapu_vill  2026-02-01  accept 02-02, transferred 03-05
A10   awu_village  2026-01-20  accept 01-21 (due 03-22), extended 30 days 03-01 (due 04-21)
A11   xigu         2026-01-10  accept 01-12 (due 03-13), conclude 03-12 (on time, 59 days),
                               review asked 03-20; leader-owned
A12   pingershang  2026-03-05  武都区: counts for the city only
B1    awu_village  2025-03-03  accept 03-04, conclude 03-25 (on time, 21 days), visit 满意
                               03-28, close 03-30
B2    hadapu_vill  2025-03-10  not accepted 2025-04-02
B3    xigu         2025-01-02  accept 01-03 (due 03-04), conclude 03-10 (late, 66 days),
                               visit 满意 03-15
B4    xigu         2025-03-15  not accepted 03-20
B5    awu_village  2025-03-20  accept 03-21, conclude 04-15, visit 满意 04-20, close 04-21
B6    hadapu_vill  2025-03-25  not accepted 2025-04-02
Reception: a day of 阿坞镇 on 2026-03-18 (3 批 7 人次) and one of 武都区 (not 宕昌县's).
"""

from __future__ import annotations

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from supervision.models import ReceptionDay, ReceptionRecord, RepeatCandidate
from supervision.services import ownership, repeats, workflow
from tests import factories
from villages.models import Role

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 6, 15)


def at(day: datetime.date, hour: int = 10):
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class DataSet:
    def __init__(self, tree):
        self.tree = tree
        self.petition = factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang)
        self.leader = factories.staff_user("leader", Role.LEADER, tree.tanchang)
        self.jiwei = factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu)
        self.station = factories.staff_user("station", Role.STATION_OPERATOR, tree.hadapu_village)
        self.wudu_petition = factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu)
        self.cases = {}

    def submit(
        self, name, village, received, category="subsidy", channel="online", actor=None, **fields
    ):
        with at(d(received), 9):
            case = factories.complaint(
                village,
                channel=channel,
                actor=actor,
                category_code=category,
                received_on=d(received),
                **fields,
            ).case
        self.cases[name] = case
        return case

    def step(self, name, day, transition, **data):
        case = self.cases[name]
        case.refresh_from_db()
        who = self.petition  # the county petition office handles every case itself here
        if case.village.path.startswith(self.tree.wudu.path):
            who = self.wudu_petition
        with at(d(day), 14):
            workflow.perform(who, case, transition, data)

    def handle(self, name, accepted, concluded=None):
        """Accept, assign and start on the day of acceptance; conclude on `concluded`."""
        self.step(name, accepted, "accept")
        self.step(name, accepted, "assign", unit="县纪委监委信访室", handler=self.petition)
        self.step(name, accepted, "start")
        if concluded:
            self.step(name, concluded, "conclude", public_text="已查明，已办结。")

    def visit(self, name, day, result):
        self.step(name, day, "return_visit", result=result, method="phone")

    def own(self, name, day):
        case = self.cases[name]
        with at(d(day), 15):
            ownership.assign_leader(self.petition, case, self.leader, "county", "领导包案")


def build(tree) -> DataSet:
    t = tree
    s = DataSet(tree)
    person = {"real_name": True, "reporter_name": "张三", "reporter_contact": "13800001111"}

    s.submit("A1", t.awu_village, "2026-03-02", **person)
    s.handle("A1", "2026-03-03", "2026-03-20")
    s.visit("A1", "2026-03-25", "satisfied")
    s.step("A1", "2026-03-27", "close")

    s.submit("A2", t.xigu, "2026-01-05", category="village-finance")
    s.handle("A2", "2026-01-06", "2026-03-10")
    s.visit("A2", "2026-03-12", "basic")

    s.submit("A3", t.xigu, "2026-03-10", description="补贴名单还是没有公示，再次反映。", **person)
    candidate, _new = RepeatCandidate.objects.get_or_create(
        case=s.cases["A3"], earlier=s.cases["A1"], defaults={"reason": "same_person"}
    )
    with at(d("2026-03-10"), 16):
        repeats.decide(s.petition, candidate, True)
    s.step("A3", "2026-03-11", "accept")
    s.own("A3", "2026-03-11")

    s.submit("A4", t.hadapu_village, "2025-12-01", category="homestead")
    s.handle("A4", "2025-12-02")
    s.own("A4", "2025-12-03")

    s.submit("A5", t.hadapu_village, "2025-10-10", category="homestead")
    s.handle("A5", "2025-10-11")
    s.own("A5", "2025-10-12")
    s.step("A5", "2026-03-05", "conclude", public_text="已办结。")
    s.visit("A5", "2026-03-08", "unsatisfied")
    s.step("A5", "2026-03-09", "reopen", public_text="回访不满意，重新办理。")

    s.submit("A6", t.awu_village, "2025-09-01", category="collective-assets")
    s.handle("A6", "2025-09-02", "2026-03-15")
    s.visit("A6", "2026-03-18", "satisfied")
    s.step("A6", "2026-03-20", "close")

    s.submit("A7", t.xigu, "2026-03-20", category="conduct", channel="visit", actor=s.jiwei)
    s.step("A7", "2026-03-25", "not_accept", public_text="属法院处理事项。")

    s.submit(
        "A8",
        t.hadapu_village,
        "2026-03-28",
        channel="station",
        actor=s.station,
        intake_mode="visit",
        consent_recorded=True,
    )

    s.submit("A9", t.hadapu_village, "2026-02-01", category="projects")
    s.step("A9", "2026-02-02", "accept")
    s.step("A9", "2026-03-05", "transfer", unit="县自然资源局")

    s.submit("A10", t.awu_village, "2026-01-20", category="projects")
    s.handle("A10", "2026-01-21")
    s.step("A10", "2026-03-01", "extend", days=30, approver=s.leader, public_text="需现场核查。")

    s.submit("A11", t.xigu, "2026-01-10", category="village-finance")
    s.handle("A11", "2026-01-12", "2026-03-12")
    s.own("A11", "2026-01-13")
    s.step("A11", "2026-03-20", "request_review")

    s.submit("A12", t.pingershang, "2026-03-05")

    s.submit("B1", t.awu_village, "2025-03-03")
    s.handle("B1", "2025-03-04", "2025-03-25")
    s.visit("B1", "2025-03-28", "satisfied")
    s.step("B1", "2025-03-30", "close")

    s.submit("B2", t.hadapu_village, "2025-03-10")
    s.step("B2", "2025-04-02", "not_accept", public_text="不属于受理范围。")

    s.submit("B3", t.xigu, "2025-01-02", category="village-finance")
    s.handle("B3", "2025-01-03", "2025-03-10")
    s.visit("B3", "2025-03-15", "satisfied")

    s.submit("B4", t.xigu, "2025-03-15", category="conduct")
    s.step("B4", "2025-03-20", "not_accept", public_text="属仲裁处理事项。")

    s.submit("B5", t.awu_village, "2025-03-20", category="other")
    s.handle("B5", "2025-03-21", "2025-04-15")
    s.visit("B5", "2025-04-20", "satisfied")
    s.step("B5", "2025-04-21", "close")

    s.submit("B6", t.hadapu_village, "2025-03-25")
    s.step("B6", "2025-04-02", "not_accept", public_text="不属于受理范围。")

    time = datetime.time
    awu_day = ReceptionDay.objects.create(
        area=t.awu,
        leader_name="王某",
        leader_title="县委副书记",
        date=d("2026-03-18"),
        start_time=time(9),
        end_time=time(12),
        place="阿坞镇联络站",
    )
    ReceptionRecord.objects.create(day=awu_day, batches=3, persons=7, summary="补贴、宅基地。")
    wudu_day = ReceptionDay.objects.create(
        area=t.wudu,
        leader_name="李某",
        leader_title="区长",
        date=d("2026-03-10"),
        start_time=time(9),
        end_time=time(12),
        place="武都区信访局",
    )
    ReceptionRecord.objects.create(day=wudu_day, batches=5, persons=9)
    return s


# The answers, worked out by hand from the table above (March 2026 / March 2025, 宕昌县).
TANCHANG_MARCH = {
    # received in March: A1, A3, A7, A8 | B1, B2, B4, B5, B6
    "received": (4, 5, -20.0),
    "received_first": (3, 5, -40.0),
    "received_repeat": (1, 0, None),  # A3
    "accepted": (2, 2, 0.0),  # A1, A3 | B1, B5
    "not_accepted": (1, 1, 0.0),  # A7 | B4 (B2, B6 were refused in April)
    "transferred": (1, 0, None),  # A9
    # first concluded in March: A1 (on time), A2, A5, A6 (late), A11 (on time) | B1, B3 (late)
    "concluded": (5, 2, 150.0),
    "concluded_on_time": (2, 1, 100.0),
    "concluded_late": (3, 1, 200.0),
    # accepted, past the 办结期限 on 31 March, never concluded: A4 (A5 was concluded once)
    "overdue_open": (1, 0, None),
    # 办结期限 in March: A2 (03-07), A11 (03-13); A10's moved to April | B3 (2025-03-04)
    "due": (2, 1, 100.0),
    "resolved": (1, 1, 0.0),  # A2 (concluded, not contested) — A11 asked for review | B3
    "leader_received": (1, 0, None),  # A3
    "leader_due": (1, 0, None),  # A11
    "leader_resolved": (0, 0, None),
    # received > 90 days before 28 Feb (before 2025-11-30) and unresolved then: A5, A6
    "backlog_start": (2, 0, None),
    # received before 2025-12-31 and unresolved on 31 March: A4, A5 (contested)
    "backlog_end": (2, 0, None),
    "backlog_resolved": (1, 0, None),  # A6
    "visits": (4, 2, 100.0),  # A5, A2, A6, A1 | B3, B1
    "visits_satisfied": (2, 2, 0.0),
    "visits_basic": (1, 0, None),
    "visits_unsatisfied": (1, 0, None),
    "reception_sessions": (1, 0, None),
    "reception_batches": (3, 0, None),
    "reception_persons": (7, 0, None),
    # rates: change in percentage points
    "on_time_rate": (40.0, 50.0, -10.0),  # 2/5 | 1/2
    "resolution_rate": (50.0, 100.0, -50.0),  # 1/2 | 1/1
    "leader_resolution_rate": (0.0, None, None),  # 0/1 | no case due
    "satisfaction_rate": (75.0, 100.0, -25.0),  # 3/4 | 2/2
    "repeat_share": (25.0, 0.0, 25.0),  # 1/4 | 0/5
    # days to conclude: 17, 63, 145, 194, 59 | 21, 66
    "average_days": (95.6, 43.5, 119.8),  # 478/5 | 87/2; (95.6-43.5)/43.5
    "median_days": (63.0, 43.5, 44.8),
}
