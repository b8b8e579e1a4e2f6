"""CleanPipeline: a fetched page becomes a record via ``cleaners.clean_html`` in a process pool."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import FetchedPage
from crawler.pipelines.cleanjob import Outcome, clean_page, watch_crawler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
_STAT_KEY = re.compile(r"[^a-z0-9_]+")


def pool_size(setting: Any) -> int:
    """``NEWS_CLEAN_POOL``: None -> one worker per core, 0 -> clean inline in the crawler."""
    if setting is None or setting == "":
        return os.cpu_count() or 1
    return max(0, int(setting))


class CleanPipeline:
    """Clean ``FetchedPage`` items into records; unusable pages: ``DropItem`` with a reason."""

    def __init__(self, *, crawler: Crawler, workers: int) -> None:
        self._crawler = crawler
        self._workers = workers
        self._executor: Executor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when ``NEWS_CLEAN_ENABLED`` is off."""
        if not crawler.settings.getbool("NEWS_CLEAN_ENABLED", True):
            raise NotConfigured("NEWS_CLEAN_ENABLED is off")
        return cls(crawler=crawler, workers=pool_size(crawler.settings.get("NEWS_CLEAN_POOL")))

    def open_spider(self) -> None:
        """Start the worker pool (forkserver: workers never inherit the reactor's threads)."""
        if self._workers > 0:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["crawler.pipelines.cleanjob", "cleaners.clean"])
            self._executor = ProcessPoolExecutor(max_workers=self._workers, mp_context=ctx,
                                                 initializer=watch_crawler,
                                                 initargs=(os.getpid(),))
            logger.info("Cleaning in %d worker processes", self._workers)

    def close_spider(self) -> None:
        """Stop the worker pool."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def _run(self, page: FetchedPage) -> Outcome:
        args = (page.html, page.url, page.hints, page.site, page.spider, page.encoding)
        if self._executor is None:
            return clean_page(*args)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, clean_page, *args)
        except BrokenProcessPool:
            logger.error("Cleaning pool broke on %s; restarting it", page.url)
            self.close_spider()
            self.open_spider()
            return "error", "BrokenProcessPool"

    async def process_item(self, item: Any) -> Any:
        """Clean a fetched page into a record dict; other items pass through."""
        if not isinstance(item, FetchedPage):
            return item
        stats = self._crawler.stats
        kind, value = await self._run(item)
        if kind == "bad_input":
            # "too large: 9 > 5" -> "too large"
            reason = re.split(r"[:(]", str(value), maxsplit=1)[0].strip().lower()
            stats.inc_value(f"news/failures/bad_input/{_STAT_KEY.sub('_', reason)[:40]}")
            raise DropItem(f"bad page {item.url}: {value}")
        if kind != "ok":
            stats.inc_value("news/failures/clean_error")
            logger.warning("Cleaning failed for %s: %s", item.url, value)
            raise DropItem(f"cleaning failed {item.url}: {value}")
        cleaning = value.get("cleaning", {})
        stats.inc_value("news/articles_cleaned")
        stats.inc_value("news/template_blocks_removed", cleaning.get("template_blocks_removed", 0))
        stats.inc_value("news/template_tokens_removed", cleaning.get("template_tokens_removed", 0))
        stats.inc_value("news/boilerplate_removed", cleaning.get("boilerplate_removed", 0))
        return value
