"""Demo lists: the standard catalog (catalog_data.py) published for every demo county, a few
village additions and each village's office holders. Idempotent like the village tree."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from disclosures.models import (
    Office,
    OfficeDuty,
    OfficeHolder,
    PowerCatalogPage,
    PowerCategory,
    PowerItemPage,
    PowerStep,
    RiskPoint,
)
from villages.models import CountyPage, VillagePage

from . import catalog_data

SURNAMES = "张李王赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
CATALOG_SLUG = "power-list"

# The village's own additions (本村增补), for a demo village.
VILLAGE_ADDITIONS = {
    "621223106205": [  # 阿坞村
        {
            "number": "村1",
            "category": "assets",
            "name": "村级光伏电站收益分配",
            "legal_basis": "《村级光伏帮扶电站收益分配管理办法》",
            "responsible_body": "村民委员会",
            "boundaries": "光伏电站年度收益的分配方案须经村民代表会议通过。",
            "disclosure": "分配方案和发放结果在村务公开栏公示不少于 7 日。",
            "supervision": "村务监督委员会全程监督，乡镇纪委抽查。",
            "accountability": "擅自改变收益用途的，依规追究相关人员责任。",
            "steps": [
                {
                    "key": "1",
                    "actor": "村两委",
                    "office": "secretary",
                    "action": "拟定年度收益分配方案",
                    "time_limit": 10,
                    "unit": "working_days",
                    "document": "分配方案（草案）",
                    "branch": None,
                },
                {
                    "key": "2",
                    "actor": "村民代表会议",
                    "office": "",
                    "action": "讨论表决分配方案",
                    "time_limit": 5,
                    "unit": "working_days",
                    "document": "会议决议",
                    "branch": {"condition": "未获通过", "target": "1"},
                },
                {
                    "key": "3",
                    "actor": "村会计",
                    "office": "accountant",
                    "action": "按方案发放并公示结果",
                    "time_limit": 15,
                    "unit": "days",
                    "document": "发放清册",
                    "branch": None,
                },
            ],
            "risks": [
                {
                    "description": "收益挪作他用",
                    "manifestation": "未经决议将收益用于招待等支出",
                    "level": "high",
                    "measures": "收益专账核算，支出须经村民代表会议决议",
                    "responsible_office": "村党组织书记",
                    "supervising_body": "村务监督委员会",
                },
            ],
        },
    ],
}


def _steps_and_risks(item: PowerItemPage, spec: dict, offices: dict[str, Office]) -> None:
    for order, step in enumerate(spec["steps"]):
        branch = step.get("branch") or {}
        item.steps.add(
            PowerStep(
                sort_order=order,
                key=step["key"],
                actor=step["actor"],
                office=offices.get(step.get("office") or ""),
                action=step["action"],
                time_limit=step.get("time_limit"),
                time_unit=step.get("unit") or PowerStep.Unit.WORKING_DAYS,
                document=step.get("document") or "",
                branch_condition=branch.get("condition", ""),
                branch_target=branch.get("target", ""),
            )
        )
    for order, risk in enumerate(spec.get("risks", [])):
        item.risks.add(
            RiskPoint(
                sort_order=order,
                description=risk["description"],
                manifestation=risk.get("manifestation", ""),
                level=risk["level"],
                measures=risk["measures"],
                responsible_office=risk.get("responsible_office", ""),
                supervising_body=risk.get("supervising_body", ""),
            )
        )


def build_item(parent, spec: dict, categories, offices) -> PowerItemPage:
    item = PowerItemPage(
        title=spec["name"],
        slug=f"item-{spec['number']}",
        number=spec["number"],
        category=categories[spec["category"]],
        legal_basis=spec.get("legal_basis", ""),
        responsible_body=spec.get("responsible_body", ""),
        boundaries=spec.get("boundaries", ""),
        disclosure_requirement=spec.get("disclosure", ""),
        supervision=spec.get("supervision", ""),
        accountability=spec.get("accountability", ""),
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    _steps_and_risks(item, spec, offices)
    parent.add_child(instance=item)
    return item


def ensure_categories_and_offices():
    for order, (code, name, description) in enumerate(catalog_data.CATEGORIES, start=1):
        PowerCategory.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, (code, name) in enumerate(catalog_data.OFFICES, start=1):
        Office.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    return (
        {c.code: c for c in PowerCategory.objects.all()},
        {o.code: o for o in Office.objects.all()},
    )


@transaction.atomic
def build_catalogs(report) -> None:
    categories, offices = ensure_categories_and_offices()
    for county in CountyPage.objects.all():
        if PowerCatalogPage.objects.child_of(county).exists():
            continue
        catalog = PowerCatalogPage(
            title=f"{county.title}村级小微权力清单",
            slug=CATALOG_SLUG,
            issued_by=f"中共{county.title}纪律检查委员会、{county.title}监察委员会",
            issued_on=datetime.date(2026, 3, 1),
            intro="本清单适用于本县（区）各村（社区），各村结合实际公开并执行。",
            live=True,
        )
        for code, duty in catalog_data.OFFICE_DUTIES.items():
            catalog.office_duties.add(
                OfficeDuty(
                    office=offices[code],
                    duties="\n".join(duty["duties"]),
                    accountability="\n".join(duty["accountability"]),
                )
            )
        county.add_child(instance=catalog)
        report.count("powercatalogpage")
        for spec in catalog_data.ITEMS:
            build_item(catalog, spec, categories, offices)
            report.count("poweritempage")


@transaction.atomic
def build_village_lists(report) -> None:
    categories, offices = ensure_categories_and_offices()
    office_order = ["secretary", "deputy", "clerk", "accountant", "supervisor", "first_secretary"]
    for village in VillagePage.objects.filter(office_holders__isnull=True):
        rng = random.Random(f"holders-{village.division_code}")  # noqa: S311 (demo data)
        for code in office_order:
            OfficeHolder.objects.create(
                village=village,
                office=offices[code],
                name=f"{rng.choice(SURNAMES)}某某",
                note="一肩挑" if code == "secretary" else "",
            )
        report.count("officeholders")
    for code, additions in VILLAGE_ADDITIONS.items():
        village = VillagePage.objects.filter(division_code=code).first()
        if village is None:
            continue
        for spec in additions:
            if PowerItemPage.objects.child_of(village).filter(number=spec["number"]).exists():
                continue
            build_item(village, spec, categories, offices)
            report.count("poweritempage")
