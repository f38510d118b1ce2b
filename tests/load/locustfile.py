"""Mixed load for `make loadtest` (Part 9): villagers reading, complaints arriving, staff working
and an import running, against gunicorn on loopback. Run by tests/load/run.py (never by pytest:
locust monkey-patches the standard library when imported, so this file is not named test_*).

Each receipt code a complaint got is appended to LOAD_RECEIPTS (one "marker-number code" line),
so the runner can check afterwards that every acknowledged complaint is in the database once.
"""

from __future__ import annotations

import html
import os
import random
import re
import threading

import gevent
from locust import HttpUser, between, task

VILLAGE = "/longnan/tanchang/awu/awu/"
VILLAGES = [VILLAGE, "/longnan/tanchang/awu/"]
SEARCHES = ["低保", "补贴", "宅基地", "土地流转"]
PASSWORD = os.environ.get("LOAD_STAFF_PASSWORD", "demo-pass-2026")
MARKER = os.environ.get("LOAD_MARKER", "LOAD")
RECEIPTS = os.environ.get("LOAD_RECEIPTS", "var/loadtest/receipts.txt")

INPUT_RE = re.compile(r"<input[^>]*>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
CODE_RE = re.compile(r"\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LINK_RE = re.compile(r'href="(/longnan/tanchang/awu/awu/[^"#?]+/)"')
CASE_RE = re.compile(r'href="(/admin/cases/(\d+)/)"')
CATALOG_RE = re.compile(r"/admin/catalog/(\d+)/import/")
JOB_RE = re.compile(r"/admin/catalog/imports/(\d+)/")

_lock = threading.Lock()
_numbers = iter(range(1, 10**9))


def _hidden_and_radio(page: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag in INPUT_RE.findall(page):
        attrs = {k: html.unescape(v) for k, v in ATTR_RE.findall(tag)}
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if name and (
            kind == "hidden" or (kind == "radio" and (name not in fields or "checked" in tag))
        ):
            fields[name] = attrs.get("value", "")
    return fields


def _sign_in(user: HttpUser, username: str) -> None:
    page = user.client.get("/admin/login/", name="staff: sign-in form")
    token = CSRF_RE.search(page.text).group(1)
    with user.client.post(
        "/admin/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": "/admin/",
        },
        headers={"Referer": user.host + "/admin/login/"},
        name="staff: sign in",
        catch_response=True,
    ) as response:
        if "sessionid" not in user.client.cookies:
            response.failure(f"{username} could not sign in")


class Villager(HttpUser):
    """Reads the public site: home, a village, its lists and items, 村务公开, search, a PDF."""

    weight = 12
    wait_time = between(1, 4)

    def on_start(self):
        self.links: list[str] = []

    @task(3)
    def home(self):
        self.client.get("/", name="villager: home")

    @task(5)
    def village(self):
        page = self.client.get(random.choice(VILLAGES), name="villager: village page")
        if not self.links:
            self.links = sorted(set(LINK_RE.findall(page.text)))

    @task(4)
    def power_list(self):
        self.client.get(VILLAGE + "power/", name="villager: power list")

    @task(4)
    def power_item(self):
        self.client.get(VILLAGE + f"power/{random.randint(1, 12)}/", name="villager: power item")

    @task(3)
    def affairs(self):
        self.client.get(VILLAGE + "affairs/", name="villager: 村务公开")

    @task(2)
    def other_page(self):
        if self.links:
            self.client.get(random.choice(self.links), name="villager: other village page")

    @task(2)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(SEARCHES)}, name="villager: search")

    @task(1)
    def pdf(self):
        # The item sheet PDF: built by the worker the first time (the page says so), then served.
        number = random.randint(1, 12)
        self.client.get(VILLAGE + f"power/{number}/pdf/", name="villager: item PDF")


class Complainant(HttpUser):
    """GETs the complaint form, POSTs it with its CSRF token and one-time key, reads the code."""

    weight = 3
    wait_time = between(2, 6)

    @task
    def complain(self):
        form = self.client.get(VILLAGE + "complaint/", name="complaint: form")
        data = _hidden_and_radio(form.text)
        with _lock:
            number = next(_numbers)
        label = f"{MARKER}-{os.getpid()}-{number}"
        data.update(
            {
                "kind": "petition",
                "category": "subsidy",
                "description": f"压测：惠民补贴发放名单没有按时公示。{label}",
                "place": "",
                "website": "",
            }
        )
        url = self.host + VILLAGE + "complaint/"
        with self.client.post(
            VILLAGE + "complaint/",
            data=data,
            headers={"Referer": url},
            name="complaint: submit",
            catch_response=True,
        ) as response:
            match = CODE_RE.search(response.text) if response.status_code == 200 else None
            if not match:
                response.failure(f"no receipt code ({response.status_code})")
                return
        with _lock, open(RECEIPTS, "a", encoding="utf-8") as out:
            out.write(f"{label} {match.group(1)}\n")


class Staff(HttpUser):
    """The county petition office: the case list, a case, now and then a staged feedback."""

    weight = 2
    wait_time = between(2, 5)

    def on_start(self):
        _sign_in(self, "petition_tanchang")
        self.cases: list[str] = []

    @task(4)
    def case_list(self):
        page = self.client.get("/admin/cases/", name="staff: case list")
        found = [url for url, _pk in CASE_RE.findall(page.text)]
        if found:
            self.cases = found

    @task(4)
    def case_page(self):
        if self.cases:
            self.client.get(random.choice(self.cases), name="staff: case page")

    @task(1)
    def feedback(self):
        listing = self.client.get("/admin/cases/?state=in_progress", name="staff: case list")
        open_cases = [url for url, _pk in CASE_RE.findall(listing.text)]
        if not open_cases:
            return
        url = random.choice(open_cases)
        page = self.client.get(url, name="staff: case page")
        start = page.text.find(f'action="{url}act/feedback/"')
        if start < 0:
            return  # not in a state that takes feedback
        # The action's own form: its hidden fields (CSRF, the page's version token), prefixed.
        data = _hidden_and_radio(page.text[start : page.text.find("</form>", start)])
        data["feedback-public_text"] = "已联系村委会核实，正在办理。"
        with self.client.post(
            url + "act/feedback/",
            data=data,
            headers={"Referer": self.host + url},
            name="staff: feedback",
            catch_response=True,
        ) as response:
            if "已添加阶段反馈" not in response.text:
                response.failure("feedback not confirmed")


class Importer(HttpUser):
    """The county's catalog exported as a workbook and imported again (preview in the task
    worker, then the job page polled until the preview is ready) every so often."""

    weight = 1
    fixed_count = 1
    wait_time = between(20, 40)

    def on_start(self):
        _sign_in(self, "petition_tanchang")
        home = self.client.get("/admin/", name="staff: dashboard")
        match = CATALOG_RE.search(home.text)
        self.catalog = match.group(1) if match else None

    @task
    def import_catalog(self):
        if self.catalog is None:
            return
        base = f"/admin/catalog/{self.catalog}/"
        workbook = self.client.get(base + "export/?format=xlsx", name="import: export workbook")
        form = self.client.get(base + "import/", name="import: form")
        token = CSRF_RE.search(form.text).group(1)
        with self.client.post(
            base + "import/",
            data={"csrfmiddlewaretoken": token},
            files={"xlsx": ("catalog.xlsx", workbook.content)},
            headers={"Referer": self.host + base + "import/"},
            name="import: upload",
            catch_response=True,
        ) as response:
            job = JOB_RE.search(response.url or "")
            if not job:
                response.failure("the upload did not start an import job")
                return
        for _ in range(30):
            page = self.client.get(
                f"/admin/catalog/imports/{job.group(1)}/", name="import: job page"
            )
            if 'http-equiv="refresh"' not in page.text:
                break
            gevent.sleep(2)
