# Two commands keep the set-up promise: `make demo` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := frontend/build/.built

.PHONY: demo test test-sqlite test-postgres test-fast install assets lint format bench serve serve-production clean lock audit

# Every dependency from the lock, each file checked against its hash; then Lantern itself, with nothing more.
$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# pip-tools (make lock) and pip-audit (make audit) in a venv of their own, so they never change Lantern's.
TOOLS := .venv-tools
$(TOOLS)/.installed:
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools pip-audit
	touch $@

# After a change to pyproject.toml's dependencies: the whole tree pinned again, with hashes.
lock: $(TOOLS)/.installed
	$(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra test --extra validators -o requirements.lock pyproject.toml

# Known vulnerabilities in the lock (pip-audit, PyPI's advisories); says NOT RUN when they cannot be reached.
audit: $(TOOLS)/.installed
	$(TOOLS)/bin/python scripts/audit_lock.py requirements.lock

install: $(INSTALLED)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): node_modules/.installed frontend/build.mjs $(wildcard frontend/scss/*.scss)
	node frontend/build.mjs

assets: $(ASSETS)

# The web server in the foreground and one db_worker (long jobs: statutory returns) beside it. The worker is
# stopped with the server, however that ends (Ctrl+C, an error); a background job ignores Ctrl+C in make's shell.
WITH_WORKER = $(BIN)/lantern db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM;
RUN_SERVERS = export LANTERN_REQUIRE_2FA=$${LANTERN_REQUIRE_2FA:-0}; $(WITH_WORKER) \
	$(BIN)/lantern runserver 127.0.0.1:8000

demo: install assets
	$(BIN)/lantern migrate --noinput
	$(BIN)/lantern demo --size small --seed 1
	$(RUN_SERVERS)

serve: install assets
	$(BIN)/lantern migrate --noinput
	$(RUN_SERVERS)

# The production server (docs/deployment.md): gunicorn, a process per core and one more, on 127.0.0.1:$LANTERN_PORT
# (default 8000) with the environment's database, and one db_worker beside it. Two-factor sign-in stays on.
serve-production: install assets
	$(BIN)/lantern migrate --noinput
	$(WITH_WORKER) $(BIN)/gunicorn -c python:lantern.web_server lantern.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every test on SQLite (browser tests included), then the whole suite again on PostgreSQL.
test: install assets lint audit test-sqlite test-postgres

test-sqlite: install assets
	$(BIN)/pytest

test-postgres: install
	$(BIN)/python scripts/postgres_pass.py

test-fast: install
	$(BIN)/pytest -m "not browser" -x -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules frontend/build var
