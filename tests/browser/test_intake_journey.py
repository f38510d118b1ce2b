"""A liaison station logs a resident's complaint from the admin on a 360 px phone: forgets the
consent box and is told so with everything still typed, ticks it, gets the receipt code and PIN,
prints the slip, and finds the case with its public timeline. With JavaScript on (screenshots for
docs/guide-station.md) and off (the form needs none). Each run logs its own new case, which no
other browser test counts."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import pass_second_step

PASSWORD = "demo-pass-2026"  # the documented demo password (README "Demo logins")
CODE_RE = re.compile(r"^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    pass_second_step(page, username)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_station_logs_a_visit_on_a_phone_and_prints_the_receipt(
    open_page, artifacts_dir, javascript
):
    page = open_page(java_script_enabled=javascript)
    sign_in(page, "station_awu")
    page.goto("/admin/intake/")
    if javascript:
        page.screenshot(path=str(artifacts_dir / "intake-station-form.png"))
    description = f"二组的惠民补贴名单没有张榜公示（{'js' if javascript else 'no-js'}）。"

    page.get_by_label("来访（到站当面反映）").check()
    page.get_by_label("问题类别").select_option(label="惠民补贴")
    page.get_by_label("反映内容").fill(description)
    page.get_by_label("实名", exact=True).check()
    page.get_by_label("反映人姓名").fill("张某某")
    page.get_by_label("联系电话").fill("13800001234")
    with page.expect_navigation():
        page.get_by_role("button", name="登记并生成回执").click()

    # Forgot the consent: told at the top, linked to the box, nothing lost.
    summary = page.locator("#error-summary")
    assert "须向反映人说明并征得同意" in summary.inner_text()
    assert page.get_by_label("反映内容").input_value() == description
    assert page.get_by_label("反映人姓名").input_value() == "张某某"
    if javascript:
        summary.screenshot(path=str(artifacts_dir / "intake-station-error.png"))
    page.get_by_label("已向反映人说明并征得同意").check()
    with page.expect_navigation():
        page.get_by_role("button", name="登记并生成回执").click()

    code = page.locator(".receipt-code").inner_text().strip()
    pin = page.locator(".receipt-pin").inner_text().strip()
    assert CODE_RE.match(code) and re.fullmatch(r"\d{6}", pin)
    if javascript:
        page.screenshot(path=str(artifacts_dir / "intake-station-receipt.png"), full_page=True)

    with page.expect_navigation():
        page.get_by_role("link", name="打印回执").click()
    assert page.locator(".receipt-code").inner_text().strip() == code
    assert page.locator(".receipt-pin").inner_text().strip() == pin
    # The print button needs JavaScript; without it the page says how to print.
    assert page.get_by_role("button", name="打印").is_visible() is javascript
    if javascript:
        page.screenshot(path=str(artifacts_dir / "intake-station-slip.png"), full_page=True)

    with page.expect_navigation():
        page.get_by_role("link", name="返回").click()
    with page.expect_navigation():
        page.get_by_role("link", name="查看此件").click()
    main = page.locator("main").inner_text()
    assert code in main and "联络站已代为登记您的反映" in main
    assert description not in main  # the station sees the public timeline only
    if javascript:
        page.screenshot(path=str(artifacts_dir / "intake-station-case.png"), full_page=True)
    assert not open_page.problems[page].server_errors
