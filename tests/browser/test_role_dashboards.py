"""The liaison station operator, the auditor, the case-owning leader and the city commission sign
in on a phone and find a dashboard that leads to their work (the station's own cases, the
auditor's identity log, the city's recent cases and partners, the leader's owned cases), and no
control that only refuses. Reads only; changes no data.
Screenshots for docs/guide-station.md, docs/guide-auditor.md and docs/guide-leader-city.md are
saved to var/test-artifacts/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import pass_second_step

# The published demo password (README "Demo logins").
PASSWORD = "demo-pass-2026"


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    pass_second_step(page, username)
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize(
    ("username", "says", "link", "lands", "shot"),
    [
        # Complaints are here: the station's own cases and the intake button ...
        ("station_awu", "我登记的信访举报", "查看本村公开页面", "阿坞村", "station"),
        # ... the auditor's identity-access log and case list ...
        ("auditor_longnan", "审计查看", "身份查看记录", "身份查看记录", "auditor"),
        # ... the city's recent cases and its Open311 partners.
        ("city_longnan", "最近收到的信访举报", "开放接口对接方", "开放接口对接方", "city"),
        # ... and the leader's owned cases (我的包案), with their ledger.
        ("leader_tanchang", "我的包案", "查看我的包案", "我的包案", "leader"),
    ],
)
def test_each_role_s_dashboard_leads_to_its_work(
    open_page, artifacts_dir, username, says, link, lands, shot
):
    page = open_page()
    sign_in(page, username)
    main = page.locator("main")
    assert says in main.inner_text()
    assert page.locator("main [role=search]").count() == 0
    page.screenshot(path=str(artifacts_dir / f"dashboard-{shot}.png"))
    with page.expect_navigation():
        page.get_by_role("link", name=link).first.click()
    assert lands in page.locator("h1").first.inner_text()
    assert not open_page.problems[page].server_errors
