"""A villager on a 360 px phone with JavaScript off reports a problem online and follows it up.

From 西固村's page (seeded demo data): 我要监督, a first try the form refuses (what was typed
stays), the submit, the receipt's code and PIN, back to the village page, 进度查询, and the case's
public timeline. Every page must fit 360 px without sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_villager_journey import (
    assert_no_hidden_problems,
    assert_sound_page,
    tap_link,
)

pytestmark = pytest.mark.browser

AWU_TOWN = "/longnan/tanchang/awu/"
CODE = re.compile(r"^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")
DESCRIPTION = "三组的惠民补贴发放名单一直没有在公开栏公示，请核实发放是否符合条件。"


def tap_section(page: Page, label: str) -> None:
    """Tap a village page section link by its label (its description follows in the name)."""
    link = page.get_by_role("main").get_by_role("link", name=re.compile(rf"^{label}"))
    expect(link).to_have_count(1)
    with page.expect_navigation() as navigation:
        link.tap()
    response = navigation.value
    assert response is not None and response.status == 200, f"{label}: {response}"


def tap_button(page: Page, name: str):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=name, exact=True).tap()
    return navigation.value


def open_xigu(page: Page) -> None:
    response = page.goto(AWU_TOWN)
    assert response is not None and response.status == 200
    tap_link(page, "西固村")
    expect(page.get_by_role("heading", level=1)).to_have_text("西固村")


def test_villager_reports_online_and_looks_the_case_up_without_javascript(open_page, artifacts_dir):
    page = open_page(locale="zh-CN", java_script_enabled=False)
    open_xigu(page)
    tap_section(page, "我要监督")
    expect(page.get_by_role("heading", level=1)).to_have_text("西固村 · 我要监督")
    assert_sound_page(page, lang="zh-Hans")

    # A first try that is too short: refused, explained at the top, what was typed kept.
    form = page.locator("#complaint-form")
    form.get_by_label("问题类别", exact=True).select_option(label="惠民补贴")
    form.get_by_label("反映内容", exact=True).fill("补贴没发")
    form.get_by_label(re.compile(r"^发生地点")).fill("三组")
    form.get_by_role("radio", name=re.compile(r"^实名")).check()
    form.get_by_label(re.compile(r"^您的真实姓名")).fill("张某某")
    form.get_by_label(re.compile(r"^联系电话")).fill("138 0000 1234")
    response = tap_button(page, "提交反映")
    assert response is not None and response.status == 200
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("提交没有成功")
    expect(summary.get_by_role("link")).to_contain_text("请至少写 10 个字")
    expect(page.locator("#id_description")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(re.compile(r"^发生地点"))).to_have_value("三组")
    expect(page.get_by_role("radio", name=re.compile(r"^实名"))).to_be_checked()
    expect(page.get_by_label(re.compile(r"^您的真实姓名"))).to_have_value("张某某")
    assert_sound_page(page, lang="zh-Hans")
    page.screenshot(path=str(artifacts_dir / "complaint-form-errors-nojs.png"), full_page=True)

    page.get_by_label("反映内容", exact=True).fill(DESCRIPTION)
    response = tap_button(page, "提交反映")
    assert response is not None and response.status == 200
    assert "no-store" in (response.headers.get("cache-control") or "")

    # The receipt: code and PIN, the deadline, how to print without the (script) button.
    expect(page.get_by_role("heading", level=1)).to_have_text("已收到您的反映")
    slip = page.get_by_role("region", name="信访举报回执")
    code = slip.locator(".receipt-code").inner_text().strip()
    pin = slip.locator(".receipt-pin").inner_text().strip()
    assert CODE.match(code), code
    assert re.fullmatch(r"\d{6}", pin), pin
    expect(slip).to_contain_text("告知是否受理")
    expect(page.get_by_role("button", name="打印回执")).to_be_hidden()
    expect(page.locator(".print-hint")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("您是实名反映")
    assert_sound_page(page, lang="zh-Hans")
    page.screenshot(path=str(artifacts_dir / "complaint-receipt-nojs.png"), full_page=True)

    # Back to the village page, then its 进度查询 link.
    tap_link(page, "返回西固村")
    tap_section(page, "进度查询")
    expect(page).to_have_url(re.compile(r"/track/$"))
    assert_sound_page(page, lang="zh-Hans")
    # Typed the way people type: lower case, spaces for dashes.
    page.get_by_label("回执码", exact=True).fill(code.lower().replace("-", " "))
    page.get_by_label("查询密码", exact=True).fill(pin)
    response = tap_button(page, "查询")
    assert response is not None and response.status == 200
    assert "no-store" in (response.headers.get("cache-control") or "")
    assert pin not in page.url and code not in page.url

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("办理进度")
    expect(main.locator(".case-facts")).to_contain_text(code)
    expect(main.locator(".case-facts")).to_contain_text("已登记")
    deadline = main.locator(".deadline")
    expect(deadline).to_contain_text("告知是否受理")
    expect(deadline).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2} 前"))
    timeline = main.get_by_role("list", name="办理经过")
    expect(timeline.get_by_role("listitem").first).to_contain_text("已收到")
    for private in ("张某某", "13800001234", DESCRIPTION):
        expect(main).not_to_contain_text(private)
    assert_sound_page(page, lang="zh-Hans")
    page.screenshot(path=str(artifacts_dir / "complaint-track-nojs.png"), full_page=True)
    assert_no_hidden_problems(open_page, page)


def test_with_javascript_the_receipt_offers_a_print_button(open_page):
    page = open_page(locale="zh-CN", java_script_enabled=True)
    open_xigu(page)
    tap_section(page, "我要监督")
    page.get_by_label("问题类别", exact=True).select_option(label="村级财务")
    page.get_by_label("反映内容", exact=True).fill(DESCRIPTION + "（有脚本的手机）")
    tap_button(page, "提交反映")
    expect(page.get_by_role("button", name="打印回执")).to_be_visible()
    expect(page.locator(".print-hint")).to_be_hidden()
    assert_sound_page(page, lang="zh-Hans")
    assert_no_hidden_problems(open_page, page)
