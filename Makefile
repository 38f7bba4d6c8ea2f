# enindgang – the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test venv test-venv lint format translations demo clean help

help:
	@echo "make run    – install, migrate the SQLite database, seed demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   – install with test extras and run the whole test suite"
	@echo "make lint   – ruff check"
	@echo "make translations – extract, update and compile the Danish/English catalogues"

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

test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .

format: venv
	$(BIN)/ruff format .

translations: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ --ignore-dirs=".venv .git node_modules" -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d app/translations

clean:
	rm -rf $(VENV) .pytest_cache
