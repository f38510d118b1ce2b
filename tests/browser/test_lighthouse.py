"""Lighthouse, mobile preset, on a village page of the seeded test server (issue item 7).

A villager on a low-end phone over a weak 4G signal: performance and accessibility at least 95,
under 150 KiB on the wire and under 30 KiB of JavaScript. The figures are shown in the run's
terminal summary ("browser audit figures") and under a failure, and written to
var/test-artifacts/lighthouse-figures.json; the report itself is
var/lighthouse/lighthouse-<run>.json. How it runs: tests/bench/lighthouse.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from tests.bench import lighthouse

from .conftest import ARTIFACTS_DIR, report_figures

pytestmark = pytest.mark.browser

VILLAGE = "/longnan/tanchang/awu/awu/"  # 阿坞村: station, section links and township figures


def test_village_page_is_light_and_fast_on_a_throttled_phone(
    request, portal_server, chromium_executable
):
    runs: list[str] = []
    try:
        figures = lighthouse.run(portal_server.url + VILLAGE, log=runs.append)
    except lighthouse.LighthouseError as error:
        pytest.fail(str(error), pytrace=False)
    report_figures(request.config, "Lighthouse, mobile, village page:", *runs, figures.table())
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS_DIR / "lighthouse-figures.json").write_text(
        json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8"
    )
    assert figures.url.endswith(VILLAGE), f"Lighthouse ended at {figures.url}"
    assert not figures.problems(), "Below the bar:\n" + "\n".join(
        [*figures.problems(), figures.table()]
    )
