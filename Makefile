# The study's front door. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-from-lock
SOURCES   ?=
OUT       ?=
PARAMS    ?=
WORKERS   ?=
SCHEDULER ?=
FORCE     ?=
# Paths reach the runner through the environment, taken verbatim ($(value ...), `:=`), so neither
# make nor the shell interprets them: `SOURCES='a $(shell x) `y`'` is just an odd folder name.
export STUDY_SOURCES   := $(value SOURCES)
export STUDY_OUT       := $(value OUT)
export STUDY_PARAMS    := $(value PARAMS)
export STUDY_WORKERS   := $(value WORKERS)
export STUDY_SCHEDULER := $(value SCHEDULER)
export STUDY_FORCE     := $(value FORCE)
# make exports command-line variables itself, expanding them (and any $(shell ...)) on the way.
unexport SOURCES OUT PARAMS WORKERS SCHEDULER FORCE
# More flags for `make lab` (`LAB_ARGS='--no-browser --port 8899'`), handed over the same way.
export STUDY_LAB_ARGS := $(value LAB_ARGS)
unexport LAB_ARGS
# Setup shows pip's own progress; under CI=true (set by CI services) only one line a step.
PIP_QUIET := $(if $(filter true,$(value CI)),--quiet)

.PHONY: study test lab site browser clean distclean lock bench

# The venv is (re)built when the lock or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || { echo "setup: creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "setup: installing $$(grep -c '==' requirements.lock) pinned packages from requirements.lock"
	@$(PY) -m pip install $(PIP_QUIET) --disable-pip-version-check -r requirements.lock
	@echo "setup: installing the study's package from lib/ (editable)"
	@$(PY) -m pip install $(PIP_QUIET) --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Only the notebooks whose inputs changed since the last run are run again (FORCE=1: all of them);
# on an unchanged checkout this takes about a second.
study: $(STAMP)
	$(PY) -m japan_russia_numbers run --from-environment

# Rerun every notebook in place (never skipped) and fail on any changed output, then unit tests, the
# site's tests in headless Chromium, and nbval.
test: $(STAMP) browser
	$(PY) -m japan_russia_numbers run --check-drift
	$(PY) -m pytest

# The rendered study, from the executed notebooks (never rerun): site/, or OUT/site for a run with OUT.
site: $(STAMP)
	$(PY) -m japan_russia_numbers site --from-environment

# Debian's Chromium and its driver for the site's browser tests, installed when missing (as root: CI).
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  test "$$(id -u)" = 0 || { echo "error: the site's browser tests need Debian's chromium and chromium-driver; install them (apt-get install chromium chromium-driver) or run make as root"; exit 1; }; \
	  echo "setup: installing Debian's chromium and chromium-driver (apt-get) for the site's browser tests"; \
	  apt-get update $(if $(PIP_QUIET),-qq) && DEBIAN_FRONTEND=noninteractive apt-get install -y $(if $(PIP_QUIET),-qq) chromium chromium-driver $(if $(PIP_QUIET),> /dev/null); }

# JupyterLab on notebooks/ (with --allow-root when run as root), then LAB_ARGS.
lab: $(STAMP)
	$(PY) -m japan_russia_numbers lab --from-environment

# Removes what `make study` generated (tables, cleaned texts, figures, run folders).
# Hand-made inputs stay: seeds/, data/codebook.csv, data/reference/, data/rules/.
# The notebooks stay too: they are sources as well as records; `make study` refreshes them.
clean:
	rm -rf .staging .failed .study-state.json data/clean data/tables figures site test-artifacts
	find data -maxdepth 1 -type f -name '*.csv' ! -name codebook.csv -delete

distclean: clean
	rm -rf $(VENV)

# Re-pin requirements.lock from the ranges in pyproject.toml (a deliberate, reviewed step).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip setuptools
	.lock-venv/bin/pip install --quiet ".[test,site]"
	.lock-venv/bin/pip freeze --all --exclude-editable | grep -v -e '^japan-russia-numbers' -e '^pip==' > requirements.lock
	rm -rf .lock-venv

# Our extractor against quantulum3 on the seeds, and the whole per-document pipeline on the
# hand-labelled development corpus and the held-out pages, then the study at 100/1,000/10,000 documents.
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.lock
	$(PY) benchmarks/extractor_vs_quantulum3.py
	$(PY) benchmarks/dev_corpus.py
	$(PY) benchmarks/dev_corpus.py tests/data/heldout benchmarks/heldout.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout2 benchmarks/heldout2.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout3 benchmarks/heldout3.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout4 benchmarks/heldout4.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout5 benchmarks/heldout5.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout6 benchmarks/heldout6.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout7 benchmarks/heldout7.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout8 benchmarks/heldout8.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout9 benchmarks/heldout9.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout10 benchmarks/heldout10.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout11 benchmarks/heldout11.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout12 benchmarks/heldout12.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout13 benchmarks/heldout13.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout14 benchmarks/heldout14.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout15 benchmarks/heldout15.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout16 benchmarks/heldout16.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout17 benchmarks/heldout17.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout18 benchmarks/heldout18.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout19 benchmarks/heldout19.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout20 benchmarks/heldout20.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout21 benchmarks/heldout21.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout22 benchmarks/heldout22.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout23 benchmarks/heldout23.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout24 benchmarks/heldout24.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout25 benchmarks/heldout25.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout26 benchmarks/heldout26.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout27 benchmarks/heldout27.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout28 benchmarks/heldout28.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout29 benchmarks/heldout29.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout30 benchmarks/heldout30.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout31 benchmarks/heldout31.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout32 benchmarks/heldout32.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout33 benchmarks/heldout33.md
	$(PY) benchmarks/dev_corpus.py tests/data/heldout34 benchmarks/heldout34.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/dev benchmarks/scramble_claims.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/dev2 benchmarks/scramble_claims_dev2.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind2 benchmarks/scramble_claims_blind2.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind3 benchmarks/scramble_claims_blind3.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind4 benchmarks/scramble_claims_blind4.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind5 benchmarks/scramble_claims_blind5.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind6 benchmarks/scramble_claims_blind6.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind7 benchmarks/scramble_claims_blind7.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind8 benchmarks/scramble_claims_blind8.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind9 benchmarks/scramble_claims_blind9.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind10 benchmarks/scramble_claims_blind10.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind11 benchmarks/scramble_claims_blind11.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind12 benchmarks/scramble_claims_blind12.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind13 benchmarks/scramble_claims_blind13.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind14 benchmarks/scramble_claims_blind14.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind15 benchmarks/scramble_claims_blind15.md
	$(PY) benchmarks/scramble_claims.py tests/data/scrambles/blind16 benchmarks/scramble_claims_blind16.md
	$(PY) benchmarks/scaling.py
