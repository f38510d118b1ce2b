"""A county petition office reads 一月一分析 (last month, 宕昌县): follows a number to the cases
behind it (as many rows as the number says), then makes and downloads the monthly report PDF,
whose text carries the same headline figures."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.test_intake_journey import sign_in

pytestmark = pytest.mark.browser

HEADLINE = ("received", "concluded", "on_time_rate")


def headline(page, key: str) -> tuple[str, str, str, str]:
    """(label, value, year-earlier value, 同比) of a headline row, as shown."""
    row = page.locator(f'tr[data-figure="{key}"]')
    cells = [text.strip() for text in row.locator("th, td").all_inner_texts()]
    return cells[0], cells[1], cells[2], cells[3]


def test_county_office_follows_a_number_and_downloads_the_monthly_report(
    open_page, artifacts_dir, tmp_path
):
    page = open_page()
    sign_in(page, "petition_tanchang")
    page.goto("/admin/analysis/")
    expect(page.get_by_role("heading", name="主要指标")).to_be_visible()
    shown = {key: headline(page, key) for key in HEADLINE}
    received = int(shown["received"][1])
    assert 0 < received <= 50, "the demo ledger should give last month a page of cases"
    page.screenshot(path=str(artifacts_dir / "analysis-dashboard.png"), full_page=True)

    with page.expect_navigation():
        page.locator('tr[data-figure="received"] td').first.locator("a").click()
    assert "/admin/cases/" in page.url and "figure=received" in page.url
    assert page.locator("table.listing tbody tr").count() == received

    page.go_back()
    with page.expect_navigation():
        page.get_by_role("button", name="生成月度报告").click()
    link = page.get_by_role("link", name="下载月度报告")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "宕昌县" in flat
    for label, value, previous, change in shown.values():
        assert f"{label} {value} {previous} {change}" in flat
