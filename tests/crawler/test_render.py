"""Rendering script-built pages in Chromium, only where needed (crawler/render/).

Real crawls (``scrapy crawl news`` subprocesses) of loopback sites whose article bodies are
inserted by scripts after load (tests/support/rendersite.py), against a real Chromium. Without
a Chromium these skip, except under CI=true, where they must run.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crawler.render.browser import BrowserNotFound, find_chromium
from tests.crawler.conftest import run_scrapy, scrapy_cmd
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.rendersite import SHELL_KINDS, render_site, slug
from tests.support.scrapyproc import REPO, scrapy_env, stats_of

IN_CI = os.environ.get("CI") == "true"
KINDS = ["plain", "fetch", "inline", "placeholders", "plain", "fetch", "plain", "inline"]
# Fields that differ between two servings of one article: where and when it was fetched.
PER_FETCH = ("id", "url", "canonical_url", "fetched_at", "rendered")


def _chromium() -> str | None:
    try:
        return find_chromium()
    except BrowserNotFound as exc:
        if IN_CI:
            pytest.fail(f"CI=true needs a Chromium (make install puts it there): {exc}")
        return None


needs_browser = pytest.mark.skipif(_chromium() is None,
                                   reason="no Chromium on this machine (apt-get install chromium)")


def _profile(tmp_path: Path, **fields: str) -> Path:
    sites = tmp_path / "sites"
    sites.mkdir(exist_ok=True)
    extra = "".join(f'{k} = "{v}"\n' for k, v in fields.items())
    (sites / "rtest.toml").write_text(f'name = "rtest"\nstart_urls = ["/"]\nlisting_depth = 1\n'
                                      f"{extra}", "utf-8")
    return sites


def _crawl(srv: LocalHTTPServer, tmp_path: Path, out: str, **settings: Any) -> dict[str, Any]:
    sites = _profile(tmp_path)
    proc = run_scrapy("crawl", "news", "-a", "site=rtest", "-a", f"url={srv.url}/",
                      output=tmp_path / out,
                      settings={"NEWS_SITES_DIR": str(sites), "NEWS_SEEN_ENABLED": False,
                                **settings}, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"stats": stats_of(proc.stderr), "log": proc.stderr,
            "records": {r["url"].removeprefix(srv.url): r
                        for r in load_records(tmp_path / out, "rtest")}}


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in PER_FETCH}


@needs_browser
def test_auto_renders_exactly_the_shells_like_the_prerendered_site(tmp_path: Path) -> None:
    """auto: every shell fetched again through the browser, no other page; the records equal
    those of the same articles served pre-rendered; the script-built widget is dropped; images,
    fonts and the off-site script never leave the browser."""
    with LocalHTTPServer(routes={"/tracker.js": "window.tracked = 1;"}) as offsite, \
            LocalHTTPServer(routes=render_site(KINDS, offsite=offsite.url.replace(
                "127.0.0.1", "localhost"))) as shells, \
            LocalHTTPServer(routes=render_site(KINDS, prerendered=True)) as pre:
        auto = _crawl(shells, tmp_path, "auto")
        plain = _crawl(pre, tmp_path, "pre")
        shell_requests = Counter(r.path for r in shells.requests)
        pre_requests = Counter(r.path for r in pre.requests)
        offsite_requests = list(offsite.requests)
    shells_n = sum(k in SHELL_KINDS for k in KINDS)
    assert auto["stats"]["news/render/pages"] == shells_n, auto["log"][-3000:]
    assert auto["stats"]["playwright/page_count"] == shells_n
    assert "news/render/pages" not in plain["stats"]
    assert "playwright/page_count" not in plain["stats"]
    for n, kind in enumerate(KINDS):  # each shell twice (plain, then browser), others once
        assert shell_requests[slug(n)] == (2 if kind in SHELL_KINDS else 1), slug(n)
        assert shell_requests[f"/api/artikel-{n}.json"] == (kind in ("fetch", "placeholders"))
        assert pre_requests[slug(n)] == 1
    assert not shell_requests["/static/photo.jpg"] and not shell_requests["/static/t.woff2"]
    assert not shell_requests["/private/beacon.json"]  # robots.txt: Disallow: /private/
    assert auto["stats"]["news/render/blocked/robots"] == KINDS.count("fetch") + \
        KINDS.count("placeholders")
    assert offsite_requests == []
    assert auto["stats"]["news/render/blocked/offsite"] == shells_n
    assert auto["stats"]["news/render/blocked/image"] == shells_n
    assert sorted(auto["records"]) == sorted(plain["records"]) == sorted(map(slug, range(8)))
    for path, record in auto["records"].items():
        kind = KINDS[int(path.rsplit("-", 1)[1].removesuffix(".html"))]
        assert record.get("rendered") is (True if kind in SHELL_KINDS else None), path
        assert "rendered" not in plain["records"][path]
        assert _comparable(record) == _comparable(plain["records"][path]), path
        assert "emailadres" not in record["text"] and "Blijf op de hoogte" not in record["text"]
        assert len(record["sections"]) == 3 and record["word_count"] > 250


@needs_browser
def test_never_and_no_browser_keep_shells_title_only(tmp_path: Path) -> None:
    """NEWS_RENDER=never: no browser; a missing browser: rendering off with a clear message,
    the crawl finishes and writes the shells as before (title, no text)."""
    kinds = ["plain", "fetch", "inline"]
    with LocalHTTPServer(routes=render_site(kinds)) as srv:
        never = _crawl(srv, tmp_path, "never", NEWS_RENDER="never")
        absent = _crawl(srv, tmp_path, "absent", NEWS_RENDER_CHROMIUM=str(tmp_path / "nochrome"))
    for run in (never, absent):
        assert run["stats"]["finish_reason"] == "finished"
        assert "playwright/page_count" not in run["stats"]
        texts = {p: r["word_count"] for p, r in run["records"].items()}
        assert texts[slug(0)] > 250 and texts[slug(1)] == texts[slug(2)] == 0
    assert "Rendering off (render = auto)" in absent["log"] and "nochrome" in absent["log"]
    assert "Rendering off" not in never["log"]


def test_browser_that_fails_to_launch_ends_the_run_browser_failed(tmp_path: Path) -> None:
    """A browser that cannot start: the shells fail, the plain article is written, and the run
    ends with finish reason browser_failed and a failed manifest (not "finished")."""
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n", "utf-8")
    fake.chmod(0o755)
    with LocalHTTPServer(routes=render_site(["plain", "fetch"])) as srv:
        run = _crawl(srv, tmp_path, "out", NEWS_RENDER_CHROMIUM=str(fake), RETRY_TIMES=0)
    assert run["stats"]["finish_reason"] == "browser_failed", run["log"][-3000:]
    assert run["stats"]["news/render/browser_failed"] >= 1
    assert "failed to launch" in run["log"] and str(fake) in run["log"]
    assert list(run["records"]) == [slug(0)]
    (manifest,) = (tmp_path / "out" / "_runs").glob("*.json")
    assert json.loads(manifest.read_text("utf-8"))["status"] == "failed"


@needs_browser
def test_a_browser_that_crashes_ends_the_run_browser_failed(tmp_path: Path) -> None:
    """The browser killed while it renders: the page fails, the plain article is written and
    the run ends with finish reason browser_failed instead of "finished"."""
    import psutil

    sites = _profile(tmp_path)
    with LocalHTTPServer(routes=render_site(["plain", "hang"])) as srv:
        cmd = scrapy_cmd("crawl", "news", "-a", "site=rtest", "-a", f"url={srv.url}/",
                         output=tmp_path / "out",
                         settings={"NEWS_SITES_DIR": str(sites), "NEWS_SEEN_ENABLED": False,
                                   "NEWS_RENDER_TIMEOUT": 10, "RETRY_TIMES": 0})
        proc = subprocess.Popen(cmd, cwd=REPO, env=scrapy_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            browser = _wait_for_browser(psutil.Process(proc.pid), deadline=time.monotonic() + 60)
            time.sleep(1.0)  # the hanging page is open in it
            browser.kill()
            _, stderr = proc.communicate(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    stats = stats_of(stderr)
    assert stats["finish_reason"] == "browser_failed", stderr[-3000:]
    assert "browser disconnected during the crawl" in stderr
    assert [r["url"].removeprefix(srv.url) for r in load_records(tmp_path / "out")] == [slug(0)]


def _wait_for_browser(crawl: Any, *, deadline: float) -> Any:
    """The Chromium process (the parent of the others) the crawl started."""
    while time.monotonic() < deadline:
        found = [p for p in crawl.children(recursive=True) if "chrom" in p.name().lower()]
        roots = [p for p in found if p.ppid() not in {q.pid for q in found}]
        if roots:
            return roots[0]
        time.sleep(0.2)
    raise AssertionError("the crawl started no browser")


@needs_browser
def test_seen_store_and_revisions_hold_for_rendered_pages(tmp_path: Path) -> None:
    """A rendered article is marked seen (the shell never is): the next run fetches it neither
    plainly nor in the browser; an edit found by re-checking becomes revision 2, rendered."""
    kinds = ["plain", "fetch"]
    with LocalHTTPServer(routes=render_site(kinds)) as srv:
        first = _crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True)
        after_first = Counter(r.path for r in srv.requests)
        again = _crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True)
        after_again = Counter(r.path for r in srv.requests)
        srv.set_route("/api/artikel-1.json",
                      json.dumps({"html": "<p>" + "Een nieuwe alinea na de correctie. " * 30
                                  + "</p>"}))
        edited = _crawl(srv, tmp_path, "out", NEWS_SEEN_ENABLED=True, NEWS_SKIP_SEEN=False)
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
def test_a_page_that_never_finishes_or_is_too_big_fails_alone(tmp_path: Path) -> None:
    """A shell whose script never ends fails after NEWS_RENDER_TIMEOUT, one whose data is over
    DOWNLOAD_MAXSIZE fails as too_large; the other shell and the plain page are written and
    the run finishes."""
    routes = render_site(["plain", "hang", "fetch", "fetch"])
    routes["/api/artikel-3.json"] = json.dumps({"html": "<p>" + "x" * 200_000 + "</p>"})
    with LocalHTTPServer(routes=routes) as srv:
        run = _crawl(srv, tmp_path, "out", NEWS_RENDER_TIMEOUT=3, RETRY_TIMES=0,
                     DOWNLOAD_MAXSIZE=100_000)
    assert run["stats"]["finish_reason"] == "finished", run["log"][-3000:]
    assert sorted(run["records"]) == [slug(0), slug(2)]
    assert run["records"][slug(2)]["rendered"] is True
    assert run["stats"]["news/render/pages"] == 1
    assert run["stats"]["news/render/timeout"] == 1
    assert run["stats"]["news/failures/too_large"] == 1
