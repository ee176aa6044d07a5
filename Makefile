# Two commands a newcomer needs: `make book` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HTML := _build/html

.PHONY: book test test-fast data validate bench clean distclean env

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@touch $(STAMP)

env: $(STAMP)

validate: $(STAMP)
	$(BIN)/python -m analysis.package

book: $(STAMP)
	$(BIN)/python -m analysis.site.build

# The whole suite on both cores. Each worker builds the book it needs once; the
# second finds it up to date (the build takes turns on _build/.lock). The 15 slowest
# steps are listed at the end: CI must stay under 30 minutes.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist worksteal --durations=15

# The fast tier on both cores: everything that needs no built book.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not browser"

data: $(STAMP)
	$(BIN)/python -m analysis.ingest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build book/_build .pytest_cache

distclean: clean
	rm -rf $(VENV)
