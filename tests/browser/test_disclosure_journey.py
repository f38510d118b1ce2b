"""A villager on a 360 px phone opens their village's 村务公开, finds the latest subsidy payments
(惠民补贴“一卡通”), pages through the list, sorts it by amount, and takes the bulletin PDF home
(issue 10).

What they would notice: the page does not scroll sideways (the table scrolls in its own box),
the total at the foot is the same on every page of the list (it is the whole list's), names are
masked, and the PDF is a real PDF with the same title, the same total and the station's hotline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest
from playwright.sync_api import Page, expect

from .test_villager_journey import assert_sound_page, tap_link, walk_to_awu_village_in_chinese

pytestmark = pytest.mark.browser

ROWS = re.compile(r"第 ([\d,]+)–([\d,]+) 行，共 ([\d,]+) 行")
MASKED_NAME = re.compile(r"^[\u4e00-\u9fff]\*+[\u4e00-\u9fff]?$")
FULL_ID = re.compile(r"\d{17}[\dXx]")


def rows_shown(page: Page) -> tuple[int, int, int]:
    text = page.get_by_text(ROWS).first.inner_text()
    first, last, total = (int(g.replace(",", "")) for g in ROWS.search(text).groups())
    return first, last, total


def table_total(page: Page) -> str:
    return page.locator("table tfoot").first.inner_text()


def open_latest_subsidy(page: Page) -> None:
    walk_to_awu_village_in_chinese(page)
    # The section link is named by its label and its line of description.
    section = page.get_by_role("main").get_by_role("link", name=re.compile(r"^村务公开"))
    expect(section).to_be_visible()
    with page.expect_navigation():
        section.tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("村务公开")
    assert_sound_page(page, lang="zh-Hans")  # also: no sideways scrolling at 360 px
    status = page.get_by_role("main").locator(
        "tr", has=page.get_by_role("rowheader", name=re.compile("一卡通"))
    )
    link = status.get_by_role("link").first
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("一卡通")
    assert_sound_page(page, lang="zh-Hans")


def test_a_villager_pages_through_the_subsidy_list_and_takes_the_pdf(open_page, tmp_path):
    page = open_page(locale="zh-CN")
    open_latest_subsidy(page)

    first, last, total = rows_shown(page)
    assert (first, last) == (1, 50) and total > 100, "a realistic list spans several pages"
    total_on_first_page = table_total(page)
    assert re.search(r"[\d,]+\.\d\d", total_on_first_page), total_on_first_page
    households = page.locator("table tbody tr td:nth-child(2)").all_inner_texts()
    assert households and all(MASKED_NAME.match(h.strip()) for h in households), households[:5]
    assert not FULL_ID.search(page.content())

    # The next page: rows 51-100, the same total at the foot.
    tap_link(page, "下一页")
    assert rows_shown(page)[:2] == (51, 100)
    assert table_total(page) == total_on_first_page
    assert_sound_page(page, lang="zh-Hans")

    # Sorted by amount: tap the column header until it says largest first.
    def amount_header():
        return page.get_by_role("columnheader", name=re.compile("金额"))

    for _ in range(2):
        if amount_header().get_attribute("aria-sort") == "descending":
            break
        link = amount_header().get_by_role("link")
        with page.expect_navigation():
            link.tap()
    expect(amount_header()).to_have_attribute("aria-sort", "descending")
    column = page.locator("table thead th").all_inner_texts().index(amount_header().inner_text())
    amounts = [
        float(text.replace(",", ""))
        for text in page.locator(f"table tbody tr td:nth-child({column + 1})").all_inner_texts()
    ]
    assert amounts and amounts == sorted(amounts, reverse=True), amounts[:5]
    assert table_total(page) == total_on_first_page

    # The bulletin PDF: built by the worker on first request, then served.
    title = page.get_by_role("heading", level=1).inner_text().strip()
    pdf_url = page.get_by_role("link", name="打印版（PDF）").get_attribute("href")
    pdf = None
    for _ in range(30):
        response = page.request.get(pdf_url)
        if response.status == 200 and response.headers["content-type"] == "application/pdf":
            pdf = response.body()
            break
        assert response.status == 202, f"PDF request answered {response.status}"
        time.sleep(1)
    assert pdf is not None and pdf.startswith(b"%PDF"), "the PDF arrives"
    assert shutil.which("pdftotext"), "poppler-utils missing: run `make test` to install it"
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert title[:8] in text.replace(" ", "")
    assert "联络站" in text
    grand_total = re.search(r"[\d,]+\.\d\d", total_on_first_page).group(0)
    assert grand_total in text
    assert not FULL_ID.search(text.replace(" ", ""))
