"""The shared test server (tests/support/httpserver.py) that crawler and other tests reuse."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.httpserver import LocalHTTPServer, robots_txt


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback only
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def test_routes_directory_query_and_changes(tmp_path: Path) -> None:
    """Routes beat files, queries can be routed, content can change between requests."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<p>dir</p>", "utf-8")
    (tmp_path / "a.xml").write_text("<x/>", "utf-8")
    with LocalHTTPServer(root=tmp_path, routes={"/a.xml": "<route/>"}) as srv:
        assert _get(srv.url_for("/a.xml"))[2] == b"<route/>"
        assert _get(srv.url_for("/sub/"))[1:] == ("text/html; charset=utf-8", b"<p>dir</p>")
        srv.set_route("/list?page=2", "two")
        srv.set_route("/list", "one")
        assert _get(srv.url_for("/list?page=2"))[2] == b"two"
        assert _get(srv.url_for("/list?page=3"))[2] == b"one"
        srv.set_route("/gone", status=410)
        assert _get(srv.url_for("/gone"))[0] == 410
        srv.remove_route("/a.xml")
        assert _get(srv.url_for("/a.xml"))[2] == b"<x/>"
        assert _get(srv.url_for("/../etc/passwd"))[0] in (403, 404)
        assert [r.path for r in srv.requests][:2] == ["/a.xml", "/sub/"]


def test_delay_and_robots_helper() -> None:
    """A slow server waits before answering; robots_txt builds the usual lines."""
    text = robots_txt(disallow=("/private/",), crawl_delay=2, sitemaps=("http://h/s.xml",))
    assert text == "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: http://h/s.xml\n"
    with LocalHTTPServer(routes={"/robots.txt": text}, delay=0.2) as srv:
        started = time.monotonic()
        assert _get(srv.url_for("/robots.txt"))[2] == text.encode()
        assert time.monotonic() - started >= 0.2
        srv.delay = 0
        srv.clear_requests()
        assert srv.requests == []


@pytest.mark.parametrize("path", ["/missing", "/nothing/here.html"])
def test_unknown_paths_404_without_root(path: str) -> None:
    """No root and no route: 404."""
    with LocalHTTPServer() as srv:
        assert _get(srv.url_for(path))[0] == 404
