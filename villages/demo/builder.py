"""Builds (and removes) the Longnan demo tree and one demo user per role. Idempotent: every node is
looked up by its division code and created only when missing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypinyin import lazy_pinyin
from wagtail.models import Page, Site

from villages.models import CityPage, CountyPage, Role, TownshipPage, VillagePage
from villages.services import two_factor
from villages.services.roles import assign_role, ensure_roles

from . import longnan
from .totp import demo_key_hex

SURNAMES = "张李王赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
LEVEL_SUFFIXES = ("藏族乡", "社区", "镇", "乡", "村", "县", "区", "市")


def invented_person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)}某某"


def pinyin_slug(name: str) -> str:
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return "".join(lazy_pinyin(name)).lower()


def english_name(name: str, suffix_en: str) -> str:
    return f"{pinyin_slug(name).title()} {suffix_en}"


@dataclass
class DemoUser:
    username: str
    role: str
    jurisdiction_code: str
    title: str
    # The whole name, family name first ("王某某"): Django's full name is "first last", which
    # would print a Chinese name backwards ("某某 王") in Wagtail's review and history screens.
    first_name: str = ""


# One demo user per role (README lists them). Jurisdictions are inside 宕昌县阿坞镇 where possible.
DEMO_USERS = [
    DemoUser("editor_awu", Role.TOWNSHIP_EDITOR, "621223106", "阿坞镇党政办干事", "王某某"),
    DemoUser("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, "621223106", "阿坞镇纪委书记", "李某某"),
    DemoUser("station_awu", Role.STATION_OPERATOR, "621223106205", "阿坞村联络站站长", "赵某某"),
    DemoUser(
        "petition_tanchang",
        Role.COUNTY_PETITION,
        "621223",
        "宕昌县纪委监委信访室主任",
        "刘某某",
    ),
    DemoUser("leader_tanchang", Role.LEADER, "621223", "宕昌县副县长（包案领导）", "陈某某"),
    DemoUser("city_longnan", Role.CITY_DISCIPLINE, "621200", "陇南市纪委监委干部", "杨某某"),
    DemoUser("auditor_longnan", Role.AUDITOR, "621200", "陇南市审计局审计员", "周某某"),
]
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (documented demo login; never in production)
ADMIN_USERNAME = "admin"
DEMO_USERNAMES = [demo.username for demo in DEMO_USERS]
DEMO_DEVICE_NAME = "demo"


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1


def home_page() -> Page:
    """The default site's root page (the portal's home page): cities hang under it."""
    return Site.objects.get(is_default_site=True).root_page.specific


def _get_or_add(parent: Page, model, code: str, report: SeedReport, **fields):
    existing = model.objects.filter(division_code=code).first()
    if existing is not None:
        return existing
    slug = fields.pop("slug")
    siblings = set(parent.get_children().values_list("slug", flat=True))
    if slug in siblings:
        slug = f"{slug}-{code[-3:]}"
    page = model(division_code=code, slug=slug, live=True, **fields)
    parent.add_child(instance=page)
    report.count(model._meta.model_name)
    return page


def village_names(township_code: str, explicit: list[str] | None) -> list[str]:
    if explicit:
        return explicit
    rng = random.Random(township_code)  # noqa: S311 (demo data, reproducible)
    stems = rng.sample(longnan.VILLAGE_NAME_STEMS, longnan.VILLAGES_PER_TOWNSHIP)
    return [f"{stem}村" for stem in stems]


def station_fields(village_code: str, name: str, rng: random.Random) -> dict:
    return {
        "station_head": invented_person(rng),
        # Longnan's area code is 0939; the number itself is invented.
        "station_phone": f"0939-{5500000 + int(village_code[-6:]) % 499999}",
        "station_address": f"{name}村委会一楼",
        "station_hours": "工作日 8:30-12:00，14:30-18:00",
    }


def station_members(rng: random.Random) -> list[dict]:
    duties = ["站长", "兼职监督员", "兼职监督员", "信息员"]
    count = rng.randint(3, 4)
    return [
        {
            "name": invented_person(rng),
            "duty": duties[i],
            "phone": f"139{rng.randint(0, 99999999):08d}",
        }
        for i in range(count)
    ]


@transaction.atomic
def build_tree(report: SeedReport) -> CityPage:
    home = home_page()
    city = _get_or_add(
        home,
        CityPage,
        longnan.CITY["code"],
        report,
        title=longnan.CITY["name"],
        name_en=longnan.CITY["name_en"],
        slug="longnan",
        population=longnan.CITY["population"],
    )
    for county_code, county_name, county_en, county_kind, townships in longnan.COUNTIES:
        county = _get_or_add(
            city,
            CountyPage,
            county_code,
            report,
            title=county_name,
            name_en=county_en,
            # From the English name: pinyin guesses 武都 as "wudou" and 宕昌 as "dangchang".
            slug=county_en.split()[0].lower(),
            kind=county_kind,
        )
        for suffix, township_name, township_kind, explicit_villages in townships:
            township_code = county_code + suffix
            township = _get_or_add(
                county,
                TownshipPage,
                township_code,
                report,
                title=township_name,
                name_en=english_name(township_name, longnan.TOWNSHIP_SUFFIX_EN[township_kind]),
                slug=pinyin_slug(township_name),
                kind=township_kind,
            )
            for index, village_name in enumerate(village_names(township_code, explicit_villages)):
                village_code = f"{township_code}{201 + index:03d}"
                if VillagePage.objects.filter(division_code=village_code).exists():
                    continue
                rng = random.Random(village_code)  # noqa: S311
                households = rng.randint(180, 620)
                village = VillagePage(
                    division_code=village_code,
                    title=village_name,
                    name_en=english_name(village_name, "Village"),
                    slug=pinyin_slug(village_name),
                    live=True,
                    households=households,
                    population=households * rng.randint(3, 4),
                    group_count=rng.randint(3, 9),
                    **station_fields(village_code, village_name, rng),
                )
                members = station_members(rng)
                village.station_head = members[0]["name"]
                for member in members:
                    village.station_members.add(village.station_members.model(**member))
                township.add_child(instance=village)
                report.count("villagepage")
    return city


@transaction.atomic
def build_users(report: SeedReport) -> None:
    User = get_user_model()
    ensure_roles()
    admin, created = User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"is_superuser": True, "is_staff": True, "email": "admin@example.invalid"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        report.count("user")
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"email": f"{demo.username}@example.invalid"},
        )
        if (user.first_name, user.last_name) != (demo.first_name, ""):
            user.first_name, user.last_name = demo.first_name, ""
            user.save(update_fields=["first_name", "last_name"])
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            report.count("user")
        node = _node_by_code(demo.jurisdiction_code)
        assign_role(user, demo.role, node, demo.title)
    give_demo_devices(User.objects.filter(username__in=[ADMIN_USERNAME, *DEMO_USERNAMES]))


def give_demo_devices(users) -> int:
    """Each demo login that must have a second factor (two_factor.required_for: the identity
    roles and the superuser, per settings) gets an authenticator with the published demo key
    (villages/demo/totp.py, README "Demo logins"), so the demo stays usable without a phone of
    one's own. Returns how many were added."""
    added = 0
    for user in users:
        if not two_factor.required_for(user):
            continue
        _, created = TOTPDevice.objects.get_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": demo_key_hex(), "confirmed": True},
        )
        added += created
    return added


def _node_by_code(code: str) -> Page:
    for model in (VillagePage, TownshipPage, CountyPage, CityPage):
        page = model.objects.filter(division_code=code).first()
        if page is not None:
            return page
    raise LookupError(f"No area page with division code {code}")


@transaction.atomic
def delete_demo() -> None:
    """Remove the demo tree and the demo users (and their township groups and workflows)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    from villages.models import StaffAction

    User = get_user_model()
    users = User.objects.filter(username__in=[d.username for d in DEMO_USERS] + [ADMIN_USERNAME])
    # The audit log refuses deletion through the ORM and protects its users and pages. Wiping a
    # demo database is the one exception (as for the case log in supervision/demo/builder.py):
    # the demo users' and the demo tree's entries go with one raw DELETE, here and nowhere else.
    cities = CityPage.objects.filter(division_code=longnan.CITY["code"])
    for city in cities:
        actions = StaffAction.objects.filter(
            Q(user__in=users) | Q(jurisdiction__path__startswith=city.path)
        )
        StaffAction.objects.filter(pk__in=list(actions.values_list("pk", flat=True)))._raw_delete(
            StaffAction.objects.db
        )
    users.delete()
    for city in CityPage.objects.filter(division_code=longnan.CITY["code"]):
        city.delete()
    Group.objects.filter(name__contains="（6212").delete()
    Workflow.objects.filter(name__contains="（6212").delete()
    Task.objects.filter(name__contains="（6212").delete()


def seed(reset: bool = False) -> SeedReport:
    if reset:
        delete_demo()
    report = SeedReport()
    build_tree(report)
    build_users(report)
    return report
