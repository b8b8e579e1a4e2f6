"""Rendering in distributed mode: a shell's browser fetch goes through the shared Redis queue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import redis

from crawler.render.browser import BrowserNotFound, find_chromium
from tests.distributed.conftest import IN_CI, start_worker, wait_ok
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.rendersite import SHELL_KINDS, render_site, slug

KINDS = ["plain", "fetch", "inline", "placeholders", "plain", "fetch"]


def _need_chromium() -> None:
    try:
        find_chromium()
    except BrowserNotFound as exc:
        if IN_CI:
            pytest.fail(f"CI=true needs a Chromium: {exc}")
        pytest.skip(f"no Chromium on this machine: {exc}")


def test_two_workers_render_each_shell_once(tmp_path: Path, redis_url: str,
                                            redis_client: redis.Redis) -> None:
    """Two workers with render=auto: every shell is fetched plainly once and through a browser
    once (by whichever worker leased the marked request), every article is written once."""
    _need_chromium()
    with LocalHTTPServer(routes=render_site(KINDS)) as srv:
        out = tmp_path / "out"
        workers = [start_worker(srv.url + "/", redis_url, name, out, tmp_path / f"{name}.log",
                                NEWS_RENDER="auto", NEWS_SEEN_ENABLED="False")
                   for name in ("w1", "w2")]
        for proc, name in zip(workers, ("w1", "w2"), strict=True):
            wait_ok(proc, tmp_path / f"{name}.log", timeout=120)
        requests = Counter(r.path for r in srv.requests)
    records = load_records(out)
    by_path = Counter(r["url"].removeprefix(srv.url) for r in records)
    assert by_path == Counter(slug(n) for n in range(len(KINDS)))
    for n, kind in enumerate(KINDS):
        assert requests[slug(n)] == (2 if kind in SHELL_KINDS else 1), slug(n)
    rendered = {r["url"].removeprefix(srv.url) for r in records if r.get("rendered")}
    assert rendered == {slug(n) for n, k in enumerate(KINDS) if k in SHELL_KINDS}
    assert all(r["word_count"] > 250 for r in records)
