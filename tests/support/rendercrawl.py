"""Crawls of the script-rendered test site (rendersite) for the render tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from crawler.render.browser import BrowserNotFound, find_chromium
from tests.crawler.conftest import run_scrapy
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import stats_of

IN_CI = os.environ.get("CI") == "true"
KINDS = ["plain", "fetch", "inline", "placeholders", "plain", "fetch", "plain", "inline"]
# Fields that differ between two servings of one article: where and when it was fetched.
PER_FETCH = ("id", "url", "canonical_url", "fetched_at", "rendered", "warc")  # where archived


def chromium() -> str | None:
    """The Chromium the tests use, None when there is none (fails the run under CI=true)."""
    try:
        return find_chromium()
    except BrowserNotFound as exc:
        if IN_CI:
            pytest.fail(f"CI=true needs a Chromium (make install puts it there): {exc}")
        return None


needs_browser = pytest.mark.skipif(chromium() is None,
                                   reason="no Chromium on this machine (apt-get install chromium)")


def profile(tmp_path: Path, render_wait: str | None = None) -> Path:
    """A sites/ dir with profile ``rtest`` (relative start URL, no render field: auto)."""
    sites = tmp_path / "sites"
    sites.mkdir(exist_ok=True)
    extra = f'[selectors]\nrender_wait = "{render_wait}"\n' if render_wait else ""
    (sites / "rtest.toml").write_text(f'name = "rtest"\nstart_urls = ["/"]\nlisting_depth = 1\n'
                                      f"{extra}", "utf-8")
    return sites


def crawl(srv: LocalHTTPServer, tmp_path: Path, out: str, render_wait: str | None = None,
          **settings: Any) -> dict[str, Any]:
    """``scrapy crawl news -a site=rtest`` of ``srv`` into ``tmp_path/out``: stats, log and the
    records by URL path."""
    sites = profile(tmp_path, render_wait)
    proc = run_scrapy("crawl", "news", "-a", "site=rtest", "-a", f"url={srv.url}/",
                      output=tmp_path / out,
                      settings={"NEWS_SITES_DIR": str(sites), "NEWS_SEEN_ENABLED": False,
                                **settings}, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"stats": stats_of(proc.stderr), "log": proc.stderr,
            "records": {r["url"].removeprefix(srv.url): r
                        for r in load_records(tmp_path / out, "rtest")}}


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the fields that differ between two fetches of one article."""
    return {k: v for k, v in record.items() if k not in PER_FETCH}
