"""`make bench`: production settings plus the trivial baseline view (config/bench_urls.py)."""

from .production import *

ROOT_URLCONF = "config.bench_urls"
