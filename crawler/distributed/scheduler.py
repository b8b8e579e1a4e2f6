"""``LeaseScheduler``: the scrapy-redis scheduler with leases, heartbeats and orphan recovery.

Differences from ``scrapy_redis.scheduler.Scheduler`` (0.9.1):

* ``next_request`` leases instead of popping (``LeasePriorityQueue``); a lease is acked only
  when the engine is done with the request, i.e. it left the engine's in-progress set, which
  happens after the callback ran, its items went through the pipelines (written, seen-store
  marked) and the requests it yielded were pushed to Redis. A worker killed with ``kill -9``
  therefore loses nothing: its leases are re-queued once its heartbeat expires.
* a heartbeat (``NEWS_REDIS_HEARTBEAT``) keeps this instance's leases; the same timer re-queues
  the leases of dead instances and acks finished requests;
* no deprecated calls (``Spider.log``, ``StatsCollector.inc_value(spider=...)``);
* ``NEWS_REDIS_SEED_ONLY`` (``scrapy seed``): requests are pushed, never taken;
* a new run: the first request leased in a run other than the one this worker last worked for
  sends ``run_started`` before it is handed to the engine, so a worker that stays up across
  runs forgets the last run's discovery pages, robots.txt and skip decisions (``enter_run``);
* fail fast: after a Redis error the scheduler is ``broken``: it takes and acks nothing more and
  the start middleware closes the spider (``redis_unavailable``). Its leases stay in Redis and
  come back through the orphan path once its heartbeat has expired, so nothing is lost.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import TYPE_CHECKING, Any, Self

from redis.exceptions import RedisError
from scrapy.utils.misc import load_object
from scrapy_redis import connection
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from crawler.distributed.keys import DEFAULT_PREFIX, RedisKeys
from crawler.distributed.lease import LeasePriorityQueue
from crawler.distributed.run import RunCoordinator, run_started

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def new_instance_id(worker: str | None) -> str:
    """A unique id for this process: ``<worker or host-pid>.<random>``."""
    base = worker or f"{socket.gethostname()}-{os.getpid()}"
    return f"{base}.{uuid.uuid4().hex[:6]}"


class LeaseScheduler(Scheduler):
    """A Redis scheduler whose taken requests survive the death of the worker that took them."""

    def __init__(self, server: Any, *, crawler: Crawler, **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.prefix_template = settings.get("NEWS_REDIS_PREFIX", DEFAULT_PREFIX)
        self.heartbeat_interval = settings.getfloat("NEWS_REDIS_HEARTBEAT", 1.0)  # seconds
        self.heartbeat_ttl = settings.getfloat("NEWS_REDIS_HEARTBEAT_TTL", 10.0)  # seconds
        self.seed_only = settings.getbool("NEWS_REDIS_SEED_ONLY")
        self.instance = new_instance_id(settings.get("NEWS_WORKER"))
        self._handed: dict[int, tuple[Request, bytes]] = {}
        self._beat: LoopingCall | None = None
        self._beats = 0
        self.broken = False  # a Redis call failed: take and ack nothing more
        self.run_id = ""  # the run this worker works for ('' before its first)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from settings (scrapy-redis names: SCHEDULER_PERSIST, SCHEDULER_SERIALIZER ...)."""
        settings = crawler.settings
        kwargs: dict[str, Any] = {
            "persist": settings.getbool("SCHEDULER_PERSIST"),
            "flush_on_start": settings.getbool("SCHEDULER_FLUSH_ON_START"),
            "idle_before_close": 0,
            "queue_cls": "crawler.distributed.lease.LeasePriorityQueue",
            "dupefilter_cls": settings.get("DUPEFILTER_CLASS"),
        }
        if settings.get("SCHEDULER_SERIALIZER"):
            kwargs["serializer"] = load_object(settings["SCHEDULER_SERIALIZER"])
        server = connection.from_settings(settings)
        server.ping()
        return cls(server, crawler=crawler, **kwargs)

    # -- lifecycle --------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        """Connect the queue and dupefilter, recover orphans, start the heartbeat."""
        self.spider = spider
        self.keys = RedisKeys.for_spider(self.prefix_template, spider)
        self.queue = LeasePriorityQueue(
            self.server, spider, self.keys.queue, serializer=self.serializer,
            keys=self.keys, instance=self.instance,
        )
        self.run = RunCoordinator(
            self.server, self.keys, seeding_ttl_ms=int(self.heartbeat_ttl * 1000)
        )
        self.df = load_object(self.dupefilter_cls).from_crawler(self.crawler)
        self.df.key = self.keys.dupefilter
        if self.flush_on_start:
            self.flush()
        self._heartbeat()
        self._requeue_orphans()
        if queued := len(self.queue):
            logger.info("Resuming crawl (%d requests queued in %s)", queued, self.keys.queue)
        self._beat = LoopingCall(self._tick)
        self._beat.start(self.heartbeat_interval, now=False)
        logger.info("Distributed worker %s on %s", self.instance, self.keys.prefix)

    def close(self, reason: str) -> None:
        """Ack finished requests, hand back the rest, stop beating."""
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self.broken:
            logger.warning("Closing without Redis: %d leases wait for the orphan re-queue",
                           len(self._handed))
            return
        try:
            self.sweep()
            if returned := self.queue.requeue_own():
                logger.info("Handed %d unfinished requests back to the queue", returned)
            self.queue.leave()
            if not self.persist:
                self.flush()
        except RedisError as exc:
            self.fail(exc)

    # -- scheduling -------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        """Push to the shared queue; requests already queued in this run are filtered."""
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except RedisError as exc:
            self.fail(exc)  # the parent lease is not acked: the request comes back with it
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        """Lease the next request from the shared queue (None when empty or seed-only)."""
        self.sweep()
        if self.seed_only or self.broken:
            return None
        try:
            leased = self.queue.pop()
        except RedisError as exc:
            self.fail(exc)
            return None
        if leased is None:
            return None
        request, member, run_id = leased
        self._handed[id(request)] = (request, member)
        self.stats.inc_value("scheduler/dequeued/redis")
        self.enter_run(run_id)
        return request

    def enter_run(self, run_id: str) -> None:
        """Work for run ``run_id`` from now on; if it is a new one, send ``run_started`` first.

        Called with the run of every leased request and by the start middleware when this
        worker begins a run (before it seeds). A run ends only when no worker holds a lease,
        so nothing of the previous run is in progress here when the next one starts.
        """
        if not run_id or run_id == self.run_id:
            return
        self.run_id = run_id
        logger.info("Working for run %s", run_id)
        self.crawler.signals.send_catch_log(signal=run_started, run_id=run_id)

    def has_pending_requests(self) -> bool:
        """True while the shared queue holds requests (never in seed-only mode)."""
        if self.seed_only or self.broken:
            return False
        try:
            return len(self.queue) > 0
        except RedisError as exc:
            self.fail(exc)
            return False

    def __len__(self) -> int:
        return len(self.queue)

    # -- leases -----------------------------------------------------------------------------

    def sweep(self) -> int:
        """Ack every handed-out request the engine has finished with."""
        if not self._handed or self.broken:
            return 0
        in_progress = self._in_progress()
        done = [key for key, (request, _) in self._handed.items() if request not in in_progress]
        if not done:
            return 0
        try:
            acked = self.queue.ack([self._handed[key][1] for key in done])
        except RedisError as exc:
            self.fail(exc)
            return 0
        members = [self._handed.pop(key)[1] for key in done]
        self.stats.inc_value("distributed/acked", acked)
        if acked < len(members):
            # Our heartbeat lapsed and another worker re-queued these: they will run again.
            logger.warning("%d leases were lost (heartbeat too slow?)", len(members) - acked)
        return acked

    def _in_progress(self) -> set[Request]:
        # Scrapy 2.19 keeps a request in ExecutionEngine._slot.inprogress from download start
        # until its response was scraped and all its items processed (private API: if an
        # upgrade changes it, the kill -9 test in tests/distributed/test_workers.py fails).
        slot = getattr(self.crawler.engine, "_slot", None)
        return slot.inprogress if slot is not None else set()

    def fail(self, exc: Exception) -> None:
        """Stop taking and acking after a Redis error (the start middleware then closes)."""
        if not self.broken:
            logger.error("Redis failed (%s): this worker stops taking and acking requests", exc)
            self.stats.inc_value("distributed/redis_errors")
        self.broken = True

    def _heartbeat(self) -> None:
        self.queue.heartbeat(int(self.heartbeat_ttl * 1000))

    def _requeue_orphans(self) -> None:
        if moved := self.queue.requeue_orphans():
            logger.warning("Re-queued %d requests leased by dead workers", moved)
            self.stats.inc_value("distributed/requeued_orphans", moved)

    def _tick(self) -> None:
        if self.broken:
            return
        try:
            self._heartbeat()
            self.sweep()
            self._beats += 1
            if self._beats % 3 == 0:
                self._requeue_orphans()
        except RedisError as exc:
            self.fail(exc)
