"""schemathesis against docs/openapi.yaml: every operation of the JSON APIs, with generated
parameters and bodies, through the Django WSGI app. Each answer is no server error, has a status
the description lists, the content type it gives and a body its schema accepts. The staff
statistics are called with a Wagtail API token of the county petition office; an Open311 submit
carries the partner's key."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
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


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_described(case, api_world):
    from django.core.cache import cache

    cache.clear()  # the per-address limits are not what is tested here
    headers = {}
    if case.operation.operation_id == "staffStats":
        headers["Authorization"] = f"Bearer {api_world}"
    if case.operation.operation_id == "open311Submit" and isinstance(case.body, dict):
        case.body["api_key"] = KEY
    response = case.call_wsgi(headers=headers)
    case.validate_response(response, checks=CHECKS)
