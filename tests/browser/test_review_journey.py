"""A township editor changes a liaison station's opening hours and submits it; the township's
discipline committee sees the change as a comparison and approves; the editor is told.

On a 360 px phone and on a desktop. Each run changes its own village, which no other browser
test reads (phone: 麻界村, desktop: 叶扎村 of 阿坞镇), so the shared server stays as others expect.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import MOBILE, pass_second_step

pytestmark = pytest.mark.browser

PASSWORD = "demo-pass-2026"  # the documented demo password
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
RUNS = {
    # viewport, village name, its public path
    "phone": (MOBILE, "麻界村", "/longnan/tanchang/awu/majie/"),
    "desktop": (DESKTOP, "叶扎村", "/longnan/tanchang/awu/yezha/"),
}


def sign_in(browser: Browser, base_url: str, device: dict, username: str) -> Page:
    context = browser.new_context(**device, locale="zh-CN", base_url=base_url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("登录")).click()
    pass_second_step(page, username)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    return page


def open_edit_screen(page: Page, village: str) -> None:
    page.goto(f"/admin/pages/search/?q={village}")
    link = page.locator("main").get_by_role("link", name=village, exact=True).first
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_editor_submits_station_hours_and_reviewer_approves_the_comparison(
    browser, portal_server, artifacts_dir, device
):
    viewport, village, public_path = RUNS[device]
    hours = f"工作日 9:00-12:00，14:00-17:30（{device}）"
    shots = artifacts_dir

    # --- the editor changes the station's hours and submits -----------------------------------
    editor = sign_in(browser, portal_server.url, viewport, "editor_awu")
    open_edit_screen(editor, village)
    editor.get_by_role("tab", name="联络站").click()
    field = editor.get_by_label("开放时间")
    old_hours = field.input_value()
    field.fill(hours)
    submit = editor.locator("footer.footer").get_by_role("button", name="提交审核", exact=True)
    # The main button reads 提交审核 and, on a phone too, is in reach without scrolling down.
    expect(submit).to_be_visible()
    expect(submit).to_be_in_viewport(ratio=1)  # sticky: in reach without scrolling
    editor.screenshot(path=str(shots / f"review-{device}-1-editor-submit.png"))
    with editor.expect_navigation():
        submit.click()
    message = editor.locator(".messages li").first
    expect(message).to_contain_text(re.compile(f"{village}.*提交.*审核"))
    expect(message).to_be_in_viewport(ratio=0.9)  # at the top, whatever the page's length

    # --- the reviewer opens the change from the dashboard -------------------------------------
    reviewer = sign_in(browser, portal_server.url, viewport, "jiwei_awu")
    row = reviewer.locator("table.review-queue tr", has_text=village)
    expect(row).to_be_visible()
    with reviewer.expect_navigation():
        row.get_by_role("link", name="查看改动").click()
    expect(reviewer).to_have_url(re.compile(r"/admin/review/\d+/$"))
    comparison = reviewer.locator("td.comparison")
    expect(comparison.first).to_be_visible()
    changed = reviewer.locator("tr", has_text="开放时间")
    expect(changed).to_contain_text("14:00-17:30")
    if old_hours:
        expect(changed.locator("del, .deletion").first).to_be_visible()
    expect(changed.locator("ins, .addition").first).to_be_visible()
    approve = reviewer.get_by_role("button", name="批准并发布", exact=True)
    expect(approve).to_be_visible()
    reject = reviewer.get_by_role("button", name="退回修改", exact=True)
    expect(reject).to_be_visible()
    # Both decisions fit the screen, labels readable (no oversized icon hiding them).
    width = reviewer.viewport_size["width"]
    for button in (approve, reject):
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert box["height"] < 80, box
    reviewer.screenshot(path=str(shots / f"review-{device}-2-reviewer-compare.png"), full_page=True)

    # The preview of the version under review is marked and links back.
    with reviewer.context.expect_page() as new_tab:
        reviewer.get_by_role("link", name="预览待审核的页面").click()
    preview = new_tab.value
    preview.wait_for_load_state()
    banner = preview.locator(".preview-banner")
    expect(banner).to_contain_text("预览·待审核")
    expect(banner.get_by_role("link", name="返回审核")).to_be_visible()
    expect(preview.locator("main")).to_contain_text("14:00-17:30")
    preview.close()

    with reviewer.expect_navigation():
        approve.click()
    done = reviewer.locator(".messages li").first
    expect(done).to_contain_text("已批准并发布")
    expect(done).to_be_in_viewport(ratio=0.9)

    # --- the editor is told, and the public page shows the new hours ---------------------------
    editor.goto("/admin/")
    item = editor.locator(".review-results__item", has_text=village)
    expect(item).to_contain_text("已批准并发布")
    editor.locator(".review-results").scroll_into_view_if_needed()
    editor.screenshot(path=str(shots / f"review-{device}-3-editor-told.png"))

    editor.goto(public_path)
    expect(editor.locator("main")).to_contain_text("14:00-17:30")

    editor.context.close()
    reviewer.context.close()
