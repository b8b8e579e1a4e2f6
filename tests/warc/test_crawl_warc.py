"""Crawls write their pages as WARC (``NEWS_WARC``): records point to them, warcio reads every
file, ``newsclean show ID --raw`` gives the page back; a crawl killed with SIGKILL and rerun
leaves only whole files, and every record's page is in one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from cleaners.warc.layout import list_warc_files
from cleaners.warc.members import whole_members_end
from cleaners.warc.reader import read_page
from tests.crawler.conftest import run_scrapy, scrapy_cmd
from tests.crawler.sitegen import article_list
from tests.support.crawloutput import count_lines, load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_env

SITE = "127.0.0.1"


def _site(server: LocalHTTPServer, count: int, per_page: int = 10) -> dict[str, str]:
    arts = article_list(count, days=3)
    pages = {a.path: a.html(size=1) for a in arts}
    chunks = [arts[i:i + per_page] for i in range(0, count, per_page)]
    routes: dict[str, str] = dict(pages)
    for n, chunk in enumerate(chunks):
        links = "".join(f'<a href="{a.path}">{a.title}</a> ' for a in chunk)
        nxt = f'<a href="/list?page={n + 1}">next</a>' if n + 1 < len(chunks) else ""
        routes["/" if n == 0 else f"/list?page={n}"] = f"<html><body>{links}{nxt}</body></html>"
    routes["/robots.txt"] = "User-agent: *\nDisallow:\n"
    server.set_routes(routes)
    return {server.url + path: html for path, html in pages.items()}


def _warcio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warcio.cli", *args], capture_output=True,
                          text=True)


def _newsclean(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaners", *args], capture_output=True,
                          cwd=REPO, env=scrapy_env())


def _types(path: Path) -> list[str]:
    with open(path, "rb") as fh:
        return [r.rec_type for r in ArchiveIterator(fh)]


def test_crawl_archives_each_record_page_and_show_gives_it_back(tmp_path: Path) -> None:
    """NEWS_WARC=articles (default): each record's warc points to its page's response, whose
    body is what the server sent; the metadata record names the record's id."""
    out = tmp_path / "out"
    with LocalHTTPServer() as server:
        served = _site(server, 12)
        proc = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=out,
                          settings={"NEWS_LISTING_DEPTH": 5})
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = load_records(out, SITE)
    assert sorted(r["url"] for r in records) == sorted(served)
    files = list_warc_files(out)
    assert files and all(f.parent == out / "_warc" / SITE for f in files)
    indexed: set[tuple[str, int, str]] = set()
    for f in files:
        check = _warcio("check", str(f))
        assert check.returncode == 0, check.stdout + check.stderr
        index = _warcio("index", str(f))
        assert index.returncode == 0
        rel = f.relative_to(out).as_posix()
        indexed |= {(rel, int(e["offset"]), e["warc-target-uri"]) for e in
                    map(json.loads, index.stdout.splitlines()) if e["warc-type"] == "response"}
        # articles only: listings and robots.txt are not kept
        assert _types(f).count("response") == len(records)
    for record in records:
        # the reference reader finds a response for the record's URL where the record says
        assert (record["warc"]["file"], record["warc"]["offset"], record["url"]) in indexed
        page = read_page(out, record["warc"])
        assert page.body == served[record["url"]].encode()
        assert page.url == record["url"] and page.status == 200
        assert page.meta["id"] == record["id"] and page.meta["revision"] == record["revision"]
        assert record["cleaner_version"]
    shown = _newsclean("show", records[0]["id"], "--root", str(out), "--raw")
    assert shown.returncode == 0 and shown.stdout == served[records[0]["url"]].encode()
    as_record = _newsclean("show", records[0]["id"], "--root", str(out))
    assert json.loads(as_record.stdout) == records[0]
    missing = _newsclean("show", "f" * 32, "--root", str(out), "--raw")
    assert missing.returncode == 1 and b"no record" in missing.stderr


def test_warc_all_keeps_listings_and_robots_off_keeps_nothing(tmp_path: Path) -> None:
    """all: robots.txt and listing pages too (in no record); off: no _warc, no warc field."""
    with LocalHTTPServer() as server:
        served = _site(server, 4)
        every = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=tmp_path / "all",
                           settings={"NEWS_WARC": "all"})
        off = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=tmp_path / "off",
                         settings={"NEWS_WARC": "off"})
    assert every.returncode == 0 and off.returncode == 0, every.stderr[-2000:]
    uris = set()
    for f in list_warc_files(tmp_path / "all"):
        with open(f, "rb") as fh:
            uris |= {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)
                     if r.rec_type == "response"}
    base = next(iter(served)).split("/stories/")[0]
    assert {base + "/robots.txt", base + "/", *served} <= uris
    assert not (tmp_path / "off" / "_warc").exists()
    off_records = load_records(tmp_path / "off", SITE)
    assert len(off_records) == 4 and not any("warc" in r for r in off_records)


@pytest.mark.slow
def test_kill_9_mid_crawl_then_rerun_every_record_page_in_a_whole_warc(tmp_path: Path) -> None:
    """SIGKILL while pages are being written, then the same crawl again (seen-store resumes):
    every WARC file is whole gzip members only, warcio checks it, and every record written by
    either run reads back from the place it names."""
    out = tmp_path / "out"
    count = 150
    settings = {"NEWS_LISTING_DEPTH": 30, "NEWS_CLEAN_POOL": 2}
    with LocalHTTPServer(delay=0.005) as server:
        served = _site(server, count)
        with (tmp_path / "first.log").open("w") as log:
            first = subprocess.Popen(
                scrapy_cmd("crawl", "news", "-a", f"url={server.url}/", output=out,
                           settings=settings),
                cwd=REPO, env=scrapy_env(), stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while count_lines(out, SITE) < count // 3 and first.poll() is None:
                assert time.monotonic() < deadline, "crawl wrote nothing in 60 s"
                time.sleep(0.01)
            assert first.poll() is None, "crawl finished before it could be killed"
        finally:
            if first.poll() is None:
                os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        assert list((out / "_warc" / SITE).glob("*.open"))  # killed: its file was never closed
        second = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=out,
                            settings=settings, timeout=120)
    assert second.returncode == 0, second.stderr[-3000:]
    assert not list((out / "_warc").rglob("*.open"))
    for f in list_warc_files(out):
        assert whole_members_end(f) == f.stat().st_size, f
        assert _warcio("check", str(f)).returncode == 0, f
    records = load_records(out, SITE)
    assert sorted(r["url"] for r in records) == sorted(served)  # each article once
    for record in records:
        page = read_page(out, record["warc"])
        assert page.body == served[record["url"]].encode()
        assert page.meta["id"] == record["id"]
