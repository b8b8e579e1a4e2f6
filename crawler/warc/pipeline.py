"""WarcWriterPipeline: write a record's page to WARC before its JSONL line; the record says where.

Placed after the seen check (unchanged articles already point to their page) and before the
JSONL writer: the page is durable in a WARC before the record naming it is written, so every
record's ``warc: {file, offset}`` can be read back, whenever the crawl is killed.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import NotConfigured

from crawler.warc.modes import OFF, warc_mode
from crawler.warc.store import warc_writer_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class WarcWriterPipeline:
    """Archive the HTTP exchange of each record about to be written (``NEWS_WARC``)."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler
        self._setting = crawler.settings.get("NEWS_WARC")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when ``NEWS_WARC`` is off."""
        if warc_mode(crawler.settings.get("NEWS_WARC")) == OFF:
            raise NotConfigured("NEWS_WARC is off")
        return cls(crawler=crawler)

    def open_spider(self) -> None:
        """Open the writer now: files of a killed run are repaired before anything is written."""
        if warc_mode(self._setting, self._crawler.spider) != OFF:
            warc_writer_for(self._crawler)

    async def process_item(self, item: Any) -> Any:
        """Write the page of a record that carries an exchange; set ``record["warc"]``."""
        exchange = getattr(item, "exchange", None)
        if not isinstance(item, dict) or exchange is None:
            return item
        meta = {**exchange.meta, "id": item["id"], "revision": item["revision"],
                "content_hash": item["content_hash"]}
        exchange = dataclasses.replace(exchange, meta=meta)
        writer = warc_writer_for(self._crawler)
        location = await asyncio.to_thread(writer.write, item["site"], exchange)
        item["warc"] = location.to_dict()
        item.exchange = None  # the body is on disk; do not keep it alive with the record
        self._crawler.stats.inc_value("news/warc/pages")
        return item
