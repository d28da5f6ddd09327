# Two entry points, the README's quickstart: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
QUERY  ?= post-holders

.PHONY: run test build system-deps clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the graph from data/ and run one stored query on the embedded store (Java is installed for the
## reasoner when missing and running as root).
run: $(BIN)/kg
	bash scripts/system-deps --runtime
	$(BIN)/kg build
	$(BIN)/kg query $(QUERY)

## Install what the tests need (system packages too, when root) and run the whole suite.
test: $(BIN)/kg system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

system-deps:
	bash scripts/system-deps

clean:
	rm -rf build $(VENV) .pytest_cache
