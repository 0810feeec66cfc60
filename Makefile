# The README's commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format check prod seed bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## messages: compile the translation catalogues of locale/ (needs gettext's msgfmt; docs/i18n.md)
messages: $(STAMP)
	if [ -d locale ]; then $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0; fi

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

## lint: ruff's checks and formatting, migrations in step with models, Django's checks
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
