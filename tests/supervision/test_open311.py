"""Open311 GeoReport v2 at /open311/v2/ (docs/api.md "Open311"): every endpoint in JSON and
XML, the spec's error format, what a partner and the public may see, idempotent submission,
jurisdiction and rate limits."""

import datetime
import json
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from supervision.models import CaseEvent, Complaint, ComplaintCategory, Open311Partner
from supervision.open311 import views
from supervision.services import receipts
from supervision.services.clock import add_working_days
from supervision.services.partners import (
    DEMO_KEY,
    DEMO_PARTNER_NAME,
    DemoKeyRefused,
    ensure_demo_partner,
    issue_key,
    partner_for_key,
)
from tests import factories

API = "/open311/v2/"
TANCHANG_KEY = "test-key-tanchang"
WUDU_KEY = "test-key-wudu"
# partner key lookup and its last-used stamp, its jurisdiction, the rows, their townships
QUERIES_PER_LIST = 5
DESCRIPTION = "村里的惠民补贴发放名单没有公示，我家的补贴少发了两个月。"


def make_partner(name, jurisdiction, key):
    partner = Open311Partner(name=name, jurisdiction=jurisdiction)
    issue_key(partner, key)
    partner.save()
    return partner


@pytest.fixture
def hotline(tree):
    """The 12345 hotline of 宕昌县."""
    return make_partner("宕昌县12345热线", tree.tanchang, TANCHANG_KEY)


@pytest.fixture
def wudu_hotline(tree):
    return make_partner("武都区12345热线", tree.wudu, WUDU_KEY)


def form(**fields):
    """A valid anonymous submission for 阿坞村, with `fields` changed (None drops one)."""
    data = {
        "api_key": TANCHANG_KEY,
        "service_code": "subsidy",
        "description": DESCRIPTION,
        "attribute[village_code]": "621223106205",
        "address_string": "村委会公示栏",
        "lat": "34.05",
        "long": "104.38",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def post(client, data, fmt="json", **extra):
    return client.post(
        f"{API}requests.{fmt}",
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded; charset=utf-8",
        **extra,
    )


def xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 (our own server's answer, in a test)


def errors_of(response, fmt="json"):
    """The spec's error list as [(code, description)]."""
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "errors"
        return [(int(e.findtext("code")), e.findtext("description")) for e in root]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return [(e["code"], e["description"]) for e in response.json()]


def nothing_written():
    return not Complaint.objects.exists() and not CaseEvent.objects.exists()


# --- services -------------------------------------------------------------------------------


def test_services_list_the_active_categories_in_json_and_xml(db, client):
    ComplaintCategory.objects.filter(code="other").update(active=False)
    expected = list(ComplaintCategory.objects.filter(active=True).values_list("code", flat=True))

    data = client.get(f"{API}services.json").json()
    assert [s["service_code"] for s in data] == expected
    subsidy = data[0]
    assert subsidy["service_name"] == "惠民补贴"
    assert subsidy["description"] == "惠民惠农补贴、一卡通发放"
    assert subsidy["metadata"] is True and subsidy["type"] == "realtime"
    assert "一卡通发放" in subsidy["keywords"] and subsidy["group"]

    root = xml(client.get(f"{API}services.xml"))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == expected
    assert root.find("service").findtext("metadata") == "true"


def test_a_service_definition_names_the_local_attributes(db, client):
    data = client.get(f"{API}services/subsidy.json").json()
    assert data["service_code"] == "subsidy"
    attributes = {a["code"]: a for a in data["attributes"]}
    assert list(attributes) == ["village_code", "kind", "real_name", "partner_reference"]
    assert attributes["village_code"]["required"] is True
    assert attributes["village_code"]["datatype"] == "string"
    assert [v["key"] for v in attributes["kind"]["values"]] == [
        "petition",
        "accusation",
        "suggestion",
    ]
    assert [v["name"] for v in attributes["kind"]["values"]] == ["信访举报", "检举控告", "意见建议"]
    assert [v["key"] for v in attributes["real_name"]["values"]] == ["true", "false"]
    assert [a["order"] for a in data["attributes"]] == [1, 2, 3, 4]

    root = xml(client.get(f"{API}services/subsidy.xml"))
    assert root.tag == "service_definition"
    codes = [a.findtext("code") for a in root.find("attributes").findall("attribute")]
    assert codes == ["village_code", "kind", "real_name", "partner_reference"]
    kind = root.find("attributes").findall("attribute")[1]
    assert [v.findtext("key") for v in kind.find("values").findall("value")] == [
        "petition",
        "accusation",
        "suggestion",
    ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_is_a_404_in_the_spec_error_format(db, client, fmt):
    ComplaintCategory.objects.filter(code="other").update(active=False)
    for code in ("no-such-thing", "other", "<script>"):
        response = client.get(f"{API}services/{code}.{fmt}")
        assert response.status_code == 404
        ((status, description),) = errors_of(response, fmt)
        assert status == 404 and "services.json" in description
        assert "<script>" not in description


def test_anything_else_under_the_prefix_is_the_spec_404(db, client):
    response = client.get(f"{API}services.html")
    assert response.status_code == 404
    assert errors_of(response)[0][0] == 404
    assert errors_of(client.get(f"{API}nothing/here.xml"), "xml")[0][0] == 404


# --- POST requests --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_partner_submits_a_case_and_gets_its_id_receipt_and_pin(hotline, client, fmt):
    response = post(client, form(**{"attribute[partner_reference]": "12345-20260301-0007"}), fmt)
    assert response.status_code == 200
    if fmt == "json":
        (answer,) = response.json()
    else:
        root = xml(response)
        assert root.tag == "service_requests"
        (request,) = root.findall("request")
        answer = {child.tag: child.text for child in request}
    case = Complaint.objects.get()
    assert answer["service_request_id"] == case.number
    assert answer["token"] == case.open311_token
    assert answer["account_id"] is None
    assert answer["receipt_code"] == receipts.format_code(case.receipt_code)
    assert receipts.pin_matches(case.receipt_code, answer["pin"], case.pin_digest)
    assert "告知是否受理" in answer["service_notice"] and "/track/" in answer["service_notice"]

    assert case.channel == Complaint.Channel.OPEN311
    assert case.partner == hotline
    assert case.village.division_code == "621223106205"
    assert case.category.code == "subsidy"
    assert case.kind == Complaint.Kind.PETITION
    assert case.description == DESCRIPTION and case.place == "村委会公示栏"
    assert case.partner_reference == "12345-20260301-0007"
    assert not case.real_name and case.reporter_name is None
    (event,) = case.events.all()
    assert event.actor_label == "宕昌县12345热线" and event.to_state == Complaint.State.REGISTERED
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies


def test_a_real_name_submission_keeps_the_identity_sealed(hotline, client):
    response = post(
        client,
        form(
            **{"attribute[real_name]": "true", "attribute[kind]": "accusation"},
            last_name="王",
            first_name="某某",
            phone="138 0000 1234",
            email="wang@example.org",
        ),
    )
    assert response.status_code == 200
    case = Complaint.objects.get()
    assert case.real_name and case.kind == Complaint.Kind.ACCUSATION
    assert case.reporter_name == "王某某" and case.reporter_contact == "138 0000 1234"
    assert case.identity_hash
    # A real-name discipline report is decided within 15 working days (clock.py).
    due, _ = add_working_days(case.received_on, 15)
    assert f"告知是否受理的期限：{due.isoformat()}" in response.json()[0]["service_notice"]


def test_an_anonymous_submission_keeps_no_identity_even_if_sent(hotline, client):
    post(client, form(last_name="王", first_name="某某", phone="13800001234"))
    case = Complaint.objects.get()
    assert not case.real_name
    assert case.reporter_name is None and case.reporter_contact is None and not case.identity_hash


def test_a_retried_post_makes_one_case_and_answers_the_same(hotline, client):
    first = post(client, form()).json()[0]
    again = post(client, form())
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()[0]["service_request_id"] == first["service_request_id"]
    assert again.json()[0]["pin"] == first["pin"]  # the first answer may have been lost
    assert Complaint.objects.count() == 1
    # The same words about another village are another case.
    post(client, form(**{"attribute[village_code]": "621223106201"}))
    assert Complaint.objects.count() == 2


def test_an_idempotency_key_names_the_submission(hotline, wudu_hotline, client):
    one = post(client, form(), HTTP_IDEMPOTENCY_KEY="call-0001").json()[0]
    # A retry whose body differs slightly (a client re-encoding) still makes no second case.
    retry = post(client, form(address_string="村委会"), HTTP_IDEMPOTENCY_KEY="call-0001")
    assert retry.json()[0]["service_request_id"] == one["service_request_id"]
    # Another call with the same words is another report.
    other = post(client, form(), HTTP_IDEMPOTENCY_KEY="call-0002").json()[0]
    assert other["service_request_id"] != one["service_request_id"]
    assert Complaint.objects.count() == 2
    # Another partner's identical key is its own.
    wudu = form(api_key=WUDU_KEY, **{"attribute[village_code]": "621202201201"})
    assert post(client, wudu, HTTP_IDEMPOTENCY_KEY="call-0001").status_code == 200
    assert Complaint.objects.filter(partner=wudu_hotline).count() == 1


def test_the_same_report_on_another_day_is_registered_again(hotline, client):
    post(client, form())
    Complaint.objects.update(submission_key="o311d:" + "0" * 64)  # as if sent on another day
    post(client, form())
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_submitting_needs_a_valid_active_key(hotline, client, fmt):
    missing = post(client, form(api_key=None), fmt)
    assert missing.status_code == 403
    ((code, description),) = errors_of(missing, fmt)
    assert code == 403 and "api_key" in description

    wrong = post(client, form(api_key="guessed-key"), fmt)
    assert wrong.status_code == 403 and "api_key" in errors_of(wrong, fmt)[0][1]

    hotline.active = False
    hotline.save()
    assert post(client, form(), fmt).status_code == 403
    assert nothing_written()


def test_a_partner_may_submit_only_under_its_jurisdiction(hotline, client):
    response = post(client, form(**{"attribute[village_code]": "621202201201"}))  # 武都区
    assert response.status_code == 403
    ((code, description),) = errors_of(response)
    assert code == 403 and "坪儿上村" in description and "宕昌县" in description
    assert nothing_written()


def test_a_village_behind_a_restriction_is_unknown(hotline, client, tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=tree.xigu, restriction_type="password", password="x")
    response = post(client, form(**{"attribute[village_code]": "621223106201"}))
    assert response.status_code == 404 and "621223106201" in errors_of(response)[0][1]
    assert nothing_written()


LONG = "长" * 4001

BAD_INPUT = [
    # (changed fields, status, words the description must carry)
    ({"description": None}, 400, "description"),
    ({"description": "   "}, 400, "description"),
    ({"description": LONG}, 400, "4000"),
    ({"description": "补贴<script>alert(1)</script>"}, 400, "HTML"),
    ({"description": "补贴\x00没发"}, 400, "控制字符"),
    ({"description": ["第一段", "第二段"]}, 400, "只能提交一次"),
    ({"service_code": None}, 400, "service_code"),
    ({"service_code": "Subsidy!"}, 400, "service_code"),
    ({"service_code": "no-such-service"}, 404, "no-such-service"),
    ({"attribute[village_code]": None}, 400, "village_code"),
    ({"attribute[village_code]": "62122310620"}, 400, "12 位"),
    ({"attribute[village_code]": "621223106299"}, 404, "621223106299"),
    ({"attribute[kind]": "complaint"}, 400, "petition"),
    ({"attribute[real_name]": "yes"}, 400, "true"),
    ({"attribute[real_name]": "true"}, 400, "实名"),  # no name or phone
    ({"attribute[real_name]": "true", "last_name": "王", "phone": "12"}, 400, "phone"),
    ({"attribute[colour]": "red"}, 400, "attribute[colour]"),
    ({"attribute[kind][]": "petition"}, 400, "只能取一个值"),
    ({"attribute[partner_reference]": "x" * 65}, 400, "64"),
    ({"address_string": "村委会\n门口"}, 400, "address_string"),
    ({"address_string": "地" * 201}, 400, "200"),
    ({"lat": "north"}, 400, "lat"),
    ({"lat": "134.0"}, 400, "-90"),
    ({"long": None}, 400, "同时"),
    ({"email": "not-an-address"}, 400, "email"),
    ({"last_name": "<b>王</b>"}, 400, "HTML"),
]


@pytest.mark.parametrize(("fields", "status", "words"), BAD_INPUT)
def test_bad_input_gets_a_specific_chinese_error_and_writes_nothing(
    hotline, client, fields, status, words
):
    check_refused(post(client, form(**fields)), status, words)


def test_bad_input_is_answered_in_xml_when_xml_was_posted(hotline, client):
    for fields, status, words in BAD_INPUT[::5]:
        check_refused(post(client, form(**fields), "xml"), status, words, "xml")


def check_refused(response, status, words, fmt="json"):
    assert response.status_code == status
    errors = errors_of(response, fmt)
    assert all(code == status for code, _ in errors)
    assert any(words in description for _, description in errors), errors
    assert all(any("\u4e00" <= c <= "\u9fff" for c in d) for _, d in errors)  # Chinese
    assert response["Cache-Control"] == "no-store"
    assert nothing_written()


def test_every_problem_is_listed_at_once(hotline, client):
    response = post(client, form(description=None, **{"attribute[kind]": "x", "lat": "n"}))
    descriptions = [d for _, d in errors_of(response)]
    assert len(descriptions) == 3
    assert any("description" in d for d in descriptions)
    assert any("kind" in d for d in descriptions)
    assert any("lat" in d for d in descriptions)


def test_an_oversize_or_non_form_body_is_refused_before_it_is_read(hotline, client):
    response = post(client, form(description="长" * 30000))
    assert response.status_code == 413 and "字节" in errors_of(response)[0][1]
    as_json = client.post(
        f"{API}requests.json", json.dumps(form()), content_type="application/json"
    )
    assert as_json.status_code == 400
    assert "x-www-form-urlencoded" in errors_of(as_json)[0][1]
    assert nothing_written()


def test_the_post_needs_no_csrf_token_and_sets_no_cookie(hotline):
    client = Client(enforce_csrf_checks=True)
    response = post(client, form())
    assert response.status_code == 200
    assert not response.cookies
    assert Complaint.objects.count() == 1


def test_methods_outside_the_spec_get_405_in_the_spec_format(db, client):
    response = client.put(f"{API}requests.json")
    assert response.status_code == 405
    assert errors_of(response)[0][0] == 405
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert client.post(f"{API}services.xml").status_code == 405
    assert client.options(f"{API}services.json")["Allow"] == "GET, HEAD, OPTIONS"


# --- GET requests ---------------------------------------------------------------------------


def submitted(client, **fields):
    response = post(client, form(**fields))
    assert response.status_code == 200, response.content.decode()
    return Complaint.objects.get(number=response.json()[0]["service_request_id"])


PUBLIC_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_without_a_key_a_request_shows_only_status_dates_and_public_notes(hotline, client, fmt):
    case = submitted(
        client,
        **{"attribute[real_name]": "true"},
        last_name="王",
        first_name="某某",
        phone="13800001234",
    )
    Complaint.objects.filter(pk=case.pk).update(accused_name="李某某")
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, internal_text="内部：先核实")

    response = client.get(f"{API}requests/{case.number}.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        (data,) = response.json()
    else:
        (request,) = xml(response).findall("request")
        data = {child.tag: child.text for child in request}
    assert set(data) == PUBLIC_FIELDS
    assert data["status"] == "open"
    assert data["status_notes"].startswith("已登记：您的反映已由对接平台转来登记")
    assert data["requested_datetime"].endswith("+08:00")
    assert data["expected_datetime"].startswith(str(case.received_on + datetime.timedelta(15)))
    body = response.content.decode()
    for secret in ("王某某", "13800001234", "李某某", "内部", DESCRIPTION, "村委会公示栏", "阿坞"):
        assert secret not in body
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_partner_reads_its_own_request_in_full_but_never_identity(hotline, client, fmt):
    case = submitted(
        client,
        **{"attribute[real_name]": "true", "attribute[partner_reference]": "A-7"},
        last_name="王",
        first_name="某某",
        phone="13800001234",
    )
    Complaint.objects.filter(pk=case.pk).update(accused_name="李某某")
    response = client.get(f"{API}requests/{case.number}.{fmt}?api_key={TANCHANG_KEY}")
    if fmt == "json":
        (data,) = response.json()
    else:
        (request,) = xml(response).findall("request")
        data = {child.tag: child.text for child in request}
    assert data["description"] == DESCRIPTION
    assert data["service_code"] == "subsidy" and data["service_name"] == "惠民补贴"
    assert data["address"] == "村委会公示栏，阿坞村，阿坞镇，宕昌县"
    assert data["address_id"] == data["village_code"] == "621223106205"
    assert data["agency_responsible"] == "县纪委监委信访室"
    assert data["receipt_code"] == receipts.format_code(case.receipt_code)
    assert data["token"] == case.open311_token and data["partner_reference"] == "A-7"
    assert str(data["real_name"]).lower() == "true" and data["kind"] == "petition"
    body = response.content.decode()
    assert "王某某" not in body and "13800001234" not in body and "李某某" not in body
    assert response["Cache-Control"] == "private, no-store"
    assert "Access-Control-Allow-Origin" not in response


def test_another_partner_sees_only_the_public_view_and_lists_only_its_own(
    hotline, wudu_hotline, client
):
    ours = submitted(client)
    theirs = submitted(
        client,
        api_key=WUDU_KEY,
        description="坪儿上村的工程没有验收就付款了。",
        **{"attribute[village_code]": "621202201201", "service_code": "projects"},
    )
    as_wudu = client.get(f"{API}requests/{ours.number}.json?api_key={WUDU_KEY}").json()[0]
    assert set(as_wudu) == PUBLIC_FIELDS

    listed = client.get(f"{API}requests.json?api_key={WUDU_KEY}").json()
    assert [r["service_request_id"] for r in listed] == [theirs.number]
    assert listed[0]["description"] == "坪儿上村的工程没有验收就付款了。"
    # Asked by id, each request shows as its reader may see it.
    both = client.get(
        f"{API}requests.json?api_key={WUDU_KEY}&service_request_id={ours.number},{theirs.number}"
    ).json()
    views = {r["service_request_id"]: set(r) for r in both}
    assert views[ours.number] == PUBLIC_FIELDS and "description" in views[theirs.number]


def test_a_partner_moved_to_another_area_no_longer_reads_its_old_requests(hotline, client, tree):
    case = submitted(client)
    hotline.jurisdiction = tree.wudu
    hotline.save()
    data = client.get(f"{API}requests/{case.number}.json?api_key={TANCHANG_KEY}").json()[0]
    assert set(data) == PUBLIC_FIELDS


def test_cases_from_other_channels_are_not_open311_requests(hotline, client, tree):
    online = factories.complaint(tree.xigu, channel="online").case
    assert client.get(f"{API}requests/{online.number}.json").status_code == 404
    assert client.get(f"{API}requests.json").json() == []


def test_a_get_with_a_wrong_key_is_refused(hotline, client):
    response = client.get(f"{API}requests.json?api_key=wrong")
    assert response.status_code == 403 and errors_of(response)[0][0] == 403


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_requests_list_filters_by_status_service_and_dates(hotline, client, fmt):
    first = submitted(client)
    second = submitted(client, service_code="homestead", description="宅基地审批不公开。")
    closed = submitted(client, service_code="homestead", description="已经解决的问题。")
    Complaint.objects.filter(pk=closed.pk).update(state=Complaint.State.CLOSED)
    old = submitted(client, description="一百天前的反映。")
    Complaint.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=100)
    )

    def ids(query=""):
        response = client.get(f"{API}requests.{fmt}?{query}")
        assert response.status_code == 200, response.content.decode()
        if fmt == "json":
            return [r["service_request_id"] for r in response.json()]
        return [r.findtext("service_request_id") for r in xml(response).findall("request")]

    recent = [closed.number, second.number, first.number]
    assert ids() == recent  # the last 90 days, newest first
    assert ids("status=open") == [second.number, first.number]
    assert ids("status=closed") == [closed.number]
    assert ids("status=open,closed") == recent
    assert ids("service_code=homestead") == [closed.number, second.number]
    assert ids("service_code=homestead,subsidy&status=open") == [second.number, first.number]
    day = timezone.localdate() - datetime.timedelta(days=100)
    assert ids(f"start_date={day}T00:00:00%2B08:00&end_date={day}T23:59:59Z") == [old.number]
    assert ids(f"start_date={day}") == [old.number]  # a bare date; 90 days from it
    assert ids(f"service_request_id={old.number},{first.number}&status=closed") == [
        first.number,
        old.number,
    ]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("start_date=yesterday", "start_date"),
        ("end_date=2026-13-01T00:00:00Z", "end_date"),
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90"),
        ("start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "早于"),
        ("status=pending", "status"),
        ("service_code=no-such-service", "no-such-service"),
        ("service_request_id=1;DROP", "service_request_id"),
        ("service_request_id=" + ",".join(["621223-2026-000001"] * 101), "100"),
    ],
)
def test_a_bad_query_gets_a_400_naming_the_parameter(db, client, query, words):
    response = client.get(f"{API}requests.json?{query}")
    assert response.status_code == 400
    assert any(words in description for _, description in errors_of(response))


def test_the_list_is_capped_and_costs_the_same_queries_for_any_length(
    hotline, client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(views, "MAX_RESULTS", 3)
    submitted(client, description="第一件")
    with django_assert_num_queries(QUERIES_PER_LIST):
        client.get(f"{API}requests.json?api_key={TANCHANG_KEY}")
    for n in range(4):
        submitted(client, description=f"第{n}件", address_string=f"{n}组")
    with django_assert_num_queries(QUERIES_PER_LIST):
        data = client.get(f"{API}requests.json?api_key={TANCHANG_KEY}").json()
    assert len(data) == 3  # spec: the first 1000 (here 3)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_token_gives_the_request_id(hotline, client, fmt):
    case = submitted(client)
    response = client.get(f"{API}tokens/{case.open311_token}.{fmt}")
    if fmt == "json":
        assert response.json() == [{"service_request_id": case.number, "token": case.open311_token}]
    else:
        (request,) = xml(response).findall("request")
        assert request.findtext("service_request_id") == case.number
        assert request.findtext("token") == case.open311_token
    unknown = client.get(f"{API}tokens/{'0' * 32}.{fmt}")
    assert unknown.status_code == 404 and errors_of(unknown, fmt)[0][0] == 404


def test_text_xml_cannot_carry_is_left_out_of_xml(hotline, client):
    case = submitted(client)
    Complaint.objects.filter(pk=case.pk).update(description="补贴\x0b没发")
    response = client.get(f"{API}requests/{case.number}.xml?api_key={TANCHANG_KEY}")
    assert xml(response).find("request").findtext("description") == "补贴没发"


def test_errors_are_in_english_for_a_client_that_asks_for_it(hotline, client):
    response = post(client, form(api_key=None), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "api_key" in errors_of(response)[0][1]
    assert not any("\u4e00" <= c <= "\u9fff" for c in errors_of(response)[0][1])
    assert "Accept-Language" in response["Vary"]


# --- rate limit -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_too_many_requests_get_429_with_retry_after(hotline, client, settings, fmt):
    settings.RATE_LIMITS = {"open311": "3/60"}
    for _ in range(3):
        assert client.get(f"{API}services.{fmt}").status_code == 200
    refused = client.get(f"{API}services.{fmt}")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert errors_of(refused, fmt)[0][0] == 429 and "秒" in errors_of(refused, fmt)[0][1]
    # A partner's key has its own allowance; wrong keys count against the address.
    assert post(client, form(), fmt).status_code == 200
    assert client.get(f"{API}requests.{fmt}?api_key=guess").status_code == 429
    assert Complaint.objects.count() == 1


# --- the demo partner -----------------------------------------------------------------------


def test_the_demo_partner_holds_the_published_key_over_the_city(tree):
    partner = ensure_demo_partner()
    assert partner.name == DEMO_PARTNER_NAME == "12345 政务服务便民热线（演示）"
    assert partner.jurisdiction.specific == tree.city
    assert partner_for_key(DEMO_KEY) == partner == partner_for_key("demo-open311-key")
    # Idempotent, and it takes its key and city back if someone changed them.
    partner.jurisdiction = tree.wudu
    issue_key(partner)
    partner.save()
    assert ensure_demo_partner().pk == partner.pk
    assert Open311Partner.objects.count() == 1
    assert partner_for_key(DEMO_KEY).jurisdiction.pk == tree.city.pk


def test_the_demo_key_is_never_issued_without_demo_data(tree, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(DemoKeyRefused):
        ensure_demo_partner()
    assert not Open311Partner.objects.exists()


def test_the_demo_key_submits_for_any_village_of_the_city(tree, client):
    ensure_demo_partner()
    response = post(client, form(api_key=DEMO_KEY, **{"attribute[village_code]": "621202201201"}))
    assert response.status_code == 200
    assert Complaint.objects.get().village == tree.pingershang


def test_a_body_of_thousands_of_fields_is_refused_in_the_spec_format(hotline, client):
    body = "&".join(["a="] * 12000)  # 36 KB, more fields than Django parses
    response = client.post(
        f"{API}requests.json", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400 and "50" in errors_of(response)[0][1]
    assert nothing_written()
