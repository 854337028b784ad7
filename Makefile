# taji_events — set-up, demo and checks.
#
#   make demo           fresh store under demo/, ingest seeds/*.jsonl, replay the Taji attack
#                       as it unfolded (both modes; how to read it: docs/seeds.md)
#   make test           ruff, mypy --strict, mkdocs build --strict, pytest (unit, property
#                       and docs examples)
#   make test-thorough  the same with many more Hypothesis examples
#   make bench          run bench/run.py when present
#   make docs           build the documentation site into site/ (make serve-docs: live preview)
#
# Each target creates .venv (python3 -m venv; pip install -e '.[dev]') when it is
# missing, and refreshes it when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLI := $(BIN)/taji-events

DEMO_DB := demo/taji_events.db
INCIDENT := taji-2020-03-11
SEEDS := $(sort $(wildcard seeds/*.jsonl))
# Early in the evening (MOMENT_EARLY, possible mode) the death toll is explained claim by
# claim: the Iraqi "no casualties" and "no losses" beside the first U.S. figures.
# Three moments of the story (publication time, UTC): just after The Drive's first
# timed update (6:20pm EST); after the coalition statement; and everything published
# by the end of 13 March in every zone. The first two are shown in both modes:
# "possible" counts a date-only report from the start of its day, "certain" only
# once that day has ended everywhere.
MOMENT_EARLY := 2020-03-11T20:00Z
MOMENT_FIRST := 2020-03-11T22:30Z
MOMENT_COALITION := 2020-03-11T23:30Z
MOMENT_ALL := 2020-03-13

.PHONY: demo test test-thorough bench venv clean docs serve-docs

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "could not create $(VENV): install Python >= 3.11 with venv" \
	       "(Debian: apt-get install python3-venv), or set PYTHON=/path/to/python3.11"; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

demo: $(STAMP)
	@test -n "$(SEEDS)" || { echo "no seeds/*.jsonl to ingest"; exit 1; }
	@rm -rf demo && mkdir -p demo
	@echo '$$ taji-events ingest $(SEEDS) --db $(DEMO_DB)'
	@$(CLI) ingest $(SEEDS) --db $(DEMO_DB) --quiet
	@echo
	@echo '$$ taji-events incidents --db $(DEMO_DB)'
	@$(CLI) incidents --db $(DEMO_DB)
	@echo
	@echo '# The story as it unfolded: each report from the first moment it may have been'
	@echo '# published (--mode possible), so date-only reports enter at the start of their day.'
	@echo '$$ taji-events timeline $(INCIDENT) --mode possible --db $(DEMO_DB)'
	@$(CLI) timeline $(INCIDENT) --mode possible --db $(DEMO_DB)
	@echo
	@echo '# The same story, counting each report only once it had certainly been published'
	@echo '# (--mode certain, the default): a report dated only "2020-03-11" enters when that'
	@echo '# day has ended in every zone, so the early figures are already overtaken.'
	@echo '$$ taji-events timeline $(INCIDENT) --db $(DEMO_DB)'
	@$(CLI) timeline $(INCIDENT) --db $(DEMO_DB)
	@echo
	@echo '# A timeline shows beliefs; claims a policy outranks never become one. What a reader'
	@echo '# might have seen about the dead by 20:00Z, claim by claim: the Iraqi "no casualties"'
	@echo '# and "no losses" beside the first U.S. figures, and why they are set aside.'
	@echo '$$ taji-events explain $(INCIDENT) killed --at $(MOMENT_EARLY) --mode possible --db $(DEMO_DB)'
	@$(CLI) explain $(INCIDENT) killed --at $(MOMENT_EARLY) --mode possible --db $(DEMO_DB)
	@for moment in $(MOMENT_FIRST) $(MOMENT_COALITION); do \
	  for mode in possible certain; do \
	    echo; \
	    echo "\$$ taji-events state $(INCIDENT) --at $$moment --mode $$mode --db $(DEMO_DB)"; \
	    $(CLI) state $(INCIDENT) --at $$moment --mode $$mode --db $(DEMO_DB) || exit $$?; \
	  done; \
	done
	@echo
	@echo '$$ taji-events state $(INCIDENT) --at $(MOMENT_ALL) --db $(DEMO_DB)'
	@$(CLI) state $(INCIDENT) --at $(MOMENT_ALL) --db $(DEMO_DB)
	@echo
	@echo '$$ taji-events explain $(INCIDENT) killed --at $(MOMENT_ALL) --db $(DEMO_DB)'
	@$(CLI) explain $(INCIDENT) killed --at $(MOMENT_ALL) --db $(DEMO_DB)
	@echo
	@echo '$$ taji-events report $(INCIDENT) --out demo/$(INCIDENT).html --db $(DEMO_DB)'
	@$(CLI) report $(INCIDENT) --out demo/$(INCIDENT).html --db $(DEMO_DB)
	@echo "open $(CURDIR)/demo/$(INCIDENT).html in a browser (works offline)"
	@echo "how to read this demo: docs/seeds.md, section \"Reading make demo\""

test: $(STAMP)
	$(BIN)/ruff check src tests bench docs conftest.py
	$(BIN)/mypy --strict src
	$(BIN)/mkdocs build --strict --quiet --site-dir site
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site
	@echo "the site is in site/: open site/index.html; for search, serve it:"
	@echo "  python3 -m http.server --directory site 8000   (then http://localhost:8000/)"

serve-docs: $(STAMP)
	$(BIN)/mkdocs serve

test-thorough: $(STAMP)
	TAJI_HYPOTHESIS_PROFILE=thorough $(MAKE) test

bench: $(STAMP)
	@if [ -f bench/run.py ]; then $(BIN)/python bench/run.py; \
	else echo "no bench/run.py yet: nothing to run"; fi

clean:
	rm -rf demo build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
