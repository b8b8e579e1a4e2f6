"""The Redis parts against a real redis-server: seen-store, leases, run lock, dupefilter, add-on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.distributed.addon import DistributedAddon, redis_url
from crawler.distributed.dupefilter import RunDupeFilter
from crawler.distributed.keys import RedisKeys
from crawler.distributed.lease import LeasePriorityQueue
from crawler.distributed.run import RunCoordinator
from crawler.distributed.seen_redis import RedisSeenStore
from crawler.middlewares.skipseen import SkipSeenMiddleware
from crawler.pipelines.seen import tracker_for
from crawler.seenstore import DATE_UNKNOWN

KEYS = RedisKeys("t:news")


def make_queue(client: redis.Redis, instance: str) -> LeasePriorityQueue:
    """A lease queue for a throwaway spider."""
    return LeasePriorityQueue(client, Spider(name="news"), KEYS.queue, keys=KEYS, instance=instance)


def test_seen_store_same_contract_as_sqlite(redis_url: str, redis_client: redis.Redis) -> None:
    """get() is None until marked; revisions go up, never down."""
    store = RedisSeenStore.from_url(redis_url)
    assert store.get("https://x.test/a") is None
    store.mark("https://x.test/a", "h1", 1)
    assert store.get("https://x.test/a") == ("h1", 1)
    store.mark("https://x.test/a", "h2", 2)
    store.mark("https://x.test/a", "h1", 1)  # a slower worker's stale revision loses
    assert store.get("https://x.test/a") == ("h2", 2)
    assert len(store) == 1
    store.close()


def test_leases_ack_and_orphan_requeue(redis_client: redis.Redis) -> None:
    """A dead instance's leases go back to the queue; acked ones do not."""
    dead, alive = make_queue(redis_client, "dead"), make_queue(redis_client, "alive")
    for n, priority in ((1, 0), (2, 10), (3, 0)):
        dead.push(Request(f"https://x.test/{n}", priority=priority))
    dead.heartbeat(60_000)
    first, member1, run_id = dead.pop()
    assert run_id == ""  # no run marked
    _second, member2, _ = dead.pop()
    assert first.url == "https://x.test/2"  # highest priority first
    assert len(dead) == 1 and redis_client.hlen(KEYS.lease("dead")) == 2
    assert dead.ack([member1]) == 1
    alive.heartbeat(60_000)
    assert alive.requeue_orphans() == 0  # "dead" still beats
    redis_client.delete(KEYS.heartbeat("dead"))  # kill -9: the heartbeat expires
    assert alive.requeue_orphans() == 1
    assert sorted(r.url for r in (alive.pop()[0], alive.pop()[0])) == [
        "https://x.test/1", "https://x.test/3"]
    assert alive.pop() is None
    assert not redis_client.exists(KEYS.lease("dead"))
    assert member2 in redis_client.hkeys(KEYS.lease("alive"))


def test_run_lock_seeds_once_and_ends_when_idle(redis_client: redis.Redis) -> None:
    """Workers started together: one seeds; the run ends only when nothing is left."""
    first = RunCoordinator(redis_client, KEYS, seeding_ttl_ms=5_000)
    second = RunCoordinator(redis_client, KEYS, seeding_ttl_ms=5_000)
    redis_client.sadd(KEYS.dupefilter, "stale-fingerprint")
    assert first.begin() and not second.begin()
    assert not redis_client.exists(KEYS.dupefilter)  # a new run forgets the last run's set
    assert second.state().busy  # seeding
    queue = make_queue(redis_client, "w1")
    queue.heartbeat(60_000)
    queue.push(Request("https://x.test/1"))
    first.done_seeding()
    _request, member, run_id = queue.pop()
    assert run_id and run_id == first.run_id  # a lease tells its worker which run it belongs to
    assert second.state(end_if_idle=True).leased == 1
    assert redis_client.exists(KEYS.run)  # a lease is open: the run goes on
    queue.ack([member])
    assert second.state(end_if_idle=True).ended
    assert second.begin()  # the next scheduled run seeds again


def test_seen_store_knows_when_it_confirmed_an_entry(
    redis_url: str, redis_client: redis.Redis,
) -> None:
    """checked_at: None until marked, then the Redis server's time of the mark or touch()."""
    store = RedisSeenStore.from_url(redis_url)
    assert store.checked_at("https://x.test/a") is None
    store.touch("https://x.test/a")  # not in the store: nothing to confirm
    assert store.checked_at("https://x.test/a") is None
    server_now = datetime.fromtimestamp(redis_client.time()[0], UTC)
    store.mark("https://x.test/a", "h1", 1)
    checked = store.checked_at("https://x.test/a")
    assert checked is not None and abs(checked - server_now) <= timedelta(seconds=2)
    redis_client.hset(store.checked_key, "https://x.test/a", 1_000_000_000)  # 2001
    store.touch("https://x.test/a")
    touched = store.checked_at("https://x.test/a")
    assert touched is not None and touched >= checked
    store.mark("https://x.test/a", "h0", 0)  # a stale revision loses, and leaves the time alone
    assert store.get("https://x.test/a") == ("h1", 1)
    assert store.checked_at("https://x.test/a") == touched
    # the value keeps the format of earlier versions, so their workers still read it
    assert redis_client.hget(store.key, "https://x.test/a") == b"1 h1"
    store.close()


def test_entry_written_by_an_earlier_version_is_seen_date_unknown(
    redis_url: str, redis_client: redis.Redis,
) -> None:
    """An old value (no time beside it): get() reads it; a dated discovery fetches it again,
    an undated one does not; touch() after the unchanged re-fetch gives it a time."""
    redis_client.hset("newsclean:seen", "https://x.test/old", "3 abc")
    store = RedisSeenStore.from_url(redis_url)
    assert store.get("https://x.test/old") == ("abc", 3)
    assert store.checked_at("https://x.test/old") == DATE_UNKNOWN
    crawler = get_crawler(Spider)
    middleware = SkipSeenMiddleware(checked_at=store.checked_at, stats=crawler.stats)
    dated = Request("https://x.test/old", meta={"news_lastmod": "2001-01-01"})
    undated = Request("https://x.test/old")
    assert not asyncio.run(middleware.known_unchanged("https://x.test/old", dated))
    assert asyncio.run(middleware.known_unchanged("https://x.test/old", undated))
    store.touch("https://x.test/old")
    assert asyncio.run(middleware.known_unchanged("https://x.test/old", dated))
    assert redis_client.hget("newsclean:seen", "https://x.test/old") == b"3 abc"
    store.close()


def test_skip_seen_middleware_runs_in_distributed_mode(redis_url: str, tmp_path: Path) -> None:
    """With REDIS_URL it asks the Redis store; NEWS_REDIS_SKIP_SEEN=False turns it off."""
    settings = {"REDIS_URL": redis_url, "OUTPUT_DIR": str(tmp_path),
                "NEWS_SEEN_STORE": "crawler.distributed.seen_redis.RedisSeenStore"}
    crawler = get_crawler(Spider, settings)
    assert SkipSeenMiddleware.from_crawler(crawler) is not None
    store = tracker_for(crawler).store
    assert isinstance(store, RedisSeenStore)
    store.close()
    with pytest.raises(NotConfigured, match="NEWS_REDIS_SKIP_SEEN"):
        SkipSeenMiddleware.from_crawler(
            get_crawler(Spider, {**settings, "NEWS_REDIS_SKIP_SEEN": False}))


def test_dupefilter_filters_what_this_run_queued(redis_url: str, redis_client: redis.Redis) -> None:
    """Queued in this run: filtered; else queued once. The seen-store is not its business."""
    crawler = get_crawler(Spider, {"REDIS_URL": redis_url})
    crawler.spider = crawler._create_spider("news")
    dupefilter = RunDupeFilter.from_crawler(crawler)
    dupefilter.key = KEYS.dupefilter
    RedisSeenStore.from_url(redis_url).mark("https://x.test/old", "h", 1)
    assert not dupefilter.request_seen(Request("https://x.test/new"))
    assert dupefilter.request_seen(Request("https://x.test/new"))
    assert not dupefilter.request_seen(Request("https://x.test/old"))  # SkipSeenMiddleware's
    assert redis_client.scard(KEYS.dupefilter) == 2


def test_addon_switch() -> None:
    """No URL: nothing changes. -s REDIS_URL or env: distributed; -s settings still win."""
    off = Settings({"NEWS_SEEN_STORE": "crawler.seenstore.SqliteSeenStore"}, priority="project")
    DistributedAddon().update_settings(off)
    assert off["NEWS_SEEN_STORE"] == "crawler.seenstore.SqliteSeenStore"
    assert off.get("SCHEDULER") != "crawler.distributed.scheduler.LeaseScheduler"

    on = Settings({"NEWS_SEEN_STORE": "crawler.seenstore.SqliteSeenStore"}, priority="project")
    on.set("REDIS_URL", "redis://127.0.0.1:1/0", priority="cmdline")
    on.set("MAX_IDLE_TIME_BEFORE_CLOSE", 0, priority="cmdline")
    DistributedAddon().update_settings(on)
    assert on["SCHEDULER"] == "crawler.distributed.scheduler.LeaseScheduler"
    assert on["NEWS_SEEN_STORE"] == "crawler.distributed.seen_redis.RedisSeenStore"
    assert on.getint("MAX_IDLE_TIME_BEFORE_CLOSE") == 0  # a long-lived worker, as asked
    assert on["NEWS_WORKER"]
    env = {"REDIS_URL": "redis://b", "NEWSCLEAN_REDIS_URL": "redis://a"}
    assert redis_url(Settings(), env) == "redis://a"
    assert redis_url(Settings({"REDIS_URL": ""}, priority="cmdline"), env) is None


def test_a_next_page_request_keeps_its_page_count_through_the_queue(
        redis_client: redis.Redis) -> None:
    """The page count and chain (cb_kwargs) and the next-page mark (meta) of a listing's
    next-page request survive the queue's pickled request dict, callback included."""
    from scrapy.http import HtmlResponse

    from crawler.spiders.news import NEXT_PAGE_META, NewsSpider

    crawler = get_crawler(NewsSpider, {"REMOTE_CONTROL_ENABLED": False,
                                       "TELNETCONSOLE_ENABLED": False})
    spider = NewsSpider.from_crawler(crawler, url="http://127.0.0.1:9/")
    page3 = HtmlResponse("http://127.0.0.1:9/sport?page=3", body=(
        b'<html><body><a href="/2025/08/01/a.html">A</a>'
        b'<a href="/sport?page=4">Volgende pagina</a></body></html>'), encoding="utf-8")
    nxt = [r for r in spider.parse_listing(page3, depth=1, page=3,
                                           chain="http://127.0.0.1:9/sport")
           if isinstance(r, Request) and r.meta.get(NEXT_PAGE_META)]
    assert [r.url for r in nxt] == ["http://127.0.0.1:9/sport?page=4"]
    queue = LeasePriorityQueue(redis_client, spider, KEYS.queue, keys=KEYS, instance="w")
    queue.push(nxt[0])
    back = queue.pop().request
    assert back.callback == spider.parse_listing
    assert back.cb_kwargs == {"depth": 1, "page": 4, "chain": "http://127.0.0.1:9/sport"}
    assert back.meta[NEXT_PAGE_META] == "http://127.0.0.1:9/sport"


def test_a_runs_chains_are_walked_only_once_the_run_ended(redis_client: redis.Redis) -> None:
    """Chain ends read in a run become walked when the run ends (queue empty, no leases), not
    while requests are left; a new run starts with no chain ends of its own."""
    from crawler.distributed.chains import RedisChainLog

    run = RunCoordinator(redis_client, KEYS, seeding_ttl_ms=60_000)
    assert run.begin()
    run.done_seeding()
    chains = RedisChainLog(redis_client)
    chains.keys = KEYS
    chains.add({"https://x.test/sport"})
    queue = make_queue(redis_client, "w")
    queue.push(Request("https://x.test/left"))
    assert not run.state(end_if_idle=True).ended
    assert not chains.walked("https://x.test/sport")
    queue.heartbeat(60_000)
    _, member, _ = queue.pop()
    queue.ack([member])
    assert run.state(end_if_idle=True).ended
    assert chains.walked("https://x.test/sport")
    assert not chains.walked("https://x.test/news")
    assert run.begin()  # the next run
    assert redis_client.scard(KEYS.chains_run) == 0 and chains.walked("https://x.test/sport")
