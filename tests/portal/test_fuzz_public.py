"""Property-based fuzzing of what the public can post or query: the complaint form (我要监督),
the progress lookup (/track/), search, and Open311. Any text (unicode, control characters,
huge values, bad choices): never a server error; the form answers 200 with its errors in
Chinese or the receipt, and a case it makes is a valid one; Open311 answers 2xx, or 4xx with
the spec's JSON error list."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervision.models import Complaint, Open311Partner
from supervision.services.partners import issue_key

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KEY = "probe-fuzz-open311-key"
# Any text but NUL, which the guard middleware refuses before any view (test_bad_input.py).
TEXT = st.one_of(
    st.text(st.characters(blacklist_characters="\x00"), max_size=40),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=5, max_size=60),
    st.sampled_from(["", " ", "\r\n", "\u202e", "<script>alert(1)</script>", "' OR 1=1 --"]),
    st.integers(1, 5).map(lambda n: "举报" * (2000 * n)),
)


def choice(*valid):
    return st.one_of(st.sampled_from(valid), TEXT)


def in_savepoint(fn):
    """Each example in its own savepoint, rolled back: examples never see each other's cases."""
    with transaction.atomic():
        try:
            return fn()
        finally:
            transaction.set_rollback(True)


COMPLAINT = st.fixed_dictionaries(
    {
        "kind": choice("petition", "accusation", "suggestion"),
        "category": choice("subsidy", "finance", "other"),
        "description": TEXT,
        "real_name": choice("anonymous", "real"),
    },
    optional={
        "place": TEXT,
        "accused_name": TEXT,
        "reporter_name": TEXT,
        "reporter_contact": choice("13800001234", "0939-1234567"),
        "power_item": TEXT,
        "submission_key": TEXT,
        "about": TEXT,
        "line": TEXT,
        "website": st.just(""),
    },
)


def test_the_complaint_form_answers_any_input_with_errors_or_a_valid_case(tree):
    from django.core.cache import cache

    url = tree.awu_village.url + "complaint/"
    client = Client(raise_request_exception=True)

    @FUZZ
    @given(COMPLAINT)
    def check(data):
        def post():
            cache.clear()  # the per-address limit is not what is tested here
            before = set(Complaint.objects.values_list("pk", flat=True))
            response = client.post(url, data)
            made = Complaint.objects.exclude(pk__in=before)
            assert response.status_code == 200, response.status_code
            page = response.content.decode()
            if made.exists():
                case = made.get()
                case.full_clean()
                assert case.description.strip() and "\x00" not in case.description
                assert case.receipt_code.replace("-", "") in page.replace("-", "")
            else:
                form = response.context["form"]
                assert form.errors, "no case and no error"
                messages = " ".join(str(m) for m in form.errors.values())
                assert any("\u4e00" <= ch <= "\u9fff" for ch in messages), messages

        in_savepoint(post)

    check()


def test_track_and_search_answer_any_query(tree):
    from django.core.cache import cache

    client = Client(raise_request_exception=True)

    @FUZZ
    @given(TEXT, TEXT, st.sampled_from(["get", "post"]), TEXT)
    def check(code, pin, method, words):
        cache.clear()
        response = getattr(client, method)("/track/", {"code": code, "pin": pin})
        assert response.status_code in (200, 405), response.status_code
        response = client.get("/search/", {"q": words, "village": code})
        assert response.status_code == 200, response.status_code

    check()


@pytest.fixture
def partner(tree):
    partner = Open311Partner(name="宕昌县12345热线", jurisdiction=tree.tanchang)
    issue_key(partner, KEY)
    partner.save()
    return partner


OPEN311_FIELDS = st.dictionaries(
    st.one_of(
        st.sampled_from(
            [
                "service_code",
                "description",
                "attribute[village_code]",
                "attribute[kind]",
                "attribute[real_name]",
                "attribute[partner_reference]",
                "first_name",
                "last_name",
                "phone",
                "email",
                "address_string",
                "lat",
                "long",
                "start_date",
                "end_date",
                "status",
                "service_request_id",
            ]
        ),
        st.text(st.characters(blacklist_characters="\x00"), max_size=12),
    ),
    st.one_of(
        TEXT,
        st.sampled_from(["subsidy", "621223106205", "true", "petition", "2026-03-01", "open"]),
    ),
    max_size=8,
)


def test_open311_answers_any_request_with_2xx_or_a_json_error(partner):
    from django.core.cache import cache

    client = Client(raise_request_exception=True)

    @FUZZ
    @given(
        OPEN311_FIELDS,
        st.sampled_from([None, KEY, "wrong-key"]),
        st.sampled_from(["post", "get"]),
        st.sampled_from(["requests.json", "services.json", "requests/x.json", "tokens/x.json"]),
    )
    def check(fields, key, method, resource):
        def call():
            cache.clear()
            data = {**fields, **({"api_key": key} if key else {})}
            response = getattr(client, method)(f"/open311/v2/{resource}", data)
            status = response.status_code
            assert status < 500, status
            assert response["Content-Type"].startswith("application/json")
            body = json.loads(response.content)
            if status >= 400:
                assert body and all(e["code"] == status and e["description"] for e in body)

        in_savepoint(call)

    check()
