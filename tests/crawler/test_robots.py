"""robots.txt is downloaded once per host: Scrapy's rules and the spider's ``Sitemap:`` lines
share it.

Real ``scrapy crawl news`` runs against a loopback site whose robots.txt works, is missing, fails
with 500 or redirects to a closed port; each time the server sees one robots.txt download (plus
its retries) and the crawl ends as it did when the file was downloaded twice.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import article_list
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import stats_of

FAILURES = "news/failures/"
ARTICLES = article_list(3)  # 0-1 linked from the home page, 2 only in the sitemap


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_site(server: LocalHTTPServer, robots: str) -> None:
    links = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in ARTICLES[:2])
    server.set_route("/", f"<html><body><ul>{links}</ul></body></html>")
    server.set_route("/sitemap.xml", (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url}{ARTICLES[2].path}</loc></url></urlset>"))
    for article in ARTICLES:
        server.set_route(article.path, article.html())
    text = "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n"
    if robots == "ok":
        server.set_route("/robots.txt", text, content_type="text/plain")
    elif robots == "500":
        server.set_route("/robots.txt", "oops", status=500, content_type="text/plain")
    elif robots == "unreachable":
        server.set_route("/robots.txt", status=302, headers=(
            ("Location", f"http://127.0.0.1:{_closed_port()}/robots.txt"),))
    # "404": no route


@pytest.mark.parametrize(("robots", "obey", "hits", "written", "failure"), [
    ("ok", True, 1, 3, None),  # rules obeyed and the Sitemap: line followed, one download
    ("ok", False, 1, 3, None),  # not obeyed: the spider's own download, as before
    ("404", True, 1, 2, "http_404"),
    ("500", True, 3, 2, "http_500"),  # one download and its 2 retries (was 6 requests)
    ("unreachable", True, 1, 2, "DownloadConnectionRefusedError"),
])
def test_robots_txt_downloaded_once_per_host(
        server: LocalHTTPServer, tmp_path: Path, robots: str, obey: bool, hits: int,
        written: int, failure: str | None) -> None:
    """The spider's robots.txt request is answered by the download that Scrapy obeys."""
    _serve_site(server, robots)
    proc = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=tmp_path,
                      settings={"ROBOTSTXT_OBEY": obey})
    stats = stats_of(proc.stderr)
    assert stats.get("finish_reason") == "finished", proc.stderr[-3000:]
    assert sum(r.path == "/robots.txt" for r in server.requests) == hits
    assert stats.get("news/articles_written") == written
    failures = {k.removeprefix(FAILURES) for k in stats if k.startswith(FAILURES)}
    assert failures == ({failure} if failure else set()), failures
    if obey:
        assert stats["robotstxt/request_count"] == 1
