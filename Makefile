# Cairn developer entry points. Servers (Kafka, Elasticsearch, SecantusDB) are managed by
# deploy/local/stack.py and installed once per machine into $CAIRN_HOME (~/.cache/cairn).
#
#   make install     project virtualenv (.venv) with the test extras
#   make servers     install + start the three servers in the background
#   make run         everything in the foreground; Ctrl-C stops it
#   make up / down / status / logs [NAME=kafka]
#   make test        all tests against real servers    make test-unit   unit tests, no servers
#   make soak        longer runs not in make test: the fault tier (more workload, three kills
#                    per fault), the replica test with 200,000 events and schemathesis with
#                    20 examples per operation (about 8 minutes)
#   make bench | lint | docs | codegen | handled | clean
#
# Extra pytest arguments: make test PYTEST_ARGS='-k login -x'

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
INSTALL_STAMP := $(STAMPS)/install
STACK := $(PYTHON3) deploy/local/stack.py
PYTEST_ARGS ?=
NAME ?=

# Connection variables of the local servers (ports follow the CAIRN_*_PORT variables).
# Exported only to the recipes that run tests, benchmarks or tools.
WITH_STACK_ENV = set -a && eval "$$($(STACK) env)" && set +a &&

# pytest exits 5 when it collected nothing: a green run must have run something.
define run_pytest
$(WITH_STACK_ENV) { $(PY) -m pytest $(1) $(PYTEST_ARGS) || { rc=$$?; \
  if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests in $(1): failing" >&2; fi; exit $$rc; }; }
endef

.PHONY: help install servers run up down status logs test test-unit soak helm-tools bench lint docs codegen handled clean

help:
	@sed -n '1,/^$$/p' $(MAKEFILE_LIST) | sed 's/^# \{0,1\}//'

# ------------------------------------------------------------------- project virtualenv

install:
	@[ -x $(PY) ] || rm -f $(INSTALL_STAMP)  # the venv is gone: the stamp no longer tells the truth
	@$(MAKE) -s --no-print-directory $(INSTALL_STAMP)

# Re-run pip only when pyproject.toml is newer than the stamp (or the venv is gone).
$(INSTALL_STAMP): pyproject.toml
	@if [ ! -x $(PY) ]; then echo "creating $(VENV)"; $(PYTHON3) -m venv $(VENV); fi
	@start=$$(date +%s); \
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'; \
	echo "make install: pip install -e '.[test]' took $$(( $$(date +%s) - start )) s"
	@mkdir -p $(STAMPS) && touch $@

# ------------------------------------------------------------------- servers and stack

servers:
	@$(STACK) install
	@$(STACK) up --infra-only

run: install
	@$(STACK) install
	@$(STACK) run

up: install
	@$(STACK) install
	@$(STACK) up

down:
	@$(STACK) down

status:
	@$(STACK) status

logs:
	@$(STACK) logs $(NAME)

# ------------------------------------------------------------------- checks

test: install helm-tools servers
	@$(call run_pytest,tests)

test-unit: install helm-tools
	@$(call run_pytest,tests/unit)

# The fault tier (tests/e2e/faults), longer than in `make test`: five times the workload around
# each kill and three kills of each process and server (its own Kafka and SecantusDB; about
# 15 minutes here). The per-fault results land in .test-logs/<run>-faults.json.
soak: PYTEST_ARGS += -s --timeout=1800
soak: install servers
	@export CAIRN_FAULTS_SOAK=5 CAIRN_FAULTS_KILLS=3 && $(call run_pytest,tests/e2e/faults)
	@$(WITH_STACK_ENV) CAIRN_REPLICA_EVENTS=$(SOAK_EVENTS) $(PY) -m pytest tests/e2e/test_replicas.py $(PYTEST_ARGS)
	@$(WITH_STACK_ENV) CAIRN_FUZZ_EXAMPLES=20 $(PY) -m pytest tests/e2e/fuzz/test_schemathesis.py $(PYTEST_ARGS)

# helm and kubecheck for the chart test (tests/unit/test_helm_chart.py), built with Go into
# $CAIRN_HOME/bin once per machine (about 3 minutes cold, nothing when current).
helm-tools:
	@deploy/helm/install-helm.sh

# The benchmarks start their own Cairn processes (tests/support/stack.py): only the servers
# are needed, and a second set of Cairn processes would compete for the two cores.
# A subset: make bench BENCH="gateway events". Results also land in .bench-results.json.
bench: install servers
	@$(WITH_STACK_ENV) BENCH="$(BENCH)" $(PY) tests/benchmarks/run.py

# The replica test at full size: two instances of each service, 1,000 mixed requests and
# 200,000 events while instances are stopped and started (the CI run uses fewer events).
SOAK_EVENTS ?= 200000

lint: install
	@$(VENV)/bin/lint-imports

docs: install
	@$(PY) -m shared.schemas.docs

# Regenerate shared/schemas/generated from the vendored seed and catalogs (then `make docs`).
codegen: install
	@$(PY) -m shared.schemas.codegen

# Rewrite shared/schemas/handled/<process>.txt (what the gateway routes to each process) from
# each process's endpoint table (services/<process>/handlers.py, HANDLED).
handled: install
	@$(PY) -m tests.support.handled

clean:
	rm -rf $(VENV) $(STAMPS)
