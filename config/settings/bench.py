"""`make bench`: production settings plus the trivial baseline view (config/bench_urls.py).

The load generator is one client sending thousands of requests: per-client rate limits would
measure the 429 page, so they are lifted here (and only here)."""

from .production import *

ROOT_URLCONF = "config.bench_urls"
RATE_LIMITS = dict.fromkeys(
    ("pdf", "search", "api", "complaint", "track", "track_code", "open311"), "1000000/60"
)
