"""``scrapy scrape URL [URL ...] [-o FILE] [--seen]`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import article_list
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_env


def _serve(server: LocalHTTPServer, count: int = 2) -> list[str]:
    arts = article_list(count)
    server.set_routes({a.path: a.html() for a in arts})
    server.set_route("/robots.txt", "User-agent: *\nDisallow:\n")
    return [server.url + a.path for a in arts]


def test_scrape_prints_records_to_stdout_and_touches_no_state(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """Records on stdout, one per URL; no JSONL archive and no seen-store under OUTPUT_DIR:
    only the raw pages, as WARC (NEWS_WARC=articles), which the records point to."""
    urls = _serve(server)
    proc = run_scrapy("scrape", *urls, output=tmp_path / "out")
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(r["url"] for r in records) == sorted(urls)
    assert all(r["spider"] == "article" and r["revision"] == 1 for r in records)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["_warc"]
    assert all((tmp_path / "out" / r["warc"]["file"]).is_file() for r in records)


def test_scrape_to_file_and_failures_set_exit_status(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """-o FILE gets the JSONL; a 404 among the URLs makes the exit status 1 and says why."""
    urls = _serve(server, 1)
    target = tmp_path / "one.jsonl"
    proc = run_scrapy("scrape", urls[0], server.url + "/missing.html", "-o", str(target),
                      output=tmp_path / "out")
    assert proc.returncode == 1
    assert "http_404" in proc.stderr
    assert proc.stdout == ""
    assert [json.loads(x)["url"] for x in target.read_text("utf-8").splitlines()] == urls


def test_scrape_seen_flag_skips_unchanged(server: LocalHTTPServer, tmp_path: Path) -> None:
    """--seen: the second scrape of an unchanged page prints nothing."""
    urls = _serve(server, 1)
    first = run_scrapy("scrape", "--seen", urls[0], output=tmp_path / "out")
    second = run_scrapy("scrape", "--seen", urls[0], output=tmp_path / "out")
    assert first.returncode == 0 and len(first.stdout.splitlines()) == 1
    assert second.returncode == 0 and second.stdout == ""
    assert (tmp_path / "out" / "_seen" / "seen.sqlite3").is_file()


def test_scrape_rejects_non_http_urls() -> None:
    """A file: URL is a usage error (exit status 2), nothing is fetched."""
    proc = subprocess.run([sys.executable, "-m", "scrapy", "scrape", "file:///etc/passwd"],
                          cwd=REPO, env=scrapy_env(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "not an http(s) URL" in proc.stderr
