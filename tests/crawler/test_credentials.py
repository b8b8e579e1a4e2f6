"""``user:password@`` in start URLs: sent as Basic auth to that origin, never written anywhere.

The crawls run against a loopback server that answers 401 to any request without the right
``Authorization`` header, robots.txt included.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.middlewares.credentials import origin, split_credentials, take_credentials
from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import article_list
from tests.support.scrapyproc import stats_of

USER, PASSWORD = "reader", "s3cret-pw"
SECRET = PASSWORD.encode()
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
ARTICLES = article_list(2)  # 0: in the sitemap, relative canonical; 1: linked, absolute one


class AuthSite:
    """A threaded HTTP server on 127.0.0.1 that serves ``routes`` to Basic-auth requests only."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, str]] = {}  # path -> (content type, body)
        self.auth_headers: list[tuple[str, str | None]] = []  # (path, Authorization) per request
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                """401 without the right header; else the route or 404."""
                given = self.headers.get("Authorization")
                site.auth_headers.append((self.path, given))
                ctype, body = site.routes.get(self.path, ("text/plain", "not found"))
                status = 200 if self.path in site.routes else 404
                if given != AUTH:
                    status, ctype, body = 401, "text/plain", "login"
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                if status == 401:
                    self.send_header("WWW-Authenticate", 'Basic realm="news"')
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.secret_base = f"http://{USER}:{PASSWORD}@127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def auth_site() -> Iterator[AuthSite]:
    """The site with robots.txt -> sitemap -> article 0, home page -> article 1."""
    site = AuthSite()
    first, second = ARTICLES
    site.routes = {
        "/robots.txt": ("text/plain", f"User-agent: *\nDisallow:\nSitemap: {site.base}/s.xml\n"),
        "/s.xml": ("application/xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps'
                   f'.org/schemas/sitemap/0.9"><url><loc>{site.base}{first.path}</loc></url>'
                   "</urlset>"),
        "/": ("text/html", f'<html><body><a href="{second.path}">{second.title}</a></body></html>'),
        first.path: ("text/html", first.html().replace(
            "<title>", '<link rel="canonical" href="/canonical/first.html"><title>', 1)),
        second.path: ("text/html", second.html().replace(
            "<title>", f'<link rel="canonical" href="{site.secret_base}/canonical/second.html">'
            "<title>", 1)),
    }
    thread = threading.Thread(target=site.httpd.serve_forever, daemon=True)
    thread.start()
    yield site
    site.httpd.shutdown()
    site.httpd.server_close()


def test_split_credentials_and_origin() -> None:
    """Userinfo (percent-decoded) comes off; the origin has its default port filled in."""
    assert split_credentials("https://u%40x:p%3Aw@h.example/a?b=1#c") == (
        "https://h.example/a?b=1#c", ("u@x", "p:w"))
    assert split_credentials("https://h.example:8443/a") == ("https://h.example:8443/a", None)
    assert origin("https://h.example/a") == origin("https://H.example:443/b") == \
        "https://h.example:443"
    urls, found = take_credentials(["http://a:1@h.example/", "http://h.example/x",
                                    "http://b:2@h.example/y"])
    assert urls == ("http://h.example/", "http://h.example/x", "http://h.example/y")
    assert found == {"http://h.example:80": ("a", "1")}  # the first URL's credentials win


def test_crawl_logs_in_and_writes_no_credentials(auth_site: AuthSite, tmp_path: Path) -> None:
    """Every request (robots.txt too) carries Basic auth; records, seen-store and log do not
    carry the password; canonical links lose their userinfo."""
    proc = run_scrapy("crawl", "news", "-a", f"url={auth_site.secret_base}/", output=tmp_path)
    stats = stats_of(proc.stderr)
    assert stats.get("news/articles_written") == 2, proc.stderr[-3000:]
    assert {path for path, _ in auth_site.auth_headers} >= {"/robots.txt", "/s.xml", "/"}
    assert all(given == AUTH for _, given in auth_site.auth_headers), auth_site.auth_headers
    records = [json.loads(line) for p in tmp_path.glob("127.0.0.1/*.jsonl")
               for line in p.read_text("utf-8").splitlines()]
    assert sorted(r["url"] for r in records) == sorted(auth_site.base + a.path for a in ARTICLES)
    assert sorted(r["canonical_url"] for r in records) == [
        auth_site.base + "/canonical/first.html", auth_site.base + "/canonical/second.html"]
    for path in tmp_path.rglob("*"):
        assert not path.is_file() or SECRET not in path.read_bytes(), path
    assert PASSWORD not in proc.stderr


def test_scrape_command_logs_in_and_prints_no_credentials(auth_site: AuthSite) -> None:
    """``scrapy scrape http://user:pw@host/page`` fetches with Basic auth, prints the bare URL."""
    url = auth_site.secret_base + ARTICLES[0].path
    proc = run_scrapy("scrape", url, output=None)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["url"] == auth_site.base + ARTICLES[0].path
    assert PASSWORD not in proc.stdout + proc.stderr
