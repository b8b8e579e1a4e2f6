"""``scrapy seed`` pushes a spider's start requests; a pure worker (never seeds) drains them."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.distributed.conftest import KEY, launch_redis, serve_site, start_worker, wait_ok
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
    time.sleep(3)
    assert worker.poll() is None and not records_by_url(out)  # waiting, not closed
    seeded = scrapy("seed", "news", "-a", f"url={url}", "-s", f"REDIS_URL={redis_url}")
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    deadline = time.monotonic() + 30
    while len(records_by_url(out)) < len(small_site.paths):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    worker.send_signal(signal.SIGINT)
    wait_ok(worker, log)
    assert not list(redis_client.scan_iter(f"{KEY}:lease:*"))
    assert redis_client.scard(f"{KEY}:workers") == 0


def _wait_run_end(client: redis.Redis, log: Path, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while client.exists(f"{KEY}:run"):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)


def test_long_lived_worker_does_not_fetch_known_articles_in_the_next_run(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """Run 2 of a worker that stays up: the articles it wrote in run 1 are skipped as seen
    (asked of the seen-store again, not waved through as "let through before")."""
    server = serve_site(tmp_path / "site", 10)
    try:
        links = "".join(f'<a href="{p}">story</a>' for p in server.paths)  # type: ignore[attr-defined]
        server.set_route("/", f"<html><body>{links}</body></html>")  # found again every run
        url = server.url + "/"
        out, log = tmp_path / "out", tmp_path / "worker.log"
        worker = start_worker(url, redis_url, "long", out, log, NEWS_REDIS_SEED="False",
                              MAX_IDLE_TIME_BEFORE_CLOSE="0")
        for run in (1, 2):
            server.clear_requests()
            seeded = scrapy("seed", "news", "-a", f"url={url}", "-s", f"REDIS_URL={redis_url}")
            assert seeded.returncode == 0, seeded.stderr[-2000:]
            _wait_run_end(redis_client, log)  # the worker ends the run once idle
            fetched = {r.path for r in server.requests} & set(server.paths)  # type: ignore[attr-defined]
            assert "/" in {r.path for r in server.requests}
            assert len(fetched) == (10 if run == 1 else 0), (run, fetched)
        worker.send_signal(signal.SIGINT)
        wait_ok(worker, log)
    finally:
        server.stop()
    assert sum(records_by_url(out).values()) == 10


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
    deadline = time.monotonic() + 30
    while "Distributed worker" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline and worker.poll() is None, log.read_text()[-2000:]
        time.sleep(0.1)
    proc.kill()
    proc.wait(10)
    wait_ok(worker, log, timeout=30)
    assert "'finish_reason': 'redis_unavailable'" in log.read_text(errors="replace")
