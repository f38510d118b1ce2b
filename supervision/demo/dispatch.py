"""Demo supervised items (督办事项) and leader reception days (领导接访) over the Longnan demo tree,
built after the demo cases (supervision/demo/builder.py) by `seed_demo`. Idempotent: an item is
known by its title and area, a day by its area, date and place, a case by its submission key.

- 城区管道天然气供应 (武都区, from a 巡察): 5 tasks (2 milestones), 3 done (60%), public and
  internal notes, published;
- 村级集体经济项目资金拨付滞后 (宕昌县): past its deadline, unpublished: shows the red warning;
- reception days for 武都区 and 阿坞镇: a past one each with its record and the cases logged
  there, and upcoming ones (one 宕昌县 day received by the demo leader's account, so a matter
  logged there can go to them as 包案领导).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from villages.models import CityPage, CountyPage, TownshipPage, VillagePage

from ..dispatch_models import (
    ReceptionDay,
    ReceptionRecord,
    SupervisedItem,
    SupervisedNote,
    SupervisedTask,
)
from ..models import Complaint, ComplaintCategory
from ..services import dispatch
from ..services.intake import IntakeData, submit

WUDU, TANCHANG, AWU = "621202", "621223", "621223106"
DEMO_CITY = "621200"
PINGERSHANG, AWU_VILLAGE = "621202201201", "621223106205"
SUBMISSION_PREFIX = "demo:reception:"
# How the case's first event names who logged it (as admin_views.actor_label would).
CITY, JIWEI = "city_longnan", "jiwei_awu"
ACTOR_LABELS = {CITY: "市纪委监委（陇南市）", JIWEI: "乡镇纪委（阿坞镇）"}


def _area(code: str) -> Page:
    for model in (CountyPage, TownshipPage, CityPage):
        page = model.objects.filter(division_code=code).first()
        if page is not None:
            return page
    raise ValueError(f"demo area {code} is missing: run the tree's demo first")


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _weekday_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:  # reception days are held on working days
        day -= datetime.timedelta(days=1)
    return day


def build_dispatch(report) -> None:
    today = timezone.localdate()
    _build_items(report, today)
    _build_reception(report, today)
    dispatch.refresh_warnings(today)


# --- supervised items -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoTask:
    title: str
    owner_unit: str
    due_in: int  # days from today (negative: in the past)
    done_ago: int | None = None
    milestone: bool = False


GAS_TASKS = [
    DemoTask("摸清城区未通气小区和住户底数", "区住建局", -40, done_ago=45),
    DemoTask("制定管道天然气改造和接入方案", "区住建局", -25, done_ago=28, milestone=True),
    DemoTask("完成主管网铺设和调压站建设", "燃气公司", -5, done_ago=6),
    DemoTask("完成入户安装和安全检测", "燃气公司", 20, milestone=True),
    DemoTask("组织回访，公示整改结果", "区纪委监委", 40),
]
FUND_TASKS = [
    DemoTask("核对各村项目资金拨付台账", "县农业农村局", -50, done_ago=52),
    DemoTask("拨付滞留资金到村集体账户", "县财政局", -20),
    DemoTask("追责问责并公开处理结果", "县纪委监委", -10),
]


@transaction.atomic
def _build_items(report, today: datetime.date) -> None:
    author = _user("city_longnan")
    wudu, tanchang = _area(WUDU), _area(TANCHANG)
    if not SupervisedItem.objects.filter(title="城区管道天然气供应", area=wudu).exists():
        gas = _item(
            today,
            author,
            title="城区管道天然气供应",
            source=SupervisedItem.Source.INSPECTION,
            source_detail="2026年区委第二轮巡察反馈问题第3条",
            area=wudu,
            description="巡察发现城区部分老旧小区管道天然气长期未通气，群众反映强烈。",
            owner_unit="武都区住建局",
            owner_leader="分管副区长",
            deadline=today + datetime.timedelta(days=45),
            rhythm=SupervisedItem.Rhythm.WEEKLY,
            published=True,
            public_summary="城区老旧小区管道天然气接入整改，按周公开进展。",
            created_days_ago=50,
            tasks=GAS_TASKS,
        )
        _note(gas, today, 40, "已摸清城区未通气小区 12 个、住户 3,460 户。", True, author)
        _note(gas, today, 20, "内部：燃气公司施工资质复核中，暂不公开。", False, author)
        _note(gas, today, 5, "主管网铺设和调压站建设已完成，开始入户安装。", True, author)
        report.count("supervised_item")
    fund_title = "村级集体经济项目资金拨付滞后"
    if not SupervisedItem.objects.filter(title=fund_title, area=tanchang).exists():
        _item(
            today,
            author,
            title=fund_title,
            source=SupervisedItem.Source.COMPLAINTS,
            source_detail="信访举报集中反映",
            area=tanchang,
            description="多个村反映集体经济项目资金迟迟未拨付到村。",
            owner_unit="宕昌县农业农村局",
            owner_leader="分管副县长",
            deadline=today - datetime.timedelta(days=10),
            rhythm=SupervisedItem.Rhythm.WEEKLY,
            published=False,
            public_summary="",
            created_days_ago=70,
            tasks=FUND_TASKS,
        )
        report.count("supervised_item")


def _item(today, author, *, created_days_ago: int, tasks: list[DemoTask], **fields):
    created = timezone.now() - datetime.timedelta(days=created_days_ago)
    item = SupervisedItem.objects.create(created_at=created, created_by=author, **fields)
    for n, spec in enumerate(tasks, start=1):
        SupervisedTask.objects.create(
            item=item,
            sort_order=n,
            title=spec.title,
            owner_unit=spec.owner_unit,
            due_on=today + datetime.timedelta(days=spec.due_in),
            done_on=today - datetime.timedelta(days=spec.done_ago)
            if spec.done_ago is not None
            else None,
            milestone=spec.milestone,
        )
    return item


def _note(item, today, days_ago: int, text: str, public: bool, author) -> None:
    at = timezone.now() - datetime.timedelta(days=days_ago)
    SupervisedNote.objects.create(item=item, at=at, text=text, public=public, by=author)


# --- reception days -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoDay:
    area: str
    days: int  # from today
    leader_title: str
    leader_name: str
    place: str
    topics: str = ""
    leader_login: str = ""
    record: tuple[int, int, str] | None = None
    # (village code, category code, description, logged by)
    matters: tuple[tuple[str, str, str, str], ...] = ()


DAYS = [
    DemoDay(
        WUDU,
        -20,
        "区委书记",
        "何某某",
        "武都区信访接待中心",
        "征地拆迁、惠民补贴",
        record=(8, 15, "反映集中在征地补偿标准和低保评定，当场答复 5 批，交办 3 批。"),
        matters=(
            (
                PINGERSHANG,
                "subsidy",
                "接访反映：坪儿上村的退耕还林补贴两年未到账。",
                "city_longnan",
            ),
            (
                PINGERSHANG,
                "collective-assets",
                "接访反映：村集体土地流转收入去向不明。",
                "city_longnan",
            ),
        ),
    ),
    DemoDay(WUDU, 7, "区长", "马某某", "武都区信访接待中心", "城区管道天然气、物业服务"),
    DemoDay(
        AWU,
        -12,
        "镇党委书记",
        "张某某",
        "阿坞镇政府一楼接待室",
        record=(3, 5, "反映村道硬化质量和低保评定，已交办镇纪委核查。"),
        matters=(
            (
                AWU_VILLAGE,
                "minimum-living",
                "接访反映：低保评定时没有召开村民代表会议。",
                "jiwei_awu",
            ),
        ),
    ),
    DemoDay(AWU, 5, "镇长", "孙某某", "阿坞镇政府一楼接待室", "惠民补贴、村级财务"),
    DemoDay(
        TANCHANG,
        9,
        "副县长",
        "陈某某",
        "宕昌县信访接待中心",
        "村级集体经济、惠民补贴",
        leader_login="leader_tanchang",
    ),
]


def _build_reception(report, today: datetime.date) -> None:
    for n, spec in enumerate(DAYS):
        date = today + datetime.timedelta(days=spec.days)
        if spec.days < 0:
            date = _weekday_before(date)
        area = _area(spec.area)
        day, created = ReceptionDay.objects.get_or_create(
            area=area,
            place=spec.place,
            leader_name=spec.leader_name,
            defaults={
                "leader_title": spec.leader_title,
                "leader": _user(spec.leader_login) if spec.leader_login else None,
                "date": date,
                "start_time": datetime.time(9, 0),
                "end_time": datetime.time(12, 0),
                "topics": spec.topics,
                "published": True,
            },
        )
        if created:
            report.count("reception_day")
        if spec.record and not ReceptionRecord.objects.filter(day=day).exists():
            batches, persons, summary = spec.record
            ReceptionRecord.objects.create(
                day=day,
                batches=batches,
                persons=persons,
                summary=summary,
                recorded_by=_user(spec.matters[0][3]) if spec.matters else None,
            )
        for m, (village_code, category, text, login) in enumerate(spec.matters):
            key = f"{SUBMISSION_PREFIX}{n}:{m}"
            if Complaint.objects.filter(submission_key=key).exists():
                continue
            actor = _user(login)
            submit(
                IntakeData(
                    village=VillagePage.objects.get(division_code=village_code),
                    category=ComplaintCategory.objects.get(code=category),
                    description=text,
                    received_on=day.date,
                    reception=day,
                ),
                channel=Complaint.Channel.LEADER_RECEPTION,
                actor=actor,
                actor_label=ACTOR_LABELS[login],
                submission_key=key,
            )
            report.count("complaint")


def delete_dispatch() -> None:
    """Remove the demo items and reception days (after the demo cases, which refer to the
    days). Progress notes refuse deletion through the ORM (they are history); wiping a demo
    database is the one exception, as in builder.delete_complaints."""
    city = CityPage.objects.filter(division_code=DEMO_CITY).first()
    if city is None:
        return
    with transaction.atomic():
        items = SupervisedItem.objects.filter(area__path__startswith=city.path)
        notes = SupervisedNote.objects.filter(item__in=items)
        notes._raw_delete(SupervisedNote.objects.db)
        SupervisedTask.objects.filter(item__in=items).delete()
        items.delete()
        days = ReceptionDay.objects.filter(area__path__startswith=city.path)
        ReceptionRecord.objects.filter(day__in=days).delete()
        days.delete()
