# Two commands a newcomer needs: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: demo test lint bench clean setup

setup: $(STAMP)

# The stamp is rebuilt when the dependency files change, so `make test` after a pull re-installs.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/frontlines ingest examples/ tests/fusion/articles.jsonl --db $(DEMO_DB)
	$(BIN)/frontlines articles --db $(DEMO_DB)
	$(BIN)/frontlines events --db $(DEMO_DB)
	$(BIN)/frontlines control --db $(DEMO_DB) --at 2025-03-01

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/geocode.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache
