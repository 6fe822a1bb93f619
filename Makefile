# Partners: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVUK := node_modules/govuk-frontend/dist/govuk
BUILD := static/build

.PHONY: run test lint format assets mutation load backup restore clean

run: $(VENV)/.installed assets
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed assets lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

# Mutation testing of the rules that protect people (docs/testing.md): slow, so not in CI.
# Needs DATABASE_URL and REDIS_URL as `make test` does.
mutation: $(VENV)/.installed assets
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

# The load test through gunicorn, on the PostgreSQL database in DATABASE_URL (filled by
# seed_scale if empty): locust, headless, for 10, 25 and 50 users (docs/performance.md).
load: $(VENV)/.installed assets
	benchmarks/load/run.sh

# A backup of the PostgreSQL database in DATABASE_URL, in pg_dump's custom format, to BACKUP;
# `make restore BACKUP=<file>` puts one back into the (empty) database in DATABASE_URL.
# docs/data-protection.md says when they run and how a restore is proved.
BACKUP ?= var/backups/partners-$(shell date +%Y%m%d-%H%M%S).dump

backup:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the database to back up."; exit 1; }
	mkdir -p "$(dir $(BACKUP))"
	pg_dump --format=custom --no-owner --file="$(BACKUP)" "$(DATABASE_URL)"
	@echo "Backed up to $(BACKUP)"

restore:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the database to restore into."; exit 1; }
	@test -f "$(BACKUP)" || { echo "Name the backup to restore: make restore BACKUP=<file>"; exit 1; }
	pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$(DATABASE_URL)" "$(BACKUP)"
	@echo "Restored $(BACKUP)"

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "Partners needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "Install Python 3.12 (pyenv: 'pyenv install 3.12'), or run: make PYTHON=python3.12 ..."; \
		exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The staff pages load all of GOV.UK Frontend; the portal only what its pages use
# (assets/scss/portal.scss, assets/js/portal.mjs), for a young person's phone.
assets: $(BUILD)/css/partners.css $(BUILD)/css/portal.css $(BUILD)/js/portal.min.js \
	$(BUILD)/govuk/govuk-frontend.min.js

$(BUILD)/css/%.css: assets/scss/%.scss assets/scss/_shared.scss node_modules/.installed
	npx sass --load-path=node_modules --no-source-map --style=compressed $< $@

$(BUILD)/js/portal.min.js: assets/js/portal.mjs node_modules/.installed
	mkdir -p $(BUILD)/js
	npx esbuild $< --bundle --minify --format=esm --target=es2020 --log-level=warning \
		--outfile=$@

$(BUILD)/govuk/govuk-frontend.min.js: node_modules/.installed
	rm -rf $(BUILD)/govuk && mkdir -p $(BUILD)/govuk
	cp -R $(GOVUK)/assets $(BUILD)/govuk/assets
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(BUILD)/govuk/

clean:
	rm -rf $(VENV) node_modules $(BUILD) var mutants
