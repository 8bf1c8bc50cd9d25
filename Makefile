# kehoach — two commands are all the set-up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/properdocs serve

build: $(STAMP)
	$(BIN)/properdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

# make bench [PLANS=10000]: every stage on a generated corpus, against the budgets; appends a row to
# docs/hieu-nang.md and writes bench.json
PLANS ?= 10000
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --plans $(PLANS) --json bench.json --record docs/hieu-nang.md

clean:
	rm -rf site .cache .pytest_cache .hypothesis bench.json
