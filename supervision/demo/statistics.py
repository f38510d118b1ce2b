"""Demo ledger for 一月一分析: a few hundred concluded cases of 宕昌县 over the last two years, so
the dashboard, its charts and the monthly report have figures to show (docs/architecture.md
"Demo history" explains the case-path demo; this is its bulk complement).

Why rows, not the services: the case-path demo (history.py) costs about 0.25 s a case; 300 more
that way would add well over a minute to `make setup`. These cases are what a county's ledger
of past cases looks like after the historic ledger import (台账导入): `imported=True`, no event
log, every figure fact stored consistently (received ≤ accepted ≤ first concluded; 办结期限 60
days after acceptance; 销号/化解 after conclusion; a few 不予受理), all concluded or refused
before today, so the warning job and `refresh_clocks` leave them alone. The mix of categories
shifts between the two years (subsidy complaints falling, homestead and project ones rising) so
同比 and the "分析" sentences have something to say.

Deterministic (random.Random(SEED), dates relative to the day the demo is loaded) and
idempotent: case n's submission key is "demo-ledger:<n>"; the missing ones are added in one
bulk insert. `seed_demo --reset` removes them with every other case of the demo villages.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from villages.models import CountyPage, TownshipPage, VillagePage

from ..models import Complaint, ComplaintCategory
from ..services import receipts

SEED = 20261101
COUNT = 320
KEY_PREFIX = "demo-ledger:"
COUNTY = "621223"  # 宕昌县
DAYS = 720
# Category weights this year and the year before: what the analysis finds rising and falling.
WEIGHTS = {
    "subsidy": (10, 22),
    "minimum-living": (12, 12),
    "collective-assets": (9, 6),
    "projects": (10, 5),
    "homestead": (14, 6),
    "village-finance": (7, 9),
    "conduct": (6, 6),
    "other": (3, 3),
}
CHANNELS = [
    (Complaint.Channel.ONLINE, Complaint.IntakeLevel.ONLINE),
    (Complaint.Channel.STATION, Complaint.IntakeLevel.VILLAGE),
    (Complaint.Channel.PHONE, Complaint.IntakeLevel.COUNTY),
    (Complaint.Channel.LETTER, Complaint.IntakeLevel.COUNTY),
    (Complaint.Channel.VISIT, Complaint.IntakeLevel.TOWNSHIP),
]
TEXTS = {
    "subsidy": "耕地地力保护补贴发放金额与公示不一致。",
    "minimum-living": "低保评定没有经过村民代表会议评议。",
    "collective-assets": "村集体林地承包费收入没有入账公开。",
    "projects": "村道硬化工程验收后路面开裂，质量有问题。",
    "homestead": "宅基地审批没有公示，占用了集体耕地。",
    "village-finance": "村级招待费报销没有附明细。",
    "conduct": "村干部办事拖拉，群众多次找不到人。",
    "other": "村里的垃圾清运长期无人负责。",
}
UNITS = ("宕昌县纪委监委信访室",)


def _category_for(rng: random.Random, this_year: bool, categories) -> ComplaintCategory:
    codes = [code for code in WEIGHTS if code in categories]
    weights = [WEIGHTS[code][0 if this_year else 1] for code in codes]
    return categories[rng.choices(codes, weights)[0]]


def plans(today: datetime.date, villages, categories) -> list[Complaint]:
    """The whole demo ledger as unsaved rows, the same every time for the same `today`."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    townships = {
        t.path: t.title
        for t in TownshipPage.objects.filter(
            path__in={v.path[: v.steplen * (v.depth - 1)] for v in villages}
        )
    }
    township_of = {
        v.pk: townships.get(v.path[: v.steplen * (v.depth - 1)], "乡镇") for v in villages
    }
    year_ago = today - datetime.timedelta(days=365)
    rows = []
    for n in range(COUNT):
        received = today - datetime.timedelta(days=rng.randint(25, DAYS))
        category = _category_for(rng, received > year_ago, categories)
        village = rng.choice(villages)
        channel, level = rng.choice(CHANNELS)
        receipt = receipts.new_receipt_code()
        row = Complaint(
            number=f"{COUNTY}-{received.year}-L{n + 1:04d}",
            receipt_code=receipt,
            # Nobody holds a receipt for a ledger case: a PIN no one knows.
            pin_digest=receipts.pin_digest(receipt, receipts.new_pin()),
            channel=channel,
            intake_level=level,
            village_id=village.pk,
            category=category,
            description=f"{village.title}：{TEXTS.get(category.code, TEXTS['other'])}",
            received_on=received,
            submission_key=f"{KEY_PREFIX}{n}",
            imported=True,
        )
        created = datetime.datetime.combine(
            received, datetime.time(9, rng.randint(0, 59)), tzinfo=timezone.get_current_timezone()
        )
        row.created_at = row.updated_at = created
        if rng.random() < 0.06:  # 不予受理
            row.state = Complaint.State.NOT_ACCEPTED
            row.not_accepted_on = received + datetime.timedelta(days=rng.randint(1, 10))
            rows.append(row)
            continue
        accepted = received + datetime.timedelta(days=rng.randint(0, 5))
        due = accepted + datetime.timedelta(days=60)
        # Most are concluded in time; about one in eight late.
        took = rng.randint(62, 80) if rng.random() < 0.12 else rng.randint(8, 58)
        concluded = min(accepted + datetime.timedelta(days=took), today - datetime.timedelta(1))
        unit = UNITS[0] if rng.random() < 0.5 else f"{township_of[village.pk]}纪委"
        row.accepted_on = accepted
        row.assigned_unit = unit
        row.conclusion_due_on = due
        row.first_concluded_on = row.concluded_on = concluded
        row.conclusion_days = (concluded - accepted).days
        closed = concluded + datetime.timedelta(days=rng.randint(5, 20))
        if closed < today:
            row.state = Complaint.State.CLOSED
            row.closed_on = row.resolved_on = closed
        else:
            row.state = Complaint.State.CONCLUDED
        rows.append(row)
    return rows


def build_ledger(report) -> int:
    """Add the demo ledger's missing cases in one bulk insert; returns how many."""
    county = CountyPage.objects.filter(division_code=COUNTY).first()
    if county is None:
        return 0
    villages = list(VillagePage.objects.descendant_of(county).order_by("path"))
    categories = {c.code: c for c in ComplaintCategory.objects.all()}
    if not villages or not categories:
        return 0
    existing = set(
        Complaint.objects.filter(submission_key__startswith=KEY_PREFIX).values_list(
            "submission_key", flat=True
        )
    )
    if len(existing) >= COUNT:
        return 0
    planned = [
        row
        for row in plans(timezone.localdate(), villages, categories)
        if row.submission_key not in existing
    ]
    taken = set(
        Complaint.objects.filter(number__in=[r.number for r in planned]).values_list(
            "number", flat=True
        )
    )
    rows = [row for row in planned if row.number not in taken]
    with transaction.atomic():
        Complaint.objects.bulk_create(rows, batch_size=500)
    for _row in rows:
        report.count("complaint")
    return len(rows)
