"""A county petition office handles a villager's online complaint on a 360 px phone, with
JavaScript off (every action is a plain form): 受理, 交办 to 阿坞镇纪委 and its handler, 阶段反馈
with a public text. The villager then looks the case up on /track/ with code and PIN and sees
both steps, the feedback's text and the deadline now running as a date."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_complaint_journey import open_xigu, tap_button, tap_section
from tests.browser.test_intake_journey import sign_in
from tests.browser.test_villager_journey import (
    OVERFLOW_JS,
    VIEWPORT_WIDTH,
    assert_no_hidden_problems,
)

pytestmark = pytest.mark.browser

DESCRIPTION = "四组的危房改造补助名单没有公示，请核实是否有人冒领。"
FEEDBACK = "已到村核对危房改造补助名单，正在约谈村干部。"
DATE_BEFORE = re.compile(r"\d{4}-\d{2}-\d{2} 前")


def assert_no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(OVERFLOW_JS, VIEWPORT_WIDTH)
    assert overflow["scrollWidth"] <= VIEWPORT_WIDTH, (
        f"{page.url} scrolls sideways: {overflow['scrollWidth']}px; {overflow['culprits']}"
    )


def take(page: Page, name: str, button: str, fill=None) -> None:
    """Open an action's form (its summary), fill it, submit; the page says it is done."""
    action = page.locator(f"#action-{name}")
    if not action.evaluate("details => details.open"):
        action.locator("summary").click()
    form = action.locator("form")
    if fill:
        fill(form)
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()


def test_petition_office_accepts_assigns_and_reports_progress_the_villager_sees_it(
    open_page, artifacts_dir
):
    villager = open_page(java_script_enabled=False)
    open_xigu(villager)
    tap_section(villager, "我要监督")
    villager.get_by_label("问题类别", exact=True).select_option(label="惠民补贴")
    villager.get_by_label("反映内容", exact=True).fill(DESCRIPTION)
    tap_button(villager, "提交反映")
    code = villager.locator(".receipt-code").inner_text().strip()
    pin = villager.locator(".receipt-pin").inner_text().strip()

    staff = open_page(java_script_enabled=False)
    sign_in(staff, "petition_tanchang")
    staff.goto(f"/admin/cases/?q={code}")
    hrefs = staff.locator("#listing-results a").evaluate_all("links => links.map(a => a.href)")
    case_urls = {h for h in hrefs if re.search(r"/admin/cases/\d+/$", h)}
    assert len(case_urls) == 1, hrefs
    staff.goto(case_urls.pop())
    clock = staff.locator(".sv-clock")
    expect(clock).to_contain_text("告知是否受理")
    expect(clock).to_contain_text(DATE_BEFORE)
    summaries = staff.locator(".sv-action > summary").all_inner_texts()
    assert set(summaries) == {"受理", "不予受理", "转办"}
    assert_no_sideways_scroll(staff)

    take(staff, "accept", "确认受理")
    expect(staff.locator(".messages")).to_contain_text("已受理。")
    expect(clock).to_contain_text("办结")

    def assign(form):
        form.get_by_label("承办单位").fill("阿坞镇纪委")
        form.get_by_label("承办人").select_option(label="李某某（jiwei_awu）")

    staff.locator("#action-assign > summary").click()
    assert_no_sideways_scroll(staff)  # an open form fits too
    take(staff, "assign", "确认交办", assign)
    expect(staff.locator(".messages")).to_contain_text("已交办。")
    expect(clock).to_contain_text("阿坞镇纪委")
    expect(clock).to_contain_text("李某某")
    due = re.search(DATE_BEFORE, clock.inner_text()).group(0)

    take(
        staff,
        "feedback",
        "确认阶段反馈",
        lambda form: form.get_by_label("公开说明（反映人可见）").fill(FEEDBACK),
    )
    expect(staff.locator(".messages")).to_contain_text("已添加阶段反馈。")
    expect(staff.locator(".sv-timeline")).to_contain_text(FEEDBACK)
    assert_no_sideways_scroll(staff)
    staff.screenshot(path=str(artifacts_dir / "case-handling-page.png"), full_page=True)
    assert_no_hidden_problems(open_page, staff)

    villager.goto("/track/")
    villager.get_by_label("回执码", exact=True).fill(code)
    villager.get_by_label("查询密码", exact=True).fill(pin)
    tap_button(villager, "查询")
    main = villager.get_by_role("main")
    timeline = main.get_by_role("list", name="办理经过")
    expect(timeline).to_contain_text("已受理")
    expect(timeline).to_contain_text("阶段反馈")
    expect(timeline).to_contain_text(FEEDBACK)
    deadline = main.locator(".deadline")
    expect(deadline).to_contain_text("办结")
    expect(deadline).to_contain_text(due)
    assert_no_hidden_problems(open_page, villager)
