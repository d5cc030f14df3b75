# Pathways: the two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 5000
# The demo uses the reference ESCO copy beside the checkout when there is one; set ESCO_DIR to your own download.
ESCO_DIR ?= $(abspath $(wildcard ../shared/datasets/esco))
export ESCO_DIR
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	# CPU PyTorch first, pinned: any other spelling pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/pathways init-db
	$(BIN)/pathways demo

run: demo
	$(BIN)/pathways serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

bench: install
	for script in $$(ls bench/*.py | grep -v '/train_\|/_'); do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache

# Languages: pull the marked strings out of web/ (babel.cfg), merge them into each catalogue, compile the .mo files.
# New strings arrive untranslated in web/translations/<lang>/LC_MESSAGES/messages.po; translate them, then rerun.
.PHONY: translations
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k gettext -k lazy_gettext -o web/translations/messages.pot web \
		matcher/reasons.py matcher/match_result.py matcher/match_builder.py matcher/credentials.py \
		matcher/grounding.py matcher/demand/chart.py \
		planner/*.py planner/books/*.py
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations -w 110 --no-fuzzy-matching
	$(BIN)/pybabel compile -d web/translations
