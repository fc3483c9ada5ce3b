# VTVL Portal — developer commands. `make help` lists them.
#
# Everything runs inside .venv, created on first use from a Python >= 3.12 found by *running* the
# candidates (a pyenv shim or an old python3 answers `command -v` but cannot run the project).
# Override the choice with `make run PYTHON=/path/to/python3.13`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pytest arguments, e.g. make test ARGS='-m "not browser" -x'
ARGS ?=
# Database for `make test-pg`; pytest-django creates and drops test_<name> next to it.
PG_URL ?= postgres://postgres@127.0.0.1:5432/vtvl

# Development and test environment (tests also force these in tests/env.py).
DEV_ENV := DJANGO_DEBUG=1
TEST_ENV := DJANGO_DEBUG=1 DJANGO_TASKS_IMMEDIATE=1
# Production-like variables for `make check` (check --deploy); the key is random per run.
PROD_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	DJANGO_ALLOWED_HOSTS=vtvl.example.gov.vn DJANGO_HSTS=1
PY_OK := import sys; sys.exit(sys.version_info < (3, 12))
PY_VERSION := import sys; old = sys.version_info < (3, 12); print(sys.version.split()[0], "(too old)" if old else ""); sys.exit(old)

.PHONY: help venv python run worker test test-pg lint format check messages mo bench guide clean distclean

help: ## list the commands
	@echo "VTVL Portal — make targets:"
	grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

python: ## print the Python >= 3.12 that .venv would be created from
	@$(find_python)
	find_python

venv: $(STAMP) ## create .venv and install the pinned requirements (only when they changed)

# find_python: print the first candidate that runs and is >= 3.12; otherwise explain and fail.
define find_python
find_python() {
	local root c answer tried=""
	root="$$(pyenv root 2>/dev/null || true)"; root="$${root:-$${PYENV_ROOT:-$$HOME/.pyenv}}"
	local candidates=($${PYTHON:-} python3.13 python3.12 python3)
	for c in $$(ls -d "$$root"/versions/*/bin/python3 2>/dev/null | sort -r -V); do candidates+=("$$c"); done
	for c in "$${candidates[@]}"; do
		if answer="$$("$$c" -c '$(PY_VERSION)' 2>&1)"; then
			command -v "$$c"; return 0
		fi
		tried+="$$(printf '\n    %-45s -> %s' "$$c" "$$(printf '%s' "$$answer" | head -n 1)")"
	done
	{
		echo
		echo "ERROR: no working Python >= 3.12 found. Tried (candidate -> what it answered):$$tried"
		echo "(pyenv versions looked for in $$root/versions)"
		echo
		echo "Install one, then run make again:"
		echo "  - Debian 13 / Ubuntu 24.04:  sudo apt install python3 python3-venv"
		echo "  - pyenv:                     pyenv install 3.13"
		echo "  - uv:                        uv python install 3.13"
		echo "or point make at one:          make run PYTHON=/path/to/python3.13"
	} >&2
	return 1
}
endef

$(STAMP): requirements.txt requirements-dev.txt
	@if [ -x $(PY) ] && $(PY) -c '$(PY_OK)' 2>/dev/null; then :; else
		$(find_python)
		base="$$(find_python)"
		echo "==> creating $(VENV) with $$base ($$("$$base" -V 2>&1))"
		rm -rf $(VENV)
		"$$base" -m venv $(VENV)
	fi
	echo "==> installing pinned requirements into $(VENV)"
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements-dev.txt
	touch $@

mo: $(STAMP) ## compile translation catalogs (locale/*/LC_MESSAGES/*.po -> .mo)
	@if ! compgen -G 'locale/*/LC_MESSAGES/*.po' >/dev/null; then exit 0; fi
	if command -v msgfmt >/dev/null; then
		$(DEV_ENV) $(MANAGE) compilemessages --ignore='.*' --ignore=staticfiles --ignore=media -v 0
	else
		echo "note: msgfmt not found (apt install gettext); using the .mo files as they are" >&2
	fi

run: $(STAMP) mo ## set up and serve the portal with demo data at http://127.0.0.1:8000 (+ task worker)
	@echo "==> migrate"
	$(DEV_ENV) $(MANAGE) migrate --noinput
	echo "==> seed_demo (demo organisations and users; idempotent)"
	$(DEV_ENV) $(MANAGE) seed_demo
	echo "==> starting the background task worker (manage.py db_worker)"
	# In its own process group (setsid), so that stopping it also stops its autoreloader child.
	setsid env $(DEV_ENV) $(MANAGE) db_worker &
	worker=$$!
	trap 'kill -TERM -- -$$worker 2>/dev/null || kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT
	trap 'exit 130' INT TERM
	echo "==> serving http://$(HOST):$(PORT)/  (demo users: admin, hr_a, manager_a, orgadmin_a, hr_b; password vtvl-demo-2026; Ctrl-C stops both)"
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

worker: $(STAMP) ## run only the background task worker
	@$(DEV_ENV) $(MANAGE) db_worker

test: $(STAMP) mo ## run the whole test suite on SQLite (browser tests skip without chromium)
	@env -u DATABASE_URL $(TEST_ENV) $(PY) -m pytest $(ARGS)

test-pg: $(STAMP) mo ## run the whole test suite on PostgreSQL (PG_URL=postgres://postgres@127.0.0.1:5432/vtvl)
	@echo "==> pytest on $(PG_URL) (pytest-django creates and drops the test_ database next to it)"
	$(TEST_ENV) DATABASE_URL='$(PG_URL)' $(PY) -m pytest --create-db $(ARGS)

lint: $(STAMP) ## ruff check + ruff format --check
	@$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP) ## apply ruff's fixes and formatting
	@$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(STAMP) ## makemigrations --check, and check --deploy with production variables
	@echo "==> makemigrations --check --dry-run"
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	echo "==> check --deploy --fail-level WARNING (DJANGO_DEBUG=0, production variables)"
	env -u DATABASE_URL $(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING

messages: $(STAMP) ## update the vi/en catalogs (makemessages) and compile them
	@$(DEV_ENV) $(MANAGE) makemessages -l vi -l en --no-obsolete \
		--ignore='.*' --ignore=staticfiles --ignore=media --ignore=static/vendor --ignore=tests --ignore=bench
	$(DEV_ENV) $(MANAGE) compilemessages --ignore='.*' --ignore=staticfiles --ignore=media

bench: $(STAMP) ## run the benchmarks in bench/ (BENCH=name for one; DATABASE_URL=... for PostgreSQL)
	@shopt -s nullglob
	scripts=(bench/$${BENCH:-[!_]*}.py)
	if [ $${#scripts[@]} -eq 0 ]; then echo "no benchmarks in bench/ yet"; exit 0; fi
	for s in "$${scripts[@]}"; do
		echo "==> $$s"
		$(TEST_ENV) PYTHONPATH=. DJANGO_SETTINGS_MODULE=portal.settings $(PY) "$$s"
	done

guide: $(STAMP) mo ## retake the user guides' screenshots (docs/guide/img/) with the browser tests
	@VTVL_GUIDE_SCREENSHOTS=1 env -u DATABASE_URL $(TEST_ENV) $(PY) -m pytest -q -m browser tests/browser/test_guide.py

clean: ## remove caches and generated files (keeps .venv, db.sqlite3 and media/)
	@rm -rf .pytest_cache .ruff_cache staticfiles bench/out
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## also remove .venv and the SQLite development database
	@rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm
