# Two commands for a new user: `make run` and `make test`.
# Everything is installed into .venv from requirements/lock.txt, pinned with hashes.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
EXAMPLES := examples/arctic_talks.txt

.PHONY: run test setup lock clean

run: $(STAMP)
	$(PY) -m graph build $(EXAMPLES) --out output

test: $(STAMP)
	$(PY) -m pytest

setup: $(STAMP)

$(STAMP): requirements/lock.txt requirements/pip.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pip.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Re-pin every dependency (for Python 3.10 and newer) after changing pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --extra test --universal \
	  --python-version 3.10 --generate-hashes --custom-compile-command "make lock" -o requirements/lock.txt

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
