"""GET /api/v1/stats/ (docs/api.md "Statistics"): staff only, by session or Wagtail API token,
within their jurisdiction, with the figures of stats.report over the cases they may see."""

from __future__ import annotations

import pytest
from wagtail.models import APIToken

from supervision.public_stats import last_complete_month
from supervision.services import stats
from tests import factories
from tests.supervision.stats_data import cases_in
from villages.models import Role

URL = "/api/v1/stats/"


@pytest.fixture
def data(tree):
    cases_in(tree.awu_village, 7, concluded=4, late=1)
    cases_in(tree.hadapu_village, 3, concluded=1)
    cases_in(tree.pingershang, 2)
    return tree


@pytest.fixture
def petition(data):
    return factories.staff_user("petition_tanchang", Role.COUNTY_PETITION, data.tanchang)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_without_credentials_is_401_and_says_how_to_sign_in(client, data):
    response = client.get(URL, {"area": data.tanchang.division_code})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "API 令牌" in response.json()["error"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_token_reads_the_county_and_its_figures_are_the_reports(client, petition, data):
    token, plaintext = APIToken.create_token(user=petition, name="大屏")
    response = client.get(URL, {"area": data.tanchang.division_code}, **bearer(plaintext))
    assert response.status_code == 200
    body = response.json()
    expected = stats.report(data.tanchang, last_complete_month(), user=petition)
    assert body["figures"] == {k: f.as_json() for k, f in expected.figures.items()}
    assert body["figures"]["received"]["value"] == 10  # 7 + 3, not 武都区's 2
    assert body["figures"]["concluded_on_time"]["value"] == 5
    assert body["figures"]["concluded_late"]["value"] == 1
    assert body["area"] == {"code": "621223", "name": "宕昌县", "level": "county"}
    assert body["period"]["from"] == body["period"]["to"] == last_complete_month().from_key
    townships = {g["label"]: g["figures"]["received"]["value"] for g in body["breakdowns"]["area"]}
    assert townships == {"阿坞镇": 7, "哈达铺镇": 3}
    assert len(body["trend"]) == 12
    assert body["trend"][-1]["received"] == 10
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_default_area_is_the_users_jurisdiction(client, data):
    jiwei = factories.staff_user("jiwei_awu", Role.TOWNSHIP_DISCIPLINE, data.awu)
    client.force_login(jiwei)
    body = client.get(URL).json()
    assert body["area"]["name"] == "阿坞镇"
    assert body["figures"]["received"]["value"] == 7


def test_a_revoked_token_is_401(client, petition, data):
    token, plaintext = APIToken.create_token(user=petition, name="old")
    token.revoke()
    response = client.get(URL, {"area": data.tanchang.division_code}, **bearer(plaintext))
    assert response.status_code == 401


def test_an_inactive_users_token_is_401(client, petition, data):
    _token, plaintext = APIToken.create_token(user=petition, name="x")
    petition.is_active = False
    petition.save()
    response = client.get(URL, {"area": data.tanchang.division_code}, **bearer(plaintext))
    assert response.status_code == 401


def test_a_token_request_ignores_the_session(client, admin, petition, data):
    client.force_login(admin)
    bad = client.get(URL, {"area": data.wudu.division_code}, **bearer("wagtail_not-a-token"))
    assert bad.status_code == 401
    _token, plaintext = APIToken.create_token(user=petition, name="x")
    # The admin's session would see 武都区; the token's user may not.
    response = client.get(URL, {"area": data.wudu.division_code}, **bearer(plaintext))
    assert response.status_code == 403


def test_an_editor_is_403_even_in_their_township(client, editor, data):
    client.force_login(editor)
    response = client.get(URL, {"area": data.awu.division_code})
    assert response.status_code == 403
    assert "权限" in response.json()["error"]


def test_outside_the_jurisdiction_is_403(client, petition, data):
    client.force_login(petition)
    assert client.get(URL, {"area": data.wudu.division_code}).status_code == 403
    assert client.get(URL, {"area": data.city.division_code}).status_code == 403
    assert client.get(URL, {"area": data.awu.division_code}).status_code == 200


def test_a_station_operator_is_403(client, data):
    station = factories.staff_user("station_awu", Role.STATION_OPERATOR, data.awu_village)
    client.force_login(station)
    assert client.get(URL, {"area": data.awu_village.division_code}).status_code == 403


def test_a_session_superuser_reads_the_city(client, admin, data):
    client.force_login(admin)
    body = client.get(URL, {"area": data.city.division_code}).json()
    assert body["figures"]["received"]["value"] == 12


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"from": "2026-13"}, "应为年-月"),
        ({"from": "2026-05", "to": "2026-01"}, "不能晚于"),
        ({"area": "abc"}, "区划代码"),
    ],
)
def test_bad_parameters_are_400_with_a_chinese_message(client, petition, params, words):
    client.force_login(petition)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_an_unknown_area_is_404(client, petition):
    client.force_login(petition)
    response = client.get(URL, {"area": "621299"})
    assert response.status_code == 404
    assert "621299" in response.json()["error"]


def test_a_period_is_counted_from_to(client, petition, data):
    client.force_login(petition)
    month = last_complete_month()
    body = client.get(
        URL, {"area": data.tanchang.division_code, "from": month.from_key, "to": month.to_key}
    ).json()
    assert body["figures"]["received"]["value"] == 10
    assert body["previous_period"]["from"] == month.year_earlier().from_key
