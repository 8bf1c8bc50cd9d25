# kehoach — two commands are all the set-up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test bench publish-s3 clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,publish]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/properdocs serve

build: $(STAMP)
	$(BIN)/properdocs build --strict

# the test files run side by side, one worker per core, each file in one worker (its module fixtures, such
# as a built site, are made once): 13 min → 8 min on 2 cores. TESTJOBS=1: one worker; TESTJOBS=0: in this process.
TESTJOBS ?= auto
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TESTJOBS) --dist loadfile

# make bench [PLANS=10000]: every stage on a generated corpus, against the budgets; appends a row to
# docs/hieu-nang.md and writes bench.json
PLANS ?= 10000
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --plans $(PLANS) --json bench.json --record docs/hieu-nang.md

# make publish-s3 BUCKET=name [S3_ENDPOINT=https://…] [SITE_DIR=site]: the built site to an S3-compatible
# bucket (AWS S3, Cloudflare R2, MinIO…), for a site past GitHub Pages' 1 GB. `aws s3 sync` uploads what
# is new or changed and deletes what the site no longer has; credentials from the environment
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION). docs/xuat-ban.md says how.
SITE_DIR ?= site
publish-s3: $(STAMP)
	test -n "$(BUCKET)" || { echo "BUCKET=… is required" >&2; exit 2; }
	test -f "$(SITE_DIR)/index.html" || { echo "$(SITE_DIR)/ holds no built site: make build first" >&2; exit 2; }
	$(BIN)/aws s3 sync "$(SITE_DIR)/" "s3://$(BUCKET)/" --delete --no-progress --only-show-errors \
		$(if $(S3_ENDPOINT),--endpoint-url "$(S3_ENDPOINT)")

clean:
	rm -rf site .site.truoc .cache .pytest_cache .hypothesis bench.json
