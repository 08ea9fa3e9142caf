# riskrad: `make extract` and `make test` set up everything on a fresh Debian machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
IN     ?= corpus
OUT    ?= outputs
JOBS   ?= $(shell nproc 2>/dev/null || echo 1)
OCR_PACKAGES  := tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng
TEST_PACKAGES := $(OCR_PACKAGES) chromium fonts-liberation fonts-dejavu-core
# A C compiler and Python's headers: the text repair's hot modules are compiled (mypyc).
BUILD_PACKAGES := gcc python3-dev

.PHONY: help setup system-deps test-deps native extract test lint corpus fuzz bench bench-scale bench-repair bench-lineage bench-review evaluate confidence clean generated generated-scans evaluate-heldout

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  make %-14s %s\n", $$1, $$2}'

system-deps: ## install Tesseract with its Swedish (and English) model with apt when missing
	@bash scripts/system-deps.sh $(OCR_PACKAGES)

test-deps: ## also Chromium, which the report test opens the report in
	@bash scripts/system-deps.sh $(TEST_PACKAGES)

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m riskrad.model.lexicon build
	@touch $(STAMP)

setup: system-deps $(STAMP) ## system packages and the virtual environment (.venv)

native: $(STAMP) ## compile the text repair's hot modules (mypyc) and the text layer's character scanner (they run as Python without)
	@$(PY) -m riskrad.model.native_build check >/dev/null || bash scripts/system-deps.sh $(BUILD_PACKAGES) || true
	$(PY) -m riskrad.model.native_build build
	$(PY) -m riskrad.extract.charscan build

extract: setup native ## extract the dataset: IN=folder of PDFs (corpus/), OUT=output folder (outputs/)
	$(VENV)/bin/riskrad extract $(IN) --out $(OUT) --jobs $(JOBS)

test: setup test-deps native ## run the test suite
	$(VENV)/bin/pytest -q -n $(JOBS) --dist loadfile

lint: setup ## ruff and mypy
	$(VENV)/bin/ruff check riskrad extract normalize corpus bench tests
	$(VENV)/bin/mypy -p riskrad

corpus: setup ## rebuild the sample corpus PDFs and their expected rows (deterministic)
	$(PY) corpus/build.py

fuzz: setup ## mutate the corpus PDFs into 1,100 damaged files, run riskrad over each, count per kind (CPU heavy, niced; PARTS=10, --only-part N)
	nice -n 5 $(PY) corpus/fuzz.py --count 1100 --out fuzz --parts 10 --dpi 100 --nice 0

bench: setup native ## pages per second, text layer and OCR (one core)
	@bash scripts/system-deps.sh $(OCR_PACKAGES) fonts-liberation
	$(PY) bench/pipeline_bench.py
	$(PY) bench/ocr_bench.py

bench-scale: setup native ## national-run figures: start-up, pages/s, re-runs, page triage, Dask speed-up, memory
	$(PY) bench/scale_bench.py

bench-repair: setup native ## Swedish text repair: accuracy and words per second
	$(PY) bench/repair_bench.py

bench-lineage: setup ## same-risk pairs across years: held-out pairs (threshold frozen before), then in-sample
	$(PY) bench/lineage_eval.py bench/data/lineage_pairs_heldout.csv --show-errors
	$(PY) bench/lineage_eval.py tests/data/lineage_pairs_dev.csv
	$(PY) bench/lineage_eval.py corpus/lineage_pairs.csv

bench-review: setup test-deps ## review.html: size and first paint in Chromium for OUT's page and 5,000 synthetic rows
	$(PY) bench/review_bench.py $(OUT)
	$(PY) bench/review_bench.py --synthetic 5000

GEN      ?= generated
GEN_SRC  := corpus/generate.py $(wildcard corpus/layoutgen/*.py)

GEN_PACKAGES := libreoffice-writer-nogui fonts-dejavu-core fonts-liberation

$(GEN)/.built: $(GEN_SRC) | $(STAMP)
	@bash scripts/system-deps.sh $(GEN_PACKAGES)
	rm -rf $(GEN)/tune $(GEN)/report
	$(PY) corpus/generate.py --out $(GEN) --split tune --split report \
		--engine reportlab --engine libreoffice --jobs $(JOBS)
	@touch $@

generated: setup $(GEN)/.built ## generated layout families (tune + report seeds) with expected rows, in $(GEN)/

$(GEN)/.scans: $(GEN)/.built
	@bash scripts/system-deps.sh $(OCR_PACKAGES)
	rm -rf $(GEN)/scans/tune $(GEN)/scans/report
	$(PY) corpus/generate.py --out $(GEN) --split tune --split report --only-scans --jobs $(JOBS)
	@touch $@

generated-scans: setup $(GEN)/.scans ## scans of the generated families (image-only + English OCR layer)

evaluate: setup native $(GEN)/.built $(if $(SCANS),$(GEN)/.scans) ## extraction vs expected rows: corpus, then generated families (SCANS=1: their scans too)
	$(PY) bench/corpus_eval.py --jobs $(JOBS)
	$(PY) bench/generated_eval.py --root $(GEN) --split report --jobs $(JOBS)
	$(if $(SCANS),$(PY) bench/generated_eval.py --root $(GEN) --split report --scans --jobs $(JOBS))

evaluate-heldout: setup native ## the held-out generated families (never tuned on), measured once
	@bash scripts/system-deps.sh $(GEN_PACKAGES)
	rm -rf $(GEN)/heldout
	$(PY) corpus/generate.py --out $(GEN) --split heldout \
		--engine reportlab --engine libreoffice --jobs $(JOBS)
	$(PY) bench/generated_eval.py --root $(GEN) --split heldout --jobs $(JOBS)

confidence: setup native ## does low row confidence find the wrong rows? per route, with intervals (cold run)
	@tmp=$$(mktemp -d) && RISKRAD_CACHE_DIR=$$tmp/ocr-cache $(VENV)/bin/riskrad extract corpus --out $$tmp/out --jobs $(JOBS) \
	  && $(PY) bench/confidence_eval.py $$tmp/out corpus; status=$$?; rm -rf $$tmp; exit $$status

clean: ## remove generated outputs and caches
	rm -rf $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/*.html $(OUT)/run.json .pytest_cache .mypy_cache .ruff_cache
