"""``scrapy crawl news -a url=...`` on generated sites: discovery, robots, since, seen-store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import GenSite, alias_site, canonical_path, discovery_site, moved_path
from tests.support.crawloutput import load_records, record_files
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import stats_of

SITE = "127.0.0.1"
UNREAD_LISTING_PAGE = 2  # articles of discovery_site's listing page 2, unread on a re-run


def _crawl(server: LocalHTTPServer, out: Path, *extra: str) -> dict:
    start = () if any(e.startswith("url=") for e in extra) else ("-a", f"url={server.url}/")
    proc = run_scrapy("crawl", "news", *start, *extra, output=out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = stats_of(proc.stderr)
    assert stats.get("finish_reason") == "finished", proc.stderr[-3000:]
    return stats


def test_unseen_site_every_article_found_and_written(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """robots.txt -> sitemap index -> news + plain sitemaps, feed via <link>, listings (depth 2)."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path)
    records = load_records(tmp_path, SITE)
    assert sorted(r["url"] for r in records) == sorted(site.url(a) for a in site.articles)
    assert stats["news/articles_written"] == len(site.articles)
    by_url = {r["url"]: r for r in records}
    # the page of article 0 carries no date: the news-sitemap date and title reach the record
    first = by_url[site.url(site.articles[0])]
    assert (first["date"], first["date_source"]) == ("2025-08-10", "sitemap")
    # every other record is filed under its publication day
    for path in record_files(tmp_path, SITE):
        assert {json.loads(line)["date"] for line in path.read_text("utf-8").splitlines()} == {
            path.stem}, path
    assert {p.stem for p in (tmp_path / SITE).glob("*.jsonl")} == {"2025-08-10", "2025-08-11",
                                                                 "2025-08-12"}
    requested = {r.path for r in server.requests}
    assert "/private/story-about-the-secret-plan-99.html" not in requested  # robots.txt Disallow
    assert stats.get("robotstxt/forbidden", 0) >= 1
    assert all(r.user_agent.startswith("newsclean/") for r in server.requests)


def test_start_url_may_be_a_sitemap_or_a_feed(server: LocalHTTPServer, tmp_path: Path) -> None:
    """-a url=<sitemap index> crawls its sitemaps' articles; no listing pages are followed."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path, "-a", f"url={server.url}/sitemap.xml")
    assert stats["news/articles_written"] == 7  # 4 in the news sitemap, 3 in the plain one
    assert "/section/local" not in {r.path for r in server.requests}


def test_since_skips_old_sitemap_and_feed_entries_before_fetching(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """-a since=2025-08-12 leaves older dated entries unfetched; undated listing links are kept."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    stats = _crawl(server, tmp_path, "-a", "since=2025-08-12")
    requested = {r.path for r in server.requests}
    for article in site.articles[:10]:  # sitemap and feed entries carry dates
        assert (article.path in requested) == (article.day >= "2025-08-12"), article
    for article in site.articles[10:]:  # listing links: no date known before fetching
        assert article.path in requested
    assert stats["news/discovery/skipped_old"] >= 1


def _article_paths_requested(server: LocalHTTPServer, site: GenSite) -> set[str]:
    paths = {a.path for a in site.articles}
    return {r.path for r in server.requests} & paths


def test_second_run_fetches_no_article_and_a_silent_edit_needs_skip_seen_off(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """Known articles are not fetched again; a silent edit is found only with NEWS_SKIP_SEEN off."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    _crawl(server, tmp_path)
    before = load_records(tmp_path, SITE)
    server.clear_requests()
    again = _crawl(server, tmp_path)
    assert again.get("news/articles_written", 0) == 0
    # page 2 of the section listing is not read: its page 1 linked to known articles only
    assert again["news/skipped_seen"] == len(site.articles) - UNREAD_LISTING_PAGE
    assert _article_paths_requested(server, site) == set()
    assert {"/robots.txt", "/sitemap.xml", "/feed.xml", "/section/local"} <= {
        r.path for r in server.requests}  # discovery pages are always fetched
    assert load_records(tmp_path, SITE) == before
    edited = site.articles[11]  # a listing link: no date tells the crawler it changed
    server.set_route(edited.path, edited.html(edited=True))
    server.clear_requests()
    silent = _crawl(server, tmp_path)
    assert silent.get("news/articles_written", 0) == 0
    assert _article_paths_requested(server, site) == set()
    third = _crawl(server, tmp_path, "-s", "NEWS_SKIP_SEEN=False")
    assert third["news/articles_written"] == 1 and third["news/revisions"] == 1
    assert third["news/duplicates_skipped"] == len(site.articles) - 1
    after = load_records(tmp_path, SITE)
    assert len(after) == len(before) + 1
    newest = after[-1] if after[-1]["url"] == site.url(edited) else next(
        r for r in after if r["url"] == site.url(edited) and r["revision"] == 2)
    assert newest["revision"] == 2 and "published the decision" in newest["text"]
    assert newest["id"] == next(r["id"] for r in before if r["url"] == site.url(edited))


def test_newer_sitemap_lastmod_refetches_an_edited_article_as_revision_2(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """Edited with a lastmod after the record was written: fetched again, written as revision 2."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    _crawl(server, tmp_path)
    edited = site.articles[5]  # in the plain sitemap, with <lastmod>
    stamp = datetime.now(UTC).isoformat().replace("+00:00", "Z")  # after the write: newer
    entry = f"<loc>{site.url(edited)}</loc><lastmod>{edited.day}</lastmod>"
    assert entry in site.routes["/sitemaps/pages.xml"]
    server.set_route("/sitemaps/pages.xml", site.routes["/sitemaps/pages.xml"].replace(
        entry, f"<loc>{site.url(edited)}</loc><lastmod>{stamp}</lastmod>"))
    server.set_route(edited.path, edited.html(edited=True))
    server.clear_requests()
    second = _crawl(server, tmp_path)
    assert _article_paths_requested(server, site) == {edited.path}
    assert second["news/articles_written"] == 1 and second["news/revisions"] == 1
    assert second["news/skipped_seen"] == len(site.articles) - 1 - UNREAD_LISTING_PAGE
    newest = next(r for r in load_records(tmp_path, SITE)
                  if r["url"] == site.url(edited) and r["revision"] == 2)
    assert "published the decision" in newest["text"]
    server.clear_requests()  # the lastmod is now older than the new record: not fetched again
    third = _crawl(server, tmp_path)
    assert _article_paths_requested(server, site) == set()
    assert third.get("news/articles_written", 0) == 0


def test_redirected_and_canonical_articles_are_known_by_their_request_urls(
        server: LocalHTTPServer, tmp_path: Path) -> None:
    """A 301 from an old path and a page naming another canonical URL: the second run fetches
    no article; a newer lastmod of the old path still fetches it again (revision 2)."""
    site = alias_site(server.url)
    server.set_routes(site.routes)
    moved, canonical, plain = site.articles
    first = _crawl(server, tmp_path)
    assert first["news/articles_written"] == 3
    by_url = {r["url"]: r for r in load_records(tmp_path, SITE)}
    assert set(by_url) == {site.url(a) for a in site.articles}  # the URL the page came from
    assert by_url[site.url(canonical)]["canonical_url"] == server.url + canonical_path(canonical)
    server.clear_requests()
    second = _crawl(server, tmp_path)
    assert second.get("news/articles_written", 0) == 0 and second["news/skipped_seen"] == 3
    requested = {r.path for r in server.requests}
    assert not requested & {moved_path(moved), moved.path, canonical.path, plain.path}
    stamp = datetime.now(UTC).isoformat().replace("+00:00", "Z")  # after the write: newer
    entry = f"<loc>{server.url}{moved_path(moved)}</loc><lastmod>{moved.day}</lastmod>"
    sitemap = str(site.routes["/sitemap.xml"])
    assert entry in sitemap
    server.set_route("/sitemap.xml", sitemap.replace(
        entry, f"<loc>{server.url}{moved_path(moved)}</loc><lastmod>{stamp}</lastmod>"))
    server.set_route(moved.path, moved.html(edited=True))
    server.clear_requests()
    third = _crawl(server, tmp_path)
    assert _article_paths_requested(server, site) == {moved.path}
    assert moved_path(moved) in {r.path for r in server.requests}
    assert third["news/articles_written"] == 1 and third["news/revisions"] == 1


def test_crawl_delay_from_robots_spaces_requests(server: LocalHTTPServer, tmp_path: Path) -> None:
    """Crawl-delay: 0.4 in robots.txt spaces requests by >= 0.4 s despite DOWNLOAD_DELAY=0."""
    site = discovery_site(server.url, crawl_delay=0.4)
    small = {p: v for p, v in site.routes.items() if p in ("/feed.xml", "/atom.xml")}
    small["/"] = site.routes["/"].replace("/section/local", "/nowhere")
    small.update({a.path: site.routes[a.path] for a in site.articles[7:10]})
    small["/robots.txt"] = "User-agent: *\nCrawl-delay: 0.4\n"
    server.set_routes(small)
    stats = _crawl(server, tmp_path)
    assert stats["news/articles_written"] == 3
    times = sorted(r.time for r in server.requests if r.path != "/robots.txt")
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # spacing is enforced when a request leaves; transit jitter under load may shave a little
    assert len(times) >= 5 and min(gaps) >= 0.3 and sorted(gaps)[len(gaps) // 2] >= 0.38, gaps
