"""A villager on a 360 px phone, JavaScript off, finds from the home page the supervised items'
progress (督办进展: the demo's gas item at 60%, its milestones, no internal note) and the leader
reception schedule, filters it by county, and sees the recent sessions' "接访 N 批 M 人次"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_villager_journey import (
    OVERFLOW_JS,
    VIEWPORT_WIDTH,
    assert_no_hidden_problems,
    tap_link,
)

pytestmark = pytest.mark.browser


def assert_fits(page) -> None:
    found = page.evaluate(OVERFLOW_JS, VIEWPORT_WIDTH)
    assert found["scrollWidth"] <= VIEWPORT_WIDTH, found["culprits"]


def test_villager_follows_supervised_items_and_the_reception_schedule(open_page, artifacts_dir):
    page = open_page(locale="zh-CN", java_script_enabled=False)
    page.goto("/")
    tap_link(page, "督办进展 挂牌督办事项的整改进展和完成比例")
    expect(page.get_by_role("heading", level=1)).to_have_text("督办进展")
    expect(page.get_by_role("main")).not_to_contain_text("村级集体经济项目资金拨付滞后")
    assert_fits(page)

    tap_link(page, "城区管道天然气供应")
    main = page.get_by_role("main")
    expect(main).to_contain_text("完成 60%")
    expect(main).to_contain_text("制定管道天然气改造和接入方案")  # a milestone
    expect(main).to_contain_text("主管网铺设和调压站建设已完成")  # a public note
    expect(main).not_to_contain_text("施工资质复核")  # the internal note
    assert_fits(page)
    page.screenshot(path=str(artifacts_dir / "supervised-item-zh-nojs.png"), full_page=True)

    page.goto("/")
    tap_link(page, "领导接访 各级领导接访的时间、地点和近期接访情况")
    main = page.get_by_role("main")
    expect(main).to_contain_text("宕昌县信访接待中心")
    expect(main).to_contain_text("接访 8 批 15 人次")
    assert_fits(page)
    page.get_by_label("选择区县").select_option(label="宕昌县")
    with page.expect_navigation():
        page.get_by_role("button", name="查看").tap()
    expect(main).to_contain_text("阿坞镇政府一楼接待室")
    expect(main).not_to_contain_text("武都区信访接待中心")
    page.screenshot(path=str(artifacts_dir / "reception-zh-nojs.png"), full_page=True)
    assert_no_hidden_problems(open_page, page)
