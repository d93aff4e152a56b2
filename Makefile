# Two commands a newcomer needs: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

WEB_STAMP := src/frontlines/serve/static/.built
CHROMIUM := /usr/bin/chromium
# Root installs Debian packages itself; anyone else through sudo.
APT := $(if $(filter 0,$(shell id -u)),,sudo) apt-get

.PHONY: demo test lint bench clean setup

setup: $(STAMP) $(WEB_STAMP)

# The stamp is rebuilt when the dependency files change, so `make test` after a pull re-installs.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The web app, built from npm packages (pinned in web/package-lock.json) into the package's
# static folder; nothing is fetched from a CDN when it runs.
$(WEB_STAMP): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build
	touch $(WEB_STAMP)

# The browser tests drive Debian's Chromium (Playwright cannot download a browser here).
$(CHROMIUM):
	$(APT) update -qq
	DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium

demo: $(STAMP) $(WEB_STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/frontlines ingest examples/ tests/fusion/articles.jsonl --db $(DEMO_DB)
	$(BIN)/frontlines articles --db $(DEMO_DB)
	$(BIN)/frontlines events --db $(DEMO_DB)
	$(BIN)/frontlines control --db $(DEMO_DB) --at 2025-03-01
	@echo
	@echo "See it on a map: $(BIN)/frontlines serve --db $(DEMO_DB)"
	@echo "  then open http://127.0.0.1:8000/ for the events on a map with a timeline to brush,"
	@echo "  filters, each event's sources with the sentences that tell it, and who controlled"
	@echo "  which place on a chosen day; the API and its documentation are at /docs."

test: $(STAMP) $(WEB_STAMP) $(CHROMIUM)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/geocode.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache web/node_modules src/frontlines/serve/static
