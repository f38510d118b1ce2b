"""The strict Content-Security-Policy of the public site (docs/security.md "Headers (Part 9)"):
every public page carries it, it allows no inline script or style, and no public template or
rendered public page holds any (an inline <script>, a <style> block, a style= or on…= attribute)
that the browser would then refuse."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from tests import factories

REPO = Path(__file__).resolve().parents[2]
# Templates of the public site: everything but the admin's and the staff account screens.
PUBLIC_TEMPLATE_DIRS = [
    REPO / "portal" / "templates",
    REPO / "disclosures" / "templates",
    REPO / "supervision" / "templates",
    REPO / "villages" / "templates",
]
NOT_PUBLIC = re.compile(r"/(admin|wagtailadmin|accounts|two_factor)/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
PROBLEMS = {
    "inline <script>": INLINE_SCRIPT,
    "<style> block": STYLE_BLOCK,
    "style= attribute": STYLE_ATTRIBUTE,
    "on…= handler": EVENT_ATTRIBUTE,
}
CRAWL_LIMIT = 80


def inline_code(html: str) -> list[str]:
    return [name for name, pattern in PROBLEMS.items() if pattern.search(html)]


def test_the_policy_allows_nothing_inline():
    csp = settings.PORTAL_CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_the_checker_finds_what_it_looks_for():
    assert inline_code('<p style="color:red">') == ["style= attribute"]
    assert inline_code("<script>alert(1)</script>") == ["inline <script>"]
    assert inline_code('<button onclick="x()">') == ["on…= handler"]
    assert inline_code("<style>p{}</style>") == ["<style> block"]
    assert inline_code('<script src="/static/a.js" defer></script><p class="x">') == []


def test_no_public_template_holds_inline_script_or_style():
    checked, found = 0, []
    for folder in PUBLIC_TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if NOT_PUBLIC.search(path.as_posix()):
                continue
            checked += 1
            for problem in inline_code(path.read_text(encoding="utf-8")):
                found.append(f"{path.relative_to(REPO)}: {problem}")
    assert checked > 40  # the scan really reads the public templates
    assert found == []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)


def _public_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith(("/admin", "/documents", "/static", "/media")):
        return None
    if path.endswith((".pdf", ".xlsx", ".csv", ".xml", ".json", ".ics")):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def test_every_public_page_type_carries_the_policy_and_no_inline_code(client, tree):
    # Content for the page types below a village: a catalog with an item, a disclosure.
    catalog = factories.catalog(tree.tanchang)
    item = factories.power_item(catalog, "1", "低保申请", risks=[{"description": "优亲厚友"}])
    factories.disclosure(tree.xigu, rows=factories.subsidy_values(2))
    seen: dict[str, int] = {}
    shapes: set[str] = set()  # one page per shape of address: one per page type, not per village
    queue = ["/", "/en/", "/search/?q=阿坞", "/no-such-page/", catalog.url, item.url]
    sitemap = client.get("/sitemap.xml").content.decode()
    queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)][:20]
    problems = []
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path.split("?")[0])
        if path in seen or shape in shapes:
            continue
        shapes.add(shape)
        response = client.get(path)
        seen[path] = response.status_code
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        csp = response.headers.get("Content-Security-Policy", "")
        if csp != settings.PORTAL_CSP:
            problems.append(f"{path}: Content-Security-Policy {csp!r}")
        html = response.content.decode()
        problems += [f"{path}: {problem}" for problem in inline_code(html)]
        parser = _Links()
        parser.feed(html)
        for href in parser.links:
            found = _public_path(urljoin(path, href))
            if found and found not in seen:
                queue.append(found)
    assert problems == []
    # The crawl reached the page types: home, county, township, village and its sub-pages,
    # the catalog and its item, a disclosure, the complaint form, search and the 404 page.
    kinds = " ".join(seen)
    assert seen["/no-such-page/"] == 404 and len([s for s in seen.values() if s == 200]) >= 15
    for part in (tree.awu.url, tree.city.url, catalog.url, item.url, "/power/", "/search/"):
        assert part in kinds, part
