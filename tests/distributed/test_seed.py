"""``scrapy seed`` pushes a spider's start requests; a pure worker (never seeds) drains them."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bench.newssite import SiteArticle, article_html, sitemap_xml
from tests.distributed.conftest import (
    KEY,
    TEST_SETTINGS,
    launch_redis,
    serve_site,
    start_worker,
    wait_ok,
)
from tests.support.crawloutput import records_by_url
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_cmd, scrapy_env


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalHTTPServer]:
    """30 articles."""
    server = serve_site(tmp_path_factory.mktemp("seedsite"), 30)
    yield server
    server.stop()


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a scrapy command in the project, without Redis variables from the environment."""
    return subprocess.run(scrapy_cmd(*args), cwd=REPO, env=scrapy_env(), capture_output=True,
                          text=True, timeout=60)


def test_seed_command_then_pure_worker(
    small_site: LocalHTTPServer, redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """The seed command queues robots.txt and the start page and fetches nothing itself."""
    url = small_site.url + "/"
    seeded = scrapy("seed", "news", "-a", f"url={url}", "-s", f"REDIS_URL={redis_url}",
                    "-s", "LOG_LEVEL=INFO")
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    assert redis_client.zcard(f"{KEY}:requests") == 2
    assert redis_client.exists(f"{KEY}:run")
    assert not any(log.path.endswith(".html") for log in small_site.requests)

    out, log = tmp_path / "out", tmp_path / "worker.log"
    worker = start_worker(url, redis_url, "pure", out, log, NEWS_REDIS_SEED="False")
    wait_ok(worker, log)
    assert set(records_by_url(out)) == {small_site.url + p for p in small_site.paths}
    assert "Seeding run" not in log.read_text()


def test_long_lived_worker_takes_new_seeds_and_stops_cleanly(
    small_site: LocalHTTPServer, redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """MAX_IDLE_TIME_BEFORE_CLOSE=0: waits for seeds, crawls them at once, SIGINT stops it."""
    url = small_site.url + "/"
    out, log = tmp_path / "out", tmp_path / "worker.log"
    worker = start_worker(url, redis_url, "long", out, log, NEWS_REDIS_SEED="False",
                          MAX_IDLE_TIME_BEFORE_CLOSE="0")
    _wait_log(worker, log, "Distributed worker")  # open and polling the empty queue ...
    time.sleep(float(TEST_SETTINGS["MAX_IDLE_TIME_BEFORE_CLOSE"]) + 1)  # ... past the idle close
    assert worker.poll() is None and not records_by_url(out)  # waiting, not closed
    seeded = scrapy("seed", "news", "-a", f"url={url}", "-s", f"REDIS_URL={redis_url}")
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    deadline = time.monotonic() + 90
    while len(records_by_url(out)) < len(small_site.paths):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    worker.send_signal(signal.SIGINT)
    wait_ok(worker, log)
    assert not list(redis_client.scan_iter(f"{KEY}:lease:*"))
    assert redis_client.scard(f"{KEY}:workers") == 0


def _wait_run_end(client: redis.Redis, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while client.exists(f"{KEY}:run"):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)


def _wait_log(worker: subprocess.Popen[bytes], log: Path, text: str,
              timeout: float = 90) -> None:
    """Wait until the running worker's log shows ``text``."""
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline and worker.poll() is None, (
            log.read_text(errors="replace")[-3000:])
        time.sleep(0.1)


def test_long_lived_worker_rereads_discovery_pages_each_run(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """A worker that stays up across runs forgets the last run's discovery pages, robots.txt
    and skip decisions when a new run starts: run 2 downloads robots.txt once again, re-reads
    the sitemap and the listing pages, writes the article added to the sitemap meanwhile and
    fetches none it wrote in run 1 (asked of the seen-store again, not waved through)."""
    server = serve_site(tmp_path / "site", 10)
    old_paths = set(server.paths)  # type: ignore[attr-defined]
    try:
        links = "".join(f'<a href="{p}">story</a>' for p in sorted(old_paths))
        links += '<a href="/list/page-0.html">more</a>'  # a listing page: links them all too
        server.set_route("/", f"<html><body>{links}</body></html>")  # found again every run
        url = server.url + "/"
        out, log = tmp_path / "out", tmp_path / "worker.log"
        worker = start_worker(url, redis_url, "long", out, log, NEWS_REDIS_SEED="False",
                              MAX_IDLE_TIME_BEFORE_CLOSE="0")
        new = SiteArticle(10)
        for run in (1, 2):
            if run == 2:  # a new article, only in the sitemap
                target = tmp_path / "site" / new.path.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(article_html(new, paragraphs=4, padding=0), "utf-8")
                paths = [*sorted(old_paths), new.path]
                server.set_route("/sitemap.xml", sitemap_xml(server.url, paths))
            server.clear_requests()
            seeded = scrapy("seed", "news", "-a", f"url={url}", "-s", f"REDIS_URL={redis_url}")
            assert seeded.returncode == 0, seeded.stderr[-2000:]
            _wait_run_end(redis_client, log)  # the worker ends the run once idle
            hits = Counter(r.path for r in server.requests)
            assert hits["/robots.txt"] == 1, (run, hits)  # once per host per run
            assert hits["/sitemap.xml"] == 1 and hits["/"] == 1, (run, hits)
            assert hits["/list/page-0.html"] == 1, (run, hits)
            fetched = set(hits) & (old_paths | {new.path})
            assert fetched == (old_paths if run == 1 else {new.path}), (run, fetched)
        worker.send_signal(signal.SIGINT)
        wait_ok(worker, log)
    finally:
        server.stop()
    counts = records_by_url(out)
    assert set(counts) == {server.url + p for p in (*old_paths, new.path)}
    assert max(counts.values()) == 1


def test_seed_command_needs_redis() -> None:
    """Without REDIS_URL the command explains what is missing."""
    result = scrapy("seed", "news", "-a", "url=http://127.0.0.1:9/")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_worker_closes_when_redis_goes_away(small_site: LocalHTTPServer, tmp_path: Path) -> None:
    """A long-lived worker whose Redis dies closes (redis_unavailable) instead of spinning."""
    proc, url = launch_redis(tmp_path)
    out, log = tmp_path / "out", tmp_path / "worker.log"
    worker = start_worker(small_site.url + "/", url, "lonely", out, log,
                          NEWS_REDIS_SEED="False", MAX_IDLE_TIME_BEFORE_CLOSE="0")
    _wait_log(worker, log, "Distributed worker")
    proc.kill()
    proc.wait(10)
    wait_ok(worker, log, timeout=30)
    assert "'finish_reason': 'redis_unavailable'" in log.read_text(errors="replace")
