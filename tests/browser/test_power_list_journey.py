"""A villager on a 360 px phone reads the power list by category and the flowchart of 四议两公开."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_villager_journey import (
    assert_no_hidden_problems,
    assert_sound_page,
    tap_link,
)

pytestmark = pytest.mark.browser

AWU = "/longnan/tanchang/awu/awu/"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_villager_reads_the_flowchart_of_sige_liang_gongkai(open_page, artifacts_dir, javascript):
    page = open_page(locale="zh-CN", java_script_enabled=javascript)
    page.goto(AWU)
    tap_link(page, "权力清单 村里每项小微权力的依据、流程图和时限")
    expect(page.get_by_role("heading", level=1)).to_have_text("阿坞村 · 权力清单")
    categories = page.locator("main section.category h2")
    expect(categories.first).to_contain_text("重大事项决策")
    assert categories.count() >= 7
    assert_sound_page(page, lang="zh-Hans")

    link = page.get_by_role("link", name=re.compile(r"四议两公开"))
    with page.expect_navigation():
        link.first.tap()
    expect(page).to_have_url(re.compile(r"/power/1/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("四议两公开")

    chart = page.locator("figure.flowchart svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and 300 <= box["width"] <= 360, box
    # The boxes hold real text: a reader can select it or have it read aloud.
    texts = chart.locator("text").all_text_contents()
    assert any("党员大会" in t for t in texts), texts
    assert "开始" in texts and "办结" in texts
    # The same steps as an ordered list for screen readers.
    steps = page.locator("ol.steps > li")
    assert steps.count() >= 4
    expect(steps.first).to_contain_text("提议")
    assert_sound_page(page, lang="zh-Hans")
    chart.scroll_into_view_if_needed()
    name = "flowchart-zh.png" if javascript else "flowchart-zh-nojs.png"
    page.screenshot(path=str(artifacts_dir / name), full_page=True)
    assert_no_hidden_problems(open_page, page)


def test_villager_filters_the_risk_list_by_level(open_page, artifacts_dir):
    page = open_page(locale="zh-CN", java_script_enabled=False)
    page.goto(AWU + "risks/")
    all_rows = page.locator("table.risks tbody tr").count()
    page.get_by_label("风险等级").select_option(label="高")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").tap()
    levels = page.locator("table.risks tbody .level").all_inner_texts()
    assert levels and set(levels) == {"高"}
    assert len(levels) < all_rows
    assert_sound_page(page, lang="zh-Hans")
    page.screenshot(path=str(artifacts_dir / "risks-high.png"), full_page=True)
