"""Two years of demo cases taken along the case path (登记 … 销号, 复查 → 复核 → 终结), so the
case list, 我的待办, 我的包案, the warning colours, the figures and /track/ have something to
show. Run by `seed_demo` after Part 5's complaints (builder.py).

Every case is made the way staff would make it: `intake.submit`, then
`workflow.perform` for each step, `ownership.assign_leader` / `set_flag` and `repeats.decide`,
each as a demo login allowed to take it. Nothing here writes a state or an event itself, so the
demo can only contain what the rules allow (nothing concluded before it was accepted, one
extension of at most 30 days with an approver, 销号 only after a satisfied visit...).

How the past is made:
- **The clock is moved, not the rows.** Each step runs inside `_at(moment)`, which makes
  `django.utils.timezone.now` return that moment, so every service stamps the event, the
  case's `created_at`/`received_on`, the return visit and the repeat decision with the step's
  own (past) time, and checks its windows (复查 within 30 days of the answer) as of that day.
  Steps are stepped forward in working days, so events are in time order and in the past.
- **No notices.** Seeding two years of history must not text or mail anyone (nor queue a
  thousand tasks for the worker): inside `_quiet()` the complainant notice task and the
  leader's 包案 notification are not queued. The warning job (`check_deadlines`) runs after
  the seed as it would on a real server and tells staff about the overdue demo cases.
- **Colours.** After the last case, every demo case's clock is refreshed as of today
  (`clock.refresh`), so red and yellow are right however long ago the steps were taken.

Deterministic (random.Random(SEED), dates relative to the day the demo is loaded) and
idempotent: case n's submission key is "demo:h<n>"; a case already there is skipped, and
each case is built in one transaction, so an interrupted seed leaves no half-built case.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from dataclasses import dataclass
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from villages.models import VillagePage

from ..models import Complaint, ComplaintCategory, DeadlineRule, RepeatCandidate
from ..services import clock, ownership, receipts, repeats, workflow
from ..services.intake import IntakeData, submit
from ..services.workdays import add_working_days
from . import complaint_data as cd

SEED = 20241201
COUNT = 64  # cases: about 20 s with SQLite (each step goes through the real services)
DAYS = 725  # from early December two years back to today
KEY_PREFIX = "demo:h"

# The published long-timeline case (README): accepted, assigned, feedback twice, extended,
# concluded, visited 不满意, reopened, concluded again, visited 满意, closed by its leader.
LONG_CASE = 0
LONG_CODE = "DEMAPATH3579"  # shown as DEMA-PATH-3579
LONG_PIN = "357913"
# The published case waiting for the complainant's say (README "网上评价"): concluded a few weeks
# ago, no return visit yet, so /track/ offers 满意 / 基本满意 / 不满意.
RATE_CODE = "DEMARATE4682"  # shown as DEMA-RATE-4682
RATE_PIN = "468024"

PETITION = "petition_tanchang"
CITY = "city_longnan"
TOWNSHIP = "jiwei_awu"
LEADER = "leader_tanchang"

AWU_TOWNSHIP = (cd.AWU, cd.GELONG, cd.BIELONGGOU, cd.BIELONG, cd.HADA, cd.MAJIE, cd.YEZHA)
TANCHANG = (*AWU_TOWNSHIP, cd.TANCHANG_CHENGGUAN, cd.HADAPU, cd.LICHUAN, cd.XINCHENGZI)
WUDU = (cd.PINGERSHANG, cd.PUCHI)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余杜"

# (category, text). {village} is filled in; the matters are invented and typical.
MATTERS = [
    (
        "subsidy",
        "{village}的耕地地力保护补贴今年少发了一部分，村里说是统计面积有误，一直没有更正。",
    ),
    ("subsidy", "反映{village}个别农户的草原生态补助被村干部代领，农户本人不知情。"),
    ("minimum-living", "{village}有家庭条件较好的人家享受低保，真正困难的老人却没有评上。"),
    ("minimum-living", "{village}低保评议没有开村民代表会议，名单也没有张榜公示。"),
    ("village-finance", "{village}上半年的财务收支没有按时公开，公开栏贴的还是去年的账。"),
    ("village-finance", "{village}修村道的工程款支出票据不全，村民要求查看账目被拒绝。"),
    ("projects", "{village}的产业路项目没有招标就交给了村干部亲戚施工，路面已经开裂。"),
    ("projects", "{village}饮水工程完工半年，部分农户家里还是没有通水。"),
    ("homestead", "{village}有人未经审批在耕地上建房，村里没有制止。"),
    ("homestead", "{village}宅基地审批拖了一年多没有结果，也没有人说明原因。"),
    ("collective-assets", "{village}集体林地被低价承包出去，承包合同没有经过村民代表会议。"),
    ("collective-assets", "{village}集体的门面房租金去向不明，账上看不到这笔收入。"),
    ("conduct", "{village}村干部办事要收好处费，开一个证明也要请吃饭。"),
    ("conduct", "{village}村干部工作日经常不在村委会，群众办事找不到人。"),
    ("other", "建议{village}把惠农政策和办事流程印成明白卡，发到每家每户。"),
]

FEEDBACK = [
    "承办人已到村调查，调取了相关账目和名册，正在核实。",
    "已约谈村党支部书记和村委会主任，要求说明情况并提供材料。",
    "已向乡镇有关部门调取审批和资金发放记录，核实工作仍在进行。",
    "已走访反映人所说的农户，了解情况，下一步将召开村民代表会议核对。",
]
CONCLUSIONS = [
    "经调查，反映的问题基本属实。已责令村委会整改并公开结果，对相关责任人进行了批评教育。",
    "经调查，反映的问题部分属实。相关款项已补发到户，村务公开栏已更新。",
    "经调查，反映的问题不属实。已向反映人说明调查经过和依据。",
    "经核实，相关审批已依法办理，并已向反映人当面解释政策。",
]
NOT_ACCEPTED = "您反映的事项属于民事纠纷，依法应通过人民调解或向人民法院起诉解决，本机关不予受理。"
TRANSFERRED_TO = ["县农业农村局", "县自然资源局", "县民政局", "县住房和城乡建设局"]
EXTEND_REASON = "需要调取乡镇和县直部门的多份材料并再次到村核实，经领导批准延期。"
REOPEN_TEXT = "反映人对办理结果不满意，经研究重新办理，已退回承办人再次核实。"
REVIEW_ANSWER = "经复查，原处理意见认定事实清楚、处理适当，维持原处理意见。"
RE_REVIEW_ANSWER = "经复核，维持复查意见。本件办理终结，同一事实和理由不再受理。"

# The paths: step names of workflow.TRANSITIONS, plus "leader" (包案), "hard" (骨头案).
HANDLED = ["accept", "assign", "start", "feedback"]
PATHS = {
    "registered": [],
    "not_accepted": ["not_accept"],
    "transferred": ["transfer"],
    "accepted": ["accept"],
    "assigned": ["accept", "assign"],
    "in_progress": HANDLED,
    "extended": [*HANDLED, "extend"],
    "concluded": [*HANDLED, "conclude"],
    "visited": [*HANDLED, "conclude", "visit_ok"],
    "closed": [*HANDLED, "feedback", "conclude", "visit_ok", "close"],
    "closed_extended": [*HANDLED, "extend", "conclude", "visit_ok", "close"],
    "reopened": [*HANDLED, "conclude", "visit_bad", "reopen", "feedback"],
    "reopened_closed": [
        *HANDLED,
        "conclude",
        "visit_bad",
        "reopen",
        "conclude",
        "visit_ok",
        "close",
    ],
    "review": [*HANDLED, "conclude", "request_review"],
    "re_review": [*HANDLED, "conclude", "request_review", "answer_review", "request_re_review"],
    "final": [
        *HANDLED,
        "conclude",
        "visit_bad",
        "request_review",
        "answer_review",
        "request_re_review",
        "answer_re_review",
    ],
}
LONG_PATH = [
    "accept",
    "leader",
    "assign",
    "start",
    "feedback",
    "feedback",
    "extend",
    "conclude",
    "visit_bad",
    "reopen",
    "feedback",
    "conclude",
    "visit_ok",
    "close",
]
# Old cases are mostly done; recent ones are still moving. (path, weight)
OLD_MIX = [
    ("closed", 40),
    ("closed_extended", 8),
    ("reopened_closed", 5),
    ("final", 3),
    ("not_accepted", 7),
    ("transferred", 7),
    ("visited", 2),
    ("in_progress", 3),  # long overdue: red, 久拖不决
    ("extended", 1),
]
RECENT_MIX = [
    ("registered", 8),
    ("accepted", 5),
    ("assigned", 6),
    ("in_progress", 12),
    ("extended", 4),
    ("concluded", 6),
    ("visited", 4),
    ("closed", 10),
    ("reopened", 3),
    ("review", 2),
    ("re_review", 2),
    ("not_accepted", 3),
    ("transferred", 3),
]
RECENT_DAYS = 100
GUARANTEED = {  # path: days since receipt
    "final": 300,
    "reopened_closed": 250,
    "closed_extended": 200,
    "re_review": 150,
    "reopened": 130,
    "review": 90,
    "extended": 90,
    "visited": 70,
    "concluded": 50,
    "in_progress": 40,
    "not_accepted": 30,
    "assigned": 25,
    "accepted": 20,
    "transferred": 15,
    "registered": 5,
}


@dataclass
class Plan:
    index: int
    village: str
    received: datetime.date
    path: list[str]
    real_name: bool
    name: str = ""
    phone: str = ""
    channel: str = Complaint.Channel.ONLINE
    matter: tuple[str, str] = MATTERS[0]
    kind: str = Complaint.Kind.PETITION
    leader_level: str = ""
    repeat_of: int | None = None
    accept_on: datetime.date | None = None  # fixed acceptance day (cases due soon)
    receipt: tuple[str, str] | None = None  # a published (code, PIN), as in the README


def _phone(n: int, written: int = 0) -> str:
    digits = f"139{n:08d}"
    return [
        digits,
        f"{digits[:3]} {digits[3:7]} {digits[7:]}",
        f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}",
    ][written % 3]


def _start_for_due(code: str, kind: str, today: datetime.date, ahead: int) -> datetime.date:
    """The latest start day whose deadline `code` falls `ahead` days or fewer after today
    (but not before it): a case started then is yellow today."""
    rule = clock.rule_for(code, kind)
    start = today
    while clock.due_by_rule(rule, start).date > today + datetime.timedelta(days=ahead):
        start -= datetime.timedelta(days=1)
    return start


def plans(today: datetime.date) -> list[Plan]:
    """The whole demo history, the same list every time for the same `today`."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, meant to be reproducible)
    result: list[Plan] = []
    for i in range(COUNT):
        wudu = i % 12 == 5
        village = rng.choice(WUDU if wudu else TANCHANG)
        age = rng.randint(2, DAYS)
        received = today - datetime.timedelta(days=age)
        mix = RECENT_MIX if age <= RECENT_DAYS else OLD_MIX
        if wudu:  # no handler for 武都区 among the demo logins: the city decides intake only
            mix = [("registered", 2), ("accepted", 2), ("not_accepted", 1), ("transferred", 2)]
        path_name = rng.choices([m[0] for m in mix], [m[1] for m in mix])[0]
        real_name = rng.random() < 0.6
        plan = Plan(
            index=i,
            village=village,
            received=received,
            path=list(PATHS[path_name]),
            real_name=real_name,
            name=rng.choice(SURNAMES) + "某某" if real_name else "",
            phone=_phone(i) if real_name else "",
            matter=rng.choice(MATTERS),
            kind=rng.choice(
                [Complaint.Kind.PETITION] * 3
                + [Complaint.Kind.ACCUSATION, Complaint.Kind.SUGGESTION]
            ),
        )
        if not wudu and rng.random() < 0.25:
            # Came straight to the county petition office (来访/来信): 越级 unless the same
            # person went to the village station or online first.
            plan.channel = rng.choice([Complaint.Channel.VISIT, Complaint.Channel.LETTER])
        if plan.matter[0] == "other":
            plan.kind = Complaint.Kind.SUGGESTION
        result.append(plan)
    _shape(result, today, rng)
    return result


def _shape(result: list[Plan], today: datetime.date, rng: random.Random) -> None:
    """The cases a demo must show, set on fixed plans (still deterministic)."""
    tanchang = [p for p in result if p.village in TANCHANG]
    # Every path at least once, at an age it fits in (a case whose next step would lie in the
    # future stops where it is).
    for plan, (name, age) in zip(tanchang[1:], GUARANTEED.items(), strict=False):
        plan.path = list(PATHS[name])
        plan.received = today - datetime.timedelta(days=age)
    # The README's case: received about 200 days ago, a long timeline, owned by the leader.
    long = result[LONG_CASE]
    long.village, long.received, long.path = cd.AWU, today - datetime.timedelta(days=200), LONG_PATH
    long.real_name, long.name, long.phone = True, "杨某某", _phone(0)
    long.channel, long.matter, long.kind = Complaint.Channel.ONLINE, MATTERS[6], "petition"
    long.leader_level = Complaint.LeaderLevel.COUNTY
    long.receipt = (LONG_CODE, LONG_PIN)
    # Leader-owned at each of the four levels (包案 right after acceptance).
    levels = list(Complaint.LeaderLevel.values)
    owned = [p for p in tanchang[1:] if p.path and p.path[0] == "accept"][:8]
    for n, plan in enumerate(owned):
        plan.leader_level = levels[n % len(levels)]
        plan.path.insert(1, "leader")
    # Due soon (yellow): three waiting for acceptance, three for conclusion.
    fresh = [p for p in tanchang[1:] if not p.leader_level and p.repeat_of is None]
    for plan in fresh[-3:]:
        plan.path = []
        plan.received = _start_for_due(DeadlineRule.Code.ACCEPTANCE, plan.kind, today, 2)
        plan.channel = Complaint.Channel.ONLINE
    for plan in fresh[-6:-3]:
        plan.path = list(HANDLED)
        plan.accept_on = _start_for_due(DeadlineRule.Code.CONCLUSION, plan.kind, today, 2)
        plan.received = plan.accept_on - datetime.timedelta(days=7)
    # 骨头案: long-running hard cases the petition office marks.
    hard = [p for p in tanchang[1:] if p.path[-1:] == ["feedback"] and not p.leader_level]
    for plan in [p for p in hard if p not in fresh[-6:]][:4]:
        plan.path.insert(2, "hard")
    # Repeats: the same person again, the phone written another way, 1-6 months later.
    earlier = [
        p for p in tanchang[1:] if p.real_name and p.received < today - datetime.timedelta(days=220)
    ]
    later = [
        p for p in tanchang if p not in earlier and p not in fresh[-6:] and p.index != LONG_CASE
    ]
    for n, (first, again) in enumerate(zip(earlier[:6], later[-6:], strict=False)):
        again.real_name, again.name, again.phone = True, first.name, _phone(first.index, 1 + n % 2)
        again.village, again.matter = first.village, first.matter
        again.received = first.received + datetime.timedelta(days=rng.randint(30, 180))
        again.repeat_of = first.index
        # The repeat is decided before anything else happens to it.
        if again.channel != Complaint.Channel.ONLINE:
            again.channel = Complaint.Channel.ONLINE
    # The rating case: a plan no other rule above shaped, concluded 4 to 30 days ago whatever
    # the random gaps (acceptance fixed 42 days back; start and conclusion at most 26 working
    # days after it).
    shaped = {LONG_CASE, *(p.index for p in fresh[-6:])}
    shaped |= {p.index for p in result if p.repeat_of is not None}
    shaped |= {p.repeat_of for p in result if p.repeat_of is not None}
    rate = [p for p in tanchang[len(GUARANTEED) + 1 :] if p.index not in shaped][-1]
    rate.path, rate.leader_level = ["accept", "assign", "start", "conclude"], ""
    rate.accept_on = today - datetime.timedelta(days=42)
    rate.received = rate.accept_on - datetime.timedelta(days=4)
    rate.real_name, rate.name, rate.phone = True, "陈某某", _phone(rate.index)
    rate.channel, rate.kind = Complaint.Channel.ONLINE, Complaint.Kind.PETITION
    rate.receipt = (RATE_CODE, RATE_PIN)


# --- building -----------------------------------------------------------------------------


@contextlib.contextmanager
def _at(moment: datetime.datetime):
    """Run the services as if it were `moment` (see the module docstring)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


class _NoTask:
    def enqueue(self, *args, **kwargs):
        return None


@contextlib.contextmanager
def _quiet():
    """No complainant notice and no 交办 or 包案 notification while the past is written."""
    with (
        mock.patch.object(workflow, "send_complainant_notice", _NoTask()),
        mock.patch.object(workflow, "send_staff_notice", _NoTask()),
        mock.patch.object(ownership, "notify_staff", lambda *args, **kwargs: None),
    ):
        yield


def build_history(report) -> None:
    """Create the demo history cases that are missing; then refresh every demo case's clock."""
    today = timezone.localdate()
    now = timezone.now()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[PETITION, CITY, TOWNSHIP, LEADER])
    }
    if len(users) < 4:
        return
    existing = set(
        Complaint.objects.filter(submission_key__startswith=KEY_PREFIX).values_list(
            "submission_key", flat=True
        )
    )
    todo = [p for p in plans(today) if KEY_PREFIX + str(p.index) not in existing]
    if not todo:
        return
    villages = {
        v.division_code: v for v in VillagePage.objects.filter(division_code__in=[*TANCHANG, *WUDU])
    }
    categories = {c.code: c for c in ComplaintCategory.objects.all()}
    by_index: dict[int, Complaint] = {
        int(key[len(KEY_PREFIX) :]): case
        for key, case in (
            (c.submission_key, c)
            for c in Complaint.objects.filter(submission_key__startswith=KEY_PREFIX)
        )
    }
    # Later plans may repeat earlier ones: build in order of receipt.
    with _quiet():
        for plan in sorted(todo, key=lambda p: (p.received, p.index)):
            if plan.village not in villages:
                continue
            by_index[plan.index] = _build(plan, villages, categories, users, by_index, now)
            report.count("complaint")
    ids = list(
        Complaint.objects.filter(submission_key__startswith="demo:").values_list("pk", flat=True)
    )
    for case in Complaint.objects.filter(pk__in=ids).iterator(chunk_size=500):
        clock.refresh(case, today=today)


def _moment(day: datetime.date, minute: int, now: datetime.datetime) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return min(moment + datetime.timedelta(minutes=minute), now - datetime.timedelta(minutes=5))


@transaction.atomic
def _build(plan: Plan, villages, categories, users, by_index, now) -> Complaint:
    rng = random.Random(SEED * 1000 + plan.index)  # noqa: S311 (as above)
    village = villages[plan.village]
    category, text = plan.matter
    office = users[CITY] if plan.village in WUDU else users[PETITION]
    handler = users[TOWNSHIP] if plan.village in AWU_TOWNSHIP else users[PETITION]
    staff_logged = plan.channel != Complaint.Channel.ONLINE
    received = plan.received
    if staff_logged:  # a visit or a letter reaches the office on a working day
        received = _working_day_from(received)
    first_at = _moment(
        received, rng.randint(-60, 600) if not staff_logged else rng.randint(0, 420), now
    )
    data = IntakeData(
        village=village,
        category=categories[category],
        description=text.format(village=village.title),
        kind=plan.kind,
        real_name=plan.real_name,
        reporter_name=plan.name,
        reporter_contact=plan.phone,
        received_on=received,
        intake_mode=plan.channel if staff_logged else "",
    )
    with _at(first_at):
        case = submit(
            data,
            channel=plan.channel,
            actor=office if staff_logged else None,
            actor_label="宕昌县纪委监委信访室" if staff_logged else "",
            submission_key=KEY_PREFIX + str(plan.index),
        ).case
    extra: dict = {"sealed_pin": None, "receipt_reshow_until": None}
    if plan.receipt is not None:
        code, pin = plan.receipt
        extra["receipt_code"] = code
        extra["pin_digest"] = receipts.pin_digest(code, pin)
    Complaint.objects.filter(pk=case.pk).update(**extra)

    day, last = received, first_at
    if plan.repeat_of is not None and plan.repeat_of in by_index:
        day, last = _step_day(day, 1, last, now, rng)
        candidate = RepeatCandidate.objects.filter(
            case=case, earlier=by_index[plan.repeat_of]
        ).first()
        if candidate is not None:
            with _at(last):
                repeats.decide(office, candidate, True)
    for step in plan.path:
        gap = _gap(step, plan, rng)
        if step == "accept" and plan.accept_on is not None:
            day = max(plan.accept_on, day)
            gap = 0
        day, last = _step_day(day, gap, last, now, rng)
        if last >= now - datetime.timedelta(minutes=5):
            break  # the rest of the path lies in the future: the case stays where it is
        case.refresh_from_db()
        with _at(last):
            _take(step, plan, case, office, handler, users, rng)
    return case


def _working_day_from(day: datetime.date) -> datetime.date:
    previous = day - datetime.timedelta(days=1)
    return add_working_days(previous, 1).date


def _gap(step: str, plan: Plan, rng: random.Random) -> int:
    """Working days before a step."""
    return {
        "accept": rng.randint(1, 8),
        "not_accept": rng.randint(2, 10),
        "transfer": rng.randint(1, 4),
        "leader": 0,
        "hard": 1,
        "assign": rng.randint(0, 3),
        "start": rng.randint(1, 3),
        "feedback": rng.randint(5, 15),
        "extend": rng.randint(12, 20),
        "conclude": rng.randint(8, 20),
        "visit_ok": rng.randint(3, 8),
        "visit_bad": rng.randint(3, 8),
        "reopen": rng.randint(1, 3),
        "close": rng.randint(1, 5),
        "request_review": rng.randint(2, 6),
        "answer_review": rng.randint(10, 20),
        "request_re_review": rng.randint(2, 6),
        "answer_re_review": rng.randint(10, 20),
    }[step]


def _step_day(day, gap, last, now, rng):
    if gap:
        day = add_working_days(day, gap).date
    moment = _moment(day, rng.randint(0, 450), now)
    if moment <= last:
        moment = last + datetime.timedelta(minutes=rng.randint(10, 90))
        day = timezone.localdate(moment)
    return day, moment


def _take(step, plan, case, office, handler, users, rng) -> None:
    leader = users[LEADER]
    if step == "leader":
        ownership.assign_leader(
            office, case, leader, plan.leader_level, "群众反映强烈，领导包案督办。"
        )
        return
    if step == "hard":
        ownership.set_flag(office, case, "hard_case", True, "涉及多年遗留问题，列为骨头案。")
        return
    if step in ("visit_ok", "visit_bad"):
        result = (
            rng.choice(["satisfied", "satisfied", "basic"]) if step == "visit_ok" else "unsatisfied"
        )
        online = plan.real_name is False and rng.random() < 0.5
        workflow.perform(
            None if online else office,
            case,
            "return_visit",
            {"result": result, "method": rng.choice(["phone", "visit"])},
        )
        return
    who = office
    data: dict = {}
    if step == "not_accept":
        data = {"public_text": NOT_ACCEPTED}
    elif step == "transfer":
        data = {"unit": rng.choice(TRANSFERRED_TO)}
    elif step == "assign":
        unit = "阿坞镇纪委" if handler.username == TOWNSHIP else "宕昌县纪委监委信访室"
        data = {"unit": unit, "handler": handler}
    elif step in ("start", "feedback", "extend", "conclude"):
        who = handler
        if step == "feedback":
            data = {"public_text": rng.choice(FEEDBACK)}
        elif step == "extend":
            data = {
                "days": rng.choice([15, 20, 30]),
                "approver": leader,
                "public_text": EXTEND_REASON,
            }
        elif step == "conclude":
            data = {"public_text": rng.choice(CONCLUSIONS)}
    elif step == "reopen":
        data = {"public_text": REOPEN_TEXT}
    elif step == "close" and case.owner_leader_id == leader.pk:
        who = leader  # 逐件销号 by the leader who owns it
    elif step == "answer_review":
        data = {"public_text": REVIEW_ANSWER}
    elif step == "answer_re_review":
        data = {"public_text": RE_REVIEW_ANSWER}
    workflow.perform(who, case, step, data)
