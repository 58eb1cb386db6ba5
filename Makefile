# The two commands of the README: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test quick lint typecheck imports pytest browser office postgres clean

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

# The HTML report test opens the report in headless Chromium (Debian's package, with CJK fonts).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium and fonts-noto-cjk (Debian packages) for the report test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "chromium is not installed and this is not root: the screenshot test will be skipped"; \
	  fi; }

# The workbook test round-trips the .xlsx through LibreOffice; the PDF test renders the printed
# report's pages to PNG with pdftoppm (Debian packages libreoffice-calc and poppler-utils).
office:
	@{ command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing libreoffice-calc and poppler-utils (Debian packages) for the workbook and PDF tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends libreoffice-calc poppler-utils >/dev/null; \
	  else \
	    echo "soffice or pdftoppm is not installed and this is not root: the LibreOffice and PDF page tests will be skipped"; \
	  fi; }

# The audit store's tests run against a real PostgreSQL server: Debian's package, a throwaway
# cluster on a socket in a temporary folder, stopped whatever the tests do.
postgres:
	@bash .ci/postgres install || echo "the PostgreSQL tests will start no server here (see above)"

pytest: $(VENV)/.installed-dev browser office postgres
	@dir=$$(mktemp -d /tmp/governance-pg.XXXXXX); \
	trap 'bash .ci/postgres stop "$$dir"' EXIT; \
	url=$$(bash .ci/postgres start "$$dir") || url=""; \
	if [ -n "$$url" ]; then echo "PostgreSQL for the audit store's tests: $$url"; fi; \
	GOVERNANCE_TEST_POSTGRES_URL="$$url" $(BIN)/pytest

test: lint typecheck imports pytest

# A developer's loop: the tests without the `slow` ones (the 2,000-register differential), no
# lint. `make test` (and CI) still runs everything.
quick: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not slow"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
