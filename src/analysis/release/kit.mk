# Reproduction kit of "An alliance of necessity? Russia and Iran, 1979-2026".
#
#   make check   create a fresh virtual environment (.venv) with requirements.lock and the
#                analysis wheel, rerun every chapter notebook in this folder and compare every
#                value it glues with numbers.json; ends with "0 differences" when all agree
#   make env     only create .venv
#   make clean   remove .venv
#
# Variables: PYTHON (the Python 3.11 that creates .venv, default python3.11); JOBS (notebooks
# run at once, default 2); KIT_PYTHON (an interpreter that already has requirements.lock and
# the wheel installed: when set, no .venv is created and that interpreter runs the check).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := check

PYTHON ?= python3.11
JOBS ?= 2
KIT_PYTHON ?=
VENV := .venv
WHEEL := $(firstword $(wildcard analysis-*.whl))

# The check runs the kit's own library and data package, whatever the caller's environment says.
unexport PYTHONPATH PYTHONHOME VIRTUAL_ENV RIR_DATAPACKAGE RIR_VALIDATED_PACKAGE

ifeq ($(KIT_PYTHON),)
RUN := $(VENV)/bin/python
ENV := $(VENV)/.installed
else
RUN := $(KIT_PYTHON)
ENV :=
endif

.PHONY: check env clean

$(VENV)/.installed: requirements.lock $(WHEEL)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --no-deps -r requirements.lock ./$(WHEEL)
	$(VENV)/bin/python -m pip check
	touch $@

env: $(ENV)

check: $(ENV)
	$(RUN) -m analysis.release.kit check --jobs $(JOBS) .

clean:
	rm -rf $(VENV)
