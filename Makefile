# OpenSEND. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
DEMO_CHILDREN ?= 3000
DEMO_SEED ?= 1
PYTEST_ARGS ?=
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run install install-dev migrate demo demo-reset logins serve test lint format types \
        checks test-sqlite test-postgres test-browser bench load check-deploy pg-start pg-stop clean \
        audit-deps

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP_RUN): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(STAMP_DEV): pyproject.toml $(STAMP_RUN)
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(STAMP_RUN) ## Create .venv and install OpenSEND (pinned)

install-dev: $(STAMP_DEV) ## Install OpenSEND with the test and lint tools

migrate: install ## Create or update the SQLite database in var/
	@$(PY) manage.py migrate --no-input -v0

demo: migrate ## Build the synthetic demo area if it is not there yet
	@$(PY) manage.py demo_area --if-empty --children $(DEMO_CHILDREN) --seed $(DEMO_SEED)

demo-reset: install ## Throw away var/opensend.sqlite3 and build a fresh demo area
	@rm -f var/opensend.sqlite3 var/opensend.sqlite3-wal var/opensend.sqlite3-shm
	@$(MAKE) --no-print-directory demo

logins: install ## Print the demo logins
	@$(PY) manage.py demo_area --print-logins

run: demo ## Install, migrate, load the demo area, print logins, serve on http://127.0.0.1:8000
	@echo "OpenSEND is running on http://127.0.0.1:8000 (press Ctrl+C to stop)"
	@$(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev ## ruff lint and format check
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: install-dev ## Format the code with ruff
	@$(BIN)/ruff check --fix .
	@$(BIN)/ruff format .

types: install-dev ## mypy (strict on opensend.statutory)
	@$(BIN)/mypy opensend

checks: install-dev ## Django checks, migrations up to date, import rules, deploy check
	@DJANGO_SETTINGS_MODULE=opensend.settings.test $(PY) manage.py check
	@DJANGO_SETTINGS_MODULE=opensend.settings.test $(PY) manage.py makemigrations --check --dry-run
	@$(BIN)/lint-imports
	@$(MAKE) --no-print-directory check-deploy

check-deploy: install ## manage.py check --deploy with production settings
	@DJANGO_SETTINGS_MODULE=opensend.settings.production \
	 DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	 DJANGO_ALLOWED_HOSTS=opensend.example DATABASE_URL=sqlite:///var/deploy-check.sqlite3 \
	 $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: install-dev ## The test suite on SQLite
	@echo "== Tests on SQLite =="
	@env -u DATABASE_URL $(BIN)/pytest -m "not browser" -n 2 -q $(PYTEST_ARGS)

test-postgres: install-dev ## The test suite on PostgreSQL (DATABASE_URL, or a local server it starts)
	@url="$${DATABASE_URL:-$$(scripts/postgres-for-tests.sh start)}"; \
	if [ -z "$$url" ]; then \
	  if [ -n "$$CI" ]; then echo "PostgreSQL is required in CI but none is reachable" >&2; exit 1; fi; \
	  echo "== PostgreSQL not available: skipped (set DATABASE_URL to run it) =="; exit 0; \
	fi; \
	echo "== Tests on PostgreSQL =="; \
	DATABASE_URL="$$url" OPENSEND_EXPECT_DATABASE=postgresql $(BIN)/pytest -m "not browser" -n 2 -q $(PYTEST_ARGS)

test-browser: install-dev ## Browser tests in Chromium with axe-core accessibility checks
	@if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then \
	  if [ -n "$$CI" ]; then echo "Chromium is required in CI but is not installed" >&2; exit 1; fi; \
	  echo "== Chromium not installed: browser tests skipped (apt-get install chromium) =="; exit 0; \
	fi; \
	echo "== Browser tests in Chromium =="; \
	env -u DATABASE_URL DJANGO_ALLOW_ASYNC_UNSAFE=true OPENSEND_EXPECT_BROWSER=1 $(BIN)/pytest -m browser -q -p no:xdist $(PYTEST_ARGS)

test: lint types checks test-sqlite test-postgres test-browser ## Lint, types, checks, then the suite on SQLite, PostgreSQL and Chromium

audit-deps: install-dev ## Known vulnerabilities in Python (pip-audit) and npm dependencies
	@scripts/audit-deps.sh

bench: install-dev ## Benchmarks; figures go to benchmarks/results/latest.json
	@$(PY) benchmarks/run.py

load: install ## Load test under gunicorn (LOAD_SECONDS, LOAD_CLIENTS, DATABASE_URL); benchmarks/results/load-*.json
	@$(PY) benchmarks/load.py

pg-start: ## Start the throwaway PostgreSQL used by the tests (var/pgtest)
	@scripts/postgres-for-tests.sh start

pg-stop: ## Stop the throwaway PostgreSQL
	@scripts/postgres-for-tests.sh stop

clean: ## Remove .venv and var/ (the demo database)
	@scripts/postgres-for-tests.sh stop >/dev/null 2>&1 || true
	rm -rf $(VENV) var
