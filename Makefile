# dwcrawler: every command a newcomer needs. `make test` is what CI runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per set of extras, renewed whenever pyproject.toml changes.
SUM    := $(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: test lint typecheck pytest bench crawl demo reliability

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The crawl needs the package alone; tests add their tools, the bench its baselines.
$(VENV)/.crawl-$(SUM): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-$(SUM): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bench-$(SUM): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

## test: lint, format check, strict types and the whole test suite (what CI runs)
test: lint typecheck pytest

lint: $(VENV)/.test-$(SUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test-$(SUM)
	$(BIN)/mypy

pytest: $(VENV)/.test-$(SUM)
	$(BIN)/python -m pytest

## bench: speed and memory targets (not part of make test); `make bench ONLY=extract` runs one
bench: $(VENV)/.bench-$(SUM)
	$(BIN)/python -m bench $(ONLY)

## crawl: install what the crawl needs, bring the default archive to the newest schema, crawl
##        DW Kiswahili (update mode; more: make crawl CRAWL_ARGS="-a mode=backfill -a since=2024-01-01")
crawl: $(VENV)/.crawl-$(SUM)
	$(BIN)/dwcrawler db upgrade
	$(BIN)/dwcrawler crawl $(CRAWL_ARGS)

## demo: the whole product offline: a replica of DW Kiswahili on loopback, crawled into demo/
demo: $(VENV)/.test-$(SUM)
	$(BIN)/python -m tools.demo

## reliability: every fault, SIGKILL and bad-input scenario with the full counts, then a table
##              (fault, tried, survived, data lost); about 10 minutes; exit status 1 if any row failed
reliability: $(VENV)/.test-$(SUM)
	DWCRAWLER_RELIABILITY=full $(BIN)/python -m tests.reliability.report $(RELIABILITY_ARGS)
