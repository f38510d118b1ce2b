"""Fast, isolated settings for pytest."""

import os
import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off in the suite: tests change rows without publishing, and page ids repeat across tests on
# a fresh database. tests/portal/test_page_cache.py turns it on.
PAGE_CACHE_ENABLED = False
PAGE_MEMORY_ENABLED = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_DATA_ALLOWED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = VAR_DIR / "test-media"
# Built PDFs of this test process only: a stored booklet from an earlier run (same page ids on a
# fresh database) must never be served as "the last good one".
STORAGES = {
    **STORAGES,
    "pdfs": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="xiaowei-test-pdfs-")},
    },
    "case_files": {
        "BACKEND": "portal.base.storage.CompleteFileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="xiaowei-test-case-files-")},
    },
}
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Most tests sign in with force_login (no second step); tests/villages/test_two_factor.py turns
# the requirement on where it is what they test. Dev, demo and production keep base.py's.
OTP_REQUIRED_ROLES = []
OTP_REQUIRED_FOR_SUPERUSERS = False
