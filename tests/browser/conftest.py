"""Browser tests: real Chromium (Playwright) against a real server running in a subprocess.

One server per test session: `migrate` and `seed_demo` (the full Longnan demo) on a fresh database
of its own, then `manage.py runserver --noreload` under config.settings.dev with DEBUG off, so the
real 404 and 500 pages show and static files come through whitenoise as in production. The
database is a temporary SQLite file or, when DATABASE_URL names PostgreSQL (CI's second leg), a
separate `<db>_e2e` database, dropped and recreated before the run and dropped after it. The
server's output is copied to var/test-artifacts/e2e-server.log and its end is shown under any
failed browser test.

Chromium is Debian's /usr/bin/chromium (CHROMIUM_EXECUTABLE overrides); never `playwright
install`. Without it the browser tests fail, they do not skip.

Tests talk HTTP to that server only and never touch the ORM: the Playwright sync API runs an
asyncio loop in this thread, which would trip Django's SynchronousOnlyOperation guard. For the
same reason Playwright lives only as long as this package's tests (package-scoped fixtures), so
database tests collected after them are unaffected.

Every test collected under tests/browser/ gets the `browser` marker (`make test-fast` skips them
with `-m "not browser"`; no server or browser is started then).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psycopg
import pytest
from psycopg import sql

REPO_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_DIR / "var" / "test-artifacts"
BROWSER_DIR = Path(__file__).resolve().parent

CHROMIUM = os.environ.get("CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# What the server subprocess gets on top of the inherited environment.
SERVER_SETTINGS = "config.settings.dev"
# Its own key: never inherit a real SECRET_KEY from the environment.
SERVER_SECRET_KEY = "test-browser-e2e-not-a-secret"
SETUP_TIMEOUT = 300  # seconds for migrate + seed_demo
STARTUP_TIMEOUT = 60  # seconds for the server to answer /healthz

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}

# 360 x 740 CSS px: a common low-end Android phone, what many villagers carry.
MOBILE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


# --- marking ------------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser/ `browser`, before `-m` deselection runs."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so fixtures can tell whether the test failed, and
    show the end of the server's log under a failed browser test (a 500's traceback is there)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    server = getattr(item, "funcargs", {}).get("portal_server")
    if report.when == "call" and report.failed and isinstance(server, PortalServer):
        report.sections.append((f"test server log, end ({server.database})", server.log_tail()))
    return report


# Figures a browser test reports (the audits' scores and sizes): tests must not print, so they
# append lines here and the run's terminal summary shows them.
REPORTED_FIGURES = pytest.StashKey[list[str]]()


def report_figures(config: pytest.Config, *lines: str) -> None:
    config.stash.setdefault(REPORTED_FIGURES, []).extend(lines)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(REPORTED_FIGURES, [])
    if lines:
        terminalreporter.section("browser audit figures")
        for line in lines:
            terminalreporter.write_line(line)


# --- the server ---------------------------------------------------------------------------------


@dataclass
class PortalServer:
    url: str  # http://127.0.0.1:<port>, no trailing slash
    log_path: Path
    database: str  # what it runs on, for messages: "sqlite:<file>" or "postgresql:<name>"

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log_path, lines)


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return "(no output)"
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme.lower() in POSTGRES_SCHEMES


def _admin_connection(url: str) -> psycopg.Connection:
    """A connection to the `postgres` maintenance database of the server that `url` names."""
    cfg = dj_database_url.parse(url)
    params = {
        "dbname": "postgres",
        "user": cfg.get("USER") or None,
        "password": cfg.get("PASSWORD") or None,
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
    }
    params.update(cfg.get("OPTIONS") or {})
    return psycopg.connect(
        autocommit=True, **{key: value for key, value in params.items() if value is not None}
    )


def _recreate_postgres_database(url: str, name: str) -> None:
    with _admin_connection(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_postgres_database(url: str, name: str) -> None:
    with _admin_connection(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


# `manage.py migrate --no-input` then `manage.py seed_demo`, in one process to pay Django's start-up
# (about a second) once.
SETUP_SCRIPT = """
import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0)
call_command("seed_demo", allow_production=True)  # a throwaway database: always allowed
"""


def _run_setup(env: dict[str, str], log_path: Path) -> None:
    """Migrate and seed; fail the session's browser tests with the output if that fails."""
    command = [sys.executable, "-c", SETUP_SCRIPT]
    try:
        result = subprocess.run(
            command,
            cwd=REPO_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        result = None
    if result is None:
        pytest.fail(f"migrate + seed_demo took over {SETUP_TIMEOUT}s", pytrace=False)
    with log_path.open("a", encoding="utf-8") as log:
        log.write("$ manage.py migrate --no-input && manage.py seed_demo\n")
        log.write(f"{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        pytest.fail(
            f"Browser-test server setup failed: migrate + seed_demo exited with "
            f"{result.returncode}.\n{tail}",
            pytrace=False,
        )


def _launch_server(env: dict[str, str], log_path: Path, port: int) -> subprocess.Popen:
    args = ["runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]  # migrate checked
    with log_path.open("a", encoding="utf-8") as log:
        log.write(f"$ manage.py {' '.join(args)}\n")
        log.flush()
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=REPO_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _wait_until_healthy(process: subprocess.Popen, url: str) -> str | None:
    """None once /healthz answers 200; otherwise what went wrong."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"exited with {process.returncode} before answering {url}/healthz"
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return None
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = str(error)
        time.sleep(0.1)
    return f"did not answer {url}/healthz within {STARTUP_TIMEOUT}s (last: {last_error})"


def _start_server(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, str]:
    """Serve on a free port; another port if that one was taken in the meantime."""
    attempts = 3
    for attempt in range(1, attempts + 1):
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        process = _launch_server(env, log_path, port)
        problem = _wait_until_healthy(process, url)
        if problem is None:
            return process, url
        _stop(process)
        if attempt < attempts and "already in use" in _tail(log_path, 5):
            continue
        pytest.fail(
            f"Browser-test server {problem}. Its output ends with:\n{_tail(log_path)}",
            pytrace=False,
        )
    raise AssertionError("unreachable")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory) -> Iterator[PortalServer]:
    """A real server (runserver, DEBUG off) on a fresh database seeded with the demo data."""
    workdir = tmp_path_factory.mktemp("e2e-server")
    log_path = workdir / "server.log"
    (workdir / "static").mkdir()  # STATIC_ROOT; whitenoise warns when it is missing

    outer_url = os.environ.get("DATABASE_URL", "")
    pg_name = ""
    if outer_url and _is_postgres(outer_url):
        base_name = urlsplit(outer_url).path.lstrip("/") or "postgres"
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        pg_name = f"{base_name}_e2e" + (f"_{worker}" if worker else "")
        problem = None
        try:
            _recreate_postgres_database(outer_url, pg_name)
        except psycopg.Error as error:
            problem = error
        if problem is not None:
            message = f"Could not create PostgreSQL database {pg_name!r}: {problem}"
            pytest.fail(message, pytrace=False)
        database_url = urlsplit(outer_url)._replace(path=f"/{pg_name}").geturl()
        database = f"postgresql:{pg_name}"
    else:
        database_url = f"sqlite:///{workdir / 'e2e.sqlite3'}"
        database = f"sqlite:{workdir / 'e2e.sqlite3'}"
    log_path.write_text(f"# browser-test server database: {database}\n", encoding="utf-8")

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DEBUG": "0",
        "SECRET_KEY": SERVER_SECRET_KEY,
        "DATABASE_URL": database_url,
        "VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": "",  # local memory: nothing shared with other runs
        # No task worker runs beside the test server: run background tasks inline.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    process = None
    try:
        _run_setup(env, log_path)
        process, url = _start_server(env, log_path)
        yield PortalServer(url=url, log_path=log_path, database=database)
    finally:
        if process is not None:
            _stop(process)
        # Keep the server's log next to the screenshots for CI to upload.
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        if log_path.exists():
            shutil.copyfile(log_path, ARTIFACTS_DIR / "e2e-server.log")
        if pg_name:
            _drop_postgres_database(outer_url, pg_name)


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium. Missing, it fails loudly (CI must not pass by skipping), and before
    the server is built (open_page asks for the browser first)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install the Debian package "
            "(`make test-system-deps`, i.e. apt-get install chromium) or point "
            "CHROMIUM_EXECUTABLE at a Chromium binary. Do not run `playwright install`.",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="package")
def browser(chromium_executable):
    """Headless Chromium for this package's tests, then Playwright's event loop is gone."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """var/test-artifacts/ (gitignored): journey screenshots, failure screenshots, server log."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS_DIR.glob("*-failure-*.png"):  # from an earlier run
        stale.unlink(missing_ok=True)
    return ARTIFACTS_DIR


@dataclass
class PageProblems:
    """What went wrong in the page that the user does not necessarily see."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)  # responses with status >= 500


def _note_console_error(found: PageProblems, message) -> None:
    if message.type != "error":
        return
    source = (message.location or {}).get("url", "")
    # Chromium asks for /favicon.ico by itself and logs its 404; the site has no favicon (yet).
    if urlsplit(source).path == "/favicon.ico":
        return
    found.console_errors.append(f"{message.text} ({source})" if source else message.text)


@pytest.fixture
def open_page(request, browser, portal_server, artifacts_dir) -> Iterator[Callable]:
    """Factory: `open_page(locale="zh-CN", java_script_enabled=True)` gives a fresh page on a
    360 px touch phone whose base URL is the test server (so `page.goto("/")` works).
    `bypass_csp=True` lets a test inject its own script (axe-core) past the site's strict CSP.

    The page's console errors, uncaught script errors and 5xx responses are collected on
    `open_page.problems[page]`. If the test fails, a screenshot of every page it opened is saved
    to var/test-artifacts/<test name>-failure-<n>.png.
    """
    contexts = []
    problems: dict = {}

    def factory(locale: str = "zh-CN", java_script_enabled: bool = True, bypass_csp: bool = False):
        context = browser.new_context(
            **MOBILE,
            locale=locale,
            java_script_enabled=java_script_enabled,
            bypass_csp=bypass_csp,
            base_url=portal_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        found = problems[page] = PageProblems()
        page.on("console", lambda message: _note_console_error(found, message))
        page.on("pageerror", lambda error: found.page_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                found.server_errors.append(f"{response.status} {response.url}")
                if response.status >= 500
                else None
            ),
        )
        return page

    factory.problems = problems
    yield factory

    call_report = getattr(request.node, "rep_call", None)
    if call_report is not None and call_report.failed:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        shot = 0
        for context in contexts:
            for page in context.pages:
                shot += 1
                # A failed screenshot must not hide the test's own failure.
                with contextlib.suppress(Exception):
                    page.screenshot(
                        path=str(artifacts_dir / f"{name}-failure-{shot}.png"), full_page=True
                    )
    for context in contexts:
        context.close()


# --- the second step of the admin sign-in -------------------------------------------------------

# The demo logins that must have a second factor carry the published demo key (README "Demo
# logins"); a code is accepted once, so each sign-in of the same login within one 30-second step
# uses the next step's code (the server accepts one step of drift), or waits for a fresh step.
_last_step_used: dict[str, int] = {}


def _fresh_demo_code(username: str) -> str:
    from villages.demo.totp import STEP, demo_code

    now_step = int(time.time()) // STEP
    step = max(now_step, _last_step_used.get(username, -1) + 1)
    if step > now_step + 1:
        time.sleep((step - 1) * STEP - time.time() + 0.5)
        now_step = int(time.time()) // STEP
        step = max(now_step, _last_step_used.get(username, -1) + 1)
    _last_step_used[username] = step
    return demo_code(step * STEP + 1)


def pass_second_step(page, username: str) -> None:
    """After the password: give the demo key's code if the server asks for one."""
    if "/admin/two-factor/verify/" not in page.url:
        return
    page.fill("#id_code", _fresh_demo_code(username))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
