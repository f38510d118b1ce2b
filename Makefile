# Project verbs. `make help` lists them. The quick start is `make run` then `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

# Debian packages: what serving needs (translations, CJK font and Pango for PDFs) and what the
# tests add (Chromium for browser tests, poppler's pdftotext to read PDFs back).
RUN_DEB := gettext fonts-wqy-microhei libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
TEST_DEB := $(RUN_DEB) chromium chromium-driver poppler-utils

.PHONY: help run serve install system-deps test-system-deps audit-tools lighthouse setup test test-fast test-browser lint secrets format bench bench-scale loadtest lock messages clean worker backup restore

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

run: system-deps setup ## Install, migrate, load the Longnan demo and serve on http://127.0.0.1:$(PORT)/
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: /admin/, logins in README.md)"
	@# The worker drains the admin's search/reference-index tasks the seed queued (about a
	@# minute on a fresh database) while the site already serves. Its line per finished task
	@# is left out (thousands after a seed); warnings and failed tasks still show.
	@# The scheduler runs beside them (manage.py run_scheduler, as under make serve): the
	@# worker's heartbeat (/healthz/ready), the early-warning job and Wagtail's scheduled
	@# publishing every 5 minutes, the cleanups hourly, the monthly report (一月一分析) and
	@# identity retention daily; one line a run (the warning e-mails go to the console in dev).
	@$(PY) manage.py db_worker --no-reload --interval 2 \
	  > >(grep --line-buffered -v -E ' state=(RUNNING|SUCCESSFUL)$$') 2>&1 & worker=$$!; \
	  $(PY) manage.py run_scheduler & scheduler=$$!; \
	  trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

# Production mode on this machine (docs/deployment.md "make serve"): PostgreSQL (DATABASE_URL,
# default postgres://postgres@127.0.0.1:5432/xiaowei, created if missing), Redis (CACHE_URL,
# default redis://127.0.0.1:6379/0), secrets generated once into var/production.env (mode 600),
# migrate, collectstatic, the demo only into an empty database with DEMO_DATA_ALLOWED=1; then
# gunicorn (config/gunicorn.py), db_worker and run_scheduler until Ctrl-C. Plain HTTP on
# 127.0.0.1 only: it sets SECURE_SSL_REDIRECT=0 and SECURE_COOKIES=0, which production keeps on.
serve: system-deps install messages ## Production settings here: gunicorn + worker + scheduler, PostgreSQL, Redis, JSON logs
	PORT=$(PORT) $(PY) tools/serve.py

setup: install messages ## Migrate and load the demo data (idempotent)
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo
	@$(PY) manage.py cleanup_imports >/dev/null
	@$(PY) manage.py cleanup_receipts >/dev/null
	@$(PY) manage.py cleanup_exports >/dev/null
	@$(PY) manage.py apply_retention >/dev/null
	@$(PY) manage.py refresh_clocks
	@$(PY) manage.py check_deadlines 2>&1 | tail -n 1

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	@touch $@

system-deps: ## Install the Debian packages serving needs (translations, CJK font, Pango)
	@$(MAKE) -s --no-print-directory _deb PKGS="$(RUN_DEB)"

test-system-deps:
	@$(MAKE) -s --no-print-directory _deb PKGS="$(TEST_DEB)"
	@$(MAKE) -s --no-print-directory audit-tools

# The audit tools from the npm registry, pinned by tools/audit/package-lock.json: axe-core (run by
# tests/browser/test_accessibility.py) and Lighthouse 12 (Node 20; `make lighthouse`). Both drive
# Debian's Chromium; no browser is downloaded. Installed again only when the lock file changes.
AUDIT_DIR := tools/audit
audit-tools: $(AUDIT_DIR)/node_modules/.package-lock.json ## Install axe-core and Lighthouse (npm ci in tools/audit/)

$(AUDIT_DIR)/node_modules/.package-lock.json: $(AUDIT_DIR)/package-lock.json $(AUDIT_DIR)/package.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18.16 or later) is needed for the audit tools" >&2; exit 1; }
	cd $(AUDIT_DIR) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse (mobile preset: simulated slow 4G and 4x CPU slowdown) on a village page of a running
# `make run` server; prints the scores, transfer sizes and LIGHTHOUSE_URL's metrics. The report is
# left in var/lighthouse/.
LIGHTHOUSE_URL ?= http://127.0.0.1:$(PORT)/longnan/tanchang/awu/awu/
lighthouse: audit-tools ## Lighthouse (mobile) on a village page of the running `make run` server
	@$(PY) -m tests.bench.lighthouse "$(LIGHTHOUSE_URL)"

_deb:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

messages: install ## Compile translations (English public site, Chinese admin completions)
	@$(PY) manage.py compilemessages -v 0 --ignore '.venv/*'

# The unit and integration tests run on every core (pytest-xdist, each worker with its own test
# database); the browser tests then run alone, since they share one seeded server.
test: test-system-deps install messages ## Run the whole suite (unit, integration and browser tests)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -p no:cacheprovider -m "not browser and not faults" -n auto
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -p no:cacheprovider -m browser
	@# The fault tests bring their own PostgreSQL cluster, Redis and gunicorn (tests/faults/), so
	@# they are the same whatever DATABASE_URL says: they run once, in the leg without it.
	@if [ -z "$$DATABASE_URL" ]; then \
	  DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -p no:cacheprovider -m faults; \
	else echo "Fault tests: run by the leg without DATABASE_URL (they start their own PostgreSQL)."; fi

test-fast: install messages ## Everything but the browser and fault tests
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -p no:cacheprovider -m "not browser and not faults" -n auto

lint: install ## ruff lint and format check; import-linter keeps the layers (pyproject.toml); secrets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	@$(MAKE) -s --no-print-directory secrets

secrets: install ## Secrets check (detect-secrets): fail on a secret .secrets.baseline does not list
	$(PY) tools/check_secrets.py

format: install ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: system-deps install messages ## Benchmark under gunicorn (production settings); table + JSON
	$(PY) -m tests.bench

# Backups (README "Backup and restore"): the database (pg_dump -Fc, or SQLite's online backup),
# the media, PDF and case-file folders and a manifest written last, in $(BACKUP_DIR) or
# var/backups/<UTC time>/; then old ones pruned by the keep policy (7 daily, 4 weekly, 12 monthly).
# The identity keys are not in a backup: keep IDENTITY_KEYS, SECRET_KEY, IDENTITY_HASH_KEY apart.
backup: install ## Back up database and files to var/backups/<time>/ (BACKUP_DIR), prune old ones
	$(PY) manage.py backup
	$(PY) manage.py prune_backups

restore: install ## Restore a backup: make restore BACKUP=var/backups/<time> [FORCE=1]
	@test -n "$(BACKUP)" || { echo "用法 (usage): make restore BACKUP=var/backups/<time> [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(FORCE),--force,)

# Villagers reading, complaints arriving, staff working and an import running, on gunicorn
# (loopback only) with a db_worker: LOADTEST_DURATION (3m), LOADTEST_USERS (18), LOADTEST_PORT
# (8330); PostgreSQL when LOADTEST_DATABASE_URL or BENCH_DATABASE_URL names one (its name
# containing "bench"). Fails on any failed request or an acknowledged complaint not stored once.
loadtest: system-deps install messages ## Mixed load test with locust; figures in var/loadtest/
	$(PY) -m tests.load.run

bench-scale: system-deps install messages ## Province scale bench (seed_scale once into a kept PostgreSQL database)
	BENCH_CASES=province $(PY) -m tests.bench

worker: install ## Run the background task worker (django-tasks database backend)
	$(PY) manage.py db_worker

lock: ## Re-resolve requirements.lock from pyproject.toml (needs network)
	$(PYTHON) -m pip install -q uv && $(PYTHON) -m uv pip compile pyproject.toml --extra dev \
	  --generate-hashes --python-version 3.11 -o requirements.lock

clean: ## Remove the virtualenv, the database and build output
	rm -rf $(VENV) var/db.sqlite3* var/static var/bench var/test-artifacts
