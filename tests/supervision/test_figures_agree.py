"""The same hand-worked data set (stats_dataset.py) read through every output: the staff API,
the public API and page, the 一月一分析 dashboard and the monthly report PDF all give the
hand answers, and so agree with each other (issue 11, "Done when")."""

from __future__ import annotations

import re
import subprocess

import pytest

from supervision.services import analysis, monthly_report, stats

from .stats_dataset import TANCHANG_MARCH, TODAY, build

MARCH = {"area": "621223", "from": "2026-03", "to": "2026-03"}


@pytest.fixture
def data(tree):
    return build(tree)


def expected_text(key: str) -> tuple[str, str, str]:
    value, previous, change = TANCHANG_MARCH[key]
    figure = stats.Figure(key, "", _unit(key), value, previous, change)
    return (
        analysis.value_text(value, figure.unit),
        analysis.value_text(previous, figure.unit),
        analysis.change_text(figure),
    )


def _unit(key: str) -> str:
    if key in stats.RATES:
        return "percent"
    if key in stats.DAYS:
        return "days"
    return "count"


def test_the_staff_api_gives_the_hand_answers(client, data):
    client.force_login(data.petition)
    body = client.get("/api/v1/stats/", MARCH).json()
    assert body["period"]["as_of"] == "2026-03-31"
    assert body["previous_period"]["as_of"] == "2025-03-31"
    got = {key: (f["value"], f["previous"], f["change"]) for key, f in body["figures"].items()}
    assert got == TANCHANG_MARCH


def test_the_dashboard_shows_the_hand_answers_and_links_each_to_its_cases(client, data):
    client.force_login(data.petition)
    response = client.get("/admin/analysis/", MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    shown = {row.figure.key: row for row in response.context["rows"]}
    assert set(shown) == set(analysis.HEADLINE)
    for key, row in shown.items():
        assert (row.value, row.previous, row.change) == expected_text(key), key
        assert row.value in html
    # A number's link lists exactly the cases it counts.
    listed = client.get(shown["concluded_on_time"].href).content.decode()
    assert [n for n, c in sorted(data.cases.items()) if c.number in listed] == ["A1", "A11"]
    before = client.get(shown["concluded_on_time"].previous_href).content.decode()
    assert [n for n, c in sorted(data.cases.items()) if c.number in before] == ["B1"]


def test_the_monthly_report_prints_the_hand_answers(data, tmp_path):
    content = monthly_report.render(data.tree.tanchang, stats.Period.month(2026, 3), today=TODAY)
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    for key in ("received", "concluded", "concluded_on_time", "overdue_open", "due", "resolved"):
        value, previous, change = expected_text(key)
        label = str(stats.COUNT_LABELS[key])
        assert f"{label} {value} {previous} {change}" in flat, key
    for key in ("on_time_rate", "resolution_rate", "satisfaction_rate"):
        value, previous, change = expected_text(key)
        label = str(stats.RATES[key][2])
        assert f"{label} {value} {previous} {change}" in flat, key
    assert "领导接访 1 场 3 批 7 人次" in flat
    for secret in ("张三", "13800001111"):
        assert secret not in text


def test_the_public_outputs_give_the_suppressed_hand_answers(client, data):
    body = client.get("/api/v1/public-stats/", MARCH).json()
    figures = body["figures"]
    assert figures["received"]["value"] == "<5"  # 4
    assert figures["received"]["previous"] == 5
    assert figures["concluded"]["value"] == 5
    assert figures["on_time_rate"]["value"] is None  # 2 of 5
    page = client.get("/statistics/", {"county": "621223", "month": "2026-03"})
    assert page.status_code == 200
    assert "&lt;5" in page.content.decode() or "<5" in page.content.decode()


def test_public_figures_come_only_for_one_month_that_is_over(client, data):
    """Otherwise two published figures subtract to a hidden one (Jan–Mar − Jan–Feb = Mar)."""
    quarter = client.get("/api/v1/public-stats/", {**MARCH, "from": "2026-01"})
    assert quarter.status_code == 400 and "单个月份" in quarter.json()["error"]
    from django.utils import timezone

    this_month = f"{timezone.localdate():%Y-%m}"
    running = client.get("/api/v1/public-stats/", {**MARCH, "from": this_month, "to": this_month})
    assert running.status_code == 400 and "已经结束" in running.json()["error"]
    page = client.get("/statistics/", {"county": "621223", "month": this_month})
    assert "已经结束" in page.content.decode()
