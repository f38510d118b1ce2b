"""schemathesis against docs/openapi.yaml: every operation of the JSON APIs, through the Django
WSGI app. Each answer is no server error, has a status the description lists, the content type
it gives and a body its schema accepts. The staff statistics are called with a Wagtail API token
of the county petition office; an Open311 submit carries the partner's key.

Two kinds of cases: written out (valid and invalid parameters per operation, each with the
status it must give; `test_every_operation_is_covered` keeps the list complete), and generated
by schemathesis from the description itself (`test_generated_requests_answer_as_described`:
whatever parameters and bodies the schema allows, and some it does not, every answer is no
server error and conforms). Generation goes through hypothesis-jsonschema 0.23, hence
hypothesis < 6.151 in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from supervision.models import Open311Partner
from supervision.services.partners import issue_key
from tests import factories
from villages.models import Role

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
KEY = "probe-schemathesis-key"
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)

schema = schemathesis.from_path(OPENAPI, app=get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the raw WSGI app would close the test's database
    connection at each request's start and end (close_old_connections)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_world(tree):
    from wagtail.models import APIToken

    factories.catalog(tree.tanchang)
    partner = Open311Partner(name="宕昌县12345热线", jurisdiction=tree.tanchang)
    issue_key(partner, KEY)
    partner.save()
    petition = factories.staff_user("petition_api", Role.COUNTY_PETITION, tree.tanchang)
    _token, plaintext = APIToken.create_token(user=petition, name="schemathesis")
    return plaintext


VILLAGE = "621223106205"
SUBMIT = {
    "service_code": "subsidy",
    "description": "村里的惠民补贴发放名单没有公示。",
    "attribute[village_code]": VILLAGE,
    "attribute[real_name]": "false",
}
# (operation id, make_case arguments, expected status)
CASES = [
    ("villageLists", {"path_parameters": {"code": VILLAGE}}, 200),
    ("villageLists", {"path_parameters": {"code": "62122310620x"}}, 404),
    ("villageLists", {"path_parameters": {"code": "999999999999"}}, 404),
    ("staffStats", {"query": {}}, 200),
    ("staffStats", {"query": {"area": "621223", "from": "2026-01", "to": "2026-03"}}, 200),
    ("staffStats", {"query": {"area": "x"}}, 400),
    ("staffStats", {"query": {"from": "2026-13"}}, 400),
    ("staffStats", {"query": {"area": "621202"}}, 403),
    ("staffStats", {"query": {}, "headers": {"Authorization": "Bearer wrong"}}, 401),
    ("publicStats", {"query": {}}, 200),
    ("publicStats", {"query": {"area": "621223"}}, 200),
    ("publicStats", {"query": {"area": VILLAGE}}, 400),
    ("publicStats", {"query": {"area": "000000"}}, 404),
    ("publicStats", {"query": {"from": "2026-01", "to": "2026-03"}}, 400),
    ("open311Services", {}, 200),
    ("open311ServiceDefinition", {"path_parameters": {"service_code": "subsidy"}}, 200),
    ("open311ServiceDefinition", {"path_parameters": {"service_code": "nope"}}, 404),
    ("open311Requests", {"query": {}}, 200),
    ("open311Requests", {"query": {"api_key": KEY, "status": "open"}}, 200),
    ("open311Requests", {"query": {"status": "sleeping"}}, 400),
    ("open311Requests", {"query": {"api_key": "wrong"}}, 403),
    ("open311Submit", {"body": {**SUBMIT, "api_key": KEY}}, 200),
    ("open311Submit", {"body": SUBMIT}, 403),
    ("open311Submit", {"body": {"api_key": KEY}}, 400),
    ("open311Submit", {"body": {**SUBMIT, "api_key": KEY, "service_code": "nope"}}, 404),
    ("open311Request", {"path_parameters": {"service_request_id": "621223-2026-999999"}}, 404),
    ("open311Token", {"path_parameters": {"token": "unknown"}}, 404),
]


def operation_id_of(op) -> str:
    return op.definition.raw["operationId"]


def operation(operation_id):
    for result in schema.get_all_operations():
        op = result.ok()
        if operation_id_of(op) == operation_id:
            return op
    raise LookupError(operation_id)


def test_every_operation_is_covered():
    ids = {operation_id_of(result.ok()) for result in schema.get_all_operations()}
    assert ids == {c[0] for c in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize(("operation_id", "arguments", "status"), CASES)
def test_every_operation_answers_as_described(api_world, operation_id, arguments, status):
    arguments = dict(arguments)
    headers = arguments.pop("headers", None)
    if headers is None and operation_id == "staffStats":
        headers = {"Authorization": f"Bearer {api_world}"}
    case = operation(operation_id).make_case(**arguments, headers=headers or {})
    response = case.call_wsgi()
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    case.validate_response(response, checks=CHECKS)


@pytest.mark.django_db
def test_a_submitted_request_and_its_token_answer_as_described(api_world):
    submitted = operation("open311Submit").make_case(body={**SUBMIT, "api_key": KEY})
    answer = submitted.call_wsgi().json[0]
    for operation_id, parameters in (
        ("open311Request", {"service_request_id": answer["service_request_id"]}),
        ("open311Token", {"token": answer["token"]}),
    ):
        case = operation(operation_id).make_case(path_parameters=parameters, query={})
        response = case.call_wsgi()
        assert response.status_code == 200
        case.validate_response(response, checks=CHECKS)


GENERATED_CHECKS = (not_a_server_error, content_type_conformance, response_schema_conformance)


@pytest.mark.django_db
@pytest.mark.parametrize("operation_id", sorted({c[0] for c in CASES}))
def test_generated_requests_answer_as_described(api_world, operation_id):
    """Requests schemathesis generates from docs/openapi.yaml: never a server error, and every
    answer has the content type and body shape the description gives for its status. (The
    status itself is left out here: a generated request may well be refused in a way the
    description lists only in general, e.g. the rate limit's 429.)"""
    op = operation(operation_id)
    headers = {"Authorization": f"Bearer {api_world}"} if operation_id == "staffStats" else {}

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy())
    def check(case):
        case.headers = {**(case.headers or {}), **headers}
        response = case.call_wsgi()
        case.validate_response(response, checks=GENERATED_CHECKS)

    check()
