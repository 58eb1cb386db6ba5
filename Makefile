# The two commands of the README: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck imports pytest clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 12) else "governance supports Python 3.11 and 3.12; $(PYTHON) is %d.%d. Run: make PYTHON=python3.11 ..." % v)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/governance check examples/register.yaml --fail-on none

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check governance tests bench
	$(BIN)/ruff format --check governance tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy --strict governance

imports: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

test: lint typecheck imports pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
