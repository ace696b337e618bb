# Township Hub: `make demo` runs the whole product locally, `make test` runs the tests.
# Both work from a fresh clone: they create .venv and install what they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
PYTEST_ARGS ?=
# One pytest-xdist process per core, each taking tests in collection order, so
# that pytest-django still runs the transactional tests (which flush) last.
PYTEST_WORKERS ?= auto
export DJANGO_SETTINGS_MODULE ?= hub.settings.dev

.PHONY: demo test bench lint messages compilemessages chromium fonts install-demo install-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed-demo: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[demo]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test,demo]"
	touch $@

install-demo: $(VENV)/.installed-demo
install-test: $(VENV)/.installed-test

# msgfmt (Debian's gettext) compiles the committed .po catalogues into .mo files.
compilemessages: | $(PY)
	@bin/ensure-debian-package msgfmt gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0

# Refresh the catalogues from the code (then translate the new entries).
messages: | $(PY)
	@bin/ensure-debian-package msgfmt gettext
	$(PY) manage.py makemessages -l zh_Hans -l vi -l en --no-obsolete --add-location=file \
		--ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests -v0
	$(PY) manage.py makemessages -d djangojs -l zh_Hans -l vi -l en --no-obsolete --add-location=file \
		--ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests -v0

# Browser tests drive Debian's Chromium; browsers cannot be downloaded here.
chromium:
	@bin/ensure-debian-package chromium chromium

# Fonts embedded in e-certificate PDFs (townships/applications/certificates.py):
# DejaVu Sans for Latin and Vietnamese, WenQuanYi Zen Hei for Chinese (ReportLab
# cannot read Noto Sans CJK's PostScript outlines).
fonts:
	@bin/ensure-debian-package /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
	@bin/ensure-debian-package /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc fonts-wqy-zenhei

demo: install-demo compilemessages fonts
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	@echo
	@echo "Township Hub is starting at http://127.0.0.1:$(PORT)/  (Ctrl-C stops everything)"
	@echo "Demo logins are listed above and in var/demo-accounts.json"
	@echo
	PATH="$(CURDIR)/$(BIN):$$PATH" HUB_PORT=$(PORT) $(BIN)/honcho start -f Procfile.demo

test: install-test compilemessages chromium fonts
	mkdir -p var
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

# The benchmark (bench/run.py): generates the data set once into PostgreSQL
# (hub_bench_$(BENCH_SCALE), or DATABASE_URL), serves the site with gunicorn on
# production settings and drives each key page with wrk; bench/results/.
BENCH_SCALE ?= small

bench: install-demo compilemessages
	@bin/ensure-debian-package wrk wrk
	BENCH_SCALE=$(BENCH_SCALE) $(PY) -m bench.run

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf var/celery var/test*.sqlite3* staticfiles
