# SCODA Desktop: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# The developer install puts the project folder on sys.path (a .pth line) instead of
# setuptools' default import finder, which imports pathlib, importlib.util and urllib.parse
# in every process (about 20 ms of a one-query `search`, issue 17). Should a setuptools drop
# the transitional mode, the plain editable install follows.
EDITABLE = $(PIP) install --quiet -e '.[$(1)]' --config-settings editable_mode=compat \
	|| $(PIP) install --quiet -e '.[$(1)]'
# Bytecode for our own modules: with PYTHONDONTWRITEBYTECODE set (as on our CI machines)
# every process compiled them from source, about a third of a one-query `search`.
# Installs from a wheel and the bundle ship compiled; compileall only redoes changed files.
BYTECODE = $(PY) -m compileall -q scoda_desktop

.PHONY: run test lint bench bench-quality dist dist-test clean-venv

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(call EDITABLE,test)
	touch $@

run: $(VENV)/.installed
	@bash scripts/system_deps.sh --gui
	@$(BYTECODE)
	$(PY) -m scoda_desktop gui

test: $(VENV)/.installed
	@bash scripts/system_deps.sh
	@$(BYTECODE)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(VENV)/bin/lint-imports

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Benchmarks (not part of `make test`): make bench BENCH_ARGS="--sizes 1000 --repeat 1" for a quick run.
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(call EDITABLE,bench)
	@bash scripts/system_deps.sh --bench
	@$(BYTECODE)
	$(PY) benchmarks/run.py $(BENCH_ARGS)

# Quality on public development sets (../shared/tools/devsets.sh fills ~/.cache/scoda-devsets);
# peers (trafilatura, readability-lxml, jusText, quantulum3, ...) come from the `quality` extra.
QUALITY_ARGS ?=
bench-quality: $(VENV)/.installed
	$(call EDITABLE,quality)
	$(PY) benchmarks/quality/run.py $(QUALITY_ARGS)

$(VENV)/.installed-build: $(VENV)/.installed
	$(call EDITABLE,build)
	touch $@

# The standalone executable: dist/scoda-desktop/scoda-desktop (a folder, the default), or with
# SCODA_ONEFILE=1 a single file dist/onefile/scoda-desktop (own work dir: the folder stays).
ifeq ($(SCODA_ONEFILE),1)
DIST_EXE := dist/onefile/scoda-desktop
DIST_DIRS := --distpath dist/onefile --workpath build/onefile
else
DIST_EXE := dist/scoda-desktop/scoda-desktop
DIST_DIRS := --distpath dist --workpath build/onedir
endif

dist: $(VENV)/.installed-build
	@bash scripts/system_deps.sh --build
	SCODA_ONEFILE=$(SCODA_ONEFILE) $(VENV)/bin/pyinstaller --noconfirm --log-level WARN \
	  $(DIST_DIRS) build.spec

# Smoke-test the built executable on the bundled seeds, in a throwaway data dir.
dist-test: dist
	bash scripts/dist_test.sh $(DIST_EXE)

clean-venv:
	rm -rf $(VENV)
