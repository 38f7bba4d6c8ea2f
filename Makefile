# enindgang – the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
OIDC_PORT ?= 5001

# pytest-xdist workers for `make test` (auto = one per core; 0 = no xdist).
WORKERS ?= auto
# Seeds of the random test orders `make test-clocks` uses (one per clock).
SEEDS  ?= 1549 1231 328

.PHONY: run run-oidc test test-clocks venv test-venv lint format translations demo clean help screenshots bench bench-load

help:
	@echo "make run    – install, migrate the SQLite database, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make run-oidc – the same, signing in through a local test OpenID provider on port $(OIDC_PORT)"
	@echo "make test   – install with test extras and run the whole test suite"
	@echo "make test-clocks – the suite in random order under a clock at 15:49, at 23:59 on"
	@echo "               31 December and on the daylight-saving switch (tests/clock.py)"
	@echo "make lint   – ruff check"
	@echo "make translations – extract, update and compile the Danish/English catalogues"
	@echo "make screenshots – desktop and phone screenshots of the main pages into docs/screenshots/"
	@echo "make bench  – every benchmark, one table, written to docs/performance.md (minutes;"
	@echo "              BENCH_ARGS=--quick for a smoke run; never part of make test)"
	@echo "make bench-load – locust: 50 users against gunicorn + PostgreSQL for 60 s"

# Reinstall only when the project definition changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

venv: $(BIN)/.installed

run: venv
	ENINDGANG_ENV=$${ENINDGANG_ENV:-development} $(BIN)/enindgang db upgrade
	ENINDGANG_ENV=$${ENINDGANG_ENV:-development} $(BIN)/enindgang demo
	@echo "Serving on http://$(HOST):$(PORT) – stop with Ctrl+C"
	ENINDGANG_ENV=$${ENINDGANG_ENV:-development} $(BIN)/enindgang run --host $(HOST) --port $(PORT)

# The demo with "Log ind med kommunens konto": the test suite's OpenID provider
# (tests/oidc/provider.py, never for real use) offers the demo's people and one without a role.
run-oidc: venv
	ENINDGANG_ENV=$${ENINDGANG_ENV:-development} $(BIN)/enindgang db upgrade
	ENINDGANG_ENV=$${ENINDGANG_ENV:-development} $(BIN)/enindgang demo
	$(BIN)/python -m tests.oidc.provider --port $(OIDC_PORT) --app http://$(HOST):$(PORT) & \
	  provider=$$!; trap 'kill $$provider' EXIT INT TERM; sleep 1; \
	  ENINDGANG_ENV=$${ENINDGANG_ENV:-development} ENINDGANG_SIGN_IN=oidc+local \
	  ENINDGANG_OIDC_ISSUER=http://127.0.0.1:$(OIDC_PORT) ENINDGANG_OIDC_CLIENT_ID=enindgang-test \
	  ENINDGANG_OIDC_CLIENT_SECRET=test-client-secret-9f3a \
	  $(BIN)/enindgang run --host $(HOST) --port $(PORT)

test: venv
	$(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

# Not part of `make test`: tests/browser/screenshots.py runs only when named. Needs Chromium.
screenshots: venv
	ENINDGANG_CHROMIUM=$${ENINDGANG_CHROMIUM:-/usr/bin/chromium} $(BIN)/python -m pytest -q tests/browser/screenshots.py

# The awkward instants are named in tests/clock.py (AWKWARD); each run gets its own
# random order (seed printed in the header, replay with the same SEEDS); all three run
# even when one fails, so that CI reports every clock's failures. Browser, LibreOffice and
# PostgreSQL variants run once, in `make test`: Chromium and soffice are other processes that
# keep the real clock, and the database stores UTC times the app computed (every date rule
# is in Python, run by the SQLite variants under each clock); together they would take the
# CI run past 20 minutes. For the same reason the re-runs leave out four suites whose code
# reads no clock: who may reach which route (the matrix, 500 requests per run), template
# rendering and checks (app/docgen), the YAML round trip of the form designer and the OpenID
# sign-in (whose token times are relative and checked by Authlib); `make test` runs them.
CLOCK_IGNORE ?= --ignore=tests/test_authz_matrix.py --ignore=tests/docgen \
	--ignore=tests/forms_designer --ignore=tests/oidc
test-clocks: venv
	@status=0; set -- $(SEEDS); for clock in minute49 newyear dst; do \
	  seed=$$1; shift; \
	  echo "== clock $$clock, random order seed $$seed"; \
	  ENINDGANG_TEST_CLOCK=$$clock $(BIN)/python -m pytest -n $(WORKERS) \
	    -m "not browser and not libreoffice and not postgres" $(CLOCK_IGNORE) \
	    --random-order-bucket=global --random-order-seed=$$seed $(PYTEST_ARGS) || status=1; \
	done; exit $$status

lint: venv
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .

translations: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --ignore-dirs=".venv .git node_modules" -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d app/translations

# Timings, never a test: run on a quiet machine; PDF rows need LibreOffice (ENINDGANG_SOFFICE).
bench: venv
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

bench-load: venv
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/load/run_load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
