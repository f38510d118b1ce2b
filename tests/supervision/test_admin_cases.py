"""The case list, case page, search, export, attachments and dashboards in the admin show each
role exactly the cases of its jurisdiction (access.cases_for); an accused cadre sees nothing of a
case about them anywhere; a station operator sees only the cases they logged, as the resident
does; the reporter's identity is behind a logged button for the roles that handle cases."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.permissions import policy_registry

from disclosures.models import OfficeHolder
from supervision.models import CaseEvent, Complaint, IdentityAccess
from supervision.services import receipts
from supervision.services.attachments import check_uploads
from tests import factories
from tests.factories import UserFactory, staff_user
from villages.models import Role

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NUMBER_RE = re.compile(r"\b\d{6}-\d{4}-\d{6}\b")
REPORTER = ("张某某", "13800001234")


@dataclass
class Cases:
    station: object
    petition: object
    by_name: dict  # name → Complaint

    def numbers(self, *names) -> set[str]:
        return {self.by_name[n].number for n in names}


@pytest.fixture
def cases(tree) -> Cases:
    """A: logged by 阿坞村's station, real name, with a file; B: a letter for 西固村 with an
    internal note; C: a call for 哈达铺村 (same county, other township); D: online for 坪儿上村
    (the other county); E: online for 阿坞村, not logged by the station."""
    station = staff_user("station_awu", Role.STATION_OPERATOR, tree.awu_village)
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    files = check_uploads([SimpleUploadedFile("现场照片.png", PNG, "image/png")])
    name, phone = REPORTER
    a = factories.complaint(
        tree.awu_village,
        channel="station",
        actor=station,
        real_name=True,
        reporter_name=name,
        reporter_contact=phone,
        accused_name="王某某",
        intake_mode="visit",
        consent_recorded=True,
        files=files,
        description="二组惠民补贴名单没有公示。",
    ).case
    b = factories.complaint(
        tree.xigu,
        channel="letter",
        actor=petition,
        real_name=True,
        reporter_name="李某某",
        reporter_contact="0939-5521234",
        description="西固村修路工程验收走过场。",
        category_code="projects",
    ).case
    CaseEvent.objects.create(
        case=b, kind=CaseEvent.Kind.NOTE, actor=petition, internal_text="内部意见：先核实合同"
    )
    c = factories.complaint(
        tree.hadapu_village, channel="phone", actor=petition, description="哈达铺村低保评定不公。"
    ).case
    d = factories.complaint(tree.pingershang, description="坪儿上村宅基地审批拖延。").case
    e = factories.complaint(tree.awu_village, description="阿坞村财务公开不及时。").case
    return Cases(station, petition, {"A": a, "B": b, "C": c, "D": d, "E": e})


ROLES = {
    "editor": (Role.TOWNSHIP_EDITOR, "awu", ""),
    "jiwei": (Role.TOWNSHIP_DISCIPLINE, "awu", "ABE"),
    "station": (Role.STATION_OPERATOR, "awu_village", "A"),
    "petition": (Role.COUNTY_PETITION, "tanchang", "ABCE"),
    "leader": (Role.LEADER, "tanchang", "ABCE"),
    "city": (Role.CITY_DISCIPLINE, "city", "ABCDE"),
    "auditor": (Role.AUDITOR, "city", "ABCDE"),
    "admin": (None, None, "ABCDE"),
}


def user_for(name, tree, cases):
    role, node, _visible = ROLES[name]
    if name == "station":
        return cases.station
    if name == "petition":
        return cases.petition
    if role is None:
        return UserFactory(username="root", is_superuser=True, is_staff=True)
    return staff_user(name, role, getattr(tree, node))


def listed(client, query="") -> set[str]:
    response = client.get("/admin/cases/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    return set(NUMBER_RE.findall(html.split('id="listing-results"', 1)[-1]))


def exported(client, query="") -> list[dict]:
    response = client.get("/admin/cases/?export=csv" + query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", list(ROLES))
def test_every_role_sees_exactly_its_cases_everywhere(client, tree, cases, name):
    user = user_for(name, tree, cases)
    client.force_login(user)
    visible = ROLES[name][2]
    expected = cases.numbers(*visible)
    if not visible:
        # No case list at all: no menu item, and the list is refused.
        assert "/admin/cases/" not in client.get("/admin/").content.decode()
        assert client.get("/admin/cases/").status_code == 302
    else:
        assert listed(client) == expected
        assert {row["编号"] for row in exported(client)} == expected
    for key, case in cases.by_name.items():
        page = client.get(f"/admin/cases/{case.pk}/")
        assert page.status_code == (200 if key in visible else 404), key
        download = client.get(
            f"/admin/cases/{case.pk}/attachments/{cases.by_name['A'].attachments.get().pk}/"
        )
        assert download.status_code == (200 if key == "A" and "A" in visible else 404), key
        if visible:
            assert listed(client, f"?q={case.number}") == ({case.number} & expected), key


def test_search_finds_by_receipt_code_as_typed_and_by_words_within_jurisdiction(
    client, tree, cases
):
    client.force_login(cases.petition)
    b, d = cases.by_name["B"], cases.by_name["D"]
    typed = receipts.format_code(b.receipt_code).lower().replace("-", " ")
    assert listed(client, f"?q={typed}") == {b.number}
    assert listed(client, "?q=修路验收") == {b.number}
    # Another county's case is not found, however exactly it is named.
    assert listed(client, f"?q={d.number}") == set()
    assert listed(client, f"?q={d.receipt_code}") == set()
    assert listed(client, "?q=宅基地审批") == set()


def test_filters_narrow_within_jurisdiction(client, tree, cases):
    client.force_login(cases.petition)
    n = cases.numbers
    assert listed(client, f"?village={tree.xigu.pk}") == n("B")
    # A village of another county is not among the choices: the filter does not apply.
    assert listed(client, f"?village={tree.pingershang.pk}") == n("A", "B", "C", "E")
    assert listed(client, "?channel=letter") == n("B")
    assert listed(client, "?real_name=1") == n("A", "B")
    assert listed(client, "?real_name=0") == n("C", "E")
    assert listed(client, "?category=" + str(cases.by_name["B"].category_id)) == n("B")
    Complaint.objects.filter(pk=cases.by_name["C"].pk).update(
        received_on=datetime.date(2026, 1, 10)
    )
    assert listed(client, "?received_on_from=2026-01-01&received_on_to=2026-01-31") == n("C")
    assert {r["编号"] for r in exported(client, "&channel=letter")} == n("B")


def test_the_export_never_carries_identity_pin_or_accused(client, tree, cases):
    client.force_login(user_for("city", tree, cases))
    rows = exported(client)
    assert list(rows[0]) == [
        "编号",
        "收到日期",
        "所涉村（社区）",
        "问题类别",
        "性质",
        "来源渠道",
        "状态",
        "实名或匿名",
        "登记时间",
    ]
    text = repr(rows)
    for secret in (*REPORTER, "李某某", "0939-5521234", "王某某"):
        assert secret not in text
    for case in cases.by_name.values():
        assert case.receipt_code not in text and case.sealed_pin not in text
    assert {r["实名或匿名"] for r in rows} == {"实名", "匿名"}

    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/admin/cases/?export=xlsx").getvalue()), read_only=True
    )
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row]
    assert cases.by_name["D"].number in cells
    assert not {*REPORTER, "李某某"} & {str(c) for c in cells}


def test_the_list_never_shows_identity(client, tree, cases):
    client.force_login(user_for("city", tree, cases))
    html = client.get("/admin/cases/").content.decode()
    for secret in (*REPORTER, "李某某", "0939-5521234"):
        assert secret not in html
    assert "实名" in html and "匿名" in html


def test_a_station_operator_sees_the_public_timeline_only(client, tree, cases):
    client.force_login(cases.station)
    a = cases.by_name["A"]
    page = client.get(f"/admin/cases/{a.pk}/").content.decode()
    assert receipts.format_code(a.receipt_code) in page and "联络站已代为登记您的反映" in page
    assert "现场照片.png" in page  # the file they handed in
    for hidden in ("二组惠民补贴名单没有公示", "王某某", *REPORTER, "查看反映人身份"):
        assert hidden not in page
    assert client.post(f"/admin/cases/{a.pk}/").status_code == 302
    assert not IdentityAccess.objects.exists()


def test_handling_staff_see_internal_notes_and_the_accused(client, tree, cases):
    client.force_login(cases.petition)
    b, a = cases.by_name["B"], cases.by_name["A"]
    page = client.get(f"/admin/cases/{b.pk}/").content.decode()
    assert "西固村修路工程验收走过场。" in page and "内部意见：先核实合同" in page
    assert "来信" in page and "阿坞镇西固村" in page
    assert "王某某" in client.get(f"/admin/cases/{a.pk}/").content.decode()


@pytest.mark.parametrize(
    ("name", "may_reveal"),
    [
        ("jiwei", True),
        ("petition", True),
        ("city", True),
        ("leader", False),
        ("auditor", False),
        ("admin", False),
    ],
)
def test_identity_is_shown_only_on_request_to_identity_roles_and_every_look_is_logged(
    client, tree, cases, name, may_reveal
):
    user = user_for(name, tree, cases)
    client.force_login(user)
    a = cases.by_name["A"]
    url = f"/admin/cases/{a.pk}/"
    page = client.get(url).content.decode()
    assert REPORTER[0] not in page and REPORTER[1] not in page
    assert ("查看反映人身份" in page) is may_reveal

    response = client.post(url)
    if may_reveal:
        shown = response.content.decode()
        assert REPORTER[0] in shown and REPORTER[1] in shown
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        client.post(url)
        looks = IdentityAccess.objects.filter(case=a, user=user)
        assert looks.count() == 2 and looks.first().context == "案件页面"
        # The next plain visit hides it again.
        assert REPORTER[0] not in client.get(url).content.decode()
    else:
        assert response.status_code == 302
        assert not IdentityAccess.objects.exists()


def test_an_anonymous_case_has_no_identity_button(client, tree, cases):
    client.force_login(cases.petition)
    page = client.get(f"/admin/cases/{cases.by_name['C'].pk}/").content.decode()
    assert "匿名反映，没有留下身份" in page and "查看反映人身份" not in page


def test_attachments_download_as_files_never_cached_or_sniffed(client, tree, cases):
    client.force_login(cases.petition)
    a = cases.by_name["A"]
    response = client.get(f"/admin/cases/{a.pk}/attachments/{a.attachments.get().pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png"
        in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PNG
    # A file of another case, asked for through this case's URL, is not found.
    b = cases.by_name["B"]
    assert (
        client.get(f"/admin/cases/{b.pk}/attachments/{a.attachments.get().pk}/").status_code == 404
    )


def test_no_case_is_added_edited_or_deleted_through_generic_views(client, tree, cases):
    admin = user_for("admin", tree, cases)
    client.force_login(admin)
    a = cases.by_name["A"]
    for url in ("/admin/cases/new/", f"/admin/cases/edit/{a.pk}/", f"/admin/cases/delete/{a.pk}/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (403, 404, 405), url
    policy = policy_registry.get_by_type(Complaint)
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(admin, action)
        assert not policy.user_has_permission_for_instance(admin, action, a)
    assert Complaint.objects.count() == 5


@pytest.fixture
def accused_by_account(tree, cases):
    jiwei = staff_user("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    cases.by_name["B"].accused_users.add(jiwei)
    return jiwei


@pytest.fixture
def accused_by_office(tree, cases):
    """The holder of 西固村's 书记 office, who is also on the township committee."""
    holder = staff_user("jiwei_holder", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    OfficeHolder.objects.create(
        village=tree.xigu, office=factories.office("secretary"), name="赵某某", user=holder
    )
    Complaint.objects.filter(pk=cases.by_name["B"].pk).update(
        accused_office=factories.office("secretary")
    )
    return holder


@pytest.mark.parametrize("how", ["accused_by_account", "accused_by_office"])
def test_an_accused_cadre_sees_nothing_of_the_case_anywhere(client, tree, cases, how, request):
    cadre = request.getfixturevalue(how)
    client.force_login(cadre)
    b = cases.by_name["B"]
    assert listed(client) == cases.numbers("A", "E")
    assert listed(client, f"?q={b.number}") == set()
    assert listed(client, "?q=修路") == set()
    assert b.number not in {r["编号"] for r in exported(client)}
    assert client.get(f"/admin/cases/{b.pk}/").status_code == 404
    assert client.post(f"/admin/cases/{b.pk}/").status_code == 404
    assert b.number not in client.get("/admin/").content.decode()
    assert not IdentityAccess.objects.exists()


def test_holding_the_office_in_another_village_is_no_recusal(client, tree, cases):
    holder = staff_user("jiwei_holder", Role.TOWNSHIP_DISCIPLINE, tree.awu)
    OfficeHolder.objects.create(
        village=tree.awu_village, office=factories.office("secretary"), name="赵某某", user=holder
    )
    Complaint.objects.filter(pk=cases.by_name["B"].pk).update(
        accused_office=factories.office("secretary")
    )
    client.force_login(holder)
    assert listed(client) == cases.numbers("A", "B", "E")


# --- dashboards ---------------------------------------------------------------------------


def test_the_station_dashboard_lists_its_own_cases_with_state_and_deadline(client, tree, cases):
    client.force_login(cases.station)
    html = client.get("/admin/").content.decode()
    assert "我登记的信访举报" in html and "即将开通" not in html
    assert set(NUMBER_RE.findall(html)) == cases.numbers("A")
    assert "已登记" in html and "告知是否受理" in html
    assert 'href="/admin/intake/"' in html
    assert f'href="{tree.awu_village.url}"' in html


@pytest.mark.parametrize(
    ("name", "visible"), [("petition", "ABCE"), ("jiwei", "ABE"), ("city", "ABCDE")]
)
def test_handling_roles_get_the_cases_recently_received(client, tree, cases, name, visible):
    client.force_login(user_for(name, tree, cases))
    html = client.get("/admin/").content.decode()
    assert "最近收到的信访举报" in html
    assert set(NUMBER_RE.findall(html)) == cases.numbers(*visible)


def test_the_auditor_dashboard_leads_to_the_identity_log_and_the_cases(client, tree, cases):
    client.force_login(user_for("auditor", tree, cases))
    html = client.get("/admin/").content.decode()
    assert 'href="/admin/identity-log/"' in html and 'href="/admin/cases/"' in html
    assert "即将开通：在这里只读查看" not in html
