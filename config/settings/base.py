"""Settings shared by every environment. Safe for production: nothing secret lives here.

Everything secret or site-specific is read from the environment; `.env.example` lists it all.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_addresses(name: str, default: str = "") -> list[tuple[str, str]]:
    """'张三 <a@example.org>, b@example.org' → [("张三", "a@example.org"), ("b@example.org", ...)]:
    Django's ADMINS/MANAGERS shape. Entries without an @ are dropped."""
    pairs = getaddresses([os.environ.get(name, default)])
    return [(real or address, address) for real, address in pairs if "@" in address]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Earlier SECRET_KEYs, still accepted while they are phased out: sessions, signed links and the
# reporter-identity keys derived from them (docs/security.md "Reporter identity").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "villages",
    "disclosures",
    "supervision",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # Only for its admin screen 设置 → API 令牌 (Wagtail registers the APIToken viewset when this
    # app is installed): the statistics API accepts these tokens (docs/api.md). Its own /api/v3
    # URLs are not mounted.
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "import_export",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    # Two-factor sign-in for staff: TOTP apps and one-time backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Wagtail's admin says "3 minutes ago" with humanize's naturaltime; installing the app loads
    # its translations ("3分钟以前").
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Outermost: a request id for every log line of the request, returned as X-Request-ID (it
    # only adds that header, so the cache guard below still has the last word on caching).
    "portal.base.logging.RequestIdMiddleware",
    # Then: the final word on shared caching, after every other middleware added its cookies.
    "portal.base.middleware.PublicCacheGuardMiddleware",
    # Refuses oversized bodies (413) before anything reads them.
    "config.middleware.RequestBodyLimitMiddleware",
    # 404 for a NUL byte in the path or query, before any view or page routing.
    "portal.base.middleware.RejectControlCharactersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, before anything that may query the
    # database (sessions, auth, Wagtail's site lookup): docs/architecture.md "Page cache".
    "portal.base.page_cache.PageCacheMiddleware",
    # Wagtail's site for the host from per-process memory, not a query per request.
    "portal.base.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second step (docs/security.md
    # "Two-factor sign-in (Part 9)").
    "django_otp.middleware.OTPMiddleware",
    # Sends a signed-in user with a device to the code page, and a role that must have one
    # to enrolment, before any other admin page (villages/middleware.py).
    "villages.middleware.TwoFactorMiddleware",
    # Writes the audit log of staff actions: admin changes and case-data downloads.
    "villages.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.base.middleware.SecurityHeadersMiddleware",
    "portal.base.middleware.PublicCacheMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After CSRF (process_view): counts /admin/password_reset/ posts per address and e-mail.
    "villages.middleware.PasswordResetThrottleMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the 429 lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
# A stale form gets a page in the user's language, not Django's English technical 403.
CSRF_FAILURE_VIEW = "portal.base.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.base.context_processors.site_chrome",
            ],
        },
    },
]

# Database: DATABASE_URL wins; otherwise embedded SQLite under var/ (what `make run` uses).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server read while the task worker writes; busy timeout avoids
    # "database is locked" under the two gunicorn workers of `make bench`.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


def use_connection_pool(database: dict) -> None:
    """PostgreSQL through psycopg's connection pool (Django 5.1+): each process (a gunicorn
    worker, the task worker, the scheduler) keeps DB_POOL_MIN_SIZE..DB_POOL_MAX_SIZE open
    connections and lends one to each request. Django wants CONN_MAX_AGE 0 with a pool (the
    pool, not the request cycle, keeps connections). Nothing changes for SQLite.
    docs/deployment.md "PostgreSQL" sizes it and says when PgBouncer takes over."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    database["CONN_MAX_AGE"] = 0
    database["CONN_HEALTH_CHECKS"] = False
    database.setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "1")),
        "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "4")),
        # Seconds a request waits for a free connection before it fails (PoolTimeout).
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
        # Idle connections above min_size close after this; every connection is renewed after
        # max_lifetime, so a PostgreSQL fail-over or PgBouncer restart heals by itself.
        "max_idle": float(os.environ.get("DB_POOL_MAX_IDLE", "300")),
        "max_lifetime": float(os.environ.get("DB_POOL_MAX_LIFETIME", "3600")),
    }


# Behind PgBouncer in transaction mode, server-side cursors (.iterator()) must be off.
if env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# DB_POOL=1 turns the pool on (production's default; off here so tests and `make run` keep
# Django's plain connections).
if env_bool("DB_POOL", False):
    use_connection_pool(DATABASES["default"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless CACHE_URL names Redis (production-like). With Redis down the site
# serves from the database (portal/base/cache.py): reads miss, writes are dropped, logged once.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "portal.base.cache.TolerantRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "xiaowei"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages may live in a Redis of their own (PAGE_CACHE_URL, e.g. with maxmemory and
# allkeys-lru): filling it then evicts only pages, never the rate limits, login lockouts and
# figures kept in the default cache. Unset: pages share the default cache.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "")
if PAGE_CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES["pages"] = {
        "BACKEND": "portal.base.cache.TolerantRedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "xiaowei"),
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
PAGE_CACHE_ALIAS = "pages" if "pages" in CACHES else "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Chinese first, English available (URL prefix /en/).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Built PDFs (booklets, item sheets) in a folder the web server does not publish: they are served
# by the views, which ask the visibility rule first (disclosures/services/pdf_store.py).
PDF_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(Path(os.environ.get("PDF_ROOT", VAR_DIR / "pdfs")))},
}
# Complaint attachments: never under MEDIA_ROOT (which a web server may publish); served only
# by supervision's views to staff who may see the case.
# A file is written whole or not at all (portal/base/storage.py): a full disk leaves no
# truncated attachment behind.
CASE_FILES_STORAGE = {
    "BACKEND": "portal.base.storage.CompleteFileSystemStorage",
    "OPTIONS": {"location": str(Path(os.environ.get("CASE_FILES_ROOT", VAR_DIR / "case-files")))},
}
# Ledger (台账) exports built by the task worker: private too, served to their owner only by
# supervision's download view; removed after 7 days (manage.py cleanup_exports).
LEDGER_EXPORT_DIR = Path(os.environ.get("LEDGER_EXPORT_DIR", VAR_DIR / "exports"))
# Up to this many rows a ledger export is made in the request; more go to the task worker.
SUPERVISION_LEDGER_INLINE_ROWS = int(os.environ.get("SUPERVISION_LEDGER_INLINE_ROWS", "2000"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "pdfs": PDF_STORAGE,
    "case_files": CASE_FILES_STORAGE,
}

# Reporter identity (§47, docs/security.md "Reporter identity"). Names and contacts are
# encrypted at rest by django-fernet-encrypted-fields with keys derived from SECRET_KEY and
# IDENTITY_KEYS (comma-separated; the first encrypts, all decrypt: rotation adds a new key in
# front, runs `manage.py reencrypt_identities`, then drops the old one). IDENTITY_HASH_KEY keys
# the hashes kept for repeat matching and the receipt PINs. Production refuses to start
# without both (config/settings/production.py).
IDENTITY_KEYS = [k.strip() for k in os.environ.get("IDENTITY_KEYS", "").split(",") if k.strip()]
SALT_KEY = IDENTITY_KEYS or ["dev-only-identity-key"]
IDENTITY_HASH_KEY = os.environ.get("IDENTITY_HASH_KEY", "") or "dev-only-identity-hash-key"

# Case handling (docs/architecture.md "The case path"). The statutory limits themselves are data
# (办理期限规则 in the admin); these say when the system raises its voice.
SUPERVISION_WARNING_DAYS = int(os.environ.get("SUPERVISION_WARNING_DAYS", "3"))
SUPERVISION_BACKLOG_DAYS = int(os.environ.get("SUPERVISION_BACKLOG_DAYS", "90"))
SUPERVISION_LONG_PENDING_DAYS = int(os.environ.get("SUPERVISION_LONG_PENDING_DAYS", "30"))
SUPERVISION_REPEAT_WINDOW_DAYS = int(os.environ.get("SUPERVISION_REPEAT_WINDOW_DAYS", "365"))
SUPERVISION_REPEAT_SIMILARITY = float(os.environ.get("SUPERVISION_REPEAT_SIMILARITY", "0.35"))
# A class with send(phone, text) for SMS notices to complainants (supervision/notifiers.py).
SUPERVISION_SMS_BACKEND = os.environ.get(
    "SUPERVISION_SMS_BACKEND", "supervision.notifiers.LoggingSMSBackend"
)

# Request and upload sizes. Wagtail page forms with many inline steps post thousands of fields,
# so the field count stays at 10,000 or more. Any body over MAX_REQUEST_BODY_BYTES is refused
# with 413 before it is read (config.middleware); files over FILE_UPLOAD_MAX_MEMORY_SIZE go to a
# temporary file instead of memory; form data other than files is capped at 5 MB.
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work: django-tasks with the database backend (`manage.py db_worker`).
# At scale the same @task code moves to a Redis-backed queue by changing this setting only.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# /healthz/ready fails the worker check when a task has waited longer than this, or when the
# worker's heartbeat (enqueued every minute by `manage.py run_scheduler`) is older than this.
HEALTH_WORKER_MAX_WAIT_SECONDS = int(os.environ.get("HEALTH_WORKER_MAX_WAIT_SECONDS", "600"))
HEALTH_HEARTBEAT_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_HEARTBEAT_MAX_AGE_SECONDS", "300"))

# `manage.py run_scheduler` keeps each job's last run here, so a restart does not rerun them all.
SCHEDULER_STATE_FILE = Path(os.environ.get("SCHEDULER_STATE_FILE", VAR_DIR / "scheduler.json"))

WAGTAIL_SITE_NAME = "陇南市村级小微权力监督平台"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
# The database backend with Chinese queries split into words (docs/architecture.md "A home for
# every role").
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.base.search_backend"}}
# Images too: a disclosure's attachment is often a photo of the notice board (issue 10).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx", "txt", "zip", "jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin loads and links nothing from outside the portal (issue 7): no avatars from
# gravatar.com (Wagtail shows initials), no "what's new" banner linking to guide.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.base.admin_forms.PortalLoginForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "wagtailadmin_login"

# Security defaults that hold everywhere; production.py tightens transport settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Staff sessions last a working day: the session ends SESSION_HOURS after sign-in (sessions are
# not extended on every request). Wagtail's login sets the rest per session: without "记住我" the
# cookie also ends when the browser closes; with it, the cookie keeps the same 10 hours.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_HOURS", "10")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_SAVE_EVERY_REQUEST = False

# How many reverse proxies (nginx...) stand in front of the app. 0: REMOTE_ADDR is the client;
# N: the N-th address from the right of X-Forwarded-For. Login lockout and rate limits count per
# address, so behind a proxy this must be set or everybody shares the proxy's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login lockout (django-axes; villages/services/throttle.py). A user name is locked after
# LOGIN_FAILURE_LIMIT_PER_USER failures, an address after LOGIN_FAILURE_LIMIT_PER_ADDRESS (higher:
# a township office shares one address), for LOGIN_LOCKOUT_MINUTES after the last failure. The
# correct password does not help while locked. 设置 → 登录锁定 lists and lifts lockouts.
LOGIN_FAILURE_LIMIT_PER_USER = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_USER", "5"))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30"))
# Named on the lockout page as the people to ask, e.g. "县纪委监委信息中心 0939-5521234".
ACCOUNT_UNLOCK_CONTACT = os.environ.get("ACCOUNT_UNLOCK_CONTACT", "")
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks, each on its own count
AXES_FAILURE_LIMIT = "villages.services.throttle.failure_limit"
AXES_COOLOFF_TIME = "villages.services.throttle.axes_cool_off"
AXES_CLIENT_IP_CALLABLE = "villages.services.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "villages.account_views.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_HANDLER = "villages.services.throttle.LockoutHandler"
# A success clears that user's own failures (only theirs: see LockoutHandler), so a typo now and
# then never adds up.
AXES_RESET_ON_SUCCESS = True
# Attempts made while locked are refused but not counted, so the time on the lockout page holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False  # no Django admin here; the Wagtail screen replaces it

# Password reset (/admin/password_reset/): PASSWORD_RESET_LIMIT requests per address and per
# e-mail in PASSWORD_RESET_WINDOW_SECONDS, then 429 (villages.middleware).
PASSWORD_RESET_LIMIT = int(os.environ.get("PASSWORD_RESET_LIMIT", "5"))
PASSWORD_RESET_WINDOW_SECONDS = int(os.environ.get("PASSWORD_RESET_WINDOW_SECONDS", "3600"))

# Error mail: ADMINS="张三 <a@example.org>,b@example.org" receive server errors, sent from
# SERVER_EMAIL.
ADMINS = env_addresses("ADMINS")
MANAGERS = ADMINS
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "root@localhost")

# Content-Security-Policy for public pages: no inline script or style anywhere.
PORTAL_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)

# Logs: LOG_FORMAT=plain (one readable line; the default here and in dev) or json (one JSON
# object per line with the request id; production's default): portal/base/logging.py.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
# A request slower than this many milliseconds is logged as a WARNING too (0: never).
SLOW_REQUEST_MS = int(os.environ.get("SLOW_REQUEST_MS", "0"))


def logging_config(log_format: str) -> dict:
    json_logs = log_format.strip().lower() == "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": "portal.base.logging.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_logs else "plain",
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
            "django_tasks": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            # Failures and lockouts are WARNINGs (user name and address masked); INFO is chatter.
            "axes": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT)

# How long browsers and proxies may keep a public page (seconds).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# The shared page cache (portal/base/page_cache.py, docs/architecture.md "Page cache (Part 9)"):
# anonymous public pages are kept whole in the cache PAGE_CACHE_ALIAS names (above; CACHE_URL:
# Redis in production, local memory otherwise) for at most PAGE_CACHE_SECONDS, and dropped at
# once when what they show is published, unpublished or corrected. PAGE_CACHE_ENABLED=0 (or 0
# seconds) turns it off.
# Invalidation travels through that cache, so both the page cache and the page memory below are
# on by default only when it is shared by every process (Redis): with a local-memory cache, a
# publish in the task worker or the scheduler (an import, scheduled publishing) or in another
# gunicorn worker would never reach this process's copies.
SHARED_CACHE = CACHES[PAGE_CACHE_ALIAS]["BACKEND"] == "portal.base.cache.TolerantRedisCache"
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", SHARED_CACHE)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What pages are built from (tree lists, breadcrumbs, a village's items) is kept per process
# until a change gives its tags new versions (page_cache.remembered); works with the page cache
# off too. PAGE_MEMORY_ENABLED=0 turns it off.
PAGE_MEMORY_ENABLED = env_bool("PAGE_MEMORY_ENABLED", SHARED_CACHE)
# Paths (without the /en/ prefix) never served from or stored in it, whatever their headers:
# the progress lookup and the complaint form's answers, the admin, documents, the bench's
# trivial view (its ceiling must stay the uncached stack).
PAGE_CACHE_EXCLUDED_PATHS = [
    "/track/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/bench/",
]

# seed_demo creates logins with a published password: refused unless this is on (dev, test).
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)

PORTAL_SITE_TITLE = _("陇南市村级小微权力监督平台")

# Two-factor sign-in for staff (villages/services/two_factor.py; docs/security.md "Two-factor
# sign-in (Part 9)"). Roles that must have a device: by default those that see reporters'
# identities (supervision/services/identity.py IDENTITY_ROLES; a test keeps the two in step).
OTP_REQUIRED_ROLES = env_list(
    "OTP_REQUIRED_ROLES", "county_petition,township_discipline,city_discipline"
)
# Superusers give roles and jurisdictions, so they can make anyone see identities: they must
# have a device too.
OTP_REQUIRED_FOR_SUPERUSERS = env_bool("OTP_REQUIRED_FOR_SUPERUSERS", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "村级小微权力监督平台")
