"""The liaison station operator, the auditor, the case-owning leader and the city commission sign
in on a phone and find an honest dashboard: what they can do today, what is coming, a link to
their village or area, and no control that only refuses. Reads only; changes no data.
Screenshots for docs/guide-station.md, docs/guide-auditor.md and docs/guide-leader-city.md are
saved to var/test-artifacts/."""

from __future__ import annotations

import pytest

# The published demo password (README "Demo logins").
PASSWORD = "demo-pass-2026"


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize(
    ("username", "coming", "link", "place", "shot"),
    [
        ("station_awu", "即将开通：在这里登记群众来访", "查看本村公开页面", "阿坞村", "station"),
        (
            "auditor_longnan",
            "即将开通：在这里只读查看",
            "查看管辖范围的公开页面",
            "陇南市",
            "auditor",
        ),
        (
            "leader_tanchang",
            "即将开通：在这里查看和督办包案",
            "查看管辖范围的公开页面",
            "宕昌县",
            "leader",
        ),
        ("city_longnan", "即将开通：在这里查看全市", "查看全市公开页面", "陇南市", "city"),
    ],
)
def test_a_role_without_screens_yet_gets_an_honest_dashboard(
    open_page, artifacts_dir, username, coming, link, place, shot
):
    page = open_page()
    sign_in(page, username)
    main = page.locator("main")
    assert coming in main.inner_text()
    assert page.locator("main [role=search]").count() == 0
    page.screenshot(path=str(artifacts_dir / f"dashboard-{shot}.png"))
    with page.expect_navigation():
        page.get_by_role("link", name=link).click()
    assert place in page.locator("h1").inner_text()
    assert not open_page.problems[page].server_errors
