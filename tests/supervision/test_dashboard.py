"""一月一分析 dashboard (supervision/admin_analysis.py): the numbers are stats.report's and the
hand-counted ones, each links to exactly its cases, other areas are refused, and no
complainant's identity shows."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from supervision.models import Complaint
from supervision.services import stats
from tests import factories
from villages.models import Role

MARCH = stats.Period.month(2025, 3)
D = datetime.date


def make(village, number, received, category="subsidy", **fields):
    """A case entered through intake, then given the dates the clock would have stored."""
    case = factories.complaint(
        village,
        category_code=category,
        real_name=True,
        reporter_name="张三丰",
        reporter_contact="13800001234",
    ).case
    Complaint.objects.filter(pk=case.pk).update(number=number, received_on=received, **fields)
    return Complaint.objects.get(pk=case.pk)


@pytest.fixture
def people(tree):
    return {
        "petition": factories.staff_user("petition", Role.COUNTY_PETITION, tree.tanchang),
        "jiwei": factories.staff_user("jiwei", Role.TOWNSHIP_DISCIPLINE, tree.awu),
        "wudu": factories.staff_user("wudu", Role.COUNTY_PETITION, tree.wudu),
        "leader": factories.staff_user("leader", Role.LEADER, tree.tanchang),
        "editor": factories.staff_user("editor", Role.TOWNSHIP_EDITOR, tree.awu),
    }


@pytest.fixture
def cases(tree, people):
    """March 2025 in 宕昌县: three received (two in 阿坞镇, one in 哈达铺镇), one concluded on
    time, one overdue and owned by the leader; March 2024: one received. One case in 武都区."""
    on_time = make(
        tree.xigu,
        "T-1",
        D(2025, 3, 2),
        accepted_on=D(2025, 3, 3),
        conclusion_due_on=D(2025, 3, 25),
        first_concluded_on=D(2025, 3, 20),
        conclusion_days=18,
    )
    overdue = make(
        tree.awu_village,
        "T-2",
        D(2025, 3, 5),
        category="homestead",
        accepted_on=D(2025, 1, 10),
        conclusion_due_on=D(2025, 3, 10),
        owner_leader=people["leader"],
        due_date=D(2025, 3, 10),
    )
    hadapu = make(tree.hadapu_village, "T-3", D(2025, 3, 9))
    last_year = make(tree.xigu, "T-4", D(2024, 3, 9))
    other_county = make(tree.pingershang, "T-5", D(2025, 3, 9))
    return {
        "on_time": on_time,
        "overdue": overdue,
        "hadapu": hadapu,
        "last_year": last_year,
        "wudu": other_county,
    }


def dashboard(client, user, **params):
    client.force_login(user)
    params = {"from": "2025-03", "to": "2025-03", **params}
    return client.get(reverse("supervision_analysis:index"), params)


def figure_cell(html: str, key: str) -> tuple[str, str | None, str]:
    """(shown value, its link, the year-earlier value) of a headline row."""
    row = re.search(rf'<tr data-figure="{key}">(.*?)</tr>', html, re.S)[1]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    link = re.search(r'href="([^"]+)"', cells[0])
    value = re.sub(r"<[^>]+>", "", cells[0]).strip()
    previous = re.sub(r"<[^>]+>", "", cells[1]).strip()
    return value, unescape(link[1]) if link else None, previous


def listed(client, url: str, cases: dict) -> set[str]:
    html = client.get(url).content.decode()
    return {
        name for name, case in cases.items() if reverse("cases:inspect", args=[case.pk]) in html
    }


def test_headline_figures_are_the_reports_and_the_hand_counts(client, tree, people, cases):
    response = dashboard(client, people["petition"], area=tree.tanchang.division_code)
    assert response.status_code == 200
    html = response.content.decode()
    result = stats.report(tree.tanchang, MARCH, user=people["petition"])
    assert figure_cell(html, "received")[0] == "3" == str(result["received"].value)
    assert figure_cell(html, "received")[2] == "1" == str(result["received"].previous)
    assert figure_cell(html, "concluded_on_time")[0] == "1"
    assert figure_cell(html, "overdue_open")[0] == "1"
    assert figure_cell(html, "on_time_rate")[0] == "100.0%"
    # 3 against 1 a year earlier: ▲200.0%.
    assert "▲200.0%" in html
    assert "领导接访 0 场 0 批 0 人次" in html


def test_each_number_links_to_exactly_its_cases(client, tree, people, cases):
    html = dashboard(client, people["petition"], area=tree.tanchang.division_code).content.decode()
    _value, received_url, _previous = figure_cell(html, "received")
    assert listed(client, received_url, cases) == {"on_time", "overdue", "hadapu"}
    previous_url = unescape(
        re.search(
            r'<tr data-figure="received">.*?<td[^>]*>.*?</td>\s*<td[^>]*><a href="([^"]+)"',
            html,
            re.S,
        )[1]
    )
    assert listed(client, previous_url, cases) == {"last_year"}
    _value, overdue_url, _previous = figure_cell(html, "overdue_open")
    assert listed(client, overdue_url, cases) == {"overdue"}


def test_breakdown_numbers_link_narrowed_to_their_group(client, tree, people, cases):
    html = dashboard(client, people["petition"], area=tree.tanchang.division_code).content.decode()
    result = stats.report(tree.tanchang, MARCH, user=people["petition"])
    awu = next(g for g in result.breakdowns["area"] if g.key == tree.awu.division_code)
    assert awu.figures["received"].value == 2
    url = stats.case_list_url("received", result, **awu.filter_params)
    assert url.replace("&", "&amp;") in html
    assert listed(client, url, cases) == {"on_time", "overdue"}
    assert "阿坞镇" in html and "哈达铺镇" in html  # the township chart and table


def test_township_user_counts_only_its_township(client, tree, people, cases):
    html = dashboard(client, people["jiwei"]).content.decode()
    assert figure_cell(html, "received")[0] == "2"


def test_areas_outside_the_jurisdiction_are_refused(client, tree, people, cases):
    assert dashboard(client, people["wudu"], area=tree.tanchang.division_code).status_code == 403
    assert dashboard(client, people["jiwei"], area=tree.tanchang.division_code).status_code == 403
    assert dashboard(client, people["jiwei"], area=tree.hadapu.division_code).status_code == 403
    assert dashboard(client, people["editor"]).status_code == 403


def test_no_complainant_identity_in_the_page(client, tree, people, cases):
    html = dashboard(client, people["petition"], area=tree.tanchang.division_code).content.decode()
    assert "T-2" in html  # the overdue case is listed…
    assert "张三丰" not in html and "13800001234" not in html  # …without who reported it


def test_a_wrong_month_is_explained_in_chinese(client, tree, people, cases):
    response = dashboard(client, people["petition"], **{"from": "2025-13", "to": ""})
    assert response.status_code == 200
    assert "应为年-月" in response.content.decode()


def test_the_charts_are_svg_with_links_and_printed_values(client, tree, people, cases):
    html = dashboard(client, people["petition"], area=tree.tanchang.division_code).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart') >= 3
    assert "<title>近12个月收到与办结</title>" in html
    assert 'aria-label="阿坞镇：2"' in html


def test_query_count_does_not_grow_with_cases(
    client, tree, people, cases, django_assert_max_num_queries
):
    from django.core.cache import cache

    client.force_login(people["petition"])
    url = reverse("supervision_analysis:index") + "?from=2025-03&to=2025-03"
    client.get(url)
    cache.clear()  # every figure counted, not kept (stats.kept)
    with django_assert_max_num_queries(60) as before:
        client.get(url)
    for n in range(10):
        make(
            tree.xigu,
            f"X-{n}",
            D(2025, 3, 4),
            owner_leader=people["leader"],
            accepted_on=D(2025, 1, 1),
            conclusion_due_on=D(2025, 3, 1),
        )
    cache.clear()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


def test_home_panel_shows_last_months_figures(client, tree, people, cases):
    client.force_login(people["petition"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "一月一分析" in html and reverse("supervision_analysis:index") in html
    client.force_login(people["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("supervision_analysis:index") not in html
