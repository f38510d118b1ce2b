"""Production: PostgreSQL (DATABASE_URL), Redis cache (CACHE_URL), gunicorn, whitenoise.

Refuses to start without SECRET_KEY. HTTPS settings assume a TLS-terminating proxy that sets
X-Forwarded-Proto; turn SECURE_SSL_REDIRECT off with SECURE_SSL_REDIRECT=0 only for local
benchmarks behind no proxy.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "pdfs": PDF_STORAGE,
    "case_files": CASE_FILES_STORAGE,
}
if not IDENTITY_KEYS or not os.environ.get("IDENTITY_HASH_KEY"):
    raise ImproperlyConfigured(
        "IDENTITY_KEYS and IDENTITY_HASH_KEY must be set in the environment for production "
        "(docs/security.md, 'Reporter identity')."
    )

# One PostgreSQL connection pool per process unless DB_POOL=0 (e.g. behind PgBouncer in
# transaction mode, which pools for every server at once): docs/deployment.md "PostgreSQL".
if env_bool("DB_POOL", True):
    use_connection_pool(DATABASES["default"])

# JSON lines for the log collector unless LOG_FORMAT=plain: docs/deployment.md "Logs".
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT)
SLOW_REQUEST_MS = int(os.environ.get("SLOW_REQUEST_MS", "3000"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Only with EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (`make serve`).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's page preview renders the page in a same-origin iframe, so SAMEORIGIN (not DENY).
    "security.W019",
    # HSTS preload is a decision for the domain's owner (SECURE_HSTS_PRELOAD=1 turns it on).
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
