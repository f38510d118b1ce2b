"""Every admin screen a clerk can reach speaks Chinese and loads nothing from another host.

For each demo role the test logs in, walks the admin breadth-first from /admin/ along same-origin
links (GET only, nothing with side effects), opens the edit screen of every page type, the
moderation and lock states and the page listing with its filters, and fails listing each screen
with the English phrases it shows. The login page is checked logged out. New Wagtail strings
after an upgrade land here first: translate them in locale/zh_Hans/
(`tools/untranslated_admin_strings.py` lists them; docs/architecture.md "Languages").
"""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
import wagtail.admin
from django.contrib.auth.models import Permission
from django.utils import timezone

from disclosures.models import Office, PowerCategory
from supervision.models import Complaint, ComplaintCategory, Open311Partner
from supervision.services.receipts import format_code
from tests import factories
from tests.factories import staff_user
from tools.untranslated_admin_strings import parse_po
from villages.models import Role

# Words that are fine in a Chinese interface: file formats and codes clerks know, units.
ALLOWED_WORDS = {
    *("xlsx", "xls", "csv", "tsv", "ods", "json", "pdf", "svg", "html", "txt", "zip"),
    *("docx", "odt", "png", "jpg", "jpeg", "gif", "webp", "avif", "heic", "ico"),
    *("ogg", "wav", "amr"),  # recordings a complaint may attach (supervision/services/attachments)
    *("id", "api", "url", "excel", "gbk", "utf", "kb", "mb", "gb", "px", "ip", "qr"),
    # The standard's name, as authenticator apps print it (基于时间的一次性密码, RFC 6238).
    "totp",
    *("javascript", "am", "pm"),
    # Key names as printed on keyboards, in the keyboard-shortcuts dialog.
    *("ctrl", "alt", "shift", "cmd", "option", "enter", "esc", "tab"),
    # A step's branch target is a step key or the literal `end` (disclosures/services/validation).
    "end",
}
# Phrases that are interface text yet rightly English, each with its reason.
ALLOWED_PHRASES = {
    # The help text of `name_en` gives an example of the English name to type.
    "Awu Town",
    # Languages are offered in their own language (the account's language choice).
    "English",
    # Authenticator apps named as their users find them in an app store (两步验证).
    "Google Authenticator",
    "Microsoft Authenticator",
}

# Superuser-only screens where Wagtail or Django print English that no catalog reaches.
ALLOWED_ON_SCREENS = {
    # Wagtail labels the site list's columns from field names ("Site name", no gettext).
    "/admin/sites/": {"Site name", "Root page", "Port", "localhost"},
    # Page choosers in the workflow and group forms are labelled from their field name.
    "/admin/workflows/": {"Page"},
    "/admin/groups/": {"Page"},
}
# Django stores permission names in English in the database ("Can add 用户"); only the
# superuser's group editor shows them.
PERMISSION_SCREENS = "/admin/groups/"

# Links, addresses, file names; placeholders Wagtail's JavaScript fills in (%(objects)s,
# {count}); model identifiers (villages.villagepage) the page-types report prints.
URL_RE = re.compile(r"(?:https?:)?//\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b\w+\.[a-z]{2,4}\b")
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|\{\w+\}|\b[a-z_]+\.[a-z_]+\b")
PHRASE_RE = re.compile(r"[A-Za-z][A-Za-z ,'’.-]{3,}")
WORD_RE = re.compile(r"[A-Za-z]{2,}")
TEXT_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "data-w-progress-active-value"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "data", "poster"}
# Text that is not interface text: code, styles, icon sprites, the time-zone choice (IANA
# names that Wagtail's JavaScript labels in the browser's language) and the side-panel
# counters, hidden slots that hold "None" until JavaScript writes a number in.
SKIPPED_ELEMENTS = {"script", "style", "svg"}
LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
MAX_URLS = 150
# Links that change something, leave the interface or stream files: never followed.
SKIP_RE = re.compile(
    r"/logout/|delete|unpublish|/confirm|/lock/|/unlock/|/revert|/cancel|/preview|/view_draft/"
    r"|/jsi18n/|/sprite/|export|/workflow/action/|/approve|/reject|/dismissibles/|/api/"
)


class Screen(HTMLParser):
    """One pass over a page: its interface text, its admin links and its outside references."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.texts: list[str] = []
        self.links: list[str] = []
        self.outside: list[str] = []
        self._skip: list[str] = []
        self._json: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        for name in URL_ATTRIBUTES & attrs.keys():
            for part in attrs[name].split(","):
                url = part.strip().split(" ")[0]
                if url.startswith(("http://", "https://", "//")) and not is_local(url):
                    self.outside.append(f"<{tag} {name}={url}>")
        if tag == "a" and attrs.get("href"):
            self.add_link(attrs["href"])
        if tag == "script" and attrs.get("type") == "application/json":
            self._json = []
        if (
            tag in SKIPPED_ELEMENTS
            or (tag == "select" and "time_zone" in attrs.get("name", ""))
            or "data-side-panel-toggle-counter" in attrs
            # HTML's own mark for content that is not to be translated: a secret key to type.
            or attrs.get("translate") == "no"
        ):
            self._skip.append(tag)
        if self._skip:
            return
        self.texts.extend(attrs[name] for name in TEXT_ATTRIBUTES & attrs.keys())
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.texts.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag == "script" and self._json is not None:
            self.read_json(json.loads("".join(self._json)))
            self._json = None

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)
        elif not self._skip and data.strip():
            self.texts.append(data)

    def read_json(self, value, key=None):
        """Wagtail's JavaScript renders the sidebar menu and its messages from JSON."""
        if isinstance(value, dict):
            for name, item in value.items():
                self.read_json(item, name if key != "STRINGS" else key)
        elif isinstance(value, list):
            for item in value:
                self.read_json(item, key)
        elif isinstance(value, str):
            if key in {"label", "STRINGS", "footer_text"}:
                self.texts.append(value)
            elif key == "url":
                if value.startswith(("http://", "https://", "//")) and not is_local(value):
                    self.outside.append(f"sidebar url={value}")
                self.add_link(value)

    def add_link(self, href: str):
        url = urljoin(self.base, href)
        parts = urlsplit(url)
        if is_local(url) and parts.path.startswith("/admin/") and not SKIP_RE.search(url):
            query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
            self.links.append(parts.path + ("?" + query if query else ""))


def is_local(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOCAL_HOSTS


def english_phrases(text: str, data: set[str], allowed: set[str] = frozenset()) -> list[str]:
    """English phrases in `text`, leaving out `data` (user names, codes) and `allowed`."""
    text = PLACEHOLDER_RE.sub(" ", URL_RE.sub(" ", text))
    for token in sorted(data, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z_]){re.escape(token)}(?![A-Za-z_])", " ", text)
    found = []
    for phrase in PHRASE_RE.findall(text):
        phrase = phrase.strip(" ,.-'’")
        if phrase in ALLOWED_PHRASES or any(phrase in ok for ok in allowed):
            continue
        if any(word.lower() not in ALLOWED_WORDS for word in WORD_RE.findall(phrase)):
            found.append(phrase)
    return found


# Query keys that change order or page, not the words on the screen.
SAME_SCREEN_KEYS = {"p", "ordering"}


def link_key(url: str) -> str:
    """Screens that differ only in ids, in the page type they list or create, or in sorting
    and paging render the same words: visit one of each."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    path = re.sub(r"/pages/(usage|create)/\w+/\w+", r"/pages/\1/M", path)
    query_keys = sorted({key for key, _ in parse_qsl(parts.query)} - SAME_SCREEN_KEYS)
    return path + "?" + "&".join(query_keys)


class Report:
    def __init__(self, data: set[str]):
        self.data = data
        self.problems: dict[str, list[str]] = {}

    def check(self, url: str, response) -> Screen | None:
        if "text/html" not in response.get("Content-Type", ""):
            return None
        screen = Screen(url)
        screen.feed(response.content.decode())
        screen.close()
        allowed = set()
        for prefix, phrases in ALLOWED_ON_SCREENS.items():
            if url.startswith(prefix):
                allowed |= phrases
        if url.startswith(PERMISSION_SCREENS):
            allowed |= set(Permission.objects.values_list("name", flat=True))
        english = {p for text in screen.texts for p in english_phrases(text, self.data, allowed)}
        if english or screen.outside:
            self.problems[url] = sorted(english) + screen.outside
        return screen

    def assert_clean(self):
        assert not self.problems, "English or outside references in the admin:\n" + "\n".join(
            f"{url}: {phrases}" for url, phrases in self.problems.items()
        )


def crawl(client, report: Report, start: list[str]) -> int:
    """Breadth-first from `start` (each of which is always opened), one URL per link_key."""
    queue = deque(start)
    opened, keys = set(), set()
    while queue and len(opened) < MAX_URLS:
        url = queue.popleft()
        if url in opened or (url not in start and link_key(url) in keys):
            continue
        opened.add(url)
        keys.add(link_key(url))
        response = client.get(url)
        if response.status_code == 200 and (screen := report.check(url, response)):
            queue.extend(screen.links)
    return len(opened)


@pytest.fixture
def site(tree):
    catalog = factories.catalog(tree.tanchang)
    item = factories.power_item(
        catalog,
        "1",
        "四议两公开",
        steps=[{"actor": "村党组织", "action": "提议", "office": "secretary"}],
        risks=[{"description": "未经集体讨论决策"}],
    )
    addition = factories.power_item(tree.awu_village, "村1", "光伏电站收益分配", "assets")
    editor = staff_user("editor_awu", Role.TOWNSHIP_EDITOR, tree.awu)
    # A change waiting for the township's discipline committee, and a page the editor locked.
    tree.awu_village.save_revision(user=editor)
    tree.awu_village.get_workflow().start(tree.awu_village, editor)
    tree.xigu.locked, tree.xigu.locked_by, tree.xigu.locked_at = True, editor, timezone.now()
    tree.xigu.save()
    return {
        "tree": tree,
        "catalog": catalog,
        "item": item,
        "addition": addition,
        "editor": editor,
        **complaints(tree),
    }


def complaints(tree) -> dict:
    """Supervision's screens with something on them: a case the station logged (real name, a
    file, its receipt still showable), a letter with an internal note, a look at an identity,
    an Open311 partner."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from supervision.models import CaseEvent, IdentityAccess, Open311Partner
    from supervision.services.attachments import check_uploads
    from supervision.services.intake import IntakeData, submit
    from supervision.services.partners import issue_key

    station = staff_user("station_awu", Role.STATION_OPERATOR, tree.awu_village)
    petition = staff_user("petition_tanchang", Role.COUNTY_PETITION, tree.tanchang)
    png = SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")
    logged = submit(
        IntakeData(
            village=tree.awu_village,
            category=factories.complaint_category(),
            description="补贴名单没有公示。",
            real_name=True,
            reporter_name="张某某",
            reporter_contact="13800001234",
            intake_mode="visit",
            consent_recorded=True,
            files=check_uploads([png]),
        ),
        channel="station",
        actor=station,
        actor_label="联络站（阿坞村）",
        submission_key=f"admin:{station.pk}:{RECEIPT_KEY}",
    ).case
    letter = factories.complaint(tree.xigu, channel="letter", actor=petition).case
    CaseEvent.objects.create(case=letter, kind="note", actor=petition, internal_text="先核实。")
    IdentityAccess.objects.create(case=logged, user=petition, context="案件页面")
    partner = Open311Partner(name="12345热线", jurisdiction=tree.city)
    issue_key(partner)
    partner.save()
    return {"users": {"station_awu": station, "petition_tanchang": petition}, "case": logged}


RECEIPT_KEY = "receipt-key-for-the-admin-crawl"


# The demo logins of README.md: role and the node of the tree each works under.
ROLES = {
    "editor_awu": (Role.TOWNSHIP_EDITOR, "awu"),
    "jiwei_awu": (Role.TOWNSHIP_DISCIPLINE, "awu"),
    "station_awu": (Role.STATION_OPERATOR, "awu_village"),
    "petition_tanchang": (Role.COUNTY_PETITION, "tanchang"),
    "leader_tanchang": (Role.LEADER, "tanchang"),
    "city_longnan": (Role.CITY_DISCIPLINE, "city"),
    "auditor_longnan": (Role.AUDITOR, "city"),
    "admin": (None, None),
}


def login_as(site, username):
    role, node = ROLES[username]
    if username == "editor_awu":
        return site["editor"]
    if username in site["users"]:
        return site["users"][username]
    if role is None:
        return factories.UserFactory(username=username, is_superuser=True, is_staff=True)
    return staff_user(username, role, getattr(site["tree"], node))


@pytest.mark.parametrize("username", list(ROLES))
def test_every_admin_screen_a_role_reaches_is_chinese(client, site, username):
    client.force_login(login_as(site, username))
    tree = site["tree"]
    pages = [tree.city, tree.tanchang, tree.awu, tree.awu_village, tree.xigu]
    pages += [site["catalog"], site["item"], site["addition"]]
    start = ["/admin/"]
    for page in pages:  # every page type's listing and edit screen (refused ones redirect)
        start += [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/"]
    start += [
        f"/admin/pages/{tree.awu.pk}/?ordering=-latest_revision_created_at&has_child_pages=true",
        "/admin/pages/search/?q=阿坞",
    ]
    # Supervision's screens (those a role may not open redirect or answer 404): the case list
    # filtered and searched, a case page, the receipt after intake, a partner's key page.
    case = site["case"]
    start += [
        "/admin/intake/",
        f"/admin/cases/?q=补贴&channel=station&real_name=1&received_on_from={case.received_on}",
        f"/admin/cases/{case.pk}/",
        f"/admin/intake/receipt/{RECEIPT_KEY}/",
        "/admin/identity-log/?case=6212",
        "/admin/open311-partners/new/",
        f"/admin/open311-partners/{Open311Partner.objects.get().pk}/key/",
        f"/admin/open311-partners/{Open311Partner.objects.get().pk}/reissue/",
        "/admin/complaint-categories/new/",
    ]
    # Data, not interface text: login names and the stable codes of categories and offices
    # (the keys import files use), which their snippet listings show.
    codes = set(PowerCategory.objects.values_list("code", flat=True))
    codes |= set(Office.objects.values_list("code", flat=True))
    codes |= set(ComplaintCategory.objects.values_list("code", flat=True))
    # Staff logins, the cases' receipt codes (ABCD-EFGH-JKLM) and partner key hints are data.
    codes |= set(site["users"])
    codes |= {format_code(c) for c in Complaint.objects.values_list("receipt_code", flat=True)}
    codes |= set(Open311Partner.objects.values_list("key_hint", flat=True))
    report = Report({"editor_awu", username, *codes})
    assert crawl(client, report, start) > len(start), "the crawl found no admin links"
    report.assert_clean()


def test_moderation_and_lock_banners_are_chinese(client, site):
    """The states a clerk meets most: a change awaiting the township's committee, a page
    another user locked."""
    tree = site["tree"]
    client.force_login(site["editor"])
    waiting = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    assert "此页面正在等待审核。" in waiting
    assert "被工作流锁定" in waiting

    client.force_login(login_as(site, "jiwei_awu"))
    reviewing = client.get(f"/admin/pages/{tree.awu_village.pk}/edit/").content.decode()
    assert "审核人可以编辑此页面" in reviewing
    locked = client.get(f"/admin/pages/{tree.xigu.pk}/edit/").content.decode()
    assert "已被其他用户锁定" in locked
    assert "被引用 0 次" in locked


def test_admin_javascript_catalog_translates_every_wagtail_string(client, db):
    """Wagtail's admin JavaScript (autosave, minimap, sidebar) reads /admin/jsi18n/, which
    merges locale/zh_Hans/LC_MESSAGES/djangojs.po over Wagtail's own catalog."""
    script = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    source = Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po"
    keys = [e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}" for e in parse_po(source)]
    assert not [key for key in keys if not catalog.get(key)], "untranslated in djangojs"
    assert catalog["Autosave in progress…"] == "正在自动保存…"


def test_login_page_is_chinese_and_carries_the_portals_name(client, db):
    report = Report(set())
    for url in ["/admin/login/", "/admin/password_reset/"]:
        response = client.get(url)
        assert response.status_code == 200
        report.check(url, response)
    report.assert_clean()

    login = client.get("/admin/login/").content.decode()
    assert "<title>登录 - 陇南市村级小微权力监督平台</title>" in login
    assert re.search(r"<h1>\s*陇南市村级小微权力监督平台\s*</h1>", login)
    assert "Wagtail" not in re.sub(r"(?s)<(script|svg).*?</\1>|<[^>]+>", "", login)
