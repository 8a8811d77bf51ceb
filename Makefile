# Self-documenting: `make help` lists the targets with their `##` descriptions.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TABLES_DIR ?= reports/tables
JOBS    ?= 2

.DEFAULT_GOAL := help
.PHONY: help install report examples readme-images data test test-fast test-browser bench clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed ## create .venv and install forecast into it (no run); then `. .venv/bin/activate`
	@echo "installed: .venv/bin/forecast (run \`. .venv/bin/activate\` to call it as forecast)"

report: $(VENV)/.installed ## forecast every region of the shipped data: data check, national tables, notebook batch, PDFs (en, id) and HTML
	@mkdir -p $(TABLES_DIR)
	$(VENV)/bin/forecast data check > $(TABLES_DIR)/data_check.txt
	$(VENV)/bin/forecast run --region national --as-of 2023 --output $(TABLES_DIR)/national_asof_2023.json | tee $(TABLES_DIR)/national_asof_2023.txt
	$(VENV)/bin/forecast run --region national --output $(TABLES_DIR)/national.json | tee $(TABLES_DIR)/national.txt
	$(VENV)/bin/forecast batch --regions all --jobs $(JOBS) --lang en
	$(VENV)/bin/forecast report latest --lang id
	@echo "national tables in $(TABLES_DIR)/; the run in reports/runs/latest/ (a link to the newest run): per region a notebook, HTML, results.json, report_en.pdf, report_id.pdf; summary_en.pdf and summary_id.pdf"

examples: $(VENV)/.installed ## the README's page images (reports/examples/) from reports/runs/latest (after make report; needs pdftoppm)
	$(PY) -m forecast.report.examples reports/runs/latest reports/examples

readme-images: $(VENV)/.installed ## the README's images of issue 18 (reports/examples/issue18/) from a fresh national run, seed 20261231 (~1 min; needs pdftoppm)
	$(PY) -m forecast.report.readme_images reports/examples/issue18

data: $(VENV)/.installed ## rebuild data/*.csv and data/README.md from data/raw/ (data/curation/)
	$(PY) data/curation/build.py

test: $(VENV)/.installed ## the whole test suite and the docstring examples (what CI runs; ~13 min on 2 idle cores)
	$(PY) -m pytest -q

test-fast: $(VENV)/.installed ## the edit loop: every test not marked slow, and the docstring examples (~3 min)
	$(PY) -m pytest -q -m "not slow"

# Playwright (the browser extra) drives the system Chromium: apt-get install chromium.
$(VENV)/.browser-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[browser]'
	@touch $@

test-browser: $(VENV)/.browser-installed ## run the three notebooks in JupyterLab in headless Chromium (~3 min)
	$(PY) -m pytest -q -m browser tests

# The peers of the accuracy benchmark (statsforecast, Prophet) and psutil: the bench extra.
$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[bench]'
	@touch $@

bench: $(VENV)/.bench-installed ## accuracy, M3 + own-series + coverage-shares calibration, speed, scale (26 min from a clean checkout last time, 17 of them the calibration; BENCH_ARGS="--section calibration" for only the calibration)
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean: ## remove the environment and generated runs
	rm -rf $(VENV) reports/runs .pytest_cache
