# The README's commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format check prod seed bench bench-curve clean messages docs cluster cluster-down cluster-faults

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## run: set up the virtualenv, migrate, load demo data and serve on http://127.0.0.1:8000
run: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
test: $(STAMP) messages tests/browser/node_modules/axe-core
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# axe-core for the accessibility checks, pinned by tests/browser/package-lock.json (needs npm;
# without it those checks skip, except in CI).
tests/browser/node_modules/axe-core: tests/browser/package-lock.json
	-command -v npm >/dev/null && npm ci --prefix tests/browser --silent --no-audit --no-fund

## messages: compile the translation catalogues, locale/<ll>/LC_MESSAGES/django.po → .mo (needs
## GNU gettext's msgfmt; without it the interface stays in English and the catalogue tests skip, except in CI)
messages: $(STAMP)
	@if command -v msgfmt >/dev/null; then \
		$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0; \
	else echo "msgfmt not found (apt-get install gettext): the catalogues are not compiled"; fi

## lint: ruff's checks and formatting, the layering contract (.importlinter), migrations in step
## with models, Django's checks, the docs built strictly (a broken link fails)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

## docs: the developers' documentation (docs/, MkDocs) served on http://127.0.0.1:8001
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8001

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

seed: $(STAMP)
	$(BIN)/python manage.py seed_demo

## prod: the production-like multi-process run (gunicorn, Celery worker and beat) via honcho
prod: $(STAMP) messages
	./scripts/prod-run

## bench: the benchmark on the production-like stack (PostgreSQL, Redis, gunicorn, Celery, wrk)
bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## bench-curve: the cost curve (issue 21): the main uncached scenarios at 1 k, 10 k, 100 k and 1 M
## entries, charted into docs/img/cost-curve.svg and docs/performance.md (CURVE_ARGS="--profiles small medium")
bench-curve: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/curve.py $(CURVE_ARGS)

## cluster: the portal as a cluster of real parts in network namespaces on this machine (root)
cluster: $(STAMP)
	$(BIN)/python scripts/cluster/cluster.py up

cluster-down:
	$(BIN)/python scripts/cluster/cluster.py down

## cluster-faults: the full fault test through the cluster (votes and submissions while parts die)
cluster-faults: cluster
	$(BIN)/python scripts/cluster/faults.py --full

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
