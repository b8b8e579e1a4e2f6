"""``kill -9`` mid-crawl, then a rerun: every article exactly once, every file valid JSONL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.crawler.conftest import run_scrapy, scrapy_cmd
from tests.crawler.sitegen import article_list
from tests.support.crawloutput import count_lines
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_env, stats_of

COUNT = 300
SITE = "127.0.0.1"
PER_PAGE = 30


def _site(server: LocalHTTPServer) -> list[str]:
    arts = article_list(COUNT, days=5)
    routes = {a.path: a.html(size=1) for a in arts}
    pages = [arts[i:i + PER_PAGE] for i in range(0, COUNT, PER_PAGE)]
    for n, chunk in enumerate(pages):
        links = "".join(f'<a href="{a.path}">{a.title}</a> ' for a in chunk)
        nxt = f'<a href="/list?page={n + 1}">next</a>' if n + 1 < len(pages) else ""
        routes["/" if n == 0 else f"/list?page={n}"] = f"<html><body>{links}{nxt}</body></html>"
    routes["/robots.txt"] = "User-agent: *\nDisallow:\n"
    server.set_routes(routes)
    return [server.url + a.path for a in arts]


@pytest.mark.slow
def test_kill_9_then_rerun_leaves_every_article_once(tmp_path: Path) -> None:
    """SIGKILL after ~1/4 of the articles; the rerun completes the archive without duplicates."""
    with LocalHTTPServer(delay=0.01) as server:
        urls = _site(server)
        settings = {"NEWS_LISTING_DEPTH": 20, "NEWS_CLEAN_POOL": 2}
        with (tmp_path / "first.log").open("w") as log:
            first = subprocess.Popen(
                scrapy_cmd("crawl", "news", "-a", f"url={server.url}/", output=tmp_path / "out",
                           settings=settings),
                cwd=REPO, env=scrapy_env(), stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while count_lines(tmp_path / "out", SITE) < COUNT // 4 and first.poll() is None:
                assert time.monotonic() < deadline, "crawl wrote nothing in 60 s"
                time.sleep(0.02)
            assert first.poll() is None, "crawl finished before it could be killed"
        finally:  # the kill is the test; on a failed assertion it also leaves no crawler behind
            if first.poll() is None:
                os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        killed_at = count_lines(tmp_path / "out", SITE)
        assert 0 < killed_at < COUNT
        second = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=tmp_path / "out",
                            settings=settings, timeout=120)
    assert second.returncode == 0, second.stderr[-3000:]
    stats = stats_of(second.stderr)
    seen: list[str] = []
    for path in (tmp_path / "out" / SITE).glob("*.jsonl"):
        data = path.read_bytes()
        assert data.endswith(b"\n"), f"{path} ends in a partial line"
        for line in data.decode("utf-8").splitlines():
            seen.append(json.loads(line)["url"])  # every line is a whole JSON record
    assert sorted(seen) == sorted(urls)  # each article exactly once
    assert stats.get("news/articles_written", 0) == COUNT - killed_at
