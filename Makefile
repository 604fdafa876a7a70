# Two commands do all the set-up: `make site` and `make test`. Only python3 is needed beforehand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Exact versions of every dependency (CI uses them too); refreshed by `make constraints`.
CONSTRAINTS := constraints.txt
# A new stamp (so a reinstall) whenever the dependencies or their versions change.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(CONSTRAINTS) | cksum | cut -d' ' -f1)
CATALOGUE := plugins/resourceboek/locale/nl/LC_MESSAGES/click
FRESH  := .cache/constraints-venv

.PHONY: site serve-site test test-fast lint serve check bench clean install constraints catalogue engines

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installeren in $(VENV) (eenmalig, duurt even)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## make site: build the handbook and the example booklets into site/
site: $(STAMP)
	@$(BIN)/resourceboek build
	@echo "Bekijk het met: make serve-site  →  http://127.0.0.1:8000/handboek/"
	@echo "De opdracht resourceboek staat in $(BIN)/: typ $(BIN)/resourceboek, of eerst"
	@echo "  source $(BIN)/activate   (daarna werkt resourceboek in dit terminalvenster, in elke map)"

## make serve-site: serve the built site/ on http://127.0.0.1:8000 (this computer only)
serve-site:
	@test -d site || { echo "Er is nog geen site/; maak hem eerst met: make site"; exit 1; }
	@echo "De site staat op http://127.0.0.1:8000/handboek/ (stoppen: Ctrl+C)."
	@$(PYTHON) -m http.server --bind 127.0.0.1 --directory site 8000

## make test: lint, then the whole test suite (browser and PDF tests included)
test: lint
	@$(BIN)/python -m pytest

## make test-fast: lint, then the tests without a browser or PDFs (markers `browser`, `pdf`)
test-fast: lint
	@$(BIN)/python -m pytest -m "not browser and not pdf"

## make engines: puppeteer-core for the Firefox test (test_browser_engines.py), from the lock file
## in tests/engines/, installed in .cache/engines/ (outside the package, git-ignored); needs npm
ENGINES := .cache/engines
engines:
	@mkdir -p $(ENGINES)
	@cp tests/engines/package.json tests/engines/package-lock.json $(ENGINES)/
	@cd $(ENGINES) && npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error

## make lint: formatting, lint rules and types of the package, the tests and the benchmarks
lint: $(STAMP)
	@$(BIN)/ruff format --check --quiet .
	@$(BIN)/ruff check --quiet .
	@$(BIN)/mypy

## make serve: live preview of the handbook on http://127.0.0.1:8000
serve: $(STAMP)
	@$(BIN)/resourceboek serve

## make check: validate the group files
check: $(STAMP)
	@$(BIN)/resourceboek check

## make bench: benchmark of building many booklets (see benchmarks/build.py for options)
bench: $(STAMP)
	@$(BIN)/python benchmarks/build.py --sizes 200,400 --runs 3 --pdf-size 50 --pdf-runs 3 $(ARGS)

## make constraints: the newest versions pyproject.toml allows, resolved afresh, into constraints.txt
constraints:
	@rm -rf $(FRESH) && $(PYTHON) -m venv $(FRESH)
	@echo "Alle afhankelijkheden opnieuw kiezen in $(FRESH) (duurt even)..."
	@$(FRESH)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,properdocs]'
	@{ echo "# Exact versions of every package that make install and CI install (pip install -c)."; \
	  echo "# Made by make constraints from the ranges in pyproject.toml; do not edit by hand."; \
	  $(FRESH)/bin/python -m pip freeze --disable-pip-version-check --exclude-editable | grep -v '^#'; \
	} > $(CONSTRAINTS).new
	@mv $(CONSTRAINTS).new $(CONSTRAINTS) && rm -rf $(FRESH)
	@echo "$(CONSTRAINTS) is vernieuwd. Nu: make test (installeert eerst opnieuw), dan committen."

## make catalogue: compile click's Dutch texts (click.po) into click.mo after an edit
catalogue: $(STAMP)
	@$(BIN)/pybabel compile --statistics -i $(CATALOGUE).po -o $(CATALOGUE).mo

clean:
	rm -rf site .cache
