"""Province-scale data (Part 9, `manage.py seed_scale`): thousands of villages with their lists,
two years of disclosures and a million cases on PostgreSQL, written in bulk.

The Longnan demo tree (villages/demo) is the base: its city becomes a province-sized city. The
counties coded 621230-621299 are this module's (the demo uses 621202 and 621221-621228), each
with its townships, villages, liaison stations, office holders, a copy of 宕昌县's power catalog
(items, steps, risks, duties) and two years of quarterly 党务 and 村务 disclosures per village.
The cases (every figure date set as `clock.refresh` would, with an event per step) go to every
village of the city, demo villages included, so the city's and a demo county's dashboards count
them.

Pages are not made one by one through Wagtail (a few milliseconds each, hours for 200,000):
the rows are built as model instances, their treebeard paths, url paths and ids computed here,
and written with PostgreSQL's COPY, every table of a page type's inheritance chain in turn.
They are live pages without revisions, not in Wagtail's admin search index nor in the reference
index (public search reads the page tables directly: portal/home/search.py).
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from pypinyin import lazy_pinyin
from wagtail.models import Page

from disclosures.affairs_models import DisclosurePage, Kind, PeriodType
from disclosures.demo import affairs_data
from disclosures.demo.affairs import topic_paragraphs
from disclosures.models import (
    Office,
    OfficeDuty,
    OfficeHolder,
    PowerCatalogPage,
    PowerItemPage,
    PowerStep,
    RiskPoint,
)
from disclosures.services import schedule
from supervision.models import CaseEvent, Complaint, ComplaintCategory
from supervision.services import receipts
from villages.demo import longnan
from villages.models import CityPage, CountyPage, StationMember, TownshipPage, VillagePage

FIRST_COUNTY = 30  # 621230 ... 621299 are the scale's counties
LAST_COUNTY = 99
VILLAGES_PER_TOWNSHIP = 15
MIN_TOWNSHIPS = 10
TEMPLATE_COUNTY = "621223"  # 宕昌县: its catalog is copied to every scale county
CASE_BATCH = 20000
# Below this many rows the indexes are kept: rebuilding them would cost more than it saves.
SET_ASIDE_FROM = 50000
STEPLEN = Page.steplen

COUNTY_STEMS = "安宁永和丰泰康平长兴宁远清水通渭静宁庄浪华亭崇信灵台泾川镇原合水正宁宁县环县华池"
TOWNSHIP_STEMS = "东西南北上下中新大小石马杨王李高河川山坪沟岭湾峪寨堡集"
SURNAMES = "张李王赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
TEXTS = [
    "惠民补贴发放名单没有公示。",
    "村集体土地流转收入去向不明。",
    "低保评定时村干部优亲厚友。",
    "修路工程款拖欠农民工工资。",
    "村务公开栏长期没有更新。",
    "危房改造补助资金发放不到位。",
]


def log_none(message: str) -> None:
    return None


# --- writing rows with COPY ------------------------------------------------------------------


def reserve_ids(model, count: int) -> int:
    """The first of `count` consecutive ids taken from the table's sequence."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        if count > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def copy_rows(model, objects: Iterable) -> int:
    """Write the fields `model` itself declares (its own table, not its parents') of each object
    with COPY. Ids must be set already. Returns the number of rows."""
    fields = list(model._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
                written += 1
    return written


def copy_pages(model, pages: list[Page]) -> None:
    """Write pages of `model` (a direct subclass of Page): wagtailcore_page, then its table."""
    copy_rows(Page, pages)
    copy_rows(model, pages)


@dataclass
class PageMaker:
    """Builds unsaved page instances under known parents, with ids, paths and url paths."""

    locale_id: int
    now: datetime.datetime
    next_child: dict[str, int] = field(default_factory=dict)  # parent path -> next step
    content_types: dict = field(default_factory=dict)

    def child_path(self, parent_path: str) -> str:
        step = self.next_child[parent_path]
        self.next_child[parent_path] = step + 1
        return Page._get_path(parent_path, len(parent_path) // STEPLEN + 1, step)

    def make(self, model, pk: int, parent_path: str, parent_url: str, **fields) -> Page:
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        path = self.child_path(parent_path)
        page = model(
            id=pk,
            path=path,
            depth=len(path) // STEPLEN,
            numchild=0,
            draft_title=fields["title"],
            url_path=f"{parent_url}{fields['slug']}/",
            content_type=self.content_types[model],
            live=True,
            has_unpublished_changes=False,
            locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
            first_published_at=fields.pop("published_at", self.now),
            **fields,
        )
        page.last_published_at = page.first_published_at
        page.pk = pk
        self.next_child[path] = 1
        return page


def slug_of(name: str, code: str) -> str:
    return "".join(lazy_pinyin(name)).lower() + "-" + code[-3:]


# --- the tree and its lists --------------------------------------------------------------------


@dataclass
class Plan:
    villages: int
    cases: int
    years: int
    counties: int = 0
    townships_per_county: int = 0

    def __post_init__(self):
        townships = -(-self.villages // VILLAGES_PER_TOWNSHIP)
        slots = LAST_COUNTY - FIRST_COUNTY + 1
        self.townships_per_county = max(min(MIN_TOWNSHIPS, townships), -(-townships // slots))
        self.counties = -(-townships // self.townships_per_county) if townships else 0


def scale_counties():
    return CountyPage.objects.filter(
        division_code__gte=f"6212{FIRST_COUNTY}", division_code__lte=f"6212{LAST_COUNTY}"
    )


def build_tree(plan: Plan, log: Callable[[str], None] = log_none) -> dict[str, int]:
    """Counties, townships, villages (with stations and office holders) and each county's
    catalog, under the demo city. Returns counts."""
    city = CityPage.objects.get(division_code=longnan.CITY["code"])
    # 宕昌县's catalog is copied to every new county (none copied if it has none)
    template = PowerCatalogPage.objects.filter(
        path__startswith=CountyPage.objects.get(division_code=TEMPLATE_COUNTY).path
    ).first()
    items = list(PowerItemPage.objects.child_of(template).order_by("path")) if template else []
    steps = list(PowerStep.objects.filter(item__in=items).order_by("item_id", "sort_order", "pk"))
    risks = list(RiskPoint.objects.filter(item__in=items).order_by("item_id", "sort_order", "pk"))
    duties = list(OfficeDuty.objects.filter(catalog=template).order_by("sort_order", "pk"))
    offices = list(Office.objects.order_by("sort_order", "pk").values_list("pk", flat=True))
    last = city.get_last_child()
    maker = PageMaker(locale_id=city.locale_id, now=timezone.now())
    maker.next_child[city.path] = (int(last.path[-STEPLEN:], 36) + 1) if last else 1

    n_counties, per_county = plan.counties, plan.townships_per_county
    n_townships = -(-plan.villages // VILLAGES_PER_TOWNSHIP)
    county_id = reserve_ids(Page, n_counties * (2 + len(items)) + n_townships + plan.villages)
    rng = random.Random(20261127)  # noqa: S311 (bench data, reproducible)
    counties, catalogs, item_pages, townships, villages = [], [], [], [], []
    members, holders, new_steps, new_risks, new_duties = [], [], [], [], []
    next_id = county_id
    villages_left = plan.villages
    for c in range(n_counties):
        code = f"6212{FIRST_COUNTY + c:02d}"
        name = COUNTY_STEMS[(2 * c) % len(COUNTY_STEMS) : (2 * c) % len(COUNTY_STEMS) + 2] + "县"
        name = f"{name}{c + 1}" if c >= len(COUNTY_STEMS) // 2 else name
        county = maker.make(
            CountyPage,
            next_id,
            city.path,
            city.url_path,
            title=name,
            slug=slug_of(name, code),
            name_en=f"County {code}",
            division_code=code,
            kind=CountyPage.Kind.COUNTY,
        )
        next_id += 1
        counties.append(county)
        if template is not None:
            catalog = maker.make(
                PowerCatalogPage,
                next_id,
                county.path,
                county.url_path,
                title=f"{name}村级小微权力清单",
                slug="power-list",
                issued_by=f"中共{name}纪律检查委员会、{name}监察委员会",
                issued_on=datetime.date(2026, 3, 1),
                intro="本清单适用于本县各村（社区），各村结合实际公开并执行。",
            )
            next_id += 1
            catalogs.append(catalog)
            for duty in duties:
                new_duties.append(
                    OfficeDuty(
                        catalog_id=catalog.pk,
                        office_id=duty.office_id,
                        duties=duty.duties,
                        accountability=duty.accountability,
                        sort_order=duty.sort_order,
                    )
                )
            for item in items:
                copy = maker.make(
                    PowerItemPage,
                    next_id,
                    catalog.path,
                    catalog.url_path,
                    title=item.title,
                    slug=item.slug,
                    **{
                        f.attname: getattr(item, f.attname)
                        for f in PowerItemPage._meta.local_concrete_fields
                        if f.attname not in ("page_ptr_id",)
                    },
                )
                next_id += 1
                item_pages.append((item.pk, copy))
        for t in range(per_county):
            if villages_left <= 0:
                break
            t_code = f"{code}{100 + t:03d}"
            stem = (
                TOWNSHIP_STEMS[t % len(TOWNSHIP_STEMS)]
                + TOWNSHIP_STEMS[(t * 7 + c) % len(TOWNSHIP_STEMS)]
            )
            t_name = f"{stem}镇" if t % 3 else f"{stem}乡"
            township = maker.make(
                TownshipPage,
                next_id,
                county.path,
                county.url_path,
                title=t_name,
                slug=slug_of(t_name, t_code),
                name_en=f"Township {t_code}",
                division_code=t_code,
                kind=TownshipPage.Kind.TOWN if t % 3 else TownshipPage.Kind.TOWNSHIP,
            )
            next_id += 1
            townships.append(township)
            for v in range(min(VILLAGES_PER_TOWNSHIP, villages_left)):
                v_code = f"{t_code}{201 + v:03d}"
                stem = longnan.VILLAGE_NAME_STEMS[(v * 5 + t + c) % len(longnan.VILLAGE_NAME_STEMS)]
                v_name = f"{stem}村"
                households = rng.randint(180, 620)
                village = maker.make(
                    VillagePage,
                    next_id,
                    township.path,
                    township.url_path,
                    title=v_name,
                    slug=slug_of(v_name, v_code),
                    name_en=f"Village {v_code}",
                    division_code=v_code,
                    households=households,
                    population=households * 3,
                    group_count=rng.randint(3, 9),
                    kind=VillagePage.Kind.VILLAGE,
                    station_head=f"{rng.choice(SURNAMES)}某某",
                    station_phone=f"0939-{5500000 + int(v_code[-6:]) % 499999}",
                    station_address=f"{v_name}村委会一楼",
                    station_hours="工作日 8:30-12:00，14:30-18:00",
                )
                next_id += 1
                villages_left -= 1
                villages.append(village)
                for i, duty in enumerate(("站长", "兼职监督员", "兼职监督员")):
                    person = village.station_head if i == 0 else f"{rng.choice(SURNAMES)}某某"
                    members.append(
                        StationMember(
                            village_id=village.pk,
                            name=person,
                            duty=duty,
                            phone=f"139{rng.randint(0, 99999999):08d}",
                            sort_order=i,
                        )
                    )
                for i, office_id in enumerate(offices):
                    holders.append(
                        OfficeHolder(
                            village_id=village.pk,
                            office_id=office_id,
                            name=f"{rng.choice(SURNAMES)}某某",
                            sort_order=i,
                        )
                    )
    # numchild from what was made (every page made here is new, and so are its children)
    made = [*counties, *catalogs, *(p for _pk, p in item_pages), *townships, *villages]
    children: dict[str, int] = {}
    for page in made:
        children[page.path[:-STEPLEN]] = children.get(page.path[:-STEPLEN], 0) + 1
    for page in made:
        page.numchild = children.get(page.path, 0)
    steps_by_item: dict[int, list] = {}
    for step in steps:
        steps_by_item.setdefault(step.item_id, []).append(step)
    risks_by_item: dict[int, list] = {}
    for risk in risks:
        risks_by_item.setdefault(risk.item_id, []).append(risk)
    for old_pk, copy in item_pages:
        for step in steps_by_item.get(old_pk, []):
            new_steps.append(_clone(step, item_id=copy.pk))
        for risk in risks_by_item.get(old_pk, []):
            new_risks.append(_clone(risk, item_id=copy.pk))
    _assign_ids(OfficeDuty, new_duties)
    _assign_ids(PowerStep, new_steps)
    _assign_ids(RiskPoint, new_risks)
    _assign_ids(StationMember, members)
    _assign_ids(OfficeHolder, holders)
    copy_pages(CountyPage, counties)
    copy_pages(PowerCatalogPage, catalogs)
    copy_pages(PowerItemPage, [p for _pk, p in item_pages])
    copy_pages(TownshipPage, townships)
    copy_pages(VillagePage, villages)
    for model, rows in (
        (OfficeDuty, new_duties),
        (PowerStep, new_steps),
        (RiskPoint, new_risks),
        (StationMember, members),
        (OfficeHolder, holders),
    ):
        copy_rows(model, rows)
    Page.objects.filter(pk=city.pk).update(numchild=city.numchild + len(counties))
    log(f"tree: {len(counties)} counties, {len(townships)} townships, {len(villages)} villages")
    return {
        "counties": len(counties),
        "townships": len(townships),
        "villages": len(villages),
        "catalog_items": len(item_pages),
    }


def _clone(obj, **changes):
    values = {
        f.attname: getattr(obj, f.attname)
        for f in type(obj)._meta.concrete_fields
        if not f.primary_key
    }
    values.update(changes)
    return type(obj)(**values)


def _assign_ids(model, rows: list) -> None:
    if not rows:
        return
    first = reserve_ids(model, len(rows))
    for offset, row in enumerate(rows):
        row.pk = first + offset


# --- disclosures ----------------------------------------------------------------------------


def quarters(years: int, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The finished quarters of the last `years` years, oldest first: (start, end)."""
    start = schedule.period_start_of(PeriodType.QUARTER, today)
    out = []
    for _ in range(4 * years):
        start = schedule.period_start_of(PeriodType.QUARTER, start - datetime.timedelta(days=1))
        out.append((start, schedule.period_end(PeriodType.QUARTER, start)))
    return out[::-1]


def build_disclosures(years: int, log: Callable[[str], None] = log_none) -> int:
    """Quarterly 党务 and 村务 disclosures (text, no table) for the scale villages' last `years`
    years, published a few days after each quarter, due dates from the county schedule."""
    villages = list(
        VillagePage.objects.filter(path__startswith=_city_path())
        .filter(division_code__gte=f"6212{FIRST_COUNTY}")
        .values_list("pk", "path", "url_path", "title", "division_code")
        .order_by("path")
    )
    today = timezone.localdate()
    periods = quarters(years, today)
    rules = schedule.Rules()
    kinds = (
        (Kind.PARTY, "party", "党务公开", affairs_data.PARTY_TOPICS),
        (Kind.AFFAIRS, "affairs", "村务公开", affairs_data.AFFAIRS_TOPICS),
    )
    maker = PageMaker(locale_id=Page.objects.get(depth=1).locale_id, now=timezone.now())
    per_village = len(periods) * len(kinds)
    next_id = reserve_ids(Page, len(villages) * per_village)
    rows = len(villages) * per_village
    aside = (indexes_set_aside(Page, rows), indexes_set_aside(DisclosurePage, rows))
    with aside[0], aside[1]:
        made = _write_disclosures(villages, periods, kinds, rules, maker, next_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = ANY(%s)",
            [per_village, [v[0] for v in villages]],
        )
    log(f"disclosures: {made} pages")
    return made


def _write_disclosures(villages, periods, kinds, rules, maker, next_id) -> int:
    made = 0
    batch: list[DisclosurePage] = []
    for _pk, path, url_path, title, code in villages:
        maker.next_child[path] = 1
        rng = random.Random(f"scale-affairs-{code}")  # noqa: S311
        for start, end in periods:
            label = schedule.period_label(PeriodType.QUARTER, start)
            for kind, slug, heading, topics in kinds:
                paragraphs = topic_paragraphs(topics, rng)
                published = timezone.make_aware(
                    datetime.datetime.combine(
                        end + datetime.timedelta(days=rng.randint(1, 8)), datetime.time(10)
                    )
                )
                page = maker.make(
                    DisclosurePage,
                    next_id,
                    path,
                    url_path,
                    title=f"{title}{label}{heading}",
                    slug=f"{slug}-{start.year}-q{(start.month - 1) // 3 + 1}",
                    kind=kind,
                    period_type=PeriodType.QUARTER,
                    period_start=start,
                    due_on=schedule.due_date(rules.rule(None, kind), PeriodType.QUARTER, start),
                    summary=f"本季度{heading[:2]}公开事项共 {len(paragraphs)} 项，详见正文；"
                    "如有异议请向村务监督委员会反映。",
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    published_at=published,
                )
                next_id += 1
                batch.append(page)
        if len(batch) >= 20000:
            copy_pages(DisclosurePage, batch)
            made += len(batch)
            batch = []
    copy_pages(DisclosurePage, batch)
    return made + len(batch)


def _city_path() -> str:
    return CityPage.objects.get(division_code=longnan.CITY["code"]).path


# --- cases ----------------------------------------------------------------------------------


def copy_values(model, rows: Iterable[dict]) -> int:
    """COPY rows given as {attname: value} into `model`'s own table; a column a row leaves out
    gets the field's default (a million model instances would take longer than the COPY)."""
    fields = list(model._meta.local_concrete_fields)
    template = model()
    defaults = [f.get_db_prep_save(f.pre_save(template, True), connection) for f in fields]
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row.get(n, d) for n, d in zip(names, defaults, strict=True)])
            written += 1
    return written


class indexes_set_aside:
    """Drop the table's plain indexes (not those of its primary key and unique constraints) and
    build them again on leaving: building an index once over a million rows is several times
    faster than updating 40 of them row by row. Use inside a transaction: a failure rolls the
    drops back too."""

    def __init__(self, model, rows: int):
        self.table = model._meta.db_table
        self.indexes = []
        self.worth_it = rows >= SET_ASIDE_FROM

    def __enter__(self):
        if not self.worth_it:
            return self
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.tablename = %s AND i.schemaname = current_schema() AND NOT EXISTS ("
                "SELECT 1 FROM pg_constraint c JOIN pg_class x ON x.oid = c.conindid "
                "WHERE x.relname = i.indexname)",
                [self.table],
            )
            self.indexes = cursor.fetchall()
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, *exc):
        if exc[0] is not None or not self.indexes:
            return False
        with connection.cursor() as cursor:
            # The deferred foreign key checks of the rows written must run before an index is
            # built on their table (PostgreSQL refuses while trigger events are pending).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return False


def build_cases(count: int, years: int, log: Callable[[str], None] = log_none) -> int:
    """`count` cases spread over every village of the city, received over the last `years`
    years, every figure date set as the case path would have set it, with their events (the
    submission or logging, then each state change). One transaction."""
    villages = list(
        VillagePage.objects.filter(path__startswith=_city_path()).values_list("pk", "path")
    )
    counties = CountyPage.objects.filter(path__startswith=_city_path())
    county_codes = dict(counties.values_list("path", "division_code"))
    village_ids = [pk for pk, _path in villages]
    code_of = {pk: county_codes.get(path[: 3 * STEPLEN], "621200") for pk, path in villages}
    categories = list(ComplaintCategory.objects.values_list("pk", flat=True))
    C = Complaint
    S = C.State
    E = CaseEvent.Kind
    channels = [c for c, _label in C.Channel.choices if c not in ("open311", "leader_reception")]
    levels = [lv for lv, _label in C.IntakeLevel.choices]
    today = timezone.localdate()
    first = today - datetime.timedelta(days=365 * years)
    span = (today - first).days - 1
    digest = receipts.pin_digest("SCALE", "000000")
    tz = timezone.get_current_timezone()
    serial = Complaint.objects.filter(number__contains="-S", receipt_code__startswith="S").count()
    rng = random.Random(f"scale-cases-{serial}")  # noqa: S311
    day = datetime.timedelta(days=1)
    made = 0
    started = time.perf_counter()
    with (
        transaction.atomic(),
        indexes_set_aside(Complaint, count),
        indexes_set_aside(CaseEvent, count),
    ):
        while made < count:
            n = min(CASE_BATCH, count - made)
            first_id = reserve_ids(Complaint, n)
            cases, events = [], []
            for case_id in range(first_id, first_id + n):
                serial += 1
                village_id = rng.choice(village_ids)
                received = first + day * rng.randint(0, span)
                at = datetime.datetime.combine(
                    received, datetime.time(8 + rng.randint(0, 9), rng.randint(0, 59)), tzinfo=tz
                )
                channel = rng.choice(channels)
                case = {
                    "id": case_id,
                    "number": f"{code_of[village_id]}-{received.year}-S{serial:07d}",
                    "receipt_code": f"S{serial:011d}",
                    "pin_digest": digest,
                    "kind": C.Kind.PETITION if rng.random() < 0.8 else C.Kind.ACCUSATION,
                    "channel": channel,
                    "intake_level": rng.choice(levels),
                    "village_id": village_id,
                    "category_id": rng.choice(categories),
                    "description": "压测：" + rng.choice(TEXTS),
                    "received_on": received,
                    "created_at": at,
                    "updated_at": at,
                    "hard_case": rng.random() < 0.01,
                    "assigned_unit": "县纪委监委信访室",
                }
                steps = [(at, E.SUBMITTED if channel == "online" else E.LOGGED, "", S.REGISTERED)]
                if rng.random() < 0.05:
                    case["state"] = S.NOT_ACCEPTED
                    case["not_accepted_on"] = received + 3 * day
                    steps.append((received + 3 * day, E.STATE, S.REGISTERED, S.NOT_ACCEPTED))
                else:
                    accepted = min(received + day * rng.randint(0, 5), today)
                    due = accepted + 60 * day
                    took = rng.randint(5, 80)
                    concluded = accepted + took * day
                    case["accepted_on"] = accepted
                    case["conclusion_due_on"] = due
                    steps.append((accepted, E.STATE, S.REGISTERED, S.ACCEPTED))
                    if concluded < today:
                        case["first_concluded_on"] = case["concluded_on"] = concluded
                        case["conclusion_days"] = took
                        steps.append((concluded, E.STATE, S.ACCEPTED, S.CONCLUDED))
                        resolved = concluded + 10 * day
                        if resolved < today and rng.random() < 0.9:
                            case["state"] = S.CLOSED
                            case["closed_on"] = case["resolved_on"] = resolved
                            steps.append((resolved, E.STATE, S.CONCLUDED, S.CLOSED))
                        else:
                            case["state"] = S.CONCLUDED
                    else:
                        case["state"] = S.IN_PROGRESS
                        case["due_kind"] = "conclusion"
                        case["due_date"] = due
                for when, kind, from_state, to_state in steps:
                    if not isinstance(when, datetime.datetime):
                        when = datetime.datetime.combine(when, datetime.time(15), tzinfo=tz)
                    events.append(
                        {
                            "case_id": case_id,
                            "kind": kind,
                            "at": when,
                            "actor_label": "压测",
                            "from_state": from_state,
                            "to_state": to_state,
                        }
                    )
                cases.append(case)
            event_id = reserve_ids(CaseEvent, len(events))
            for offset, event in enumerate(events):
                event["id"] = event_id + offset
            copy_values(Complaint, cases)
            copy_values(CaseEvent, events)
            made += n
            rate = made / (time.perf_counter() - started)
            log(f"cases: {made}/{count} ({rate:.0f}/s)")
        log("cases: building the indexes again")
    return made


# --- removing ------------------------------------------------------------------------------


def delete_scale() -> dict[str, int]:
    """Remove what seed_scale made: its cases (and their events) and its counties' pages."""
    out = {}
    cases = Complaint.objects.filter(number__contains="-S", receipt_code__startswith="S")
    with connection.cursor() as cursor:
        ids = "SELECT id FROM supervision_complaint WHERE number LIKE %s AND receipt_code LIKE %s"
        cursor.execute(
            f"DELETE FROM supervision_caseevent WHERE case_id IN ({ids})",  # noqa: S608
            ["%-S%", "S%"],
        )
        out["caseevents"] = cursor.rowcount
    out["cases"] = cases._raw_delete(cases.db)
    paths = list(scale_counties().values_list("path", flat=True))
    if not paths:
        return out
    city = CityPage.objects.get(division_code=longnan.CITY["code"])
    with connection.cursor() as cursor:
        under = " OR ".join(["path LIKE %s"] * len(paths))
        cursor.execute(
            f"CREATE TEMP TABLE scale_gone AS SELECT id FROM wagtailcore_page WHERE {under}",  # noqa: S608
            [f"{p}%" for p in paths],
        )
        gone = "IN (SELECT id FROM scale_gone)"
        deletes = [(StationMember, "village_id"), (OfficeHolder, "village_id")]
        deletes += [(PowerStep, "item_id"), (RiskPoint, "item_id"), (OfficeDuty, "catalog_id")]
        pages = (DisclosurePage, PowerItemPage, PowerCatalogPage, VillagePage, TownshipPage)
        deletes += [(model, "page_ptr_id") for model in (*pages, CountyPage)]
        for model, column in deletes:
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} {gone}")  # noqa: S608
        cursor.execute(f"DELETE FROM wagtailcore_page WHERE id {gone}")  # noqa: S608
        out["pages"] = cursor.rowcount
        cursor.execute("DROP TABLE scale_gone")
    Page.objects.filter(pk=city.pk).update(numchild=city.get_children().count())
    return out


def analyze() -> None:
    """Fresh planner statistics for the tables written (the dashboard's plans depend on them)."""
    models = (Page, VillagePage, DisclosurePage, Complaint, CaseEvent)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
