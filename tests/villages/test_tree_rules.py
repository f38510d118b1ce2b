"""The tree can only be built the right way round."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from disclosures.models import DisclosurePage, PowerItemPage
from portal.models import HomePage
from villages.models import CityPage, CountyPage, TownshipPage, VillagePage


class TreeRulesTests(WagtailPageTestCase):
    def test_each_level_accepts_only_its_parent(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(CityPage, {HomePage})
        self.assertAllowedParentPageTypes(CountyPage, {CityPage})
        self.assertAllowedParentPageTypes(TownshipPage, {CountyPage})
        self.assertAllowedParentPageTypes(VillagePage, {TownshipPage})

    def test_each_level_holds_only_the_next(self):
        self.assertAllowedSubpageTypes(HomePage, {CityPage})
        self.assertAllowedSubpageTypes(CityPage, {CountyPage})
        self.assertAllowedSubpageTypes(CountyPage, {TownshipPage})
        self.assertAllowedSubpageTypes(TownshipPage, {VillagePage})
        # A village's only children are its own power items (additions to the catalog).
        self.assertAllowedSubpageTypes(VillagePage, {PowerItemPage, DisclosurePage})

    def test_a_village_cannot_be_created_under_a_county(self):
        self.assertCanNotCreateAt(CountyPage, VillagePage)
        self.assertCanNotCreateAt(HomePage, TownshipPage)
        self.assertCanCreateAt(TownshipPage, VillagePage)
