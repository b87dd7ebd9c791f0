# Second Chance Jobs Portal. A newcomer needs two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
# Production settings with throwaway values, only to run Django's deployment checks.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production \
	DJANGO_SECRET_KEY=deploy-check-$$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=jobs.example.org \
	DATABASE_URL=postgres://portal@127.0.0.1:5432/portal \
	PORTAL_FIELD_ENCRYPTION_KEYS=$$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')

.PHONY: run test check lint format fuzz worker bench loadtest migrate seed messages screenshots clean

# Installing is redone only when pyproject.toml changes.
$(VENV)/.run-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.run-installed $@

## run: the portal on http://127.0.0.1:$(PORT) with demo data, on SQLite
run: $(VENV)/.run-installed
	$(MANAGE) compiletranslations
	$(MANAGE) migrate --noinput --verbosity 0
	@echo "Database ready."
	$(MANAGE) seed_demo
	@echo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with a demo login above."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## test: the whole suite (PostgreSQL when DATABASE_URL is set, else SQLite)
test: $(VENV)/.dev-installed
	$(MANAGE) compiletranslations
	$(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff, ruff format, djLint, import contracts, missing migrations, deployment checks
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING

## fuzz: schemathesis against /api/schema/ as admin, facilitator, employer and participant
## (about 5 minutes, fixed seed; tests/api_fuzz/). On PostgreSQL when DATABASE_URL is set.
fuzz: $(VENV)/.dev-installed
	$(MANAGE) compiletranslations
	$(PY) -m pytest tests/api_fuzz/fuzz_api.py -q -p no:warnings $(FUZZ_ARGS)

## check: everything CI checks
check: lint test fuzz

## format: fix what ruff and djLint can fix
format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat --quiet || true

## worker: run background tasks (start the portal with TASKS_BACKEND=database)
worker: $(VENV)/.run-installed
	TASKS_BACKEND=database $(MANAGE) db_worker

## bench: issue 15's measures on PostgreSQL with the statewide data (DATABASE_URL of a
## database made by `manage.py seed_demo --scale large`); ends with one table (README)
bench: $(VENV)/.dev-installed
	$(PY) -m bench $(BENCH_ARGS)

## loadtest: 2 gunicorn servers + Redis + PostgreSQL (DATABASE_URL, statewide data),
## 50 users for 60 s with locust on loopback; p50/p95/p99 per page (README)
loadtest: $(VENV)/.dev-installed
	$(PY) -m bench.loadtest

## messages: refresh the Spanish catalogue after changing texts (needs GNU gettext)
messages: $(VENV)/.dev-installed
	$(MANAGE) makemessages --locale es --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*"
	$(MANAGE) compiletranslations

## screenshots: README pictures of each role's main page, phone and desktop, from the
## `make run` server on $(PORT) (docs/screenshots/; SCREENSHOTS_ARGS=--serve starts its own)
screenshots: $(VENV)/.dev-installed
	$(PY) scripts/screenshots.py --port $(PORT) $(SCREENSHOTS_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
	find . -name "*.mo" -not -path "./.venv/*" -delete
