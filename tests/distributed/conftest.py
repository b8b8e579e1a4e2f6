"""Fixtures for distributed tests: a private redis-server, a generated site, worker processes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bench.newssite import robots, sitemap_xml, write_site
from tests.support.crawloutput import record_files
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import LOOPBACK_SETTINGS, REPO, news_crawl_cmd, scrapy_env

IN_CI = os.environ.get("CI") == "true"
KEY = "newsclean:news:127.0.0.1"  # Redis key prefix of the news spider crawling -a url=<site>


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def need_binary(name: str) -> str:
    """Path of ``name``; skip (fail in CI) when it is missing."""
    path = shutil.which(name) or (shutil.which(name, path=str(Path(sys.executable).parent)))
    if path is None:
        message = f"{name} not installed (apt-get install redis-server / make install)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port, no persistence."""
    proc, url = launch_redis(tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(10)


def launch_redis(workdir: Path, attempts: int = 5) -> tuple[subprocess.Popen[bytes], str]:
    """Start redis-server on a free port; return the process and its URL once it answers.

    The port is free when picked, not when redis-server binds it: with other test runs on the
    machine another server can take it in between. The server that answers must therefore be
    this process (its ``process_id``), else the port is given up and another one tried.
    """
    binary = need_binary("redis-server")
    for _ in range(attempts):
        port = free_port()
        proc = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--dir", str(workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        if _answers_as(proc, url, timeout=30):
            return proc, url
        proc.kill()
        proc.wait(10)
    pytest.fail(f"redis-server did not start on a port of its own in {attempts} attempts")


def _answers_as(proc: subprocess.Popen[bytes], url: str, timeout: float) -> bool:
    """True once the server at ``url`` answers and is ``proc``; False if ``proc`` exits."""
    deadline = time.monotonic() + timeout
    with redis.Redis.from_url(url) as client:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                return int(client.info("server")["process_id"]) == proc.pid
            except redis.ConnectionError:
                time.sleep(0.05)
    return False


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    """A client on an emptied database."""
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


class Site:
    """A served generated site."""

    def __init__(self, server: LocalHTTPServer, paths: list[str]) -> None:
        self.server = server
        self.paths = paths
        self.url = server.url + "/"

    def article_urls(self) -> set[str]:
        """Absolute URLs of all articles."""
        return {self.server.url + path for path in self.paths}


def serve_site(root: Path, count: int) -> LocalHTTPServer:
    """Write and serve a site of ``count`` small articles."""
    paths = write_site(root, count)
    server = LocalHTTPServer(root=root)
    server.start()
    server.set_route("/robots.txt", robots(server.url))
    server.set_route("/sitemap.xml", sitemap_xml(server.url, paths))
    server.paths = paths  # type: ignore[attr-defined]
    return server


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """500 small articles on a local HTTP server."""
    server = serve_site(tmp_path_factory.mktemp("site"), 500)
    try:
        yield Site(server, server.paths)  # type: ignore[attr-defined]
    finally:
        server.stop()


TEST_SETTINGS = {
    **LOOPBACK_SETTINGS,
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "NEWS_CLEAN_POOL": "0",  # inline cleaning: two workers on two shared cores
    "MAX_IDLE_TIME_BEFORE_CLOSE": "2",
    "NEWS_REDIS_HEARTBEAT": "0.5",
    "NEWS_REDIS_HEARTBEAT_TTL": "4",  # a loaded CI box must not look dead
}


_STARTED: list[subprocess.Popen[bytes]] = []  # worker processes of the running test


@pytest.fixture(autouse=True)
def reap_workers() -> Iterator[None]:
    """Kill the workers a failed test left running."""
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def start_worker(site_url: str, redis_url: str, worker: str, out: Path, log: Path,
                 *spider_args: str, **settings: str) -> subprocess.Popen[bytes]:
    """Start one worker process writing under ``out`` and logging to ``log``; ``spider_args``
    are more ``-a K=V`` pairs (``"since=2025-08-27"``)."""
    cmd = news_crawl_cmd(site_url, {**TEST_SETTINGS, "REDIS_URL": redis_url, "NEWS_WORKER": worker,
                                    **settings})
    for arg in spider_args:
        cmd += ["-a", arg]
    env = scrapy_env(output=out, PYTHONWARNINGS="default")
    with log.open("ab") as fh:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)
    _STARTED.append(proc)
    return proc


def wait_ok(proc: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    """Wait for a worker; fail with its log tail when it fails."""
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    assert code == 0, log.read_text(errors="replace")[-3000:]


def worker_files(out: Path) -> dict[str, int]:
    """Records per worker suffix (``<date>.<worker>.jsonl``)."""
    per: Counter[str] = Counter()
    for path in record_files(out):
        parts = path.name.split(".")
        worker = parts[1] if len(parts) == 3 else ""
        per[worker] += sum(1 for line in path.read_text("utf-8").splitlines() if line.strip())
    return dict(per)
