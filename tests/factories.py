"""Builders for test data, in one place. Pages are added under the home page that the portal's
data migration creates, exactly as an editor would add them."""

from __future__ import annotations

from dataclasses import dataclass

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from portal.models import HomePage
from villages.models import CityPage, CountyPage, StationMember, TownshipPage, VillagePage
from villages.services.roles import assign_role


class AreaPageFactory(wagtail_factories.PageFactory):
    """An area page added under `parent` (a page), with its division code as slug."""

    slug = factory.LazyAttribute(lambda o: o.division_code)

    class Meta:
        abstract = True


class CityFactory(AreaPageFactory):
    title = "陇南市"
    division_code = "621200"
    name_en = "Longnan"
    parent = factory.LazyFunction(HomePage.objects.get)

    class Meta:
        model = CityPage


class CountyFactory(AreaPageFactory):
    title = "宕昌县"
    division_code = "621223"
    name_en = "Tanchang County"

    class Meta:
        model = CountyPage


class TownshipFactory(AreaPageFactory):
    title = "阿坞镇"
    division_code = "621223106"
    name_en = "Awu Town"

    class Meta:
        model = TownshipPage


class VillageFactory(AreaPageFactory):
    title = "阿坞村"
    division_code = "621223106205"
    name_en = "Awu Village"
    station_head = "赵某某"
    station_phone = "0939-5606205"
    station_address = "阿坞村村委会一楼"
    station_hours = "工作日 8:30-12:00"

    class Meta:
        model = VillagePage

    class Params:
        members = 2

    @factory.lazy_attribute
    def station_members(self):
        # Invented people look invented (docs/domain.md "Longnan"); mobiles for masking tests.
        return [
            StationMember(name=f"成员{i}某某", duty="兼职监督员", phone=f"1390939{i:04d}")
            for i in range(self.members)
        ]


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


def city(**fields) -> CityPage:
    return CityFactory(**fields)


def county(parent: CityPage, **fields) -> CountyPage:
    return CountyFactory(parent=parent, **fields)


def township(parent: CountyPage, **fields) -> TownshipPage:
    return TownshipFactory(parent=parent, **fields)


def village(parent: TownshipPage, members: int = 2, **fields) -> VillagePage:
    return VillageFactory(parent=parent, members=members, **fields)


@dataclass
class Tree:
    city: CityPage
    tanchang: CountyPage
    awu: TownshipPage
    awu_village: VillagePage
    xigu: VillagePage
    hadapu: TownshipPage
    hadapu_village: VillagePage
    wudu: CountyPage
    puchi: TownshipPage
    pingershang: VillagePage


def build_tree() -> Tree:
    """Two counties, three townships, four villages: enough to cross every jurisdiction line."""
    c = city()
    tanchang = county(c)
    awu = township(tanchang)
    hadapu = township(tanchang, title="哈达铺镇", division_code="621223101", name_en="Hadapu Town")
    wudu = county(c, title="武都区", division_code="621202", name_en="Wudu District")
    puchi = township(wudu, title="蒲池乡", division_code="621202201", name_en="Puchi Township")
    return Tree(
        city=c,
        tanchang=tanchang,
        awu=awu,
        awu_village=village(awu),
        xigu=village(awu, title="西固村", division_code="621223106201", name_en="Xigu Village"),
        hadapu=hadapu,
        hadapu_village=village(hadapu, title="哈达铺村", division_code="621223101201"),
        wudu=wudu,
        puchi=puchi,
        pingershang=village(puchi, title="坪儿上村", division_code="621202201201"),
    )


def staff_user(username: str, role: str, node, password: str = "pw") -> object:  # noqa: S107
    user = UserFactory(username=username, password=factory.django.Password(password))
    assign_role(user, role, node)
    return user


# --- the four lists -------------------------------------------------------------------------


def category(code: str = "welfare"):
    from disclosures.models import PowerCategory

    return PowerCategory.objects.get(code=code)  # seeded by migration


def office(code: str = "secretary"):
    from disclosures.models import Office

    return Office.objects.get(code=code)


def catalog(parent, **fields):
    from disclosures.models import PowerCatalogPage

    fields = {"title": f"{parent.title}村级小微权力清单", "slug": "power-list", **fields}
    page = PowerCatalogPage(**fields)
    parent.add_child(instance=page)
    return page


def power_item(
    parent, number: str, title: str, category_code="welfare", steps=None, risks=None, **fields
):
    from disclosures.models import PowerItemPage, PowerStep, RiskPoint

    item = PowerItemPage(
        title=title,
        slug=fields.pop("slug", f"item-{number}"),
        number=number,
        category=category(category_code),
        **fields,
    )
    for i, step in enumerate(steps or [{"actor": "村两委", "action": f"{title}办理"}], start=1):
        step = {"key": str(i), "time_limit": 5, **step}
        if "office" in step and isinstance(step["office"], str):
            step["office"] = office(step["office"])
        item.steps.add(PowerStep(sort_order=i, **step))
    for i, risk in enumerate(risks or []):
        item.risks.add(
            RiskPoint(sort_order=i, **{"level": "medium", "measures": "公开公示", **risk})
        )
    parent.add_child(instance=item)
    return item


# --- village affairs disclosures ---------------------------------------------------------------


def subsidy_values(n: int = 3, amount="120.50", paid_on=None) -> list[dict]:
    """`n` subsidy rows as an import would give them (raw names, ID numbers and cards)."""
    import datetime
    from decimal import Decimal

    paid_on = paid_on or datetime.date(2026, 8, 15)
    return [
        {
            "household": ["张三明", "李四", "欧阳小明", "王五"][i % 4],
            "group": f"第{i % 3 + 1}村民小组",
            "item": "耕地地力保护补贴",
            "standard": Decimal("100.00"),
            "quantity": Decimal("1.00"),
            "amount": Decimal(amount) + i,
            "paid_on": paid_on,
            "id_number": f"62102619800101{i:03d}X"[-18:],
            "bank_card": f"6228480402564890{i:03d}",
        }
        for i in range(n)
    ]


def disclosure(
    village,
    kind="subsidy",
    period_type="quarter",
    period_start=None,
    rows: list[dict] | None = None,
    publish: bool = True,
    **fields,
):
    """A disclosure page under `village`, with a table of `rows` (cleaned values, as the import
    hands them to rows.write_table) when given, published unless `publish` is False."""
    import datetime

    from disclosures.models import DisclosurePage

    period_start = period_start or datetime.date(2026, 7, 1)
    # A page made live only by publishing (a draft is never live).
    fields.setdefault("live", False)
    page = DisclosurePage(
        title=fields.pop("title", f"{village.title}{kind}公开"),
        slug=fields.pop("slug", f"{kind}-{period_start:%Y-%m}"),
        kind=kind,
        period_type=period_type,
        period_start=period_start,
        **fields,
    )
    village.add_child(instance=page)
    if rows is not None:
        page.table, _created = write_rows(page, rows)
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def write_rows(page, rows: list[dict]):
    """A table of `rows` (cleaned values, numbered from 1) for `page`, as the import's confirm
    writes it: (table, created)."""
    from disclosures.services import rows as row_service
    from disclosures.services import tables

    row_kind = tables.TABLE_OF_KIND[page.kind]
    digest = row_service.Digest(row_kind)
    for values in rows:
        digest.add(values)
    return row_service.write_table(
        page, row_kind, list(enumerate(rows, start=1)), digest.hexdigest()
    )


def correct(page, rows: list[dict], note: str):
    """Publish a corrected version of `page` with a new table of `rows`, as an editor would."""
    page.table, _created = write_rows(page, rows)
    page.correction_note = note
    page.full_clean()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- complaints -------------------------------------------------------------------------------


def complaint_category(code: str = "subsidy"):
    from supervision.models import ComplaintCategory

    return ComplaintCategory.objects.get(code=code)  # seeded by migration


def complaint(village, channel: str = "online", actor=None, category_code="subsidy", **fields):
    """A case entered through the one intake service, as every channel does; returns the
    IntakeResult (case, pin)."""
    from supervision.services.intake import IntakeData, submit

    data = IntakeData(
        village=village,
        category=complaint_category(category_code),
        description=fields.pop("description", "村里的惠民补贴发放名单没有公示。"),
        **fields,
    )
    return submit(data, channel=channel, actor=actor)
