"""JsonlStreamPipeline: records as JSON lines to stdout or appended to a file (scrapy scrape)."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem, NotConfigured

from cleaners.exceptions import InvalidRecord
from cleaners.io import dumps_record
from cleaners.validate import validate_record

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class JsonlStreamPipeline:
    """Write each record as one flushed line to ``NEWS_STREAM_OUTPUT`` ('-' = stdout)."""

    def __init__(self, *, crawler: Crawler, target: str) -> None:
        self._crawler = crawler
        self._target = target
        self._out: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured unless ``NEWS_STREAM_OUTPUT`` is set."""
        target = crawler.settings.get("NEWS_STREAM_OUTPUT")
        if not target:
            raise NotConfigured("NEWS_STREAM_OUTPUT not set")
        return cls(crawler=crawler, target=str(target))

    def open_spider(self) -> None:
        """Open the target (a file is appended to, like ``scrapy crawl -o``)."""
        self._out = sys.stdout if self._target == "-" else open(  # noqa: SIM115
            self._target, "a", encoding="utf-8")

    def close_spider(self) -> None:
        """Close the file (never stdout)."""
        if self._out is not None and self._out is not sys.stdout:
            self._out.close()
        self._out = None

    async def process_item(self, item: Any) -> Any:
        """Validate and write one record; other items pass."""
        if not isinstance(item, dict) or self._out is None:
            return item
        try:
            validate_record(item)
        except InvalidRecord as exc:
            self._crawler.stats.inc_value("news/failures/invalid_record")
            raise DropItem(f"invalid record {item.get('url')}: {exc}") from exc
        self._out.write(dumps_record(item) + "\n")
        self._out.flush()
        self._crawler.stats.inc_value("news/articles_written")
        return item
