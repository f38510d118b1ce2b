"""`manage.py seed_scale` (Part 9, province scale) at a tiny size: the bulk-written tree is a
valid Wagtail tree whose pages are served, and the statistics of the seeded cases are what a
direct count of their dates gives. The command writes with PostgreSQL's COPY: on SQLite it
refuses, and the rest is skipped."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from tests import factories

ON_POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="seed_scale writes with COPY")


@pytest.fixture
def base(tree):
    """The test tree, with a catalog for 宕昌县 (copied to every new county)."""
    catalog = factories.catalog(tree.tanchang)
    factories.power_item(
        catalog,
        "1",
        "低保申请审核",
        steps=[{"actor": "村两委", "action": "入户调查"}, {"actor": "乡镇", "action": "审核"}],
        risks=[{"description": "优亲厚友"}],
    )
    factories.power_item(catalog, "2", "宅基地申请", category_code="homestead")
    return tree


def seed(*args):
    out = io.StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


@pytest.mark.skipif(ON_POSTGRES, reason="the refusal is SQLite's")
@pytest.mark.django_db
def test_refused_on_sqlite():
    with pytest.raises(CommandError, match="PostgreSQL"):
        seed("--villages", "3", "--cases", "5")


@postgres_only
@pytest.mark.django_db
def test_refused_without_demo_data_allowed(settings, base):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="--yes"):
        seed("--villages", "3", "--cases", "5")


@postgres_only
@pytest.mark.django_db
def test_tiny_province(base, client):
    from disclosures.models import (
        DisclosurePage,
        Office,
        OfficeHolder,
        PowerCatalogPage,
        PowerItemPage,
        PowerStep,
        RiskPoint,
    )
    from portal.management import scale
    from supervision.models import CaseEvent, Complaint
    from supervision.services import stats
    from villages.models import CountyPage, StationMember, TownshipPage, VillagePage

    demo_villages = VillagePage.objects.count()
    seed("--villages", "30", "--cases", "500", "--years", "2")

    counties = scale.scale_counties()
    assert counties.count() == 1
    county = counties.get()
    assert TownshipPage.objects.descendant_of(county).count() == 2  # 15 villages each
    villages = VillagePage.objects.descendant_of(county)
    assert villages.count() == 30
    assert VillagePage.objects.count() == demo_villages + 30
    assert StationMember.objects.filter(village__in=villages).count() == 90
    offices = Office.objects.count()
    assert OfficeHolder.objects.filter(village__in=villages).count() == 30 * offices
    # 宕昌县's catalog copied: two items with their steps and risk
    catalog = PowerCatalogPage.objects.child_of(county).get()
    items = PowerItemPage.objects.child_of(catalog)
    assert set(items.values_list("title", flat=True)) == {"宅基地申请", "低保申请审核"}
    assert PowerStep.objects.filter(item__in=items).count() == 3
    assert RiskPoint.objects.filter(item__in=items).count() == 1
    # two years of quarterly 党务 and 村务 disclosures per village
    assert DisclosurePage.objects.descendant_of(county).count() == 30 * 8 * 2
    assert Complaint.objects.count() == 500
    assert CaseEvent.objects.count() >= 1000  # submitted or logged, then accepted or refused

    assert Page.find_problems() == ([], [], [], [], [])
    # numchild and url paths right: Wagtail's own tree reads agree with the rows
    village = villages.order_by("path").first()
    assert village.get_parent().specific.get_children().count() == 15
    assert village.get_children().count() == 16
    assert county.get_parent().specific.division_code == "621200"

    for page in (county, village, DisclosurePage.objects.child_of(village).first()):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    power = client.get(village.url + "power/")
    assert power.status_code == 200
    assert "低保申请审核" in power.content.decode()
    # the public search finds the new places' disclosures
    disclosure = DisclosurePage.objects.child_of(village).order_by("path").first()
    found = client.get("/search/", {"q": disclosure.title})
    assert found.status_code == 200
    assert disclosure.url in found.content.decode()

    # the figures of the seeded cases are the direct counts of their dates
    city = base.city
    today = datetime.date.today()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    period = stats.Period.month(month.year, month.month)
    result = stats.report(city, period, with_breakdowns=False)
    in_month = {"received_on__gte": period.start, "received_on__lte": period.end}
    assert result["received"].value == Complaint.objects.filter(**in_month).count() > 0
    concluded = Complaint.objects.filter(
        first_concluded_on__gte=period.start, first_concluded_on__lte=period.end
    )
    assert result["concluded"].value == concluded.count()
    assert (
        result["received"].previous
        == Complaint.objects.filter(
            received_on__gte=period.start.replace(year=period.start.year - 1),
            received_on__lte=stats.Period.month(month.year - 1, month.month).end,
        ).count()
    )
    assert stats.report(county, period, with_breakdowns=False)["received"].value == (
        Complaint.objects.filter(**in_month, village__in=villages).count()
    )

    # seeding again keeps the tree and adds cases; --fresh replaces the scale data
    seed("--villages", "30", "--cases", "10")
    assert Complaint.objects.count() == 510
    assert VillagePage.objects.count() == demo_villages + 30
    seed("--fresh", "--villages", "16", "--cases", "20")
    assert Complaint.objects.count() == 20
    assert VillagePage.objects.count() == demo_villages + 16
    assert not CountyPage.objects.filter(pk=county.pk).exists()  # the old county went
    assert scale.scale_counties().get().division_code == county.division_code
    assert Page.find_problems() == ([], [], [], [], [])


@postgres_only
@pytest.mark.django_db
def test_search_indexes_on_postgres():
    """The trigram indexes public search's LIKE queries use (disclosures 0013)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "page_title_trgm",
        "disclosure_summary_trgm",
        "disclosure_body_trgm",
        "poweritem_search_trgm",
    }
