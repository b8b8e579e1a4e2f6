"""CleanPipeline: a fetched page becomes a record via ``cleaners.clean_html`` in a process pool."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem, NotConfigured

from cleaners.record import record_id
from crawler.items import FetchedPage, Record
from crawler.middlewares.credentials import without_credentials
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

    def __init__(self, *, crawler: Crawler, workers: int, timeout: float | None) -> None:
        self._crawler = crawler
        self._workers = workers
        self._timeout = timeout
        self._executor: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when ``NEWS_CLEAN_ENABLED`` is off."""
        settings = crawler.settings
        if not settings.getbool("NEWS_CLEAN_ENABLED", True):
            raise NotConfigured("NEWS_CLEAN_ENABLED is off")
        timeout = settings.getfloat("NEWS_CLEAN_TIMEOUT", 0.0)
        return cls(crawler=crawler, workers=pool_size(settings.get("NEWS_CLEAN_POOL")),
                   timeout=timeout if timeout > 0 else None)

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

    def _restart(self, executor: ProcessPoolExecutor, *, kill: bool, why: str) -> None:
        """Replace a broken or stuck pool once; other items of the old pool fail and are dropped."""
        if executor is not self._executor:
            return  # another item restarted it already
        logger.error("Cleaning pool %s; restarting it", why)
        if kill:  # a worker stuck on one page: the only way to stop it
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        self.open_spider()

    async def _run(self, page: FetchedPage) -> Outcome:
        args = (page.html, page.url, page.hints, page.site, page.spider, page.encoding)
        executor = self._executor
        if executor is None:
            return clean_page(*args)
        future = asyncio.get_running_loop().run_in_executor(executor, clean_page, *args)
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError:
            self._restart(executor, kill=True, why=f"timed out on {page.url}")
            return "timeout", f"cleaning took longer than {self._timeout:g} s"
        except BrokenProcessPool:
            self._restart(executor, kill=False, why=f"broke on {page.url}")
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
        if kind == "timeout":
            stats.inc_value("news/failures/clean_timeout")
            raise DropItem(f"cleaning timed out {item.url}: {value}")
        if kind != "ok":
            stats.inc_value("news/failures/clean_error")
            logger.warning("Cleaning failed for %s: %s", item.url, value)
            raise DropItem(f"cleaning failed {item.url}: {value}")
        cleaning = value.get("cleaning", {})
        stats.inc_value("news/articles_cleaned")
        stats.inc_value("news/template_blocks_removed", cleaning.get("template_blocks_removed", 0))
        stats.inc_value("news/template_tokens_removed", cleaning.get("template_tokens_removed", 0))
        stats.inc_value("news/boilerplate_removed", cleaning.get("boilerplate_removed", 0))
        return Record(_without_credentials(value),
                      requested_urls=(item.requested_url,) if item.requested_url else (),
                      exchange=item.exchange, source_request=item.request)


def _without_credentials(record: dict[str, Any]) -> dict[str, Any]:
    """A canonical link that names ``user:password@`` loses it (and the id follows the link)."""
    canonical = record.get("canonical_url")
    if canonical and canonical != (bare := without_credentials(canonical)):
        record["canonical_url"] = bare
        record["id"] = record_id(bare, record.get("text", ""))
    return record
