"""Local development: `make run`. Embedded SQLite under var/, local-memory cache."""

import os

from .base import *

DEBUG = os.environ.get("DEBUG", "1") not in {"0", "false", "False"}
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DEMO_DATA_ALLOWED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Template and code changes show at once while developing; PAGE_CACHE_ENABLED=1 (with CACHE_URL
# naming Redis, so the worker's publishes reach the server) to try it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", SHARED_CACHE and not DEBUG)
