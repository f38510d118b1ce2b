"""A villager on a 360 px phone finds their village's liaison station and its phone number.

Navigation is by tapping links by their accessible name, as a person would; only the start page
(and the 404 check) is typed in. The final page of each journey is saved as a full-page
screenshot under var/test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.browser

VIEWPORT_WIDTH = 360
HAN = re.compile(r"[\u3400-\u9fff]")
PHONE = re.compile(r"^0939-\d{7,8}$")
BRAND_RED = "rgb(155, 28, 28)"  # .site-header background in portal.css: proves the CSS loaded

# Reads the breadcrumb as it is seen: the "›" separators are CSS generated content.
VISIBLE_BREADCRUMB_JS = """
nav => Array.from(nav.querySelectorAll("li")).map(li => {
  const before = getComputedStyle(li, "::before").content;
  const sep = before && before !== "none" && before !== "normal" ? JSON.parse(before) : "";
  return (sep ? sep + " " : "") + li.textContent.trim();
}).join(" ")
"""

# Elements sticking out to the right of the viewport, to name the culprit when a page overflows.
OVERFLOW_JS = """
width => ({
  scrollWidth: document.documentElement.scrollWidth,
  culprits: Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}[class="${el.getAttribute("class") || ""}"]`
      + ` right=${Math.round(el.getBoundingClientRect().right)}`),
})
"""


# --- helpers ------------------------------------------------------------------------------------


def tap_link(page: Page, name: str, *, scope: str = "main") -> Response:
    """Tap the link called `name` (exactly) inside the `scope` landmark; the page must answer
    200."""
    link = page.get_by_role(scope).get_by_role("link", name=name, exact=True)
    expect(link).to_be_visible()
    with page.expect_navigation() as navigation:
        link.tap()
    response = navigation.value
    assert response is not None, f"tapping {name!r} did not load a page"
    assert response.status == 200, (
        f"tapping {name!r} led to HTTP {response.status} at {response.url}"
    )
    return response


def assert_sound_page(page: Page, *, lang: str) -> None:
    """Language, styling and width: what must hold on every page of the journey."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(".site-header")).to_have_css("background-color", BRAND_RED)
    overflow = page.evaluate(OVERFLOW_JS, VIEWPORT_WIDTH)
    assert overflow["scrollWidth"] <= VIEWPORT_WIDTH, (
        f"{page.url} scrolls sideways at {VIEWPORT_WIDTH}px: scrollWidth "
        f"{overflow['scrollWidth']}; sticking out: {overflow['culprits']}"
    )


def visible_breadcrumb(page: Page, label: str) -> str:
    nav = page.get_by_role("navigation", name=label)
    expect(nav).to_be_visible()
    return nav.evaluate(VISIBLE_BREADCRUMB_JS)


def station_phone(station):
    """The tappable office phone in the station section: tel: link, 0939 area code, big enough
    for a thumb."""
    phone = station.locator('a[href^="tel:"]')
    expect(phone).to_have_count(1)
    expect(phone).to_be_visible()
    expect(phone).to_have_text(PHONE)
    number = phone.inner_text().strip()
    assert phone.get_attribute("href") == f"tel:{number}"
    box = phone.bounding_box()
    assert box is not None and box["height"] >= 44, f"phone link tap target too small: {box}"
    return number


def assert_no_hidden_problems(open_page, page: Page, *, allow_console_errors: bool = False):
    found = open_page.problems[page]
    assert not found.server_errors, f"server errors while browsing: {found.server_errors}"
    assert not found.page_errors, f"uncaught script errors: {found.page_errors}"
    if not allow_console_errors:
        assert not found.console_errors, f"browser console errors: {found.console_errors}"


def walk_to_awu_village_in_chinese(page: Page) -> None:
    response = page.goto("/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("陇南市村级小微权力监督平台")
    assert_sound_page(page, lang="zh-Hans")

    tap_down_the_tree(
        page,
        [
            ("宕昌县", "/longnan/tanchang/"),
            ("阿坞镇", "/longnan/tanchang/awu/"),
            ("阿坞村", "/longnan/tanchang/awu/awu/"),
        ],
        lang="zh-Hans",
    )


def tap_down_the_tree(page: Page, steps: list[tuple[str, str]], *, lang: str) -> None:
    """Tap each (link name, expected path) in turn; every page is titled by the name tapped."""
    for name, path in steps:
        tap_link(page, name)
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        assert_sound_page(page, lang=lang)


def assert_awu_village_in_chinese(page: Page) -> None:
    expect(page).to_have_title(re.compile(r"^阿坞村 · "))
    assert visible_breadcrumb(page, "当前位置") == "首页 › 陇南市 › 宕昌县 › 阿坞镇 › 阿坞村"
    station = page.get_by_role("region", name="阿坞村纪检监察工作联络站")
    expect(station).to_be_visible()
    expect(station.get_by_text("电话", exact=True)).to_be_visible()
    station_phone(station)


# --- journeys -----------------------------------------------------------------------------------


def test_villager_finds_station_phone_in_chinese(open_page, artifacts_dir):
    page = open_page(locale="zh-CN")
    walk_to_awu_village_in_chinese(page)
    assert_awu_village_in_chinese(page)
    page.screenshot(path=str(artifacts_dir / "journey-zh.png"), full_page=True)
    assert_no_hidden_problems(open_page, page)


def test_villager_journey_works_without_javascript(open_page, artifacts_dir):
    page = open_page(locale="zh-CN", java_script_enabled=False)
    walk_to_awu_village_in_chinese(page)
    assert_awu_village_in_chinese(page)
    page.screenshot(path=str(artifacts_dir / "journey-zh-nojs.png"), full_page=True)
    assert_no_hidden_problems(open_page, page)


def walk_to_awu_village_in_english(page: Page) -> None:
    # An English-speaking visitor lands on the Chinese home page and switches language.
    response = page.goto("/")
    assert response is not None and response.status == 200
    assert_sound_page(page, lang="zh-Hans")
    tap_link(page, "English", scope="banner")
    expect(page).to_have_url(re.compile(r"/en/$"))
    assert_sound_page(page, lang="en")

    tap_down_the_tree(
        page,
        [
            ("Tanchang County", "/en/longnan/tanchang/"),
            ("Awu Town", "/en/longnan/tanchang/awu/"),
            ("Awu Village", "/en/longnan/tanchang/awu/awu/"),
        ],
        lang="en",
    )


def test_visitor_finds_station_phone_in_english(open_page, artifacts_dir):
    """Checks only what is English whatever the state of the translations: the /en/ URLs,
    <html lang="en"> and the English place names, which come from the data."""
    page = open_page(locale="en-US")
    walk_to_awu_village_in_english(page)

    expect(page).to_have_title(re.compile(r"^Awu Village · "))
    crumbs = page.locator(".breadcrumbs li")
    expect(crumbs).to_have_count(5)
    expect(crumbs.nth(1)).to_have_text("Longnan")
    expect(crumbs.nth(2)).to_have_text("Tanchang County")
    expect(crumbs.nth(3)).to_have_text("Awu Town")
    expect(crumbs.nth(4)).to_have_text("Awu Village")
    for href in page.locator(".breadcrumbs a").evaluate_all("links => links.map(a => a.pathname)"):
        assert href.startswith("/en/"), f"breadcrumb leaves the English site: {href}"

    station = page.get_by_role("region").filter(has=page.locator('a[href^="tel:"]'))
    expect(station).to_have_count(1)
    station_phone(station)
    # The way back to Chinese is the same page.
    expect(page.get_by_role("banner").get_by_role("link", name="简体中文")).to_have_attribute(
        "href", "/longnan/tanchang/awu/awu/"
    )
    page.screenshot(path=str(artifacts_dir / "journey-en.png"), full_page=True)
    assert_no_hidden_problems(open_page, page)


def test_english_ui_labels_are_translated__needs_compiled_locale_en(open_page):
    """Fails until locale/en/LC_MESSAGES/django.po translates the interface and is compiled
    (`make messages`). Lists every label still in Chinese rather than stopping at the first."""
    page = open_page(locale="en-US")
    response = page.goto("/en/longnan/tanchang/awu/awu/")
    assert response is not None and response.status == 200

    missing = []
    station = page.get_by_role("region").filter(has=page.locator('a[href^="tel:"]'))
    heading = station.get_by_role("heading", level=2).inner_text().strip()
    if "liaison station" not in heading.lower():
        missing.append(f'station heading is {heading!r}, expected it to say "Liaison station"')
    labels = [text.strip() for text in station.locator("dt").all_inner_texts()]
    if not any(re.fullmatch(r"(?i)(tele)?phone", label) for label in labels):
        missing.append(f'no "Phone" label in the station section; labels are {labels}')
    home_crumb = page.locator(".breadcrumbs li").first.inner_text().strip()
    if home_crumb != "Home":
        missing.append(f'first breadcrumb is {home_crumb!r}, expected "Home"')
    # Interface text (labels, headings, buttons) must not stay Chinese; data (addresses) may.
    interface = page.locator("main dt, main h2, main h3, main .section-list li, header, footer")
    for text in interface.all_inner_texts():
        for line in text.splitlines():
            if HAN.search(line) and line.strip() != "简体中文":  # the switch back, in Chinese
                missing.append(f"untranslated: {line.strip()!r}")
    placeholder = page.get_by_role("searchbox").get_attribute("placeholder") or ""
    if HAN.search(placeholder):
        missing.append(f"untranslated search placeholder: {placeholder!r}")
    title = page.title()
    if HAN.search(title):
        missing.append(f"untranslated page title: {title!r}")
    assert not missing, "English interface not translated:\n" + "\n".join(missing)


# --- errors -------------------------------------------------------------------------------------


def test_unknown_address_shows_chinese_404_page(open_page):
    page = open_page(locale="zh-CN")
    response = page.goto("/longnan/no-such-village/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("页面不存在（404）")
    expect(page).to_have_title(re.compile(r"^页面不存在 · "))
    expect(page.get_by_role("main").get_by_role("link", name="返回首页")).to_have_attribute(
        "href", "/"
    )
    assert_sound_page(page, lang="zh-Hans")
    # Chromium logs the 404 of the document itself as a console error: expected here.
    assert_no_hidden_problems(open_page, page, allow_console_errors=True)


def test_unknown_english_address_is_a_404_in_english(open_page):
    page = open_page(locale="en-US")
    response = page.goto("/en/longnan/no-such-village/")
    assert response is not None and response.status == 404
    assert_sound_page(page, lang="en")
    # The way out stays in English (the link's text depends on the translations).
    expect(page.get_by_role("main").get_by_role("link")).to_have_attribute("href", "/en/")
    assert_no_hidden_problems(open_page, page, allow_console_errors=True)
