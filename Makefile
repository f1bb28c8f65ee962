# Two commands on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The site generator, in one place: `make build MKDOCS_MODULE=properdocs` builds with ProperDocs,
# the community fork of MkDocs 1.x; the tests read SAM_MKDOCS (tests/conftest.py).
MKDOCS_MODULE ?= mkdocs
MKDOCS = $(PY) -m $(MKDOCS_MODULE)
export SAM_MKDOCS := $(MKDOCS_MODULE)
SERVE_ADDR ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build build-properdocs check links linkcheck gids praktijk cahier import import-nieuwe test test-fast system-deps bench clean lock

# Every install comes from a lock (requirements*.txt, written by `make lock` from requirements*.in):
# the exact version and hash of every package, direct and transitive. --require-hashes refuses
# anything the lock does not name, so a fresh machine installs what CI tested.
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes

$(VENV)/.site-installed: requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(PIP_INSTALL) -r requirements-test.txt
	@touch $@

## lock: compile requirements*.in into the locks requirements*.txt (exact versions + hashes; commit them).
##       Pins already in a lock stay; `make lock UPGRADE="mkdocs-material"` moves one package (and what
##       it needs) to its newest allowed version, `make lock UPGRADE=all` every package.
LOCK_VENV := .venv-lock
# The machine's own pip settings (extra indexes, local wheel folders) never reach a lock.
PIP_COMPILE = env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null $(LOCK_VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url \
	--index-url https://pypi.org/simple \
	$(if $(filter all,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p)))
lock:
	@test -x $(LOCK_VENV)/bin/python || python3 -m venv $(LOCK_VENV)
	@$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  -r requirements-lock.txt
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-test.txt requirements-test.in
	$(PIP_COMPILE) -o requirements-lock.txt requirements-lock.in

## serve: build the site and serve it at http://127.0.0.1:8000 with live reload (SERVE_ADDR=host:port)
serve: $(VENV)/.site-installed
	$(MKDOCS) serve --strict --livereload -a $(SERVE_ADDR)

## build: strict build into site/ (quiet: warnings and Dutch reports only; V=1 shows everything)
build: $(VENV)/.site-installed
	@$(PY) hooks/mkdocs_cli.py build --strict $(if $(V),,--quiet) $(MKDOCS_ARGS)

## build-properdocs: the same strict build with ProperDocs (MkDocs 1.x fork) into site-properdocs/
build-properdocs: $(VENV)/.test-installed
	$(MAKE) build MKDOCS_MODULE=properdocs MKDOCS_ARGS="-d site-properdocs"

## check: validate all content and report every problem at once
check: $(VENV)/.site-installed
	@$(PY) -m samsite check .

## linkcheck: check every external link (needs internet); exit 1 when a printed link is dead and not redirected
## (options: make linkcheck LINKCHECK_ARGS="--json rapport.json --delay 2")
linkcheck: $(VENV)/.site-installed
	@$(PY) -m samsite linkcheck . $(LINKCHECK_ARGS)

## praktijk: make praktijk TITLE="Naam" creates praktijken/<slug>.md with every field explained
## cahier: make cahier TITLE="Titel" creates cahiers/<slug>/ with index.md and a first chapter
# TITLE reaches the command through the environment, so quotes in it do no harm.
praktijk cahier: $(VENV)/.site-installed
	@$(PY) -m samsite $@ "$$TITLE" .

## import: make import BESTAND=pad/naar/cahier.docx turns a Word document into a new cahier folder
## (the pull-request workflow runs: python -m samsite import --nieuwe . for uploads under cahiers/)
# BESTAND reaches the command through the environment, so spaces and quotes in it do no harm.
import: $(VENV)/.site-installed
	@test -n "$$BESTAND" || { echo 'Geef een Word-bestand, bv. make import BESTAND=~/Documenten/cahier.docx' >&2; exit 2; }
	@$(PY) -m samsite import "$$BESTAND" .

## import-nieuwe: convert the Word file (.docx) in every new cahier folder (cahiers/<map>/ without index.md)
##                to Markdown; the pull-request workflow runs it before check and build
import-nieuwe: $(VENV)/.site-installed
	@$(PY) -m samsite import --nieuwe .

## links: fix the link numbers of every cahier in cahiers/<slug>/links.yml and the practice
##        numbers (short links /p/<n>/) in praktijken/nummers.yml (commit those files)
links: $(VENV)/.site-installed
	@$(PY) -m samsite links .

## gids: write the field, vocabulary and template tables into docs/redactiegids.md (commit that file)
gids: $(VENV)/.site-installed
	@$(PY) -m samsite gids .

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

## test-fast: the fast tier only: the core's logic in this Python, no build, no browser, no new
##            process (tests/conftest.py); no Chromium needed. `make test` runs it too.
test-fast: $(VENV)/.test-installed
	$(PY) -m pytest -m "not slow"

## lint: ruff on the build code, tests, benchmarks and CI scripts (rules in ruff.toml)
.PHONY: lint
lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check hooks tests benchmarks .ci .github/scripts

## bench: build time, memory and page weight against plain Material (N=1000 10000; not part of `make test`)
bench: $(VENV)/.test-installed system-deps
	$(PY) benchmarks/run.py $(N)

clean:
	rm -rf site site-properdocs .cache
