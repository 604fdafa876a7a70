# Two commands do all the set-up: `make site` and `make test`. Only python3 is needed beforehand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: site serve-site test lint serve check bench clean install

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installeren in $(VENV) (eenmalig, duurt even)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## make site: build the handbook and the example booklets into site/
site: $(STAMP)
	@$(BIN)/resourceboek build
	@echo "Bekijk het met: make serve-site  →  http://127.0.0.1:8000/handboek/"

## make serve-site: serve the built site/ on http://127.0.0.1:8000 (this computer only)
serve-site:
	@test -d site || { echo "Er is nog geen site/; maak hem eerst met: make site"; exit 1; }
	@echo "De site staat op http://127.0.0.1:8000/handboek/ (stoppen: Ctrl+C)."
	@$(PYTHON) -m http.server --bind 127.0.0.1 --directory site 8000

## make test: lint, then the whole test suite
test: lint
	@$(BIN)/python -m pytest

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

clean:
	rm -rf site .cache
