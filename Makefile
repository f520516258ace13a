# The README's two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/processed
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: run test install install-test browser lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

# Debian's Chromium for the dashboard's browser tests (Playwright drives it; never
# `playwright install`, which downloads a browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

run: install
	$(BIN)/tracker ingest data/raw --store $(STORE)
	$(BIN)/tracker serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check tracker dashboards tests benchmarks

test: install-test browser lint
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python benchmarks/gold.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
