"""What `make bench` measures. Adding a case is one line in CASES.

Two kinds of case:

* HTTP cases (``Case(name, path)``) are requested through gunicorn by the load generator, with
  the same concurrency as every other HTTP case, and their SQL queries are counted in-process.
  Their throughput is reported as a ratio to the baseline case (the trivial Django view).
* Call cases (``Case(name, call="package.module:factory", args=(...))``) are timed in-process,
  one call at a time, in a fresh Django process with the same settings and database as
  gunicorn. The factory is called once with ``args`` (JSON-serialisable), untimed, and returns
  the zero-argument callable that is timed ``repeat`` times after ``warmup`` untimed calls. Use
  them for slow work (a PDF) or work that is not a plain GET (an export, a task body). See
  ``tests.bench.calls``.

This module imports nothing from Django: the harness process stays light and never touches the
database itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    path: str | None = None  # HTTP GET through gunicorn
    call: str | None = None  # "module:factory", timed in-process
    args: tuple = ()  # call cases only: arguments for the factory
    contains: str | None = None  # text the response body must contain (checked once per run)
    baseline: bool = False  # the case every other HTTP case's req/s is divided by
    weight: int = 1  # HTTP cases: measured requests = weight x --requests (for very fast cases)
    repeat: int = 30  # call cases only: timed calls
    warmup: int = 3  # call cases only: untimed calls first
    # Scenario cases: "module:function(case, options, env, server) -> dict", run once gunicorn
    # is up; ``scenario_path`` is the page they load meanwhile (tests.bench.import_load).
    scenario: str | None = None
    scenario_path: str | None = None
    # HTTP cases: which server answers. "portal": ours as in production (page cache on);
    # "uncached": ours with PAGE_CACHE_ENABLED=0 (every request renders); "plain": the bare
    # `wagtail start` project the harness builds beside ours (tests.bench.plain).
    server: str = "uncached"
    plain_reference: bool = False  # the plain Wagtail page every HTTP case is also divided by

    def __post_init__(self):
        if sum(x is not None for x in (self.path, self.call, self.scenario)) != 1:
            raise ValueError(f"case {self.name!r}: give exactly one of path=, call= or scenario=")

    @property
    def is_http(self) -> bool:
        return self.path is not None


VILLAGE = "/longnan/tanchang/awu/awu/"  # 宕昌县阿坞镇阿坞村, the demo's reference village

CASES: list[Case] = [
    # ~25x faster than a page: 4x the requests so that its rounds are not a blink.
    Case("trivial Django view", "/bench/trivial", contains="ok", baseline=True, weight=4),
    # Part 9: a bare `wagtail start` project's home page, same gunicorn settings, same run.
    Case(
        "plain Wagtail home",
        "/",
        contains="Welcome to your new Wagtail site",
        server="plain",
        plain_reference=True,
    ),
    # Page cases without "cached" are served with the page cache off (a server of their own with
    # PAGE_CACHE_ENABLED=0): every request renders. "cached" cases ask the production server,
    # which answers all but the first request from the shared cache.
    Case("home page", "/", contains="宕昌县"),
    Case("home page, cached", "/", contains="宕昌县", server="portal", weight=2),
    Case("city page", "/longnan/", contains="宕昌县"),
    Case("county page", "/longnan/tanchang/", contains="阿坞镇"),
    Case("township page", "/longnan/tanchang/awu/", contains="阿坞村"),
    Case("village page", VILLAGE, contains="阿坞村纪检监察工作联络站"),
    Case(
        "village page, cached",
        VILLAGE,
        contains="阿坞村纪检监察工作联络站",
        server="portal",
        weight=2,
    ),
    Case("village page, in-process", call="tests.bench.calls:client_get", args=(VILLAGE,)),
    Case("village power list", VILLAGE + "power/", contains="重大事项决策"),
    Case(
        "village power list, cached",
        VILLAGE + "power/",
        contains="重大事项决策",
        server="portal",
        weight=2,
    ),
    Case("responsibility list", VILLAGE + "responsibilities/", contains="村党组织书记"),
    Case("risk list", VILLAGE + "risks/", contains="风险"),
    Case("power item with flowchart", VILLAGE + "power/1/", contains="<svg"),
    Case("power item, cached", VILLAGE + "power/1/", contains="<svg", server="portal", weight=2),
    Case("village affairs (村务公开)", VILLAGE + "affairs/", contains="村务公开"),
    Case("disclosure page", VILLAGE + "finance-2025-01/", contains="财务收支"),
    Case("search 低保", "/search/?q=%E4%BD%8E%E4%BF%9D", contains="最低生活保障"),
    Case(
        "search 低保, cached",
        "/search/?q=%E4%BD%8E%E4%BF%9D",
        contains="最低生活保障",
        server="portal",
        weight=2,
    ),
    # Target (issue 3): a 40-item booklet in under 5 s on this machine. Built uncached.
    Case(
        "village booklet PDF (uncached)",
        call="tests.bench.calls:booklet",
        args=("621223106205",),
        repeat=3,
        warmup=1,
    ),
    # Issue 6: preview + confirm of a 10,000-item catalog CSV (wall time, peak RSS) and the
    # village page's latency meanwhile, against the same page at rest.
    Case(
        "catalog import 10,000 items under load",
        scenario="tests.bench.import_load:run_scenario",
        scenario_path=VILLAGE,
    ),
    # Issue 8: villagers' online submissions per second on the workers, p99, and every accepted
    # submission found in the database once (retried submits included).
    Case(
        "online complaint submissions",
        scenario="tests.bench.complaint_load:run_scenario",
        scenario_path=VILLAGE + "complaint/",
    ),
    # Issue 9: the warning job over 100,000 open cases (time, queries; a second run sends
    # nothing) and a county's case list at 1,000 and 100,000 cases (p50/p99, SQL per page), on
    # PostgreSQL: a database of its own when the bench's is SQLite, SKIPPED if unreachable.
    Case(
        "open cases at scale: warning job, county case list",
        scenario="tests.bench.case_scale:run_scenario",
        scenario_path="/admin/cases/",
    ),
    # Issue 10: a 100,000-row subsidy workbook imported into one disclosure (preview + confirm:
    # wall time, peak RSS; targets < 60 s, < 500 MB) against django-import-export's default
    # row-by-row import_data of the same file (measured on a prefix and scaled, said in the
    # output; target >= 5x faster). BENCH_CASES=subsidy-import make bench.
    Case(
        "subsidy-import: 100,000-row workbook, ours vs the library default",
        scenario="tests.bench.subsidy_import:run_scenario",
        scenario_path=VILLAGE,
    ),
    # Issue 11: the ledger (台账) export of 100,000 cases to XLSX and to CSV, each the task's
    # body in its own subprocess (wall, CPU, peak RSS; targets < 30 s, < 300 MB each).
    # BENCH_CASES=ledger-export make bench.
    Case(
        "ledger-export: 100,000 cases to XLSX and CSV",
        scenario="tests.bench.ledger_export:run_scenario",
    ),
    # Issue 11: the monthly report PDF of a county with 10,000 cases in the month (target
    # < 10 s), BENCH_CASES=monthly-report; the 一月一分析 dashboard over 100,000 cases on
    # PostgreSQL, response time and SQL queries for the county and the city,
    # BENCH_CASES=dashboard (tests.bench.analysis_scale).
    Case(
        "monthly-report: county PDF, 10,000 cases in the month",
        scenario="tests.bench.analysis_scale:run_report_scenario",
        scenario_path=VILLAGE,
    ),
    Case(
        "dashboard: 一月一分析 over 100,000 cases (PostgreSQL)",
        scenario="tests.bench.analysis_scale:run_dashboard_scenario",
        scenario_path="/admin/analysis/",
    ),
    # Part 9: province scale. A kept PostgreSQL database seeded once by seed_scale (16,000
    # villages, 1,000,000 cases): village page uncached, intake/s, dashboard county and city,
    # province-wide search, ledger export and monthly PDF. BENCH_CASES=province make bench, or
    # make bench-scale (tests.bench.province_scale).
    Case(
        "province scale: 16,000 villages, 1,000,000 cases (PostgreSQL, seed_scale)",
        scenario="tests.bench.province_scale:run_scenario",
        scenario_path="/search/",
    ),
]


def select(names: list[str] | None) -> list[Case]:
    """The cases whose name contains one of ``names`` (case-insensitive), always with the
    baseline so that ratios can be computed. No names: every case."""
    if not names:
        return list(CASES)
    wanted = [n.strip().lower() for n in names if n.strip()]
    chosen = [c for c in CASES if c.baseline or any(w in c.name.lower() for w in wanted)]
    unknown = [w for w in wanted if not any(w in c.name.lower() for c in CASES)]
    if unknown:
        raise SystemExit(f"bench: no case matches {unknown!r}; known: {[c.name for c in CASES]}")
    return chosen
