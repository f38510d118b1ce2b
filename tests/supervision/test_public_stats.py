"""The public statistics: /api/v1/public-stats/, the page /statistics/ and the village page's
township panel. Small counts are "<5", rates from them are not published, nothing is personal,
and the public answers set no cookie and may be cached."""

from __future__ import annotations

import re

import pytest

from supervision.public_stats import last_complete_month
from tests.supervision.stats_data import cases_in

URL = "/api/v1/public-stats/"


@pytest.fixture
def data(tree):
    cases_in(tree.awu_village, 7, concluded=6, late=1)
    cases_in(tree.hadapu_village, 3, concluded=2)
    return tree


def test_the_county_and_its_townships_with_small_counts_suppressed(client, data):
    response = client.get(URL, {"area": data.tanchang.division_code})
    assert response.status_code == 200
    body = response.json()
    assert body["area"]["name"] == "宕昌县"
    assert body["period"]["from"] == last_complete_month().from_key
    assert body["figures"]["received"]["value"] == 10
    # 8 on time of 9 concluded: 88.9% would say that one was late.
    assert body["figures"]["on_time_rate"]["value"] is None
    children = {c["name"]: c["figures"] for c in body["children"]}
    # 哈达铺镇's 3 is "<5"; the county's 10 minus 阿坞镇's 7 would give it away, so 阿坞镇's
    # count is withheld too (null, not "<5").
    assert children["阿坞镇"]["received"]["value"] is None
    assert children["阿坞镇"]["concluded"]["value"] is None
    assert children["阿坞镇"]["on_time_rate"]["value"] is None  # 6 of 7
    hadapu = children["哈达铺镇"]
    assert hadapu["received"]["value"] == "<5"
    assert hadapu["concluded"]["value"] == "<5"
    assert hadapu["on_time_rate"]["value"] is None
    assert hadapu["resolution_rate"]["value"] is None
    assert set(body["figures"]) == {
        "received",
        "concluded",
        "on_time_rate",
        "resolution_rate",
        "satisfaction_rate",
    }
    assert '"<5"' in response.content.decode()  # the JSON string, not a number


def test_public_json_sets_no_cookie_and_is_publicly_cacheable(client, data):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["area"]["name"] == "陇南市"  # the default
    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=600"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_public_json_holds_nothing_personal(client, data):
    text = client.get(URL, {"area": data.awu.division_code}).content.decode()
    assert "惠民补贴" not in text  # no case text
    assert not re.search(r"1[3-9]\d{9}", text)


def test_a_village_is_refused(client, data):
    response = client.get(URL, {"area": data.awu_village.division_code})
    assert response.status_code == 400
    assert response.json()["error"] == "只公布乡镇及以上的统计。"
    english = client.get(URL, {"area": data.awu_village.division_code}, HTTP_ACCEPT_LANGUAGE="en")
    assert "township" in english.json()["error"]


def test_bad_month_and_unknown_area(client, data):
    bad = client.get(URL, {"from": "2026-1"})
    assert bad.status_code == 400
    assert "应为年-月" in bad.json()["error"]
    assert client.get(URL, {"area": "621299"}).status_code == 404


def test_the_page_shows_each_township_with_suppression(client, data):
    month = last_complete_month().from_key
    response = client.get("/statistics/", {"county": data.tanchang.division_code, "month": month})
    assert response.status_code == 200
    html = response.content.decode()
    assert "阿坞镇" in html and "哈达铺镇" in html
    assert "&lt;5" in html
    assert "数量较少，不予公布" in html
    assert "口径说明" in html
    assert f"/api/v1/public-stats/?area=621223&amp;from={month}" in html
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_the_page_defaults_to_the_city_and_last_month(client, data):
    response = client.get("/statistics/")
    html = response.content.decode()
    assert last_complete_month().label in html
    assert "宕昌县" in html and "武都区" in html


def test_a_township_alone(client, data):
    response = client.get("/statistics/", {"township": data.awu.division_code})
    html = response.content.decode()
    assert "阿坞镇" in html and "哈达铺镇" not in html.split("<table")[1]


def test_a_bad_month_on_the_page_is_explained(client, data):
    response = client.get("/statistics/", {"month": "13/2026"})
    assert response.status_code == 400
    assert "应为年-月" in response.content.decode()


def _received_cell(html: str) -> str:
    row = re.search(r'<tr data-figure="received">(.*?)</tr>', html, re.S)
    return re.findall(r'<td class="n">(.*?)</td>', row.group(1))[0]


def test_the_village_page_shows_its_own_townships_figures(client, data):
    awu = client.get(data.awu_village.url).content.decode()
    assert "阿坞镇信访举报统计" in awu
    assert _received_cell(awu) == "7"
    assert "township=621223106" in awu
    hadapu = client.get(data.hadapu_village.url).content.decode()
    assert "哈达铺镇信访举报统计" in hadapu and "阿坞镇信访举报统计" not in hadapu
    assert _received_cell(hadapu) == "&lt;5"
    # The second village of 阿坞镇 shows 阿坞镇's figures too, never 哈达铺镇's.
    assert _received_cell(client.get(data.xigu.url).content.decode()) == "7"
