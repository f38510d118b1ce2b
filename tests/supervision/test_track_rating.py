"""网上评价 on /track/: a concluded case's result page offers 满意 / 基本满意 / 不满意; the post
carries a signed, short-lived token, never the PIN; the rating is the case's return visit; a
replayed or expired token records nothing (issue 9, brief C item 3)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from supervision.models import Complaint, ReturnVisit
from supervision.services import rating, receipts, workflow
from tests import factories
from villages.models import Role

TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
    }


def _new_case(tree):
    result = factories.complaint(tree.xigu)
    case = result.case
    case.code_shown = receipts.format_code(case.receipt_code)
    case.pin = result.pin
    return case


@pytest.fixture
def concluded(tree, people):
    case = _new_case(tree)
    petition, jiwei = people["petition"], people["jiwei"]
    workflow.perform(petition, case, "accept")
    workflow.perform(petition, case, "assign", {"unit": "阿坞镇纪委", "handler": jiwei})
    workflow.perform(jiwei, case, "start")
    workflow.perform(jiwei, case, "conclude", {"public_text": "经核实，补贴已补发到户。"})
    return case


def look_up(client, case):
    return client.post("/track/", {"code": case.code_shown, "pin": case.pin})


def token_of(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


def rate(client, token, result="satisfied", comment=""):
    return client.post("/track/rate/", {"token": token, "result": result, "comment": comment})


def test_a_concluded_case_offers_the_rating_and_the_review_window(client, concluded):
    response = look_up(client, concluded)
    body = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "网上评价" in body and "基本满意" in body and 'action="/track/rate/"' in body
    assert f'value="{concluded.pin}"' not in body  # the proof is a token, not the PIN
    due = timezone.localdate() + datetime.timedelta(days=30)
    assert f"如对处理意见不服，可于 {due:%Y-%m-%d} 前向" in body and "申请复查" in body


def test_rating_satisfied_records_one_online_return_visit(client, concluded):
    token = token_of(look_up(client, concluded))
    response = rate(client, token, "satisfied", comment="办得及时，谢谢。")
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "感谢评价" in body
    assert "已回访" in body  # the updated timeline
    assert "办得及时" not in body  # the comment is for staff only
    assert "提交评价" not in body  # no second form
    concluded.refresh_from_db()
    assert concluded.state == Complaint.State.VISITED
    visit = ReturnVisit.objects.get(case=concluded)
    assert (visit.result, visit.method, visit.by) == ("satisfied", "online", None)
    assert visit.note == "办得及时，谢谢。"


def test_rating_unsatisfied_is_recorded_and_the_case_cannot_be_closed(client, concluded, people):
    rate(client, token_of(look_up(client, concluded)), "unsatisfied")
    concluded.refresh_from_db()
    assert concluded.state == Complaint.State.VISITED
    assert ReturnVisit.objects.get(case=concluded).result == "unsatisfied"
    with pytest.raises(PermissionDenied, match="回访不满意，不能销号"):
        workflow.perform(people["petition"], concluded, "close")


def test_a_replayed_token_records_no_second_visit(client, concluded):
    token = token_of(look_up(client, concluded))
    rate(client, token, "satisfied")
    response = rate(client, token, "unsatisfied")
    body = response.content.decode()
    assert "此件已经评价过了，不能重复评价" in body and "感谢评价" not in body
    assert list(ReturnVisit.objects.filter(case=concluded).values_list("result", flat=True)) == [
        "satisfied"
    ]


def test_an_expired_token_records_nothing(client, concluded, monkeypatch):
    token = token_of(look_up(client, concluded))
    monkeypatch.setattr(rating, "MAX_AGE", -1)
    response = rate(client, token)
    assert "评价页面已超过 30 分钟，请重新查询后再评价" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not ReturnVisit.objects.exists()


def test_a_forged_token_records_nothing(client, concluded):
    token = token_of(look_up(client, concluded))
    response = rate(client, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert "页面已失效" in response.content.decode()
    assert not ReturnVisit.objects.exists()


def test_a_missing_choice_is_asked_for_and_the_comment_kept(client, concluded):
    token = token_of(look_up(client, concluded))
    response = client.post("/track/rate/", {"token": token, "comment": "还没选"})
    body = response.content.decode()
    assert "请选择满意、基本满意或不满意" in body and "还没选" in body
    assert not ReturnVisit.objects.exists()
    rate(client, token_of(response), "basic")
    assert ReturnVisit.objects.get().result == "basic"


def test_a_case_not_concluded_shows_no_rating_form(client, tree):
    case = _new_case(tree)
    body = look_up(client, case).content.decode()
    assert "办理经过" in body
    assert "网上评价" not in body and 'name="token"' not in body and "如对处理意见不服" not in body


def test_a_get_of_the_rating_url_records_nothing(client):
    assert client.get("/track/rate/").status_code == 405


def test_an_invalid_post_does_not_renew_the_token(client, concluded, monkeypatch):
    """The 30 minutes run from the lookup: a post without a choice, 20 minutes later, shows the
    form again with the token it came with, not one signed now."""
    import time

    from django.core import signing

    token = token_of(look_up(client, concluded))
    later = time.time() + 20 * 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    again = client.post("/track/rate/", {"token": token, "comment": "再想想"})
    assert "再想想" in again.content.decode()
    assert token_of(again) == token
