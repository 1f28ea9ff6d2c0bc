# Empathy Trainer. The two commands most people need: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Rasa 3.6 runs on Python 3.10 only: take the first python3.10 that works.
PYTHON310 := $(shell for c in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 \
	/usr/local/bin/python3.10 /usr/bin/python3.10; do \
	if $$c -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; \
	then echo $$c; break; fi; done)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup setup-fuzz run test test-fast bench profile-turns load eval-nlu eval-scorer eval-customer train-scorer lint typecheck bot-validate train migrate \
	system-deps lock clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON310)" || { echo "error: Python 3.10 is required (Rasa 3.6 supports nothing newer); install python3.10 and retry" >&2; exit 1; }
	$(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install -qq --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Schemathesis (the API fuzzer of the test suite) lives in its own venv: its
# current releases need newer libraries than Rasa 3.6 allows in .venv.
FUZZ_PYTHON := $(shell for c in python3 python3.12 python3.11 python3.10; do \
	if $$c -c 'import sys; assert sys.version_info >= (3, 10)' >/dev/null 2>&1; \
	then echo $$c; break; fi; done)

.venv-fuzz/.installed: tests/fuzz/requirements.lock
	$(FUZZ_PYTHON) -m venv .venv-fuzz
	.venv-fuzz/bin/pip install -qq --disable-pip-version-check -r tests/fuzz/requirements.lock
	touch $@

setup-fuzz: .venv-fuzz/.installed ## install the API fuzzer (Schemathesis) for the test suite

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The pages' JavaScript bundles (trainer_api/web/static/dist, not committed),
# rebuilt when a source changes; `npm run watch` rebuilds while you edit.
WEB_BUNDLES := trainer_api/web/static/dist/.built
$(WEB_BUNDLES): node_modules/.installed trainer_api/web/build.mjs $(shell find trainer_api/web/src -name '*.js')
	npm run --silent build
	touch $@

setup: $(WEB_BUNDLES)

setup: $(VENV)/.installed node_modules/.installed ## create .venv and install pinned dependencies

run: setup ## run the product on SQLite with demo data (Ctrl-C stops it)
	$(PY) -m tools.run

test: setup setup-fuzz system-deps ## set up everything needed, then run the whole suite
	$(PY) -m tools.bot_model
	$(PY) -m pytest

test-fast: setup ## the suite without Rasa, training, the browser, the fuzzers or whole conversations (< 1 min)
	$(PY) -m pytest -n auto -m "not stack and not browser and not fuzz and not model and not slow"

eval-nlu: setup ## the bot's NLU: 5-fold cross-validation, then replies written outside its data (data/customer_eval)
	$(PY) -m tools.nlu_eval --folds 5
	$(PY) -m tools.nlu_outside

eval-scorer: setup ## measure the scorer (model-2 beside model-1 and the rules) on the independent test set, EN and FR
	$(PY) -m tools.scorer.evaluate_independent

# EVAL_ARGS passes options on, e.g. EVAL_ARGS="--scenario flight_delay --conversations 6".
EVAL_ARGS ?=
eval-customer: setup ## play simulated learners through the real stack: how believable the customer is
	$(PY) -m tools.customer_eval $(EVAL_ARGS)

train-scorer: setup ## rebuild the scorer's model-2 from data/scorer (about 4 min)
	$(PY) -m tools.scorer.train_sentence

bench: setup ## measure a learner turn through the real stack, and training time
	$(PY) -m tools.benchmark

profile-turns: setup ## where a Rasa turn's time goes at turns 1-3 and 28-30 (load, predict, action, save), then trainer_api's own
	$(PY) -m tools.profile_turns
	$(PY) -m tools.profile_reply

# LOAD_ARGS passes options on, e.g. LOAD_ARGS="--learners 50,100 --profile".
LOAD_ARGS ?=
load: setup ## a class practising at once: open-loop ramp over Socket.IO and against bare Rasa
	$(PY) -m tools.load $(LOAD_ARGS)

lint: setup ## ruff and mypy; eslint, tsc and the unit tests of the pages' JavaScript
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	npm run --silent lint
	npm run --silent typecheck
	npm test --silent

bot-validate: setup ## rasa data validate
	cd bot && RASA_TELEMETRY_ENABLED=false ../$(VENV)/bin/rasa data validate --fail-on-warnings

train: setup ## train the customer bot if its sources changed
	$(PY) -m tools.bot_model

migrate: setup ## apply database migrations
	$(PY) -m trainer_api.cli migrate

system-deps: ## Debian packages the tests need: chromium (browser tests), haproxy (scale-out test), docker-compose (compose check)
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	{ command -v haproxy >/dev/null || test -x /usr/sbin/haproxy; } || missing="$$missing haproxy"; \
	{ docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; } || missing="$$missing docker-compose"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

lock: ## re-resolve requirements.in together with rasa into requirements.lock
	rm -rf /tmp/empathy-lock && $(PYTHON310) -m venv /tmp/empathy-lock
	/tmp/empathy-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in with Python 3.10; do not edit by hand."; \
	  /tmp/empathy-lock/bin/pip freeze --exclude-editable | grep -v '^pkg.resources'; } > requirements.lock

clean: ## remove the venv, models, logs and the local database
	rm -rf $(VENV) .venv-fuzz node_modules bot/models bot/.rasa var
