# `make` sets everything up and builds every output; `make test` runs the tests;
# `make check` runs the quality gate on the shipped content.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

VALIDATE_DECK := node_modules/.bin/ooxml-validate

.PHONY: all build test check clean system-libraries browser poppler print-shop

all: build

# WeasyPrint subsets the embedded fonts with HarfBuzz's subsetter. Without it
# WeasyPrint falls back to another subsetter, warns, and the PDFs' bytes differ
# from machine to machine, so the build refuses to go on without it.
# ldconfig lives in /sbin, which a normal user's PATH on Debian does not include.
system-libraries:
	@if ! PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing libharfbuzz-subset0 (font subsetting for the PDFs)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; \
	  else \
	    echo "Please install HarfBuzz's subset library first, e.g. 'sudo apt-get install libharfbuzz-subset0' (Debian/Ubuntu) or 'brew install harfbuzz' (macOS)." >&2; \
	    exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: system-libraries $(STAMP)
	$(BIN)/python -m generator build

# The content gate: an editor's change to the words is judged here, not by the software's tests.
check: system-libraries $(STAMP)
	$(BIN)/python -m generator check --strict

# The tests check each deck with Microsoft's Open XML SDK validator, which runs on Node, and the web pages with
# axe-core.
$(VALIDATE_DECK): package.json
	@command -v npm >/dev/null || { echo "Please install Node.js and npm (e.g. 'sudo apt-get install nodejs npm'): the tests validate the deck with the Open XML SDK validator, which runs on Node, and install axe-core with npm." >&2; exit 1; }
	npm install --no-audit --no-fund --silent
	touch $(VALIDATE_DECK)

# The tests open the web pages in Debian's Chromium, driven through its chromedriver (see tests/browser.py), and
# check them with axe-core, which npm installs with the deck validator.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { echo "Please install Chromium and its driver (e.g. 'sudo apt-get install chromium chromium-driver'): the tests open the web pages in a headless Chromium to check them with axe-core." >&2; exit 1; }

# The print-shop files (`outputs: print_shop: true`) are PDF/X-4 for GRACoL 2006 coated paper, the US reference for
# commercial printing. Its CMYK profile is made here, once, by ArgyllCMS from the measurements ANSI CGATS
# published in TR 006-2007 (Debian's icc-profiles-free), which anyone may make into profiles and pass on, naming
# TR 006 as their source (see generator/press.py). The profiles shops hand out may not be passed on.
PRESS_PROFILE := $(VENV)/share/teaching-materials/GRACoL2006-Coated1.icc
TR006 := /usr/share/color/icc/TR006.ti3

print-shop: $(PRESS_PROFILE)

$(PRESS_PROFILE): | $(STAMP)
	@if ! command -v colprof >/dev/null || [ ! -f $(TR006) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing ArgyllCMS and the CGATS TR 006 measurements (the print-shop files' CMYK profile)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends argyll icc-profiles-free >/dev/null; \
	  else \
	    echo "Please install ArgyllCMS and the free ICC data first (e.g. 'sudo apt-get install argyll icc-profiles-free'): the print-shop files' CMYK profile is made from them." >&2; \
	    exit 1; \
	  fi; \
	fi
	@echo "Making the CMYK profile of GRACoL 2006 Coated #1 from CGATS TR 006 (about half a minute)..."
	@work=$$(mktemp -d) && cp $(TR006) $$work/TR006.ti3 && \
	  colprof -qm -D "GRACoL 2006 Coated #1 (CGATS TR 006)" \
	    -C "Made with ArgyllCMS from the ANSI CGATS/GRACoL TR 006-2007 characterization data" $$work/TR006 >/dev/null && \
	  $(BIN)/python -m generator.press $$work/TR006.icc $@ && rm -rf $$work

# The tests read the print-shop files with Poppler's pdfinfo, apart from the code that wrote them.
poppler:
	@command -v pdfinfo >/dev/null || { echo "Please install Poppler's tools (e.g. 'sudo apt-get install poppler-utils'): the tests read the print-shop files with pdfinfo." >&2; exit 1; }

test: system-libraries $(STAMP) $(VALIDATE_DECK) browser poppler $(PRESS_PROFILE)
	$(BIN)/python -m pytest

clean:
	rm -rf output $(VENV) .pytest_cache *.egg-info node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
