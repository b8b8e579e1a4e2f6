"""Two real ``scrapy crawl news`` workers sharing one Redis: every article exactly once.

Each test starts its own worker processes against a private redis-server and a generated site
of 500 articles; output goes to ``tmp_path`` (one ``<date>.<worker>.jsonl`` per worker).
"""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import redis

from cleaners.warc.layout import list_warc_files
from cleaners.warc.reader import read_page
from tests.crawler.sitegen import GenSite, alias_site, discovery_site, moved_path, paginated_site
from tests.distributed.conftest import KEY, Site, start_worker, wait_ok, worker_files
from tests.support.crawloutput import count_lines, load_records, records_by_url
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import stats_of


def test_two_workers_every_article_once_then_nothing_new(
    site: Site, redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """Started together, they seed once, share the work, and a re-run writes nothing."""
    out, log = tmp_path / "out", tmp_path / "workers.log"
    workers = [start_worker(site.url, redis_url, name, out, log) for name in ("w1", "w2")]
    for proc in workers:
        wait_ok(proc, log)
    counts = records_by_url(out)
    assert set(counts) == site.article_urls()
    assert max(counts.values()) == 1
    per_worker = worker_files(out)
    assert set(per_worker) == {"w1", "w2"} and all(per_worker.values()), per_worker
    # one WARC writer per worker: each its own file, and every record's page reads back
    warcs = list_warc_files(out)
    assert {f.name.removesuffix(".warc.gz").rsplit("-", 1)[1] for f in warcs} == {"w1", "w2"}
    for record in load_records(out):
        assert read_page(out, record["warc"]).url == record["url"]
    text = log.read_text(errors="replace")
    assert text.count("Seeding run") == 1
    assert "ScrapyDeprecationWarning" not in text
    assert not redis_client.exists(f"{KEY}:run", f"{KEY}:dupefilter")
    assert redis_client.hlen("newsclean:seen") == len(site.paths)

    rerun_log = tmp_path / "rerun.log"
    site.server.clear_requests()
    second = start_worker(site.url, redis_url, "w1", out, rerun_log)
    wait_ok(second, rerun_log)
    assert records_by_url(out) == counts  # the scheduled re-run found nothing new ...
    assert "Run summary: 0 records written" in rerun_log.read_text(errors="replace")
    fetched = {log.path for log in site.server.requests}
    assert "/sitemap.xml" in fetched and "/" in fetched  # ... re-read the index pages ...
    assert not fetched & set(site.paths)  # ... and fetched no known article again


def test_worker_killed_mid_crawl_loses_nothing(
    site: Site, redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """kill -9 one worker half-way, restart it: still every article exactly once.

    The restarted worker re-marks (from its journal) a record the victim wrote but had not yet
    marked seen; the heartbeat TTL gives it time to do so before anybody re-fetches the lease.
    """
    out, log = tmp_path / "out", tmp_path / "workers.log"
    ttl = {"NEWS_REDIS_HEARTBEAT_TTL": "8"}
    victim = start_worker(site.url, redis_url, "w1", out, log, **ttl)
    other = start_worker(site.url, redis_url, "w2", out, log, **ttl)
    deadline = time.monotonic() + 60
    while count_lines(out) < len(site.paths) // 4:
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        assert victim.poll() is None, "victim finished before it could be killed"
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    leased = sum(redis_client.hlen(key) for key in redis_client.scan_iter(f"{KEY}:lease:*"))
    restarted = start_worker(site.url, redis_url, "w1", out, log, **ttl)
    wait_ok(other, log)
    wait_ok(restarted, log)
    counts = records_by_url(out)
    missing = site.article_urls() - set(counts)
    duplicated = {url: n for url, n in counts.items() if n > 1}
    assert not missing and not duplicated, (len(missing), duplicated)
    text = log.read_text(errors="replace")
    assert leased > 0  # the victim really died holding requests ...
    assert "Re-queued" in text  # ... and somebody gave them back to the queue


def test_rerun_skips_redirected_and_canonical_articles(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """The shared seen-store files a record under the URL it was requested as too: a 301 from
    an old path and a page naming another canonical URL are not fetched by the next run."""
    with LocalHTTPServer() as server:
        site = alias_site(server.url)
        server.set_routes(site.routes)
        out = tmp_path / "out"
        first = start_worker(server.url + "/", redis_url, "w1", out, tmp_path / "first.log")
        wait_ok(first, tmp_path / "first.log")
        assert set(records_by_url(out)) == {site.url(a) for a in site.articles}
        server.clear_requests()
        again = start_worker(server.url + "/", redis_url, "w1", out, tmp_path / "again.log")
        wait_ok(again, tmp_path / "again.log")
        requested = {r.path for r in server.requests}
    assert "/sitemap.xml" in requested
    assert not requested & {moved_path(site.articles[0]), *(a.path for a in site.articles)}
    assert "Run summary: 0 records written" in (tmp_path / "again.log").read_text(errors="replace")


def _run(server: LocalHTTPServer, redis_url: str, out: Path, log: Path) -> dict[str, Any]:
    """One worker run on the served site; its stats."""
    server.clear_requests()
    wait_ok(start_worker(server.url + "/", redis_url, "w1", out, log), log)
    stats = stats_of(log.read_text(errors="replace"))
    assert stats.get("finish_reason") == "finished", log.read_text(errors="replace")[-3000:]
    return stats


def _articles_requested(server: LocalHTTPServer, site: GenSite) -> set[str]:
    return {r.path for r in server.requests} & {a.path for a in site.articles}


def test_newer_sitemap_lastmod_refetches_an_edited_article_as_revision_2(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """As on one machine: a known article is fetched again only when its sitemap lastmod is
    newer than the shared seen-store's entry; an edit then becomes revision 2. Entries of an
    earlier version (no time) count as "date unknown": fetched once when dated, then known."""
    out = tmp_path / "out"
    with LocalHTTPServer() as server:
        site = discovery_site(server.url)
        server.set_routes(site.routes)
        first = _run(server, redis_url, out, tmp_path / "1.log")
        assert first["news/articles_written"] == len(site.articles)
        assert _articles_requested(server, site) == {a.path for a in site.articles}
        before = load_records(out)
        assert {r["revision"] for r in before} == {1}

        second = _run(server, redis_url, out, tmp_path / "2.log")  # sitemap unchanged
        assert _articles_requested(server, site) == set()
        assert second.get("news/articles_written", 0) == 0
        # page 2 of the section listing is not read: its page 1 linked to known articles only
        # and the first run, which ended, walked that chain to its end
        assert second["news/skipped_seen"] == len(site.articles) - 2
        assert {"/sitemap.xml", "/sitemaps/pages.xml"} <= {r.path for r in server.requests}

        edited = site.articles[5]  # in the plain sitemap, with <lastmod>
        stamp = datetime.now(UTC).isoformat().replace("+00:00", "Z")  # after the write: newer
        entry = f"<loc>{site.url(edited)}</loc><lastmod>{edited.day}</lastmod>"
        pages = str(site.routes["/sitemaps/pages.xml"])
        assert entry in pages
        server.set_route("/sitemaps/pages.xml", pages.replace(
            entry, f"<loc>{site.url(edited)}</loc><lastmod>{stamp}</lastmod>"))
        server.set_route(edited.path, edited.html(edited=True))
        third = _run(server, redis_url, out, tmp_path / "3.log")
        assert _articles_requested(server, site) == {edited.path}
        assert third["news/articles_written"] == 1 and third["news/revisions"] == 1
        assert third["news/skipped_seen"] == len(site.articles) - 1 - 2
        after = load_records(out)
        assert len(after) == len(before) + 1
        newest = next(r for r in after if r["revision"] == 2)
        assert newest["url"] == site.url(edited) and "published the decision" in newest["text"]

        # A seen-store written by an earlier version: values without times.
        redis_client.delete("newsclean:seen:checked")
        dated = {a.path for a in site.articles[:10]}  # news sitemap, lastmod, feeds
        legacy = _run(server, redis_url, out, tmp_path / "4.log")
        assert _articles_requested(server, site) == dated
        assert legacy.get("news/articles_written", 0) == 0
        assert legacy["news/duplicates_skipped"] == len(dated)  # fetched, found unchanged
        _run(server, redis_url, out, tmp_path / "5.log")
        assert _articles_requested(server, site) == set()  # the re-fetch dated them
    assert load_records(out) == after


def test_two_workers_follow_a_ten_page_listing_to_its_end(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """A site whose articles are reachable only through a paginated section listing: the
    chain's page requests travel through the shared Redis queue with their page count, and
    the two workers find every article once."""
    out, log = tmp_path / "out", tmp_path / "paged.log"
    with LocalHTTPServer() as server:
        site = paginated_site(server.url)
        server.set_routes(site.routes)
        workers = [start_worker(f"{server.url}/", redis_url, name, out, log)
                   for name in ("w1", "w2")]
        for proc in workers:
            wait_ok(proc, log)
        counts = records_by_url(out)
        assert set(counts) == {site.url(a) for a in site.articles}
        assert max(counts.values()) == 1
        pages = [r.path for r in server.requests if r.path.startswith("/section/news")]
        assert len(pages) == len(set(pages)) == 10


@pytest.mark.parametrize(
    ("args", "settings", "pages"),
    [((), {"NEWS_LISTING_MAX_PAGES": "3"}, 3),  # the cap: pages 1-3
     (("since=2025-08-27",), {}, 5)],  # page 5 (2025-08-26) shows only older articles
    ids=["cap", "since"],
)
def test_two_workers_stop_a_listing_chain_at_the_cap_or_since(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
    args: tuple[str, ...], settings: dict[str, str], pages: int,
) -> None:
    """The chain's page count and first page travel with each next-page request through the
    shared Redis queue (pickled request dict: cb_kwargs and meta), so whichever worker takes
    page n knows it is page n: the cap and ``since`` end the chain as on one machine."""
    out, log = tmp_path / "out", tmp_path / "paged.log"
    with LocalHTTPServer() as server:
        site = paginated_site(server.url)
        server.set_routes(site.routes)
        workers = [start_worker(f"{server.url}/", redis_url, name, out, log, *args, **settings)
                   for name in ("w1", "w2")]
        for proc in workers:
            wait_ok(proc, log)
        listed = [r.path for r in server.requests if r.path.startswith("/section/news")]
        assert sorted(listed) == sorted(
            ["/section/news"] + [f"/section/news?page={n}" for n in range(2, pages + 1)])
        fetched = {r.path for r in server.requests} & {a.path for a in site.articles}
        assert 0 < len(fetched) <= pages * 7
        if not args:
            assert len(fetched) == pages * 7


def test_two_workers_stop_an_incremental_run_at_the_first_page_of_known_articles(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path,
) -> None:
    """As on one machine: once a run walked the chain to its end and ended, the next run of
    two workers (three new articles on top, the pages shift) reads page 1 (new ones) and page 2 (all
    known) and asks for no page after it; every article is written once."""
    out = tmp_path / "out"
    with LocalHTTPServer() as server:
        site = paginated_site(server.url)
        server.set_routes(site.routes)
        wait_ok(start_worker(f"{server.url}/", redis_url, "w1", out, tmp_path / "1.log"),
                tmp_path / "1.log")
        assert redis_client.smembers(f"{KEY}:chains:walked") == {
            f"{server.url}/section/news".encode()}
        newer = paginated_site(server.url, extra=3)
        server.set_routes(newer.routes)
        server.clear_requests()
        log = tmp_path / "2.log"
        workers = [start_worker(f"{server.url}/", redis_url, name, out, log)
                   for name in ("w1", "w2")]
        for proc in workers:
            wait_ok(proc, log)
        listed = {r.path for r in server.requests if r.path.startswith("/section/news")}
        assert listed == {"/section/news", "/section/news?page=2"}
        counts = records_by_url(out)
        assert set(counts) == {newer.url(a) for a in newer.articles}
        assert max(counts.values()) == 1
