"""An existing Open311 client from PyPI, unchanged, against the live server.

`georeport` (0.3) is the maintained Python 3 GeoReport v2 client; it reads (services, a
service definition, one request, a list of requests) but has no method to submit. The older
clients that could submit, `open311` 1.1 and `three` 0.8, are Python 2 only (`from urllib2
import urlopen`, `from itertools import ifilter`) and fail to import on Python 3. So the
submission here is a plain form POST, byte for byte the spec's example ("POST Service Request":
Content-Type application/x-www-form-urlencoded, api_key in the body, attribute[code]=value),
and everything is read back through georeport. docs/api.md says the same.
"""

import pytest
import requests
from georeport import GeoReport

from supervision.models import Complaint, Open311Partner
from supervision.services.partners import issue_key

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KEY = "client-test-key"


@pytest.fixture
def hotline(tree):
    partner = Open311Partner(name="宕昌县12345热线", jurisdiction=tree.tanchang)
    issue_key(partner, KEY)
    partner.save()
    return partner


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_lists_reads_and_follows_a_submitted_request(live_server, hotline, output_format):
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(root, jurisdiction="longnan.gov.cn", output_format=output_format)

    services = client.get_service_list()
    codes = [s["service_code"] for s in services]
    assert "subsidy" in codes and "homestead" in codes
    assert {s["service_name"] for s in services} >= {"惠民补贴", "宅基地"}

    definition = client.get_service_definition("subsidy")
    assert definition["service_code"] == "subsidy"
    attributes = definition["attributes"]
    if output_format == "xml":  # xmltodict: <attributes><attribute>… → {"attribute": [...]}
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes][:2] == ["village_code", "kind"]

    # Submit as the spec's example does (no Python 3 client can; see the module docstring).
    answer = requests.post(
        f"{root}/requests.{output_format}",
        data={
            "api_key": KEY,
            "jurisdiction_id": "longnan.gov.cn",
            "service_code": "subsidy",
            "address_string": "村委会公示栏",
            "description": "惠民补贴名单没有公示。",
            "first_name": "某某",
            "last_name": "王",
            "phone": "13800001234",
            "attribute[village_code]": "621223106205",
            "attribute[real_name]": "true",
        },
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    case = Complaint.objects.get()
    assert case.channel == Complaint.Channel.OPEN311 and case.reporter_name == "王某某"
    assert case.number in answer.text

    request = client.get_service_request(case.number)
    assert request["service_request_id"] == case.number
    assert request["status"] == "open"
    assert request["status_notes"].startswith("已登记")
    assert "description" not in request  # read without a key: status only

    listed = client.get_service_requests(status="open")
    if isinstance(listed, dict):  # xmltodict gives one request as a dict, several as a list
        listed = [listed]
    assert [r["service_request_id"] for r in listed] == [case.number]
    by_id = client.get_service_requests(service_request_id=case.number)
    by_id = by_id if isinstance(by_id, dict) else by_id[0]
    assert by_id["service_request_id"] == case.number

    # The partner reads its own request in full with its key (georeport sends no key on reads).
    full = requests.get(
        f"{root}/requests/{case.number}.json", params={"api_key": KEY}, timeout=30
    ).json()[0]
    assert full["description"] == "惠民补贴名单没有公示。"
    assert "王某某" not in str(full) and "13800001234" not in str(full)
