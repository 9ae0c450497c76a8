# Crisis Runbook. Two commands on a fresh machine: `make site`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt
PLAN   ?= plans/example.yaml

.PHONY: install site test lint unit browser golden bench screenshots catalogs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps make re-installs happen only when the dependency lists change.
$(VENV)/.site-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[site]'
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt $(VENV)/.site-installed
	$(PIP) -e '.[site,test]'
	touch $@

$(VENV)/.bench-installed: pyproject.toml constraints.txt $(VENV)/.test-installed
	$(PIP) -e '.[site,test,bench]'
	touch $@

## install: create .venv with the runbook command
install: $(VENV)/.site-installed

## site: validate the example plan and build the runbook site into site/
site: $(VENV)/.site-installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/runbook build --plan $(PLAN) --site-dir site

## test: lint, type-check and run the whole suite
test: lint unit

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

unit: $(VENV)/.test-installed browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest

# The browser tests drive Debian's Chromium; install it when missing (never a
# browser download). Needs root or sudo, as apt does.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## golden: regenerate every golden file; review the result with `git diff`
golden: $(VENV)/.test-installed
	UPDATE_GOLDEN=1 $(BIN)/pytest -q tests -k "golden or workflow_is_the_template"

## screenshots: retake docs/screenshots/*.png; review them with `git diff --stat`
screenshots: $(VENV)/.test-installed browser
	$(BIN)/python docs/screenshots.py

## catalogs: extract the tool's own words into generator/locale/runbook.pot, then merge
## them into every generator/locale/<lang>/LC_MESSAGES/runbook.po (translate the new ones)
LOCALE   := generator/locale
KEYWORDS := -k _ -k gettext_ -k plain_ -k n_:1,2 -k ngettext_:1,2 -k pgettext_:1c,2
catalogs: $(VENV)/.site-installed
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --add-comments=TRANSLATORS: \
	  --add-location=file --sort-output \
	  --width 100 --project "Crisis Runbook" --copyright-holder "The Crisis Runbook team" \
	  -o $(LOCALE)/runbook.pot .
	@# the extract stamps today's date: when no message changed, the committed template
	@# (and its date) stays, so the catalogs show no diff of dates alone
	@git diff --quiet -I '^"POT-Creation-Date: ' -- $(LOCALE)/runbook.pot \
	  && git checkout -q -- $(LOCALE)/runbook.pot || true
	$(BIN)/pybabel update -i $(LOCALE)/runbook.pot -d $(LOCALE) -D runbook \
	  --width 100 --no-fuzzy-matching --ignore-obsolete

## bench: print the benchmark figures
bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_assess.py
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_portfolio.py
	$(BIN)/python benchmarks/bench_portfolio_build.py
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_diff.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
