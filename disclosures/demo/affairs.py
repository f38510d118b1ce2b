"""Two years of demo village affairs disclosures (村务公开, issue 10) for 宕昌县阿坞镇, the township
the demo logins work in (villages/demo/builder.py). Run by `seed_demo` after the village lists.

What is made, for every village of 阿坞镇:
- 财务收支 monthly (a ledger of 20-60 entries), 党务 and 村务 quarterly (text, no table), 三资
  quarterly (the collective's assets, resources and contracts), 惠民补贴“一卡通” quarterly (one
  row per payment to a household), 工程项目 one-off (budget, contractor, progress) and 低保初步名单
  one-off, from the first period the schedule checks (two years back, or its 执行日期 if later)
  to the last period already due. 阿坞村, 西固村 and 哈达村 get full-size tables (100-400 subsidy
  rows a quarter); the other five villages get small ones, so `make run` stays quick.
- **Masking at the door.** Rows carry raw, invented names, ID numbers, bank cards and phones and
  go through `rows.write_table` like an import: the public columns hold 张*明 and
  620000********123X, the originals go to the row's encrypted `raw`.
- **Late and missing.** A few periods are published after their due date, a few are left
  without any disclosure (the township dashboard and the village page show 逾期未公开); 阿坞村's
  are fixed (AWU_LATE, AWU_MISSING), the others' drawn from a seeded random.
- **A correction.** 阿坞村's subsidy disclosure of the last quarter but one is published, then
  published again with a new table (one amount fixed) and a 更正说明: the page shows the note
  and the earlier version.
- **A draft awaiting approval.** 阿坞村's newest 低保初步名单 is submitted by `editor_awu` to the
  township's workflow and waits for `jiwei_awu`.

How the past is made (as supervision/demo/history.py does): each disclosure is published through
a revision (`save_revision().publish()`) inside `_at(moment)`, which moves
`django.utils.timezone.now` to the day it was published; so first/last published, the publish
log entry, the revision and the table all carry that day, and lateness is what the schedule
computes from them. `_quiet()` keeps the seed from queueing PDF builds or sending workflow
e-mails: publication and workflow signals are not sent and no mail leaves.

Deterministic (random.Random per village and slug; dates relative to the day the demo is
loaded) and idempotent: a disclosure is found by its slug under its village (finance-2026-10,
subsidy-2026-q3, project-2026-05-12) and skipped if there; each is built in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.tasks import insert_or_update_object_task
from wagtail import signals as wagtail_signals
from wagtail.models.reference_index import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal.base import workdays
from villages.demo import longnan
from villages.models import CityPage, VillagePage

from ..affairs_models import DisclosurePage, DisclosureTable, Kind, PeriodType, RawValueAccess
from ..services import rows as row_service
from ..services import schedule, tables
from ..services.affairs import prepare_for_save
from . import affairs_data as data

AWU = "621223106205"  # 阿坞村, the village the README points at
# Full two years of full-size tables; the rest of 阿坞镇 gets small tables.
FULL = (AWU, "621223106201", "621223106206")  # 阿坞村, 西固村, 哈达村
LEAN = ("621223106202", "621223106203", "621223106204", "621223106207", "621223106208")
EDITOR, APPROVER = "editor_awu", "jiwei_awu"

# 阿坞村's late and missing periods, counted back from its newest period already due
# (1 = the newest): kind → {position: days late}, kind → positions left unpublished.
AWU_LATE = {Kind.FINANCE: {6: 8}, Kind.SUBSIDY: {4: 14}, Kind.PARTY: {3: 5}}
AWU_MISSING = {Kind.FINANCE: (3,), Kind.ASSETS: (2,)}
# 阿坞村's corrected disclosure: the subsidy table of this position.
AWU_CORRECTED = (Kind.SUBSIDY, 2)
CORRECTION_AFTER_DAYS = 9
RELIEF_SUMMARY = "经村民代表会议民主评议，拟纳入农村最低生活保障的初审名单如下，公示 7 个工作日。"

PERIODIC_KINDS = (Kind.FINANCE, Kind.PARTY, Kind.AFFAIRS, Kind.ASSETS, Kind.SUBSIDY)
KIND_SLUG = {Kind.FINANCE: "finance", Kind.PARTY: "party", Kind.AFFAIRS: "affairs"}
KIND_SLUG |= {Kind.ASSETS: "assets", Kind.SUBSIDY: "subsidy"}
KIND_SLUG |= {Kind.PROJECT: "project", Kind.RELIEF: "relief"}
KIND_TITLE = {
    Kind.FINANCE: "财务收支公开",
    Kind.PARTY: "党务公开",
    Kind.AFFAIRS: "村务公开",
    Kind.ASSETS: "“三资”管理公开",
    Kind.SUBSIDY: "惠民惠农补贴“一卡通”发放公开",
    Kind.PROJECT: "工程项目公开",
    Kind.RELIEF: "农村低保初审名单公示",
}


# --- plans --------------------------------------------------------------------------------------


@dataclass
class Plan:
    """One disclosure to make: what, for which period, published when (None: a draft sent for
    approval), with which rows."""

    kind: str
    period_type: str
    period_start: datetime.date
    slug: str
    title: str
    published_at: datetime.datetime | None
    event_date: datetime.date | None = None
    summary: str = ""
    body: str = ""
    rows: list[dict] | None = None
    correction: Correction | None = None
    saved_at: datetime.datetime | None = None  # a draft's moment


@dataclass
class Correction:
    """The plan's rows are published first with a mistake (`mistype`), then corrected."""

    published_at: datetime.datetime
    mistype: Callable[[list[dict]], tuple[list[dict], str]] = field(repr=False)


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working-hours moment of `day` (Asia/Shanghai)."""
    at = datetime.time(rng.choice((9, 10, 11, 15, 16)), rng.randrange(0, 60, 5))
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _slug(kind: str, period_type: str, start: datetime.date) -> str:
    prefix = KIND_SLUG[kind]
    if period_type == PeriodType.MONTH:
        return f"{prefix}-{start:%Y-%m}"
    if period_type == PeriodType.QUARTER:
        return f"{prefix}-{start.year}-q{(start.month - 1) // 3 + 1}"
    if period_type == PeriodType.YEAR:
        return f"{prefix}-{start.year}"
    return f"{prefix}-{start:%Y-%m-%d}"


def _title(village: VillagePage, kind: str, period_type: str, start: datetime.date) -> str:
    return f"{village.title}{schedule.period_label(period_type, start)}{KIND_TITLE[kind]}"


class Village:
    """What the demo knows of one village: its households (name, group, ID number, card,
    phone), invented once and reused every quarter."""

    def __init__(self, page: VillagePage, full: bool):
        self.page = page
        self.full = full
        rng = random.Random(f"affairs-households-{page.division_code}")  # noqa: S311 (demo)
        groups = max(page.group_count or 3, 3)
        count = min(max(page.households or 200, 120), 450) if full else 60
        self.households = [_household(rng, groups) for _ in range(count)]


def _household(rng: random.Random, groups: int) -> dict:
    if rng.random() < 0.03:
        surname = rng.choice(data.COMPOUND_SURNAMES)
    else:
        surname = rng.choice(data.SURNAMES)
    given = "".join(rng.choice(data.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    born = datetime.date(1938, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 62))
    return {
        "name": surname + given,
        "group": f"第{rng.randint(1, groups)}村民小组",
        "id_number": _id_number(f"621223{born:%Y%m%d}{rng.randrange(0, 1000):03d}"),
        "bank_card": f"62284804025{rng.randrange(0, 10**8):08d}",
        "phone": f"1{rng.choice('3589')}{rng.randrange(0, 10**9):09d}",
    }


def _id_number(first17: str) -> str:
    """An ID number with its ISO 7064 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def plans(village: Village, today: datetime.date, rules: schedule.Rules) -> list[Plan]:
    """Every disclosure the demo makes for one village, as of `today`."""
    now = timezone.now()
    county_id = schedule.county_id_of(village.page)
    since = today - datetime.timedelta(days=schedule.LOOKBACK_DAYS)
    code = village.page.division_code
    found: list[Plan] = []
    for kind in PERIODIC_KINDS:
        rule = rules.rule(county_id, kind)
        if rule is None or rule.period_type == PeriodType.ONCE:
            continue
        rng = random.Random(f"affairs-{code}-{kind}")  # noqa: S311 (demo data)
        periods = [(s, d) for s, d in schedule.expected_periods(rule, today, since) if d <= today]
        for position, (start, due) in enumerate(reversed(periods), start=1):
            late, missing = _late_or_missing(code, kind, position, rng)
            if missing:
                continue
            end = schedule.period_end(rule.period_type, start)
            if late:
                day = due + datetime.timedelta(days=late)
            else:
                day = max(due - datetime.timedelta(days=rng.randint(1, 8)), end)
                day = max(day, end + datetime.timedelta(days=1))
            published_at = min(_moment(day, rng), now - datetime.timedelta(hours=1))
            plan = _periodic(village, kind, rule.period_type, start, published_at, rng)
            if code == AWU and (kind, position) == AWU_CORRECTED:
                fixed_at = published_at + datetime.timedelta(days=CORRECTION_AFTER_DAYS)
                plan.correction = Correction(
                    min(fixed_at, now - datetime.timedelta(minutes=30)), _mistype
                )
            found.append(plan)
    found += _one_offs(village, today, rules, county_id)
    found.sort(key=lambda p: p.published_at or p.saved_at)
    return found


def _late_or_missing(code: str, kind: str, position: int, rng: random.Random) -> tuple[int, bool]:
    draw = rng.random()  # drawn for every period, so the sequence is stable
    if code == AWU:
        return AWU_LATE.get(kind, {}).get(position, 0), position in AWU_MISSING.get(kind, ())
    if position <= 1:
        return 0, False  # the newest period of the other villages is on time
    if draw < 0.04:
        return 0, True
    if draw < 0.12:
        return rng.randint(2, 20), False
    return 0, False


def _periodic(village: Village, kind, period_type, start, published_at, rng) -> Plan:
    plan = Plan(
        kind=kind,
        period_type=period_type,
        period_start=start,
        slug=_slug(kind, period_type, start),
        title=_title(village.page, kind, period_type, start),
        published_at=published_at,
    )
    end = schedule.period_end(period_type, start)
    if kind == Kind.FINANCE:
        plan.rows = _finance_rows(village, start, end, rng)
        plan.summary = "本月村集体财务收支明细，原始凭证存村委会备查，村务监督委员会已审核。"
    elif kind == Kind.SUBSIDY:
        plan.rows = _subsidy_rows(village, start, end, rng)
        plan.summary = (
            "本季度通过“一卡通”发放的各项惠民惠农补贴，公示期内如有异议请向村务监督委员会反映。"
        )
    elif kind == Kind.ASSETS:
        plan.rows = _asset_rows(village, start, rng)
        plan.summary = "村集体资产、资源和经济合同台账（截至本季度末）。"
    else:
        topics = data.PARTY_TOPICS if kind == Kind.PARTY else data.AFFAIRS_TOPICS
        paragraphs = topic_paragraphs(topics, rng)
        plan.body = "".join(f"<p>{p}</p>" for p in paragraphs)
        # A line about the whole, not the first paragraph again (the page shows both).
        plan.summary = (
            f"本季度{'党务' if kind == Kind.PARTY else '村务'}公开事项共 {len(paragraphs)} 项，"
            "详见正文；如有异议请向村务监督委员会反映。"
        )
    return plan


def _one_offs(village: Village, today, rules, county_id) -> list[Plan]:
    """Projects and 低保初步名单: a few events over the two years, each published within its
    working days (one of 哈达村's late); and 阿坞村's newest 低保 list, a draft awaiting
    approval."""
    code = village.page.division_code
    rng = random.Random(f"affairs-{code}-once")  # noqa: S311 (demo data)
    now = timezone.now()
    found = []
    first = max(
        today - datetime.timedelta(days=schedule.LOOKBACK_DAYS - 60), datetime.date(2025, 1, 15)
    )
    span = (today - datetime.timedelta(days=30) - first).days
    events = []
    if village.full:
        projects = rng.sample(data.PROJECTS, 2)
        for index, project in enumerate(projects):
            day = first + datetime.timedelta(days=span * (index * 2 + 1) // 4)
            events.append((Kind.PROJECT, _weekday(day), project))
        for index in range(2):
            day = first + datetime.timedelta(days=span * (index * 2 + 1) // 5 + 40)
            events.append((Kind.RELIEF, _weekday(day), None))
    else:
        events.append((Kind.RELIEF, _weekday(first + datetime.timedelta(days=span // 2)), None))
    for number, (kind, event, project) in enumerate(events):
        rule = rules.rule(county_id, kind)
        due = schedule.due_date(rule, PeriodType.ONCE, event, event)
        late = code == "621223106206" and kind == Kind.PROJECT and number == 1
        day = due + datetime.timedelta(days=6) if late else workdays.add_working_days(event, 3)
        plan = Plan(
            kind=kind,
            period_type=PeriodType.ONCE,
            period_start=event,
            event_date=event,
            slug=_slug(kind, PeriodType.ONCE, event),
            title=_one_off_title(village.page, kind, event, project),
            published_at=min(_moment(day, rng), now - datetime.timedelta(hours=1)),
        )
        if kind == Kind.PROJECT:
            plan.rows = _project_rows(village, project, event, rng)
            plan.summary = (
                "本项目投资 5 万元以上，经“四议两公开”程序决定，现将预算、施工单位和进度公开。"
            )
        else:
            plan.rows = _relief_rows(village, event, rng)
            plan.summary = RELIEF_SUMMARY
        found.append(plan)
    if code == AWU:
        # The newest 低保 list: drafted and submitted a few working days ago, awaiting approval.
        event = _weekday(today - datetime.timedelta(days=6))
        plan = Plan(
            kind=Kind.RELIEF,
            period_type=PeriodType.ONCE,
            period_start=event,
            event_date=event,
            slug=_slug(Kind.RELIEF, PeriodType.ONCE, event),
            title=_one_off_title(village.page, Kind.RELIEF, event, None),
            published_at=None,
            saved_at=min(
                _moment(workdays.add_working_days(event, 2), rng),
                now - datetime.timedelta(hours=2),
            ),
            summary=RELIEF_SUMMARY,
        )
        plan.rows = _relief_rows(village, event, rng)
        found.append(plan)
    return found


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _one_off_title(village: VillagePage, kind: str, event: datetime.date, project) -> str:
    if kind == Kind.PROJECT:
        return f"{project[0].format(village=village.title)}公开（{event.year}年{event.month}月）"
    return f"{village.title}{event.year}年{event.month}月{KIND_TITLE[kind]}"


# --- rows (raw, as a county's export gives them) --------------------------------------------------


def _day_in(start: datetime.date, end: datetime.date, rng: random.Random) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _money(low: int, high: int, rng: random.Random) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _finance_rows(village: Village, start, end, rng) -> list[dict]:
    count = rng.randint(20, 60) if village.full else rng.randint(20, 26)
    entries = []
    for _ in range(count):
        income = rng.random() < 0.3
        summary, low, high = rng.choice(data.INCOME_ENTRIES if income else data.EXPENSE_ENTRIES)
        amount = _money(low, high, rng)
        entries.append(
            {
                "entry_date": _day_in(start, end, rng),
                "summary": summary,
                "income": amount if income else Decimal("0.00"),
                "expense": Decimal("0.00") if income else amount,
            }
        )
    if rng.random() < 0.15:
        # A supplier's mobile copied into the 摘要, as bookkeepers do: masked at the door.
        entries[0]["summary"] = (
            f"支付水泥、砂石材料款（供货人电话 1{rng.choice('389')}{rng.randrange(10**9):09d}）"
        )
    entries.sort(key=lambda e: e["entry_date"])
    for number, entry in enumerate(entries, start=1):
        entry["voucher"] = f"记-{start:%m}-{number:03d}"
    return entries


def _subsidy_rows(village: Village, start, end, rng) -> list[dict]:
    quarter = (start.month - 1) // 3 + 1
    items = [item for item in data.SUBSIDY_ITEMS if quarter in item[3]]
    target = rng.randint(100, 400) if village.full else rng.randint(30, 50)
    found = []
    paid_on = {item[0]: _day_in(start, end, rng) for item in items}
    households = list(village.households)
    rng.shuffle(households)
    index = 0
    while len(found) < target:
        person = households[index % len(households)]
        index += 1
        name, standard, (low, high), _quarters = items[index % len(items)]
        quantity = Decimal(rng.randint(low, high))
        row = {
            "household": person["name"],
            "group": person["group"],
            "item": name,
            "standard": standard,
            "quantity": quantity,
            "amount": (standard * quantity).quantize(tables.CENT),
            "paid_on": paid_on[name],
            "bank_card": person["bank_card"],
        }
        if rng.random() < 0.6:
            row["id_number"] = person["id_number"]
        found.append(row)
    return found


def _relief_rows(village: Village, event, rng) -> list[dict]:
    found = []
    for person in rng.sample(village.households, rng.randint(8, 15)):
        item, standard = rng.choice(data.RELIEF_ITEMS)
        members = Decimal(rng.randint(1, 5))
        found.append(
            {
                "household": person["name"],
                "group": person["group"],
                "item": item,
                "standard": standard,
                "quantity": members,
                "amount": standard * members,
                "paid_on": event,
                "id_number": person["id_number"],
                "phone": person["phone"],
            }
        )
    return found


def _asset_rows(village: Village, start, rng) -> list[dict]:
    count = len(data.ASSETS) if village.full else 6
    found = []
    for name, category, size, value, counterparty, term in data.ASSETS[:count]:
        # The book value moves a little (depreciation, a new contract year).
        drift = Decimal(1) - Decimal(rng.randint(0, 3)) / 100 if category == "资产" else Decimal(1)
        found.append(
            {
                "name": name.format(village=village.page.title),
                "category": category,
                "size": size,
                "value": (value * drift).quantize(tables.CENT),
                "counterparty": counterparty,
                "term": term,
            }
        )
    return found


def _project_rows(village: Village, project, event, rng) -> list[dict]:
    name, budget, contractor = project
    done = rng.choice(("已完工，待验收", "已完工并验收", "路面施工中", "基础施工中"))
    return [
        {
            "name": f"{name.format(village=village.page.title)}（{part}）",
            "budget": (budget * share).quantize(tables.CENT),
            "contractor": contractor,
            "progress": done,
            "paid": (budget * share * Decimal("0.6")).quantize(tables.CENT),
            "started_on": event + datetime.timedelta(days=14),
        }
        for part, share in data.PROJECT_PARTS
    ]


def _mistype(rows: list[dict]) -> tuple[list[dict], str]:
    """The mistake the correction fixes: one household's quantity keyed wrong in the first
    published table. Returns that first table and the 更正说明 of the right one (`rows`)."""
    wrong = [dict(row) for row in rows]
    line = min(37, len(wrong))
    right = rows[line - 1]
    row = wrong[line - 1]
    row["quantity"] = right["quantity"] + 1
    row["amount"] = (row["standard"] * row["quantity"]).quantize(tables.CENT)
    note = (
        f"第 {line} 行（{right['group']}，{right['item']}）数量由 {row['quantity']:g} 更正为 "
        f"{right['quantity']:g}，金额由 {row['amount']:,.2f} 元更正为 {right['amount']:,.2f} 元："
        "原表录入有误，已与“一卡通”发放记录核对。"
    )
    return wrong, note


# --- building -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _at(moment: datetime.datetime):
    """Run as if it were `moment` (see the module docstring)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


class _Collect:
    """Stands in for a task while the past is written: remembers what to do once, after."""

    def __init__(self, into: set):
        self.into = into

    def enqueue(self, *args):
        self.into.add(args)


@contextlib.contextmanager
def _quiet(to_index: set):
    """No PDF build, cache refresh or workflow e-mail while two years are written: the
    publication and workflow signals are not sent, and no mail leaves. The search and
    reference indexes are not updated at each of the three saves a published page takes:
    what to index is collected in `to_index` and queued once per object afterwards."""
    quiet = [
        wagtail_signals.page_published,
        wagtail_signals.published,
        wagtail_signals.workflow_submitted,
        wagtail_signals.task_submitted,
    ]
    with contextlib.ExitStack() as stack:
        for signal in quiet:
            stack.enter_context(mock.patch.object(signal, "send", return_value=[]))
        stack.enter_context(
            mock.patch("django.core.mail.message.EmailMessage.send", return_value=0)
        )
        stack.enter_context(
            mock.patch.object(
                search_signal_handlers, "insert_or_update_object_task", _Collect(to_index)
            )
        )
        stack.enter_context(disable_reference_index_auto_update())
        yield


def _digest(row_kind: str, values: list[dict]) -> str:
    digest = row_service.Digest(row_kind)
    for row in values:
        digest.add(row)
    return digest.hexdigest()


def _write(page: DisclosurePage, kind: str, values: list[dict], user):
    row_kind = tables.TABLE_OF_KIND[kind]
    table, _created = row_service.write_table(
        page,
        row_kind,
        list(enumerate(values, start=1)),
        _digest(row_kind, values),
        user=user,
        file_name=f"{page.slug}.xlsx",
    )
    return table


@transaction.atomic
def _build(village: VillagePage, plan: Plan, editor, approver) -> DisclosurePage:
    moment = plan.published_at or plan.saved_at
    rows, note = plan.rows, ""
    if plan.correction is not None:
        rows, note = plan.correction.mistype(plan.rows)
    with _at(moment):
        page = DisclosurePage(
            title=plan.title,
            slug=plan.slug,
            kind=plan.kind,
            period_type=plan.period_type,
            period_start=plan.period_start,
            event_date=plan.event_date,
            summary=plan.summary,
            body=plan.body,
            live=False,
            owner=editor,
        )
        village.add_child(instance=page)
        if rows is not None:
            page.table = _write(page, plan.kind, rows, editor)
        if plan.published_at is None:
            page.save_revision(user=editor)  # cleaned: computes the due date
            # A draft's row keeps the fields it was created with, and Wagtail cleans (so
            # computes due_on) only pages saved live; the township dashboard reads the row.
            DisclosurePage.objects.filter(pk=page.pk).update(due_on=page.due_on)
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, editor)
            return page
        # Publishing validates the page (a live page is cleaned on save); the revision is
        # written without a second, identical clean, its due date filled in first.
        prepare_for_save(page)
        revision = page.save_revision(user=editor, clean=False)
        revision.publish(user=approver, skip_permission_checks=True)
    if plan.correction is not None:
        page = DisclosurePage.objects.get(pk=page.pk)
        with _at(plan.correction.published_at):
            page.table = _write(page, plan.kind, plan.rows, editor)
            page.correction_note = note
            page.save_revision(user=editor).publish(user=approver, skip_permission_checks=True)
    return page


def build_disclosures(report) -> None:
    """Create the demo disclosures that are missing (see the module docstring)."""
    villages = list(
        VillagePage.objects.filter(division_code__in=[*FULL, *LEAN]).order_by("division_code")
    )
    if not villages:
        return
    logins = get_user_model().objects.filter(username__in=[EDITOR, APPROVER])
    users = {u.username: u for u in logins}
    editor, approver = users.get(EDITOR), users.get(APPROVER)
    today = timezone.localdate()
    rules = schedule.Rules()
    to_index: set[tuple] = set()
    built: list[int] = []
    with _quiet(to_index):
        for page in villages:
            existing = set(DisclosurePage.objects.child_of(page).values_list("slug", flat=True))
            village = Village(page, full=page.division_code in FULL)
            for plan in plans(village, today, rules):
                if plan.slug in existing:
                    continue
                built.append(_build(page, plan, editor, approver).pk)
                existing.add(plan.slug)
                report.count("disclosurepage")
    # Once per object what each save would have queued: the worker indexes them after the seed.
    for args in sorted(to_index):
        insert_or_update_object_task.enqueue(*args)
    for page in DisclosurePage.objects.filter(pk__in=built):
        ReferenceIndex.create_or_update_for_object(page)


def delete_disclosures() -> int:
    """Let `seed_demo --reset` delete the demo tree: a village's tables are protected by the
    disclosures that show them (and by the log of looks at their raw values), so the pages let
    go of their tables and the tables go first, with their rows. Returns the tables removed.

    RawValueAccess refuses deletion through the ORM (the log must never lose a row in normal
    work); wiping a demo database is the one exception, as for supervision's access log
    (supervision/demo/builder.py `delete_complaints`), so it uses `_raw_delete` here only."""
    city = CityPage.objects.filter(division_code=longnan.CITY["code"]).first()
    if city is None:
        return 0
    tables_of_demo = DisclosureTable.objects.filter(village__path__startswith=city.path)
    with transaction.atomic():
        DisclosurePage.objects.filter(path__startswith=city.path).update(table=None)
        RawValueAccess.objects.filter(table__in=tables_of_demo)._raw_delete(
            RawValueAccess.objects.db
        )
        _total, by_model = tables_of_demo.delete()
    return by_model.get(DisclosureTable._meta.label, 0)


def topic_paragraphs(topics, rng: random.Random) -> list[str]:
    """A 党务/村务 disclosure's paragraphs: its topics with believable numbers filled in (the
    demo's and seed_scale's alike)."""
    values = {
        "n": rng.randint(18, 46),
        "fee": f"{rng.randint(300, 1800)}.00",
        "m": rng.randint(1, 3),
        "k": rng.randint(1, 4),
        "v": rng.randint(20, 80),
        "s": rng.randint(2, 9),
        "item": rng.choice(data.AFFAIRS_ITEMS),
    }
    return [t.format(**values) for t in topics]
