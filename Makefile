# Two commands on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check links test system-deps clean

$(VENV)/.site-installed: requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

## serve: build the site and serve it at http://127.0.0.1:8000 with live reload
serve: $(VENV)/.site-installed
	$(MKDOCS) serve --strict --livereload -a 127.0.0.1:8000

## build: strict build into site/
build: $(VENV)/.site-installed
	$(MKDOCS) build --strict

## check: validate all content and report every problem at once
check: $(VENV)/.site-installed
	@$(PY) -m samsite check .

## links: fix the link numbers of every cahier in cahiers/<slug>/links.yml (commit that file)
links: $(VENV)/.site-installed
	@$(PY) -m samsite links .

## system-deps: Debian packages the tests need (chromium, pdftoppm)
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi

## test: install what the tests need and run the whole suite
test: $(VENV)/.test-installed system-deps
	$(PY) -m pytest

clean:
	rm -rf site .cache
