# dwcrawler: every command a newcomer needs. `make test` is what CI runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: test lint typecheck pytest bench crawl demo reliability

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

## test: lint, format check, strict types and the whole test suite (what CI runs)
test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

## bench: speed and memory targets (not part of make test); `make bench ONLY=extract` runs one
bench: $(STAMP)
	$(BIN)/python -m bench $(ONLY)

## crawl: set up if needed, bring the default archive to the newest schema, crawl DW Kiswahili
##        (update mode; more spider arguments: make crawl CRAWL_ARGS="-a mode=backfill -a since=2024-01-01")
crawl: $(STAMP)
	$(BIN)/dwcrawler db upgrade
	$(BIN)/scrapy crawl dw_sw $(CRAWL_ARGS)

## demo: the whole product offline: a replica of DW Kiswahili on loopback, crawled into demo/
demo: $(STAMP)
	$(BIN)/python -m tests.replica.demo

## reliability: every fault, SIGKILL and bad-input scenario with the full counts, then a table
##              (fault, tried, survived, data lost); about 10 minutes; exit status 1 if any row failed
reliability: $(STAMP)
	DWCRAWLER_RELIABILITY=full $(BIN)/python -m tests.reliability.report $(RELIABILITY_ARGS)
