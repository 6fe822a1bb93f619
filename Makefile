# Partners: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVUK := node_modules/govuk-frontend/dist/govuk
BUILD := static/build

.PHONY: run test lint format assets mutation clean

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

assets: $(BUILD)/css/partners.css $(BUILD)/govuk/govuk-frontend.min.js

$(BUILD)/css/partners.css: assets/scss/partners.scss node_modules/.installed
	npx sass --load-path=node_modules --no-source-map --style=compressed $< $@

$(BUILD)/govuk/govuk-frontend.min.js: node_modules/.installed
	rm -rf $(BUILD)/govuk && mkdir -p $(BUILD)/govuk
	cp -R $(GOVUK)/assets $(BUILD)/govuk/assets
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(BUILD)/govuk/

clean:
	rm -rf $(VENV) node_modules $(BUILD) var mutants
