"""The permission probe: every URL pattern of the site, requested as the public and as each role,
answers what the permission table in docs/security.md ("Permission table (Part 9)") says.

The table is the source of truth: this module parses it. A pattern of the resolver (Wagtail's
admin and our hooks' URLs included, and each page type's own routes) that no row covers fails
`test_every_url_pattern_has_a_row`, naming it. Path parameters are filled with objects of one
seeded dataset (tests/portal/probe_data.py): one inside 宕昌县阿坞镇阿坞村, inside every role's
jurisdiction, and one in 武都区, outside all but the city's; a row's cell gives the outcome for
both, or `…; out …` for the outside object.

Requests are GETs, plus an empty POST for the rows the table lists with `POST`, each POST in a
savepoint rolled back at once, so no request changes what the next one sees.

To draft rows for new URLs, run with PERMISSION_PROBE_DRAFT=<dir>: each role's test then writes
what it observed to <dir>/<role>.json instead of comparing.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from tests.portal import probe_data
from tests.portal.probe_data import RECEIPT, ROLES

pytestmark = pytest.mark.django_db

SECURITY_MD = Path(__file__).resolve().parents[2] / "docs" / "security.md"
SECTION = "## Permission table (Part 9)"
PAGE_SERVE = r"^((?:[\w\-]+/)*)$"  # Wagtail's page tree: replaced by one row per page route


# --- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    inside: frozenset[str]
    outside: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Cell:
        inside, _sep, outside = text.strip().partition(";")
        inside_set = frozenset(t.strip() for t in inside.split("/"))
        if not outside:
            return cls(inside_set, inside_set)
        outside = outside.strip()
        assert outside.startswith("out "), f"cell {text!r}: after ';' comes 'out …'"
        return cls(inside_set, frozenset(t.strip() for t in outside[4:].split("/")))


def split_row(line: str) -> list[str]:
    """A Markdown table row's cells (an escaped \\| stays inside its cell)."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [c.strip().replace("\\|", "|") for c in cells]


def read_table(path: Path = SECURITY_MD) -> dict[str, dict[str, Cell]]:
    """{row key ("GET /path" or "POST /path", a wildcard ending in *): {role: Cell}}."""
    text = path.read_text(encoding="utf-8")
    assert SECTION in text, f"{path.name} has no section {SECTION!r}"
    lines = text.split(SECTION, 1)[1].splitlines()
    table_lines = []
    for line in lines:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            table_lines.append(line)
        elif table_lines:
            break
    header = split_row(table_lines[0])
    assert header[1:] == ROLES, f"the table's columns are {header[1:]}, expected {ROLES}"
    rows = {}
    for line in table_lines[2:]:
        cells = split_row(line)
        key = cells[0].strip("`")
        method, _sep, route = key.partition(" ")
        if not route:
            method, route = "GET", key
        assert method in {"GET", "POST"}, f"row {key!r}: method GET (default) or POST"
        rows[f"{method} {route}"] = {
            role: Cell.parse(cell) for role, cell in zip(ROLES, cells[1:], strict=True)
        }
    return rows


def row_for(rows: dict, key: str) -> dict | None:
    """The exact row, else the wildcard row with the longest matching prefix."""
    if key in rows:
        return rows[key]
    prefixes = [k for k in rows if k.endswith("*") and key.startswith(k[:-1])]
    return rows[max(prefixes, key=len)] if prefixes else None


# --- the resolver's patterns ------------------------------------------------------------------


def walk(patterns, prefix=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, (*prefix, p.pattern))
        else:
            yield (*prefix, p.pattern), p


def route_of(parts) -> str:
    return "/" + "".join(str(p) for p in parts)


def page_routes():
    """(`<page:Model>route`, model, route pattern or None) for every page type we serve."""
    for model in get_page_models():
        if model._meta.app_label == "wagtailcore":
            continue  # the root: never served
        name = f"<page:{model.__name__}>"
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                yield name + str(pattern.pattern), model, pattern.pattern
        else:
            yield name, model, None


def all_routes() -> list[str]:
    routes = [
        route_of(parts)
        for parts, _p in walk(get_resolver().url_patterns)
        if str(parts[-1]) != PAGE_SERVE
    ]
    routes += [key for key, _m, _p in page_routes()]
    return routes


# --- filling the parameters -------------------------------------------------------------------

# Path parameters by the longest matching route prefix: a kind of probe_data object (its pk;
# inside or outside), or a literal. Anything not named here gets a page (ints named *page*) or
# a literal that names nothing.
INSIDE, OUTSIDE = 0, 1

PARAMS = {
    "/admin/review/": {"pk": "village"},
    "/admin/catalog/": {"page_id": "catalog"},
    "/admin/catalog/imports/": {"job_id": "catalog_job"},
    "/admin/disclosures/": {"page_id": "disclosure", "line": 1},
    "/admin/disclosures/imports/": {"job_id": "disclosure_job"},
    "/admin/disclosure-schedule/": {"pk": "schedule"},
    "/admin/raw-value-access/": {"pk": "raw_access"},
    "/admin/intake/receipt/": {"key": RECEIPT},
    "/admin/cases/": {
        "pk": "case",
        "name": "accept",
        "flag": "hard_case",
        "attachment_pk": "attachment",
    },
    # The candidate belongs to the later case.
    "/admin/cases/<int:pk>/repeats/": {"pk": "repeat.case", "candidate": "repeat"},
    "/admin/cases/<int:pk>/holds/": {"pk": "hold.case", "hold": "hold"},
    "/admin/analysis/report/": {"pk": "monthly_report"},
    "/admin/ledger/exports/": {"pk": "ledger_export"},
    "/admin/ledger/import/": {"pk": "ledger_import"},
    "/admin/supervised-items/": {"pk": "supervised_item"},
    "/admin/reception-days/": {"pk": "reception_day"},
    "/admin/open311-partners/": {"pk": "partner"},
    "/admin/work-calendar/": {"pk": "calendar"},
    "/admin/complaint-categories/": {"pk": "category"},
    "/admin/deadline-rules/": {"pk": "deadline_rule"},
    "/admin/message-templates/": {"pk": "message_template"},
    "/admin/staff_profiles/": {"pk": "staff_profile"},
    "/admin/users/": {"pk": "user"},
    "/admin/two-factor/reset/": {"user_id": "user"},
    "/admin/groups/": {"pk": "group"},
    "/admin/sites/": {"pk": "site"},
    "/admin/api-tokens/": {"pk": "api_token"},
    "/admin/pages/": {"pk": "village"},
    "/admin/bulk/": {"app_label": "wagtailcore", "model_name": "page", "action": "publish"},
    "/admin/snippets/": {"pk": 1},
    # Wagtail's choosers answer a non-numeric pk with a 500 (its bug, not reachable by a link).
    "/admin/documents/chooser/": {"pk": 999999},
    "/admin/images/chooser/": {"pk": 999999},
    "/admin/pages/<int:page_id>/revisions/": {"revision_id": "village.revision"},
    "/admin/editing-sessions/": {
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": "village",
    },
    "/supervised/": {"pk": "supervised_item"},
    "/api/v1/villages/": {"code": "village.code"},
    "<page:VillagePage>": {"number": "1"},
    "<page:DisclosurePage>": {"revision_id": "disclosure.revision"},
}
LITERALS = {
    "content_type_app_name": "villages",
    "content_type_model_name": "villagepage",
    "app_label": "villages",
    "model_name": "villagepage",
    "app_name": "villages",
    "slug": "x",
    "action_name": "approve",
    "filter_spec": "original",
    "uidb64": "MQ",
    "token": "set-password",
    "str": "x",
}
# Regex patterns with groups: a path for each (inside, outside).
REGEX_SAMPLES = {
    "/documents/^(\\d+)/(.*)$": lambda p, side: "/documents/999999/missing.pdf",
    "/^(?P<page_path>(?:[\\w\\-]+/)+)data\\.(?P<fmt>csv|json)$": lambda p, side: (
        p.pair("disclosure")[side].url + "data.csv"
    ),
    "/open311/v2/^services\\.(?P<fmt>json|xml)$": lambda p, side: "/open311/v2/services.json",
    "/open311/v2/^services/(?P<code>[^/]+)\\.(?P<fmt>json|xml)$": lambda p, side: (
        "/open311/v2/services/subsidy.json"
    ),
    "/open311/v2/^requests\\.(?P<fmt>json|xml)$": lambda p, side: "/open311/v2/requests.json",
    "/open311/v2/^requests/(?P<request_id>[^/]+)\\.(?P<fmt>json|xml)$": lambda p, side: (
        f"/open311/v2/requests/{p.pair('case')[side].number}.json"
    ),
    "/open311/v2/^tokens/(?P<token>[^/]+)\\.(?P<fmt>json|xml)$": lambda p, side: (
        "/open311/v2/tokens/unknown.json"
    ),
    "/admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
    "(?P<revision_id_b>live|latest|\\d+)/$": lambda p, side: (
        f"/admin/pages/{p.pair('village')[side].pk}/revisions/compare/earliest...latest/"
    ),
    "/admin/^.*/$": lambda p, side: "/admin/no-such-screen/",
}
PAGE_OBJECTS = {
    "HomePage": "home",
    "CityPage": "city",
    "CountyPage": "county",
    "TownshipPage": "township",
    "VillagePage": "village",
    "PowerCatalogPage": "catalog",
    "PowerItemPage": "power_item",
    "DisclosurePage": "disclosure",
}


def value_of(probe, kind, side):
    if not isinstance(kind, str) or (kind not in _KINDS and "." not in kind):
        return kind
    kind, _dot, attribute = kind.partition(".")
    obj = probe.pair(kind)[side]
    if attribute == "revision":
        return obj.get_latest_revision().pk
    if attribute == "code":
        return obj.division_code
    if attribute == "case":
        return obj.case_id
    return obj.pk


_KINDS: set[str] = set()


def params_for(route: str) -> dict:
    merged: dict = {}
    for prefix in sorted((p for p in PARAMS if route.startswith(p)), key=len):
        merged.update(PARAMS[prefix])
    return merged


CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def fill(route: str, text: str, probe, side) -> str:
    given = params_for(route)

    def one(match):
        conv, name = match["conv"] or "str", match["name"]
        if name in given:
            return str(value_of(probe, given[name], side))
        if conv == "int":
            return str(probe.pair("village")[side].pk) if "page" in name else "999999"
        return LITERALS.get(name, LITERALS["str"])

    return CONVERTER.sub(one, text)


def strip_regex(text: str) -> str:
    assert "(" not in text, f"regex with groups needs a sample: {text}"
    return text.replace("^", "").replace("$", "").replace("\\", "")


def sample(route: str, parts, probe, side) -> str:
    if route in REGEX_SAMPLES:
        return REGEX_SAMPLES[route](probe, side)
    path = "/"
    for part in parts:
        text = str(part)
        path += strip_regex(text) if isinstance(part, RegexPattern) else text
    return fill(route, path, probe, side)


def samples(probe) -> dict[str, tuple[str, str]]:
    """{route: (inside URL, outside URL)} for every route of `all_routes`."""
    found = {}
    for parts, _pattern in walk(get_resolver().url_patterns):
        route = route_of(parts)
        if str(parts[-1]) == PAGE_SERVE:
            continue
        found[route] = tuple(sample(route, parts, probe, side) for side in (INSIDE, OUTSIDE))
    for key, model, pattern in page_routes():
        kind = PAGE_OBJECTS[model.__name__]
        urls = []
        for side in (INSIDE, OUTSIDE):
            url = urlparse(probe.pair(kind)[side].url).path
            if pattern is not None:
                url += fill(key, str(pattern), probe, side)
            urls.append(url)
        found[key] = tuple(urls)
    return found


# --- the dataset and the requests ---------------------------------------------------------------


@pytest.fixture(scope="module")
def probe(django_db_setup, django_db_blocker):
    """One dataset for the module, rolled back afterwards."""
    from django.test import override_settings

    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_db_blocker.unblock(), override_settings(TASKS=dummy), transaction.atomic():
        built = probe_data.build()
        home = built.tree.city.get_parent().specific
        for kind, pair in {
            "home": (home, home),
            "city": (built.tree.city, built.tree.city),
            "county": (built.tree.tanchang, built.tree.wudu),
            "township": (built.tree.awu, built.tree.puchi),
        }.items():
            built.objects[kind] = pair
        _KINDS.update(built.objects)
        built.samples = samples(built)
        yield built
        transaction.set_rollback(True)


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        location = urlparse(response["Location"]).path
        if location.endswith("/login/"):
            return "login"
        if location == "/admin/":
            return "home"
        return "302"
    return str(code)


def shared_out(role, rows, routes, everything=False) -> list[str]:
    """The routes `role` requests: all of ours; of Wagtail's own (covered by a `*` row), the
    public requests all and each signed-in column every eighth, in turn, so that each is asked
    by someone signed in while the probe stays quick."""
    signed_in = ROLES[1:]
    mine, turn = [], 0
    for route in routes:
        if f"GET {route}" in rows or role == "public" or everything:
            mine.append(route)
            continue
        if turn % len(signed_in) == signed_in.index(role):
            mine.append(route)
        turn += 1
    return mine


def observe(probe, role, rows, everything=False) -> dict[str, tuple[str, str | None]]:
    """{row key: (inside outcome, outside outcome or None when the URL is the same)}."""
    client = Client(raise_request_exception=False)
    user = probe.users[role]
    seen = {}
    # Logging out ends the session: last.
    keys = sorted(probe.samples, key=lambda r: "logout" in r)
    requests = [("GET", route) for route in shared_out(role, rows, keys, everything)]
    requests += [
        tuple(key.split(" ", 1)) for key in rows if key.startswith("POST ") and "*" not in key
    ]
    timings = {}
    for method, route in requests:
        started = time.perf_counter()
        inside, outside = probe.samples[route]
        results = []
        for url in (inside, outside) if outside != inside else (inside,):
            if user is not None:
                client.force_login(user)
            if method == "GET":
                results.append(outcome(client.get(url)))
            else:
                with transaction.atomic():
                    results.append(outcome(client.post(url, {})))
                    transaction.set_rollback(True)
        seen[f"{method} {route}"] = (results[0], results[1] if len(results) > 1 else None)
        timings[f"{method} {route}"] = time.perf_counter() - started
    observe.timings = timings
    return seen


def test_every_url_pattern_has_a_row():
    rows = read_table()
    missing = [route for route in all_routes() if row_for(rows, f"GET {route}") is None]
    assert not missing, (
        "URL patterns missing from the permission table in docs/security.md "
        f"({SECTION}); add a row for each: " + ", ".join(missing)
    )


def test_every_row_names_a_url_pattern():
    routes = all_routes()
    stale = []
    for key in read_table():
        route = key.split(" ", 1)[1]
        if route.endswith("*"):
            matched = any(r.startswith(route[:-1]) for r in routes)
        else:
            matched = route in routes
        if not matched:
            stale.append(key)
    assert not stale, f"rows naming no URL pattern: {stale}"


def bare(route: str) -> str:
    """A route without regex anchors (a resolved match's route drops some of them)."""
    return route.replace("^", "").replace("$", "")


def test_samples_reach_their_own_pattern(probe):
    """Each filled-in URL resolves to the pattern it stands for (else the probe tests another)."""
    wrong = []
    for route, urls in probe.samples.items():
        if route.startswith("<page:"):
            continue
        for url in set(urls):
            match = resolve(urlparse(url).path)
            if bare("/" + match.route) != bare(route):
                wrong.append(f"{route} -> {url} -> /{match.route}")
    assert not wrong, wrong


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_as_the_table_says(probe, role):
    rows = read_table()
    draft = os.environ.get("PERMISSION_PROBE_DRAFT")
    seen = observe(probe, role, rows, everything=bool(draft))
    if draft:
        Path(draft, f"{role}.json").write_text(json.dumps(seen, indent=1), encoding="utf-8")
        Path(draft, f"{role}.time.json").write_text(json.dumps(observe.timings, indent=1))
        return
    wrong = []
    for key, (inside, outside) in seen.items():
        row = row_for(rows, key)
        if row is None:
            continue  # named by test_every_url_pattern_has_a_row
        cell = row[role]
        if inside not in cell.inside:
            wrong.append(f"{key} ({probe.samples[key.split(' ', 1)[1]][0]}): {inside}")
        if outside is not None and outside not in cell.outside:
            wrong.append(f"{key} outside ({probe.samples[key.split(' ', 1)[1]][1]}): {outside}")
    assert not wrong, f"{role}: answers not in the table:\n" + "\n".join(wrong)
