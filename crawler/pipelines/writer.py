"""DatedJsonlWriterPipeline: validate each record, append it with ``DatedJsonlWriter``."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import DropItem

from cleaners.archive.writer import DatedJsonlWriter
from cleaners.exceptions import InvalidRecord
from cleaners.validate import validate_record
from crawler.paths import output_root

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class DatedJsonlWriterPipeline:
    """Write records to ``<OUTPUT_DIR>/<site>/<YYYY-MM-DD|undated>[.<worker>].jsonl``."""

    def __init__(self, *, crawler: Crawler, root: Path, worker: str | None) -> None:
        self._crawler = crawler
        self.root = root
        self._worker = worker
        self._writer: DatedJsonlWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Root from ``OUTPUT_DIR`` / ``NEWSCLEAN_OUTPUT_DIR``; worker from ``NEWS_WORKER``."""
        pipe = cls(crawler=crawler, root=output_root(crawler.settings),
                   worker=crawler.settings.get("NEWS_WORKER") or None)
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self) -> None:
        """Open the writer (and its run manifest)."""
        spider = self._crawler.spider
        self._writer = DatedJsonlWriter(self.root, spider=spider.name if spider else None,
                                        worker=self._worker, on_locked="suffix")
        logger.info("Writing records under %s (run %s)", self.root, self._writer.run_id)
        self._crawler.stats.set_value("news/run_id", self._writer.run_id)  # for run health

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Close the writer; the run manifest records how the crawl ended."""
        if self._writer is not None:
            self._writer.close("finished" if reason == "finished" else "failed")
            self._writer = None

    async def process_item(self, item: Any) -> Any:
        """Validate and append one record (in a thread: the writer fsyncs); other items pass."""
        if not isinstance(item, dict):
            return item
        stats = self._crawler.stats
        try:
            validate_record(item)
        except InvalidRecord as exc:
            stats.inc_value("news/failures/invalid_record")
            raise DropItem(f"invalid record {item.get('url')}: {exc}") from exc
        if self._writer is None:
            raise DropItem("writer is closed")
        path = await asyncio.to_thread(self._writer.write, item)
        stats.inc_value("news/articles_written")
        logger.debug("Wrote %s to %s", item.get("url"), path)
        return item
