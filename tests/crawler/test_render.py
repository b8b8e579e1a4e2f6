"""Rendering script-built pages in Chromium, only where needed (crawler/render/).

Real crawls (``scrapy crawl news`` subprocesses) of loopback sites whose article bodies are
inserted by scripts after load (tests/support/rendersite.py), against a real Chromium. Without
a Chromium these skip, except under CI=true, where they must run.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.support.httpserver import LocalHTTPServer
from tests.support.rendercrawl import KINDS, comparable, crawl, needs_browser
from tests.support.rendersite import SHELL_KINDS, render_site, slug


@needs_browser
def test_auto_renders_exactly_the_shells_like_the_prerendered_site(tmp_path: Path) -> None:
    """auto: every shell fetched again through the browser, no other page; the records equal
    those of the same articles served pre-rendered; the script-built widget is dropped; images,
    fonts and the off-site script never leave the browser."""
    with LocalHTTPServer(routes={"/tracker.js": "window.tracked = 1;"}) as offsite, \
            LocalHTTPServer(routes=render_site(KINDS, offsite=offsite.url.replace(
                "127.0.0.1", "localhost"))) as shells, \
            LocalHTTPServer(routes=render_site(KINDS, prerendered=True)) as pre:
        auto = crawl(shells, tmp_path, "auto")
        plain = crawl(pre, tmp_path, "pre")
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
        assert comparable(record) == comparable(plain["records"][path]), path
        assert "emailadres" not in record["text"] and "Blijf op de hoogte" not in record["text"]
        assert len(record["sections"]) == 3 and record["word_count"] > 250


def test_never_and_no_browser_keep_shells_title_only(tmp_path: Path) -> None:
    """NEWS_RENDER=never: no browser; a missing browser: rendering off with a clear message,
    the crawl finishes and writes the shells as before (title, no text)."""
    kinds = ["plain", "fetch", "inline"]
    with LocalHTTPServer(routes=render_site(kinds)) as srv:
        never = crawl(srv, tmp_path, "never", NEWS_RENDER="never")
        absent = crawl(srv, tmp_path, "absent", NEWS_RENDER_CHROMIUM=str(tmp_path / "nochrome"))
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
        run = crawl(srv, tmp_path, "out", NEWS_RENDER_CHROMIUM=str(fake), RETRY_TIMES=0)
    assert run["stats"]["finish_reason"] == "browser_failed", run["log"][-3000:]
    assert run["stats"]["news/render/browser_failed"] >= 1
    assert "failed to launch" in run["log"] and str(fake) in run["log"]
    assert list(run["records"]) == [slug(0)]
    (manifest,) = (tmp_path / "out" / "_runs").glob("*.json")
    assert json.loads(manifest.read_text("utf-8"))["status"] == "failed"


@needs_browser
def test_the_profile_selector_waits_for_a_late_article(tmp_path: Path) -> None:
    """An article a timer inserts 4 s after load, with the network idle: network idle alone
    takes the page too early (rendered, still no text); the profile's render_wait gets it."""
    with LocalHTTPServer(routes=render_site(["late"])) as srv:
        idle = crawl(srv, tmp_path, "idle")
        waited = crawl(srv, tmp_path, "waited", render_wait="#body h2")
    early, late = idle["records"][slug(0)], waited["records"][slug(0)]
    assert early["rendered"] is True and early["word_count"] == 0
    assert late["rendered"] is True and late["word_count"] > 250
