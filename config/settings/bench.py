"""`make bench`: production settings plus the trivial baseline view (config/bench_urls.py).

The load generator is one client sending thousands of requests: per-client rate limits would
measure the 429 page, so they are lifted here (and only here)."""

from .production import *

ROOT_URLCONF = "config.bench_urls"
# The page cache and the page memory are on even with a local-memory cache: nothing is published
# while the bench measures, so no invalidation has to reach the other workers (production turns
# them on only with a shared cache: base.py SHARED_CACHE).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_MEMORY_ENABLED = env_bool("PAGE_MEMORY_ENABLED", True)
RATE_LIMITS = dict.fromkeys(
    ("pdf", "search", "api", "complaint", "track", "track_code", "open311"), "1000000/60"
)
