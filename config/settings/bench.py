"""`make bench`: production settings plus the trivial baseline view (config/bench_urls.py).

The load generator is one client sending thousands of requests: per-client rate limits would
measure the 429 page, so they are lifted here (and only here)."""

from .production import *

ROOT_URLCONF = "config.bench_urls"
RATE_LIMITS = {"pdf": "1000000/60", "search": "1000000/60", "api": "1000000/60"}
