# Two commands on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check links praktijk cahier test system-deps bench clean

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

## praktijk: make praktijk TITLE="Naam" creates praktijken/<slug>.md with every field explained
## cahier: make cahier TITLE="Titel" creates cahiers/<slug>/ with index.md and a first chapter
# TITLE reaches the command through the environment, so quotes in it do no harm.
praktijk cahier: $(VENV)/.site-installed
	@$(PY) -m samsite $@ "$$TITLE" .

## links: fix the link numbers of every cahier in cahiers/<slug>/links.yml and the practice
##        numbers (short links /p/<n>/) in praktijken/nummers.yml (commit those files)
links: $(VENV)/.site-installed
	@$(PY) -m samsite links .

## system-deps: Debian packages the tests need (chromium, pdftoppm, zbar for a second QR decoder)
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null \
	    || ! /sbin/ldconfig -p 2>/dev/null | grep -q libzbar.so.0; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils libzbar0 >/dev/null; \
	fi

## test: install what the tests need and run the whole suite
test: $(VENV)/.test-installed system-deps
	$(PY) -m pytest

## bench: build time and page weight against plain Material (N=100 1000 5000; not part of `make test`)
bench: $(VENV)/.test-installed system-deps
	$(PY) benchmarks/run.py $(N)

clean:
	rm -rf site .cache
