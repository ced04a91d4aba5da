# The two commands a new user needs are `make run` and `make test`; both set everything up.
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format openapi sdk migrate bench soak clean chromium

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The project environment, installed from the committed lock file exactly, in one of two sets:
# the service's own dependencies (`make run`, `make migrate`; the set the Dockerfile installs) or
# those plus the `dev` group (every other target). Once the dev set is in, it stays: a later
# `make run` re-syncs the dev set rather than removing the tools, and `make test` after a bare
# `make run` adds them.
RUN_ENV := $(VENV)/.synced-run
DEV_ENV := $(VENV)/.synced-dev

$(RUN_ENV): $(UV) uv.lock pyproject.toml
	if [ -e $(DEV_ENV) ]; then \
		$(UV) sync --frozen --quiet && touch $(DEV_ENV); \
	else \
		$(UV) sync --frozen --quiet --no-dev; \
	fi
	touch $@

$(DEV_ENV): $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --quiet
	touch $@ $(RUN_ENV)

# A local try-out needs no API key unless CLAIMLINE_AUTH says otherwise (the service's default
# is `writes`); the start-up log says which rule is in force.
run: $(RUN_ENV)
	$(BIN)/claimline migrate
	CLAIMLINE_AUTH=$${CLAIMLINE_AUTH:-off} $(BIN)/claimline serve

migrate: $(RUN_ENV)
	$(BIN)/claimline migrate

test: $(DEV_ENV) lint clients/typescript/node_modules/.installed \
		tests/browser/node_modules/.installed chromium
	$(BIN)/pytest -q

# Debian's Chromium for the browser tests (tests/test_web.py), installed when missing.
chromium:
	command -v chromium >/dev/null || $$( [ "$$(id -u)" = 0 ] || echo sudo ) \
		apt-get install -y --no-install-recommends chromium

lint: $(DEV_ENV) openapi/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile
	cd openapi && npx --no-install redocly lint openapi.json --format=stylish

# Node tools (Redocly CLI here), installed exactly from their committed package-lock.json.
%/node_modules/.installed: %/package-lock.json %/package.json
	cd $* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

format: $(DEV_ENV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

openapi: $(DEV_ENV)
	$(BIN)/claimline openapi --output openapi/openapi.json

# The Python SDK, generated from the OpenAPI document by openapi-python-client (clients/python is
# generated code: never edited by hand; tests/test_sdk.py checks it is current and runs it).
sdk: $(DEV_ENV)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate \
		--path openapi/openapi.json --meta uv --config clients/openapi-python-client.yaml \
		--output-path clients/python --overwrite

# The benchmarks (bench/README.md): they need the PostgreSQL of the test suite and wrk, which is
# installed from Debian's packages when missing.
bench: $(DEV_ENV)
	command -v wrk >/dev/null || $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y wrk
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.batch_profile
	$(BIN)/python -m bench.indexes
	$(BIN)/python -m bench.archive
	$(BIN)/python -m bench.views
	$(BIN)/python -m bench.submit_timing
	$(BIN)/python -m bench.bigevents
	$(BIN)/python -m bench.report

# Load without loss (issue 7): two instances on PostgreSQL, 100 clients for 60 s; fails on any 5xx,
# lost write or duplicate.
soak: $(DEV_ENV)
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .mypy_cache .ruff_cache
