"""进度查询 at /track/: code + PIN show the public timeline and nothing else; every wrong answer is
the same answer; lookups are limited per client and per code (issue 8, item 3)."""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest
from django.test import Client

from supervision.models import CaseEvent, Complaint
from supervision.services import receipts
from tests import factories

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def case(tree):
    """A real-name case about a named cadre, with a public and an internal step."""
    result = factories.complaint(
        tree.xigu,
        accused_name="李某某",
        real_name=True,
        reporter_name="张某某",
        reporter_contact="13800001234",
        description="三组的惠民补贴名单没有公示。",
    )
    CaseEvent.objects.create(
        case=result.case,
        kind=CaseEvent.Kind.FEEDBACK,
        public_text="已转乡镇纪委核实，正在调取发放名单。",
        internal_text="内部：先查村会计李某某的账。",
    )
    CaseEvent.objects.create(
        case=result.case, kind=CaseEvent.Kind.NOTE, internal_text="内部备注：反映人是三组组长。"
    )
    result.case.code_shown = receipts.format_code(result.case.receipt_code)
    result.case.pin = result.pin
    return result.case


def look_up(client, code, pin, prefix=""):
    return client.post(f"{prefix}/track/", {"code": code, "pin": pin})


def test_the_form_is_a_post_and_a_pin_in_the_address_is_ignored(client, case):
    page = client.get("/track/", {"code": case.code_shown, "pin": case.pin})
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert '<form class="stacked-form" method="post"' in body
    assert "办理经过" not in body  # a GET never looks anything up


def test_code_and_pin_show_the_public_timeline_and_nothing_internal(client, case):
    response = look_up(client, case.code_shown, case.pin)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert case.code_shown in body
    assert "已登记" in body  # the state
    assert "已收到" in body and "您的反映已收到" in body  # the first event and its public text
    assert case.received_on.isoformat() in body
    due = case.received_on + datetime.timedelta(days=15)  # a petition: 15 days to decide
    assert "告知是否受理" in body and f"{due:%Y-%m-%d} 前" in body
    assert "已转乡镇纪委核实，正在调取发放名单。" in body
    for secret in (
        "内部",
        "李某某",
        "张某某",
        "13800001234",
        "三组的惠民补贴名单没有公示",
        "三组组长",
    ):
        assert secret not in body, secret


def test_the_deadline_now_running_is_shown_as_a_date_and_marked_when_provisional(
    client, tree, monkeypatch
):
    from supervision.services import timeline

    result = factories.complaint(tree.xigu)
    due = result.case.received_on + datetime.timedelta(days=15)
    body = look_up(client, receipts.format_code(result.case.receipt_code), result.pin).content
    assert f"{due:%Y-%m-%d} 前" in body.decode()
    assert "暂定" not in body.decode()

    real = timeline.running_deadline
    monkeypatch.setattr(
        timeline,
        "running_deadline",
        lambda *args, **kwargs: dataclasses.replace(real(*args, **kwargs), provisional=True),
    )
    body = look_up(client, receipts.format_code(result.case.receipt_code), result.pin).content
    assert "（暂定）" in body.decode()


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c.lower(),
        lambda c: c.replace("-", " "),
        lambda c: c.replace("-", ""),
        # A Chinese keyboard's full-width letters and digits, and its dash.
        lambda c: "".join(chr(ord(ch) + 0xFEE0) if ch != "-" else "－" for ch in c),
    ],
    ids=["lower case", "spaces", "no dashes", "full width"],
)
def test_a_code_typed_loosely_is_still_found(client, case, typed):
    response = look_up(client, typed(case.code_shown), case.pin)
    assert "办理经过" in response.content.decode()


def _answer(response, typed_code: str) -> str:
    body = TOKEN.sub("", response.content.decode())
    return body.replace(f'value="{typed_code}"', 'value="<typed>"')


def test_a_wrong_pin_an_unknown_code_and_a_malformed_code_answer_alike(client, case):
    wrong_pin = f"{(int(case.pin) + 1) % 1_000_000:06d}"
    unknown = "ABCD-EFGH-JKLM" if case.code_shown != "ABCD-EFGH-JKLM" else "MLKJ-HGFE-DCBA"
    attempts = [
        (case.code_shown, wrong_pin),
        (unknown, case.pin),
        ("0000-1111-OOOO", case.pin),  # cannot be a code
        ("ABC", "12"),
        (case.code_shown, "12a"),  # a PIN that cannot be one
    ]
    answers = set()
    statuses = set()
    for code, pin in attempts:
        response = look_up(client, code, pin)
        statuses.add(response.status_code)
        answers.add(_answer(response, code))
        assert "回执码或查询密码不对" in response.content.decode()
        assert 'name="pin"' in response.content.decode()
        assert pin not in re.findall(r'name="pin"[^>]*value="([^"]*)"', response.content.decode())
    assert statuses == {200}
    assert len(answers) == 1, "the answers differ"


def test_an_unknown_code_costs_a_pin_digest_like_a_wrong_pin(client, case, monkeypatch):
    """No easy timing shortcut: the keyed digest is computed whether or not the code exists."""
    calls = []
    real = receipts.pin_matches
    monkeypatch.setattr(receipts, "pin_matches", lambda *a: calls.append(a) or real(*a))
    look_up(client, case.code_shown, "000000" if case.pin != "000000" else "111111")
    look_up(client, "ABCD-EFGH-JKLM", "123456")
    assert len(calls) == 2


def test_empty_fields_are_asked_for(client, db):
    response = client.post("/track/", {"code": " ", "pin": ""})
    body = response.content.decode()
    assert "请填写回执码。" in body and "请填写查询密码。" in body
    assert 'href="#id_code"' in body


def test_lookups_are_limited_per_client(client, case, settings):
    settings.RATE_LIMITS = {"track": "3/600", "track_code": "100/600"}
    for _ in range(5):
        assert client.get("/track/").status_code == 200  # looking at the form is free
    for _ in range(3):
        assert look_up(client, "ABCD-EFGH-JKLM", "123456").status_code == 200
    refused = look_up(client, case.code_shown, case.pin)
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"] and refused["Retry-After"]
    # Someone else's phone is not held back.
    assert (
        "办理经过"
        in look_up(Client(REMOTE_ADDR="10.1.1.2"), case.code_shown, case.pin).content.decode()
    )


def test_lookups_are_limited_per_code_whatever_the_address(case, settings):
    """Guessing a PIN from many addresses: the code itself stops answering, even the right PIN,
    while other codes are unaffected."""
    settings.RATE_LIMITS = {"track": "100/600", "track_code": "4/3600"}
    phones = [Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")]
    for attempt in range(4):
        guess = f"{attempt:06d}" if f"{attempt:06d}" != case.pin else "999999"
        assert look_up(phones[attempt % 2], case.code_shown.lower(), guess).status_code == 200
    assert look_up(phones[0], case.code_shown, case.pin).status_code == 429
    assert look_up(phones[1], case.code_shown.replace("-", ""), case.pin).status_code == 429
    other = factories.complaint(case.village)
    assert (
        "办理经过"
        in look_up(
            phones[0], receipts.format_code(other.case.receipt_code), other.pin
        ).content.decode()
    )


def test_an_unknown_code_is_limited_too_so_a_429_tells_nothing(client, db, settings):
    settings.RATE_LIMITS = {"track": "100/600", "track_code": "2/3600"}
    for _ in range(2):
        assert look_up(client, "ABCD-EFGH-JKLM", "123456").status_code == 200
    assert look_up(client, "ABCD-EFGH-JKLM", "123456").status_code == 429


def test_the_lookup_answers_get_head_options_and_post_only(client, db):
    assert client.options("/track/")["Allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.put("/track/").status_code == 405


def test_the_lookup_works_in_english(client, case):
    form = client.get("/en/track/")
    body = form.content.decode()
    assert form.status_code == 200 and '<html lang="en">' in body
    assert "Track progress" in body and "Receipt code" in body
    wrong = look_up(client, "ABCD-EFGH-JKLM", "123456", prefix="/en")
    assert "The receipt code or PIN is not right" in wrong.content.decode()
    found = look_up(client, case.code_shown, case.pin, prefix="/en")
    english = found.content.decode()
    assert "Progress" in english and "Received" in english
    assert "已转乡镇纪委核实" in english  # the public text is data, shown as written


def test_the_receipt_from_the_form_opens_the_timeline(client, tree):
    """End to end on the server side: submit online, then look up with what the receipt said."""
    from tests.supervision.test_online_form import post, receipt_of

    code, pin = receipt_of(post(client, tree.xigu))
    body = look_up(client, code, pin).content.decode()
    assert "办理经过" in body and "已收到" in body
    assert Complaint.objects.get().channel == Complaint.Channel.ONLINE
