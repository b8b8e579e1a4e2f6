"""Rendering keeps the crawl's guarantees: timeouts and size caps end one page, a crashed
browser ends the run browser_failed, the seen-store and revisions hold for rendered pages.

Real crawls of tests/support/rendersite.py against a real Chromium (skipped without one,
except under CI=true).
"""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.crawler.conftest import scrapy_cmd
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.rendercrawl import crawl, needs_browser, profile
from tests.support.rendersite import render_site, slug
from tests.support.scrapyproc import REPO, scrapy_env, stats_of


@needs_browser
def test_a_page_that_never_finishes_or_is_too_big_fails_alone(tmp_path: Path) -> None:
    """A shell whose script never ends fails after NEWS_RENDER_TIMEOUT, one whose data is over
    DOWNLOAD_MAXSIZE fails as too_large; the other shell and the plain page are written and
    the run finishes."""
    routes = render_site(["plain", "hang", "fetch", "fetch"])
    routes["/api/artikel-3.json"] = json.dumps({"html": "<p>" + "x" * 200_000 + "</p>"})
    with LocalHTTPServer(routes=routes) as srv:
        run = crawl(srv, tmp_path, "out", NEWS_RENDER_TIMEOUT=3, RETRY_TIMES=0,
                     DOWNLOAD_MAXSIZE=100_000)
    assert run["stats"]["finish_reason"] == "finished", run["log"][-3000:]
    assert sorted(run["records"]) == [slug(0), slug(2)]
    assert run["records"][slug(2)]["rendered"] is True
    assert run["stats"]["news/render/pages"] == 1
    assert run["stats"]["news/render/timeout"] == 1
    assert run["stats"]["news/failures/too_large"] == 1


@needs_browser
def test_seen_store_and_revisions_hold_for_rendered_pages(tmp_path: Path) -> None:
    """A rendered article is marked seen (the shell never is): the next run fetches it neither
    plainly nor in the browser; an edit found by re-checking becomes revision 2, rendered."""
    kinds = ["plain", "fetch"]
    with LocalHTTPServer(routes=render_site(kinds)) as srv:
        first = crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True)
        after_first = Counter(r.path for r in srv.requests)
        again = crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True)
        after_again = Counter(r.path for r in srv.requests)
        srv.set_route("/api/artikel-1.json",
                      json.dumps({"html": "<p>" + "Een nieuwe alinea na de correctie. " * 30
                                  + "</p>"}))
        edited = crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True, NEWS_SKIP_SEEN=False)
    assert first["records"][slug(1)]["rendered"] is True
    assert after_first[slug(1)] == 2
    assert after_again[slug(1)] == 2 and after_again[slug(0)] == 1  # known: not fetched again
    assert "news/render/pages" not in again["stats"]
    records = load_records(tmp_path / "out", "rtest")
    revisions = sorted((r["url"].removeprefix(srv.url), r["revision"], r.get("rendered"))
                       for r in records)
    assert revisions == [(slug(0), 1, None), (slug(1), 1, True), (slug(1), 2, True)]
    assert edited["stats"]["news/render/pages"] == 1
    assert "Een nieuwe alinea" in records[-1]["text"]


@needs_browser
def test_a_browser_that_crashes_ends_the_run_browser_failed(tmp_path: Path) -> None:
    """The browser killed while it renders: the page fails, the plain article is written and
    the run ends with finish reason browser_failed instead of "finished"."""
    import psutil

    sites = profile(tmp_path)
    with LocalHTTPServer(routes=render_site(["plain", "hang"])) as srv:
        cmd = scrapy_cmd("crawl", "news", "-a", "site=rtest", "-a", f"url={srv.url}/",
                         output=tmp_path / "out",
                         settings={"NEWS_SITES_DIR": str(sites), "NEWS_SEEN_ENABLED": False,
                                   "NEWS_RENDER_TIMEOUT": 8, "RETRY_TIMES": 0})
        log = tmp_path / "crawl.log"
        with log.open("wb") as fh:  # a file, not a pipe: orphaned browser helpers may hold it
            proc = subprocess.Popen(cmd, cwd=REPO, env=scrapy_env(), stdout=fh,
                                    stderr=subprocess.STDOUT)
        try:
            browser = _wait_for_browser(psutil.Process(proc.pid), deadline=time.monotonic() + 60)
            time.sleep(1.0)  # the hanging page is open in it
            browser.kill()
            proc.wait(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    stderr = log.read_text("utf-8", errors="replace")
    stats = stats_of(stderr)
    assert stats["finish_reason"] == "browser_failed", stderr[-3000:]
    assert "browser disconnected during the crawl" in stderr
    assert [r["url"].removeprefix(srv.url) for r in load_records(tmp_path / "out")] == [slug(0)]


def _wait_for_browser(crawl_proc: Any, *, deadline: float) -> Any:
    """The Chromium process (the parent of the others) the crawl started."""
    while time.monotonic() < deadline:
        found = [p for p in crawl_proc.children(recursive=True) if "chrom" in p.name().lower()]
        roots = [p for p in found if p.ppid() not in {q.pid for q in found}]
        if roots:
            return roots[0]
        time.sleep(0.2)
    raise AssertionError("the crawl started no browser")
