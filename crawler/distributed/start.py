"""``DistributedStartMiddleware``: seed once per run, fetch from Redis at once, close when idle.

It wraps the spider's ``async def start()`` (``process_start``):

1. a worker tries the run's seeding lock (``SET NX``); only the winner iterates the spider's
   own ``start()`` (``-a site=`` / ``-a url=``), whose requests go through the
   ``LeaseScheduler`` into the shared queue, so workers started together seed once.
   ``NEWS_REDIS_SEED = False`` makes a pure worker that never seeds; ``scrapy seed`` forces;
2. then, instead of ending, it keeps ``start()`` open and wakes the engine whenever the shared
   queue has work, so a worker starts fetching at once instead of at the engine's 5 s heartbeat;
3. it returns (and the spider closes as finished) once the whole crawl - queue, every worker's
   leases, seeding - stayed empty for ``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds; 0 keeps a
   long-lived worker waiting for ``scrapy seed``. The idle worker also ends the run, so the
   next scheduled run seeds again, and the worker, on its first request of that run, forgets
   what it remembered for the last one (``LeaseScheduler.enter_run``, signal ``run_started``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any, Final, Self

from redis.exceptions import RedisError
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.misc import load_object

from crawler.distributed.scheduler import LeaseScheduler

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

POLL: Final = 0.2  # seconds between looks at the shared queue while idle
BACKOFF: Final = 0.05  # seconds to wait while the engine is saturated
RUN_END_IDLE: Final = 10.0  # seconds; long-lived workers (idle close 0) end the run after this


class DistributedStartMiddleware:
    """Spider middleware: seeding lock, Redis-driven start, idle close."""

    def __init__(self, *, crawler: Crawler, max_idle: float, seed: bool, force: bool) -> None:
        self.crawler = crawler
        self.max_idle = max_idle  # seconds; 0 = never close
        self.seed = seed  # try the seeding lock
        self.force = force  # scrapy seed: push the start requests, take nothing

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Enabled only with the ``LeaseScheduler`` (distributed mode)."""
        if not issubclass(load_object(crawler.settings["SCHEDULER"]), LeaseScheduler):
            raise NotConfigured("not in distributed mode")
        return cls(
            crawler=crawler,
            max_idle=crawler.settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", 10),
            seed=crawler.settings.getbool("NEWS_REDIS_SEED", True),
            force=crawler.settings.getbool("NEWS_REDIS_SEED_ONLY"),
        )

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Seed if first, then keep the spider fed from Redis until the run is idle."""
        scheduler = self.crawler.engine.scheduler  # public since Scrapy 2.19
        assert isinstance(scheduler, LeaseScheduler)
        try:
            async for item_or_request in self._drive(start, scheduler):
                yield item_or_request
        except RedisError as exc:
            scheduler.fail(exc)
        if scheduler.broken:
            raise CloseSpider("redis_unavailable")

    async def _drive(
        self, start: AsyncIterator[Any], scheduler: LeaseScheduler,
    ) -> AsyncIterator[Any]:
        run = scheduler.run
        if self.force:
            run.begin(force=True)
            scheduler.enter_run(run.run_id)
            async for item_or_request in self._seed(start, run):
                yield item_or_request
            return
        wants_seed = self.seed
        joined = False
        idle_since: float | None = None
        while True:
            if wants_seed and not joined and run.begin():
                logger.info("Seeding run %s", run.run_id)
                scheduler.enter_run(run.run_id)  # forget the last run before seeding this one
                async for item_or_request in self._seed(start, run):
                    yield item_or_request
                joined = True
                continue
            if scheduler.broken:
                return
            if self.crawler.engine.needs_backout():
                await asyncio.sleep(BACKOFF)
                continue
            scheduler.sweep()
            state = run.state()
            if state.busy:
                joined, idle_since = True, None
                if state.queued:
                    self.crawler.engine._slot.nextcall.schedule()  # noqa: SLF001 - wake it now
                await asyncio.sleep(POLL if not state.queued else BACKOFF)
                continue
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= (self.max_idle or RUN_END_IDLE):
                if run.state(end_if_idle=True).ended:
                    logger.info("Run finished: queue empty, no leases")
                if wants_seed and not joined:
                    idle_since = None  # a stale marker from a dead run: seed on the next turn
                    continue
                if self.max_idle:
                    logger.info("Idle for %.0f s, closing", self.max_idle)
                    return
                idle_since = None
            await asyncio.sleep(POLL)

    async def _seed(self, start: AsyncIterator[Any], run: Any) -> AsyncIterator[Any]:
        last = time.monotonic()
        try:
            async for item_or_request in start:
                if time.monotonic() - last > 1.0:
                    run.keep_seeding()
                    last = time.monotonic()
                yield item_or_request
        finally:
            run.done_seeding()
