"""Paginated listings: a section's next-page chain is one listing, followed beyond
NEWS_LISTING_DEPTH, bounded by the page cap, by ``since`` and, on incremental runs, by a page
of known articles only. Real ``scrapy crawl`` subprocesses on generated loopback sites."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawler.discovery.pagination import listing_days, next_page_urls, page_number
from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import GenSite, paginated_site
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import stats_of

SITE = "127.0.0.1"


def _crawl(server: LocalHTTPServer, out: Path, *extra: str) -> dict:
    proc = run_scrapy("crawl", "news", "-a", f"url={server.url}/", *extra, output=out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = stats_of(proc.stderr)
    assert stats.get("finish_reason") == "finished", proc.stderr[-3000:]
    return stats


def _articles_fetched(server: LocalHTTPServer, site: GenSite) -> set[str]:
    return {r.path for r in server.requests} & {a.path for a in site.articles}


@pytest.mark.parametrize("style", ["query", "path", "numbers"])
def test_every_article_behind_a_ten_page_listing_is_found(
        server: LocalHTTPServer, tmp_path: Path, style: str) -> None:
    site = paginated_site(server.url, style=style)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path)  # NEWS_LISTING_DEPTH stays 2
    assert sorted(r["url"] for r in load_records(tmp_path, SITE)) == sorted(
        site.url(a) for a in site.articles)
    assert stats["news/discovery/listing_next_page"] == 9


def test_the_page_cap_ends_a_chain(server: LocalHTTPServer, tmp_path: Path) -> None:
    site = paginated_site(server.url)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path, "-s", "NEWS_LISTING_MAX_PAGES=3")
    assert len(_articles_fetched(server, site)) == 3 * 7
    assert stats["news/discovery/listing_chain_capped"] == 1


@pytest.mark.parametrize("masthead", [None, "2026-12-06"])
def test_since_stops_the_chain_at_a_page_of_older_articles(
        server: LocalHTTPServer, tmp_path: Path, masthead: str | None) -> None:
    """Only the items' dates count: a masthead <time> of today on every page does not keep
    the chain going."""
    site = paginated_site(server.url, masthead=masthead)  # page n: articles of 2025-08-(31 - n)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path, "-a", "since=2025-08-27")
    fetched = _articles_fetched(server, site)
    for article in site.articles:
        if article.day >= "2025-08-27":
            assert article.path in fetched
    # page 5 (2025-08-26) is read, shows only older articles, and page 6 is never asked for
    assert stats["news/discovery/listing_chain_older"] == 1
    assert stats["news/discovery/listing_next_page"] == 4
    assert len(fetched) <= 5 * 7


def test_since_does_not_stop_a_chain_whose_pages_show_no_dates(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    site = paginated_site(server.url, dated=False)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path, "-a", "since=2025-08-27")
    assert stats.get("news/discovery/listing_chain_older", 0) == 0
    assert stats["news/discovery/listing_next_page"] == 9
    assert len(_articles_fetched(server, site)) == len(site.articles)


def test_an_incremental_run_stops_at_the_first_page_of_known_articles(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    site = paginated_site(server.url)
    server.set_routes(site.routes)
    _crawl(server, tmp_path)
    newer = paginated_site(server.url, extra=3)  # three new articles on top: pages shift
    server.set_routes(newer.routes)
    server.clear_requests()
    stats = _crawl(server, tmp_path)
    assert stats["news/articles_written"] == 3
    # page 1 holds the new ones (and 4 known): page 2 is read, all known, page 3 never asked
    assert stats["news/discovery/listing_chain_known"] == 1
    listed = {r.path for r in server.requests if r.path.startswith("/section/news")}
    assert listed == {"/section/news", "/section/news?page=2"}
    assert len(load_records(tmp_path, SITE)) == len(newer.articles)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/sport", ("/sport", 1)),
        ("https://x.example/sport?page=3", ("/sport", 3)),
        ("https://x.example/sport/pagina/3/", ("/sport", 3)),
        ("https://x.example/2025/page/4", ("/2025", 4)),
        ("https://x.example/news?cat=5&p=2", ("/news?cat=5", 2)),
    ],
)
def test_page_number_of_a_listing_url(url: str, expected: tuple[str, int]) -> None:
    assert page_number(url) == expected


@pytest.mark.parametrize(
    "link",
    [
        '<a href="/n">Volgende pagina</a>',
        '<a href="/n">Nächste Seite ›</a>',
        '<a href="/n">Page suivante</a>',
        '<a href="/n">Older posts</a>',
        '<a href="/n" rel="next">2</a>',
        '<li class="pager-next"><a href="/n">x</a></li>',
        '<a href="/n" aria-label="Next page">&raquo;</a>',
        '<a href="/sport?page=2">2</a>',
    ],
)
def test_next_page_links_in_many_forms(link: str) -> None:
    assert [u.rsplit("/", 1)[-1] for u in next_page_urls(
        f"<html><body>{link}<a href='/sport?page=3'>3</a></body></html>",
        "https://x.example/sport")][:1] in (["n"], ["sport?page=2"])


def test_previous_and_unrelated_links_are_no_next_page() -> None:
    html = ('<a href="/p">« Vorige</a><a class="prev" href="/q">x</a>'
            '<a href="/sport?page=5">5</a><a href="/other?page=2">2</a>')
    assert next_page_urls(html, "https://x.example/sport?page=2") == []


LISTING = "https://x.example/sport?page=2"


def test_listing_days_are_the_items_dates_not_the_pages() -> None:
    html = ('<header><time datetime="2026-12-06">today</time></header>'
            '<aside><a href="/about">About</a> <time datetime="2026-12-01"></time></aside>'
            '<ul><li><a href="/a.html">A</a> <time datetime="2025-08-01T10:00:00Z">1 Aug</time>'
            '</li><li><div class="card"><h2><a href="/b.html">B</a></h2>'
            '<p class="meta"><time datetime="2025-08-02">2 Aug</time></p></div></li>'
            '<li><a href="/2025/07/30/c.html">C</a></li></ul>')
    days = listing_days(html, LISTING, ["https://x.example/a.html", "https://x.example/b.html",
                                        "https://x.example/2025/07/30/c.html"])
    assert sorted(days) == [date(2025, 7, 30), date(2025, 8, 1), date(2025, 8, 2)]


def test_a_time_shared_by_several_items_dates_none_of_them() -> None:
    """A list with one <time> for all its links (a day heading) is no item's date, and a
    page whose items show no date has no days: it does not stop the chain."""
    html = ('<section><h2><time datetime="2025-08-01">1 Aug</time></h2>'
            '<a href="/a.html">A</a><a href="/b.html">B</a></section>')
    assert listing_days(html, LISTING, ["https://x.example/a.html",
                                        "https://x.example/b.html"]) == []


def test_a_run_killed_mid_chain_leaves_the_chain_to_be_walked_again(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """A chain counts as known ground only after a run walked it to its end and went idle
    (kill -9 mid-chain: tests/crawler/test_kill_resume.py); a run cut short by ``since`` did
    not walk it either, so the next run reads every page and writes the rest."""
    site = paginated_site(server.url)
    server.set_routes(site.routes)
    _crawl(server, tmp_path, "-a", "since=2025-08-28")  # pages 1-4, the chain not walked
    written = len(load_records(tmp_path, SITE))
    server.clear_requests()
    stats = _crawl(server, tmp_path)
    assert stats.get("news/discovery/listing_chain_known", 0) == 0
    assert len(load_records(tmp_path, SITE)) == len(site.articles) > written
