"""axe-core over every public page type, on a 360 px phone and at desktop width (issue item 7).

Each page is loaded once; axe-core (tools/audit/node_modules, pinned by package-lock.json and
installed by `make test-system-deps`) is injected and run with the WCAG 2.0/2.1 A and AA rules,
first at 360 px, then again after the viewport is widened to 1280 px. A serious or critical
violation fails the test, listed with its rule, the elements it hit and axe's help text, so the
failure says what to fix without re-running anything. Moderate and minor findings do not fail;
every page's counts are written to var/test-artifacts/axe-summary.json (the figures in
docs/benchmarks.md, "Part 9: accessibility and weak networks").

The site's Content-Security-Policy forbids inline scripts, so these pages are opened with
`bypass_csp=True`: the audit's own script gets in, the site's headers are unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS_DIR, REPO_DIR, report_figures

pytestmark = pytest.mark.browser

AXE_JS = REPO_DIR / "tools" / "audit" / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = (
    json.loads((AXE_JS.parent / "package.json").read_text())["version"] if AXE_JS.is_file() else "?"
)
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
WIDTHS = {"360px": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}

VILLAGE = "/longnan/tanchang/awu/awu/"  # 阿坞村: the demo village with every list and disclosure
COMPLAINT_FORM = VILLAGE + "complaint/"
DESCRIPTION = "村委会门口的公开栏三个月没有更新，看不到本季度的财务收支，请督促公开。"

# (id, path, lang, expected status, follow): `follow` is a pattern; the test then opens the first
# link in <main> whose path matches it (an item whose id or slug the seed decides).
PAGES = [
    ("home", "/", "zh-Hans", 200, None),
    ("city", "/longnan/", "zh-Hans", 200, None),
    ("county", "/longnan/tanchang/", "zh-Hans", 200, None),
    ("township", "/longnan/tanchang/awu/", "zh-Hans", 200, None),
    ("village", VILLAGE, "zh-Hans", 200, None),
    ("power-list", VILLAGE + "power/", "zh-Hans", 200, None),
    ("responsibility-list", VILLAGE + "responsibilities/", "zh-Hans", 200, None),
    ("risk-list", VILLAGE + "risks/", "zh-Hans", 200, None),
    ("power-item", VILLAGE + "power/", "zh-Hans", 200, r"/power/\d+/$"),
    ("affairs-index", VILLAGE + "affairs/", "zh-Hans", 200, None),
    ("search", "/search/?q=%E4%BD%8E%E4%BF%9D", "zh-Hans", 200, None),  # 低保
    ("complaint-form", COMPLAINT_FORM, "zh-Hans", 200, None),
    ("track", "/track/", "zh-Hans", 200, None),
    ("statistics", "/statistics/", "zh-Hans", 200, None),
    ("supervised-list", "/supervised/", "zh-Hans", 200, None),
    ("supervised-item", "/supervised/", "zh-Hans", 200, r"^/supervised/\d+/$"),
    ("reception", "/reception/", "zh-Hans", 200, None),
    ("not-found", "/no-such-page/", "zh-Hans", 404, None),
    ("en-home", "/en/", "en", 200, None),
    ("en-village", "/en" + VILLAGE, "en", 200, None),
    ("en-complaint-form", "/en" + COMPLAINT_FORM, "en", 200, None),
]

# The first link of each kind's list on the 村务公开 index, and how many kinds the filter offers.
DISCLOSURE_KINDS_JS = """
() => ({
  offered: document.querySelectorAll("#kind-filter option:not([value=''])").length,
  first: Array.from(document.querySelectorAll("main ul.disclosure-list"))
    .map(ul => ul.querySelector("a"))
    .filter(Boolean)
    .map(a => new URL(a.href).pathname),
})
"""

FIRST_MATCHING_LINK_JS = """
pattern => {
  const re = new RegExp(pattern);
  const link = Array.from(document.querySelectorAll("main a[href]"))
    .find(a => a.origin === location.origin && re.test(new URL(a.href).pathname));
  return link ? new URL(link.href).pathname + new URL(link.href).search : null;
}
"""

# Long tables are audited on their first 20 body rows: the rows after them are the same markup
# and classes with other figures, and axe's colour-contrast rule costs ~20 ms a cell (the risk
# list has 300 cells: 10 s, against 2.5 s for the sample).
AXE_CONTEXT = {"exclude": [["tbody > tr:nth-child(n+21)"]]}

RUN_AXE_JS = """
([context, tags]) => axe.run(context, {
  runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
})
  .then(r => ({
    passes: r.passes.length,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map(n => n.target.join(" ")),
    })),
  }))
"""

_summary: dict[str, dict] = {}


@pytest.fixture(scope="module")
def axe_js(request) -> Path:
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE_JS.relative_to(REPO_DIR)}). Run `make test-system-deps` "
            "(it runs `npm ci` in tools/audit/).",
            pytrace=False,
        )
    yield AXE_JS
    if _summary:
        report_figures(request.config, *summary_lines(_summary))
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS_DIR / "axe-summary.json").write_text(
            json.dumps(_summary, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8"
        )


def summary_lines(summary: dict[str, dict]) -> list[str]:
    """One line for the run's summary, then one per page view that axe found anything on."""
    impacts = [impact for view in summary.values() for impact in view["violations"].values()]
    counts = ", ".join(
        f"{impacts.count(i)} {i}" for i in ("critical", "serious", "moderate", "minor")
    )
    lines = [
        f"axe-core {AXE_VERSION}, WCAG 2.1 A/AA: {len(summary)} page views; findings: {counts}"
    ]
    for view, found in sorted(summary.items()):
        if found["violations"]:
            rules = ", ".join(f"{rule} ({impact})" for rule, impact in found["violations"].items())
            lines.append(f"  {view}: {rules}")
    return lines


def audit(page: Page, axe_js: Path, label: str) -> list[str]:
    """axe at 360 px then at desktop width; the serious and critical violations, one line each
    (and every finding recorded for the summary)."""
    page.add_script_tag(path=str(axe_js))
    failures = []
    for width_name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        result = page.evaluate(RUN_AXE_JS, [AXE_CONTEXT, WCAG_A_AA])
        _summary[f"{label} @ {width_name}"] = {
            "path": page.url.split("://", 1)[-1].partition("/")[2],
            "rules_passed": result["passes"],
            "violations": {v["id"]: v["impact"] for v in result["violations"]},
        }
        for violation in result["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                targets = ", ".join(violation["targets"][:5])
                more = len(violation["targets"]) - 5
                failures.append(
                    f"{label} @ {width_name}: [{violation['impact']}] {violation['id']}: "
                    f"{violation['help']} -> {targets}{f' (+{more} more)' if more > 0 else ''} "
                    f"({violation['helpUrl']})"
                )
    page.set_viewport_size(WIDTHS["360px"])
    return failures


def open_path(page: Page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"{path}: HTTP {response.status if response else None}, expected {status}"
    )


def assert_no_serious_violations(failures: list[str]) -> None:
    assert not failures, "axe-core found serious or critical WCAG A/AA violations:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize(
    ("label", "path", "lang", "status", "follow"), PAGES, ids=[page[0] for page in PAGES]
)
def test_public_page_type_has_no_serious_axe_violations(
    open_page, axe_js, label, path, lang, status, follow
):
    page = open_page(locale="en-US" if lang == "en" else "zh-CN", bypass_csp=True)
    open_path(page, path, status)
    if follow:
        target = page.evaluate(FIRST_MATCHING_LINK_JS, follow)
        assert target, f"{path} links to no page matching {follow!r}"
        open_path(page, target)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_no_serious_violations(audit(page, axe_js, label))


def test_every_disclosure_kind_page_has_no_serious_axe_violations(open_page, axe_js):
    page = open_page(bypass_csp=True)
    open_path(page, VILLAGE + "affairs/")
    kinds = page.evaluate(DISCLOSURE_KINDS_JS)
    assert kinds["offered"] >= 7, kinds  # 党务、村务、财务、三资、一卡通、工程、低保与救助
    assert len(kinds["first"]) == kinds["offered"], f"a kind without a disclosure: {kinds}"
    failures = []
    for path in kinds["first"]:
        open_path(page, path)
        failures += audit(page, axe_js, "disclosure " + path.rstrip("/").rsplit("/", 1)[-1])
    assert_no_serious_violations(failures)


def test_complaint_form_with_its_errors_shown_has_no_serious_axe_violations(open_page, axe_js):
    page = open_page(bypass_csp=True)
    open_path(page, COMPLAINT_FORM)
    with page.expect_navigation():
        page.get_by_role("button", name="提交反映", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("提交没有成功")
    expect(page.locator("#id_description")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_violations(audit(page, axe_js, "complaint-form-errors"))


def test_receipt_and_progress_lookup_have_no_serious_axe_violations(open_page, axe_js):
    page = open_page(bypass_csp=True)
    open_path(page, COMPLAINT_FORM)
    page.get_by_label("问题类别", exact=True).select_option(index=1)
    page.get_by_label("反映内容", exact=True).fill(DESCRIPTION)
    with page.expect_navigation():
        page.get_by_role("button", name="提交反映", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("已收到您的反映")
    slip = page.get_by_role("region", name="信访举报回执")
    code = slip.locator(".receipt-code").inner_text().strip()
    pin = slip.locator(".receipt-pin").inner_text().strip()
    assert re.fullmatch(r"\d{6}", pin), pin
    failures = audit(page, axe_js, "complaint-receipt")

    open_path(page, "/track/")
    page.get_by_label("回执码", exact=True).fill(code)
    page.get_by_label("查询密码", exact=True).fill(pin)
    with page.expect_navigation():
        page.get_by_role("button", name="查询", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(code)
    failures += audit(page, axe_js, "track-result")
    assert_no_serious_violations(failures)
