"""The dataset of the permission probe (test_permission_probe.py): one user per role and, for
every kind of object a URL names, one object inside 宕昌县阿坞镇阿坞村 (inside every role's
jurisdiction: the probe's users all work at or above it) and one in 武都区蒲池乡坪儿上村 (outside
every jurisdiction but the city's). Built once per module, rolled back afterwards."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from villages.models import Role

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = datetime.date(2026, 11, 2)
RECEIPT = "probe-receipt"  # the intake form's key of the station's case

# Columns of the permission table, in its order: the public, each role, the superuser.
ROLES = [
    "public",
    Role.STATION_OPERATOR,
    Role.TOWNSHIP_EDITOR,
    Role.TOWNSHIP_DISCIPLINE,
    Role.COUNTY_PETITION,
    Role.LEADER,
    Role.CITY_DISCIPLINE,
    Role.AUDITOR,
    "superuser",
]
ROLES = [str(r) for r in ROLES]


@dataclass
class Probe:
    tree: factories.Tree
    users: dict = field(default_factory=dict)  # role -> user (None for the public)
    # kind -> (inside object, outside object)
    objects: dict = field(default_factory=dict)

    def pair(self, kind):
        return self.objects[kind]


def _jobs(probe: Probe, petition, wudu_petition):
    from disclosures.import_jobs import CatalogImport, DisclosureImport
    from supervision.dispatch_models import LedgerExport, LedgerImport

    (cat_in, cat_out) = probe.pair("catalog")
    (dis_in, dis_out) = probe.pair("disclosure")
    probe.objects["catalog_job"] = (
        CatalogImport.objects.create(user=petition, catalog=cat_in),
        CatalogImport.objects.create(user=wudu_petition, catalog=cat_out),
    )
    editor = probe.users[Role.TOWNSHIP_EDITOR]
    probe.objects["disclosure_job"] = (
        DisclosureImport.objects.create(user=editor, page=dis_in, row_kind="subsidy"),
        DisclosureImport.objects.create(user=wudu_petition, page=dis_out, row_kind="subsidy"),
    )
    probe.objects["ledger_export"] = (
        LedgerExport.objects.create(user=petition, query={}, file_format="csv"),
        LedgerExport.objects.create(user=wudu_petition, query={}, file_format="csv"),
    )
    probe.objects["ledger_import"] = (
        LedgerImport.objects.create(user=petition, jurisdiction=probe.tree.tanchang),
        LedgerImport.objects.create(user=wudu_petition, jurisdiction=probe.tree.wudu),
    )


def _cases(probe: Probe, station, wudu_petition):
    from supervision.models import LegalHold, RepeatCandidate
    from supervision.services.attachments import check_uploads
    from supervision.services.intake import IntakeData, submit

    tree = probe.tree
    files = check_uploads([SimpleUploadedFile("现场.png", PNG, "image/png")])
    data = IntakeData(
        village=tree.awu_village,
        category=factories.complaint_category(),
        description="村里的惠民补贴发放名单没有公示。",
        files=files,
        intake_mode="visit",
        consent_recorded=True,
    )
    # Logged by the station with the intake form's key: its receipt is admin/intake/receipt/.
    inside = submit(
        data, channel="station", actor=station, submission_key=f"admin:{station.pk}:{RECEIPT}"
    ).case
    files = check_uploads([SimpleUploadedFile("现场.png", PNG, "image/png")])
    outside = factories.complaint(
        tree.pingershang, channel="letter", actor=wudu_petition, files=files
    ).case
    probe.objects["case"] = (inside, outside)
    probe.objects["attachment"] = (inside.attachments.get(), outside.attachments.get())
    later_in = factories.complaint(tree.awu_village, description="补贴名单还是没有公示。").case
    later_out = factories.complaint(tree.pingershang, description="补贴名单还是没有公示。").case
    probe.objects["repeat"] = (
        RepeatCandidate.objects.create(case=later_in, earlier=inside, reason="same_person"),
        RepeatCandidate.objects.create(case=later_out, earlier=outside, reason="same_person"),
    )
    probe.objects["hold"] = tuple(
        LegalHold.objects.create(case=case, reason="纪律审查需要保全", placed_by=wudu_petition)
        for case in (inside, outside)
    )


def _dispatch(probe: Probe):
    from supervision.dispatch_models import MonthlyReport, ReceptionDay, SupervisedItem
    from supervision.services import monthly_report

    tree = probe.tree
    items, days, reports = [], [], []
    for area in (tree.tanchang, tree.wudu):
        items.append(
            SupervisedItem.objects.create(
                title="城区管道天然气供应",
                source=SupervisedItem.Source.INSPECTION,
                area=area,
                description="巡察发现城区部分小区管道天然气长期未通气。",
                owner_unit="县住建局",
                owner_leader="王某某（副县长）",
                deadline=TODAY + datetime.timedelta(days=60),
                published=True,
                public_summary="城区管道天然气供应整改。",
            )
        )
        days.append(
            ReceptionDay.objects.create(
                area=area,
                leader_name="李某某",
                leader_title="县委副书记",
                date=timezone.localdate() + datetime.timedelta(days=7),
                start_time=datetime.time(9, 0),
                end_time=datetime.time(12, 0),
                place="县信访接待中心",
                topics="征地拆迁、惠民补贴",
                published=True,
            )
        )
        reports.append(
            MonthlyReport.objects.create(
                area=area, month=monthly_report.month_of(2026, 9), status="running"
            )
        )
    probe.objects["supervised_item"] = tuple(items)
    probe.objects["reception_day"] = tuple(days)
    probe.objects["monthly_report"] = tuple(reports)


def _configuration(probe: Probe, petition, wudu_petition):
    from wagtail.models import APIToken, Site

    from disclosures.affairs_models import DisclosureSchedule, RawValueAccess
    from supervision.calendar_models import WorkCalendarYear
    from supervision.handling_models import DeadlineRule, MessageTemplate
    from supervision.models import ComplaintCategory, Open311Partner
    from supervision.services.partners import issue_key

    tree = probe.tree
    probe.objects["schedule"] = (
        DisclosureSchedule.objects.create(
            county=tree.tanchang, kind="party", period_type="quarter", due_day=15
        ),
        DisclosureSchedule.objects.create(
            county=tree.wudu, kind="party", period_type="quarter", due_day=25
        ),
    )
    (dis_in, dis_out) = probe.pair("disclosure")
    probe.objects["raw_access"] = (
        RawValueAccess.objects.create(user=petition, table=dis_in.table, line=1, reason="核对"),
        RawValueAccess.objects.create(
            user=wudu_petition, table=dis_out.table, line=1, reason="核对"
        ),
    )
    partners = []
    for name, area in (("宕昌县12345热线", tree.tanchang), ("武都区12345热线", tree.wudu)):
        partner = Open311Partner(name=name, jurisdiction=area)
        issue_key(partner)
        partner.save()
        partners.append(partner)
    probe.objects["partner"] = tuple(partners)
    # City-wide settings: no outside object; the same row twice.
    for kind, model in (
        ("calendar", WorkCalendarYear),
        ("category", ComplaintCategory),
        ("deadline_rule", DeadlineRule),
        ("message_template", MessageTemplate),
        ("site", Site),
    ):
        first = model.objects.order_by("pk").first()
        probe.objects[kind] = (first, first)
    probe.objects["staff_profile"] = (petition.staff_profile, wudu_petition.staff_profile)
    probe.objects["user"] = (petition, wudu_petition)
    probe.objects["api_token"] = (
        APIToken.create_token(user=petition, name="大屏")[0],
        APIToken.create_token(user=wudu_petition, name="大屏")[0],
    )


def build() -> Probe:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    tree = factories.build_tree()
    probe = Probe(tree=tree)
    homes = {
        Role.STATION_OPERATOR: tree.awu_village,
        Role.TOWNSHIP_EDITOR: tree.awu,
        Role.TOWNSHIP_DISCIPLINE: tree.awu,
        Role.COUNTY_PETITION: tree.tanchang,
        Role.LEADER: tree.tanchang,
        Role.CITY_DISCIPLINE: tree.city,
        Role.AUDITOR: tree.city,
    }
    probe.users["public"] = None
    for role, node in homes.items():
        probe.users[role] = factories.staff_user(f"probe_{role}", role, node)
    probe.users["superuser"] = get_user_model().objects.create_superuser(
        "probe_admin", "admin@example.org", "pw"
    )
    petition = probe.users[Role.COUNTY_PETITION]
    wudu_petition = factories.staff_user("probe_wudu", Role.COUNTY_PETITION, tree.wudu)
    station = probe.users[Role.STATION_OPERATOR]

    probe.objects["village"] = (tree.awu_village, tree.pingershang)
    probe.objects["group"] = (Group.objects.order_by("pk").first(),) * 2
    catalogs = []
    for county in (tree.tanchang, tree.wudu):
        catalog = factories.catalog(county)
        factories.power_item(catalog, "1", "低保申请")
        catalogs.append(catalog)
    probe.objects["catalog"] = tuple(catalogs)
    probe.objects["power_item"] = tuple(c.get_children().specific().get() for c in catalogs)
    probe.objects["disclosure"] = tuple(
        factories.disclosure(v, rows=factories.subsidy_values(2))
        for v in (tree.awu_village, tree.pingershang)
    )
    # A page with a change waiting for review (admin/review/<pk>/): the village's draft.
    for village in (tree.awu_village, tree.pingershang):
        village.save_revision(user=probe.users["superuser"])
    _cases(probe, station, wudu_petition)
    _jobs(probe, petition, wudu_petition)
    _dispatch(probe)
    _configuration(probe, petition, wudu_petition)
    return probe
