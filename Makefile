PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test demo bench bench-scale bench-warc bench-ccnews faults lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@(command -v redis-server && command -v curl) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server curl) || echo "redis-server/curl not installed: distributed tests will skip outside CI"
	@(command -v chromium || command -v chromium-browser) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: rendering is off and the browser tests skip outside CI"
	touch $(STAMP)

test: install
	$(BIN)/pytest -n 2 -q

demo: install
	$(BIN)/python -m crawler.demo

bench: install
	$(BIN)/python -m bench

bench-scale: install
	$(BIN)/python -m bench.scale

# WARC: crawl cost with NEWS_WARC on/off, reclean on 1 vs 2 cores, WARC reading cost, peak
# memory of reclean and clean on a 1 GB WARC (about 10 minutes on 2 cores).
bench-warc: install
	$(BIN)/python -m bench.warc

# CC-NEWS: the benchmark pages as CC-NEWS-like WARCs on loopback: newsclean ccnews on 1 and 2 jobs
# and as two workers sharing Redis (db 14 of 127.0.0.1:6379), side by side with news-please 1.6.16
# and fundus's CCNewsCrawler, each in its own venv (.venv-newsplease, .venv-fundus; created on the
# first run from the package registry): speed, CPU, memory and quality (about 5 minutes).
bench-ccnews: install
	$(BIN)/python -m bench.ccnews

# Crawl the fault-injecting site once and print faults injected/survived, records lost/duplicated.
faults: install
	$(BIN)/python -m tests.support.faultreport

lint: install
	$(BIN)/ruff check cleaners crawler tests bench

clean:
	rm -rf $(VENV) build *.egg-info
